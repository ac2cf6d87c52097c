//! Agencies: the JSON face of `operations::agencies`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::{audit_context, ListQuery};
use super::extract::{if_match, located, page, path_id, with_etag, JsonBody};
use super::views::AgencyView;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::agencies as ops;
use crate::operations::agencies::{CreateAgency, UpdateAgency};
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/agencies", tag = "agencies", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, description = "A page of agencies", body = super::extract::ListResponse<AgencyView>)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListAgencies)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list(conn, &caller, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
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
    let ctx = audit_context(&caller);
    let agency = state
        .db
        .run(move |conn| ops::create(conn, &caller, &ctx, input))
        .await?;
    let location = format!("/api/v1/agencies/{}", agency.id);
    Ok(located(
        with_etag(StatusCode::CREATED, agency.version, &agency),
        &location,
    ))
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
        .run(move |conn| ops::get(conn, &caller, &id))
        .await?;
    Ok(with_etag(StatusCode::OK, agency.version, &agency))
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
    let ctx = audit_context(&caller);
    let agency = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(StatusCode::OK, agency.version, &agency))
}
