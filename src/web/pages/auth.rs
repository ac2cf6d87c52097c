//! Signing in and out, and passwords before sign-in: `/login`, `/login/totp`,
//! `POST /logout`, `/forgot-password`, `/set-password`. The rules (throttling, the
//! two-factor step, the password policy, the reset mail) are the operations'.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{anonymous, notice, render};
use crate::error::Error;
use crate::operations::mfa::SecondStep;
use crate::operations::sessions::{
    self, LoginRequest, RefreshRequest, ResetConfirmRequest, ResetRequest, SignIn, TokenResponse,
};
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::session::{self as cookies, CookieKind, CsrfForm, MaybeSignedIn};
use crate::web::{pages, see_other, Frame, PageError};

/// Percent-encodes a value for a query string.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where sign-in may land: a path of this site only. `//host`, `/\host`, URLs with a
/// scheme, control characters and the sign-in pages themselves fall back to `/`.
pub fn local_next(raw: Option<&str>) -> String {
    match local_path(raw) {
        Some(next) if !next.starts_with("/login") && !next.starts_with("/logout") => next,
        _ => "/".into(),
    }
}

/// `raw` if it is a path of this site: not `//host`, `/\host`, a URL with a scheme, nor
/// anything with control characters or white space.
pub fn local_path(raw: Option<&str>) -> Option<String> {
    let next = raw.map(str::trim).filter(|n| !n.is_empty())?;
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 2048
        && !next.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| next.to_string())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NextQuery {
    pub next: Option<String>,
    pub notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    pub code: String,
    pub next: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    pub email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Empty {}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    pub token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetPasswordForm {
    pub token: String,
    pub new_password: String,
    pub confirm_password: String,
}

/// A signed-out page with its form's CSRF token (and the pre-session cookie when the
/// browser has none yet).
fn signed_out_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    template: &str,
    context: minijinja::value::Value,
) -> Result<HttpResponse, PageError> {
    let (csrf, set_cookie) = cookies::form_token(req, state)?;
    let mut response = render(
        status,
        template,
        Frame::signed_out_at(
            req.uri()
                .path_and_query()
                .map_or(req.path(), |p| p.as_str()),
        ),
        minijinja::context! { csrf => csrf, ..context },
    )?;
    if let Some(c) = set_cookie {
        cookies::add_cookie(&mut response, &c);
    }
    Ok(response)
}

fn throttled(
    errors: &mut FormErrors,
    field: &str,
    retry_after_seconds: i64,
) -> Result<(), PageError> {
    let minutes = (retry_after_seconds.max(1) + 59) / 60;
    let message = pages()?.catalogue.message(
        crate::web::i18n::current(),
        "err-throttled",
        &[("minutes", minutes.into())],
    );
    errors.list.push(crate::web::forms::ShownError {
        field: field.into(),
        message: message.clone(),
    });
    errors.by_field.insert(field.into(), message);
    Ok(())
}

fn with_retry_after(mut response: HttpResponse, seconds: i64) -> HttpResponse {
    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&seconds.max(1).to_string()) {
        response
            .headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
    response
}

/// `GET /login`.
pub async fn login_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, PageError> {
    let next = local_next(query.next.as_deref());
    if who.0.is_some() {
        return Ok(see_other(&next));
    }
    login_page(
        &req,
        &state,
        StatusCode::OK,
        "",
        &next,
        FormErrors::default(),
        notice(query.notice.as_deref()),
    )
}

fn login_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    email: &str,
    next: &str,
    errors: FormErrors,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    signed_out_page(
        req,
        state,
        status,
        "login.html",
        minijinja::context! { email => email, next => next, errors => errors, notice => notice },
    )
}

/// Ends the sign-in: the session becomes a browser session with a new cookie (the
/// previous one, if any, is revoked), and the browser goes where it was going.
async fn finish_sign_in(
    req: &HttpRequest,
    state: &AppState,
    tokens: TokenResponse,
    next: &str,
) -> Result<HttpResponse, PageError> {
    let previous = cookies::cookie(req, state, CookieKind::Session);
    let cookie = sessions::open_browser_session(state, &tokens, previous).await?;
    let mut response = see_other(next);
    cookies::add_cookie(
        &mut response,
        &cookies::set_cookie(state, CookieKind::Session, &cookie, None),
    );
    cookies::add_cookie(
        &mut response,
        &cookies::set_cookie(state, CookieKind::PreSession, "", Some(0)),
    );
    cookies::add_cookie(
        &mut response,
        &cookies::set_cookie(state, CookieKind::Mfa, "", Some(0)),
    );
    Ok(response)
}

