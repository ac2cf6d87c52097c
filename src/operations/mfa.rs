//! Two-factor sign-in: enrol (with the current password: a token alone must not lock the
//! owner out), confirm with a code (turns it on and hands out ten recovery codes), disable
//! (password and code), and the second step of a sign-in. Codes are throttled like
//! passwords and accepted once.

use chrono::TimeDelta;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::sessions::{open_session, TokenResponse};
use super::Result;
use crate::auth::policy::{require, Action};
use crate::auth::{token_hash, totp, Caller};
use crate::db::audit::{self, AuditContext};
use crate::db::{self, mfa, throttle, users, DbConnection};
use crate::error::Error;
use crate::state::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Enrollment {
    /// Base32 secret, for typing into an authenticator app.
    pub secret: String,
    pub otpauth_uri: String,
}

/// Turning two-factor sign-in on asks for the current password: an access token alone
/// (a stolen one, say) must not be able to lock the owner out.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    pub current_password: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    pub code: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RecoveryCodes {
    /// Ten single-use codes, shown this once.
    pub recovery_codes: Vec<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisableRequest {
    pub password: String,
    /// A current code or an unused recovery code.
    pub code: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecondStep {
    pub mfa_token: String,
    /// A current code or an unused recovery code.
    pub code: String,
}

/// The first answer of a sign-in for an account with two-factor sign-in.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MfaChallenge {
    pub mfa_required: bool,
    pub mfa_token: String,
    pub expires_in: i64,
}

fn unix_now() -> u64 {
    chrono::Utc::now().timestamp().max(0) as u64
}

/// Accepts a TOTP code (newer step than the last accepted) or an unused recovery code.
pub fn check_second_factor(
    conn: &mut DbConnection,
    sealer: &totp::SecretBox,
    user_id: &str,
    email: &str,
    code: &str,
) -> Result<bool> {
    let (sealed, _, _) = mfa::state(conn, user_id)?;
    let Some(sealed) = sealed else {
        return Ok(false);
    };
    match sealer.open(&sealed) {
        Some(secret) => {
            if let Some(step) = totp::matching_step(&secret, email, code, unix_now())? {
                return Ok(mfa::accept_step(conn, user_id, step)?);
            }
        }
        None => {
            tracing::warn!(user_id = %user_id, "stored TOTP secret cannot be opened (key changed?)")
        }
    }
    let normalised = totp::normalise_recovery_code(code);
    if normalised.len() == 12 {
        return Ok(mfa::use_recovery_code(
            conn,
            user_id,
            &token_hash(&normalised),
            db::now(),
        )?);
    }
    Ok(false)
}

/// Second-factor attempts count against the account (`mfa:<user id>`) and the address,
/// with the same limits as passwords.
fn keys(user_id: &str, addr: &Option<String>) -> throttle::AttemptKeys {
    throttle::AttemptKeys::new(format!("mfa:{user_id}"), addr.as_deref())
}

/// Reserves a second-factor attempt (see `db::throttle`): 429 once the limit is reached.
fn reserve(
    conn: &mut DbConnection,
    state: &AppState,
    user_id: &str,
    addr: &Option<String>,
) -> Result<throttle::Reservation> {
    throttle::reserve(conn, &keys(user_id, addr), &state.settings.auth, db::now())
}

/// For a change that needs the password and a code: reserves an attempt (throttling counts
/// it before anything is verified), then checks the password off the executor. The caller
/// checks the code and releases the reservation only when both were right.
async fn reserve_and_check_password(
    state: &AppState,
    caller: &Caller,
    password: String,
) -> Result<(bool, throttle::Reservation)> {
    let user_id = caller.user_id.clone();
    let st = state.clone();
    let addr = caller.client_addr.clone();
    let (user, reservation) = state
        .db
        .run(move |conn| {
            let reservation = reserve(conn, &st, &user_id, &addr)?;
            Ok((users::find(conn, &user_id)?, reservation))
        })
        .await?;
    let password_ok = state
        .hasher
        .verify(SecretString::from(password), user.password_hash)
        .await?;
    Ok((password_ok, reservation))
}

