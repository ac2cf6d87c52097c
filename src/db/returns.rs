//! Monthly returns: one row per (JPA, agency, period).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::monthly_returns;
use super::DbConnection;
use crate::domain::enums::ReturnStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = monthly_returns)]
pub struct ReturnRow {
    pub id: String,
    pub jpa_id: String,
    pub agency_id: String,
    pub period: String,
    pub narrative: String,
    pub nil_return: bool,
    pub status: String,
    pub submitted_at: Option<NaiveDateTime>,
    pub submitted_by: Option<String>,
    pub on_time: Option<bool>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: &str,
    period: &str,
) -> QueryResult<Option<ReturnRow>> {
    monthly_returns::table
        .filter(monthly_returns::jpa_id.eq(jpa_id))
        .filter(monthly_returns::agency_id.eq(agency_id))
        .filter(monthly_returns::period.eq(period))
        .select(ReturnRow::as_select())
        .first(conn)
        .optional()
}

/// When a return was submitted (if it was): all that compliance reads of one.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = monthly_returns)]
pub struct Submission {
    pub agency_id: String,
    pub period: String,
    pub submitted_at: Option<NaiveDateTime>,
}

impl From<&ReturnRow> for Submission {
    fn from(r: &ReturnRow) -> Self {
        Submission {
            agency_id: r.agency_id.clone(),
            period: r.period.clone(),
            submitted_at: r.submitted_at,
        }
    }
}

/// The submissions of a JPA's returns (for compliance, without their narratives),
/// optionally one agency's.
pub fn submissions(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: Option<&str>,
) -> QueryResult<Vec<Submission>> {
    let mut query = monthly_returns::table
        .filter(monthly_returns::jpa_id.eq(jpa_id.to_string()))
        .select(Submission::as_select())
        .into_boxed();
    if let Some(agency) = agency_id {
        query = query.filter(monthly_returns::agency_id.eq(agency.to_string()));
    }
    query.load(conn)
}

/// Every return of a JPA, optionally one agency's.
pub fn all_for_jpa(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: Option<&str>,
) -> QueryResult<Vec<ReturnRow>> {
    let mut query = monthly_returns::table
        .filter(monthly_returns::jpa_id.eq(jpa_id.to_string()))
        .select(ReturnRow::as_select())
        .into_boxed();
    if let Some(agency) = agency_id {
        query = query.filter(monthly_returns::agency_id.eq(agency.to_string()));
    }
    query.load(conn)
}

/// Newest first, with optional filters.
pub fn list(
    conn: &mut DbConnection,
    jpa_id: &str,
    agency_id: Option<String>,
    period: Option<String>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<ReturnRow>> {
    let mut query = monthly_returns::table
        .filter(monthly_returns::jpa_id.eq(jpa_id.to_string()))
        .select(ReturnRow::as_select())
        .order((
            monthly_returns::created_at.desc(),
            monthly_returns::id.desc(),
        ))
        .limit(limit)
        .into_boxed();
    if let Some(agency) = agency_id {
        query = query.filter(monthly_returns::agency_id.eq(agency));
    }
    if let Some(period) = period {
        query = query.filter(monthly_returns::period.eq(period));
    }
    query = super::after_cursor!(
        query,
        monthly_returns::created_at,
        monthly_returns::id,
        after
    );
    query.load(conn)
}

pub fn insert(conn: &mut DbConnection, row: &ReturnRow) -> QueryResult<()> {
    diesel::insert_into(monthly_returns::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Saves a draft's fields, if it is still a draft (0 rows: it was submitted meanwhile).
pub fn save_draft(
    conn: &mut DbConnection,
    row: &ReturnRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        monthly_returns::table
            .find(&row.id)
            .filter(monthly_returns::status.eq(DRAFT)),
    )
    .set((
        monthly_returns::narrative.eq(&row.narrative),
        monthly_returns::nil_return.eq(row.nil_return),
        monthly_returns::version.eq(monthly_returns::version + 1),
        monthly_returns::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Submits a draft, if it is still one: of two parallel submits exactly one changes the
/// row (the other gets 0 and answers 409).
pub fn submit(
    conn: &mut DbConnection,
    id: &str,
    submitted_by: &str,
    on_time: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        monthly_returns::table
            .find(id)
            .filter(monthly_returns::status.eq(DRAFT)),
    )
    .set((
        monthly_returns::status.eq(SUBMITTED),
        monthly_returns::submitted_at.eq(Some(now)),
        monthly_returns::submitted_by.eq(Some(submitted_by)),
        monthly_returns::on_time.eq(Some(on_time)),
        monthly_returns::version.eq(monthly_returns::version + 1),
        monthly_returns::updated_at.eq(now),
    ))
    .execute(conn)
}

const DRAFT: &str = ReturnStatus::Draft.as_str();
const SUBMITTED: &str = ReturnStatus::Submitted.as_str();
