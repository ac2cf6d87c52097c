//! Queries on `jpas` and `participations`, filtered by the caller's scope.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::agencies::AgencyRow;
use super::schema::{agencies, investigation_partners, investigations, jpas, participations};
use super::DbConnection;
use crate::auth::policy::Scope;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = jpas)]
pub struct JpaRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: String,
    pub is_exercise: bool,
    pub report_due_day: i32,
    pub reminder_days_before: i32,
    pub timezone: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The JPA of an object the caller was already shown (its visibility was checked on
/// that object), or `NotFound`.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<JpaRow> {
    jpas::table.find(id).select(JpaRow::as_select()).first(conn)
}

/// A JPA the caller may see, or `NotFound`.
pub fn find_visible(conn: &mut DbConnection, id: &str, scope: &Scope) -> QueryResult<JpaRow> {
    let mut query = jpas::table
        .find(id)
        .select(JpaRow::as_select())
        .into_boxed();
    match scope {
        Scope::All => {}
        Scope::Agency(agency) => {
            query = query.filter(
                jpas::id.eq_any(
                    participations::table
                        .filter(participations::agency_id.eq(agency.clone()))
                        .select(participations::jpa_id),
                ),
            )
        }
        Scope::Nothing => return Err(diesel::result::Error::NotFound),
    }
    query.first(conn)
}

/// Newest first.
pub fn list(
    conn: &mut DbConnection,
    scope: &Scope,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<JpaRow>> {
    let mut query = jpas::table
        .select(JpaRow::as_select())
        .order((jpas::created_at.desc(), jpas::id.desc()))
        .limit(limit)
        .into_boxed();
    match scope {
        Scope::All => {}
        Scope::Agency(agency) => {
            query = query.filter(
                jpas::id.eq_any(
                    participations::table
                        .filter(participations::agency_id.eq(agency.clone()))
                        .select(participations::jpa_id),
                ),
            )
        }
        Scope::Nothing => return Ok(Vec::new()),
    }
    query = super::after_cursor!(query, jpas::created_at, jpas::id, after);
    query.load(conn)
}

pub fn insert(conn: &mut DbConnection, row: &JpaRow) -> QueryResult<()> {
    diesel::insert_into(jpas::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(conn: &mut DbConnection, row: &JpaRow, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        jpas::table
            .find(&row.id)
            .filter(jpas::version.eq(row.version)),
    )
    .set((
        jpas::code.eq(&row.code),
        jpas::name.eq(&row.name),
        jpas::description.eq(&row.description),
        jpas::start_date.eq(row.start_date),
        jpas::end_date.eq(row.end_date),
        jpas::status.eq(&row.status),
        jpas::is_exercise.eq(row.is_exercise),
        jpas::report_due_day.eq(row.report_due_day),
        jpas::reminder_days_before.eq(row.reminder_days_before),
        jpas::timezone.eq(&row.timezone),
        jpas::version.eq(row.version + 1),
        jpas::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Participating agencies with the day each joined, by name.
pub fn participants(
    conn: &mut DbConnection,
    jpa_id: &str,
) -> QueryResult<Vec<(AgencyRow, NaiveDate)>> {
    participations::table
        .inner_join(agencies::table)
        .filter(participations::jpa_id.eq(jpa_id))
        .order(agencies::name.asc())
        .select((AgencyRow::as_select(), participations::joined_on))
        .load(conn)
}

pub fn participates(conn: &mut DbConnection, jpa_id: &str, agency_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        participations::table
            .filter(participations::jpa_id.eq(jpa_id))
            .filter(participations::agency_id.eq(agency_id)),
    ))
    .get_result(conn)
}

/// How many of `agency_ids` participate in the JPA.
pub fn count_participating(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_ids: &[String],
) -> QueryResult<i64> {
    participations::table
        .filter(participations::jpa_id.eq(jpa_id))
        .filter(participations::agency_id.eq_any(agency_ids))
        .count()
        .get_result(conn)
}

pub fn add_participant(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: &str,
    joined_on: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(participations::table)
        .values((
            participations::jpa_id.eq(jpa_id),
            participations::agency_id.eq(agency_id),
            participations::joined_on.eq(joined_on),
            participations::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn remove_participant(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: &str,
) -> QueryResult<usize> {
    diesel::delete(
        participations::table
            .filter(participations::jpa_id.eq(jpa_id))
            .filter(participations::agency_id.eq(agency_id)),
    )
    .execute(conn)
}

/// Whether the agency leads or partners any investigation of the JPA.
pub fn agency_has_investigations(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: &str,
) -> QueryResult<bool> {
    let leads: bool = diesel::select(diesel::dsl::exists(
        investigations::table
            .filter(investigations::jpa_id.eq(jpa_id))
            .filter(investigations::lead_agency_id.eq(agency_id)),
    ))
    .get_result(conn)?;
    if leads {
        return Ok(true);
    }
    diesel::select(diesel::dsl::exists(
        investigation_partners::table
            .inner_join(investigations::table)
            .filter(investigations::jpa_id.eq(jpa_id))
            .filter(investigation_partners::agency_id.eq(agency_id)),
    ))
    .get_result(conn)
}

/// Every JPA with the given status.
pub fn with_status(conn: &mut DbConnection, status: &str) -> QueryResult<Vec<JpaRow>> {
    jpas::table
        .filter(jpas::status.eq(status))
        .order(jpas::created_at.asc())
        .select(JpaRow::as_select())
        .load(conn)
}

pub fn with_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<JpaRow>> {
    jpas::table
        .filter(jpas::code.eq(code))
        .select(JpaRow::as_select())
        .first(conn)
        .optional()
}
