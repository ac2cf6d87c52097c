//! User administration (admin only): the JSON face of `operations::users`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::{
    audit_context, if_match, located, page, path_id, with_etag, JsonBody, ListQuery,
};
use super::views::UserView;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::users as ops;
use crate::operations::users::{CreateUser, UpdateUser};
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, description = "A page of users", body = super::extract::ListResponse<UserView>), (status = 403, body = crate::error::Problem)))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ListUsers)?;
    let page = page(query.limit.as_deref(), query.cursor.as_deref())?;
    let list = state
        .db
        .run(move |conn| ops::list(conn, &caller, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Creates a user and mails an invitation link (single use, 72 h).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])),
    request_body = CreateUser,
    responses((status = 201, body = UserView), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::CreateUser)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let mailing = state.mailing();
    let user = state
        .db
        .run(move |conn| ops::invite(conn, &caller, &ctx, &mailing, input))
        .await?;
    state.outbox_notify.notify_one();
    let location = format!("/api/v1/users/{}", user.id);
    Ok(located(
        with_etag(StatusCode::CREATED, user.version, &user),
        &location,
    ))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = UserView), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadUser)?;
    let id = path_id(&id)?;
    let user = state
        .db
        .run(move |conn| ops::get(conn, &caller, &id))
        .await?;
    Ok(with_etag(StatusCode::OK, user.version, &user))
}

/// Changes display name, role, agency or active. Deactivation ends the user's sessions.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = String, Path), ("If-Match" = String, Header, description = "`\"<version>\"` of the resource this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)),
    request_body = UpdateUser,
    responses((status = 200, body = UserView), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
              (status = 428, body = crate::error::Problem)))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateUser)?;
    let id = path_id(&id)?;
    let expected = if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    let user = state
        .db
        .run(move |conn| ops::update(conn, &caller, &ctx, &id, expected, input))
        .await?;
    Ok(with_etag(StatusCode::OK, user.version, &user))
}
