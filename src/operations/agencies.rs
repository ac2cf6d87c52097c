//! Agencies: everyone signed in reads them (names are not secret); admins and co-chairs
//! create and change them.

use serde::Deserialize;

use super::views::AgencyView;
use super::{list_response, unchanged, write, ListResponse, Page, Result};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::db::agencies::{self, AgencyRow};
use crate::db::audit::{self, diff, AuditContext};
use crate::db::{self, DbConnection};
use crate::domain::{required_text, AgencyKind, CountryCode, Email};
use crate::error::{Error, FieldError};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAgency {
    #[schema(schema_with = crate::schemas::required_text_200)]
    pub name: String,
    #[schema(schema_with = crate::schemas::country)]
    pub country: String,
    pub kind: AgencyKind,
    #[schema(schema_with = crate::schemas::email)]
    pub contact_email: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAgency {
    #[schema(schema_with = crate::schemas::required_text_200_or_null)]
    pub name: Option<String>,
    #[schema(schema_with = crate::schemas::country_or_null)]
    pub country: Option<String>,
    pub kind: Option<AgencyKind>,
    #[schema(schema_with = crate::schemas::email_or_null)]
    pub contact_email: Option<String>,
}

/// Validated agency fields, each present only when given.
struct AgencyFields {
    name: Option<String>,
    country: Option<String>,
    contact_email: Option<String>,
}

fn validate(
    name: Option<&str>,
    country: Option<&str>,
    contact_email: Option<&str>,
) -> Result<AgencyFields> {
    let mut errors: Vec<FieldError> = Vec::new();
    let name = name.and_then(|n| {
        required_text("name", n, 200)
            .map_err(|e| errors.push(e))
            .ok()
    });
    let country = country.and_then(|c| {
        CountryCode::parse("country", c)
            .map(CountryCode::into_inner)
            .map_err(|e| errors.push(e))
            .ok()
    });
    let contact_email = contact_email.and_then(|e| {
        Email::parse("contact_email", e)
            .map(Email::into_inner)
            .map_err(|e| errors.push(e))
            .ok()
    });
    if errors.is_empty() {
        Ok(AgencyFields {
            name,
            country,
            contact_email,
        })
    } else {
        Err(Error::Invalid(errors))
    }
}

fn name_taken(e: Error) -> Error {
    match e {
        Error::Conflict(_) => Error::Conflict("An agency with this name already exists.".into()),
        other => other,
    }
}

/// A page of agencies, newest first.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    page: Page,
) -> Result<ListResponse<AgencyView>> {
    require(caller.role, Action::ListAgencies)?;
    let rows = agencies::list(conn, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |a| (a.created_at, a.id.clone()),
        AgencyView::from,
    ))
}

pub fn get(conn: &mut DbConnection, caller: &Caller, id: &str) -> Result<AgencyView> {
    require(caller.role, Action::ReadAgency)?;
    Ok(agencies::find(conn, id)?.into())
}

pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    input: CreateAgency,
) -> Result<AgencyView> {
    require(caller.role, Action::CreateAgency)?;
    let fields = validate(
        Some(&input.name),
        Some(&input.country),
        Some(&input.contact_email),
    )?;
    write(conn, |conn| {
        let now = db::now();
        let row = AgencyRow {
            id: db::new_id(),
            name: fields.name.unwrap_or_default(),
            country: fields.country.unwrap_or_default(),
            kind: input.kind.as_str().to_string(),
            contact_email: fields.contact_email.unwrap_or_default(),
            version: 1,
            created_at: now,
            updated_at: now,
        };
        agencies::insert(conn, &row).map_err(|e| name_taken(e.into()))?;
        let view = AgencyView::from(row);
        audit::record(
            conn,
            ctx,
            "agency.create",
            "agency",
            &view.id,
            diff(&serde_json::json!({}), &view.audit_fields()),
            now,
        )?;
        Ok(view)
    })
}

/// Changes the fields given, if the agency is still at version `expected`.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    ctx: &AuditContext,
    id: &str,
    expected: i64,
    input: UpdateAgency,
) -> Result<AgencyView> {
    require(caller.role, Action::UpdateAgency)?;
    let fields = validate(
        input.name.as_deref(),
        input.country.as_deref(),
        input.contact_email.as_deref(),
    )?;
    write(conn, |conn| {
        let before = agencies::find(conn, id)?;
        if before.version != expected {
            return Err(Error::Stale);
        }
        let mut after = before.clone();
        if let Some(v) = fields.name {
            after.name = v;
        }
        if let Some(v) = fields.country {
            after.country = v;
        }
        if let Some(v) = input.kind {
            after.kind = v.as_str().to_string();
        }
        if let Some(v) = fields.contact_email {
            after.contact_email = v;
        }
        let changes = diff(
            &AgencyView::from(before).audit_fields(),
            &AgencyView::from(after.clone()).audit_fields(),
        );
        if unchanged(&changes) {
            // A PATCH that changes nothing keeps the version: other holders of the ETag
            // are not sent a 412 for nothing, and the audit log records no non-event.
            return Ok(AgencyView::from(after));
        }
        let now = db::now();
        db::versioned(agencies::update(conn, &after, now).map_err(|e| name_taken(e.into()))?)?;
        audit::record(
            conn,
            ctx,
            "agency.update",
            "agency",
            &after.id,
            changes,
            now,
        )?;
        Ok(agencies::find(conn, &after.id)?.into())
    })
}
