//! Sign-in, token refresh, sign-out and password reset.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::TimeDelta;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::extract::JsonBody;
use super::views::UserView;
use crate::auth::caller::client_addr;
use crate::auth::policy::{require, Action};
use crate::auth::{random_token, token_hash, Caller};
use crate::db::audit::{self, AuditContext};
use crate::db::sessions::{self, RefreshLookup};
use crate::db::{self, outbox, throttle, tokens, users};
use crate::domain::check_new_password;
use crate::email::messages;
use crate::error::{current_request_id, ApiError};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

/// The answer to a reset request: the same whether or not the address has an account.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResetAccepted {
    pub status: &'static str,
    pub detail: &'static str,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetConfirmRequest {
    pub token: String,
    pub new_password: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub refresh_token: String,
    pub user: UserView,
}

fn anonymous_context(state: &AppState, req: &HttpRequest) -> AuditContext {
    AuditContext {
        actor_id: None,
        request_id: current_request_id(),
        client_addr: client_addr(req, state.settings.server.trust_forwarded_for),
    }
}

/// Opens a session for a user whose password was verified; returns the token pair.
pub async fn open_session(
    state: &AppState,
    user_id: String,
    ctx: AuditContext,
) -> Result<TokenResponse, ApiError> {
    let refresh = random_token()?;
    let refresh_hash = token_hash(&refresh);
    let max_hours = state.settings.auth.session_max_hours;
    let (session_id, user) = state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                let session_id = sessions::create(
                    conn,
                    &user_id,
                    &refresh_hash,
                    now,
                    now + TimeDelta::hours(max_hours),
                )?;
                let user = users::find(conn, &user_id)?;
                let ctx = AuditContext {
                    actor_id: Some(user_id.clone()),
                    ..ctx
                };
                audit::record(
                    conn,
                    &ctx,
                    "session.login",
                    "session",
                    &session_id,
                    serde_json::json!({}),
                    now,
                )?;
                Ok::<_, ApiError>((session_id, user))
            })
        })
        .await?;
    Ok(TokenResponse {
        access_token: state.jwt.issue(&user.id, &session_id)?,
        token_type: "Bearer",
        expires_in: state.jwt.ttl_seconds(),
        refresh_token: refresh,
        user: user.into(),
    })
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
    let LoginRequest { email, password } = body.into_inner()?;
    let email = email.trim().to_lowercase();
    let ctx = anonymous_context(&state, &req);
    let keys = throttle::AttemptKeys::new(format!("account:{email}"), ctx.client_addr.as_deref());
    let account_key = keys.account.clone();
    let auth = state.settings.auth.clone();
    let lookup = email.clone();
    // Counted before the hash is checked, so parallel guesses evaluate at most the limit.
    let (reservation, user) = state
        .db
        .run(move |conn| {
            let reservation = throttle::reserve(conn, &keys, &auth, db::now())?;
            let user = users::find_by_email(conn, &lookup)?;
            Ok((reservation, user))
        })
        .await?;
    let usable = user.filter(|u| u.active);
    let verified = state
        .hasher
        .verify(
            SecretString::from(password),
            usable.as_ref().and_then(|u| u.password_hash.clone()),
        )
        .await?;
    let Some(user) = usable.filter(|_| verified) else {
        // The reservation stays: it is the failure's record.
        // The attempted address is user text: Debug-formatted, so a newline stays escaped.
        tracing::warn!(event = "auth.login.failure", email = ?email, client_addr = ?ctx.client_addr, "sign-in failed");
        return Err(ApiError::Unauthorized);
    };
    state
        .db
        .run(move |conn| {
            throttle::release(conn, reservation)?;
            Ok(throttle::clear(conn, &account_key)?)
        })
        .await?;
    let (_, mfa_on, _) = {
        let id = user.id.clone();
        state
            .db
            .run(move |conn| Ok(crate::db::mfa::state(conn, &id)?))
            .await?
    };
    if mfa_on {
        let challenge = super::mfa::challenge(&state, user.id.clone()).await?;
        return Ok(HttpResponse::Ok().json(challenge));
    }
    let user_id = user.id.clone();
    let response = open_session(&state, user.id, ctx).await?;
    tracing::info!(event = "auth.login.success", user_id = %user_id, "signed in");
    Ok(HttpResponse::Ok().json(response))
}

