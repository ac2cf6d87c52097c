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
/// once, under its lead agency; contributing agencies never add to a total. (Progress
/// adds the statuses of an agency together; the figures give them summed, status ''.)
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

/// What progress is computed from, however it was counted.
pub struct Groups {
    pub investigations: Vec<InvestigationGroup>,
    pub milestones: Vec<MilestoneGroup>,
    pub achieved_by_month: Vec<MonthCount>,
    pub overdue_by_month: Vec<MonthCount>,
    pub outcomes_by_agency: Vec<OutcomeGroup>,
    pub outcomes_by_month: Vec<OutcomeGroup>,
}

/// Where progress counts from: the raw rows (the reference, and `jpa-coord check`'s
/// side of the comparison) or the figures kept with every write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Raw,
    Figures,
}

/// The groups progress needs, as of `as_of`, with milestones due up to `horizon`.
pub fn groups(
    conn: &mut DbConnection,
    source: Source,
    jpa_id: &str,
    as_of: NaiveDate,
    horizon: NaiveDate,
) -> QueryResult<Groups> {
    match source {
        Source::Raw => Ok(Groups {
            investigations: investigation_groups(conn, jpa_id, as_of)?,
            milestones: milestone_groups(conn, jpa_id, as_of, horizon)?,
            achieved_by_month: milestones_achieved_by_month(conn, jpa_id, as_of)?,
            overdue_by_month: milestones_overdue_by_month(conn, jpa_id, as_of)?,
            outcomes_by_agency: outcomes_by_agency(conn, jpa_id, as_of)?,
            outcomes_by_month: outcomes_by_month(conn, jpa_id, as_of)?,
        }),
        Source::Figures => figures::groups(conn, jpa_id, as_of, horizon),
    }
}

