//! The HTML face: pages for people, over the same operations as the JSON face
//! (`routes`). A page handler extracts (the browser session, a CSRF-checked form), calls
//! one operation, and renders a template or redirects (POST, then 303). Templates, the
//! message catalogue and the assets are compiled into the binary.
//!
//! - `session`: the session cookie, the `SignedIn` extractor, CSRF (`CsrfForm`).
//! - `i18n` (`crate::i18n`): the Fluent catalogue behind the templates' `t()`.
//! - `assets`: embedded, content-hashed static files.
//! - `forms`: field errors as a form shows them (summary + message at each field).
//! - `pages/`: one file per group of pages.

pub mod assets;
pub mod charts;
pub mod forms;
pub use crate::i18n;
pub mod pages;
pub mod session;

use std::sync::{Arc, OnceLock};

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse, ResponseError};
use minijinja::value::{Kwargs, Value};
use minijinja::Environment;

use crate::error::Error;

/// The pages' Content-Security-Policy: nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/// What every page shares: the template environment (with `t()` and `asset()`), the
/// catalogue and the assets. Built once per process: all of it is compiled in.
pub struct Pages {
    pub env: Environment<'static>,
    pub catalogue: &'static i18n::Catalogue,
    pub assets: Arc<assets::Assets>,
}

/// `templates!["a.html", ...]`: the named files of `templates/`, compiled in.
#[macro_export]
macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),*]
    };
}

/// The templates every page shares.
const SHARED_TEMPLATES: &[(&str, &str)] = templates!["layout.html", "macros.html", "error.html"];

/// Every template: the shared ones and each page group's own (`pages::*::TEMPLATES`).
const TEMPLATES: &[&[(&str, &str)]] = &[
    SHARED_TEMPLATES,
    pages::auth::TEMPLATES,
    pages::account::TEMPLATES,
    pages::home::TEMPLATES,
    pages::returns::TEMPLATES,
    pages::work::TEMPLATES,
    pages::investigations::TEMPLATES,
    pages::dashboard::TEMPLATES,
    pages::admin::TEMPLATES,
    pages::plans::TEMPLATES,
];

impl Pages {
    fn build() -> Result<Pages, String> {
        let catalogue = i18n::catalogue()?;
        let assets = Arc::new(assets::Assets::new());
        let mut env = Environment::new();
        for (name, source) in TEMPLATES.iter().flat_map(|group| group.iter()) {
            env.add_template(name, source)
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_formatter(html_formatter);
        let cat = catalogue;
        env.add_function(
            "t",
            move |state: &minijinja::State, id: &str, kwargs: Kwargs| {
                let lang = template_lang(state);
                let mut args = Vec::new();
                for name in kwargs.args() {
                    let value: Value = kwargs.get(name)?;
                    let fluent = match value.as_i64() {
                        Some(n) => fluent_bundle::FluentValue::from(n),
                        None => fluent_bundle::FluentValue::from(value.to_string()),
                    };
                    args.push((name, fluent));
                }
                Ok::<_, minijinja::Error>(cat.message(&lang, id, &args))
            },
        );
        env.add_filter("local_time", local_time);
        env.add_filter("grouped", |state: &minijinja::State, v: Value| {
            match v.as_i64() {
                Some(n) => i18n::grouped(&template_lang(state), n),
                None if v.is_none() || v.is_undefined() => String::new(),
                None => v.to_string(),
            }
        });
        env.add_filter("period_name", |state: &minijinja::State, v: &str| {
            i18n::period_name(&template_lang(state), v)
        });
        env.add_filter("long_date", |state: &minijinja::State, v: &str| {
            i18n::long_date(&template_lang(state), v)
        });
        env.add_filter("country_name", |state: &minijinja::State, code: &str| {
            i18n::country_name(&template_lang(state), code)
                .map_or_else(|| code.to_string(), |name| format!("{name} ({code})"))
        });
        let urls = assets.clone();
        env.add_function("asset", move |name: &str| {
            urls.url(name).ok_or_else(|| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("no asset {name}"),
                )
            })
        });
        Ok(Pages {
            env,
            catalogue,
            assets,
        })
    }

    /// Renders a template to HTML.
    pub fn render(&self, template: &str, context: Value) -> Result<String, PageError> {
        self.env
            .get_template(template)
            .and_then(|t| t.render(context))
            .map_err(|e| PageError::Internal(format!("rendering {template}: {e:#}")))
    }

    /// A message of the catalogue, for text built outside a template.
    pub fn t(&self, id: &str) -> String {
        self.catalogue.message(i18n::current(), id, &[])
    }

    /// A message with arguments (`{ $name }`), for text built outside a template.
    pub fn t_args(&self, id: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = args
            .iter()
            .map(|(k, v)| (*k, fluent_bundle::FluentValue::from(v.as_str())))
            .collect();
        self.catalogue.message(i18n::current(), id, &args)
    }
}

