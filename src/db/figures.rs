//! Progress figures kept with every write, so that progress reads hundreds of rows for
//! any JPA size and any `as_of` (see `db::reports`' figure readers).
//!
//! A figure counts the facts of one JPA that share a key: fact, agency, month, a second
//! month, status and a detail (what each means per fact is in the migrations
//! `2026-12-04-000001_progress_figures`, `2026-12-05-000001_progress_figures_by_day` and
//! `2026-12-06-000001_investigation_figures_by_day`: all three by day). Every write that
//! changes a counted fact goes through the functions of `db::investigations`,
//! `db::milestones`, `db::outcomes` and `db::agencies`, and they call `record` in the
//! same transaction: the fact's key before (−1) and after (+1). `record` appends to
//! `progress_figure_changes`, so writers never wait for each other on a hot figure (64
//! writers upserting one row ran at a fifth of the rate of plain inserts); `fold` moves
//! the changes into `progress_figures`, and readers sum both, so figures are exact
//! whether folded or not. The fold also keeps derived figures per JPA (`DERIVED`: by
//! month for all agencies, running totals by month and from the first of each month to
//! each of its days), rebuilt when a JPA's base figures change, so that progress as of
//! any day reads one row per key.
//!
//! `recompute` counts the same figures from the raw rows: `check` compares the two
//! (`jpa-coord check`, and after every integration test).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::milestones::MilestoneRow;
use super::outcomes::OutcomeRow;
use super::schema::{progress_figure_changes, progress_figures};
use super::DbConnection;

pub const INVESTIGATION: &str = "investigation";
pub const MILESTONE: &str = "milestone";
pub const OUTCOME: &str = "outcome";

/// The key of a figure.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, QueryableByName, Insertable)]
#[diesel(table_name = progress_figure_changes)]
pub struct Key {
    #[diesel(sql_type = Text)]
    pub jpa_id: String,
    #[diesel(sql_type = Text)]
    pub fact: String,
    #[diesel(sql_type = Text)]
    pub agency_id: String,
    #[diesel(sql_type = Text)]
    pub month: String,
    #[diesel(sql_type = Text)]
    pub month2: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Text)]
    pub detail: String,
}

/// A figure: how many facts share the key, and the sum of their values.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct Figure {
    #[diesel(embed)]
    pub key: Key,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

/// A row of `progress_figures`, for batched inserts.
#[derive(Insertable)]
#[diesel(table_name = progress_figures)]
struct FigureRow {
    jpa_id: String,
    fact: String,
    agency_id: String,
    month: String,
    month2: String,
    status: String,
    detail: String,
    n: i64,
    total: i64,
}

