//! The outcome ledger: one row per reported figure, contributing agencies, revisions.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use diesel::sql_types::Text;

use super::figures;
use super::schema::{outcome_contributors, outcome_revisions, outcomes};
use super::{new_id, DbConnection};

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = outcomes)]
pub struct OutcomeRow {
    pub id: String,
    pub investigation_id: String,
    pub indicator: String,
    pub value: i64,
    pub occurred_on: NaiveDate,
    pub lead_agency_id: String,
    pub status: String,
    pub notes: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outcome_revisions)]
pub struct RevisionRow {
    pub id: String,
    pub outcome_id: String,
    pub previous_value: i64,
    pub new_value: i64,
    pub reason: String,
    pub revised_by: Option<String>,
    pub revised_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<OutcomeRow> {
    outcomes::table
        .find(id)
        .select(OutcomeRow::as_select())
        .first(conn)
}

/// Newest first.
pub fn list(
    conn: &mut DbConnection,
    investigation_id: &str,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<OutcomeRow>> {
    let mut query = outcomes::table
        .filter(outcomes::investigation_id.eq(investigation_id.to_string()))
        .select(OutcomeRow::as_select())
        .order((outcomes::created_at.desc(), outcomes::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, outcomes::created_at, outcomes::id, after);
    query.load(conn)
}

/// Contributing agencies of each outcome, in one query.
pub fn contributors_of(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = outcome_contributors::table
        .filter(outcome_contributors::outcome_id.eq_any(ids))
        .order((
            outcome_contributors::outcome_id,
            outcome_contributors::agency_id,
        ))
        .select((
            outcome_contributors::outcome_id,
            outcome_contributors::agency_id,
        ))
        .load(conn)?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (outcome, agency) in rows {
        map.entry(outcome).or_default().push(agency);
    }
    Ok(map)
}

/// Inserts an outcome of an investigation of `jpa_id`, and counts it in the figures.
pub fn insert(
    conn: &mut DbConnection,
    jpa_id: &str,
    row: &OutcomeRow,
    contributors: &[String],
) -> QueryResult<()> {
    diesel::insert_into(outcomes::table)
        .values(row)
        .execute(conn)?;
    figures::record(conn, None, Some(figures::outcome_key(jpa_id, row)))?;
    set_contributors(conn, &row.id, contributors)
}

pub fn set_contributors(
    conn: &mut DbConnection,
    id: &str,
    contributors: &[String],
) -> QueryResult<()> {
    diesel::delete(outcome_contributors::table.filter(outcome_contributors::outcome_id.eq(id)))
        .execute(conn)?;
    for agency in contributors {
        diesel::insert_into(outcome_contributors::table)
            .values((
                outcome_contributors::outcome_id.eq(id),
                outcome_contributors::agency_id.eq(agency),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Writes `row` if the outcome is still at `before`'s version (`before` is the row as
/// read at that version), and moves it in the figures.
pub fn update(
    conn: &mut DbConnection,
    jpa_id: &str,
    before: &OutcomeRow,
    row: &OutcomeRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let changed = diesel::update(
        outcomes::table
            .find(&row.id)
            .filter(outcomes::version.eq(row.version)),
    )
    .set((
        outcomes::indicator.eq(&row.indicator),
        outcomes::value.eq(row.value),
        outcomes::occurred_on.eq(row.occurred_on),
        outcomes::status.eq(&row.status),
        outcomes::notes.eq(&row.notes),
        outcomes::version.eq(row.version + 1),
        outcomes::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 1 {
        figures::record(
            conn,
            Some(figures::outcome_key(jpa_id, before)),
            Some(figures::outcome_key(jpa_id, row)),
        )?;
    }
    Ok(changed)
}

/// Deletes an outcome with its revisions and contributors, and takes out of the figures
/// what was deleted (as it stood when deleted).
pub fn delete(conn: &mut DbConnection, jpa_id: &str, id: &str) -> QueryResult<usize> {
    diesel::delete(outcome_revisions::table.filter(outcome_revisions::outcome_id.eq(id)))
        .execute(conn)?;
    diesel::delete(outcome_contributors::table.filter(outcome_contributors::outcome_id.eq(id)))
        .execute(conn)?;
    let sql = format!(
        "DELETE FROM outcomes WHERE id = {} RETURNING *",
        figures::param(conn, 1)
    );
    let deleted: Vec<OutcomeRow> = diesel::sql_query(sql).bind::<Text, _>(id).load(conn)?;
    for row in &deleted {
        figures::record(conn, Some(figures::outcome_key(jpa_id, row)), None)?;
    }
    Ok(deleted.len())
}

pub fn add_revision(
    conn: &mut DbConnection,
    outcome_id: &str,
    previous_value: i64,
    new_value: i64,
    reason: &str,
    revised_by: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(outcome_revisions::table)
        .values((
            outcome_revisions::id.eq(new_id()),
            outcome_revisions::outcome_id.eq(outcome_id),
            outcome_revisions::previous_value.eq(previous_value),
            outcome_revisions::new_value.eq(new_value),
            outcome_revisions::reason.eq(reason),
            outcome_revisions::revised_by.eq(Some(revised_by)),
            outcome_revisions::revised_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Oldest first: the history as it happened.
pub fn revisions(conn: &mut DbConnection, outcome_id: &str) -> QueryResult<Vec<RevisionRow>> {
    outcome_revisions::table
        .filter(outcome_revisions::outcome_id.eq(outcome_id))
        .order((
            outcome_revisions::revised_at.asc(),
            outcome_revisions::id.asc(),
        ))
        .select(RevisionRow::as_select())
        .load(conn)
}

/// Whether the agency leads any outcome of the investigation.
pub fn agency_leads_in(
    conn: &mut DbConnection,
    investigation_id: &str,
    agency_id: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        outcomes::table
            .filter(outcomes::investigation_id.eq(investigation_id))
            .filter(outcomes::lead_agency_id.eq(agency_id)),
    ))
    .get_result(conn)
}

/// One page of a JPA's outcomes in id order (exports).
pub fn page_in_jpa(
    conn: &mut DbConnection,
    jpa_id: &str,
    after_id: &str,
    limit: i64,
) -> QueryResult<Vec<OutcomeRow>> {
    use super::schema::investigations;
    outcomes::table
        .inner_join(investigations::table)
        .filter(investigations::jpa_id.eq(jpa_id))
        .filter(outcomes::id.gt(after_id))
        .order(outcomes::id.asc())
        .limit(limit)
        .select(OutcomeRow::as_select())
        .load(conn)
}

/// Every outcome of the given investigations.
pub fn of_investigations(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<OutcomeRow>> {
    outcomes::table
        .filter(outcomes::investigation_id.eq_any(ids))
        .order((outcomes::indicator.asc(), outcomes::id.asc()))
        .select(OutcomeRow::as_select())
        .load(conn)
}
