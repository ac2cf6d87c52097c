//! The browser's side of a session: one opaque cookie naming a row of `sessions` (see
//! `operations::sessions::open_browser_session`), the `SignedIn` extractor, and CSRF.
//!
//! Cookies are HttpOnly, SameSite=Lax, Path=/; with an https `server.public_url` they are
//! also Secure and carry the `__Host-` prefix. CSRF: every unsafe request must come from
//! this origin (`Origin`, else `Sec-Fetch-Site: same-origin`) and carry the token (form
//! field `csrf` or header `X-CSRF-Token`), an HMAC of the session cookie, or before
//! sign-in of a pre-session cookie (double submit, signed). Otherwise 403, before any
//! operation runs. The pages never read `Authorization`; the JSON API never reads cookies.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;

use super::PageError;
use crate::auth::caller::{client_addr, CookieCaller};
use crate::auth::Caller;
use crate::state::AppState;

const SESSION: &str = "jpa_session";
const PRE_SESSION: &str = "jpa_presession";
const MFA: &str = "jpa_mfa";

/// Which cookie.
#[derive(Clone, Copy)]
pub enum CookieKind {
    /// The browser session.
    Session,
    /// Before sign-in: the anchor of the signed-out forms' CSRF token.
    PreSession,
    /// Between the password and the code step: the sign-in's challenge (5 minutes).
    Mfa,
}

fn https(state: &AppState) -> bool {
    state.settings.server.public_url.starts_with("https://")
}

/// The cookie's name: `__Host-` prefixed when served over https.
pub fn cookie_name(state: &AppState, kind: CookieKind) -> String {
    let base = match kind {
        CookieKind::Session => SESSION,
        CookieKind::PreSession => PRE_SESSION,
        CookieKind::Mfa => MFA,
    };
    if https(state) {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// A `Set-Cookie` value; `max_age` 0 clears it. The session cookie has no `Max-Age`: it
/// ends with the browser, and the server ends it at the session's limits anyway.
pub fn set_cookie(state: &AppState, kind: CookieKind, value: &str, max_age: Option<i64>) -> String {
    let mut cookie = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax",
        cookie_name(state, kind)
    );
    if https(state) {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    cookie
}

/// Adds a `Set-Cookie` header to a response.
pub fn add_cookie(response: &mut HttpResponse, cookie: &str) {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// The value of a cookie of the request (tokens are URL-safe base64: no decoding).
pub fn cookie(req: &HttpRequest, state: &AppState, kind: CookieKind) -> Option<String> {
    let name = cookie_name(state, kind);
    req.headers()
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, v)| *n == name && !v.is_empty() && v.len() <= 128)
        .map(|(_, v)| v.to_string())
}

/// The CSRF token bound to a cookie value.
fn token_for(state: &AppState, purpose: &str, cookie: &str) -> String {
    let mac = Hmac::<sha2::Sha256>::new_from_slice(state.page_key.as_slice())
        .map(|mut m| {
            m.update(purpose.as_bytes());
            m.update(b":");
            m.update(cookie.as_bytes());
            m.finalize().into_bytes().to_vec()
        })
        .unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac)
}

/// The token a form of this request must carry: from the session cookie, else the
/// pre-session cookie; `None` when the browser has neither.
fn expected_token(req: &HttpRequest, state: &AppState) -> Option<String> {
    if let Some(c) = cookie(req, state, CookieKind::Session) {
        return Some(token_for(state, "session", &c));
    }
    cookie(req, state, CookieKind::PreSession).map(|c| token_for(state, "pre", &c))
}

/// The CSRF token for a signed-out form, and the pre-session cookie to set when the
/// browser has none yet.
pub fn form_token(
    req: &HttpRequest,
    state: &AppState,
) -> Result<(String, Option<String>), PageError> {
    if let Some(token) = expected_token(req, state) {
        return Ok((token, None));
    }
    let value = crate::auth::random_token()?;
    Ok((
        token_for(state, "pre", &value),
        Some(set_cookie(state, CookieKind::PreSession, &value, None)),
    ))
}

/// The token of a fresh session cookie (the first page after sign-in).
pub fn session_token(state: &AppState, session_cookie: &str) -> String {
    token_for(state, "session", session_cookie)
}

fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    match url.find("://") {
        Some(i) => match url[i + 3..].find('/') {
            Some(j) => &url[..i + 3 + j],
            None => url,
        },
        None => url,
    }
}

