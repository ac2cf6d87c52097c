//! Administration in the browser: `/admin` (the index of what the role may open), users
//! (`/admin/users`: invite, change role, agency or name, deactivate), agencies
//! (`/admin/agencies`), JPAs (`/admin/jpas`: create, edit, move planning -> active ->
//! closed through a confirmation, participating agencies), the outbox with "run a
//! reminder pass now" (`/admin/emails`) and the audit log (`/audit`). Each handler calls
//! the operation the JSON API calls (`operations::users`, `agencies`, `jpas`, `admin`,
//! `audit`), so a change made here leaves the same audit record as one made there.

pub mod agencies;
pub mod audit;
pub mod jpas;
pub mod outbox;
pub mod users;

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::render;
use crate::auth::policy::{allowed_roles, Action};
use crate::auth::Caller;
use crate::domain::Role;
use crate::error::FieldError;
use crate::operations::views::AgencyView;
use crate::operations::{self, Page};
use crate::web::forms::{FormErrors, ShownError};
use crate::web::session::SignedIn;
use crate::web::{pages, Frame, PageError};

/// Rows per page of the lists unless `?limit=` says otherwise (1 to 200, as the API).
pub(crate) const PAGE_SIZE: i64 = 50;

/// The templates of these pages.
pub const TEMPLATES: &[(&str, &str)] = crate::templates![
    "admin/macros.html",
    "admin/index.html",
    "admin/users.html",
    "admin/user_form.html",
    "admin/agencies.html",
    "admin/agency_form.html",
    "admin/jpas.html",
    "admin/jpa.html",
    "admin/jpa_form.html",
    "admin/jpa_status.html",
    "admin/emails.html",
    "admin/audit.html",
];

pub(crate) fn t(id: &str) -> Result<String, PageError> {
    Ok(pages()?.t(id))
}

