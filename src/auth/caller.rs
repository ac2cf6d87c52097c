//! The signed-in caller, extracted from `Authorization: Bearer`. Role, agency and
//! active flag are read from the database on every request (one query), so a role
//! change, agency move, deactivation or revoked session takes effect at once.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};
use diesel::prelude::*;

use crate::db::schema::{sessions, users};
use crate::domain::Role;
use crate::error::{ApiError, Error};
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
    pub session_id: String,
    pub role: Role,
    pub agency_id: Option<String>,
    pub email: String,
    /// Client address as the audit log records it.
    pub client_addr: Option<String>,
}

/// The client address: the peer, or the first `X-Forwarded-For` hop when configured.
pub fn client_addr(req: &HttpRequest, trust_forwarded_for: bool) -> Option<String> {
    if trust_forwarded_for {
        if let Some(ip) = req.connection_info().realip_remote_addr() {
            return Some(ip.to_string());
        }
    }
    req.peer_addr().map(|a| a.ip().to_string())
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() || token.len() > 4096 {
        return None;
    }
    Some(token.trim().to_string())
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Caller, ApiError>>>>;

    fn from_request(req: &HttpRequest, _payload: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        let addr = state
            .as_ref()
            .and_then(|s| client_addr(req, s.settings.server.trust_forwarded_for));
        let path = req.path().to_string();
        Box::pin(async move {
            let caller: Result<Caller, Error> = async move {
                let state = state.ok_or_else(|| Error::internal("app state missing"))?;
                let token = token.ok_or(Error::Unauthenticated)?;
                let claims = state.jwt.verify(&token)?;
                let now = crate::db::now();
                let row = state
                    .db
                    .run(move |conn| {
                        sessions::table
                            .inner_join(users::table)
                            .filter(sessions::id.eq(&claims.sid))
                            .filter(users::id.eq(&claims.sub))
                            .filter(sessions::revoked_at.is_null())
                            .filter(sessions::expires_at.gt(now))
                            .filter(users::active.eq(true))
                            .select((
                                users::id,
                                sessions::id,
                                users::role,
                                users::agency_id,
                                users::email,
                                users::totp_enabled,
                            ))
                            .first::<(String, String, String, Option<String>, String, bool)>(conn)
                            .optional()
                            .map_err(Error::from)
                    })
                    .await?;
                let (user_id, session_id, role, agency_id, email, mfa_on) =
                    row.ok_or(Error::Unauthenticated)?;
                let role =
                    Role::parse(&role).ok_or_else(|| Error::internal("unknown role stored"))?;
                tracing::Span::current().record("user_id", user_id.as_str());
                if must_enrol(&state, role, mfa_on)
                    && !crate::auth::policy::BEFORE_MFA_ENROLMENT.contains(&path.as_str())
                {
                    return Err(Error::MfaEnrollmentRequired);
                }
                Ok(Caller {
                    user_id,
                    session_id,
                    role,
                    agency_id,
                    email,
                    client_addr: addr,
                })
            }
            .await;
            caller.map_err(ApiError::from)
        })
    }
}

/// A caller signed in through a browser session cookie (the HTML face), with what the
/// layout shows.
#[derive(Debug, Clone)]
pub struct CookieCaller {
    pub caller: Caller,
    pub display_name: String,
    pub mfa_on: bool,
    /// `auth.require_mfa_roles` names the role and two-factor sign-in is off: only the
    /// account page and sign-out work until it is on.
    pub must_enrol: bool,
    /// The user's language (`users.locale`).
    pub locale: String,
}

/// `auth.require_mfa_roles`: whether this caller must turn two-factor sign-in on before
/// anything but enrolling (bearer and cookie callers alike).
fn must_enrol(state: &AppState, role: Role, mfa_on: bool) -> bool {
    !mfa_on
        && state
            .settings
            .auth
            .require_mfa_roles
            .iter()
            .any(|r| r == role.as_str())
}

/// Loads the browser session a cookie names with its user in one query (so revocation,
/// role and agency changes and deactivation apply at once), moves its idle clock, and
/// applies the same two-factor rule as bearer callers. `None`: no live session.
pub async fn from_cookie(
    state: &AppState,
    cookie: &str,
    client_addr: Option<String>,
) -> Result<Option<CookieCaller>, Error> {
    let hash = crate::auth::token_hash(cookie);
    let idle = chrono::TimeDelta::minutes(state.settings.auth.session_idle_minutes);
    let found = state
        .db
        .run(move |conn| {
            let now = crate::db::now();
            let found = crate::db::sessions::find_by_cookie(conn, &hash, now, now - idle)?;
            if let Some(s) = &found {
                // One write a minute at most per session, not one per page.
                if s.last_seen_at < now - chrono::TimeDelta::seconds(60) {
                    crate::db::sessions::touch(conn, &s.session_id, now)?;
                }
            }
            Ok::<_, Error>(found)
        })
        .await?;
    let Some(s) = found else {
        return Ok(None);
    };
    let role = Role::parse(&s.role).ok_or_else(|| Error::internal("unknown role stored"))?;
    tracing::Span::current().record("user_id", s.user_id.as_str());
    let must_enrol = must_enrol(state, role, s.mfa_on);
    Ok(Some(CookieCaller {
        caller: Caller {
            user_id: s.user_id,
            session_id: s.session_id,
            role,
            agency_id: s.agency_id,
            email: s.email,
            client_addr,
        },
        display_name: s.display_name,
        mfa_on: s.mfa_on,
        must_enrol,
        locale: s.locale,
    }))
}
