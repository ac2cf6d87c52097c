//! Queries on investigations, their partners and links, always within the caller's scope.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::figures;
use super::schema::{investigation_links, investigation_partners, investigations};
use super::DbConnection;
use crate::auth::policy::Scope;

diesel::define_sql_function!(fn lower(x: Text) -> Text);

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = investigations)]
pub struct InvestigationRow {
    pub id: String,
    pub jpa_id: String,
    pub lead_agency_id: String,
    pub reference: String,
    pub title: String,
    pub summary: String,
    pub people_smuggling: bool,
    pub trafficking_in_persons: bool,
    pub status: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub route_legs: String,
    pub modus_operandi: String,
    pub sensitivity: String,
    pub trafficking_indicators: String,
    pub include_in_compendium: bool,
    pub compendium: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The filter of a scope as a boxed SQL expression over `investigations`.
macro_rules! scoped {
    ($query:expr, $scope:expr) => {{
        let query = $query;
        match $scope {
            Scope::All => Some(query),
            Scope::Agency(agency) => Some(
                query.filter(
                    investigations::lead_agency_id
                        .eq(agency.clone())
                        .or(investigations::id.eq_any(
                            investigation_partners::table
                                .filter(investigation_partners::agency_id.eq(agency.clone()))
                                .select(investigation_partners::investigation_id),
                        )),
                ),
            ),
            Scope::Nothing => None,
        }
    }};
}

/// An investigation the caller may see, or `NotFound`.
pub fn find_visible(
    conn: &mut DbConnection,
    id: &str,
    scope: &Scope,
) -> QueryResult<InvestigationRow> {
    let query = investigations::table
        .find(id.to_string())
        .select(InvestigationRow::as_select())
        .into_boxed();
    match scoped!(query, scope) {
        Some(query) => query.first(conn),
        None => Err(diesel::result::Error::NotFound),
    }
}

/// Filters of the investigation list.
#[derive(Debug, Default, Clone)]
pub struct InvestigationFilter {
    pub status: Option<String>,
    pub crime_type: Option<String>,
    pub agency_id: Option<String>,
    pub q: Option<String>,
    /// The caller's agency: a restricted investigation's reference is searched only
    /// when this agency takes part in it.
    pub caller_agency: Option<String>,
}

fn like_pattern(q: &str) -> String {
    let escaped = q
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Newest first, one query.
pub fn list(
    conn: &mut DbConnection,
    jpa_id: &str,
    scope: &Scope,
    filter: InvestigationFilter,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<InvestigationRow>> {
    let query = investigations::table
        .filter(investigations::jpa_id.eq(jpa_id.to_string()))
        .select(InvestigationRow::as_select())
        .order((investigations::created_at.desc(), investigations::id.desc()))
        .limit(limit)
        .into_boxed();
    let Some(mut query) = scoped!(query, scope) else {
        return Ok(Vec::new());
    };
    if let Some(status) = filter.status {
        query = query.filter(investigations::status.eq(status));
    }
    match filter.crime_type.as_deref() {
        Some("people_smuggling") => query = query.filter(investigations::people_smuggling.eq(true)),
        Some("trafficking_in_persons") => {
            query = query.filter(investigations::trafficking_in_persons.eq(true))
        }
        _ => {}
    }
    if let Some(agency) = filter.agency_id {
        query = query.filter(
            investigations::lead_agency_id
                .eq(agency.clone())
                .or(investigations::id.eq_any(
                    investigation_partners::table
                        .filter(investigation_partners::agency_id.eq(agency))
                        .select(investigation_partners::investigation_id),
                )),
        );
    }
    if let Some(q) = filter.q {
        let pattern = like_pattern(&q);
        let own = filter.caller_agency.unwrap_or_default();
        let reference_visible = investigations::sensitivity
            .eq("standard")
            .or(investigations::lead_agency_id.eq(own.clone()))
            .or(investigations::id.eq_any(
                investigation_partners::table
                    .filter(investigation_partners::agency_id.eq(own))
                    .select(investigation_partners::investigation_id),
            ));
        query = query.filter(
            lower(investigations::title)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(investigations::reference)
                    .like(pattern)
                    .escape('\\')
                    .and(reference_visible)),
        );
    }
    query = super::after_cursor!(query, investigations::created_at, investigations::id, after);
    query.load(conn)
}

/// Partner agency ids of each investigation, in one query.
pub fn partners_of(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = investigation_partners::table
        .filter(investigation_partners::investigation_id.eq_any(ids))
        .order((
            investigation_partners::investigation_id,
            investigation_partners::agency_id,
        ))
        .select((
            investigation_partners::investigation_id,
            investigation_partners::agency_id,
        ))
        .load(conn)?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (inv, agency) in rows {
        map.entry(inv).or_default().push(agency);
    }
    Ok(map)
}

pub fn partners(conn: &mut DbConnection, id: &str) -> QueryResult<Vec<String>> {
    Ok(partners_of(conn, &[id.to_string()])?
        .remove(id)
        .unwrap_or_default())
}

/// Inserts an investigation and counts it in the figures.
pub fn insert(conn: &mut DbConnection, row: &InvestigationRow) -> QueryResult<()> {
    let before = figures::investigation_before(conn, &row.id)?;
    diesel::insert_into(investigations::table)
        .values(row)
        .execute(conn)?;
    figures::investigation_after(conn, &row.id, before)
}

/// Writes `row` if the investigation is still at its version, and moves it in the
/// figures.
pub fn update(
    conn: &mut DbConnection,
    row: &InvestigationRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let before = figures::investigation_before(conn, &row.id)?;
    let changed = diesel::update(
        investigations::table
            .find(&row.id)
            .filter(investigations::version.eq(row.version)),
    )
    .set((
        investigations::reference.eq(&row.reference),
        investigations::title.eq(&row.title),
        investigations::summary.eq(&row.summary),
        investigations::people_smuggling.eq(row.people_smuggling),
        investigations::trafficking_in_persons.eq(row.trafficking_in_persons),
        investigations::status.eq(&row.status),
        investigations::opened_on.eq(row.opened_on),
        investigations::closed_on.eq(row.closed_on),
        investigations::route_legs.eq(&row.route_legs),
        investigations::modus_operandi.eq(&row.modus_operandi),
        investigations::sensitivity.eq(&row.sensitivity),
        investigations::trafficking_indicators.eq(&row.trafficking_indicators),
        investigations::include_in_compendium.eq(row.include_in_compendium),
        investigations::compendium.eq(&row.compendium),
        investigations::version.eq(row.version + 1),
        investigations::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 1 {
        figures::investigation_after(conn, &row.id, before)?;
    }
    Ok(changed)
}

/// Bumps the version after a change made through a sub-resource (partners).
pub fn touch(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(investigations::table.find(id))
        .set((
            investigations::version.eq(investigations::version + 1),
            investigations::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn add_partner(
    conn: &mut DbConnection,
    id: &str,
    agency_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let before = figures::investigation_before(conn, id)?;
    diesel::insert_into(investigation_partners::table)
        .values((
            investigation_partners::investigation_id.eq(id),
            investigation_partners::agency_id.eq(agency_id),
            investigation_partners::created_at.eq(now),
        ))
        .execute(conn)?;
    figures::investigation_after(conn, id, before)
}

pub fn remove_partner(conn: &mut DbConnection, id: &str, agency_id: &str) -> QueryResult<usize> {
    let before = figures::investigation_before(conn, id)?;
    let removed = diesel::delete(
        investigation_partners::table
            .filter(investigation_partners::investigation_id.eq(id))
            .filter(investigation_partners::agency_id.eq(agency_id)),
    )
    .execute(conn)?;
    if removed > 0 {
        figures::investigation_after(conn, id, before)?;
    }
    Ok(removed)
}

/// Links are stored once, with the smaller id first.
pub fn link_key(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// `(other end, relation, created_at)` of every link touching `id`.
pub fn links_of(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
    let rows: Vec<(String, String, String, NaiveDateTime)> = investigation_links::table
        .filter(
            investigation_links::investigation_a
                .eq(id)
                .or(investigation_links::investigation_b.eq(id)),
        )
        .order(investigation_links::created_at.desc())
        .select((
            investigation_links::investigation_a,
            investigation_links::investigation_b,
            investigation_links::relation,
            investigation_links::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(a, b, relation, at)| (if a == id { b } else { a }, relation, at))
        .collect())
}

/// Which of `ids` the scope lets the caller see, in one query.
pub fn visible_ids(
    conn: &mut DbConnection,
    ids: &[String],
    scope: &Scope,
) -> QueryResult<Vec<String>> {
    let query = investigations::table
        .filter(investigations::id.eq_any(ids.to_vec()))
        .select(investigations::id)
        .into_boxed();
    match scoped!(query, scope) {
        Some(query) => query.load(conn),
        None => Ok(Vec::new()),
    }
}

pub fn add_link(
    conn: &mut DbConnection,
    a: &str,
    b: &str,
    relation: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (a, b) = link_key(a, b);
    diesel::insert_into(investigation_links::table)
        .values((
            investigation_links::investigation_a.eq(a),
            investigation_links::investigation_b.eq(b),
            investigation_links::relation.eq(relation),
            investigation_links::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn remove_link(conn: &mut DbConnection, a: &str, b: &str) -> QueryResult<usize> {
    let (a, b) = link_key(a, b);
    diesel::delete(
        investigation_links::table
            .filter(investigation_links::investigation_a.eq(a))
            .filter(investigation_links::investigation_b.eq(b)),
    )
    .execute(conn)
}

/// One page of a JPA's investigations in id order (exports).
pub fn page_in_jpa(
    conn: &mut DbConnection,
    jpa_id: &str,
    after_id: &str,
    limit: i64,
) -> QueryResult<Vec<InvestigationRow>> {
    investigations::table
        .filter(investigations::jpa_id.eq(jpa_id))
        .filter(investigations::id.gt(after_id))
        .order(investigations::id.asc())
        .limit(limit)
        .select(InvestigationRow::as_select())
        .load(conn)
}

/// Closed investigations whose lead agency opted into the compendium, by closing date.
pub fn compendium_cases(
    conn: &mut DbConnection,
    jpa_id: &str,
) -> QueryResult<Vec<InvestigationRow>> {
    investigations::table
        .filter(investigations::jpa_id.eq(jpa_id))
        .filter(investigations::status.eq("closed"))
        .filter(investigations::include_in_compendium.eq(true))
        .order((investigations::closed_on.asc(), investigations::id.asc()))
        .select(InvestigationRow::as_select())
        .load(conn)
}
