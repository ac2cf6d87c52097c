//! The service's machinery, for admins: the email outbox and an on-demand reminder pass.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{list_response, ts, ListResponse, Page, Result};
use crate::auth::policy::{require, Action};
use crate::auth::Caller;
use crate::db::audit::{self, AuditContext};
use crate::db::outbox::{self, OutboxRow};
use crate::db::{self, DbConnection};
use crate::state::AppState;

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

/// A page of outbox mails, newest first, optionally of one status (already checked).
pub fn emails(
    conn: &mut DbConnection,
    caller: &Caller,
    status: Option<String>,
    page: Page,
) -> Result<ListResponse<EmailView>> {
    require(caller.role, Action::ReadOutbox)?;
    let rows = outbox::list(conn, status, page.after, page.limit)?;
    Ok(list_response(
        rows,
        page.limit,
        |r| (r.created_at, r.id.clone()),
        EmailView::from,
    ))
}

/// The outbox statuses, in the order a mail goes through them.
pub fn email_statuses() -> &'static [&'static str] {
    &outbox::STATUSES
}

/// Whether `status` names an outbox status.
pub fn is_email_status(status: &str) -> bool {
    outbox::STATUSES.contains(&status)
}

/// One reminder pass now (as of `as_of`, default today in every JPA's time zone), recorded
/// in the audit log as the caller's.
pub async fn run_reminders(
    state: &AppState,
    caller: &Caller,
    ctx: AuditContext,
    input: RunReminders,
) -> Result<RunResult> {
    require(caller.role, Action::RunReminders)?;
    let counts = state.run_reminder_pass(input.as_of).await?;
    // Right after the pass, not inside it: the pass is shared with the scheduler and the
    // CLI, which have no actor; a pass that fails queues nothing and records nothing.
    let changes = audit::diff(
        &serde_json::json!({}),
        &serde_json::json!({"as_of": input.as_of, "queued": counts}),
    );
    state
        .db
        .run(move |conn| {
            Ok(audit::record(
                conn,
                &ctx,
                "reminders.run",
                "reminder_pass",
                &db::new_id(),
                changes,
                db::now(),
            )?)
        })
        .await?;
    Ok(RunResult {
        as_of: input.as_of,
        queued: counts,
    })
}