/// Starts enrolment: a new secret and its `otpauth://` URI, once the current password is
/// right.
pub async fn enroll(state: &AppState, caller: &Caller, input: EnrollRequest) -> Result<Enrollment> {
    require(caller.role, Action::ManageOwnMfa)?;
    let password = input.current_password;
    let caller = caller.clone();
    let keys = throttle::AttemptKeys::new(
        format!("account:{}", caller.email),
        caller.client_addr.as_deref(),
    );
    let auth = state.settings.auth.clone();
    let user_id = caller.user_id.clone();
    let (user, reservation) = state
        .db
        .run(move |conn| {
            let reservation = throttle::reserve(conn, &keys, &auth, db::now())?;
            Ok((users::find(conn, &user_id)?, reservation))
        })
        .await?;
    let verified = state
        .hasher
        .verify(SecretString::from(password), user.password_hash.clone())
        .await?;
    if !verified {
        return Err(Error::invalid(
            "current_password",
            "is not your current password",
        ));
    }
    let secret = totp::new_secret()?;
    let uri = totp::otpauth_uri(&secret, &caller.email)?;
    let stored = state.totp_box.seal(&secret)?;
    state
        .db
        .run(move |conn| {
            throttle::release(conn, reservation)?;
            db::write_tx(conn, |conn| {
                let (_, enabled, _) = mfa::state(conn, &caller.user_id)?;
                if enabled {
                    return Err(Error::Conflict(
                        "Two-factor sign-in is already on; disable it first.".into(),
                    ));
                }
                mfa::set_pending_secret(conn, &caller.user_id, &stored)?;
                Ok(())
            })
        })
        .await?;
    Ok(Enrollment {
        secret,
        otpauth_uri: uri,
    })
}

