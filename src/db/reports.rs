//! Aggregate queries for progress: a fixed number of GROUP BY statements per call,
//! whatever the number of agencies, investigations or months. Written as portable SQL;
//! the one dialect difference (a date's `YYYY-MM`) is behind `month_of`.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Integer, Text};

use super::DbConnection;

/// `YYYY-MM` of a date column, per dialect.
fn month_of(conn: &DbConnection, column: &str) -> String {
    match conn {
        DbConnection::Pg(_) => format!("to_char({column}, 'YYYY-MM')"),
        DbConnection::Sqlite(_) => format!("strftime('%Y-%m', {column})"),
    }
}

/// Placeholders: `$n` on PostgreSQL, `?` on SQLite.
fn ph(conn: &DbConnection, n: usize) -> String {
    match conn {
        DbConnection::Pg(_) => format!("${n}"),
        DbConnection::Sqlite(_) => "?".to_string(),
    }
}

#[derive(Debug, QueryableByName)]
pub struct InvestigationGroup {
    #[diesel(sql_type = Text)]
    pub agency_id: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    /// Closed after `as_of`: it was still open then.
    #[diesel(sql_type = Integer)]
    pub closed_later: i32,
    #[diesel(sql_type = Integer)]
    pub people_smuggling: i32,
    #[diesel(sql_type = Integer)]
    pub trafficking_in_persons: i32,
    #[diesel(sql_type = Integer)]
    pub cross_border: i32,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// Investigations opened by `as_of`, grouped by lead agency, status, crime types and
/// whether they cross a border (a partner agency of another country than the lead's).
pub fn investigation_groups(
    conn: &mut DbConnection,
    jpa_id: &str,
    as_of: NaiveDate,
) -> QueryResult<Vec<InvestigationGroup>> {
    // Cross-border investigations found once with a join (an EXISTS per row cost twice as much).
    let sql = format!(
        "SELECT i.lead_agency_id AS agency_id, i.status AS status, \
           CASE WHEN i.closed_on IS NOT NULL AND i.closed_on > {p1} THEN 1 ELSE 0 END AS closed_later, \
           CASE WHEN i.people_smuggling THEN 1 ELSE 0 END AS people_smuggling, \
           CASE WHEN i.trafficking_in_persons THEN 1 ELSE 0 END AS trafficking_in_persons, \
           CASE WHEN x.investigation_id IS NULL THEN 0 ELSE 1 END AS cross_border, \
           COUNT(*) AS n \
         FROM investigations i \
         LEFT JOIN (SELECT p.investigation_id FROM investigation_partners p \
             JOIN investigations i2 ON i2.id = p.investigation_id \
             JOIN agencies pa ON pa.id = p.agency_id JOIN agencies la ON la.id = i2.lead_agency_id \
             WHERE i2.jpa_id = {p2} AND pa.country <> la.country GROUP BY p.investigation_id) x \
           ON x.investigation_id = i.id \
         WHERE i.jpa_id = {p2} AND i.opened_on <= {p3} \
         GROUP BY 1, 2, 3, 4, 5, 6",
        p1 = ph(conn, 1),
        p2 = ph(conn, 2),
        p3 = ph(conn, 3),
    );
    match conn {
        DbConnection::Pg(_) => diesel::sql_query(sql)
            .bind::<Date, _>(as_of)
            .bind::<Text, _>(jpa_id)
            .bind::<Date, _>(as_of)
            .load(conn),
        DbConnection::Sqlite(_) => diesel::sql_query(sql)
            .bind::<Date, _>(as_of)
            .bind::<Text, _>(jpa_id)
            .bind::<Text, _>(jpa_id)
            .bind::<Date, _>(as_of)
            .load(conn),
    }
}

#[derive(Debug, QueryableByName)]
pub struct MilestoneGroup {
    #[diesel(sql_type = Text)]
    pub agency_id: String,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
    #[diesel(sql_type = BigInt)]
    pub achieved: i64,
    #[diesel(sql_type = BigInt)]
    pub cancelled: i64,
    #[diesel(sql_type = BigInt)]
    pub overdue: i64,
    #[diesel(sql_type = BigInt)]
    pub due_next_30_days: i64,
}

/// Milestones by responsible agency as they stood on `as_of`: achieved means achieved by
/// then; overdue and due-soon count the ones still open then.
pub fn milestone_groups(
    conn: &mut DbConnection,
    jpa_id: &str,
    as_of: NaiveDate,
    horizon: NaiveDate,
) -> QueryResult<Vec<MilestoneGroup>> {
    let done = format!(
        "(m.status = 'achieved' AND m.achieved_on <= {})",
        ph(conn, 1)
    );
    let sql = format!(
        "SELECT m.responsible_agency_id AS agency_id, COUNT(*) AS total, \
           CAST(SUM(CASE WHEN {done} THEN 1 ELSE 0 END) AS BIGINT) AS achieved, \
           CAST(SUM(CASE WHEN m.status = 'cancelled' THEN 1 ELSE 0 END) AS BIGINT) AS cancelled, \
           CAST(SUM(CASE WHEN m.status <> 'cancelled' AND NOT {done} AND m.due_on < {p1} THEN 1 ELSE 0 END) AS BIGINT) AS overdue, \
           CAST(SUM(CASE WHEN m.status <> 'cancelled' AND NOT {done} AND m.due_on >= {p1} AND m.due_on <= {p2} THEN 1 ELSE 0 END) AS BIGINT) AS due_next_30_days \
         FROM milestones m JOIN investigations i ON i.id = m.investigation_id \
         WHERE i.jpa_id = {p3} GROUP BY m.responsible_agency_id",
        p1 = ph(conn, 1),
        p2 = ph(conn, 2),
        p3 = ph(conn, 3),
    );
    // SQLite numbers `?` by position, so its binds repeat in text order.
    match conn {
        DbConnection::Pg(_) => diesel::sql_query(sql)
            .bind::<Date, _>(as_of)
            .bind::<Date, _>(horizon)
            .bind::<Text, _>(jpa_id)
            .load(conn),
        DbConnection::Sqlite(_) => diesel::sql_query(sql)
            .bind::<Date, _>(as_of)
            .bind::<Date, _>(as_of)
            .bind::<Date, _>(as_of)
            .bind::<Date, _>(as_of)
            .bind::<Date, _>(as_of)
            .bind::<Date, _>(horizon)
            .bind::<Text, _>(jpa_id)
            .load(conn),
    }
}

#[derive(Debug, QueryableByName)]
pub struct MonthCount {
    #[diesel(sql_type = Text)]
    pub period: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// Milestones achieved by `as_of`, per month of achievement.
pub fn milestones_achieved_by_month(
    conn: &mut DbConnection,
    jpa_id: &str,
    as_of: NaiveDate,
) -> QueryResult<Vec<MonthCount>> {
    let sql = format!(
        "SELECT {month} AS period, COUNT(*) AS n FROM milestones m JOIN investigations i ON i.id = m.investigation_id \
         WHERE i.jpa_id = {p1} AND m.status = 'achieved' AND m.achieved_on <= {p2} GROUP BY 1",
        month = month_of(conn, "m.achieved_on"),
        p1 = ph(conn, 1),
        p2 = ph(conn, 2),
    );
    diesel::sql_query(sql)
        .bind::<Text, _>(jpa_id)
        .bind::<Date, _>(as_of)
        .load(conn)
}

#[derive(Debug, QueryableByName)]
pub struct OutcomeGroup {
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = Text)]
    pub indicator: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

/// Outcome totals by lead agency (`key`), indicator and status: each outcome counted
/// once, under its lead agency; contributing agencies never add to a total.
pub fn outcomes_by_agency(
    conn: &mut DbConnection,
    jpa_id: &str,
    as_of: NaiveDate,
) -> QueryResult<Vec<OutcomeGroup>> {
    let sql = format!(
        "SELECT o.lead_agency_id AS key, o.indicator AS indicator, o.status AS status, CAST(SUM(o.value) AS BIGINT) AS total \
         FROM outcomes o JOIN investigations i ON i.id = o.investigation_id \
         WHERE i.jpa_id = {p1} AND o.occurred_on <= {p2} GROUP BY 1, 2, 3",
        p1 = ph(conn, 1),
        p2 = ph(conn, 2),
    );
    diesel::sql_query(sql)
        .bind::<Text, _>(jpa_id)
        .bind::<Date, _>(as_of)
        .load(conn)
}

/// Outcome totals by month of occurrence (`key`), indicator and status.
pub fn outcomes_by_month(
    conn: &mut DbConnection,
    jpa_id: &str,
    as_of: NaiveDate,
) -> QueryResult<Vec<OutcomeGroup>> {
    let sql = format!(
        "SELECT {month} AS key, o.indicator AS indicator, o.status AS status, CAST(SUM(o.value) AS BIGINT) AS total \
         FROM outcomes o JOIN investigations i ON i.id = o.investigation_id \
         WHERE i.jpa_id = {p1} AND o.occurred_on <= {p2} GROUP BY 1, 2, 3",
        month = month_of(conn, "o.occurred_on"),
        p1 = ph(conn, 1),
        p2 = ph(conn, 2),
    );
    diesel::sql_query(sql)
        .bind::<Text, _>(jpa_id)
        .bind::<Date, _>(as_of)
        .load(conn)
}

/// Milestones still open on `as_of` whose due day had passed by then, per month of the
/// due day: how far behind each month's plan was.
pub fn milestones_overdue_by_month(
    conn: &mut DbConnection,
    jpa_id: &str,
    as_of: NaiveDate,
) -> QueryResult<Vec<MonthCount>> {
    let sql = format!(
        "SELECT {month} AS period, COUNT(*) AS n FROM milestones m JOIN investigations i ON i.id = m.investigation_id \
         WHERE i.jpa_id = {p1} AND m.due_on < {p2} AND m.status <> 'cancelled' \
           AND NOT (m.status = 'achieved' AND m.achieved_on <= {p3}) GROUP BY 1",
        month = month_of(conn, "m.due_on"),
        p1 = ph(conn, 1),
        p2 = ph(conn, 2),
        p3 = ph(conn, 2),
    );
    match conn {
        DbConnection::Pg(_) => diesel::sql_query(sql)
            .bind::<Text, _>(jpa_id)
            .bind::<Date, _>(as_of)
            .load(conn),
        DbConnection::Sqlite(_) => diesel::sql_query(sql)
            .bind::<Text, _>(jpa_id)
            .bind::<Date, _>(as_of)
            .bind::<Date, _>(as_of)
            .load(conn),
    }
}

#[derive(Debug, QueryableByName)]
pub struct RouteRow {
    /// The route legs as stored (a JSON array of `{country, place, kind, mode}`).
    #[diesel(sql_type = Text)]
    pub route_legs: String,
}

/// The route legs of the JPA's investigations opened by `as_of` that have any: of every
/// standard investigation, and of the restricted ones `agency` leads or partners (none
/// when `agency` is `None`: their routes are protected from everyone else).
pub fn route_legs(
    conn: &mut DbConnection,
    jpa_id: &str,
    as_of: NaiveDate,
    agency: Option<&str>,
    standard: bool,
) -> QueryResult<Vec<RouteRow>> {
    // `standard`: standard investigations are in scope (co-chairs, admins, observers);
    // a liaison's scope is its own agency's investigations, whatever their sensitivity.
    let own = "(i.lead_agency_id = {pa} OR EXISTS (SELECT 1 FROM investigation_partners p \
        WHERE p.investigation_id = i.id AND p.agency_id = {pa}))";
    let (scope, binds_agency) = match (standard, agency) {
        (true, _) => ("i.sensitivity = 'standard'".to_string(), 0),
        (false, Some(_)) => (own.replace("{pa}", "{p3}"), 2),
        (false, None) => return Ok(Vec::new()),
    };
    let sql = format!(
        "SELECT i.route_legs AS route_legs FROM investigations i \
         WHERE i.jpa_id = {p1} AND i.opened_on <= {p2} AND i.route_legs <> '[]' AND {scope}",
        p1 = ph(conn, 1),
        p2 = ph(conn, 2),
        scope = scope.replace("{p3}", &ph(conn, 3)),
    );
    let agency = agency.unwrap_or_default().to_string();
    match (conn, binds_agency) {
        (conn, 0) => diesel::sql_query(sql)
            .bind::<Text, _>(jpa_id)
            .bind::<Date, _>(as_of)
            .load(conn),
        (DbConnection::Pg(c), _) => diesel::sql_query(sql)
            .bind::<Text, _>(jpa_id)
            .bind::<Date, _>(as_of)
            .bind::<Text, _>(agency)
            .load(c),
        (DbConnection::Sqlite(c), _) => diesel::sql_query(sql)
            .bind::<Text, _>(jpa_id)
            .bind::<Date, _>(as_of)
            .bind::<Text, _>(agency.clone())
            .bind::<Text, _>(agency)
            .load(c),
    }
}