/// The languages a user can choose, as `[tag, its own name]` options of a picker (each
/// language named in itself: a reader finds their own whatever the page's language).
pub fn language_options() -> Result<Vec<[String; 3]>, PageError> {
    let pages = pages()?;
    Ok(pages
        .catalogue
        .languages()
        .into_iter()
        .map(|tag| {
            [
                tag.to_string(),
                pages.catalogue.message(tag, "language-name", &[]),
                // Each name is in its own language (`<option lang>`).
                tag.to_string(),
            ]
        })
        .collect())
}

/// minijinja's HTML escaping, less its escaping of `/` (not needed in text or quoted
/// attributes, and it turned every local URL into `&#x2f;...`).
fn html_formatter(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if !matches!(state.auto_escape(), minijinja::AutoEscape::Html)
        || value.is_safe()
        || value.is_undefined()
        || value.is_none()
    {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    out.write_str(&escaped)
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
}

/// `{{ at | local_time(tz) }}`: an RFC 3339 instant as `YYYY-MM-DD HH:MM` in the time
/// zone `tz` (the JPA's), with the zone's abbreviation or offset. Text that is not an
/// instant is shown as it is.
/// The language a template renders in: its `lang` (mails set it), else the request's.
fn template_lang(state: &minijinja::State) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| i18n::current().to_string())
}

fn local_time(at: &str, tz: &str) -> String {
    let Ok(instant) = chrono::DateTime::parse_from_rfc3339(at) else {
        return at.to_string();
    };
    let zone: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
    instant
        .with_timezone(&zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

static PAGES: OnceLock<Result<Pages, String>> = OnceLock::new();

/// The process's pages (built at first use; `startup` builds them before serving so a
/// broken template stops the start, not a request).
pub fn pages() -> Result<&'static Pages, PageError> {
    PAGES
        .get_or_init(Pages::build)
        .as_ref()
        .map_err(|e| PageError::Internal(e.clone()))
}

/// A page: HTML with the pages' headers (CSP, no caching of personal pages, referrer
/// sent to this origin only so that a same-origin form POST carries its `Origin`).
pub fn html(status: StatusCode, body: String) -> HttpResponse {
    let mut response = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body);
    set_page_headers(&mut response);
    response
}

fn set_page_headers(response: &mut HttpResponse) {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // `no-referrer` would make browsers send `Origin: null` on a form POST (Fetch:
    // "serializing a request origin"), and the CSRF check needs the real one.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

/// POST, then 303 to the result.
pub fn see_other(location: &str) -> HttpResponse {
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish();
    set_page_headers(&mut response);
    response
}

/// Why a page could not be shown. Each renders as the error page (or a redirect).
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// Not signed in: to `/login?next=<the page>`.
    #[error("sign-in needed")]
    SignIn { next: String },
    /// Somewhere else first (e.g. two-factor enrolment).
    #[error("redirect to {0}")]
    Redirect(String),
    #[error("forbidden")]
    Forbidden,
    /// The CSRF token or the origin check failed: nothing was changed.
    #[error("cross-site request refused")]
    CrossSite,
    /// Missing, or not visible to the caller: one page for both.
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("unavailable")]
    Unavailable,
    #[error("internal: {0}")]
    Internal(String),
}

impl From<Error> for PageError {
    fn from(e: Error) -> PageError {
        match e {
            Error::Unauthenticated => PageError::SignIn { next: "/".into() },
            Error::Forbidden => PageError::Forbidden,
            Error::MfaEnrollmentRequired => PageError::Redirect("/me".into()),
            Error::NotFound => PageError::NotFound,
            Error::Conflict(m) => PageError::Conflict(m),
            Error::Stale => PageError::Conflict("changed meanwhile".into()),
            Error::Invalid(_) | Error::Throttled { .. } => PageError::BadRequest,
            Error::Unavailable => PageError::Unavailable,
            Error::Internal(cause) => PageError::Internal(cause),
        }
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::SignIn { .. } | PageError::Redirect(_) => StatusCode::SEE_OTHER,
            PageError::Forbidden | PageError::CrossSite => StatusCode::FORBIDDEN,
            PageError::NotFound => StatusCode::NOT_FOUND,
            PageError::BadRequest => StatusCode::BAD_REQUEST,
            PageError::Conflict(_) => StatusCode::CONFLICT,
            PageError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            PageError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            PageError::SignIn { next } => {
                return see_other(&format!("/login?next={}", pages::auth::encode(next)))
            }
            PageError::Redirect(to) => return see_other(to),
            PageError::Internal(cause) => {
                tracing::error!(error = %cause, "page failed");
            }
            _ => {}
        }
        error_page(self.status_code())
    }
}

