//! Sessions and credentials: sign-in (with the throttle and the two-factor step), token
//! refresh, sign-out, password reset and change. Passwords are hashed on the blocking pool
//! between the database steps, so these operations are async and take the `AppState`.

use chrono::TimeDelta;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::mfa::MfaChallenge;
use super::views::UserView;
use super::Result;
use crate::auth::policy::{require, Action};
use crate::auth::{random_token, token_hash, Caller};
use crate::db::audit::{self, AuditContext};
use crate::db::sessions::{self, RefreshLookup};
use crate::db::{self, outbox, throttle, tokens, users};
use crate::domain::check_new_password;
use crate::email::messages;
use crate::error::Error;
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

/// The answer to a correct password: the token pair, or, for an account with two-factor
/// sign-in, the challenge of the code step.
#[derive(Debug)]
// Returned once per sign-in and matched at once: boxing the larger variant buys nothing.
#[allow(clippy::large_enum_variant)]
pub enum SignIn {
    Tokens(TokenResponse),
    Challenge(MfaChallenge),
}

/// Opens a session for a user whose password was verified; returns the token pair.
pub async fn open_session(
    state: &AppState,
    user_id: String,
    ctx: AuditContext,
) -> Result<TokenResponse> {
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
                Ok::<_, Error>((session_id, user))
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

/// Signs in. Unknown email and wrong password get the same `Unauthenticated` after the
/// same work; attempts are counted before the hash is checked (`db::throttle`).
pub async fn sign_in(state: &AppState, ctx: AuditContext, input: LoginRequest) -> Result<SignIn> {
    let LoginRequest { email, password } = input;
    let email = email.trim().to_lowercase();
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
        .await
        .inspect_err(|e| {
            if matches!(e, Error::Throttled { .. }) {
                metrics::counter!("signin_throttled_total").increment(1);
            }
        })?;
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
        metrics::counter!("signin_failures_total").increment(1);
        return Err(Error::Unauthenticated);
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
        let challenge = super::mfa::challenge(state, user.id.clone()).await?;
        return Ok(SignIn::Challenge(challenge));
    }
    let user_id = user.id.clone();
    let response = open_session(state, user.id, ctx).await?;
    tracing::info!(event = "auth.login.success", user_id = %user_id, "signed in");
    Ok(SignIn::Tokens(response))
}

/// Trades a refresh token for a new pair. The old one is spent; presenting a spent one
/// again revokes the whole session.
pub async fn refresh(state: &AppState, input: RefreshRequest) -> Result<TokenResponse> {
    let presented = token_hash(input.refresh_token.trim());
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
                        Ok::<_, Error>(Ok((session_id, user)))
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
            return Err(Error::Unauthenticated);
        }
    };
    Ok(TokenResponse {
        access_token: state.jwt.issue(&user.id, &session_id)?,
        token_type: "Bearer",
        expires_in: state.jwt.ttl_seconds(),
        refresh_token: next,
        user: user.into(),
    })
}

/// Ends the caller's session (and the one the refresh token names, if it is the caller's):
/// its access tokens stop working at once.
pub async fn sign_out(
    state: &AppState,
    caller: &Caller,
    ctx: AuditContext,
    input: RefreshRequest,
) -> Result<()> {
    require(caller.role, Action::Logout)?;
    let presented = token_hash(input.refresh_token.trim());
    let caller = caller.clone();
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
    Ok(())
}

/// Queues a single-use reset link (valid 1 h) if the address has an active account, at
/// most three an hour; says nothing either way.
pub async fn request_password_reset(
    state: &AppState,
    ctx: AuditContext,
    input: ResetRequest,
) -> Result<()> {
    let email = input.email.trim().to_lowercase();
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
                    return Ok::<_, Error>(false);
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
                    &user.locale,
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
    Ok(())
}

