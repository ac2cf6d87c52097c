//! Sign-in, token refresh, sign-out and password reset: the JSON face of
//! `operations::sessions`.

use actix_web::{web, HttpRequest, HttpResponse};

use super::extract::JsonBody;
use crate::auth::caller::client_addr;
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::operations::sessions as ops;
pub use crate::operations::sessions::{
    LoginRequest, RefreshRequest, ResetAccepted, ResetConfirmRequest, ResetRequest, SignIn,
    TokenResponse,
};
use crate::operations::AuditContext;
use crate::state::AppState;

/// The audit context of a request made before sign-in.
pub fn anonymous_context(state: &AppState, req: &HttpRequest) -> AuditContext {
    AuditContext::anonymous(client_addr(req, state.settings.server.trust_forwarded_for))
}

/// Signs in. Unknown email and wrong password get the same 401 after the same work.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, description = "The token pair; for an account with two-factor sign-in, an MfaChallenge to complete at POST /api/v1/auth/login/totp",
               content((TokenResponse), (super::mfa::MfaChallenge))), (status = 401, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner()?;
    let ctx = anonymous_context(&state, &req);
    Ok(match ops::sign_in(&state, ctx, input).await? {
        SignIn::Tokens(tokens) => HttpResponse::Ok().json(tokens),
        SignIn::Challenge(challenge) => HttpResponse::Ok().json(challenge),
    })
}

/// Trades a refresh token for a new pair. The old one is spent; presenting a spent
/// one again revokes the whole session.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem)))]
pub async fn refresh(
    state: web::Data<AppState>,
    body: JsonBody<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner()?;
    Ok(HttpResponse::Ok().json(ops::refresh(&state, input).await?))
}

/// Ends the caller's session (and the one the refresh token names, if it is the
/// caller's): its access tokens stop working at once.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest,
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::Problem)))]
pub async fn logout(
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::Logout)?;
    let input = body.into_inner()?;
    let ctx = super::extract::audit_context(&caller);
    ops::sign_out(&state, &caller, ctx, input).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mails a single-use reset link (valid 1 h). Always 202, whether or not the email exists.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = ResetRequest,
    responses((status = 202, description = "Accepted, whether or not the address has an account", body = ResetAccepted)))]
pub async fn password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<ResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner()?;
    let ctx = anonymous_context(&state, &req);
    ops::request_password_reset(&state, ctx, input).await?;
    Ok(HttpResponse::Accepted().json(ResetAccepted {
        status: "accepted",
        detail: "If the address belongs to an account, a reset link is on its way.",
    }))
}

/// Sets a password with a reset or invitation token; ends every session of that user.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth",
    request_body = ResetConfirmRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem)))]
pub async fn password_reset_confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<ResetConfirmRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner()?;
    let ctx = anonymous_context(&state, &req);
    ops::set_password_with_token(&state, ctx, input).await?;
    Ok(HttpResponse::NoContent().finish())
}
