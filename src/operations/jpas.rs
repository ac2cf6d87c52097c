//! JPAs and their participating agencies.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::views::AgencyView;
use super::{list_response, ts, unchanged, write, ListResponse, Page, Result};
use crate::auth::policy::{jpa_scope, require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, diff, AuditContext};
use crate::db::jpas::{self, JpaRow};
use crate::db::{self, agencies, DbConnection};
use crate::domain::period::{default_end_date, max_end_date};
use crate::domain::{optional_text, parse_timezone, required_text, today_in, JpaStatus};
use crate::error::{Error, FieldError};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JpaView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: String,
    pub is_exercise: bool,
    pub report_due_day: i32,
    pub reminder_days_before: i32,
    pub timezone: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<JpaRow> for JpaView {
    fn from(r: JpaRow) -> JpaView {
        JpaView {
            id: r.id,
            code: r.code,
            name: r.name,
            description: r.description,
            start_date: r.start_date,
            end_date: r.end_date,
            status: r.status,
            is_exercise: r.is_exercise,
            report_due_day: r.report_due_day,
            reminder_days_before: r.reminder_days_before,
            timezone: r.timezone,
            version: r.version,
            created_at: ts(r.created_at),
            updated_at: ts(r.updated_at),
        }
    }
}

impl JpaView {
    pub(crate) fn audit_fields(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            for k in ["id", "version", "created_at", "updated_at"] {
                o.remove(k);
            }
        }
        v
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateJpa {
    #[schema(schema_with = crate::schemas::jpa_code)]
    pub code: String,
    #[schema(schema_with = crate::schemas::required_text_200)]
    pub name: String,
    #[serde(default)]
    #[schema(schema_with = crate::schemas::optional_text_10000)]
    pub description: String,
    #[serde(deserialize_with = "crate::domain::date::required")]
    pub start_date: NaiveDate,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub end_date: Option<NaiveDate>,
    pub status: Option<JpaStatus>,
    #[serde(default)]
    pub is_exercise: bool,
    #[serde(
        default,
        deserialize_with = "crate::domain::input::optional_whole_number"
    )]
    #[schema(minimum = 1, maximum = 28)]
    pub report_due_day: Option<i32>,
    #[serde(
        default,
        deserialize_with = "crate::domain::input::optional_whole_number"
    )]
    #[schema(minimum = 0, maximum = 28)]
    pub reminder_days_before: Option<i32>,
    #[schema(schema_with = crate::schemas::timezone_or_null)]
    pub timezone: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateJpa {
    #[schema(schema_with = crate::schemas::jpa_code_or_null)]
    pub code: Option<String>,
    #[schema(schema_with = crate::schemas::required_text_200_or_null)]
    pub name: Option<String>,
    #[schema(schema_with = crate::schemas::optional_text_10000_or_null)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub start_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub end_date: Option<NaiveDate>,
    pub status: Option<JpaStatus>,
    pub is_exercise: Option<bool>,
    #[serde(
        default,
        deserialize_with = "crate::domain::input::optional_whole_number"
    )]
    #[schema(minimum = 1, maximum = 28)]
    pub report_due_day: Option<i32>,
    #[serde(
        default,
        deserialize_with = "crate::domain::input::optional_whole_number"
    )]
    #[schema(minimum = 0, maximum = 28)]
    pub reminder_days_before: Option<i32>,
    #[schema(schema_with = crate::schemas::timezone_or_null)]
    pub timezone: Option<String>,
}