/// Trades a refresh token for a new pair. The old one is spent; presenting a spent
/// one again revokes the whole session.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem)))]
pub async fn refresh(
    state: web::Data<AppState>,
    body: JsonBody<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let presented = token_hash(body.into_inner()?.refresh_token.trim());
    let next = random_token()?;
    let next_hash = token_hash(&next);
    let idle = TimeDelta::minutes(state.settings.auth.session_idle_minutes);
    let outcome = state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                match sessions::spend_refresh_token(conn, &presented, now, now - idle)? {
                    RefreshLookup::Spent {
                        session_id,
                        user_id,
                    } => {
                        sessions::add_refresh_token(conn, &session_id, &next_hash, now)?;
                        let user = users::find(conn, &user_id)?;
                        Ok::<_, ApiError>(Ok((session_id, user)))
                    }
                    RefreshLookup::Replayed { session_id } => Ok(Err(Some(session_id))),
                    RefreshLookup::Unknown | RefreshLookup::Rejected => Ok(Err(None)),
                }
            })
        })
        .await?;
    let (session_id, user) = match outcome {
        Ok(pair) => pair,
        Err(replayed) => {
            if let Some(session_id) = replayed {
                tracing::warn!(event = "auth.refresh.reuse", session_id = %session_id, "spent refresh token presented again; session revoked");
            }
            return Err(ApiError::Unauthorized);
        }
    };
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token: state.jwt.issue(&user.id, &session_id)?,
        token_type: "Bearer",
        expires_in: state.jwt.ttl_seconds(),
        refresh_token: next,
        user: user.into(),
    }))
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
    let presented = token_hash(body.into_inner()?.refresh_token.trim());
    let ctx = super::extract::audit_context(&caller);
    state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                sessions::revoke(conn, &caller.session_id, now)?;
                if let Some((other, owner)) = sessions::session_of_refresh_token(conn, &presented)?
                {
                    if owner == caller.user_id {
                        sessions::revoke(conn, &other, now)?;
                    }
                }
                audit::record(
                    conn,
                    &ctx,
                    "session.logout",
                    "session",
                    &caller.session_id,
                    serde_json::json!({}),
                    now,
                )?;
                Ok(())
            })
        })
        .await?;
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
    let email = body.into_inner()?.email.trim().to_lowercase();
    let ctx = anonymous_context(&state, &req);
    let token = random_token()?;
    let hash = token_hash(&token);
    let public_url = state.settings.server.public_url.clone();
    let domain = state.message_domain();
    let queued = state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                let Some(user) = users::find_by_email(conn, &email)? else {
                    return Ok::<_, ApiError>(false);
                };
                // At most three reset mails an hour per account: no mail bombing.
                let recent = tokens::count_since(
                    conn,
                    &user.id,
                    tokens::PURPOSE_RESET,
                    now - TimeDelta::hours(1),
                )?;
                if !user.active || recent >= 3 {
                    return Ok(false);
                }
                tokens::insert(
                    conn,
                    &user.id,
                    tokens::PURPOSE_RESET,
                    &hash,
                    now,
                    now + TimeDelta::hours(1),
                )?;
                let mail = messages::password_reset(
                    &user.email,
                    &user.display_name,
                    &public_url,
                    &token,
                    format!("reset:{}", db::new_id()),
                );
                outbox::enqueue(conn, mail, &domain, now)?;
                audit::record(
                    conn,
                    &ctx,
                    "user.password_reset_requested",
                    "user",
                    &user.id,
                    serde_json::json!({}),
                    now,
                )?;
                Ok(true)
            })
        })
        .await?;
    if queued {
        state.outbox_notify.notify_one();
    }
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
    let ResetConfirmRequest {
        token,
        new_password,
    } = body.into_inner()?;
    let hash = token_hash(token.trim());
    let invalid = || ApiError::invalid("token", "is invalid, already used or expired");
    let peek_hash = hash.clone();
    let (user_id, email) = state
        .db
        .run(move |conn| Ok(tokens::peek(conn, &peek_hash, db::now())?))
        .await?
        .ok_or_else(invalid)?;
    check_new_password("new_password", &new_password, &email)
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let password_hash = state.hasher.hash(SecretString::from(new_password)).await?;
    let ctx = AuditContext {
        actor_id: Some(user_id.clone()),
        ..anonymous_context(&state, &req)
    };
    let domain = state.message_domain();
    state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                let Some((owner, purpose)) = tokens::consume(conn, &hash, now)? else {
                    return Err(invalid());
                };
                if owner != user_id {
                    return Err(invalid());
                }
                users::set_password(conn, &owner, &password_hash, now)?;
                sessions::revoke_all_for_user(conn, &owner, None, now)?;
                tokens::spend_all_for_user(conn, &owner, now)?;
                let action = if purpose == tokens::PURPOSE_INVITE {
                    "user.invitation_accepted"
                } else {
                    crate::accounts::notify_security_change(
                        conn,
                        &owner,
                        crate::email::messages::SecurityChange::PasswordReset,
                        &domain,
                        now,
                    )?;
                    "user.password_reset"
                };
                audit::record(
                    conn,
                    &ctx,
                    action,
                    "user",
                    &owner,
                    serde_json::json!({}),
                    now,
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
