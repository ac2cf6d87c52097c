//! Milestones of an investigation. `overdue` is derived (planned and due before today in
//! the JPA's timezone), never stored.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::investigations::visible;
use super::jpas::ensure_open;
use super::{list_response, ts, unchanged, write, ListResponse, Page, Result};
use crate::auth::policy::{self, require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, diff, AuditContext};
use crate::db::milestones::{self, MilestoneRow};
use crate::db::{self, jpas, DbConnection};
use crate::domain::{optional_text, required_text, today_in, MilestoneKind, MilestoneStatus, Role};
use crate::error::{Error, FieldError};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MilestoneView {
    pub id: String,
    pub investigation_id: String,
    pub kind: String,
    pub title: String,
    pub responsible_agency_id: String,
    pub due_on: NaiveDate,
    pub status: String,
    pub achieved_on: Option<NaiveDate>,
    pub notes: String,
    pub overdue: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn view(row: MilestoneRow, today: NaiveDate) -> MilestoneView {
    MilestoneView {
        overdue: row.status == MilestoneStatus::Planned.as_str() && row.due_on < today,
        id: row.id,
        investigation_id: row.investigation_id,
        kind: row.kind,
        title: row.title,
        responsible_agency_id: row.responsible_agency_id,
        due_on: row.due_on,
        status: row.status,
        achieved_on: row.achieved_on,
        notes: row.notes,
        version: row.version,
        created_at: ts(row.created_at),
        updated_at: ts(row.updated_at),
    }
}

fn audit_fields(row: &MilestoneRow) -> serde_json::Value {
    serde_json::json!({
        "kind": row.kind, "title": row.title, "responsible_agency_id": row.responsible_agency_id,
        "due_on": row.due_on, "status": row.status, "achieved_on": row.achieved_on, "notes": row.notes,
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMilestone {
    pub kind: MilestoneKind,
    #[schema(schema_with = crate::schemas::required_text_300)]
    pub title: String,
    /// Default: the caller's agency, or the lead agency.
    #[schema(format = Uuid)]
    pub responsible_agency_id: Option<String>,
    #[serde(deserialize_with = "crate::domain::date::required")]
    pub due_on: NaiveDate,
    pub status: Option<MilestoneStatus>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub achieved_on: Option<NaiveDate>,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_10000)]
    pub notes: String,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMilestone {
    pub kind: Option<MilestoneKind>,
    #[schema(schema_with = crate::schemas::required_text_300_or_null)]
    pub title: Option<String>,
    #[schema(format = Uuid)]
    pub responsible_agency_id: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub due_on: Option<NaiveDate>,
    pub status: Option<MilestoneStatus>,
    #[serde(default, deserialize_with = "crate::domain::date::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub achieved_on: Option<Option<NaiveDate>>,
    #[schema(schema_with = crate::schemas::optional_text_10000_or_null)]
    pub notes: Option<String>,
}

/// Applies and checks fields; `allowed_responsible` are the lead and partners, and a
/// partner liaison may only name its own agency.
fn apply(
    row: &mut MilestoneRow,
    input: UpdateMilestone,
    caller: &Caller,
    lead: &str,
    partners: &[String],
    today: NaiveDate,
) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(k) = input.kind {
        row.kind = k.as_str().to_string();
    }
    if let Some(t) = input.title {
        match required_text("title", &t, 300) {
            Ok(t) => row.title = t,
            Err(e) => errors.push(e),
        }
    }
    if let Some(n) = input.notes {
        match optional_text("notes", &n, 10_000) {
            Ok(n) => row.notes = n,
            Err(e) => errors.push(e),
        }
    }
    if let Some(r) = input.responsible_agency_id {
        row.responsible_agency_id = r;
    }
    if row.responsible_agency_id != lead && !partners.contains(&row.responsible_agency_id) {
        errors.push(FieldError::new(
            "responsible_agency_id",
            "must be the lead agency or a partner of the investigation",
        ));
    } else if caller.role == Role::Liaison
        && caller.agency_id.as_deref() != Some(lead)
        && caller.agency_id.as_deref() != Some(row.responsible_agency_id.as_str())
    {
        errors.push(FieldError::new(
            "responsible_agency_id",
            "a partner agency may only make itself responsible",
        ));
    }
    if let Some(d) = input.due_on {
        row.due_on = d;
    }
    if let Some(s) = input.status {
        row.status = s.as_str().to_string();
    }
    if let Some(a) = input.achieved_on {
        row.achieved_on = a;
    }
    if row.status == MilestoneStatus::Achieved.as_str() {
        match row.achieved_on {
            None => errors.push(FieldError::new(
                "achieved_on",
                "is required when the milestone is achieved",
            )),
            Some(d) if d > today => {
                errors.push(FieldError::new("achieved_on", "must not be in the future"))
            }
            _ => {}
        }
    } else if row.achieved_on.is_some() {
        if input.achieved_on.flatten().is_some() {
            errors.push(FieldError::new(
                "achieved_on",
                "is only set on an achieved milestone",
            ));
        }
        row.achieved_on = None;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// A milestone whose investigation the caller sees (404 otherwise, same as a random id),
/// with the investigation's lead, partners and the JPA's "today".
fn visible_milestone(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<(MilestoneRow, String, Vec<String>, crate::db::jpas::JpaRow)> {
    let row = milestones::find(conn, id)?;
    let (inv, partners) = visible(conn, caller, &row.investigation_id)?;
    let jpa = jpas::find(conn, &inv.jpa_id)?;
    Ok((row, inv.lead_agency_id, partners, jpa))
}

/// One milestone the caller sees (404 otherwise, the same as a random id), for the pages'
/// edit and confirmation forms.
pub fn get(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<MilestoneView> {
    require(caller.role, Action::ListMilestones)?;
    let (row, _, _, jpa) = visible_milestone(conn, caller, id)?;
    Ok(view(row, today_in(&jpa.timezone)))
}

/// A page of an investigation's milestones, newest first.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
    page: Page,
) -> Result<ListResponse<MilestoneView>> {
    require(caller.role, Action::ListMilestones)?;
    let (inv, _) = visible(conn, caller, id)?;
    let jpa = jpas::find(conn, &inv.jpa_id)?;
    let today = today_in(&jpa.timezone);
    let rows = milestones::list(conn, &inv.id, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        |r| view(r, today),
    ))
}

/// Plans a milestone: a partner liaison makes only its own agency responsible.
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    input: CreateMilestone,
) -> Result<MilestoneView> {
    require(caller.role, Action::CreateMilestone)?;
    let (row, today) = write(conn, |conn| {
        // The partners read here stay partners until this commits (remove_partner).
        db::lock_shared(conn, &format!("partners:{id}"))?;
        let (inv, partners) = visible(conn, caller, id)?;
        policy::may_contribute(caller, &inv.lead_agency_id, &partners)?;
        let jpa = jpas::find(conn, &inv.jpa_id)?;
        ensure_open(&jpa)?;
        let today = today_in(&jpa.timezone);
        let default_responsible = match (&caller.role, &caller.agency_id) {
            (Role::Liaison, Some(own)) => own.clone(),
            _ => inv.lead_agency_id.clone(),
        };
        let now = db::now();
        let mut row = MilestoneRow {
            id: db::new_id(),
            investigation_id: inv.id.clone(),
            kind: input.kind.as_str().to_string(),
            title: String::new(),
            responsible_agency_id: default_responsible,
            due_on: input.due_on,
            status: MilestoneStatus::Planned.as_str().to_string(),
            achieved_on: None,
            notes: String::new(),
            version: 1,
            created_at: now,
            updated_at: now,
        };
        apply(
            &mut row,
            UpdateMilestone {
                title: Some(input.title),
                responsible_agency_id: input.responsible_agency_id,
                status: input.status,
                achieved_on: input.achieved_on.map(Some),
                notes: Some(input.notes),
                ..Default::default()
            },
            caller,
            &inv.lead_agency_id,
            &partners,
            today,
        )?;
        milestones::insert(conn, &jpa.id, &row)?;
        audit::record(
            conn,
            ctx,
            "milestone.create",
            "milestone",
            &row.id,
            diff(&serde_json::json!({}), &audit_fields(&row)),
            now,
        )?;
        Ok((row, today))
    })?;
    Ok(view(row, today))
}

/// Changes the fields given (achieving it needs `achieved_on`), if the milestone is still
/// at version `expected`.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateMilestone,
) -> Result<MilestoneView> {
    require(caller.role, Action::UpdateMilestone)?;
    let (row, today) = write(conn, |conn| {
        let (before, lead, partners, jpa) = visible_milestone(conn, caller, id)?;
        policy::may_edit_milestone(caller, &lead, &before.responsible_agency_id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        ensure_open(&jpa)?;
        let today = today_in(&jpa.timezone);
        let mut after = before.clone();
        apply(&mut after, input, caller, &lead, &partners, today)?;
        let changes = diff(&audit_fields(&before), &audit_fields(&after));
        if unchanged(&changes) {
            // Nothing changes: no version bump, no audit event (see `operations::unchanged`).
            return Ok((before, today));
        }
        let now = db::now();
        db::versioned(milestones::update(conn, &jpa.id, &before, &after, now)?)?;
        audit::record(
            conn,
            ctx,
            "milestone.update",
            "milestone",
            &after.id,
            changes,
            now,
        )?;
        Ok((milestones::find(conn, &after.id)?, today))
    })?;
    Ok(view(row, today))
}

pub fn delete(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
) -> Result<()> {
    require(caller.role, Action::UpdateMilestone)?;
    write(conn, |conn| {
        let (before, lead, _, jpa) = visible_milestone(conn, caller, id)?;
        policy::may_edit_milestone(caller, &lead, &before.responsible_agency_id)?;
        ensure_open(&jpa)?;
        db::one_row_or(
            milestones::delete(conn, &jpa.id, &before.id)?,
            Error::NotFound,
        )?;
        audit::record(
            conn,
            ctx,
            "milestone.delete",
            "milestone",
            &before.id,
            diff(&audit_fields(&before), &serde_json::json!({})),
            db::now(),
        )?;
        Ok(())
    })
}

/// A milestone on an agency's to-do list, with its investigation's title.
#[derive(Debug, Serialize)]
pub struct DueMilestone {
    #[serde(flatten)]
    pub milestone: MilestoneView,
    pub investigation_title: String,
}

/// How far ahead the to-do list looks (as the reminders do).
pub const DUE_HORIZON_DAYS: u64 = crate::reminders::rules::MILESTONE_HORIZON_DAYS;

/// The caller's agency's planned milestones in a JPA that are overdue or due within
/// `DUE_HORIZON_DAYS` (today in the JPA's time zone), oldest due first: those the agency
/// is responsible for and every one of the investigations it leads, i.e. the ones its
/// liaison may mark achieved. Empty for callers without an agency. At most `limit`.
pub fn due_for_agency(
    conn: &mut DbConnection,
    caller: &Caller,
    jpa_id: &str,
    limit: i64,
) -> Result<Vec<DueMilestone>> {
    require(caller.role, Action::ListMilestones)?;
    let jpa = super::jpas::visible_jpa(conn, caller, jpa_id)?;
    let Some(agency) = caller
        .agency_id
        .as_deref()
        .filter(|_| caller.role == Role::Liaison)
    else {
        return Ok(Vec::new());
    };
    let today = today_in(&jpa.timezone);
    let until = today
        .checked_add_days(chrono::Days::new(DUE_HORIZON_DAYS))
        .unwrap_or(today);
    Ok(
        milestones::planned_for_agency(conn, &jpa.id, agency, until, limit)?
            .into_iter()
            .map(|(row, investigation_title)| DueMilestone {
                milestone: view(row, today),
                investigation_title,
            })
            .collect(),
    )
}