impl FigureRow {
    fn new(key: Key, n: i64, total: i64) -> Self {
        FigureRow {
            jpa_id: key.jpa_id,
            fact: key.fact,
            agency_id: key.agency_id,
            month: key.month,
            month2: key.month2,
            status: key.status,
            detail: key.detail,
            n,
            total,
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = progress_figure_changes)]
struct ChangeRow {
    #[diesel(embed)]
    key: Key,
    n: i64,
    total: i64,
}

/// `YYYY-MM`, the month key of a day.
pub fn month(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// `YYYY-MM-DD`, the day key of a day.
pub fn day(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// `YYYY-MM-DD` of a date column, per dialect.
pub(crate) fn day_sql(conn: &DbConnection, column: &str) -> String {
    match conn {
        DbConnection::Pg(_) => format!("to_char({column}, 'YYYY-MM-DD')"),
        DbConnection::Sqlite(_) => format!("strftime('%Y-%m-%d', {column})"),
    }
}

/// Parameter `n` (from 1): `$n` on PostgreSQL, `?n` on SQLite; either may repeat.
pub(crate) fn param(conn: &DbConnection, n: usize) -> String {
    match conn {
        DbConnection::Pg(_) => format!("${n}"),
        DbConnection::Sqlite(_) => format!("?{n}"),
    }
}

/// A milestone's key: counted under its responsible agency and due day (`YYYY-MM-DD`:
/// due-soon and overdue are decided by the day; the fold keeps them by due month in
/// `MILESTONE_MONTH`); the second "month" is the day it was achieved on (`YYYY-MM-DD`,
/// '' while not achieved).
pub fn milestone_key(jpa_id: &str, row: &MilestoneRow) -> Key {
    let achieved = match (row.status.as_str(), row.achieved_on) {
        ("achieved", Some(d)) => day(d),
        _ => String::new(),
    };
    Key {
        jpa_id: jpa_id.to_string(),
        fact: MILESTONE.into(),
        agency_id: row.responsible_agency_id.clone(),
        month: day(row.due_on),
        month2: achieved,
        status: row.status.clone(),
        detail: String::new(),
    }
}

/// An outcome's key and value: counted under its lead agency, day (`YYYY-MM-DD`) and
/// indicator.
pub fn outcome_key(jpa_id: &str, row: &OutcomeRow) -> (Key, i64) {
    let key = Key {
        jpa_id: jpa_id.to_string(),
        fact: OUTCOME.into(),
        agency_id: row.lead_agency_id.clone(),
        month: day(row.occurred_on),
        month2: String::new(),
        status: row.status.clone(),
        detail: row.indicator.clone(),
    };
    (key, row.value)
}

/// An investigation's detail (`i` is the investigation): people smuggling, trafficking
/// in persons, and cross-border (a partner of another country than the lead's), as three
/// 0/1 digits.
pub(crate) const INVESTIGATION_FLAGS: &str =
    "(CASE WHEN i.people_smuggling THEN '1' ELSE '0' END) \
    || (CASE WHEN i.trafficking_in_persons THEN '1' ELSE '0' END) \
    || (CASE WHEN EXISTS (SELECT 1 FROM investigation_partners p \
          JOIN agencies pa ON pa.id = p.agency_id JOIN agencies la ON la.id = i.lead_agency_id \
          WHERE p.investigation_id = i.id AND pa.country <> la.country) THEN '1' ELSE '0' END)";

/// The select list of an investigation's key (`i` is the investigation): counted under
/// its lead agency, opened day and closed day (`YYYY-MM-DD`, '' while not closed); the
/// three digits of its detail say people smuggling, trafficking in persons, and cross-border
/// (a partner of another country than the lead's).
fn investigation_key_sql(conn: &DbConnection) -> String {
    format!(
        "i.jpa_id AS jpa_id, 'investigation' AS fact, i.lead_agency_id AS agency_id, \
         {opened} AS month, COALESCE({closed}, '') AS month2, i.status AS status, \
         {flags} AS detail",
        flags = INVESTIGATION_FLAGS,
        opened = day_sql(conn, "i.opened_on"),
        closed = day_sql(conn, "i.closed_on"),
    )
}

/// Before an investigation or its partners change: serialises the changes of one
/// investigation (so each sees the key the other left) and holds off a change of an
/// agency's country, then returns the investigation's key as it stands.
pub fn investigation_before(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Key>> {
    super::lock_shared(conn, "figures:countries")?;
    super::lock(conn, &format!("figures:investigation:{id}"))?;
    investigation_key(conn, id)
}

/// An investigation's key as it stands, `None` if there is no such investigation.
pub fn investigation_key(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Key>> {
    let sql = format!(
        "SELECT {} FROM investigations i WHERE i.id = {}",
        investigation_key_sql(conn),
        param(conn, 1)
    );
    diesel::sql_query(sql)
        .bind::<Text, _>(id)
        .get_result(conn)
        .optional()
}

/// After an investigation or its partners changed: records the move from the key
/// `investigation_before` returned to the one it has now.
pub fn investigation_after(
    conn: &mut DbConnection,
    id: &str,
    before: Option<Key>,
) -> QueryResult<()> {
    let after = investigation_key(conn, id)?;
    record(conn, before.map(|k| (k, 0)), after.map(|k| (k, 0)))
}

/// The keys of every investigation an agency leads or partners (their cross-border
/// digit follows the agency's country).
fn keys_involving(conn: &mut DbConnection, agency_id: &str) -> QueryResult<Vec<Key>> {
    let sql = format!(
        "SELECT {} FROM investigations i WHERE i.lead_agency_id = {p} \
           OR EXISTS (SELECT 1 FROM investigation_partners q WHERE q.investigation_id = i.id AND q.agency_id = {p})",
        investigation_key_sql(conn),
        p = param(conn, 1)
    );
    diesel::sql_query(sql).bind::<Text, _>(agency_id).load(conn)
}

/// Before an agency's country changes: waits for investigation changes under way, and
/// returns the keys of the investigations it takes part in.
pub fn country_before(conn: &mut DbConnection, agency_id: &str) -> QueryResult<Vec<Key>> {
    super::lock(conn, "figures:countries")?;
    keys_involving(conn, agency_id)
}

/// After an agency's country changed: records the investigations whose key moved.
pub fn country_after(
    conn: &mut DbConnection,
    agency_id: &str,
    before: Vec<Key>,
) -> QueryResult<()> {
    let after = keys_involving(conn, agency_id)?;
    let mut changes: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    for k in before {
        changes.entry(k).or_default().0 -= 1;
    }
    for k in after {
        changes.entry(k).or_default().0 += 1;
    }
    insert_changes(conn, changes)
}

/// Records that a fact moved from `before` to `after` (each a key and the fact's value;
/// `None`: the fact did not exist, or no longer does). Nothing is written when both are
/// the same.
pub fn record(
    conn: &mut DbConnection,
    before: Option<(Key, i64)>,
    after: Option<(Key, i64)>,
) -> QueryResult<()> {
    let mut changes: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    if let Some((k, v)) = before {
        let e = changes.entry(k).or_default();
        e.0 -= 1;
        e.1 -= v;
    }
    if let Some((k, v)) = after {
        let e = changes.entry(k).or_default();
        e.0 += 1;
        e.1 += v;
    }
    insert_changes(conn, changes)
}

fn insert_changes(conn: &mut DbConnection, changes: BTreeMap<Key, (i64, i64)>) -> QueryResult<()> {
    for (key, (n, total)) in changes {
        if n == 0 && total == 0 {
            continue;
        }
        diesel::insert_into(progress_figure_changes::table)
            .values(ChangeRow { key, n, total })
            .execute(conn)?;
    }
    Ok(())
}

const COLUMNS: &str = "jpa_id, fact, agency_id, month, month2, status, detail";
/// The facts writes record (the others are derived from all of them by `fold`).
const BASE: &str = "'investigation', 'milestone', 'outcome'";
/// The facts `fold` derives.
const DERIVED: &str = "'outcome_month', 'outcome_cum', 'outcome_day_cum', 'outcome_day_all', \
     'milestone_month', 'milestone_day_cum', 'milestone_due_cum', 'investigation_cum', \
     'investigation_day_cum'";

/// How many changes wait for the fold (`/metrics`).
pub fn pending(conn: &mut DbConnection) -> QueryResult<i64> {
    progress_figure_changes::table.count().get_result(conn)
}

/// Outcomes of a JPA by month, indicator and status, for all agencies together (kept by
/// `fold` from the folded outcome figures; agency is '').
pub const OUTCOME_MONTH: &str = "outcome_month";
/// Outcomes of a JPA by agency and indicator, all statuses together (status is ''), up to
/// and including `month`: one row per month from the first with any such outcome to the
/// JPA's last month (kept by `fold`), so that progress as of a month's end reads one row
/// per agency and indicator (the totals by status come from the months).
pub const OUTCOME_CUM: &str = "outcome_cum";
/// Outcomes of a JPA by agency and indicator (status is '', as in `OUTCOME_CUM`) from the
/// first of a month up to and including a day of it (`month` is the day): one row per day
/// from the first with any such outcome in the month to its last, for the months of the
/// JPA (kept by `fold`), so that progress as of any day reads one row per agency and
/// indicator here and one in `OUTCOME_CUM` (the month before).
pub const OUTCOME_DAY_CUM: &str = "outcome_day_cum";
/// `OUTCOME_DAY_CUM` for all agencies together (agency is ''), for progress by month.
pub const OUTCOME_DAY_ALL: &str = "outcome_day_all";
/// Milestones of a JPA by agency, due month, achieved month and status (kept by `fold`
/// from the milestone figures, which go by due day and achieved day).
pub const MILESTONE_MONTH: &str = "milestone_month";
/// Milestones of a JPA achieved from the first of a month up to and including a day of
/// it (`month` is the day), by agency; `month2` is the due month of those due in an
/// earlier month than they were achieved in ('' for the others), for overdue by due
/// month. One row per day from the first achievement in the month to its last, for the
/// months of the JPA (kept by `fold`).
pub const MILESTONE_DAY_CUM: &str = "milestone_day_cum";
/// Milestones of a JPA not cancelled, by agency, due from the first of a month up to and
/// including a day of it (`month` is the day): one row per day from the first such due
/// day in the month to its last, for the months of the JPA (kept by `fold`), so that the
/// milestones due in a window of days read a few rows per agency.
pub const MILESTONE_DUE_CUM: &str = "milestone_due_cum";

/// Investigations of a JPA opened by the end of `month`, by lead agency, status as it
/// was then (one closed later was open) and detail: one row per month of the JPA (kept
/// by `fold`; investigations opened before its first month count in that month's row).
pub const INVESTIGATION_CUM: &str = "investigation_cum";
/// What the investigations of a JPA add to `INVESTIGATION_CUM` of the month before from
/// the first of a month up to and including a day of it (`month` is the day): +1 for each
/// opened in the month by then, and for each closed in it by then −1 as open and +1 as
/// closed; by lead agency, status and detail. One row per day from the first such change
/// in the month to its last, for the months of the JPA (kept by `fold`; for the JPA's
/// first month the investigations opened before count too).
pub const INVESTIGATION_DAY_CUM: &str = "investigation_day_cum";

/// The upsert that adds a figure to a row of `progress_figures`.
fn add_to_figure(conn: &mut DbConnection, key: &Key, n: i64, total: i64) -> QueryResult<()> {
    let p = |i| param(conn, i);
    let sql = format!(
        "INSERT INTO progress_figures ({COLUMNS}, n, total) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}) \
         ON CONFLICT ({COLUMNS}) DO UPDATE SET n = progress_figures.n + excluded.n, \
         total = progress_figures.total + excluded.total",
        p(1), p(2), p(3), p(4), p(5), p(6), p(7), p(8), p(9)
    );
    diesel::sql_query(sql)
        .bind::<Text, _>(&key.jpa_id)
        .bind::<Text, _>(&key.fact)
        .bind::<Text, _>(&key.agency_id)
        .bind::<Text, _>(&key.month)
        .bind::<Text, _>(&key.month2)
        .bind::<Text, _>(&key.status)
        .bind::<Text, _>(&key.detail)
        .bind::<BigInt, _>(n)
        .bind::<BigInt, _>(total)
        .execute(conn)
        .map(|_| ())
}

/// The month after `YYYY-MM`.
pub(crate) fn next_month(month: &str) -> Option<String> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    first
        .checked_add_months(chrono::Months::new(1))
        .map(self::month)
}

/// The month before `YYYY-MM`.
pub(crate) fn previous_month(month: &str) -> Option<String> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    first.pred_opt().map(self::month)
}

/// The months a JPA's running totals (`OUTCOME_CUM`) have rows for: its first to its
/// last month. Outcomes dated before the first count in the first month's row (a
/// running total includes them), so an outcome dated long ago adds one row, not one per
/// month since; progress as of a day before the JPA sums the month figures instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: String,
    pub end: String,
}

/// The days from `day` (`YYYY-MM-DD`) to the end of its month, as keys.
fn days_to_month_end(day: &str) -> Vec<String> {
    let Ok(mut d) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
        return Vec::new();
    };
    let m = month(d);
    let mut days = Vec::with_capacity(31);
    while month(d) == m {
        days.push(self::day(d));
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    days
}

/// The derived rows that a base figure adds to, each with the multiple of the figure it
/// adds (−1 takes it off): `MILESTONE_MONTH`, `MILESTONE_DUE_CUM` when due in a month of
/// `span` and not cancelled, and `MILESTONE_DAY_CUM` when achieved in a month of `span`;
/// `OUTCOME_MONTH`, `OUTCOME_CUM` within `span`, and `OUTCOME_DAY_CUM` and
/// `OUTCOME_DAY_ALL` when dated in a month of `span`; `INVESTIGATION_CUM` and
/// `INVESTIGATION_DAY_CUM` (`investigation_events`).
fn derived_of(base: &Key, span: &Span) -> Vec<(Key, i64)> {
    let month_of = |s: &str| s.chars().take(7).collect::<String>();
    let in_span = |m: &str| m >= span.start.as_str() && m <= span.end.as_str();
    if base.fact == INVESTIGATION {
        return investigation_events(base, span);
    }
    if base.fact == MILESTONE {
        let due = month_of(&base.month);
        let achieved = month_of(&base.month2);
        let mut keys = vec![Key {
            fact: MILESTONE_MONTH.into(),
            month: due.clone(),
            month2: achieved.clone(),
            ..base.clone()
        }];
        if base.status != "cancelled" && in_span(&due) {
            for d in days_to_month_end(&base.month) {
                keys.push(Key {
                    fact: MILESTONE_DUE_CUM.into(),
                    month: d,
                    month2: String::new(),
                    status: String::new(),
                    ..base.clone()
                });
            }
        }
        if base.status == "achieved" && !achieved.is_empty() && in_span(&achieved) {
            let late = if due < achieved { due } else { String::new() };
            for d in days_to_month_end(&base.month2) {
                keys.push(Key {
                    fact: MILESTONE_DAY_CUM.into(),
                    month: d,
                    month2: late.clone(),
                    ..base.clone()
                });
            }
        }
        return keys.into_iter().map(|k| (k, 1)).collect();
    }
    if base.fact != OUTCOME {
        return Vec::new();
    }
    let occurred = month_of(&base.month);
    let mut keys = vec![Key {
        fact: OUTCOME_MONTH.into(),
        agency_id: String::new(),
        month: occurred.clone(),
        ..base.clone()
    }];
    let mut month = occurred.clone().max(span.start.clone());
    while month <= span.end {
        keys.push(Key {
            fact: OUTCOME_CUM.into(),
            month: month.clone(),
            status: String::new(),
            ..base.clone()
        });
        match next_month(&month) {
            Some(next) => month = next,
            None => break,
        }
    }
    if in_span(&occurred) {
        for d in days_to_month_end(&base.month) {
            keys.push(Key {
                fact: OUTCOME_DAY_ALL.into(),
                agency_id: String::new(),
                month: d.clone(),
                ..base.clone()
            });
            keys.push(Key {
                fact: OUTCOME_DAY_CUM.into(),
                month: d,
                status: String::new(),
                ..base.clone()
            });
        }
    }
    keys.into_iter().map(|k| (k, 1)).collect()
}

/// The running totals an investigation's figure adds to. Its counted states are events:
/// opened (+1 in its status, or as open if it was closed later) and, if closed on a day,
/// closed then (−1 as open, +1 as closed; never before it was opened). An event before
/// the JPA's first month counts from that month's first day, one after its last month in
/// none (progress as of those days sums the base figures).
fn investigation_events(base: &Key, span: &Span) -> Vec<(Key, i64)> {
    let mut events: Vec<(String, &str, i64)> = Vec::new();
    if base.status == "closed" && !base.month2.is_empty() {
        let closed = base.month2.clone().max(base.month.clone());
        events.push((base.month.clone(), "open", 1));
        events.push((closed.clone(), "open", -1));
        events.push((closed, "closed", 1));
    } else {
        events.push((base.month.clone(), base.status.as_str(), 1));
    }
    let first_day = format!("{}-01", span.start);
    let mut keys = Vec::new();
    for (day, status, sign) in events {
        let day = day.max(first_day.clone());
        let m: String = day.chars().take(7).collect();
        if m > span.end {
            continue;
        }
        let with = |fact: &str, month: String| Key {
            fact: fact.into(),
            month,
            month2: String::new(),
            status: status.to_string(),
            ..base.clone()
        };
        let mut month = m;
        while month <= span.end {
            keys.push((with(INVESTIGATION_CUM, month.clone()), sign));
            match next_month(&month) {
                Some(next) => month = next,
                None => break,
            }
        }
        for d in days_to_month_end(&day) {
            keys.push((with(INVESTIGATION_DAY_CUM, d), sign));
        }
    }
    keys
}

#[derive(QueryableByName)]
struct DerivedState {
    #[diesel(sql_type = Text)]
    jpa_id: String,
    #[diesel(sql_type = diesel::sql_types::Date)]
    start_date: NaiveDate,
    #[diesel(sql_type = diesel::sql_types::Date)]
    end_date: NaiveDate,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    start_month: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    end_month: Option<String>,
}

impl DerivedState {
    /// The span the JPA's dates call for.
    fn wanted(&self) -> Span {
        Span {
            start: month(self.start_date),
            end: month(self.end_date),
        }
    }

    /// The span its derived rows were made for, if any.
    fn made(&self) -> Option<Span> {
        Some(Span {
            start: self.start_month.clone()?,
            end: self.end_month.clone()?,
        })
    }
}

const DERIVED_STATE: &str =
    "SELECT j.id AS jpa_id, j.start_date AS start_date, j.end_date AS end_date, \
     d.start_month AS start_month, d.end_month AS end_month \
     FROM jpas j LEFT JOIN progress_figures_derived d ON d.jpa_id = j.id";

/// The JPAs whose derived rows are missing (new, or made before them) or were made for
/// other months (the JPA's dates moved), with the span they should have.
fn stale_derived(conn: &mut DbConnection) -> QueryResult<Vec<(String, Span)>> {
    let rows: Vec<DerivedState> = diesel::sql_query(DERIVED_STATE).load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|r| r.made() != Some(r.wanted()))
        .map(|r| {
            let wanted = r.wanted();
            (r.jpa_id, wanted)
        })
        .collect())
}

