//! Two-factor sign-in: the JSON face of `operations::mfa`.

use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::{audit_context, JsonBody};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::mfa as ops;
pub use crate::operations::mfa::{
    CodeRequest, DisableRequest, EnrollRequest, Enrollment, MfaChallenge, RecoveryCodes, SecondStep,
};
use crate::operations::sessions::TokenResponse;
use crate::state::AppState;

#[utoipa::path(post, path = "/api/v1/me/totp/enroll", tag = "account", security(("bearer" = [])),
    request_body = EnrollRequest,
    responses((status = 200, body = Enrollment), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
pub async fn enroll(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<EnrollRequest>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageOwnMfa)?;
    let input = body.into_inner()?;
    Ok(HttpResponse::Ok().json(ops::enroll(&state, &caller, input).await?))
}

#[utoipa::path(post, path = "/api/v1/me/totp/confirm", tag = "account", security(("bearer" = [])), request_body = CodeRequest,
    responses((status = 200, body = RecoveryCodes), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
pub async fn confirm(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<CodeRequest>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageOwnMfa)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    Ok(HttpResponse::Ok().json(ops::confirm(&state, &caller, ctx, input).await?))
}

#[utoipa::path(post, path = "/api/v1/me/totp/disable", tag = "account", security(("bearer" = [])), request_body = DisableRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
pub async fn disable(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<DisableRequest>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ManageOwnMfa)?;
    let input = body.into_inner()?;
    let ctx = audit_context(&caller);
    ops::disable(&state, &caller, ctx, input).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/auth/login/totp", tag = "auth", request_body = SecondStep,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
pub async fn second_step(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<SecondStep>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner()?;
    let ctx = super::auth::anonymous_context(&state, &req);
    let response = ops::second_step(&state, ctx, input).await?;
    Ok(HttpResponse::Ok().json(response))
}
