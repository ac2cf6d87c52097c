//! `GET /jpas/{id}/progress`: the figures of a JPA as they stood on a day. A fixed set
//! of aggregate queries (see `db::reports`) whatever the JPA's size; the shaping here is
//! plain Rust over the grouped rows.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde_json::{json, Map, Value};

use crate::db::jpas::JpaRow;
use crate::db::{jpas, reports, returns, DbConnection};
use crate::domain::indicators::INDICATORS;
use crate::domain::period::{periods_between, ReturnState};
use crate::error::ApiError;
use crate::routes::returns::compliance_rows;

/// Figures under this are shown to observers as `"<5"` in `by_agency`.
pub const SMALL_CELL: i64 = 5;

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

/// Replaces every number under `SMALL_CELL` in `value` by `"<5"`.
fn suppress_small(value: &mut Value) {
    match value {
        Value::Number(n) if n.as_i64().is_some_and(|v| v < SMALL_CELL) => *value = json!("<5"),
        Value::Object(map) => map.values_mut().for_each(suppress_small),
        Value::Array(items) => items.iter_mut().for_each(suppress_small),
        _ => {}
    }
}

/// Computes the progress document. `suppress` hides small figures in `by_agency`.
pub fn compute(
    conn: &mut DbConnection,
    jpa: &JpaRow,
    jpa_view: Value,
    as_of: NaiveDate,
    suppress: bool,
) -> Result<Value, ApiError> {
    let participants = jpas::participants(conn, &jpa.id)?;
    let horizon = as_of.checked_add_days(Days::new(30)).unwrap_or(as_of);
    let inv_groups = reports::investigation_groups(conn, &jpa.id, as_of)?;
    let ms_groups = reports::milestone_groups(conn, &jpa.id, as_of, horizon)?;
    let ms_months = reports::milestones_achieved_by_month(conn, &jpa.id, as_of)?;
    let out_agency = reports::outcomes_by_agency(conn, &jpa.id, as_of)?;
    let out_month = reports::outcomes_by_month(conn, &jpa.id, as_of)?;
    let all_returns = returns::all_for_jpa(conn, &jpa.id, None)?;

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
    for g in &out_agency {
        let entry = outcomes.entry(g.indicator.clone()).or_default();
        // Saturating: each row is bounded (`indicators::max_value`), so a sum reaches
        // i64::MAX only past 9 million rows at the maximum; even then no 500.
        entry[0] = entry[0].saturating_add(g.total);
        if g.status == "confirmed" {
            entry[1] = entry[1].saturating_add(g.total);
        } else {
            entry[2] = entry[2].saturating_add(g.total);
        }
        let cell = per_agency
            .entry(g.key.clone())
            .or_default()
            .outcomes
            .entry(g.indicator.clone())
            .or_default();
        *cell = cell.saturating_add(g.total);
    }

    let (rows, totals) = compliance_rows(jpa, participants.clone(), &all_returns, as_of);
    let mut month_returns: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for row in &rows {
        for (period, state) in &row.periods {
            let e = month_returns.entry(period.clone()).or_default();
            if matches!(state, ReturnState::OnTime | ReturnState::Late) {
                e.0 += 1;
            }
            if *state != ReturnState::NotDue {
                e.1 += 1;
            }
        }
    }
    let returns_by_agency: BTreeMap<&str, &crate::routes::returns::ComplianceRow> =
        rows.iter().map(|r| (r.agency_id.as_str(), r)).collect();

    let mut by_agency = Vec::new();
    for (agency, _) in &participants {
        let t = per_agency.get(&agency.id).cloned().unwrap_or_default();
        let r = returns_by_agency.get(agency.id.as_str());
        let mut entry = json!({
            "agency_id": agency.id, "name": agency.name, "country": agency.country,
            "investigations_led": t.investigations_led,
            "milestones_achieved": t.milestones_achieved,
            "milestones_overdue": t.milestones_overdue,
            "outcomes": indicator_map(&t.outcomes),
            "returns": {
                "expected": r.map_or(0, |r| r.rates.expected),
                "submitted": r.map_or(0, |r| r.rates.submitted),
                "on_time": r.map_or(0, |r| r.rates.on_time),
            },
        });
        if suppress {
            for key in [
                "investigations_led",
                "milestones_achieved",
                "milestones_overdue",
                "outcomes",
                "returns",
            ] {
                if let Some(v) = entry.get_mut(key) {
                    suppress_small(v);
                }
            }
        }
        by_agency.push(entry);
    }

    let ms_by_month: BTreeMap<String, i64> =
        ms_months.into_iter().map(|m| (m.period, m.n)).collect();
    let mut out_by_month: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for g in out_month {
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
            let (submitted, expected) = month_returns.get(&key).copied().unwrap_or_default();
            json!({
                "period": key,
                "milestones_achieved": ms_by_month.get(&key).copied().unwrap_or(0),
                "outcomes": indicator_map(&out_by_month.get(&key).cloned().unwrap_or_default()),
                "returns_submitted": submitted,
                "returns_expected": expected,
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
