//! Agencies: everyone signed in reads them (names are not secret); admins and
//! co-chairs create and change them.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::extract::{audit_context, ListQuery};
use super::extract::{if_match, list_response, page, path_id, with_etag, JsonBody};
use super::views::AgencyView;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::db;
use crate::db::agencies::{self, AgencyRow};
use crate::db::audit::{self, diff};
use crate::domain::{required_text, AgencyKind, CountryCode, Email};
use crate::error::{ApiError, FieldError};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAgency {
    #[schema(schema_with = super::schemas::required_text_200)]
    pub name: String,
    #[schema(schema_with = super::schemas::country)]
    pub country: String,
    pub kind: AgencyKind,
    #[schema(schema_with = super::schemas::email)]
    pub contact_email: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAgency {
    #[schema(schema_with = super::schemas::required_text_200_or_null)]
    pub name: Option<String>,
    #[schema(schema_with = super::schemas::country_or_null)]
    pub country: Option<String>,
    pub kind: Option<AgencyKind>,
    #[schema(schema_with = super::schemas::email_or_null)]
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
) -> Result<AgencyFields, ApiError> {
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
        Err(ApiError::Validation(errors))
    }
}

fn name_taken(e: ApiError) -> ApiError {
    match e {
        ApiError::Conflict(_) => {
            ApiError::Conflict("An agency with this name already exists.".into())
        }
        other => other,
    }
}

#[utoipa::path(get, path = "/api/v1/agencies", tag = "agencies", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, description = "A page of agencies", body = super::extract::ListResponse<super::views::AgencyView>)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListAgencies)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let limit = page.limit;
    let rows = state
        .db
        .run(move |conn| Ok(agencies::list(conn, page.after, limit)?))
        .await?;
    Ok(HttpResponse::Ok().json(list_response(
        rows,
        limit,
        |a| (a.created_at, a.id.clone()),
        AgencyView::from,
    )))
}

#[utoipa::path(post, path = "/api/v1/agencies", tag = "agencies", security(("bearer" = [])),
    request_body = CreateAgency,
    responses((status = 201, body = AgencyView), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<CreateAgency>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::CreateAgency)?;
    let input = body.into_inner()?;
    let fields = validate(
        Some(&input.name),
        Some(&input.country),
        Some(&input.contact_email),
    )?;
    let ctx = audit_context(&caller);
    let agency = state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
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
                let view = AgencyView::from(row.clone());
                audit::record(
                    conn,
                    &ctx,
                    "agency.create",
                    "agency",
                    &row.id,
                    diff(&serde_json::json!({}), &view.audit_fields()),
                    now,
                )?;
                Ok(row)
            })
        })
        .await?;
    let location = format!("/api/v1/agencies/{}", agency.id);
    let mut response = with_etag(
        StatusCode::CREATED,
        agency.version,
        &AgencyView::from(agency),
    );
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&location) {
        response
            .headers_mut()
            .insert(actix_web::http::header::LOCATION, value);
    }
    Ok(response)
}

#[utoipa::path(get, path = "/api/v1/agencies/{id}", tag = "agencies", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = AgencyView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadAgency)?;
    let id = path_id(&id)?;
    let agency = state
        .db
        .run(move |conn| Ok(agencies::find(conn, &id)?))
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        agency.version,
        &AgencyView::from(agency),
    ))
}

#[utoipa::path(patch, path = "/api/v1/agencies/{id}", tag = "agencies", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)),
    request_body = UpdateAgency,
    responses((status = 200, body = AgencyView), (status = 404, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateAgency>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateAgency)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let fields = validate(
        input.name.as_deref(),
        input.country.as_deref(),
        input.contact_email.as_deref(),
    )?;
    let ctx = audit_context(&caller);
    let agency = state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let before = agencies::find(conn, &id)?;
                if before.version != expected {
                    return Err(ApiError::PreconditionFailed);
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
                let now = db::now();
                db::versioned(
                    agencies::update(conn, &after, now).map_err(|e| name_taken(e.into()))?,
                )?;
                let changes = diff(
                    &AgencyView::from(before).audit_fields(),
                    &AgencyView::from(after.clone()).audit_fields(),
                );
                audit::record(
                    conn,
                    &ctx,
                    "agency.update",
                    "agency",
                    &after.id,
                    changes,
                    now,
                )?;
                Ok(agencies::find(conn, &after.id)?)
            })
        })
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        agency.version,
        &AgencyView::from(agency),
    ))
}
