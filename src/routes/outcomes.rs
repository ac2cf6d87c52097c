//! Outcomes: the JSON face of `operations::outcomes`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::{audit_context, ListQuery};
use super::extract::{if_match, located, page, path_id, with_etag, JsonBody};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::outcomes as ops;
use crate::operations::outcomes::{CreateOutcome, OutcomeView, RevisionView, UpdateOutcome};
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/investigations/{id}/outcomes", tag = "outcomes", security(("bearer" = [])),
    params(("id" = String, Path), ListQuery),
    responses((status = 200, description = "A page of outcomes, newest first", body = super::extract::ListResponse<OutcomeView>), (status = 404, body = crate::error::Problem)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListOutcomes)?;
    let id = path_id(&id)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list(conn, &caller, &id, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(post, path = "/api/v1/investigations/{id}/outcomes", tag = "outcomes", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = CreateOutcome,
    responses((status = 201, body = OutcomeView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<CreateOutcome>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::CreateOutcome)?;
    let id = path_id(&id)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let outcome = state
        .db
        .run(move |conn| ops::create(conn, &caller, &ctx, &id, input))
        .await?;
    let location = format!("/api/v1/outcomes/{}", outcome.id);
    Ok(located(
        with_etag(StatusCode::CREATED, outcome.version, &outcome),
        &location,
    ))
}

#[utoipa::path(patch, path = "/api/v1/outcomes/{id}", tag = "outcomes", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)), request_body = UpdateOutcome,
    responses((status = 200, body = OutcomeView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 428, body = crate::error::Problem)))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateOutcome>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateOutcome)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let outcome = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(StatusCode::OK, outcome.version, &outcome))
}

#[utoipa::path(delete, path = "/api/v1/outcomes/{id}", tag = "outcomes", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem)))]
pub async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateOutcome)?;
    let id = path_id(&id)?;
    let ctx = audit_context(&caller);
    state
        .db
        .run(move |conn| ops::delete(conn, &caller, &ctx, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/outcomes/{id}/revisions", tag = "outcomes", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, description = "Revisions, oldest first (one page)", body = super::extract::ListResponse<RevisionView>), (status = 404, body = crate::error::Problem)))]
pub async fn revisions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListOutcomeRevisions)?;
    let id = path_id(&id)?;
    let list = state
        .db
        .run(move |conn| ops::revisions(conn, &caller, &id))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}
