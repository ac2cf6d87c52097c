//! Outcome figures of an investigation: one ledger row per reported figure, counted once
//! under its lead agency; a value change keeps the previous value and a reason.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::investigations::visible;
use super::jpas::ensure_open;
use super::{list_response, ts, unchanged, write, ListResponse, Page, Result};
use crate::auth::policy::{self, require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, diff, AuditContext};
use crate::db::jpas::JpaRow;
use crate::db::outcomes::{self, OutcomeRow};
use crate::db::{self, jpas, DbConnection};
use crate::domain::{indicators, optional_text, today_in, JpaStatus, OutcomeStatus, Role};
use crate::error::{Error, FieldError};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutcomeView {
    pub id: String,
    pub investigation_id: String,
    pub indicator: String,
    pub value: i64,
    pub occurred_on: NaiveDate,
    pub lead_agency_id: String,
    pub contributing_agency_ids: Vec<String>,
    pub status: String,
    pub notes: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn view(row: OutcomeRow, contributors: Vec<String>) -> OutcomeView {
    OutcomeView {
        id: row.id,
        investigation_id: row.investigation_id,
        indicator: row.indicator,
        value: row.value,
        occurred_on: row.occurred_on,
        lead_agency_id: row.lead_agency_id,
        contributing_agency_ids: contributors,
        status: row.status,
        notes: row.notes,
        version: row.version,
        created_at: ts(row.created_at),
        updated_at: ts(row.updated_at),
    }
}

fn audit_fields(row: &OutcomeRow, contributors: &[String]) -> serde_json::Value {
    serde_json::json!({
        "indicator": row.indicator, "value": row.value, "occurred_on": row.occurred_on,
        "lead_agency_id": row.lead_agency_id, "contributing_agency_ids": contributors,
        "status": row.status, "notes": row.notes,
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOutcome {
    #[schema(schema_with = crate::schemas::indicator)]
    pub indicator: String,
    /// At most 1,000,000,000 per outcome; `assets_seized_usd` (unit USD) up to
    /// 1,000,000,000,000.
    #[serde(deserialize_with = "crate::domain::input::whole_number")]
    #[schema(minimum = 0, maximum = 1000000000000_i64)]
    pub value: i64,
    #[serde(deserialize_with = "crate::domain::date::required")]
    pub occurred_on: NaiveDate,
    /// Admins and co-chairs only: the reporting agency (default: the investigation's lead).
    /// A liaison's outcomes are always its own agency's.
    #[schema(format = Uuid)]
    pub lead_agency_id: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::agency_ids)]
    pub contributing_agency_ids: Vec<String>,
    pub status: Option<OutcomeStatus>,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_10000)]
    pub notes: String,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOutcome {
    #[schema(schema_with = crate::schemas::indicator_or_null)]
    pub indicator: Option<String>,
    /// At most 1,000,000,000 per outcome; `assets_seized_usd` (unit USD) up to
    /// 1,000,000,000,000.
    #[serde(
        default,
        deserialize_with = "crate::domain::input::optional_whole_number"
    )]
    #[schema(minimum = 0, maximum = 1000000000000_i64)]
    pub value: Option<i64>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub occurred_on: Option<NaiveDate>,
    #[schema(schema_with = crate::schemas::agency_ids_or_null)]
    pub contributing_agency_ids: Option<Vec<String>>,
    pub status: Option<OutcomeStatus>,
    #[schema(schema_with = crate::schemas::optional_text_10000_or_null)]
    pub notes: Option<String>,
    /// Required when `value` changes.
    #[schema(schema_with = crate::schemas::optional_text_2000_or_null)]
    pub revision_reason: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RevisionView {
    pub id: String,
    pub outcome_id: String,
    pub previous_value: i64,
    pub new_value: i64,
    pub reason: String,
    pub revised_by: Option<String>,
    pub revised_at: DateTime<Utc>,
}