pub(crate) fn message(
    id: &str,
    args: &[(&str, fluent_bundle::FluentValue<'_>)],
) -> Result<String, PageError> {
    Ok(pages()?
        .catalogue
        .message(crate::web::i18n::current(), id, args))
}

/// Whether the role may perform `action` (for links and buttons; the operation decides).
pub(crate) fn may(caller: &Caller, action: Action) -> bool {
    allowed_roles(action).contains(&caller.role)
}

/// The page's rule, checked before anything is read: 403 for a role that may not.
pub(crate) fn require(who: &SignedIn, action: Action) -> Result<(), PageError> {
    crate::auth::policy::require(who.caller.role, action).map_err(PageError::from)
}

/// The administration pages and the role that may open each: (href, catalogue id of the
/// name, catalogue id of the description, the rule).
const SECTIONS: &[(&str, &str, &str, Action)] = &[
    (
        "/admin/users",
        "adm-users-title",
        "adm-index-users",
        Action::ListUsers,
    ),
    (
        "/admin/agencies",
        "adm-agencies-title",
        "adm-index-agencies",
        Action::CreateAgency,
    ),
    (
        "/admin/jpas",
        "adm-jpas-title",
        "adm-index-jpas",
        Action::CreateJpa,
    ),
    (
        "/admin/emails",
        "adm-emails-title",
        "adm-index-emails",
        Action::ReadOutbox,
    ),
    (
        "/audit",
        "adm-audit-title",
        "adm-index-audit",
        Action::ReadAudit,
    ),
];

/// Whether the role may open any administration page (the "Administration" entry).
pub fn may_administer(role: Role) -> bool {
    SECTIONS
        .iter()
        .any(|(_, _, _, action)| allowed_roles(*action).contains(&role))
}

#[derive(Debug, Serialize)]
pub(crate) struct Section {
    href: &'static str,
    title: &'static str,
    description: &'static str,
    current: bool,
}

/// The administration pages this role may open, `path`'s marked current.
pub(crate) fn sections(caller: &Caller, path: &str) -> Vec<Section> {
    SECTIONS
        .iter()
        .filter(|(_, _, _, action)| may(caller, *action))
        .map(|(href, title, description, _)| Section {
            href,
            title,
            description,
            current: path == *href || path.starts_with(&format!("{href}/")),
        })
        .collect()
}

/// Renders an administration page: the layout's frame and the section navigation added.
pub(crate) fn page(
    status: StatusCode,
    template: &str,
    who: &SignedIn,
    req: &HttpRequest,
    context: minijinja::Value,
) -> Result<HttpResponse, PageError> {
    let frame = Frame::signed_in(who, req.path());
    let full = minijinja::context! {
        admin_sections => sections(&who.caller, req.path()),
        csrf => who.csrf,
        ..context
    };
    render(status, template, frame, full)
}

/// `GET /admin`: the administration pages the role may open (403 for the others).
pub async fn index(req: HttpRequest, who: SignedIn) -> Result<HttpResponse, PageError> {
    if !may_administer(who.caller.role) {
        return Err(PageError::Forbidden);
    }
    page(
        StatusCode::OK,
        "admin/index.html",
        &who,
        &req,
        minijinja::context! {},
    )
}

// ---------------------------------------------------------------------------------------
// Forms

/// A submitted form's fields by name (the first value of each), every expected name
/// present (empty when not sent): what a rejected form shows again.
pub(crate) fn values(pairs: &[(String, String)], names: &[&str]) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = names
        .iter()
        .map(|n| ((*n).to_string(), String::new()))
        .collect();
    for (k, v) in pairs {
        if let Some(slot) = out.get_mut(k.as_str()) {
            if slot.is_empty() {
                slot.clone_from(v);
            }
        }
    }
    out
}

pub(crate) fn push_error(errors: &mut FormErrors, field: &str, text: String) {
    if errors.by_field.contains_key(field) {
        return;
    }
    errors.by_field.insert(field.to_string(), text.clone());
    errors.list.push(ShownError {
        field: field.to_string(),
        message: text,
    });
}

pub(crate) fn one_error(field: &str, text: String) -> FormErrors {
    let mut errors = FormErrors::default();
    push_error(&mut errors, field, text);
    errors
}

/// The label of a field in messages (`adm-label-<field>`).
pub(crate) fn label(field: &str) -> Result<String, PageError> {
    t(&format!("adm-label-{field}"))
}

/// The operation's field errors, each at its input (or the first one), in the order of
/// `inputs` (the form's order).
pub(crate) fn domain_errors(
    fields: &[FieldError],
    inputs: &[&str],
) -> Result<FormErrors, PageError> {
    let mut errors = FormErrors::default();
    for e in fields {
        let field = if inputs.contains(&e.field.as_str()) {
            e.field.as_str()
        } else {
            inputs.first().copied().unwrap_or("main")
        };
        let text = if let Some(id) = known_message(&e.field, &e.message) {
            t(id)?
        } else if e.message == "must not be empty" {
            message("adm-err-required", &[("label", label(field)?.into())])?
        } else {
            message(
                "adm-err-field",
                &[
                    ("label", label(field)?.into()),
                    (
                        "message",
                        crate::web::forms::domain_message(&e.message).into(),
                    ),
                ],
            )?
        };
        push_error(&mut errors, field, text);
    }
    if errors.is_empty() {
        let first = inputs.first().copied().unwrap_or("main");
        push_error(&mut errors, first, t("adm-err-rejected")?);
    }
    sort_errors(&mut errors, inputs);
    Ok(errors)
}

/// The catalogue's message for a domain error these forms know well.
fn known_message(field: &str, message: &str) -> Option<&'static str> {
    Some(match (field, message) {
        ("agency_id", "is required for a liaison") => "adm-err-liaison-agency",
        ("agency_id", "does not name an existing agency") => "adm-err-agency-unknown",
        ("email", m) if m.starts_with("must be an email") => "adm-err-email",
        ("contact_email", m) if m.starts_with("must be an email") => "adm-err-contact_email",
        ("country", _) => "adm-err-country",
        ("code", m) if m.starts_with("must be 1 to 50") => "adm-err-code",
        ("timezone", _) => "adm-err-timezone",
        ("end_date", "must not be before start_date") => "adm-err-end-before-start",
        ("end_date", m) if m.starts_with("must be at most 24 months") => "adm-err-end-too-late",
        ("report_due_day", _) => "adm-err-report_due_day",
        ("reminder_days_before", _) => "adm-err-reminder_days_before",
        _ => return None,
    })
}