/// The span of a JPA's derived rows, `None` while they are not there (or stale):
/// progress then sums the base figures.
pub fn derived_span(conn: &mut DbConnection, jpa_id: &str) -> QueryResult<Option<Span>> {
    let sql = format!("{DERIVED_STATE} WHERE j.id = {}", param(conn, 1));
    let row: Option<DerivedState> = super::Prepared(diesel::sql_query(sql).bind::<Text, _>(jpa_id))
        .get_result(conn)
        .optional()?;
    Ok(row.and_then(|r| {
        let wanted = r.wanted();
        (r.made() == Some(wanted.clone())).then_some(wanted)
    }))
}

/// What the derived rows of one JPA must be, from its folded base figures.
fn derived_rows(base: &[Figure], span: &Span) -> BTreeMap<Key, (i64, i64)> {
    let mut rows: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    for f in base {
        for (key, times) in derived_of(&f.key, span) {
            let e = rows.entry(key).or_default();
            e.0 += f.n * times;
            e.1 += f.total * times;
        }
    }
    rows.retain(|_, v| *v != (0, 0));
    rows
}

fn folded(conn: &mut DbConnection, jpa_id: &str, facts: &str) -> QueryResult<Vec<Figure>> {
    let sql = format!(
        "SELECT {COLUMNS}, n, total FROM progress_figures WHERE jpa_id = {} AND fact IN ({facts})",
        param(conn, 1)
    );
    diesel::sql_query(sql).bind::<Text, _>(jpa_id).load(conn)
}

