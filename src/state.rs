//! What every handler and worker shares.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::auth::password::Hasher;
use crate::config::Settings;
use crate::db::Db;
use crate::reminders::render::Templates;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub jwt: Arc<JwtKeys>,
    pub hasher: Hasher,
    /// Wakes the outbox worker when a mail is queued.
    pub outbox_notify: Arc<tokio::sync::Notify>,
    /// Reminder mail templates, compiled once.
    pub templates: Arc<Templates>,
    /// Heavy reports (progress, exports, compendium) run at most this many at once, so a
    /// burst of dashboards queues instead of taking every pooled connection.
    pub report_permits: Arc<tokio::sync::Semaphore>,
    /// Progress documents asked for at the same time share one computation that starts
    /// after they all arrived (`reports::coalesce`; nothing is kept).
    pub progress_runs:
        Arc<crate::reports::coalesce::Coalescer<ProgressKey, Arc<serde_json::Value>>>,
    /// Recently computed route matrices; cleared by every successful write.
    pub progress_cache: Arc<crate::reports::cache::ProgressCache>,
    /// Seals TOTP secrets at rest.
    pub totp_box: Arc<crate::auth::totp::SecretBox>,
    /// Key of the pages' CSRF tokens (derived from the master secret).
    pub page_key: Arc<[u8; 32]>,
}

/// What a progress document depends on: the JPA (and its version: the document shows
/// it), the day and whether small figures are suppressed.
pub type ProgressKey = (String, i64, chrono::NaiveDate, bool);

impl AppState {
    /// One reminder pass (on the blocking pool); wakes the outbox worker when it queued mail.
    pub async fn run_reminder_pass(
        &self,
        as_of: Option<chrono::NaiveDate>,
    ) -> Result<crate::reminders::pass::PassCounts, crate::error::Error> {
        let templates = self.templates.clone();
        let public_url = self.settings.server.public_url.clone();
        let domain = self.message_domain();
        let counts = self
            .db
            .run(move |conn| {
                crate::reminders::pass::run_pass(conn, &templates, &public_url, &domain, as_of)
            })
            .await;
        let result = if counts.is_ok() { "ok" } else { "failed" };
        metrics::counter!("reminder_passes_total", "result" => result).increment(1);
        let counts = counts?;
        for (kind, n) in [
            ("due_soon", counts.due_soon),
            ("overdue", counts.overdue),
            ("digest", counts.digest),
        ] {
            metrics::counter!("reminder_mails_queued_total", "kind" => kind).increment(n as u64);
        }
        if counts.total() > 0 {
            self.outbox_notify.notify_one();
        }
        Ok(counts)
    }

    /// The Message-ID domain: the sender's domain.
    /// What operations that queue mail need (`operations::Mailing`).
    pub fn mailing(&self) -> crate::operations::Mailing {
        crate::operations::Mailing {
            public_url: self.settings.server.public_url.clone(),
            message_domain: self.message_domain(),
        }
    }

    pub fn message_domain(&self) -> String {
        self.settings
            .email
            .from
            .rsplit_once('@')
            .map(|(_, d)| d.trim_end_matches('>').trim().to_string())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "jpa-coord.localhost".to_string())
    }
}