/// Orders the error summary as the form's inputs.
pub(crate) fn sort_errors(errors: &mut FormErrors, inputs: &[&str]) {
    errors.list.sort_by_key(|e| {
        inputs
            .iter()
            .position(|f| *f == e.field)
            .unwrap_or(inputs.len())
    });
}

/// A `YYYY-MM-DD` input: `None` when blank; an error at the field when it is no date.
pub(crate) fn parse_date(
    errors: &mut FormErrors,
    field: &str,
    raw: &str,
) -> Result<Option<chrono::NaiveDate>, PageError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match crate::domain::date::parse(raw) {
        Some(d) => Ok(Some(d)),
        None => {
            push_error(errors, field, t("adm-err-date")?);
            Ok(None)
        }
    }
}

/// The hidden `version` of an edit form (a form without a whole number in it was not
/// made by these pages: 400).
pub(crate) fn version_of(raw: &str) -> Result<i64, PageError> {
    raw.trim().parse::<i64>().map_err(|_| PageError::BadRequest)
}

/// `[value, label]` pairs of a closed vocabulary, labelled `<prefix><value>`.
pub(crate) fn options(prefix: &str, values: &[&str]) -> Result<Vec<(String, String)>, PageError> {
    values
        .iter()
        .map(|v| Ok(((*v).to_string(), t(&format!("{prefix}{v}"))?)))
        .collect()
}

/// Every agency, by name (pickers and names in lists; agencies are few, read by pages of
/// 200 through `operations::agencies::list`).
pub(crate) fn all_agencies(
    conn: &mut crate::db::DbConnection,
    caller: &Caller,
) -> operations::Result<Vec<AgencyView>> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = operations::agencies::list(conn, caller, Page { limit: 200, after })?;
        let next = page.next_cursor.clone();
        out.extend(page.items);
        match next.and_then(|c| crate::routes::extract::page(None, Some(&c)).ok()) {
            Some(p) if out.len() < 10_000 => after = p.after,
            _ => break,
        }
    }
    out.sort_by_key(|a| a.name.to_lowercase());
    Ok(out)
}