/// Checks indicator, value, date, notes and contributors onto `row`.
fn apply(
    conn: &mut DbConnection,
    row: &mut OutcomeRow,
    jpa: &JpaRow,
    input: &UpdateOutcome,
    contributors: &mut Vec<String>,
) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(code) = &input.indicator {
        if indicators::find(code).is_none() {
            errors.push(FieldError::new(
                "indicator",
                "must be a code of GET /api/v1/indicators",
            ));
        }
        row.indicator = code.clone();
    }
    if let Some(v) = input.value {
        if v < 0 {
            errors.push(FieldError::new("value", "must be 0 or more"));
        }
        row.value = v;
    }
    // Checked on the row, so that changing only the indicator is held to its bound too.
    let max = indicators::max_value(&row.indicator);
    if row.value > max && (input.value.is_some() || input.indicator.is_some()) {
        errors.push(FieldError::new(
            "value",
            format!("must be at most {max} for this indicator"),
        ));
    }
    if let Some(d) = input.occurred_on {
        if d > today_in(&jpa.timezone) {
            errors.push(FieldError::new("occurred_on", "must not be in the future"));
        }
        row.occurred_on = d;
    }
    if let Some(s) = input.status {
        row.status = s.as_str().to_string();
    }
    if let Some(n) = &input.notes {
        match optional_text("notes", n, 10_000) {
            Ok(n) => row.notes = n,
            Err(e) => errors.push(e),
        }
    }
    if let Some(list) = &input.contributing_agency_ids {
        let mut ids: Vec<String> = Vec::new();
        for id in list {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        let valid = ids.len() <= 100
            && ids
                .iter()
                .all(|i| uuid::Uuid::parse_str(i).is_ok() && *i != row.lead_agency_id)
            && jpas::count_participating(conn, &jpa.id, &ids)? == ids.len() as i64;
        if !valid {
            errors.push(FieldError::new(
                "contributing_agency_ids",
                "must be agencies participating in this JPA, other than the reporting agency",
            ));
        }
        *contributors = ids;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// An outcome whose investigation the caller sees (404 otherwise), with its JPA.
fn visible_outcome(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<(OutcomeRow, Vec<String>, JpaRow)> {
    let row = outcomes::find(conn, id)?;
    let (inv, _) = visible(conn, caller, &row.investigation_id)?;
    let jpa = jpas::find(conn, &inv.jpa_id)?;
    let contributors = outcomes::contributors_of(conn, std::slice::from_ref(&row.id))?
        .remove(&row.id)
        .unwrap_or_default();
    Ok((row, contributors, jpa))
}

/// One outcome the caller sees (404 otherwise), for the pages' edit and confirmation forms.
pub fn get(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<OutcomeView> {
    require(caller.role, Action::ListOutcomes)?;
    let (row, contributors, _) = visible_outcome(conn, caller, id)?;
    Ok(view(row, contributors))
}

/// A page of an investigation's outcomes, newest first.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
    page: Page,
) -> Result<ListResponse<OutcomeView>> {
    require(caller.role, Action::ListOutcomes)?;
    let (inv, _) = visible(conn, caller, id)?;
    let rows = outcomes::list(conn, &inv.id, page.after, page.limit)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut contributors = outcomes::contributors_of(conn, &ids)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        |r| {
            let c = contributors.remove(&r.id).unwrap_or_default();
            view(r, c)
        },
    ))
}

/// Reports a figure: the reporting liaison's agency is its lead agency (it counts it).
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    input: CreateOutcome,
) -> Result<OutcomeView> {
    require(caller.role, Action::CreateOutcome)?;
    let (row, contributors) = write(conn, |conn| {
        // The partners read here stay partners until this commits (remove_partner).
        db::lock_shared(conn, &format!("partners:{id}"))?;
        let (inv, partners) = visible(conn, caller, id)?;
        policy::may_contribute(caller, &inv.lead_agency_id, &partners)?;
        let jpa = jpas::find(conn, &inv.jpa_id)?;
        ensure_open(&jpa)?;
        let lead = match (caller.role, &caller.agency_id, &input.lead_agency_id) {
            (Role::Liaison, _, Some(_)) => {
                return Err(Error::invalid(
                    "lead_agency_id",
                    "is your own agency; leave it out",
                ))
            }
            (Role::Liaison, Some(own), None) => own.clone(),
            (_, _, Some(given)) => {
                if *given != inv.lead_agency_id && !partners.contains(given) {
                    return Err(Error::invalid(
                        "lead_agency_id",
                        "must be the lead agency or a partner of the investigation",
                    ));
                }
                given.clone()
            }
            _ => inv.lead_agency_id.clone(),
        };
        let now = db::now();
        let mut row = OutcomeRow {
            id: db::new_id(),
            investigation_id: inv.id.clone(),
            indicator: String::new(),
            value: 0,
            occurred_on: input.occurred_on,
            lead_agency_id: lead,
            status: OutcomeStatus::Provisional.as_str().to_string(),
            notes: String::new(),
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let mut contributors = Vec::new();
        let changes = UpdateOutcome {
            indicator: Some(input.indicator),
            value: Some(input.value),
            occurred_on: Some(input.occurred_on),
            contributing_agency_ids: Some(input.contributing_agency_ids),
            status: input.status,
            notes: Some(input.notes),
            revision_reason: None,
        };
        apply(conn, &mut row, &jpa, &changes, &mut contributors)?;
        outcomes::insert(conn, &jpa.id, &row, &contributors)?;
        audit::record(
            conn,
            ctx,
            "outcome.create",
            "outcome",
            &row.id,
            diff(&serde_json::json!({}), &audit_fields(&row, &contributors)),
            now,
        )?;
        Ok((row, contributors))
    })?;
    Ok(view(row, contributors))
}

/// Changes the fields given, if the outcome is still at version `expected`; a value change
/// needs `revision_reason`. A closed JPA takes only the confirmation of a figure.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateOutcome,
) -> Result<OutcomeView> {
    require(caller.role, Action::UpdateOutcome)?;
    let (row, contributors) = write(conn, |conn| {
        let (before, before_contributors, jpa) = visible_outcome(conn, caller, id)?;
        policy::may_edit_outcome(caller, &before.lead_agency_id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        if jpa.status == JpaStatus::Closed.as_str() {
            // A closed JPA only takes the confirmation of provisional figures.
            let only_confirming = input.status == Some(OutcomeStatus::Confirmed)
                && input.indicator.is_none()
                && input.value.is_none()
                && input.occurred_on.is_none()
                && input.contributing_agency_ids.is_none()
                && input.notes.is_none();
            if !only_confirming {
                return Err(Error::Conflict(
                    "The JPA is closed: outcomes may only be confirmed.".into(),
                ));
            }
        }
        let mut after = before.clone();
        let mut contributors = before_contributors.clone();
        apply(conn, &mut after, &jpa, &input, &mut contributors)?;
        let changes = diff(
            &audit_fields(&before, &before_contributors),
            &audit_fields(&after, &contributors),
        );
        if unchanged(&changes) {
            // Nothing changes: no version bump, no audit event (see `operations::unchanged`).
            return Ok((before, before_contributors));
        }
        let now = db::now();
        // The compare-and-set first: a writer that lost the race writes nothing,
        // so each revision's previous value is the value it replaced.
        db::versioned(outcomes::update(conn, &jpa.id, &before, &after, now)?)?;
        if after.value != before.value {
            let reason = input
                .revision_reason
                .as_deref()
                .map(str::trim)
                .unwrap_or("");
            if reason.is_empty() {
                return Err(Error::invalid(
                    "revision_reason",
                    "is required when the value changes",
                ));
            }
            let reason = optional_text("revision_reason", reason, 2_000)
                .map_err(|e| Error::Invalid(vec![e]))?;
            outcomes::add_revision(
                conn,
                &after.id,
                before.value,
                after.value,
                &reason,
                &caller.user_id,
                now,
            )?;
        }
        if contributors != before_contributors {
            outcomes::set_contributors(conn, &after.id, &contributors)?;
        }
        audit::record(
            conn,
            ctx,
            "outcome.update",
            "outcome",
            &after.id,
            changes,
            now,
        )?;
        Ok((outcomes::find(conn, &after.id)?, contributors))
    })?;
    Ok(view(row, contributors))
}

pub fn delete(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
) -> Result<()> {
    require(caller.role, Action::UpdateOutcome)?;
    write(conn, |conn| {
        let (before, contributors, jpa) = visible_outcome(conn, caller, id)?;
        policy::may_edit_outcome(caller, &before.lead_agency_id)?;
        ensure_open(&jpa)?;
        db::one_row_or(
            outcomes::delete(conn, &jpa.id, &before.id)?,
            Error::NotFound,
        )?;
        audit::record(
            conn,
            ctx,
            "outcome.delete",
            "outcome",
            &before.id,
            diff(
                &audit_fields(&before, &contributors),
                &serde_json::json!({}),
            ),
            db::now(),
        )?;
        Ok(())
    })
}

/// The revisions of an outcome's value, oldest first.
pub fn revisions(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<ListResponse<RevisionView>> {
    require(caller.role, Action::ListOutcomeRevisions)?;
    let (row, _, _) = visible_outcome(conn, caller, id)?;
    let items = outcomes::revisions(conn, &row.id)?
        .into_iter()
        .map(|r| RevisionView {
            id: r.id,
            outcome_id: r.outcome_id,
            previous_value: r.previous_value,
            new_value: r.new_value,
            reason: r.reason,
            revised_by: r.revised_by,
            revised_at: ts(r.revised_at),
        })
        .collect();
    Ok(ListResponse {
        items,
        next_cursor: None,
    })
}
