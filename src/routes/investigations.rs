//! Investigations, their partners and links: the JSON face of
//! `operations::investigations`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::extract::audit_context;
use super::extract::{if_match, located, page, path_id, with_etag, JsonBody};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::domain::{CrimeType, InvestigationStatus};
use crate::error::ApiError;
use crate::operations::investigations as ops;
use crate::operations::investigations::{
    CreateInvestigation, CreateLink, InvestigationFilter, InvestigationView, LinkView,
    UpdateInvestigation,
};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct InvestigationQuery {
    #[param(schema_with = super::schemas::investigation_status)]
    pub status: Option<String>,
    #[param(schema_with = super::schemas::crime_type)]
    pub crime_type: Option<String>,
    #[param(schema_with = super::schemas::uuid)]
    pub agency_id: Option<String>,
    /// Substring of the title or (where visible) the reference.
    #[param(schema_with = super::schemas::search_text)]
    pub q: Option<String>,
    #[param(schema_with = super::schemas::limit)]
    pub limit: Option<String>,
    #[param(schema_with = super::schemas::cursor)]
    pub cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/jpas/{id}/investigations", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path), InvestigationQuery),
    responses((status = 200, description = "A page of investigations, newest first", body = super::extract::ListResponse<InvestigationView>), (status = 400, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<InvestigationQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListInvestigations)?;
    let id = path_id(&id)?;
    let q = query.into_inner();
    let page = page(q.limit.as_deref(), q.cursor.as_deref())?;
    let bad = |name: &str, allowed: &str| {
        ApiError::BadRequest(
            "invalid_query",
            format!("{name} must be one of: {allowed}."),
        )
    };
    if q.status
        .as_deref()
        .is_some_and(|s| InvestigationStatus::parse(s).is_none())
    {
        return Err(bad("status", "open, suspended, closed"));
    }
    if q.crime_type
        .as_deref()
        .is_some_and(|s| CrimeType::parse(s).is_none())
    {
        return Err(bad(
            "crime_type",
            "people_smuggling, trafficking_in_persons",
        ));
    }
    let filter = InvestigationFilter {
        status: q.status,
        crime_type: q.crime_type,
        agency_id: super::extract::query_uuid("agency_id", q.agency_id)?,
        q: super::extract::query_text("q", q.q, 200)?
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string()),
        // The operation fills it in from the caller.
        caller_agency: None,
    };
    let list = state
        .db
        .run(move |conn| ops::list(conn, &caller, &id, filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/jpas/{id}/investigations", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = CreateInvestigation,
    responses((status = 201, body = InvestigationView), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<CreateInvestigation>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::CreateInvestigation)?;
    let jpa_id = path_id(&id)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let investigation = state
        .db
        .run(move |conn| ops::create(conn, &caller, &ctx, &jpa_id, input))
        .await?;
    let location = format!("/api/v1/investigations/{}", investigation.id);
    Ok(located(
        with_etag(StatusCode::CREATED, investigation.version, &investigation),
        &location,
    ))
}

#[utoipa::path(get, path = "/api/v1/investigations/{id}", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = InvestigationView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadInvestigation)?;
    let id = path_id(&id)?;
    let investigation = state
        .db
        .run(move |conn| ops::get(conn, &caller, &id))
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        investigation.version,
        &investigation,
    ))
}

#[utoipa::path(patch, path = "/api/v1/investigations/{id}", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)), request_body = UpdateInvestigation,
    responses((status = 200, body = InvestigationView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 428, body = crate::error::Problem)))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateInvestigation>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateInvestigation)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let investigation = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        investigation.version,
        &investigation,
    ))
}

#[utoipa::path(put, path = "/api/v1/investigations/{id}/partners/{agency_id}", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path), ("agency_id" = String, Path)), request_body(content = Option<super::extract::NoFields>),
    responses((status = 201, body = InvestigationView), (status = 200, body = InvestigationView), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_partner(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManagePartners)?;
    super::extract::expect_no_body(&req, &body)?;
    let (id, agency_id) = (path_id(&path.0)?, path_id(&path.1)?);
    let ctx = audit_context(&caller);
    let location = format!("/api/v1/investigations/{id}/partners/{agency_id}");
    let (created, investigation) = state
        .db
        .run(move |conn| ops::add_partner(conn, &caller, &ctx, &id, &agency_id))
        .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(located(
        with_etag(status, investigation.version, &investigation),
        &location,
    ))
}

#[utoipa::path(delete, path = "/api/v1/investigations/{id}/partners/{agency_id}", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path), ("agency_id" = String, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem)))]
pub async fn remove_partner(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManagePartners)?;
    let (id, agency_id) = (path_id(&path.0)?, path_id(&path.1)?);
    let ctx = audit_context(&caller);
    state
        .db
        .run(move |conn| ops::remove_partner(conn, &caller, &ctx, &id, &agency_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/investigations/{id}/links", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, description = "Links whose other end the caller sees (one page)", body = super::extract::ListResponse<LinkView>),
              (status = 404, body = crate::error::Problem)))]
pub async fn links(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListLinks)?;
    let id = path_id(&id)?;
    let list = state
        .db
        .run(move |conn| ops::links(conn, &caller, &id))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/investigations/{id}/links", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = CreateLink,
    responses((status = 201, body = LinkView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn add_link(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<CreateLink>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageLinks)?;
    let id = path_id(&id)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let this = id.clone();
    let link = state
        .db
        .run(move |conn| ops::add_link(conn, &caller, &ctx, &id, input))
        .await?;
    let location = format!(
        "/api/v1/investigations/{this}/links/{}",
        link.investigation_id
    );
    Ok(located(HttpResponse::Created().json(link), &location))
}

#[utoipa::path(delete, path = "/api/v1/investigations/{id}/links/{other_id}", tag = "investigations", security(("bearer" = [])),
    params(("id" = String, Path), ("other_id" = String, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn remove_link(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageLinks)?;
    let (id, other_id) = (path_id(&path.0)?, path_id(&path.1)?);
    let ctx = audit_context(&caller);
    state
        .db
        .run(move |conn| ops::remove_link(conn, &caller, &ctx, &id, &other_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