/// Turns two-factor sign-in on with a current code; returns the recovery codes (shown once).
pub async fn confirm(
    state: &AppState,
    caller: &Caller,
    ctx: AuditContext,
    input: CodeRequest,
) -> Result<RecoveryCodes> {
    require(caller.role, Action::ManageOwnMfa)?;
    let code = input.code;
    let caller = caller.clone();
    let codes = totp::new_recovery_codes()?;
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| token_hash(&totp::normalise_recovery_code(c)))
        .collect();
    let st = state.clone();
    let mailing = state.mailing();
    state
        .db
        .run(move |conn| {
            let (sealed, enabled, _) = mfa::state(conn, &caller.user_id)?;
            let Some(secret) = sealed.as_deref().and_then(|s| st.totp_box.open(s)) else {
                return Err(Error::Conflict(
                    "Start with POST /api/v1/me/totp/enroll.".into(),
                ));
            };
            if enabled {
                return Err(Error::Conflict("Two-factor sign-in is already on.".into()));
            }
            let reservation = reserve(conn, &st, &caller.user_id, &caller.client_addr)?;
            let Some(step) = totp::matching_step(&secret, &caller.email, &code, unix_now())? else {
                return Err(Error::invalid(
                    "code",
                    "is not the current code of your authenticator",
                ));
            };
            throttle::release(conn, reservation)?;
            db::write_tx(conn, |conn| {
                let now = db::now();
                mfa::enable(conn, &caller.user_id, step)?;
                crate::operations::accounts::notify_security_change(
                    conn,
                    &caller.user_id,
                    crate::email::messages::SecurityChange::TwoFactorEnabled,
                    &mailing,
                    now,
                )?;
                mfa::replace_recovery_codes(conn, &caller.user_id, &hashes, now)?;
                audit::record(
                    conn,
                    &ctx,
                    "user.mfa_enabled",
                    "user",
                    &caller.user_id,
                    serde_json::json!({}),
                    now,
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(RecoveryCodes {
        recovery_codes: codes,
    })
}

/// Turns two-factor sign-in off, with the password and a code.
pub async fn disable(
    state: &AppState,
    caller: &Caller,
    ctx: AuditContext,
    input: DisableRequest,
) -> Result<()> {
    require(caller.role, Action::ManageOwnMfa)?;
    let caller = caller.clone();
    let (password_ok, reservation) =
        reserve_and_check_password(state, &caller, input.password).await?;
    let sealer = state.totp_box.clone();
    let mailing = state.mailing();
    state
        .db
        .run(move |conn| {
            let code_ok = password_ok
                && check_second_factor(conn, &sealer, &caller.user_id, &caller.email, &input.code)?;
            if !code_ok {
                return Err(Error::invalid("code", "password or code is wrong"));
            }
            throttle::release(conn, reservation)?;
            db::write_tx(conn, |conn| {
                mfa::disable(conn, &caller.user_id)?;
                crate::operations::accounts::notify_security_change(
                    conn,
                    &caller.user_id,
                    crate::email::messages::SecurityChange::TwoFactorDisabled,
                    &mailing,
                    db::now(),
                )?;
                audit::record(
                    conn,
                    &ctx,
                    "user.mfa_disabled",
                    "user",
                    &caller.user_id,
                    serde_json::json!({}),
                    db::now(),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(())
}

/// How many recovery codes the caller has left (0 when two-factor sign-in is off).
pub fn recovery_codes_left(conn: &mut DbConnection, caller: &Caller) -> Result<i64> {
    require(caller.role, Action::ManageOwnMfa)?;
    Ok(mfa::unused_recovery_codes(conn, &caller.user_id)?)
}

/// New recovery codes for the caller (two-factor on), with the password and a current
/// code, as for turning it off: the old codes stop working, the new ones are shown once,
/// and the user is told by mail.
pub async fn regenerate_recovery_codes(
    state: &AppState,
    caller: &Caller,
    ctx: AuditContext,
    input: DisableRequest,
) -> Result<RecoveryCodes> {
    require(caller.role, Action::ManageOwnMfa)?;
    let caller = caller.clone();
    let (password_ok, reservation) =
        reserve_and_check_password(state, &caller, input.password).await?;
    let codes = totp::new_recovery_codes()?;
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| token_hash(&totp::normalise_recovery_code(c)))
        .collect();
    let sealer = state.totp_box.clone();
    let mailing = state.mailing();
    state
        .db
        .run(move |conn| {
            let (_, enabled, _) = mfa::state(conn, &caller.user_id)?;
            if !enabled {
                return Err(Error::Conflict("Two-factor sign-in is off.".into()));
            }
            let code_ok = password_ok
                && check_second_factor(conn, &sealer, &caller.user_id, &caller.email, &input.code)?;
            if !code_ok {
                return Err(Error::invalid("code", "password or code is wrong"));
            }
            throttle::release(conn, reservation)?;
            db::write_tx(conn, |conn| {
                let now = db::now();
                mfa::replace_recovery_codes(conn, &caller.user_id, &hashes, now)?;
                crate::operations::accounts::notify_security_change(
                    conn,
                    &caller.user_id,
                    crate::email::messages::SecurityChange::RecoveryCodesReplaced,
                    &mailing,
                    now,
                )?;
                audit::record(
                    conn,
                    &ctx,
                    "user.mfa_recovery_codes_replaced",
                    "user",
                    &caller.user_id,
                    serde_json::json!({}),
                    now,
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(RecoveryCodes {
        recovery_codes: codes,
    })
}

/// After a correct password on an account with two-factor sign-in: a challenge for the
/// code step, valid five minutes.
pub async fn challenge(state: &AppState, user_id: String) -> Result<MfaChallenge> {
    let token = crate::auth::random_token()?;
    let hash = token_hash(&token);
    state
        .db
        .run(move |conn| {
            let now = db::now();
            Ok(mfa::create_challenge(
                conn,
                &user_id,
                &hash,
                now,
                now + TimeDelta::minutes(5),
            )?)
        })
        .await?;
    Ok(MfaChallenge {
        mfa_required: true,
        mfa_token: token,
        expires_in: 300,
    })
}

/// The code step of a sign-in: the challenge of the password step and a current or
/// recovery code give the token pair.
pub async fn second_step(
    state: &AppState,
    ctx: AuditContext,
    input: SecondStep,
) -> Result<TokenResponse> {
    let addr = ctx.client_addr.clone();
    let hash = token_hash(input.mfa_token.trim());
    let st = state.clone();
    let a = addr.clone();
    let user_id = state
        .db
        .run(move |conn| {
            let now = db::now();
            let Some((challenge_id, user_id)) = mfa::challenge_user(conn, &hash, now)? else {
                return Err(Error::Unauthenticated);
            };
            let reservation = reserve(conn, &st, &user_id, &a)?;
            let user = users::find(conn, &user_id)?;
            if !user.active
                || !check_second_factor(conn, &st.totp_box, &user_id, &user.email, &input.code)?
            {
                return Err(Error::Unauthenticated);
            }
            throttle::release(conn, reservation)?;
            if !mfa::spend_challenge(conn, &challenge_id, now)? {
                return Err(Error::Unauthenticated);
            }
            Ok(user_id)
        })
        .await
        .inspect_err(|e| {
            if matches!(e, Error::Unauthenticated) {
                tracing::warn!(
                    event = "auth.login.failure",
                    step = "code",
                    "second factor refused"
                );
            }
        })?;
    let response = open_session(state, user_id.clone(), ctx).await?;
    tracing::info!(event = "auth.login.success", user_id = %user_id, "signed in with a second factor");
    Ok(response)
}
