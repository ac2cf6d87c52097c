//! Page handlers, one file per group: each extracts, calls one operation and renders.

pub mod account;
pub mod admin;
pub mod auth;
pub mod dashboard;
pub mod home;
pub mod investigations;
pub mod plans;
pub mod returns;
pub mod work;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use minijinja::value::Value;

use super::{html, pages, Frame, PageError};
use crate::db::audit::AuditContext;
use crate::state::AppState;

/// Renders a page with the layout's context (`lang`, `frame`) added.
pub fn render(
    status: StatusCode,
    template: &str,
    frame: Frame,
    context: Value,
) -> Result<HttpResponse, PageError> {
    let full =
        minijinja::context! { lang => crate::web::i18n::current(), frame => frame, ..context };
    Ok(html(status, pages()?.render(template, full)?))
}

/// The audit context of a request made before sign-in.
pub fn anonymous(state: &AppState, req: &HttpRequest) -> AuditContext {
    AuditContext::anonymous(crate::auth::caller::client_addr(
        req,
        state.settings.server.trust_forwarded_for,
    ))
}

/// The audit context of a signed-in caller.
pub fn signed_in(caller: &crate::auth::Caller) -> AuditContext {
    AuditContext::of(caller)
}

/// The notices a page may show after a redirect (`?notice=`): a closed list, so a link
/// cannot make a page say anything else.
pub fn notice(raw: Option<&str>) -> Option<&'static str> {
    Some(match raw? {
        "signed-out" => "notice-signed-out",
        "password-set" => "notice-password-set",
        "password-changed" => "notice-password-changed",
        "mfa-off" => "notice-mfa-off",
        "mfa-required" => "notice-mfa-required",
        "session-ended" => "notice-session-ended",
        "language-saved" => "notice-language-saved",
        _ => return None,
    })
}