/// Did the browser send this request from one of our own pages?
pub fn same_origin(req: &HttpRequest, state: &AppState) -> bool {
    let site = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| s != "same-origin") {
        return false;
    }
    match req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        Some(origin) => {
            let info = req.connection_info();
            let here = format!("{}://{}", info.scheme(), info.host());
            origin == origin_of(&state.settings.server.public_url) || origin == here
        }
        None => site == Some("same-origin"),
    }
}

fn app_state(req: &HttpRequest) -> Result<web::Data<AppState>, PageError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| PageError::Internal("app state missing".into()))
}

/// The signed-in person of a page. Signed out: to `/login?next=<this page>`.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub caller: Caller,
    pub display_name: String,
    pub mfa_on: bool,
    pub must_enrol: bool,
    /// This session's CSRF token, for the forms of the page.
    pub csrf: String,
    /// The user's language: the request's, from here on (`i18n::current`).
    pub locale: &'static str,
}

/// Pages a person who must enrol in two-factor sign-in may still use.
const BEFORE_ENROLMENT: &[&str] = &[
    "/me",
    "/me/password",
    "/me/totp/enroll",
    "/me/totp/confirm",
    "/logout",
];

async fn load(req: &HttpRequest) -> Result<Option<SignedIn>, PageError> {
    let state = app_state(req)?;
    let Some(cookie_value) = cookie(req, &state, CookieKind::Session) else {
        return Ok(None);
    };
    let addr = client_addr(req, state.settings.server.trust_forwarded_for);
    let found = crate::auth::caller::from_cookie(&state, &cookie_value, addr).await?;
    Ok(found.map(
        |CookieCaller {
             caller,
             display_name,
             mfa_on,
             must_enrol,
             locale,
         }| {
            // A language the service no longer has reads as the fallback.
            let locale =
                crate::domain::locale::parse(&locale).unwrap_or(crate::domain::locale::FALLBACK);
            crate::web::i18n::set_current(locale);
            SignedIn {
                caller,
                display_name,
                mfa_on,
                must_enrol,
                csrf: token_for(&state, "session", &cookie_value),
                locale,
            }
        },
    ))
}

/// Takes the signed-in user's language for a page no handler served (the framework's own
/// 404), so that its error page is in that language too. Signed out: nothing changes.
pub async fn adopt_language(req: &HttpRequest) {
    let _ = load(req).await;
}

/// The page's own path and query, for `next`.
pub fn here(req: &HttpRequest) -> String {
    match req.uri().query() {
        Some(q) => format!("{}?{q}", req.path()),
        None => req.path().to_string(),
    }
}

impl FromRequest for SignedIn {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<SignedIn, PageError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let Some(who) = load(&req).await? else {
                // A form posted after the session ended goes back to its page, not to
                // a POST-only URL.
                let next = if req.method() == actix_web::http::Method::GET {
                    here(&req)
                } else {
                    "/me".to_string()
                };
                return Err(PageError::SignIn { next });
            };
            if who.must_enrol && !BEFORE_ENROLMENT.contains(&req.path()) {
                return Err(PageError::Redirect("/me?notice=mfa-required".into()));
            }
            Ok(who)
        })
    }
}

/// A page anyone may see, which shows who is signed in when someone is.
pub struct MaybeSignedIn(pub Option<SignedIn>);

impl FromRequest for MaybeSignedIn {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<MaybeSignedIn, PageError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeSignedIn(load(&req).await?)) })
    }
}

/// A urlencoded form that passed the CSRF checks (origin, then token); `T` is read from
/// the same body. Any failure is 403 before the handler runs, so nothing changes.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<CsrfForm<T>, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let state = app_state(&req)?;
            if !same_origin(&req, &state) {
                tracing::warn!(event = "web.csrf.origin", "cross-origin form refused");
                return Err(PageError::CrossSite);
            }
            let body = body.await.map_err(|_| PageError::BadRequest)?;
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_bytes(&body).map_err(|_| PageError::BadRequest)?;
            let presented = req
                .headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
                .or_else(|| {
                    pairs
                        .iter()
                        .find(|(k, _)| k == "csrf")
                        .map(|(_, v)| v.clone())
                });
            let ok = match (presented, expected_token(&req, &state)) {
                (Some(p), Some(e)) => same_bytes(p.as_bytes(), e.as_bytes()),
                _ => false,
            };
            if !ok {
                tracing::warn!(
                    event = "web.csrf.token",
                    "form without a valid CSRF token refused"
                );
                return Err(PageError::CrossSite);
            }
            let value = serde_urlencoded::from_bytes(&body).map_err(|_| PageError::BadRequest)?;
            Ok(CsrfForm(value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_origin_of_a_url_is_its_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://jpa.example.org/x/y"),
            "https://jpa.example.org"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