/// `POST /login`.
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let next = local_next(Some(&form.next));
    let mut errors = FormErrors::default();
    if form.email.trim().is_empty() {
        errors.add(p, "email", "err-email-missing");
    }
    if form.password.is_empty() {
        errors.add(p, "password", "err-password-missing");
    }
    if !errors.is_empty() {
        return login_page(
            &req,
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form.email,
            &next,
            errors,
            None,
        );
    }
    let input = LoginRequest {
        email: form.email.clone(),
        password: form.password,
    };
    match sessions::sign_in(&state, anonymous(&state, &req), input).await {
        Ok(SignIn::Tokens(tokens)) => finish_sign_in(&req, &state, tokens, &next).await,
        Ok(SignIn::Challenge(challenge)) => {
            let mut response = see_other(&format!("/login/totp?next={}", encode(&next)));
            cookies::add_cookie(
                &mut response,
                &cookies::set_cookie(
                    &state,
                    CookieKind::Mfa,
                    &challenge.mfa_token,
                    Some(challenge.expires_in),
                ),
            );
            Ok(response)
        }
        Err(Error::Unauthenticated) => {
            errors.add(p, "email", "err-sign-in-refused");
            login_page(
                &req,
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form.email,
                &next,
                errors,
                None,
            )
        }
        Err(Error::Throttled {
            retry_after_seconds,
        }) => {
            throttled(&mut errors, "email", retry_after_seconds)?;
            let page = login_page(
                &req,
                &state,
                StatusCode::TOO_MANY_REQUESTS,
                &form.email,
                &next,
                errors,
                None,
            )?;
            Ok(with_retry_after(page, retry_after_seconds))
        }
        Err(Error::Invalid(fields)) => {
            let errors = FormErrors::from_domain(p, &fields, &["email", "password"]);
            login_page(
                &req,
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form.email,
                &next,
                errors,
                None,
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /login/totp`: the code step, while the password step's challenge lives.
pub async fn totp_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, PageError> {
    let next = local_next(query.next.as_deref());
    if cookies::cookie(&req, &state, CookieKind::Mfa).is_none() {
        return Ok(see_other(&format!("/login?next={}", encode(&next))));
    }
    totp_page(&req, &state, StatusCode::OK, &next, FormErrors::default())
}

fn totp_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    next: &str,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    signed_out_page(
        req,
        state,
        status,
        "login_totp.html",
        minijinja::context! { next => next, errors => errors },
    )
}

/// `POST /login/totp`: a current code or a recovery code.
pub async fn totp(
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let next = local_next(Some(&form.next));
    let Some(mfa_token) = cookies::cookie(&req, &state, CookieKind::Mfa) else {
        return Ok(see_other(&format!("/login?next={}", encode(&next))));
    };
    let mut errors = FormErrors::default();
    if form.code.trim().is_empty() {
        errors.add(p, "code", "err-code-missing");
        return totp_page(
            &req,
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &next,
            errors,
        );
    }
    let input = SecondStep {
        mfa_token,
        code: form.code,
    };
    match crate::operations::mfa::second_step(&state, anonymous(&state, &req), input).await {
        Ok(tokens) => finish_sign_in(&req, &state, tokens, &next).await,
        Err(Error::Unauthenticated) => {
            errors.add(p, "code", "err-code-refused");
            totp_page(
                &req,
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                &next,
                errors,
            )
        }
        Err(Error::Throttled {
            retry_after_seconds,
        }) => {
            throttled(&mut errors, "code", retry_after_seconds)?;
            let page = totp_page(&req, &state, StatusCode::TOO_MANY_REQUESTS, &next, errors)?;
            Ok(with_retry_after(page, retry_after_seconds))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /logout`: ends the session (`operations::sessions::sign_out`) and clears the cookie.
pub async fn logout(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, PageError> {
    if let Some(who) = who.0 {
        let nothing = RefreshRequest {
            refresh_token: String::new(),
        };
        sessions::sign_out(&state, &who.caller, super::signed_in(&who.caller), nothing).await?;
    }
    let mut response = see_other("/login?notice=signed-out");
    cookies::add_cookie(
        &mut response,
        &cookies::set_cookie(&state, CookieKind::Session, "", Some(0)),
    );
    Ok(response)
}

/// `GET /forgot-password`.
pub async fn forgot_form(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    forgot_page(&req, &state, StatusCode::OK, "", FormErrors::default())
}

fn forgot_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    email: &str,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    signed_out_page(
        req,
        state,
        status,
        "forgot_password.html",
        minijinja::context! { email => email, errors => errors },
    )
}

/// `POST /forgot-password`: the reset mail of the API route, and the same answer whether
/// or not the address has an account.
pub async fn forgot(
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<HttpResponse, PageError> {
    if form.email.trim().is_empty() {
        let mut errors = FormErrors::default();
        errors.add(pages()?, "email", "err-email-missing");
        return forgot_page(
            &req,
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form.email,
            errors,
        );
    }
    let input = ResetRequest { email: form.email };
    sessions::request_password_reset(&state, anonymous(&state, &req), input).await?;
    Ok(see_other("/forgot-password/sent"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LanguageQuery {
    pub next: Option<String>,
}

/// `GET /language/{lang}?next=`: the signed-out pages' language switch. Remembers the
/// choice for the browser session (cookie `jpa_lang`, read before `Accept-Language`) and
/// goes back to the page (a path of this site only). A signed-in user's pages follow the
/// language of their account instead (set on `/me`).
pub async fn language(
    state: web::Data<AppState>,
    lang: web::Path<String>,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, PageError> {
    let lang = crate::i18n::catalogue()
        .map_err(PageError::Internal)?
        .language(&lang)
        .ok_or(PageError::NotFound)?;
    let next = local_path(query.next.as_deref()).unwrap_or_else(|| "/".into());
    let mut response = see_other(&next);
    let secure = if state.settings.server.public_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    cookies::add_cookie(
        &mut response,
        &format!(
            "{}={lang}; Path=/; HttpOnly; SameSite=Lax{secure}",
            crate::i18n::COOKIE
        ),
    );
    Ok(response)
}

/// `GET /forgot-password/sent`.
pub async fn forgot_sent() -> Result<HttpResponse, PageError> {
    render(
        StatusCode::OK,
        "forgot_password_sent.html",
        Frame::signed_out_at("/forgot-password/sent"),
        minijinja::context! {},
    )
}

/// `GET /set-password?token=`: the page a reset or invitation mail links to.
pub async fn set_password_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, PageError> {
    let token = query.token.clone().unwrap_or_default();
    set_password_page(&req, &state, StatusCode::OK, &token, FormErrors::default())
}

fn set_password_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    token: &str,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    signed_out_page(
        req,
        state,
        status,
        "set_password.html",
        minijinja::context! { token => token, errors => errors },
    )
}

/// `POST /set-password/confirm`: the two entries must match (a page's own check: the API takes
/// one), then `operations::sessions::set_password_with_token`.
pub async fn set_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<SetPasswordForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let mut errors = FormErrors::default();
    if form.new_password.is_empty() {
        errors.add(p, "new_password", "err-new-password-missing");
    } else if form.new_password != form.confirm_password {
        errors.add(p, "confirm_password", "err-confirm-mismatch");
    }
    if !errors.is_empty() {
        return set_password_page(
            &req,
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form.token,
            errors,
        );
    }
    let input = ResetConfirmRequest {
        token: form.token.clone(),
        new_password: form.new_password,
    };
    match sessions::set_password_with_token(&state, anonymous(&state, &req), input).await {
        Ok(()) => Ok(see_other("/login?notice=password-set")),
        Err(Error::Invalid(mut fields)) => {
            for f in &mut fields {
                if f.field == "token" {
                    f.field = "forgot-link".into();
                }
            }
            let errors = FormErrors::from_domain(p, &fields, &["new_password", "forgot-link"]);
            set_password_page(
                &req,
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form.token,
                errors,
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] = crate::templates![
    "login.html",
    "login_totp.html",
    "forgot_password.html",
    "forgot_password_sent.html",
    "set_password.html",
];

/// Mounts sign-in, sign-out, the forgotten password and the set-password pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/login")
            .route(web::get().to(login_form))
            .route(web::post().to(login)),
    )
    .service(
        web::resource("/login/totp")
            .route(web::get().to(totp_form))
            .route(web::post().to(totp)),
    )
    .route("/logout", web::post().to(logout))
    .service(
        web::resource("/forgot-password")
            .route(web::get().to(forgot_form))
            .route(web::post().to(forgot)),
    )
    .route("/forgot-password/sent", web::get().to(forgot_sent))
    .route("/language/{lang}", web::get().to(language))
    // The form posts to its own path: `/set-password` itself is in the OpenAPI document
    // (the mails link to it) with GET alone, and other methods answer 405 there.
    .route("/set-password", web::get().to(set_password_form))
    .route("/set-password/confirm", web::post().to(set_password));
}

#[cfg(test)]
mod tests {
    use super::local_next;

    #[test]
    fn next_is_a_local_path_or_home() {
        assert_eq!(
            local_next(Some("/jpas/1/returns/2026-11")),
            "/jpas/1/returns/2026-11"
        );
        assert_eq!(local_next(Some("/me?x=1")), "/me?x=1");
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "/o\nk",
            "/login",
            "javascript:alert(1)",
            "/%0a",
        ] {
            let expected = if bad == "/%0a" { "/%0a" } else { "/" };
            assert_eq!(local_next(Some(bad)), expected, "{bad}");
        }
        assert_eq!(local_next(None), "/");
    }
}