/// The error page for a status (403, 404, 500, ...): the same for every object, whether
/// it is missing or hidden from the caller.
pub fn error_page(status: StatusCode) -> HttpResponse {
    let kind = match status.as_u16() {
        400 => "bad-request",
        403 => "forbidden",
        404 => "not-found",
        409 => "conflict",
        503 => "unavailable",
        s if s >= 500 => "internal",
        _ => "bad-request",
    };
    let body = pages().and_then(|p| {
        p.render(
            "error.html",
            minijinja::context! {
                lang => i18n::current(),
                frame => Frame::signed_out(),
                kind => kind,
                status => status.as_u16(),
                request_id => crate::error::current_request_id(),
            },
        )
    });
    match body {
        Ok(body) => html(status, body),
        Err(e) => {
            tracing::error!(error = %e, "error page failed");
            let mut r = HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body("Error");
            set_page_headers(&mut r);
            r
        }
    }
}

/// What the layout shows around a page: the signed-in user (if any), the navigation for
/// their role, and the CSRF token of the sign-out form and of htmx requests.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Frame {
    pub user: Option<FrameUser>,
    pub nav: Vec<NavItem>,
    pub csrf: String,
    /// The JPA a page belongs to: its name in the header with the switch to another JPA,
    /// its own navigation, and the exercise banner when it is one.
    pub jpa: Option<FrameJpa>,
    /// The signed-out pages' language switch: one link per language, back to this page.
    pub languages: Vec<LanguageLink>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct LanguageLink {
    pub tag: &'static str,
    /// The language's name in itself ("ไทย").
    pub name: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FrameJpa {
    pub id: String,
    pub code: String,
    pub name: String,
    pub is_exercise: bool,
    pub timezone: String,
    /// The JPA's own pages for this role: (href, catalogue id, current).
    pub nav: Vec<(String, &'static str, bool)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FrameUser {
    pub display_name: String,
    pub role: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NavItem {
    pub href: &'static str,
    /// Catalogue id of the label.
    pub label: &'static str,
    pub current: bool,
}

impl Frame {
    pub fn signed_out() -> Frame {
        Frame {
            user: None,
            nav: Vec::new(),
            csrf: String::new(),
            jpa: None,
            languages: Vec::new(),
        }
    }

    /// The frame of a signed-out page at `path` (with its query): with the language switch.
    pub fn signed_out_at(path: &str) -> Frame {
        let current = i18n::current();
        let languages = i18n::catalogue()
            .map(|c| {
                c.languages()
                    .into_iter()
                    .map(|tag| LanguageLink {
                        tag,
                        name: c.message(tag, "language-name", &[]),
                        href: format!("/language/{tag}?next={}", pages::auth::encode(path)),
                        current: tag == current,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Frame {
            languages,
            ..Frame::signed_out()
        }
    }

    /// The frame of a signed-in page at `path`.
    pub fn signed_in(who: &session::SignedIn, path: &str) -> Frame {
        let mut nav = Vec::new();
        if !who.must_enrol {
            nav.push(("/jpas", "nav-jpas"));
            nav.push(("/work-plans", "nav-work-plans"));
            if crate::auth::policy::allowed_roles(crate::auth::policy::Action::ReadCompendium)
                .contains(&who.caller.role)
            {
                nav.push(("/compendium", "nav-compendium"));
            }
            if pages::admin::may_administer(who.caller.role) {
                nav.push(("/admin", "nav-admin"));
            }
        }
        nav.push(("/me", "nav-me"));
        Frame {
            user: Some(FrameUser {
                display_name: who.display_name.clone(),
                role: who.caller.role.as_str().to_string(),
            }),
            nav: nav
                .into_iter()
                .map(|(href, label)| NavItem {
                    href,
                    label,
                    current: path == href
                        || path.starts_with(&format!("{href}/"))
                        // The audit log is one of the administration pages.
                        || (href == "/admin" && (path == "/audit" || path.starts_with("/audit/")))
                        // An item and a meeting are pages of their work plan.
                        || (href == "/work-plans"
                            && (path.starts_with("/action-items/") || path.starts_with("/meetings/"))),
                })
                .collect(),
            csrf: who.csrf.clone(),
            jpa: None,
            languages: Vec::new(),
        }
    }

    /// The frame of a page that belongs to a JPA (every page under `/jpas/{id}` and the
    /// pages of its investigations): call as `Frame::signed_in(&who, path).in_jpa(&jpa)`.
    pub fn in_jpa(mut self, jpa: &crate::operations::jpas::JpaView, path: &str) -> Frame {
        let role = self.user.as_ref().map(|u| u.role.as_str()).unwrap_or("");
        let base = format!("/jpas/{}", jpa.id);
        // A liaison's JPA page is its work, with the dashboard beside it; for the other
        // roles the JPA page is the dashboard.
        let liaison = role == "liaison";
        let home = if liaison {
            "nav-jpa-home"
        } else {
            "nav-jpa-dashboard"
        };
        let mut items: Vec<(String, &'static str)> = vec![(base.clone(), home)];
        if role != "observer" {
            items.push((format!("{base}/investigations"), "nav-jpa-investigations"));
            items.push((format!("{base}/returns"), "nav-jpa-returns"));
            items.push((format!("{base}/compliance"), "nav-jpa-compliance"));
        }
        if liaison {
            items.push((format!("{base}/progress"), "nav-jpa-progress"));
        } else {
            items.push((format!("{base}/compendium"), "nav-jpa-compendium"));
        }
        let nav = items
            .into_iter()
            .map(|(href, label)| {
                let current = if href == base {
                    path == base || (!liaison && path.starts_with(&format!("{base}/progress")))
                } else {
                    path == href || path.starts_with(&format!("{href}/"))
                };
                (href, label, current)
            })
            .collect();
        // The JPA's pages take over from the top-level JPA list.
        for item in &mut self.nav {
            item.current = false;
        }
        self.jpa = Some(FrameJpa {
            id: jpa.id.clone(),
            code: jpa.code.clone(),
            name: jpa.name.clone(),
            is_exercise: jpa.is_exercise,
            timezone: jpa.timezone.clone(),
            nav,
        });
        self
    }
}

/// Mounts the pages (beside `routes::configure`, which keeps `/api/v1`): each page group
/// mounts its own paths.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/assets/{file}")
            // gzip when asked (htmx is 52 KB, 16 KB gzipped); pages stay small anyway.
            .wrap(actix_web::middleware::Compress::default())
            .route(web::get().to(assets::serve)),
    );
    pages::auth::configure(cfg);
    pages::account::configure(cfg);
    pages::home::configure(cfg);
    pages::returns::configure(cfg);
    pages::work::configure(cfg);
    pages::investigations::configure(cfg);
    pages::dashboard::configure(cfg);
    pages::admin::configure(cfg);
    pages::plans::configure(cfg);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn every_template_compiles_and_every_message_it_uses_exists() {
        let pages = pages().unwrap();
        let pattern =
            regex::Regex::new(r#"(?:^|[^A-Za-z0-9_.])t\("([a-z0-9_-]+)"\s*[,)]"#).unwrap();
        for (name, source) in TEMPLATES.iter().flat_map(|group| group.iter()) {
            for cap in pattern.captures_iter(source) {
                assert!(
                    pages.catalogue.has(&cap[1]),
                    "{name} uses missing {}",
                    &cap[1]
                );
            }
        }
    }

    #[test]
    fn every_value_of_a_closed_vocabulary_shown_on_a_page_has_its_label() {
        let pages = pages().unwrap();
        for status in crate::domain::enums::JpaStatus::ALL {
            assert!(pages
                .catalogue
                .has(&format!("jpa-status-{}", status.as_str())));
        }
        for role in crate::domain::Role::ALL {
            assert!(pages.catalogue.has(&format!("role-{}", role.as_str())));
        }
    }

    #[test]
    fn text_is_escaped_for_html() {
        let pages = pages().unwrap();
        let env = &pages.env;
        let tmpl = env
            .template_from_named_str("t.html", "<p title=\"{{ x }}\">{{ x }}</p>")
            .unwrap();
        let out = tmpl
            .render(minijinja::context! { x => "<a href=\"/x\">'&'</a>" })
            .unwrap();
        assert_eq!(
            out,
            "<p title=\"&lt;a href=&quot;/x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\">&lt;a href=&quot;/x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;</p>"
        );
    }

    #[test]
    fn instants_are_shown_in_the_jpa_time_zone() {
        assert_eq!(
            local_time("2026-11-30T20:30:00Z", "Asia/Bangkok"),
            "2026-12-01 03:30 +07"
        );
        assert_eq!(
            local_time("2026-06-30T20:30:00+00:00", "Australia/Sydney"),
            "2026-07-01 06:30 AEST"
        );
        assert_eq!(
            local_time("2026-06-30T20:30:00Z", "Nowhere/Else"),
            "2026-06-30 20:30 UTC"
        );
        assert_eq!(local_time("not a time", "UTC"), "not a time");
    }

    #[test]
    fn the_error_page_renders() {
        let r = error_page(StatusCode::NOT_FOUND);
        assert_eq!(r.status(), 404);
    }
}
