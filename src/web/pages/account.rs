//! `/me`: the caller's account: profile, password change, two-factor sign-in (enrol with
//! a QR code drawn on the server, confirm, recovery codes shown once, turn off).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use base64::Engine;
use serde::Deserialize;

use super::{notice, render, signed_in};
use crate::error::Error;
use crate::operations::mfa::{self, CodeRequest, DisableRequest, EnrollRequest};
use crate::operations::sessions::{self, ChangePasswordRequest};
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{pages, see_other, Frame, PageError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeQuery {
    pub notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EnrolForm {
    pub current_password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    pub code: String,
    /// Echoed from the enrolment page so a wrong code can show the QR code again; only
    /// displayed: the secret that counts is the one stored at enrolment.
    pub secret: String,
    pub otpauth_uri: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DisableForm {
    pub password: String,
    pub code: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LocaleForm {
    pub locale: String,
    /// The account's version when the form was shown (a stale one is a 409).
    pub version: String,
}

/// Which form of `/me` a set of errors belongs to (the inputs' ids differ per form).
#[derive(Clone)]
enum Section {
    None,
    Password,
    Enrol,
    Disable,
    Codes,
    /// The language form, with the choice to show again.
    Language(String),
}

async fn me_page(
    req: &HttpRequest,
    state: &AppState,
    who: &SignedIn,
    status: StatusCode,
    section: Section,
    errors: FormErrors,
    notice_id: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let caller = who.caller.clone();
    let (user, codes_left) = state
        .db
        .run(move |conn| {
            Ok((
                sessions::me(conn, &caller)?,
                mfa::recovery_codes_left(conn, &caller)?,
            ))
        })
        .await?;
    let mut chosen_locale = user.locale.clone();
    let section = match section {
        Section::None => "",
        Section::Password => "password",
        Section::Enrol => "enrol",
        Section::Disable => "disable",
        Section::Codes => "codes",
        Section::Language(choice) => {
            chosen_locale = choice;
            "language"
        }
    };
    render(
        status,
        "me.html",
        Frame::signed_in(who, req.path()),
        minijinja::context! {
            user => user,
            chosen_locale => chosen_locale,
            locale_options => crate::web::language_options()?,
            mfa_on => who.mfa_on,
            codes_left => codes_left,
            must_enrol => who.must_enrol,
            section => section,
            errors => errors,
            notice => notice_id,
            csrf => who.csrf,
        },
    )
}

/// Errors of a form whose inputs carry a prefix (`enrol-current_password`).
fn prefixed(mut errors: FormErrors, prefix: &str) -> FormErrors {
    for e in &mut errors.list {
        e.field = format!("{prefix}{}", e.field);
    }
    errors.by_field = errors
        .by_field
        .into_iter()
        .map(|(k, v)| (format!("{prefix}{k}"), v))
        .collect();
    errors
}

fn throttle_error(field: &str, seconds: i64) -> Result<FormErrors, PageError> {
    let minutes = (seconds.max(1) + 59) / 60;
    let message = pages()?.catalogue.message(
        crate::web::i18n::current(),
        "err-throttled",
        &[("minutes", minutes.into())],
    );
    let mut errors = FormErrors::default();
    errors.list.push(crate::web::forms::ShownError {
        field: field.into(),
        message: message.clone(),
    });
    errors.by_field.insert(field.into(), message);
    Ok(errors)
}

/// `GET /me`.
pub async fn me(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<MeQuery>,
) -> Result<HttpResponse, PageError> {
    let notice_id =
        notice(query.notice.as_deref()).or(who.must_enrol.then_some("notice-mfa-required"));
    me_page(
        &req,
        &state,
        &who,
        StatusCode::OK,
        Section::None,
        FormErrors::default(),
        notice_id,
    )
    .await
}

/// `POST /me/password`: `operations::sessions::change_password` (the caller's other
/// sessions end; this one stays).
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let mut errors = FormErrors::default();
    if form.current_password.is_empty() {
        errors.add(p, "current_password", "err-current-password-missing");
    }
    if form.new_password.is_empty() {
        errors.add(p, "new_password", "err-new-password-missing");
    }
    if !errors.is_empty() {
        return me_page(
            &req,
            &state,
            &who,
            StatusCode::UNPROCESSABLE_ENTITY,
            Section::Password,
            errors,
            None,
        )
        .await;
    }
    let input = ChangePasswordRequest {
        current_password: form.current_password,
        new_password: form.new_password,
    };
    match sessions::change_password(&state, &who.caller, signed_in(&who.caller), input).await {
        Ok(()) => Ok(see_other("/me?notice=password-changed")),
        Err(Error::Invalid(fields)) => {
            let errors = FormErrors::from_domain(p, &fields, &["current_password", "new_password"]);
            me_page(
                &req,
                &state,
                &who,
                StatusCode::UNPROCESSABLE_ENTITY,
                Section::Password,
                errors,
                None,
            )
            .await
        }
        Err(Error::Throttled {
            retry_after_seconds,
        }) => {
            let errors = throttle_error("current_password", retry_after_seconds)?;
            me_page(
                &req,
                &state,
                &who,
                StatusCode::TOO_MANY_REQUESTS,
                Section::Password,
                errors,
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /me/locale`: `operations::users::update_me`. The next page is in the new
/// language; a stale form (the account changed meanwhile) is a 409 that keeps the choice
/// and carries the new version, so saving again is deliberate.
pub async fn set_locale(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(form): CsrfForm<LocaleForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let choice = form.locale.trim().to_string();
    let again = |status, errors, notice| {
        let choice = choice.clone();
        let (req, state, who) = (&req, &state, &who);
        async move {
            me_page(
                req,
                state,
                who,
                status,
                Section::Language(choice),
                errors,
                notice,
            )
            .await
        }
    };
    let Ok(expected) = form.version.trim().parse::<i64>() else {
        let mut errors = FormErrors::default();
        errors.add(p, "locale", "err-stale-form");
        return again(StatusCode::CONFLICT, errors, None).await;
    };
    let input = crate::operations::users::UpdateMe {
        locale: Some(choice.clone()),
    };
    let caller = who.caller.clone();
    let ctx = signed_in(&who.caller);
    let outcome = state
        .db
        .run(move |conn| crate::operations::users::update_me(conn, &caller, &ctx, expected, input))
        .await;
    match outcome {
        Ok(_) => Ok(see_other("/me?notice=language-saved")),
        Err(Error::Invalid(fields)) => {
            let errors = FormErrors::from_domain(p, &fields, &["locale"]);
            again(StatusCode::UNPROCESSABLE_ENTITY, errors, None).await
        }
        Err(Error::Stale) => {
            let mut errors = FormErrors::default();
            errors.add(p, "locale", "err-stale-form");
            again(StatusCode::CONFLICT, errors, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The QR code of an `otpauth://` URI as an SVG data URI (the CSP allows `data:` images).
fn qr_data_uri(uri: &str) -> Result<String, PageError> {
    let code = qrcode::QrCode::new(uri.as_bytes())
        .map_err(|e| PageError::Internal(format!("qr code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

fn enrol_page(
    req: &HttpRequest,
    who: &SignedIn,
    status: StatusCode,
    secret: &str,
    otpauth_uri: &str,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    render(
        status,
        "totp_enrol.html",
        Frame::signed_in(who, req.path()),
        minijinja::context! {
            qr => qr_data_uri(otpauth_uri)?,
            secret => secret,
            otpauth_uri => otpauth_uri,
            errors => errors,
            csrf => who.csrf,
        },
    )
}

/// `POST /me/totp/enroll`: a new secret (`operations::mfa::enroll`) shown as a QR code.
pub async fn enrol(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(form): CsrfForm<EnrolForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    if form.current_password.is_empty() {
        let mut errors = FormErrors::default();
        errors.add(p, "enrol-current_password", "err-current-password-missing");
        return me_page(
            &req,
            &state,
            &who,
            StatusCode::UNPROCESSABLE_ENTITY,
            Section::Enrol,
            errors,
            None,
        )
        .await;
    }
    let input = EnrollRequest {
        current_password: form.current_password,
    };
    match mfa::enroll(&state, &who.caller, input).await {
        Ok(enrolment) => enrol_page(
            &req,
            &who,
            StatusCode::OK,
            &enrolment.secret,
            &enrolment.otpauth_uri,
            FormErrors::default(),
        ),
        Err(Error::Invalid(fields)) => {
            let errors = prefixed(
                FormErrors::from_domain(p, &fields, &["current_password"]),
                "enrol-",
            );
            me_page(
                &req,
                &state,
                &who,
                StatusCode::UNPROCESSABLE_ENTITY,
                Section::Enrol,
                errors,
                None,
            )
            .await
        }
        Err(Error::Throttled {
            retry_after_seconds,
        }) => {
            let errors = throttle_error("enrol-current_password", retry_after_seconds)?;
            me_page(
                &req,
                &state,
                &who,
                StatusCode::TOO_MANY_REQUESTS,
                Section::Enrol,
                errors,
                None,
            )
            .await
        }
        Err(Error::Conflict(_)) => Ok(see_other("/me")),
        Err(e) => Err(e.into()),
    }
}

/// `POST /me/totp/confirm`: turns it on; the recovery codes are shown this once.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let again =
        |status, errors| enrol_page(&req, &who, status, &form.secret, &form.otpauth_uri, errors);
    if form.code.trim().is_empty() {
        let mut errors = FormErrors::default();
        errors.add(p, "code", "err-code-missing");
        return again(StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    let input = CodeRequest {
        code: form.code.clone(),
    };
    match mfa::confirm(&state, &who.caller, signed_in(&who.caller), input).await {
        Ok(codes) => render(
            StatusCode::OK,
            "recovery_codes.html",
            Frame::signed_in(&who, req.path()),
            minijinja::context! { codes => codes.recovery_codes },
        ),
        Err(Error::Invalid(fields)) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormErrors::from_domain(p, &fields, &["code"]),
        ),
        Err(Error::Throttled {
            retry_after_seconds,
        }) => again(
            StatusCode::TOO_MANY_REQUESTS,
            throttle_error("code", retry_after_seconds)?,
        ),
        Err(Error::Conflict(_)) => Ok(see_other("/me")),
        Err(e) => Err(e.into()),
    }
}

/// `POST /me/totp/disable`: with the password and a code.
pub async fn disable(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(form): CsrfForm<DisableForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let mut errors = FormErrors::default();
    if form.password.is_empty() {
        errors.add(p, "disable-password", "err-password-missing");
    }
    if form.code.trim().is_empty() {
        errors.add(p, "disable-code", "err-code-missing");
    }
    if !errors.is_empty() {
        return me_page(
            &req,
            &state,
            &who,
            StatusCode::UNPROCESSABLE_ENTITY,
            Section::Disable,
            errors,
            None,
        )
        .await;
    }
    let input = DisableRequest {
        password: form.password,
        code: form.code,
    };
    match mfa::disable(&state, &who.caller, signed_in(&who.caller), input).await {
        Ok(()) => Ok(see_other("/me?notice=mfa-off")),
        Err(Error::Invalid(fields)) => {
            let errors = prefixed(
                FormErrors::from_domain(p, &fields, &["password", "code"]),
                "disable-",
            );
            me_page(
                &req,
                &state,
                &who,
                StatusCode::UNPROCESSABLE_ENTITY,
                Section::Disable,
                errors,
                None,
            )
            .await
        }
        Err(Error::Throttled {
            retry_after_seconds,
        }) => {
            let errors = throttle_error("disable-code", retry_after_seconds)?;
            me_page(
                &req,
                &state,
                &who,
                StatusCode::TOO_MANY_REQUESTS,
                Section::Disable,
                errors,
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /me/totp/recovery-codes`: new recovery codes, with the password and a code
/// (`operations::mfa::regenerate_recovery_codes`); shown this once.
pub async fn new_codes(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(form): CsrfForm<DisableForm>,
) -> Result<HttpResponse, PageError> {
    let p = pages()?;
    let mut errors = FormErrors::default();
    if form.password.is_empty() {
        errors.add(p, "codes-password", "err-password-missing");
    }
    if form.code.trim().is_empty() {
        errors.add(p, "codes-code", "err-code-missing");
    }
    let status = if errors.is_empty() {
        let input = DisableRequest {
            password: form.password,
            code: form.code,
        };
        match mfa::regenerate_recovery_codes(&state, &who.caller, signed_in(&who.caller), input)
            .await
        {
            Ok(codes) => {
                return render(
                    StatusCode::OK,
                    "recovery_codes.html",
                    Frame::signed_in(&who, req.path()),
                    minijinja::context! { codes => codes.recovery_codes },
                )
            }
            Err(Error::Invalid(fields)) => {
                errors = prefixed(
                    FormErrors::from_domain(p, &fields, &["password", "code"]),
                    "codes-",
                );
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Err(Error::Throttled {
                retry_after_seconds,
            }) => {
                errors = throttle_error("codes-code", retry_after_seconds)?;
                StatusCode::TOO_MANY_REQUESTS
            }
            Err(Error::Conflict(_)) => return Ok(see_other("/me")),
            Err(e) => return Err(e.into()),
        }
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    me_page(&req, &state, &who, status, Section::Codes, errors, None).await
}

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] =
    crate::templates!["me.html", "totp_enrol.html", "recovery_codes.html"];

/// Mounts `/me` and its forms.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me", web::get().to(me))
        .route("/me/password", web::post().to(change_password))
        .route("/me/locale", web::post().to(set_locale))
        .route("/me/totp/enroll", web::post().to(enrol))
        .route("/me/totp/confirm", web::post().to(confirm))
        .route("/me/totp/disable", web::post().to(disable))
        .route("/me/totp/recovery-codes", web::post().to(new_codes));
}
