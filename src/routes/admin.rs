//! Admin views of the service's machinery: the email outbox.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::extract::{list_response, page, ts};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::db::outbox::{self, OutboxRow};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct EmailQuery {
    /// pending, sending, sent or failed
    #[param(schema_with = super::schemas::email_status)]
    pub status: Option<String>,
    #[param(schema_with = super::schemas::limit)]
    pub limit: Option<String>,
    #[param(schema_with = super::schemas::cursor)]
    pub cursor: Option<String>,
}

/// An outbox row. Bodies are left out: invitation and reset mails carry secret links.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EmailView {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub kind: String,
    pub dedupe_key: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub message_id: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<OutboxRow> for EmailView {
    fn from(r: OutboxRow) -> EmailView {
        EmailView {
            id: r.id,
            recipient: r.recipient,
            subject: r.subject,
            kind: r.kind,
            dedupe_key: r.dedupe_key,
            status: r.status,
            attempts: r.attempts,
            next_attempt_at: ts(r.next_attempt_at),
            last_error: r.last_error,
            message_id: r.message_id,
            sent_at: r.sent_at.map(ts),
            created_at: ts(r.created_at),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/admin/emails", tag = "admin", security(("bearer" = [])),
    params(EmailQuery),
    responses((status = 200, description = "A page of outbox mails, newest first", body = super::extract::ListResponse<EmailView>),
              (status = 400, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub async fn emails(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<EmailQuery>,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::ReadOutbox)?;
    let q = query.into_inner();
    let page = page(q.limit.as_deref(), q.cursor.as_deref())?;
    if let Some(status) = &q.status {
        if !outbox::STATUSES.contains(&status.as_str()) {
            return Err(ApiError::BadRequest(
                "invalid_query",
                "status must be one of: pending, sending, sent, failed.".into(),
            ));
        }
    }
    let limit = page.limit;
    let rows = state
        .db
        .run(move |conn| Ok(outbox::list(conn, q.status, page.after, limit)?))
        .await?;
    Ok(HttpResponse::Ok().json(list_response(
        rows,
        limit,
        |r| (r.created_at, r.id.clone()),
        EmailView::from,
    )))
}

/// Body of `POST /api/v1/admin/reminders/run` (may be empty).
/// What one reminder pass queued.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RunResult {
    /// The day the pass ran as (`null`: today in every JPA's timezone).
    pub as_of: Option<chrono::NaiveDate>,
    pub queued: crate::reminders::pass::PassCounts,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunReminders {
    /// Run as if today were this date (in every JPA's timezone); default: today.
    #[serde(default, deserialize_with = "crate::domain::date::optional")]
    pub as_of: Option<chrono::NaiveDate>,
}

#[utoipa::path(post, path = "/api/v1/admin/reminders/run", tag = "admin", security(("bearer" = [])),
    request_body(content = Option<RunReminders>),
    responses((status = 200, description = "How many reminders the pass queued, by kind", body = RunResult),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn run_reminders(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    require(caller.role, Action::RunReminders)?;
    let input: RunReminders = super::extract::optional_body(&req, &body)?;
    let ctx = super::extract::audit_context(&caller);
    let counts = state.run_reminder_pass(input.as_of).await?;
    // Right after the pass, not inside it: the pass is shared with the scheduler and the
    // CLI, which have no actor; a pass that fails queues nothing and records nothing.
    let changes = crate::db::audit::diff(
        &serde_json::json!({}),
        &serde_json::json!({"as_of": input.as_of, "queued": counts}),
    );
    state
        .db
        .run(move |conn| {
            crate::db::audit::record(
                conn,
                &ctx,
                "reminders.run",
                "reminder_pass",
                &crate::db::new_id(),
                changes,
                crate::db::now(),
            )
            .map_err(ApiError::from)
        })
        .await?;
    Ok(HttpResponse::Ok().json(RunResult {
        as_of: input.as_of,
        queued: counts,
    }))
}