/// Builds one JPA's derived rows afresh from its folded base figures.
fn derive(conn: &mut DbConnection, jpa_id: &str, span: &Span) -> QueryResult<()> {
    let p = param(conn, 1);
    diesel::sql_query(format!(
        "DELETE FROM progress_figures WHERE jpa_id = {p} AND fact IN ({DERIVED})"
    ))
    .bind::<Text, _>(jpa_id)
    .execute(conn)?;
    let base = folded(conn, jpa_id, BASE)?;
    // Plain inserts in batches: the rows were just deleted, and a scale-50 JPA has
    // a few hundred thousand (one per day for the day running totals).
    let rows: Vec<FigureRow> = derived_rows(&base, span)
        .into_iter()
        .map(|(key, (n, total))| FigureRow::new(key, n, total))
        .collect();
    drop(base);
    for chunk in rows.chunks(1000) {
        match conn {
            DbConnection::Pg(c) => diesel::insert_into(progress_figures::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Sqlite(c) => diesel::insert_into(progress_figures::table)
                .values(chunk)
                .execute(c)?,
        };
    }
    diesel::sql_query(format!(
        "DELETE FROM progress_figures_derived WHERE jpa_id = {p}"
    ))
    .bind::<Text, _>(jpa_id)
    .execute(conn)?;
    diesel::sql_query(format!(
        "INSERT INTO progress_figures_derived (jpa_id, start_month, end_month) VALUES ({p}, {}, {})",
        param(conn, 2),
        param(conn, 3)
    ))
    .bind::<Text, _>(jpa_id)
    .bind::<Text, _>(&span.start)
    .bind::<Text, _>(&span.end)
    .execute(conn)?;
    Ok(())
}

/// Moves the recorded changes into `progress_figures` (and the derived rows),
/// and builds the derived rows of JPAs that lack them; returns how many changes it
/// moved. Safe beside writers (a change committed meanwhile waits for the next fold) and
/// beside another instance's fold (they take turns).
pub fn fold(conn: &mut DbConnection) -> QueryResult<usize> {
    // Most seconds there is nothing to do: no write transaction for nothing.
    let pending: bool = diesel::select(diesel::dsl::exists(
        progress_figure_changes::table.select(progress_figure_changes::n),
    ))
    .get_result(conn)?;
    if !pending && stale_derived(conn)?.is_empty() {
        return Ok(0);
    }
    super::write_tx(conn, |conn| {
        super::lock(conn, "figures:fold")?;
        let moved: Vec<Figure> = match conn {
            DbConnection::Pg(_) => diesel::sql_query(format!(
                "DELETE FROM progress_figure_changes RETURNING {COLUMNS}, n, total"
            ))
            .load(conn)?,
            DbConnection::Sqlite(_) => {
                // One writer at a time: what is read here is what is deleted.
                let moved = diesel::sql_query(format!(
                    "SELECT {COLUMNS}, n, total FROM progress_figure_changes"
                ))
                .load(conn)?;
                diesel::sql_query("DELETE FROM progress_figure_changes").execute(conn)?;
                moved
            }
        };
        let mut sums: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
        for f in &moved {
            let e = sums.entry(f.key.clone()).or_default();
            e.0 += f.n;
            e.1 += f.total;
        }
        let mut ends: BTreeMap<String, Option<Span>> = BTreeMap::new();
        let mut derived: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
        for (key, (n, total)) in &sums {
            if key.fact != OUTCOME && key.fact != MILESTONE && key.fact != INVESTIGATION {
                continue;
            }
            if !ends.contains_key(&key.jpa_id) {
                let span = derived_span(conn, &key.jpa_id)?;
                ends.insert(key.jpa_id.clone(), span);
            }
            // Without derived rows (or stale ones), `derive` below builds them whole.
            if let Some(Some(span)) = ends.get(&key.jpa_id) {
                for (k, times) in derived_of(key, span) {
                    let e = derived.entry(k).or_default();
                    e.0 += n * times;
                    e.1 += total * times;
                }
            }
        }
        // In key order: two folds never wait for each other's rows in opposite orders.
        sums.append(&mut derived);
        for (key, (n, total)) in sums {
            if (n, total) != (0, 0) {
                add_to_figure(conn, &key, n, total)?;
            }
        }
        for (jpa_id, span) in stale_derived(conn)? {
            derive(conn, &jpa_id, &span)?;
        }
        Ok(moved.len())
    })
}

/// The figures counted from the raw rows (of one JPA, or of all).
fn recompute_sql(conn: &DbConnection, jpa: bool) -> String {
    let filter = if jpa {
        format!("WHERE i.jpa_id = {}", param(conn, 1))
    } else {
        String::new()
    };
    format!(
        "SELECT {COLUMNS}, CAST(COUNT(*) AS BIGINT) AS n, CAST(0 AS BIGINT) AS total FROM \
           (SELECT {inv} FROM investigations i {filter}) x GROUP BY {COLUMNS} \
         UNION ALL \
         SELECT i.jpa_id, 'milestone', m.responsible_agency_id, {due}, \
           CASE WHEN m.status = 'achieved' AND m.achieved_on IS NOT NULL THEN {achieved} ELSE '' END, \
           m.status, '', CAST(COUNT(*) AS BIGINT), CAST(0 AS BIGINT) \
           FROM milestones m JOIN investigations i ON i.id = m.investigation_id {filter} \
           GROUP BY 1, 2, 3, 4, 5, 6, 7 \
         UNION ALL \
         SELECT i.jpa_id, 'outcome', o.lead_agency_id, {occurred}, '', o.status, o.indicator, \
           CAST(COUNT(*) AS BIGINT), CAST(SUM(o.value) AS BIGINT) \
           FROM outcomes o JOIN investigations i ON i.id = o.investigation_id {filter} \
           GROUP BY 1, 2, 3, 4, 5, 6, 7",
        inv = investigation_key_sql(conn),
        due = day_sql(conn, "m.due_on"),
        achieved = day_sql(conn, "m.achieved_on"),
        occurred = day_sql(conn, "o.occurred_on"),
    )
}

/// Every figure counted afresh from the raw rows.
pub fn recompute(conn: &mut DbConnection) -> QueryResult<Vec<Figure>> {
    diesel::sql_query(recompute_sql(conn, false)).load(conn)
}

/// Every figure as kept: `progress_figures` and the changes not yet folded, summed;
/// figures that came back to nothing are left out.
pub fn stored(conn: &mut DbConnection) -> QueryResult<Vec<Figure>> {
    diesel::sql_query(format!(
        "SELECT {COLUMNS}, CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(total) AS BIGINT) AS total FROM \
           (SELECT {COLUMNS}, n, total FROM progress_figures WHERE fact IN ({BASE}) \
            UNION ALL SELECT {COLUMNS}, n, total FROM progress_figure_changes) f \
         GROUP BY {COLUMNS} HAVING SUM(n) <> 0 OR SUM(total) <> 0"
    ))
    .load(conn)
}

/// Replaces one JPA's figures (base and derived) by a count of its raw rows (after a
/// bulk load, or to repair what `check` found).
pub fn rebuild_jpa(conn: &mut DbConnection, jpa_id: &str) -> QueryResult<()> {
    let p = param(conn, 1);
    for table in ["progress_figures", "progress_figure_changes"] {
        diesel::sql_query(format!("DELETE FROM {table} WHERE jpa_id = {p}"))
            .bind::<Text, _>(jpa_id)
            .execute(conn)?;
    }
    diesel::sql_query(format!(
        "INSERT INTO progress_figures ({COLUMNS}, n, total) {}",
        recompute_sql(conn, true)
    ))
    .bind::<Text, _>(jpa_id)
    .execute(conn)?;
    // Its derived rows went with the rest: made again from what was just counted.
    let (start, end): (NaiveDate, NaiveDate) = super::schema::jpas::table
        .find(jpa_id)
        .select((
            super::schema::jpas::start_date,
            super::schema::jpas::end_date,
        ))
        .first(conn)?;
    let span = Span {
        start: month(start),
        end: month(end),
    };
    derive(conn, jpa_id, &span)
}

/// A figure that differs from the raw rows: as kept, and as counted (0 when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub key: Key,
    pub stored: (i64, i64),
    pub counted: (i64, i64),
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let k = &self.key;
        write!(
            f,
            "jpa {} {} agency {} month {} month2 {:?} status {} detail {:?}: kept n={} total={}, counted n={} total={}",
            k.jpa_id, k.fact, k.agency_id, k.month, k.month2, k.status, k.detail,
            self.stored.0, self.stored.1, self.counted.0, self.counted.1
        )
    }
}

