//! Monthly returns: an agency's return per period (draft, then submitted, once), and the
//! compliance grid, the one place return states are counted (compliance, progress).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::jpas::{ensure_open, visible_jpa};
use super::{list_response, ts, write, ListResponse, Page, Result};
use crate::auth::policy::{self, require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, diff, AuditContext};
use crate::db::jpas::JpaRow;
use crate::db::returns::{self, ReturnRow, Submission};
use crate::db::{self, jpas, DbConnection};
use crate::domain::period::{periods_between, return_state, Period, ReturnState};
use crate::domain::{optional_text, today_in, ReturnStatus, Role};
use crate::error::Error;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReturnView {
    pub id: String,
    pub jpa_id: String,
    pub agency_id: String,
    pub period: String,
    pub narrative: String,
    pub nil_return: bool,
    pub status: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub submitted_by: Option<String>,
    pub on_time: Option<bool>,
    pub due_on: Option<NaiveDate>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn view(row: ReturnRow, due_day: i32) -> ReturnView {
    ReturnView {
        due_on: Period::parse(&row.period).map(|p| p.due_date(due_day as u32)),
        id: row.id,
        jpa_id: row.jpa_id,
        agency_id: row.agency_id,
        period: row.period,
        narrative: row.narrative,
        nil_return: row.nil_return,
        status: row.status,
        submitted_at: row.submitted_at.map(ts),
        submitted_by: row.submitted_by,
        on_time: row.on_time,
        version: row.version,
        created_at: ts(row.created_at),
        updated_at: ts(row.updated_at),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveReturn {
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_20000)]
    pub narrative: String,
    #[serde(default)]
    pub nil_return: bool,
}

/// The periods an agency owes: the JPA's months from the one it joined in.
fn owed_periods(jpa: &JpaRow, joined_on: NaiveDate) -> Vec<Period> {
    periods_between(jpa.start_date, jpa.end_date)
        .into_iter()
        .filter(|p| p.last_day() >= joined_on)
        .collect()
}

/// The JPA, the acting agency and the period, all checked: the period must be one of the
/// JPA's (404) and the agency a participant (422 for coordinators; a liaison's agency
/// always participates in a JPA it can see).
fn resolve(
    conn: &mut DbConnection,
    caller: &Caller,
    jpa_id: &str,
    period: &str,
    requested_agency: Option<&str>,
) -> Result<(JpaRow, String, Period)> {
    let jpa = visible_jpa(conn, caller, jpa_id)?;
    let agency = policy::return_agency(caller, requested_agency)?;
    let period = Period::parse(period).ok_or(Error::NotFound)?;
    if !periods_between(jpa.start_date, jpa.end_date).contains(&period) {
        return Err(Error::NotFound);
    }
    if uuid::Uuid::parse_str(&agency).is_err() || !jpas::participates(conn, &jpa.id, &agency)? {
        return Err(Error::invalid(
            "agency_id",
            "must be an agency participating in this JPA",
        ));
    }
    Ok((jpa, agency, period))
}

/// Expected, submitted and on-time counts with their rates.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Rates {
    pub expected: i64,
    pub submitted: i64,
    pub on_time: i64,
    pub late: i64,
    pub missing: i64,
    pub not_due: i64,
    pub submitted_rate: Option<f64>,
    pub on_time_rate: Option<f64>,
}

impl Rates {
    fn add(&mut self, state: ReturnState) {
        match state {
            ReturnState::OnTime => self.on_time += 1,
            ReturnState::Late => self.late += 1,
            ReturnState::Missing => self.missing += 1,
            ReturnState::NotDue => self.not_due += 1,
        }
    }