/// Sets a password with a reset or invitation token; ends every session of that user.
pub async fn set_password_with_token(
    state: &AppState,
    ctx: AuditContext,
    input: ResetConfirmRequest,
) -> Result<()> {
    let ResetConfirmRequest {
        token,
        new_password,
    } = input;
    let hash = token_hash(token.trim());
    let invalid = || Error::invalid("token", "is invalid, already used or expired");
    let peek_hash = hash.clone();
    let (user_id, email) = state
        .db
        .run(move |conn| Ok(tokens::peek(conn, &peek_hash, db::now())?))
        .await?
        .ok_or_else(invalid)?;
    check_new_password("new_password", &new_password, &email)
        .map_err(|e| Error::Invalid(vec![e]))?;
    let password_hash = state.hasher.hash(SecretString::from(new_password)).await?;
    let ctx = AuditContext {
        actor_id: Some(user_id.clone()),
        ..ctx
    };
    let mailing = state.mailing();
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
                    crate::operations::accounts::notify_security_change(
                        conn,
                        &owner,
                        crate::email::messages::SecurityChange::PasswordReset,
                        &mailing,
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
    Ok(())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// The caller's own account.
pub fn me(conn: &mut crate::db::DbConnection, caller: &Caller) -> Result<UserView> {
    require(caller.role, Action::ReadSelf)?;
    Ok(users::find(conn, &caller.user_id)?.into())
}

/// Changes the caller's password (the current one checked, and throttled like a sign-in)
/// and ends the caller's other sessions.
pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    ctx: AuditContext,
    input: ChangePasswordRequest,
) -> Result<()> {
    require(caller.role, Action::ChangeOwnPassword)?;
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = input;
    let auth = state.settings.auth.clone();
    let keys = throttle::AttemptKeys::new(
        format!("account:{}", caller.email),
        caller.client_addr.as_deref(),
    );
    let (user, reservation) = {
        let user_id = caller.user_id.clone();
        state
            .db
            .run(move |conn| {
                let reservation = throttle::reserve(conn, &keys, &auth, db::now())?;
                Ok((users::find(conn, &user_id)?, reservation))
            })
            .await?
    };
    let verified = state
        .hasher
        .verify(
            SecretString::from(current_password),
            user.password_hash.clone(),
        )
        .await?;
    if !verified {
        return Err(Error::invalid(
            "current_password",
            "is not your current password",
        ));
    }
    state
        .db
        .run(move |conn| Ok(throttle::release(conn, reservation)?))
        .await?;
    check_new_password("new_password", &new_password, &user.email)
        .map_err(|e| Error::Invalid(vec![e]))?;
    let hash = state.hasher.hash(SecretString::from(new_password)).await?;
    let caller = caller.clone();
    let mailing = state.mailing();
    state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                users::set_password(conn, &caller.user_id, &hash, now)?;
                crate::operations::accounts::notify_security_change(
                    conn,
                    &caller.user_id,
                    crate::email::messages::SecurityChange::PasswordChanged,
                    &mailing,
                    now,
                )?;
                sessions::revoke_all_for_user(
                    conn,
                    &caller.user_id,
                    Some(&caller.session_id),
                    now,
                )?;
                tokens::spend_all_for_user(conn, &caller.user_id, now)?;
                audit::record(
                    conn,
                    &ctx,
                    "user.password_changed",
                    "user",
                    &caller.user_id,
                    serde_json::json!({}),
                    now,
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(())
}

/// Turns the session a sign-in just opened into a browser session and returns its cookie
/// value (shown to the browser only; the row keeps its hash). The browser session a
/// previous cookie named, if any, ends: the session id changes at every sign-in.
pub async fn open_browser_session(
    state: &AppState,
    tokens: &TokenResponse,
    previous_cookie: Option<String>,
) -> Result<String> {
    let session_id = state.jwt.verify(&tokens.access_token)?.sid;
    let cookie = random_token()?;
    let cookie_hash = token_hash(&cookie);
    state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                if let Some(previous) = previous_cookie {
                    sessions::revoke_by_cookie(conn, &token_hash(&previous), now)?;
                }
                if sessions::bind_cookie(conn, &session_id, &cookie_hash, now)? != 1 {
                    return Err(Error::internal("new session could not be bound"));
                }
                Ok(())
            })
        })
        .await?;
    Ok(cookie)
}
