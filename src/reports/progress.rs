//! `GET /jpas/{id}/progress`: the figures of a JPA as they stood on a day. A fixed set
//! of aggregate queries (see `db::reports`) whatever the JPA's size; the shaping here is
//! plain Rust over the grouped rows.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde_json::{json, Map, Value};

use crate::db::jpas::JpaRow;
use crate::db::reports::Source;
use crate::db::{jpas, reports, returns, DbConnection};
use crate::domain::indicators::INDICATORS;
use crate::domain::period::{periods_between, Period, ReturnState};
use crate::error::Error;
use crate::operations::returns::compliance_rows;

/// Figures under this are shown to observers as `"<5"` in `by_agency`.
pub const SMALL_CELL: i64 = 5;
/// What an observer sees for a figure under `SMALL_CELL` (0 included).
pub const SMALL_MARK: &str = "<5";
/// What an observer sees for a figure hidden so that no `"<5"` of its column can be
/// worked out from the column's total (complementary suppression).
pub const WITHHELD: &str = "withheld";

#[derive(Default, Clone)]
struct AgencyTotals {
    investigations_led: i64,
    milestones_achieved: i64,
    milestones_overdue: i64,
    outcomes: BTreeMap<String, i64>,
}

fn indicator_map(values: &BTreeMap<String, i64>) -> Value {
    Value::Object(values.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

/// How one `by_agency` figure is shown to an observer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Shown,
    /// Under `SMALL_CELL`: `"<5"`, a value 0 to 4.
    Small,
    /// Hidden to protect a `Small` of its column: `"withheld"`, a value from 5 up to the
    /// smallest figure still shown in the column (no upper bound when none is shown).
    Withheld,
    /// The whole column is `"withheld"`: any value from 0 up.
    Column,
}

impl Cell {
    fn render(self, value: i64) -> Value {
        match self {
            Cell::Shown => json!(value),
            Cell::Small => json!(SMALL_MARK),
            Cell::Withheld | Cell::Column => json!(WITHHELD),
        }
    }
}

/// Whether an observer who knows the rule, the column's total and the shown figures can
/// work out any hidden figure of the column exactly. Each hidden figure lies in a range
/// (`Cell`); together they sum to the total minus the shown figures. A figure is pinned
/// when its range, narrowed by what the others can add up to, holds one value; for a
/// box of integer ranges and one sum this narrowing is exact.
fn pinned(values: &[i64], cells: &[Cell]) -> bool {
    let smallest_shown = values
        .iter()
        .zip(cells)
        .filter(|(_, c)| **c == Cell::Shown)
        .map(|(v, _)| i128::from(*v))
        .min();
    // (value, lowest, highest; None: no upper bound) of each hidden figure.
    let ranges: Vec<(i128, i128, Option<i128>)> = values
        .iter()
        .zip(cells)
        .filter_map(|(v, c)| {
            let v = i128::from(*v);
            match c {
                Cell::Shown => None,
                Cell::Small => Some((v, 0, Some(i128::from(SMALL_CELL) - 1))),
                Cell::Withheld => Some((v, i128::from(SMALL_CELL), smallest_shown)),
                Cell::Column => Some((v, 0, None)),
            }
        })
        .collect();
    let hidden_sum: i128 = ranges.iter().map(|r| r.0).sum();
    let all_lo: i128 = ranges.iter().map(|r| r.1).sum();
    let bounded_hi: i128 = ranges.iter().filter_map(|r| r.2).sum();
    let unbounded = ranges.iter().filter(|r| r.2.is_none()).count();
    ranges.iter().any(|&(_, lo, hi)| {
        let others_lo = all_lo - lo;
        let others_unbounded = unbounded - usize::from(hi.is_none());
        let mut lowest = lo;
        if others_unbounded == 0 {
            lowest = lowest.max(hidden_sum - (bounded_hi - hi.unwrap_or(0)));
        }
        let mut highest = hidden_sum - others_lo;
        if let Some(hi) = hi {
            highest = highest.min(hi);
        }
        lowest >= highest
    })
}

/// Chooses how an observer sees one `by_agency` column (one figure per agency, the
/// column's total being public in the JPA-wide figures). Figures under `SMALL_CELL` are
/// `Small`; then, while a hidden figure can be worked out (`pinned`), the smallest
/// figure still shown is `Withheld`. When even that is not enough (every other figure
/// hidden), the whole column is withheld, unless the total alone gives the figures away
/// anyway (a total of 0, or one agency), where nothing more can help.
fn protect_column(values: &[i64]) -> Vec<Cell> {
    let mut cells: Vec<Cell> = values
        .iter()
        .map(|v| {
            if *v < SMALL_CELL {
                Cell::Small
            } else {
                Cell::Shown
            }
        })
        .collect();
    if !cells.contains(&Cell::Small) {
        return cells;
    }
    while pinned(values, &cells) {
        let smallest = values
            .iter()
            .enumerate()
            .filter(|(i, _)| cells[*i] == Cell::Shown)
            .min_by_key(|(_, v)| **v)
            .map(|(i, _)| i);
        match smallest {
            Some(i) => cells[i] = Cell::Withheld,
            None => {
                let column = vec![Cell::Column; values.len()];
                if !pinned(values, &column) {
                    return column;
                }
                break;
            }
        }
    }
    cells
}

/// How an observer sees `submitted` and `on_time` returns by agency. These columns are
/// nested (`on_time <= submitted <= expected`) and `expected` follows from the public
/// participation dates, so a `"withheld"` figure would be bounded by `expected` (with
/// `expected` 5, `"withheld"` is 5) and cell-by-cell protection does not hold. Both
/// columns are therefore withheld for every agency as soon as one of their figures is
/// under `SMALL_CELL`, unless the totals give them away anyway (one agency, or nothing
/// submitted). `expected` itself is public and follows the `"<5"` rule only.
fn protect_returns(submitted: &[i64], on_time: &[i64]) -> (Vec<Cell>, Vec<Cell>) {
    let small = submitted.iter().chain(on_time).any(|v| *v < SMALL_CELL);
    if small && submitted.len() > 1 && submitted.iter().sum::<i64>() > 0 {
        (
            vec![Cell::Column; submitted.len()],
            vec![Cell::Column; on_time.len()],
        )
    } else {
        (
            submitted.iter().map(|v| small_or_shown(*v)).collect(),
            on_time.iter().map(|v| small_or_shown(*v)).collect(),
        )
    }
}

fn small_or_shown(value: i64) -> Cell {
    if value < SMALL_CELL {
        Cell::Small
    } else {
        Cell::Shown
    }
}

/// The day an observer's figures are computed for: the last day of a month that has
/// ended. A requested day that is not a month's last day stands for the end of the
/// month before it; a day in the current month or later (and the default, today) for
/// the end of the previous month. Figures as of a day inside a month, or as of the
/// current month while it is still being written, would let two requests be subtracted
/// to attribute one new figure to one agency.
pub fn observer_as_of(requested: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    let month_before = |day: NaiveDate| Period::of(day).first_day().pred_opt().unwrap_or(day);
    let day = requested.unwrap_or(today).min(month_before(today));
    if day == Period::of(day).last_day() {
        day
    } else {
        month_before(day)
    }
}

/// One `by_agency` column for an observer: each agency's figure and how it is shown.
type Column = (Vec<i64>, Vec<Cell>);

/// One agency's figures, before they are shaped for the caller.
struct AgencyFigures {
    agency_id: String,
    name: String,
    country: String,
    totals: AgencyTotals,
    /// expected, submitted, on time.
    returns: [i64; 3],
}

/// `by_agency` for an observer: every figure of every agency is present (an indicator
/// the agency never reported is a 0, so a missing key gives nothing away), and each
/// column is protected as a whole (`protect_column`, `protect_returns`).
fn observer_by_agency(rows: &[AgencyFigures]) -> Vec<Value> {
    let column = |f: &dyn Fn(&AgencyFigures) -> i64| -> Column {
        let values: Vec<i64> = rows.iter().map(f).collect();
        let cells = protect_column(&values);
        (values, cells)
    };
    let investigations = column(&|a| a.totals.investigations_led);
    let achieved = column(&|a| a.totals.milestones_achieved);
    let overdue = column(&|a| a.totals.milestones_overdue);
    let codes: std::collections::BTreeSet<&str> = INDICATORS
        .iter()
        .map(|i| i.code)
        .chain(
            rows.iter()
                .flat_map(|a| a.totals.outcomes.keys().map(String::as_str)),
        )
        .collect();
    let outcomes: Vec<(&str, Column)> = codes
        .into_iter()
        .map(|code| {
            let figures = column(&|a| a.totals.outcomes.get(code).copied().unwrap_or(0));
            (code, figures)
        })
        .collect();
    let expected: Vec<i64> = rows.iter().map(|a| a.returns[0]).collect();
    let submitted: Vec<i64> = rows.iter().map(|a| a.returns[1]).collect();
    let on_time: Vec<i64> = rows.iter().map(|a| a.returns[2]).collect();
    let (submitted_cells, on_time_cells) = protect_returns(&submitted, &on_time);
    let show = |(values, cells): &Column, i: usize| cells[i].render(values[i]);
    rows.iter()
        .enumerate()
        .map(|(i, a)| {
            let outcomes: Map<String, Value> = outcomes
                .iter()
                .map(|(code, figures)| (code.to_string(), show(figures, i)))
                .collect();
            json!({
                "agency_id": a.agency_id, "name": a.name, "country": a.country,
                "investigations_led": show(&investigations, i),
                "milestones_achieved": show(&achieved, i),
                "milestones_overdue": show(&overdue, i),
                "outcomes": outcomes,
                "returns": {
                    "expected": small_or_shown(expected[i]).render(expected[i]),
                    "submitted": submitted_cells[i].render(submitted[i]),
                    "on_time": on_time_cells[i].render(on_time[i]),
                },
            })
        })
        .collect()
}

/// Computes the progress document from the figures kept with every write. `suppress`
/// hides small figures in `by_agency`.
pub fn compute(
    conn: &mut DbConnection,
    jpa: &JpaRow,
    jpa_view: Value,
    as_of: NaiveDate,
    suppress: bool,
) -> Result<Value, Error> {
    compute_from(conn, Source::Figures, jpa, jpa_view, as_of, suppress)
}

/// `compute`, counting from `source`: the raw rows give the same document, slower
/// (tests compare the two).
pub fn compute_from(
    conn: &mut DbConnection,
    source: Source,
    jpa: &JpaRow,
    jpa_view: Value,
    as_of: NaiveDate,
    suppress: bool,
) -> Result<Value, Error> {
    let participants = jpas::participants(conn, &jpa.id)?;
    let horizon = as_of.checked_add_days(Days::new(30)).unwrap_or(as_of);
    let groups = reports::groups(conn, source, &jpa.id, as_of, horizon)?;
    let inv_groups = groups.investigations;
    let ms_groups = groups.milestones;
    let ms_months = groups.achieved_by_month;
    let ms_overdue_months = groups.overdue_by_month;
    let out_agency = groups.outcomes_by_agency;
    let out_month = groups.outcomes_by_month;
    let all_returns = returns::submissions(conn, &jpa.id, None)?;

    let periods = periods_between(jpa.start_date, jpa.end_date);
    let months_elapsed = periods.iter().filter(|p| p.first_day() <= as_of).count();

    let mut per_agency: BTreeMap<String, AgencyTotals> = BTreeMap::new();
    let (mut total, mut cross_border) = (0i64, 0i64);
    let mut by_status: BTreeMap<&str, i64> = [("open", 0), ("suspended", 0), ("closed", 0)]
        .into_iter()
        .collect();
    let mut by_crime: BTreeMap<&str, i64> =
        [("people_smuggling", 0), ("trafficking_in_persons", 0)]
            .into_iter()
            .collect();
    for g in &inv_groups {
        total += g.n;
        cross_border += g.cross_border as i64 * g.n;
        let status = if g.status == "closed" && g.closed_later == 1 {
            "open"
        } else {
            g.status.as_str()
        };
        if let Some(v) = by_status.get_mut(status) {
            *v += g.n;
        }
        if g.people_smuggling == 1 {
            *by_crime.entry("people_smuggling").or_default() += g.n;
        }
        if g.trafficking_in_persons == 1 {
            *by_crime.entry("trafficking_in_persons").or_default() += g.n;
        }
        per_agency
            .entry(g.agency_id.clone())
            .or_default()
            .investigations_led += g.n;
    }

    let mut ms = [0i64; 5]; // total, achieved, cancelled, overdue, due next 30 days
    for g in &ms_groups {
        ms[0] += g.total;
        ms[1] += g.achieved;
        ms[2] += g.cancelled;
        ms[3] += g.overdue;
        ms[4] += g.due_next_30_days;
        let a = per_agency.entry(g.agency_id.clone()).or_default();
        a.milestones_achieved += g.achieved;
        a.milestones_overdue += g.overdue;
    }

    let mut outcomes: BTreeMap<String, [i64; 3]> = INDICATORS
        .iter()
        .map(|i| (i.code.to_string(), [0; 3]))
        .collect();
    // The totals by status, from the months (every outcome is in one month).
    for g in &out_month {
        let entry = match outcomes.get_mut(g.indicator.as_str()) {
            Some(e) => e,
            None => outcomes.entry(g.indicator.clone()).or_default(),
        };
        // Saturating: each row is bounded (`indicators::max_value`), so a sum reaches
        // i64::MAX only past 9 million rows at the maximum; even then no 500.
        entry[0] = entry[0].saturating_add(g.total);
        if g.status == "confirmed" {
            entry[1] = entry[1].saturating_add(g.total);
        } else {
            entry[2] = entry[2].saturating_add(g.total);
        }
    }
    // Each agency's, its statuses together.
    for g in &out_agency {
        let agency = match per_agency.get_mut(g.key.as_str()) {
            Some(a) => a,
            None => per_agency.entry(g.key.clone()).or_default(),
        };
        let cell = match agency.outcomes.get_mut(g.indicator.as_str()) {
            Some(c) => c,
            None => agency.outcomes.entry(g.indicator.clone()).or_default(),
        };
        *cell = cell.saturating_add(g.total);
    }

    let (rows, totals) = compliance_rows(jpa, participants.clone(), &all_returns, as_of);
    // Per period: submitted, expected, on time, late, missing.
    let mut month_returns: BTreeMap<String, [i64; 5]> = BTreeMap::new();
    for row in &rows {
        for (period, state) in &row.periods {
            let e = month_returns.entry(period.clone()).or_default();
            if matches!(state, ReturnState::OnTime | ReturnState::Late) {
                e[0] += 1;
            }
            if *state != ReturnState::NotDue {
                e[1] += 1;
            }
            match state {
                ReturnState::OnTime => e[2] += 1,
                ReturnState::Late => e[3] += 1,
                ReturnState::Missing => e[4] += 1,
                ReturnState::NotDue => {}
            }
        }
    }
    let returns_by_agency: BTreeMap<&str, &crate::operations::returns::ComplianceRow> =
        rows.iter().map(|r| (r.agency_id.as_str(), r)).collect();

    let rows: Vec<AgencyFigures> = participants
        .iter()
        .map(|(agency, _)| {
            let r = returns_by_agency.get(agency.id.as_str());
            AgencyFigures {
                agency_id: agency.id.clone(),
                name: agency.name.clone(),
                country: agency.country.clone(),
                totals: per_agency.get(&agency.id).cloned().unwrap_or_default(),
                returns: [
                    r.map_or(0, |r| r.rates.expected),
                    r.map_or(0, |r| r.rates.submitted),
                    r.map_or(0, |r| r.rates.on_time),
                ],
            }
        })
        .collect();
    let by_agency = if suppress {
        observer_by_agency(&rows)
    } else {
        rows.iter()
            .map(|a| {
                let t = &a.totals;
                json!({
                    "agency_id": a.agency_id, "name": a.name, "country": a.country,
                    "investigations_led": t.investigations_led,
                    "milestones_achieved": t.milestones_achieved,
                    "milestones_overdue": t.milestones_overdue,
                    "outcomes": indicator_map(&t.outcomes),
                    "returns": {
                        "expected": a.returns[0], "submitted": a.returns[1], "on_time": a.returns[2],
                    },
                })
            })
            .collect()
    };

    let ms_by_month: BTreeMap<String, i64> =
        ms_months.into_iter().map(|m| (m.period, m.n)).collect();
    let ms_overdue_by_month: BTreeMap<String, i64> = ms_overdue_months
        .into_iter()
        .map(|m| (m.period, m.n))
        .collect();
    // Per period and indicator: every outcome, and the confirmed ones.
    let mut out_by_month: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    let mut confirmed_by_month: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for g in out_month {
        if g.status == "confirmed" {
            let cell = confirmed_by_month
                .entry(g.key.clone())
                .or_default()
                .entry(g.indicator.clone())
                .or_default();
            *cell = cell.saturating_add(g.total);
        }
        let cell = out_by_month
            .entry(g.key)
            .or_default()
            .entry(g.indicator)
            .or_default();
        *cell = cell.saturating_add(g.total);
    }
    let by_month: Vec<Value> = periods
        .iter()
        .map(|p| {
            let key = p.to_string();
            let [submitted, expected, on_time, late, missing] =
                month_returns.get(&key).copied().unwrap_or_default();
            json!({
                "period": key,
                "milestones_achieved": ms_by_month.get(&key).copied().unwrap_or(0),
                "milestones_overdue": ms_overdue_by_month.get(&key).copied().unwrap_or(0),
                "outcomes": indicator_map(&out_by_month.get(&key).cloned().unwrap_or_default()),
                "outcomes_confirmed": indicator_map(&confirmed_by_month.get(&key).cloned().unwrap_or_default()),
                "returns_submitted": submitted,
                "returns_expected": expected,
                "returns_on_time": on_time,
                "returns_late": late,
                "returns_missing": missing,
            })
        })
        .collect();

    let outcomes_json: Map<String, Value> = outcomes
        .into_iter()
        .map(|(k, [t, c, p])| (k, json!({"total": t, "confirmed": c, "provisional": p})))
        .collect();
    Ok(json!({
        "jpa": jpa_view,
        "as_of": as_of,
        "months_elapsed": months_elapsed,
        "months_total": periods.len(),
        "agencies": {"participating": participants.len()},
        "investigations": {"total": total, "cross_border": cross_border, "by_status": by_status, "by_crime_type": by_crime},
        "milestones": {
            "total": ms[0], "achieved": ms[1], "planned": ms[0] - ms[1] - ms[2], "cancelled": ms[2],
            "overdue": ms[3], "due_next_30_days": ms[4],
        },
        "outcomes": outcomes_json,
        "returns": {"expected": totals.expected, "submitted": totals.submitted, "on_time": totals.on_time},
        "by_agency": by_agency,
        "by_month": by_month,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn observers_get_the_figures_of_the_last_month_that_has_ended() {
        let today = date("2026-12-01");
        for (requested, expected) in [
            (None, "2026-11-30"),
            (Some("2026-05-01"), "2026-04-30"),
            (Some("2026-04-30"), "2026-04-30"),
            (Some("2026-03-15"), "2026-02-28"),
            (Some("2024-03-01"), "2024-02-29"),
            (Some("2026-12-31"), "2026-11-30"),
            (Some("2027-06-30"), "2026-11-30"),
        ] {
            assert_eq!(
                observer_as_of(requested.map(date), today),
                date(expected),
                "{requested:?}"
            );
        }
        assert_eq!(
            observer_as_of(None, date("2026-11-30")),
            date("2026-10-31"),
            "a month end is not over while it is today"
        );
    }

    fn render(values: &[i64]) -> Vec<Value> {
        values
            .iter()
            .zip(protect_column(values))
            .map(|(v, c)| c.render(*v))
            .collect()
    }

    #[test]
    fn the_issue_example_withholds_a_second_figure() {
        assert_eq!(
            render(&[7, 6, 8, 2]),
            vec![json!(7), json!(WITHHELD), json!(8), json!(SMALL_MARK)]
        );
        assert_eq!(render(&[7, 6, 8]), vec![json!(7), json!(6), json!(8)]);
        assert_eq!(
            render(&[0, 7, 0]),
            vec![json!(SMALL_MARK), json!(WITHHELD), json!(SMALL_MARK)],
            "two exact zeros would follow from the total"
        );
        assert_eq!(
            render(&[0, 5]),
            vec![json!(WITHHELD), json!(WITHHELD)],
            "\"<5\" and \"withheld\" of total 5 are 0 and 5: the column goes"
        );
        assert_eq!(render(&[0, 0, 0]), vec![json!(SMALL_MARK); 3]);
        assert_eq!(render(&[3]), vec![json!(SMALL_MARK)]);
    }

    /// Every value an observer could take a column to be, under the rule: `"<5"` is 0 to
    /// 4, `"withheld"` 5 up to the smallest figure shown (in a fully withheld column:
    /// anything), the column summing to its total. Brute force, values up to `max`.
    fn candidates(shown: &[Value], total: i64, max: i64) -> Vec<Vec<i64>> {
        let numbers: Vec<i64> = shown.iter().filter_map(Value::as_i64).collect();
        let whole_column = numbers.is_empty() && !shown.iter().any(|v| v == SMALL_MARK);
        let smallest = numbers.iter().copied().min().unwrap_or(max);
        let range = |v: &Value| -> Vec<i64> {
            match (v.as_i64(), v.as_str()) {
                (Some(n), _) => vec![n],
                (_, Some(SMALL_MARK)) => (0..SMALL_CELL).collect(),
                _ if whole_column => (0..=max).collect(),
                _ => (SMALL_CELL..=smallest).collect(),
            }
        };
        let mut out: Vec<Vec<i64>> = vec![vec![]];
        for v in shown {
            out = out
                .into_iter()
                .flat_map(|prefix| {
                    range(v).into_iter().map(move |x| {
                        let mut next = prefix.clone();
                        next.push(x);
                        next
                    })
                })
                .collect();
        }
        out.retain(|c| c.iter().sum::<i64>() == total);
        out
    }

    #[test]
    fn no_hidden_figure_follows_from_the_total_and_the_figures_shown() {
        let max = 12;
        let mut columns = vec![vec![]];
        for _ in 0..4 {
            columns = columns
                .into_iter()
                .flat_map(|c: Vec<i64>| {
                    (0..=max).map(move |v| {
                        let mut next = c.clone();
                        next.push(v);
                        next
                    })
                })
                .collect();
            for values in &columns {
                let shown = render(values);
                let total: i64 = values.iter().sum();
                let options = candidates(&shown, total, total.max(max));
                assert!(options.contains(values), "{values:?} -> {shown:?}");
                let irreducible = total == 0 || values.len() == 1;
                for (i, v) in shown.iter().enumerate() {
                    if v.is_number() || irreducible {
                        continue;
                    }
                    assert!(
                        options.iter().any(|o| o[i] != values[i]),
                        "{values:?} -> {shown:?}: figure {i} is {}",
                        values[i]
                    );
                }
            }
        }
    }

    #[test]
    fn returns_are_withheld_together_when_one_is_small() {
        let (s, o) = protect_returns(&[6, 6, 5], &[6, 3, 5]);
        assert!(s.iter().chain(&o).all(|c| *c == Cell::Column));
        let (s, o) = protect_returns(&[6, 6, 5], &[6, 5, 5]);
        assert!(s.iter().chain(&o).all(|c| *c == Cell::Shown));
        let (s, _) = protect_returns(&[0, 0], &[0, 0]);
        assert_eq!(
            s,
            vec![Cell::Small; 2],
            "nothing submitted: the total says so"
        );
    }
}