    fn finish(mut self) -> Rates {
        self.submitted = self.on_time + self.late;
        self.expected = self.on_time + self.late + self.missing;
        if self.expected > 0 {
            let e = self.expected as f64;
            self.submitted_rate = Some((self.submitted as f64 / e * 1000.0).round() / 1000.0);
            self.on_time_rate = Some((self.on_time as f64 / e * 1000.0).round() / 1000.0);
        }
        self
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ComplianceRow {
    pub agency_id: String,
    pub name: String,
    pub country: String,
    /// period -> on_time | late | missing | not_due (periods before the agency joined are absent)
    #[schema(value_type = Object)]
    pub periods: std::collections::BTreeMap<String, ReturnState>,
    #[serde(flatten)]
    pub rates: Rates,
}

/// `GET /jpas/{id}/compliance`: agencies x periods as of a day, with rates.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Compliance {
    pub jpa_id: String,
    pub as_of: NaiveDate,
    /// Every period of the JPA, `YYYY-MM`, oldest first.
    pub periods: Vec<String>,
    pub agencies: Vec<ComplianceRow>,
    pub totals: Rates,
}

/// The compliance grid as of a day: shared with progress and reminders.
pub fn compliance_rows(
    jpa: &JpaRow,
    participants: Vec<(crate::db::agencies::AgencyRow, NaiveDate)>,
    returns: &[Submission],
    as_of: NaiveDate,
) -> (Vec<ComplianceRow>, Rates) {
    let tz: chrono_tz::Tz = jpa.timezone.parse().unwrap_or(chrono_tz::UTC);
    let mut submitted: HashMap<(&str, &str), NaiveDate> = HashMap::new();
    for r in returns {
        if let Some(at) = r.submitted_at {
            submitted.insert(
                (r.agency_id.as_str(), r.period.as_str()),
                at.and_utc().with_timezone(&tz).date_naive(),
            );
        }
    }
    let mut total = Rates::default();
    let mut rows = Vec::new();
    for (agency, joined_on) in participants {
        let mut rates = Rates::default();
        let mut periods = std::collections::BTreeMap::new();
        for p in owed_periods(jpa, joined_on) {
            let key = p.to_string();
            let on = submitted
                .get(&(agency.id.as_str(), key.as_str()))
                .copied()
                .filter(|d| *d <= as_of);
            let state = return_state(on, p.due_date(jpa.report_due_day as u32), as_of);
            rates.add(state);
            total.add(state);
            periods.insert(key, state);
        }
        rows.push(ComplianceRow {
            agency_id: agency.id,
            name: agency.name,
            country: agency.country,
            periods,
            rates: rates.finish(),
        });
    }
    (rows, total.finish())
}

/// A page of monthly returns, newest first: a liaison's own agency's; coordinators' any
/// (`agency_id`), optionally of one `period` (`YYYY-MM`, already checked).
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    jpa_id: &str,
    agency_id: Option<String>,
    period: Option<String>,
    page: Page,
) -> Result<ListResponse<ReturnView>> {
    require(caller.role, Action::ListReturns)?;
    let agency = match caller.role {
        Role::Liaison => Some(policy::return_agency(caller, None)?),
        _ => agency_id,
    };
    let jpa = visible_jpa(conn, caller, jpa_id)?;
    let rows = returns::list(conn, &jpa.id, agency, period, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        |r| view(r, jpa.report_due_day),
    ))
}

/// Saves the agency's draft for a period (`true` when it was created now); a submitted
/// return is 409.
pub fn save(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    period: &str,
    agency_id: Option<&str>,
    input: SaveReturn,
) -> Result<(bool, ReturnView)> {
    save_if_unchanged(conn, caller, ctx, id, period, agency_id, input, None)
}