/// Checks a whole JPA row; collects every field error.
fn validate(row: &mut JpaRow) -> Result<()> {
    let mut errors = Vec::new();
    let code = row.code.trim().to_string();
    if code.is_empty()
        || code.len() > 50
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        errors.push(FieldError::new(
            "code",
            "must be 1 to 50 letters, digits, '-' or '_'",
        ));
    }
    row.code = code;
    match required_text("name", &row.name, 200) {
        Ok(v) => row.name = v,
        Err(e) => errors.push(e),
    }
    match optional_text("description", &row.description, 10_000) {
        Ok(v) => row.description = v,
        Err(e) => errors.push(e),
    }
    if row.end_date < row.start_date {
        errors.push(FieldError::new("end_date", "must not be before start_date"));
    } else if max_end_date(row.start_date).is_some_and(|max| row.end_date > max) {
        errors.push(FieldError::new(
            "end_date",
            "must be at most 24 months after start_date",
        ));
    }
    if !(1..=28).contains(&row.report_due_day) {
        errors.push(FieldError::new("report_due_day", "must be from 1 to 28"));
    }
    if !(0..=28).contains(&row.reminder_days_before) {
        errors.push(FieldError::new(
            "reminder_days_before",
            "must be from 0 to 28",
        ));
    }
    match parse_timezone("timezone", &row.timezone) {
        Ok(tz) => row.timezone = tz.name().to_string(),
        Err(e) => errors.push(e),
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn code_taken(e: Error) -> Error {
    match e {
        Error::Conflict(_) => Error::Conflict("A JPA with this code already exists.".into()),
        other => other,
    }
}

/// A closed JPA is read-only (outcome confirmation aside).
pub fn ensure_open(jpa: &JpaRow) -> Result<()> {
    if jpa.status == JpaStatus::Closed.as_str() {
        Err(Error::Conflict("The JPA is closed and read-only.".into()))
    } else {
        Ok(())
    }
}

/// A JPA the caller may see (404 otherwise).
pub fn visible_jpa(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<JpaRow> {
    Ok(jpas::find_visible(conn, id, &jpa_scope(caller))?)
}

/// A page of the JPAs the caller may see, newest first.
pub fn list(conn: &mut DbConnection, caller: &Caller, page: Page) -> Result<ListResponse<JpaView>> {
    require(caller.role, Action::ListJpas)?;
    let rows = jpas::list(conn, &jpa_scope(caller), page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        JpaView::from,
    ))
}

pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    input: CreateJpa,
) -> Result<JpaView> {
    require(caller.role, Action::CreateJpa)?;
    let now = db::now();
    let end_date = match input.end_date {
        Some(d) => d,
        None => default_end_date(input.start_date)
            .ok_or_else(|| Error::invalid("start_date", "is out of range"))?,
    };
    let mut row = JpaRow {
        id: db::new_id(),
        code: input.code,
        name: input.name,
        description: input.description,
        start_date: input.start_date,
        end_date,
        status: input
            .status
            .unwrap_or(JpaStatus::Planning)
            .as_str()
            .to_string(),
        is_exercise: input.is_exercise,
        report_due_day: input.report_due_day.unwrap_or(10),
        reminder_days_before: input.reminder_days_before.unwrap_or(5),
        timezone: input.timezone.unwrap_or_else(|| "UTC".into()),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    validate(&mut row)?;
    write(conn, |conn| {
        jpas::insert(conn, &row).map_err(|e| code_taken(e.into()))?;
        let view = JpaView::from(row);
        audit::record(
            conn,
            ctx,
            "jpa.create",
            "jpa",
            &view.id,
            diff(&serde_json::json!({}), &view.audit_fields()),
            now,
        )?;
        Ok(view)
    })
}

pub fn get(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<JpaView> {
    require(caller.role, Action::ReadJpa)?;
    Ok(visible_jpa(conn, caller, id)?.into())
}

/// Changes the fields given, if the JPA is still at version `expected`; the status moves
/// planning -> active -> closed only.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateJpa,
) -> Result<JpaView> {
    require(caller.role, Action::UpdateJpa)?;
    write(conn, |conn| {
        let before = visible_jpa(conn, caller, id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        ensure_open(&before)?;
        let mut after = before.clone();
        if let Some(v) = input.code {
            after.code = v;
        }
        if let Some(v) = input.name {
            after.name = v;
        }
        if let Some(v) = input.description {
            after.description = v;
        }
        if let Some(v) = input.start_date {
            after.start_date = v;
        }
        if let Some(v) = input.end_date {
            after.end_date = v;
        }
        if let Some(v) = input.is_exercise {
            after.is_exercise = v;
        }
        if let Some(v) = input.report_due_day {
            after.report_due_day = v;
        }
        if let Some(v) = input.reminder_days_before {
            after.reminder_days_before = v;
        }
        if let Some(v) = input.timezone {
            after.timezone = v;
        }
        if let Some(next) = input.status {
            let current = JpaStatus::parse(&before.status).unwrap_or(JpaStatus::Planning);
            if !current.may_become(next) {
                return Err(Error::Conflict(format!(
                    "Status moves planning -> active -> closed only; it cannot go from {} to {}.",
                    current.as_str(),
                    next.as_str()
                )));
            }
            after.status = next.as_str().to_string();
        }
        validate(&mut after)?;
        let changes = diff(
            &JpaView::from(before).audit_fields(),
            &JpaView::from(after.clone()).audit_fields(),
        );
        if unchanged(&changes) {
            // A PATCH that changes nothing keeps the version: other holders of the ETag
            // are not sent a 412 for nothing, and the audit log records no non-event.
            return Ok(JpaView::from(after));
        }
        let now = db::now();
        db::versioned(jpas::update(conn, &after, now).map_err(|e| code_taken(e.into()))?)?;
        audit::record(conn, ctx, "jpa.update", "jpa", &after.id, changes, now)?;
        Ok(visible_jpa(conn, caller, &after.id)?.into())
    })
}

/// The participating agencies, by name.
pub fn participants(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<ListResponse<ParticipantView>> {
    require(caller.role, Action::ListParticipants)?;
    let jpa = visible_jpa(conn, caller, id)?;
    let items = jpas::participants(conn, &jpa.id)?
        .into_iter()
        .map(|(agency, joined_on)| ParticipantView {
            agency_id: agency.id.clone(),
            jpa_id: jpa.id.clone(),
            joined_on,
            agency: agency.into(),
        })
        .collect();
    Ok(ListResponse {
        items,
        next_cursor: None,
    })
}

/// A participating agency.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ParticipantView {
    #[serde(flatten)]
    pub agency: AgencyView,
    pub agency_id: String,
    pub jpa_id: String,
    pub joined_on: NaiveDate,
}

/// Optional body of the participation PUT.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Participation {
    /// Default: the JPA's start while it is in planning, else today (joining a running
    /// JPA). Returns are owed from this month on.
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub joined_on: Option<NaiveDate>,
}

/// Makes the agency take part (idempotent: `true` when it joined now). While the JPA is
/// in planning the agency joins at its start; later, today, unless `joined_on` says.
pub fn add_participant(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    agency_id: &str,
    input: Participation,
) -> Result<(bool, ParticipantView)> {
    require(caller.role, Action::ManageParticipants)?;
    let (created, agency, joined_on) = write(conn, |conn| {
        let jpa = visible_jpa(conn, caller, id)?;
        let agency = agencies::find(conn, agency_id)?;
        if let Some((_, joined)) = jpas::participants(conn, &jpa.id)?
            .into_iter()
            .find(|(a, _)| a.id == agency.id)
        {
            return Ok((false, agency, joined));
        }
        ensure_open(&jpa)?;
        // While the JPA is being planned nobody has started yet: the agency joins at the
        // start, and owes every return (not only those from the day it was added).
        let default_join = if jpa.status == JpaStatus::Planning.as_str() {
            jpa.start_date
        } else {
            today_in(&jpa.timezone)
        };
        let joined_on = input
            .joined_on
            .unwrap_or(default_join)
            .clamp(jpa.start_date, jpa.end_date.max(jpa.start_date));
        let now = db::now();
        if !db::insert_once(conn, |conn| {
            jpas::add_participant(conn, &jpa.id, &agency.id, joined_on, now)
        })? {
            // A parallel PUT added it first: the same answer as a repeated PUT.
            let joined = jpas::participants(conn, &jpa.id)?
                .into_iter()
                .find(|(a, _)| a.id == agency.id)
                .map(|(_, j)| j)
                .ok_or(Error::NotFound)?;
            return Ok((false, agency, joined));
        }
        audit::record(
            conn,
            ctx,
            "participation.create",
            "participation",
            &format!("{}:{}", jpa.id, agency.id),
            serde_json::json!({"agency_id": {"before": null, "after": agency.id}, "joined_on": {"before": null, "after": joined_on}}),
            now,
        )?;
        Ok((true, agency, joined_on))
    })?;
    Ok((
        created,
        ParticipantView {
            agency_id: agency.id.clone(),
            jpa_id: id.to_string(),
            joined_on,
            agency: agency.into(),
        },
    ))
}

/// Ends the agency's participation (409 while it leads or partners an investigation).
pub fn remove_participant(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    agency_id: &str,
) -> Result<()> {
    require(caller.role, Action::ManageParticipants)?;
    write(conn, |conn| {
        let jpa = visible_jpa(conn, caller, id)?;
        // No investigation led or partnered by the agency appears during the check.
        db::lock(conn, &format!("participation:{}", jpa.id))?;
        if !jpas::participates(conn, &jpa.id, agency_id)? {
            return Err(Error::NotFound);
        }
        ensure_open(&jpa)?;
        if jpas::agency_has_investigations(conn, &jpa.id, agency_id)? {
            return Err(Error::Conflict(
                "The agency leads or partners an investigation in this JPA.".into(),
            ));
        }
        jpas::remove_participant(conn, &jpa.id, agency_id)?;
        audit::record(
            conn,
            ctx,
            "participation.delete",
            "participation",
            &format!("{}:{}", jpa.id, agency_id),
            serde_json::json!({"agency_id": {"before": agency_id, "after": null}}),
            db::now(),
        )?;
        Ok(())
    })
}

/// The indicator dictionary.
pub fn indicators(
    caller: &Caller,
) -> Result<ListResponse<&'static crate::domain::indicators::Indicator>> {
    require(caller.role, Action::ReadIndicators)?;
    Ok(ListResponse {
        items: crate::domain::indicators::INDICATORS.iter().collect(),
        next_cursor: None,
    })
}
