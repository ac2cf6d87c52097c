//! `/admin/emails` (admins only): the outbox (recipient, subject, kind, status, attempts,
//! last error, times; never a body: invitation and reset mails carry secret links), with
//! the form of `POST /admin/reminders`, one reminder pass now
//! (`operations::admin::run_reminders`), whose counts the page shows after the 303.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{
    kept_limit, notice, options, page, page_of, pager, parse_date, push_error, require, t,
};
use crate::auth::policy::Action;
use crate::operations::admin::{self as ops, RunReminders};
use crate::operations::audit::{self as audit_ops, AuditFilter};
use crate::operations::Page;
use crate::state::AppState;
use crate::web::forms::FormErrors;
use crate::web::pages::signed_in;
use crate::web::session::{CsrfForm, SignedIn};
use crate::web::{see_other, PageError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailQuery {
    pub status: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<String>,
    pub notice: Option<String>,
}

/// What the caller's latest reminder pass queued, read back from its audit record (so a
/// link cannot make the page show counts that no pass queued).
#[derive(Debug, serde::Serialize)]
struct LastPass {
    at: String,
    as_of: Option<String>,
    due_soon: i64,
    overdue: i64,
    digest: i64,
}

fn last_pass(
    conn: &mut crate::db::DbConnection,
    caller: &crate::auth::Caller,
) -> crate::operations::Result<Option<LastPass>> {
    let filter = AuditFilter {
        entity_type: Some("reminder_pass".into()),
        actor_id: Some(caller.user_id.clone()),
        ..AuditFilter::default()
    };
    let events = audit_ops::list(
        conn,
        caller,
        filter,
        Page {
            limit: 1,
            after: None,
        },
    )?;
    Ok(events.items.into_iter().next().map(|e| {
        let queued = &e.changes["queued"]["after"];
        let count = |k: &str| queued[k].as_i64().unwrap_or(0);
        LastPass {
            at: e.at.to_rfc3339(),
            as_of: e.changes["as_of"]["after"].as_str().map(str::to_string),
            due_soon: count("due_soon"),
            overdue: count("overdue"),
            digest: count("digest"),
        }
    }))
}

fn status_options() -> Result<Vec<(String, String)>, PageError> {
    options("adm-mail-status-", ops::email_statuses())
}

/// The page: the filtered list, the reminder form (with `as_of` as typed and its errors).
async fn emails_page(
    req: &HttpRequest,
    state: &AppState,
    who: &SignedIn,
    q: EmailQuery,
    status: StatusCode,
    run_errors: FormErrors,
    as_of: &str,
) -> Result<HttpResponse, PageError> {
    let filter_status = q
        .status
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let mut errors = FormErrors::default();
    if filter_status
        .as_deref()
        .is_some_and(|s| !ops::is_email_status(s))
    {
        push_error(&mut errors, "filter-status", t("adm-err-choice")?);
    }
    let p = page_of(q.limit.as_deref(), q.cursor.as_deref());
    if p.is_none() {
        push_error(&mut errors, "filter-status", t("adm-err-cursor")?);
    }
    let show_pass = notice(q.notice.as_deref()) == Some("adm-notice-reminders-ran");
    let caller = who.caller.clone();
    let wanted = filter_status.clone();
    let list_ok = errors.is_empty();
    let (listed, pass) = state
        .db
        .run(move |conn| {
            let listed = match (list_ok, p) {
                (true, Some(p)) => Some(ops::emails(conn, &caller, wanted, p)?),
                _ => None,
            };
            let pass = if show_pass {
                last_pass(conn, &caller)?
            } else {
                None
            };
            Ok((listed, pass))
        })
        .await?;
    let (rows, next_cursor) = match listed {
        Some(l) => (l.items, l.next_cursor),
        None => (Vec::new(), None),
    };
    let limit = q.limit.clone();
    let filters = [
        ("status", filter_status.as_deref()),
        ("limit", kept_limit(&limit)),
    ];
    let status = if !errors.is_empty() && status == StatusCode::OK {
        StatusCode::BAD_REQUEST
    } else {
        status
    };
    let mut all_errors = errors.clone();
    for e in &run_errors.list {
        push_error(&mut all_errors, &e.field, e.message.clone());
    }
    page(
        status,
        "admin/emails.html",
        who,
        req,
        minijinja::context! {
            rows => rows,
            errors => all_errors,
            filter_status => filter_status.clone().unwrap_or_default(),
            status_options => status_options()?,
            limit => kept_limit(&limit),
            pager => pager("/admin/emails", &filters, q.cursor.as_deref(), next_cursor.as_deref()),
            pass => pass,
            as_of => as_of,
        },
    )
}

/// `GET /admin/emails`: a page of outbox rows, newest first, optionally of one status.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    query: web::Query<EmailQuery>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::ReadOutbox)?;
    emails_page(
        &req,
        &state,
        &who,
        query.into_inner(),
        StatusCode::OK,
        FormErrors::default(),
        "",
    )
    .await
}

/// `POST /admin/reminders` (`as_of`, optional): one reminder pass now, then 303 to the
/// outbox, which shows what it queued.
pub async fn run(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: SignedIn,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    require(&who, Action::RunReminders)?;
    let v = super::values(&pairs, &["as_of"]);
    let mut errors = FormErrors::default();
    let as_of = parse_date(&mut errors, "as_of", &v["as_of"])?;
    if !errors.is_empty() {
        return emails_page(
            &req,
            &state,
            &who,
            EmailQuery::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            &v["as_of"],
        )
        .await;
    }
    let ctx = signed_in(&who.caller);
    ops::run_reminders(&state, &who.caller, ctx, RunReminders { as_of }).await?;
    Ok(see_other("/admin/emails?notice=reminders-ran#reminders"))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/emails", web::get().to(list))
        .route("/admin/reminders", web::post().to(run));
}