/// `save`, only if the draft is still at version `expected` (`Some(0)`: there was none
/// yet); otherwise `Stale` and nothing is written. The pages' forms carry the version
/// they showed, so a draft edited elsewhere meanwhile is not overwritten unseen.
#[allow(clippy::too_many_arguments)]
pub fn save_if_unchanged(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    period: &str,
    agency_id: Option<&str>,
    input: SaveReturn,
    expected: Option<i64>,
) -> Result<(bool, ReturnView)> {
    require(caller.role, Action::WriteReturn)?;
    let narrative = optional_text("narrative", &input.narrative, 20_000)
        .map_err(|e| Error::Invalid(vec![e]))?;
    let (created, row, due_day) = write(conn, |conn| {
        let (jpa, agency, period) = resolve(conn, caller, id, period, agency_id)?;
        ensure_open(&jpa)?;
        let now = db::now();
        let submitted = || Error::Conflict("This return is already submitted.".into());
        let draft = |row: &ReturnRow| {
            let mut after = row.clone();
            after.narrative = narrative.clone();
            after.nil_return = input.nil_return;
            after
        };
        let existing = returns::find(conn, &jpa.id, &agency, &period.to_string())?;
        if let Some(expected) = expected {
            let current = existing
                .as_ref()
                .filter(|r| r.status != ReturnStatus::Submitted.as_str())
                .map_or(0, |r| r.version);
            let submitted_now = existing
                .as_ref()
                .is_some_and(|r| r.status == ReturnStatus::Submitted.as_str());
            if current != expected && !submitted_now {
                return Err(Error::Stale);
            }
        }
        let (created, before, after) = match existing {
            Some(row) if row.status == ReturnStatus::Submitted.as_str() => return Err(submitted()),
            Some(row) => {
                let after = draft(&row);
                db::one_row_or(returns::save_draft(conn, &after, now)?, submitted())?;
                (false, Some(row), after)
            }
            None => {
                let row = ReturnRow {
                    id: db::new_id(),
                    jpa_id: jpa.id.clone(),
                    agency_id: agency.clone(),
                    period: period.to_string(),
                    narrative: narrative.clone(),
                    nil_return: input.nil_return,
                    status: ReturnStatus::Draft.as_str().to_string(),
                    submitted_at: None,
                    submitted_by: None,
                    on_time: None,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                };
                if db::insert_once(conn, |conn| returns::insert(conn, &row))? {
                    (true, None, row)
                } else {
                    // A parallel first PUT made the draft: this one saves over it.
                    let row = returns::find(conn, &jpa.id, &agency, &period.to_string())?
                        .ok_or(Error::NotFound)?;
                    let after = draft(&row);
                    db::one_row_or(returns::save_draft(conn, &after, now)?, submitted())?;
                    (false, Some(row), after)
                }
            }
        };
        let fields = |r: &ReturnRow| serde_json::json!({"narrative": r.narrative, "nil_return": r.nil_return, "status": r.status});
        let before_fields = before
            .as_ref()
            .map(fields)
            .unwrap_or_else(|| serde_json::json!({}));
        audit::record(
            conn,
            ctx,
            "return.save",
            "monthly_return",
            &after.id,
            diff(&before_fields, &fields(&after)),
            now,
        )?;
        let row = returns::find(conn, &after.jpa_id, &after.agency_id, &after.period)?
            .ok_or(Error::NotFound)?;
        Ok((created, row, jpa.report_due_day))
    })?;
    Ok((created, view(row, due_day)))
}

/// Submits the agency's draft for a period; `on_time` is computed in the JPA's time zone.
/// 409 if already submitted, if there is no draft, or if the period has not started.
pub fn submit(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    period: &str,
    agency_id: Option<&str>,
) -> Result<ReturnView> {
    submit_if_unchanged(conn, caller, ctx, id, period, agency_id, None)
}

/// `submit`, only if the draft is still at version `expected` (the one the confirmation
/// showed); otherwise `Stale` and nothing is submitted.
pub fn submit_if_unchanged(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    period: &str,
    agency_id: Option<&str>,
    expected: Option<i64>,
) -> Result<ReturnView> {
    require(caller.role, Action::WriteReturn)?;
    let (row, due_day) = write(conn, |conn| {
        let (jpa, agency, period) = resolve(conn, caller, id, period, agency_id)?;
        ensure_open(&jpa)?;
        let today = today_in(&jpa.timezone);
        if today < period.first_day() {
            return Err(Error::Conflict("The period has not started yet.".into()));
        }
        let Some(before) = returns::find(conn, &jpa.id, &agency, &period.to_string())? else {
            return Err(Error::Conflict(
                "There is no draft for this period; save one with PUT first.".into(),
            ));
        };
        let submitted = || Error::Conflict("This return is already submitted.".into());
        if before.status == ReturnStatus::Submitted.as_str() {
            return Err(submitted());
        }
        if expected.is_some_and(|v| v != before.version) {
            return Err(Error::Stale);
        }
        let now = db::now();
        let on_time = today <= period.due_date(jpa.report_due_day as u32);
        // Only the submit that finds the row still a draft changes it.
        db::one_row_or(
            returns::submit(conn, &before.id, &caller.user_id, on_time, now)?,
            submitted(),
        )?;
        let after = returns::find(conn, &before.jpa_id, &before.agency_id, &before.period)?
            .ok_or(Error::NotFound)?;
        audit::record(
            conn,
            ctx,
            "return.submit",
            "monthly_return",
            &after.id,
            serde_json::json!({"status": {"before": before.status, "after": after.status}, "on_time": {"before": null, "after": after.on_time}}),
            now,
        )?;
        Ok((after, jpa.report_due_day))
    })?;
    Ok(view(row, due_day))
}

