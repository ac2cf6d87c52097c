//! Monthly returns: one row per (JPA, agency, period).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::monthly_returns;
use super::DbConnection;

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

/// Every return of a JPA (for compliance), optionally one agency's.
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

pub fn update(conn: &mut DbConnection, row: &ReturnRow, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(monthly_returns::table.find(&row.id))
        .set((
            monthly_returns::narrative.eq(&row.narrative),
            monthly_returns::nil_return.eq(row.nil_return),
            monthly_returns::status.eq(&row.status),
            monthly_returns::submitted_at.eq(row.submitted_at),
            monthly_returns::submitted_by.eq(&row.submitted_by),
            monthly_returns::on_time.eq(row.on_time),
            monthly_returns::version.eq(row.version + 1),
            monthly_returns::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}