/// Compares the figures kept with the raw rows, in one snapshot of the database (on
/// PostgreSQL a repeatable-read transaction; SQLite's read transactions are snapshots).
pub fn check(conn: &mut DbConnection) -> QueryResult<Vec<Mismatch>> {
    let compare = |conn: &mut DbConnection| -> QueryResult<Vec<Mismatch>> {
        let as_map = |figures: Vec<Figure>| -> BTreeMap<Key, (i64, i64)> {
            figures
                .into_iter()
                .map(|f| (f.key, (f.n, f.total)))
                .collect()
        };
        let mut kept = as_map(stored(conn)?);
        let mut counted = as_map(recompute(conn)?);
        // The derived rows of each JPA that has them, against what its folded base
        // figures make.
        let marked: Vec<DerivedState> = diesel::sql_query(DERIVED_STATE).load(conn)?;
        for jpa in marked {
            let Some(span) = jpa.made() else {
                continue;
            };
            let base = folded(conn, &jpa.jpa_id, BASE)?;
            counted.extend(derived_rows(&base, &span));
            kept.extend(
                folded(conn, &jpa.jpa_id, DERIVED)?
                    .into_iter()
                    .filter(|f| (f.n, f.total) != (0, 0))
                    .map(|f| (f.key, (f.n, f.total))),
            );
        }
        let keys: std::collections::BTreeSet<&Key> = kept.keys().chain(counted.keys()).collect();
        Ok(keys
            .into_iter()
            .filter_map(|k| {
                let s = kept.get(k).copied().unwrap_or_default();
                let c = counted.get(k).copied().unwrap_or_default();
                (s != c).then(|| Mismatch {
                    key: k.clone(),
                    stored: s,
                    counted: c,
                })
            })
            .collect())
    };
    conn.transaction(|conn| {
        if let DbConnection::Pg(_) = conn {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(conn)?;
        }
        compare(conn)
    })
}
