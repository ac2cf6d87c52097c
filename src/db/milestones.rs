//! Queries on milestones. Visibility comes from the investigation (checked by callers).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::figures;
use super::schema::milestones;
use super::DbConnection;
use diesel::sql_types::Text;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = milestones)]
pub struct MilestoneRow {
    pub id: String,
    pub investigation_id: String,
    pub kind: String,
    pub title: String,
    pub responsible_agency_id: String,
    pub due_on: NaiveDate,
    pub status: String,
    pub achieved_on: Option<NaiveDate>,
    pub notes: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<MilestoneRow> {
    milestones::table
        .find(id)
        .select(MilestoneRow::as_select())
        .first(conn)
}

/// Newest first.
pub fn list(
    conn: &mut DbConnection,
    investigation_id: &str,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<MilestoneRow>> {
    let mut query = milestones::table
        .filter(milestones::investigation_id.eq(investigation_id.to_string()))
        .select(MilestoneRow::as_select())
        .order((milestones::created_at.desc(), milestones::id.desc()))
        .limit(limit)
        .into_boxed();
    query = super::after_cursor!(query, milestones::created_at, milestones::id, after);
    query.load(conn)
}

/// Inserts a milestone of an investigation of `jpa_id`, and counts it in the figures.
pub fn insert(conn: &mut DbConnection, jpa_id: &str, row: &MilestoneRow) -> QueryResult<()> {
    diesel::insert_into(milestones::table)
        .values(row)
        .execute(conn)?;
    figures::record(conn, None, Some((figures::milestone_key(jpa_id, row), 0)))
}

/// Writes `row` if the milestone is still at `before`'s version (`before` is the row as
/// read at that version), and moves it in the figures.
pub fn update(
    conn: &mut DbConnection,
    jpa_id: &str,
    before: &MilestoneRow,
    row: &MilestoneRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let changed = diesel::update(
        milestones::table
            .find(&row.id)
            .filter(milestones::version.eq(row.version)),
    )
    .set((
        milestones::kind.eq(&row.kind),
        milestones::title.eq(&row.title),
        milestones::responsible_agency_id.eq(&row.responsible_agency_id),
        milestones::due_on.eq(row.due_on),
        milestones::status.eq(&row.status),
        milestones::achieved_on.eq(row.achieved_on),
        milestones::notes.eq(&row.notes),
        milestones::version.eq(row.version + 1),
        milestones::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 1 {
        figures::record(
            conn,
            Some((figures::milestone_key(jpa_id, before), 0)),
            Some((figures::milestone_key(jpa_id, row), 0)),
        )?;
    }
    Ok(changed)
}

/// Deletes a milestone and takes out of the figures what was deleted (as it stood when
/// deleted, whatever the caller read before).
pub fn delete(conn: &mut DbConnection, jpa_id: &str, id: &str) -> QueryResult<usize> {
    let sql = format!(
        "DELETE FROM milestones WHERE id = {} RETURNING *",
        figures::param(conn, 1)
    );
    let deleted: Vec<MilestoneRow> = diesel::sql_query(sql).bind::<Text, _>(id).load(conn)?;
    for row in &deleted {
        figures::record(conn, Some((figures::milestone_key(jpa_id, row), 0)), None)?;
    }
    Ok(deleted.len())
}

/// Whether the agency is responsible for any milestone of the investigation.
pub fn agency_responsible_in(
    conn: &mut DbConnection,
    investigation_id: &str,
    agency_id: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        milestones::table
            .filter(milestones::investigation_id.eq(investigation_id))
            .filter(milestones::responsible_agency_id.eq(agency_id)),
    ))
    .get_result(conn)
}

/// Planned milestones of a JPA due on or before `until`:
/// `(responsible agency, investigation title, milestone title, due_on)`.
pub fn planned_in_jpa(
    conn: &mut DbConnection,
    jpa_id: &str,
    until: NaiveDate,
) -> QueryResult<Vec<(String, String, String, NaiveDate)>> {
    use super::schema::investigations;
    milestones::table
        .inner_join(investigations::table)
        .filter(investigations::jpa_id.eq(jpa_id))
        .filter(milestones::status.eq("planned"))
        .filter(milestones::due_on.le(until))
        .select((
            milestones::responsible_agency_id,
            investigations::title,
            milestones::title,
            milestones::due_on,
        ))
        .load(conn)
}

/// One page of a JPA's milestones in id order, with the investigation's title (exports).
pub fn page_in_jpa(
    conn: &mut DbConnection,
    jpa_id: &str,
    after_id: &str,
    limit: i64,
) -> QueryResult<Vec<(MilestoneRow, String)>> {
    use super::schema::investigations;
    milestones::table
        .inner_join(investigations::table)
        .filter(investigations::jpa_id.eq(jpa_id))
        .filter(milestones::id.gt(after_id))
        .order(milestones::id.asc())
        .limit(limit)
        .select((MilestoneRow::as_select(), investigations::title))
        .load(conn)
}

/// Every milestone of the given investigations, by due date.
pub fn of_investigations(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<Vec<MilestoneRow>> {
    milestones::table
        .filter(milestones::investigation_id.eq_any(ids))
        .order((milestones::due_on.asc(), milestones::id.asc()))
        .select(MilestoneRow::as_select())
        .load(conn)
}

/// Planned milestones of a JPA due on or before `until` that an agency may mark achieved
/// (it is responsible, or it leads the investigation), by due date, with the
/// investigation's title: the to-do list of the agency's liaisons.
pub fn planned_for_agency(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: &str,
    until: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<(MilestoneRow, String)>> {
    use super::schema::investigations;
    milestones::table
        .inner_join(investigations::table)
        .filter(investigations::jpa_id.eq(jpa_id.to_string()))
        .filter(milestones::status.eq("planned"))
        .filter(milestones::due_on.le(until))
        .filter(
            milestones::responsible_agency_id
                .eq(agency_id.to_string())
                .or(investigations::lead_agency_id.eq(agency_id.to_string())),
        )
        .order((milestones::due_on.asc(), milestones::id.asc()))
        .limit(limit)
        .select((MilestoneRow::as_select(), investigations::title))
        .load(conn)
}