/// Progress from the figures (`db::figures`), for today and for any `as_of`. Milestones
/// and outcomes are kept by day, and the fold keeps running totals from the first of each
/// month to each of its days (`OUTCOME_DAY_CUM`, `MILESTONE_DAY_CUM`) beside those by month
/// (`OUTCOME_CUM`, `MILESTONE_MONTH`, `OUTCOME_MONTH`): a day of the JPA reads one row per
/// agency and key from each. Milestones due from the first of the month to `horizon` are
/// read from the figures by due day. Investigations are kept by opened and closed day,
/// with running totals of their status as of each day (`INVESTIGATION_CUM`,
/// `INVESTIGATION_DAY_CUM`). No statement reads the raw rows.
mod figures {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, Integer, Text};

    use super::{Groups, InvestigationGroup, MilestoneGroup, MonthCount, OutcomeGroup};
    use crate::db::figures::{day, month, param};
    use crate::db::{DbConnection, Prepared};
    use crate::domain::period::Period;

    #[derive(QueryableByName)]
    struct InvRow {
        #[diesel(sql_type = Text)]
        agency_id: String,
        #[diesel(sql_type = Text)]
        status: String,
        #[diesel(sql_type = Text)]
        detail: String,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    #[derive(QueryableByName)]
    struct AgencyMonth {
        #[diesel(sql_type = Text)]
        agency_id: String,
        #[diesel(sql_type = Text)]
        period: String,
        #[diesel(sql_type = Integer)]
        flag: i32,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    #[derive(QueryableByName)]
    struct DueDay {
        #[diesel(sql_type = Text)]
        agency_id: String,
        #[diesel(sql_type = Text)]
        period: String,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    #[derive(QueryableByName)]
    struct AgencyTotals {
        #[diesel(sql_type = Text)]
        agency_id: String,
        #[diesel(sql_type = BigInt)]
        total: i64,
        #[diesel(sql_type = BigInt)]
        cancelled: i64,
    }

    pub fn groups(
        conn: &mut DbConnection,
        jpa_id: &str,
        as_of: NaiveDate,
        horizon: NaiveDate,
    ) -> QueryResult<Groups> {
        let period = Period::of(as_of);
        let (first, end) = (period.first_day(), period.last_day());
        let m = month(as_of);
        // Parameters: $1 JPA, $2 a day or month key, then days or months.
        let (p1, p2, p3, p4, p5) = (
            param(conn, 1),
            param(conn, 2),
            param(conn, 3),
            param(conn, 4),
            param(conn, 5),
        );

        // Investigations as of the day. In a month of the JPA: the running totals to the
        // month before (`INVESTIGATION_CUM`, none before its first month) and what the
        // month added by the day (`INVESTIGATION_DAY_CUM`); on its last day the month's
        // running totals alone. Otherwise, or before the fold has built them, the figures
        // by day. With the changes not yet folded. Status as of the day: one closed after
        // it was open.
        let derived = crate::db::figures::derived_span(conn, jpa_id)?;
        let in_span = derived.as_ref().is_some_and(|s| m >= s.start && m <= s.end);
        let as_of_day = day(as_of);
        let prev = crate::db::figures::previous_month(&m).unwrap_or_default();
        let (inv, inv_cum, inv_day_cum) = (
            crate::db::figures::INVESTIGATION,
            crate::db::figures::INVESTIGATION_CUM,
            crate::db::figures::INVESTIGATION_DAY_CUM,
        );
        let by_day = |table: &str| {
            format!(
                "SELECT agency_id, CASE WHEN status = 'closed' AND month2 <> '' AND month2 > {p2} \
                   THEN 'open' ELSE status END AS status, detail, n FROM {table} \
                 WHERE jpa_id = {p1} AND fact = '{inv}' AND month <= {p2}"
            )
        };
        let running = |fact: &str, key: &str| {
            format!(
                "SELECT agency_id, status, detail, n FROM progress_figures \
                 WHERE jpa_id = {p1} AND fact = '{fact}' AND month = {key}"
            )
        };
        let changes = by_day("progress_figure_changes");
        let (parts, cum_month) = match &derived {
            Some(_) if in_span && as_of == end => (vec![running(inv_cum, &p3), changes], m.clone()),
            Some(span) if in_span && prev >= span.start => (
                vec![running(inv_cum, &p3), running(inv_day_cum, &p2), changes],
                prev.clone(),
            ),
            Some(_) if in_span => (vec![running(inv_day_cum, &p2), changes], String::new()),
            _ => (vec![by_day("progress_figures"), changes], String::new()),
        };
        let sql = format!(
            "SELECT agency_id, status, detail, CAST(SUM(n) AS BIGINT) AS n FROM ({}) f \
             GROUP BY 1, 2, 3 HAVING SUM(n) <> 0",
            parts.join(" UNION ALL ")
        );
        let mut q = diesel::sql_query(sql)
            .into_boxed::<<DbConnection as Connection>::Backend>()
            .bind::<Text, _>(jpa_id.to_string())
            .bind::<Text, _>(as_of_day.clone());
        if !cum_month.is_empty() {
            q = q.bind::<Text, _>(cum_month);
        }
        let inv: Vec<InvRow> = Prepared(q).load(conn)?;
        let flag = |detail: &str, i: usize| i32::from(detail.as_bytes().get(i) == Some(&b'1'));
        let investigations = inv
            .into_iter()
            .map(|r| InvestigationGroup {
                people_smuggling: flag(&r.detail, 0),
                trafficking_in_persons: flag(&r.detail, 1),
                cross_border: flag(&r.detail, 2),
                agency_id: r.agency_id,
                status: r.status,
                closed_later: 0,
                n: r.n,
            })
            .collect();

        // Milestones. By month (due, achieved): `MILESTONE_MONTH` once the fold has built
        // it, else the figures by day summed by month; the changes not yet folded go by
        // day. `in_span`: as_of's month is one of the JPA's, whose day running totals
        // the fold keeps.
        let (ms, ms_month, ms_day, ms_due) = (
            crate::db::figures::MILESTONE,
            crate::db::figures::MILESTONE_MONTH,
            crate::db::figures::MILESTONE_DAY_CUM,
            crate::db::figures::MILESTONE_DUE_CUM,
        );
        let ms_src = {
            let folded = if derived.is_some() {
                format!(
                    "SELECT agency_id, month, month2, status, n FROM progress_figures \
                     WHERE jpa_id = {p1} AND fact = '{ms_month}'"
                )
            } else {
                format!(
                    "SELECT agency_id, substr(month, 1, 7) AS month, substr(month2, 1, 7) AS month2, status, n \
                     FROM progress_figures WHERE jpa_id = {p1} AND fact = '{ms}'"
                )
            };
            format!(
                "({folded} UNION ALL SELECT agency_id, substr(month, 1, 7) AS month, substr(month2, 1, 7) AS month2, \
                   status, n FROM progress_figure_changes WHERE jpa_id = {p1} AND fact = '{ms}') f"
            )
        };
        let mut per_agency: BTreeMap<String, MilestoneGroup> = BTreeMap::new();
        let mut achieved_by_month: BTreeMap<String, i64> = BTreeMap::new();
        let mut overdue_by_month: BTreeMap<String, i64> = BTreeMap::new();
        let totals: Vec<AgencyTotals> = Prepared(
            diesel::sql_query(format!(
                "SELECT agency_id, CAST(SUM(n) AS BIGINT) AS total, \
                   CAST(SUM(CASE WHEN status = 'cancelled' THEN n ELSE 0 END) AS BIGINT) AS cancelled \
                 FROM {ms_src} GROUP BY 1"
            ))
            .bind::<Text, _>(jpa_id),
        )
        .load(conn)?;
        for t in totals {
            let g = entry(&mut per_agency, &t.agency_id);
            g.total += t.total;
            g.cancelled += t.cancelled;
        }
        // Achieved before as_of's month, by the month achieved; overdue of the months
        // before it, by the month due, counting every one not achieved before as_of's
        // month (those achieved in it by as_of are taken off below).
        let sql = format!(
            "SELECT agency_id, month2 AS period, 1 AS flag, CAST(SUM(n) AS BIGINT) AS n FROM {ms_src} \
               WHERE status = 'achieved' AND month2 <> '' AND month2 < {p2} GROUP BY 1, 2 \
             UNION ALL \
             SELECT agency_id, month AS period, 0 AS flag, CAST(SUM(n) AS BIGINT) AS n FROM {ms_src} \
               WHERE month < {p2} AND status <> 'cancelled' \
               AND NOT (status = 'achieved' AND month2 <> '' AND month2 < {p2}) GROUP BY 1, 2"
        );
        let rows: Vec<AgencyMonth> = Prepared(
            diesel::sql_query(sql)
                .bind::<Text, _>(jpa_id)
                .bind::<Text, _>(&m),
        )
        .load(conn)?;
        for r in rows {
            let g = entry(&mut per_agency, &r.agency_id);
            if r.flag == 1 {
                g.achieved += r.n;
                *achieved_by_month.entry(r.period).or_default() += r.n;
            } else {
                g.overdue += r.n;
                *overdue_by_month.entry(r.period).or_default() += r.n;
            }
        }
        let (first_day, horizon_day) = (day(first), day(horizon));
        // Achieved from the first of as_of's month to as_of, by agency and (for those due
        // in an earlier month) the month due: the day running totals in a month of the
        // JPA, else the figures by day; with the changes not yet folded.
        let achieved_by_day = |table: &str| {
            format!(
                "SELECT agency_id, CASE WHEN substr(month, 1, 7) < {p3} THEN substr(month, 1, 7) ELSE '' END AS period, n \
                 FROM {table} WHERE jpa_id = {p1} AND fact = '{ms}' AND status = 'achieved' \
                   AND month2 >= {p3} AND month2 <= {p2}"
            )
        };
        let folded = if in_span {
            format!(
                "SELECT agency_id, month2 AS period, n FROM progress_figures \
                 WHERE jpa_id = {p1} AND fact = '{ms_day}' AND month = {p2}"
            )
        } else {
            achieved_by_day("progress_figures")
        };
        let sql = format!(
            "SELECT agency_id, period, 1 AS flag, CAST(SUM(n) AS BIGINT) AS n FROM ( \
               {folded} UNION ALL {changes}) f GROUP BY 1, 2",
            changes = achieved_by_day("progress_figure_changes"),
        );
        let rows: Vec<AgencyMonth> = Prepared(
            diesel::sql_query(sql)
                .bind::<Text, _>(jpa_id)
                .bind::<Text, _>(&as_of_day)
                .bind::<Text, _>(&m),
        )
        .load(conn)?;
        for r in rows {
            let g = entry(&mut per_agency, &r.agency_id);
            g.achieved += r.n;
            *achieved_by_month.entry(m.clone()).or_default() += r.n;
            if !r.period.is_empty() {
                // Due in an earlier month and achieved by as_of: not overdue then.
                g.overdue -= r.n;
                *overdue_by_month.entry(r.period).or_default() -= r.n;
            }
        }
        // Due from the first of as_of's month to the horizon, by day: open on as_of (not
        // cancelled, not achieved by then) and due before it is overdue, due from it on
        // is due soon. When the fold keeps the months of the window: the milestones not
        // cancelled from the due day running totals (`MILESTONE_DUE_CUM`, a few days of
        // rows per agency), less those achieved by as_of (the figures by day, achieved
        // only); else, and for the changes not yet folded, counted from the figures by
        // day. By agency in the statements (a row per due day and achieved day is
        // thousands at scale 50).
        let mut due = |r: DueDay| {
            let g = entry(&mut per_agency, &r.agency_id);
            if r.period == "overdue" {
                g.overdue += r.n;
                *overdue_by_month.entry(m.clone()).or_default() += r.n;
            } else {
                g.due_next_30_days += r.n;
            }
        };
        // Open on as_of, by agency and whether overdue then (`period`).
        let open_due = |table: &str| {
            format!(
                "SELECT agency_id, CASE WHEN month < {p2} THEN 'overdue' ELSE 'soon' END AS period, n \
                 FROM {table} WHERE jpa_id = {p1} AND fact = '{ms}' AND month >= {p3} AND month <= {p4} \
                   AND status <> 'cancelled' AND NOT (status = 'achieved' AND month2 <> '' AND month2 <= {p2})"
            )
        };
        let window_in_span = derived
            .as_ref()
            .is_some_and(|s| m >= s.start && month(horizon) <= s.end);
        // The days whose running totals make the window: (day, overdue?, sign).
        let mut points: Vec<(String, &str, i64)> = Vec::new();
        let parts = if window_in_span {
            if let Some(b) = as_of.pred_opt().filter(|d| *d >= first) {
                points.push((day(b), "overdue", 1));
                points.push((day(b), "soon", -1));
            }
            let mut month_end = end;
            while month_end < horizon {
                points.push((day(month_end), "soon", 1));
                let Some(next) = month_end.succ_opt().map(|d| Period::of(d).last_day()) else {
                    break;
                };
                month_end = next;
            }
            points.push((horizon_day.clone(), "soon", 1));
            // Bound from $5 on: the statement's text depends only on how many days.
            let days: Vec<String> = (0..points.len()).map(|i| param(conn, 5 + i)).collect();
            vec![
                format!(
                    "SELECT agency_id, month AS period, n FROM progress_figures \
                     WHERE jpa_id = {p1} AND fact = '{ms_due}' AND month IN ({})",
                    days.join(", ")
                ),
                // Less those achieved by as_of.
                format!(
                    "SELECT agency_id, CASE WHEN month < {p2} THEN 'overdue' ELSE 'soon' END AS period, -n AS n \
                     FROM progress_figures WHERE jpa_id = {p1} AND fact = '{ms}' AND status = 'achieved' \
                       AND month >= {p3} AND month <= {p4} AND month2 <> '' AND month2 <= {p2}"
                ),
                open_due("progress_figure_changes"),
            ]
        } else {
            vec![
                open_due("progress_figures"),
                open_due("progress_figure_changes"),
            ]
        };
        let sql = format!(
            "SELECT agency_id, period, CAST(SUM(n) AS BIGINT) AS n FROM ({}) f GROUP BY 1, 2",
            parts.join(" UNION ALL ")
        );
        let mut q = diesel::sql_query(sql)
            .into_boxed::<<DbConnection as Connection>::Backend>()
            .bind::<Text, _>(jpa_id.to_string())
            .bind::<Text, _>(as_of_day.clone())
            .bind::<Text, _>(first_day.clone())
            .bind::<Text, _>(horizon_day.clone());
        for (d, _, _) in &points {
            q = q.bind::<Text, _>(d.clone());
        }
        let rows: Vec<DueDay> = Prepared(q).load(conn)?;
        for r in rows {
            if r.period == "overdue" || r.period == "soon" {
                due(r);
                continue;
            }
            // A day's running total, in each sum it is part of.
            for (d, period, sign) in &points {
                if *d == r.period {
                    due(DueDay {
                        agency_id: r.agency_id.clone(),
                        period: period.to_string(),
                        n: r.n * sign,
                    });
                }
            }
        }

        // Outcomes as of the day. In a month of the JPA: the running totals to the month
        // before (`OUTCOME_CUM`; before the JPA's first month, the figures by day) and
        // those of the month to the day (`OUTCOME_DAY_CUM`, and for the months
        // `OUTCOME_DAY_ALL`, all agencies in one row). After the JPA's last month:
        // its running totals then, and the figures by day since. Otherwise, or before
        // the fold has built them, the figures by day. With the changes not yet folded.
        let (out, cum, day_cum, day_all, out_month) = (
            crate::db::figures::OUTCOME,
            crate::db::figures::OUTCOME_CUM,
            crate::db::figures::OUTCOME_DAY_CUM,
            crate::db::figures::OUTCOME_DAY_ALL,
            crate::db::figures::OUTCOME_MONTH,
        );
        let select = |fact: &str, filter: &str| {
            format!(
                "SELECT agency_id, month, detail, status, n, total FROM progress_figures \
                 WHERE jpa_id = {p1} AND fact = '{fact}' AND {filter}"
            )
        };
        let changes = format!(
            "SELECT agency_id, month, detail, status, n, total FROM progress_figure_changes \
             WHERE jpa_id = {p1} AND fact = '{out}' AND month <= {p2}"
        );
        // $1 JPA, $2 as_of's day, $3 as_of's month, $4 a month of running totals, $5
        // the month after it.
        let (agency_parts, month_parts, cum_month, after_cum) = match &derived {
            // A month's last day: that month's running totals, no day rows.
            Some(_) if in_span && as_of == end => (
                vec![select(cum, &format!("month = {p4}")), changes.clone()],
                vec![select(out_month, &format!("month <= {p3}")), changes],
                m.clone(),
                String::new(),
            ),
            Some(span) if in_span => {
                let to_prev = if prev >= span.start {
                    select(cum, &format!("month = {p4}"))
                } else {
                    select(out, &format!("month < {p3}"))
                };
                (
                    vec![
                        to_prev,
                        select(day_cum, &format!("month = {p2}")),
                        changes.clone(),
                    ],
                    vec![
                        select(out_month, &format!("month < {p3}")),
                        select(day_all, &format!("month = {p2}")),
                        changes,
                    ],
                    prev.clone(),
                    String::new(),
                )
            }
            Some(span) if m > span.end => {
                let after = crate::db::figures::next_month(&span.end).unwrap_or_default();
                (
                    vec![
                        select(cum, &format!("month = {p4}")),
                        select(out, &format!("month >= {p5} AND month <= {p2}")),
                        changes.clone(),
                    ],
                    vec![
                        select(out_month, &format!("month < {p3}")),
                        select(out, &format!("month >= {p3} AND month <= {p2}")),
                        changes,
                    ],
                    span.end.clone(),
                    after,
                )
            }
            Some(_) => (
                vec![select(out, &format!("month <= {p2}")), changes.clone()],
                vec![
                    select(out_month, &format!("month < {p3}")),
                    select(out, &format!("month >= {p3} AND month <= {p2}")),
                    changes,
                ],
                String::new(),
                String::new(),
            ),
            None => (
                vec![select(out, &format!("month <= {p2}")), changes.clone()],
                vec![select(out, &format!("month <= {p2}")), changes],
                String::new(),
                String::new(),
            ),
        };
        // By agency, the statuses together (the document's per-agency cells do not tell
        // them apart; its totals by status come from the months).
        let outcome_groups = |conn: &mut DbConnection,
                              key: &str,
                              statuses: bool,
                              parts: Vec<String>| {
            let (status, group) = if statuses {
                ("status", "1, 2, 3")
            } else {
                ("''", "1, 2")
            };
            let sql = format!(
                "SELECT {key} AS key, detail AS indicator, {status} AS status, CAST(SUM(total) AS BIGINT) AS total FROM ( \
                   {}) f GROUP BY {group} HAVING SUM(n) <> 0",
                parts.join(" UNION ALL ")
            );
            // SQLite refuses a bind its statement does not name: bind up to the last one
            // named.
            let named = (1..=5).filter(|i| sql.contains(&param(conn, *i))).max();
            let binds = [jpa_id, &as_of_day, &m, &cum_month, &after_cum];
            let mut q =
                diesel::sql_query(sql).into_boxed::<<DbConnection as Connection>::Backend>();
            for b in binds.iter().take(named.unwrap_or(1)) {
                q = q.bind::<Text, _>(b.to_string());
            }
            Prepared(q).load::<OutcomeGroup>(conn)
        };
        let outcomes_by_agency = outcome_groups(conn, "agency_id", false, agency_parts)?;
        let outcomes_by_month = outcome_groups(conn, "substr(month, 1, 7)", true, month_parts)?;
        let months = |mut map: BTreeMap<String, i64>| {
            map.retain(|_, n| *n != 0);
            map.into_iter()
                .map(|(period, n)| MonthCount { period, n })
                .collect()
        };

        Ok(Groups {
            investigations,
            milestones: per_agency.into_values().collect(),
            achieved_by_month: months(achieved_by_month),
            overdue_by_month: months(overdue_by_month),
            outcomes_by_agency,
            outcomes_by_month,
        })
    }

    fn entry<'a>(
        map: &'a mut BTreeMap<String, MilestoneGroup>,
        id: &str,
    ) -> &'a mut MilestoneGroup {
        map.entry(id.to_string()).or_insert_with(|| MilestoneGroup {
            agency_id: id.to_string(),
            total: 0,
            achieved: 0,
            cancelled: 0,
            overdue: 0,
            due_next_30_days: 0,
        })
    }
}