/// The compliance grid as of a day (default today in the JPA's time zone): every
/// participating agency for coordinators, a liaison's own row.
pub fn compliance(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
    as_of: Option<NaiveDate>,
) -> Result<Compliance> {
    require(caller.role, Action::ReadCompliance)?;
    let own = (caller.role == Role::Liaison)
        .then(|| caller.agency_id.clone())
        .flatten();
    let jpa = visible_jpa(conn, caller, id)?;
    let as_of = as_of.unwrap_or_else(|| today_in(&jpa.timezone));
    let mut participants = jpas::participants(conn, &jpa.id)?;
    if let Some(own) = &own {
        participants.retain(|(a, _)| &a.id == own);
    }
    let all = returns::submissions(conn, &jpa.id, own.as_deref())?;
    let (rows, totals) = compliance_rows(&jpa, participants, &all, as_of);
    let periods: Vec<String> = periods_between(jpa.start_date, jpa.end_date)
        .iter()
        .map(|p| p.to_string())
        .collect();
    Ok(Compliance {
        jpa_id: jpa.id,
        as_of,
        periods,
        agencies: rows,
        totals,
    })
}

/// One period of an agency's returns, as the returns pages show it.
#[derive(Debug, Serialize)]
pub struct PeriodReturn {
    pub period: String,
    pub first_day: NaiveDate,
    pub due_on: NaiveDate,
    /// Where it stands today; `None` for a period before the agency joined (not owed).
    pub state: Option<ReturnState>,
    /// The period has begun: its return may be submitted.
    pub started: bool,
    /// The draft or the submitted return, if one was saved.
    #[serde(rename = "return")]
    pub saved: Option<ReturnView>,
}

/// Every period of a JPA for one agency: state, due date and the saved return.
#[derive(Debug, Serialize)]
pub struct AgencyReturns {
    pub agency_id: String,
    pub name: String,
    pub country: String,
    pub joined_on: NaiveDate,
    /// Today in the JPA's time zone.
    pub today: NaiveDate,
    pub periods: Vec<PeriodReturn>,
    pub rates: Rates,
}

/// The returns of an agency in a JPA: a liaison's own (another agency's id is 403);
/// coordinators name the agency, which must participate (404 otherwise).
pub fn of_agency(
    conn: &mut DbConnection,
    caller: &Caller,
    jpa_id: &str,
    agency_id: Option<&str>,
) -> Result<AgencyReturns> {
    require(caller.role, Action::ListReturns)?;
    let jpa = visible_jpa(conn, caller, jpa_id)?;
    let agency = policy::return_agency(caller, agency_id)?;
    let mut participants = jpas::participants(conn, &jpa.id)?;
    participants.retain(|(a, _)| a.id == agency);
    let Some((row, joined_on)) = participants.first().cloned() else {
        return Err(Error::NotFound);
    };
    let today = today_in(&jpa.timezone);
    let saved = returns::all_for_jpa(conn, &jpa.id, Some(&agency))?;
    let submissions: Vec<Submission> = saved.iter().map(Submission::from).collect();
    let (mut rows, _) = compliance_rows(&jpa, participants, &submissions, today);
    let (states, rates) = match rows.pop() {
        Some(r) => (r.periods, r.rates),
        None => Default::default(),
    };
    let mut by_period: HashMap<String, ReturnRow> =
        saved.into_iter().map(|r| (r.period.clone(), r)).collect();
    let due_day = jpa.report_due_day;
    let periods = periods_between(jpa.start_date, jpa.end_date)
        .into_iter()
        .map(|p| {
            let key = p.to_string();
            PeriodReturn {
                first_day: p.first_day(),
                due_on: p.due_date(due_day as u32),
                state: states.get(&key).copied(),
                started: today >= p.first_day(),
                saved: by_period.remove(&key).map(|r| view(r, due_day)),
                period: key,
            }
        })
        .collect();
    Ok(AgencyReturns {
        agency_id: row.id,
        name: row.name,
        country: row.country,
        joined_on,
        today,
        periods,
        rates,
    })
}