/// `[id, "name (country)"]` of agencies.
pub(crate) fn agency_options(agencies: &[AgencyView]) -> Vec<(String, String)> {
    agencies
        .iter()
        .map(|a| (a.id.clone(), format!("{} ({})", a.name, a.country)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Lists

/// `?cursor=&limit=` of a list page, with the other parameters it keeps.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub cursor: Option<String>,
    pub limit: Option<String>,
    pub notice: Option<String>,
}

/// The page asked for: `None` when `limit` or `cursor` is not one this service gives out.
pub(crate) fn page_of(limit: Option<&str>, cursor: Option<&str>) -> Option<Page> {
    let limit = limit.map(str::trim).filter(|s| !s.is_empty());
    let cursor = cursor.map(str::trim).filter(|s| !s.is_empty());
    crate::routes::extract::page(limit, cursor).ok()
}

pub(crate) fn query_string(pairs: &[(&str, Option<&str>)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

fn with_query(base: &str, qs: &str) -> String {
    if qs.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{qs}")
    }
}

/// The pager's links: the next page (from the list's cursor) and back to the first one
/// (when this is not it), each keeping `filters`.
pub(crate) fn pager(
    base: &str,
    filters: &[(&str, Option<&str>)],
    cursor: Option<&str>,
    next_cursor: Option<&str>,
) -> minijinja::Value {
    let next = next_cursor.map(|c| {
        let mut pairs = filters.to_vec();
        pairs.push(("cursor", Some(c)));
        with_query(base, &query_string(&pairs))
    });
    let first = cursor
        .filter(|c| !c.trim().is_empty())
        .map(|_| with_query(base, &query_string(filters)));
    minijinja::context! { next => next, first => first }
}

/// `?limit=` as a filter to keep in links: only when it is not the default.
pub(crate) fn kept_limit(limit: &Option<String>) -> Option<&str> {
    limit
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != PAGE_SIZE.to_string())
}

/// The notices of these pages (`?notice=`): a closed list.
pub(crate) fn notice(raw: Option<&str>) -> Option<&'static str> {
    Some(match raw? {
        "user-invited" => "adm-notice-user-invited",
        "user-saved" => "adm-notice-user-saved",
        "agency-created" => "adm-notice-agency-created",
        "agency-saved" => "adm-notice-agency-saved",
        "jpa-created" => "adm-notice-jpa-created",
        "jpa-saved" => "adm-notice-jpa-saved",
        "jpa-active" => "adm-notice-jpa-active",
        "jpa-closed" => "adm-notice-jpa-closed",
        "agency-added" => "adm-notice-agency-added",
        "agency-removed" => "adm-notice-agency-removed",
        "reminders-ran" => "adm-notice-reminders-ran",
        _ => return None,
    })
}

/// Mounts the administration pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(index));
    users::configure(cfg);
    agencies::configure(cfg);
    jpas::configure(cfg);
    outbox::configure(cfg);
    audit::configure(cfg);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn each_role_sees_the_administration_entry_it_may_use() {
        assert!(may_administer(Role::Admin));
        assert!(may_administer(Role::CoChair));
        assert!(!may_administer(Role::Liaison));
        assert!(!may_administer(Role::Observer));
    }

    #[test]
    fn a_form_keeps_the_first_value_of_each_expected_field_only() {
        let pairs = vec![
            ("email".to_string(), "a@b.example".to_string()),
            ("email".to_string(), "c@d.example".to_string()),
            ("admin".to_string(), "true".to_string()),
        ];
        let v = values(&pairs, &["email", "role"]);
        assert_eq!(v["email"], "a@b.example");
        assert_eq!(v["role"], "");
        assert!(!v.contains_key("admin"));
    }

    #[test]
    fn every_message_id_built_from_a_code_exists() {
        let p = pages().unwrap();
        let mut ids: Vec<String> = Vec::new();
        for r in Role::ALL {
            ids.push(format!("adm-role-{}", r.as_str()));
        }
        for k in crate::domain::AgencyKind::ALL {
            ids.push(format!("adm-kind-{}", k.as_str()));
        }
        for s in operations::admin::email_statuses() {
            ids.push(format!("adm-mail-status-{s}"));
        }
        for s in crate::domain::JpaStatus::ALL {
            ids.push(format!("adm-jpa-status-now-{}", s.as_str()));
            ids.push(format!("adm-hint-joined_on-{}", s.as_str()));
        }
        for s in ["active", "closed"] {
            for prefix in [
                "adm-jpa-move-to-",
                "adm-status-title-",
                "adm-status-explain-",
                "adm-status-confirm-",
            ] {
                ids.push(format!("{prefix}{s}"));
            }
        }
        for (_, title, description, _) in SECTIONS {
            ids.push((*title).into());
            ids.push((*description).into());
        }
        for raw in [
            "user-invited",
            "user-saved",
            "agency-created",
            "agency-saved",
            "jpa-created",
            "jpa-saved",
            "jpa-active",
            "jpa-closed",
            "agency-added",
            "agency-removed",
            "reminders-ran",
        ] {
            ids.push(notice(Some(raw)).unwrap().into());
        }
        for field in [
            "email",
            "display_name",
            "role",
            "agency_id",
            "active",
            "name",
            "country",
            "kind",
            "contact_email",
            "code",
            "description",
            "start_date",
            "end_date",
            "is_exercise",
            "report_due_day",
            "reminder_days_before",
            "timezone",
            "joined_on",
            "as_of",
            "version",
            "status",
        ] {
            ids.push(format!("adm-label-{field}"));
        }
        ids.push("nav-admin".into());
        for id in ids {
            assert!(p.catalogue.has(&id), "{id} is missing");
        }
    }

    #[test]
    fn notices_are_a_closed_list() {
        assert_eq!(notice(Some("jpa-saved")), Some("adm-notice-jpa-saved"));
        assert_eq!(notice(Some("<script>")), None);
    }
}
