//! The signed-in caller's own account: the JSON face of `operations::sessions`.

use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::JsonBody;
use super::views::UserView;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::sessions as ops;
pub use crate::operations::sessions::ChangePasswordRequest;
pub use crate::operations::users::UpdateMe;
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = crate::error::Problem)))]
pub async fn get_me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadSelf)?;
    let user = state.db.run(move |conn| ops::me(conn, &caller)).await?;
    Ok(super::extract::with_etag(
        actix_web::http::StatusCode::OK,
        user.version,
        &user,
    ))
}

/// Changes the caller's own settings: the language of their pages and mails.
#[utoipa::path(patch, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    params(("If-Match" = String, Header, description = "`\"<version>\"` of the caller's account this change is based on; 428 when absent, 412 when stale", pattern = r#"^"[0-9]{1,18}"$"#)),
    request_body = UpdateMe,
    responses((status = 200, body = UserView), (status = 412, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub async fn update_me(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: JsonBody<UpdateMe>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::UpdateSelf)?;
    let expected = super::extract::if_match(&req)?;
    let input = body.into_inner()?;
    let ctx = super::extract::audit_context(&caller);
    let user = state
        .db
        .run(move |conn| crate::operations::users::update_me(conn, &caller, &ctx, expected, input))
        .await?;
    Ok(super::extract::with_etag(
        actix_web::http::StatusCode::OK,
        user.version,
        &user,
    ))
}

/// Changes the caller's password and ends the caller's other sessions.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "account", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ChangeOwnPassword)?;
    let input = body.into_inner()?;
    let ctx = super::extract::audit_context(&caller);
    ops::change_password(&state, &caller, ctx, input).await?;
    Ok(HttpResponse::NoContent().finish())
}
