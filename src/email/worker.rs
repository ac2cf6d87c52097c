//! The outbox worker: claims due rows under a lease, sends each, and records the result.
//! Temporary failures (4xx, time-outs, refused connections) are retried with exponential
//! backoff and jitter (capped at an hour) until the mail is `email.give_up_after_hours`
//! old, so an SMTP outage of days loses nothing; permanent ones (5xx) fail at once.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use futures_util::StreamExt;

use super::{Mailer, SendError};
use crate::db::{self, outbox};
use crate::error::Error;
use crate::state::AppState;

const BATCH: i64 = 100;

/// The delay before retry number `attempts` (1-based), with +-20 % jitter, capped at 1 h.
pub fn backoff(base_ms: u64, attempts: i32) -> TimeDelta {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    let ms = base_ms.saturating_mul(1u64 << exp.min(16)).min(3_600_000);
    let jitter = 0.8 + fastrand::f64() * 0.4;
    TimeDelta::milliseconds((ms as f64 * jitter) as i64)
}

/// Delivers every row due now. Returns how many rows were attempted.
pub async fn deliver_due(state: &AppState, mailer: &Mailer) -> Result<usize, Error> {
    let settings = &state.settings.email;
    let lease = TimeDelta::seconds(2 * settings.send_timeout_seconds as i64 + 30);
    let rows = state
        .db
        .run(move |conn| Ok(outbox::claim_due(conn, BATCH, lease, db::now())?))
        .await?;
    let count = rows.len();
    if count == 0 {
        return Ok(0);
    }
    let results: Vec<(String, chrono::NaiveDateTime, i32, Result<(), SendError>)> = futures_util::stream::iter(rows)
        .map(|row| async move {
            let result = mailer.send(&row).await;
            match &result {
                Ok(()) => {
                    metrics::counter!("mails_sent_total", "kind" => row.kind.clone()).increment(1);
                    tracing::info!(outbox_id = %row.id, kind = %row.kind, "mail sent")
                }
                Err(e) => {
                    metrics::counter!("mails_failed_total", "kind" => row.kind.clone()).increment(1);
                    tracing::warn!(outbox_id = %row.id, kind = %row.kind, attempts = row.attempts, error = ?e, "mail not sent")
                }
            }
            (row.id, row.created_at, row.attempts, result)
        })
        .buffer_unordered(settings.concurrency.max(1))
        .collect()
        .await;
    let (give_up, base_ms) = (
        TimeDelta::hours(settings.give_up_after_hours.max(1)),
        settings.retry_base_ms,
    );
    state
        .db
        .run(move |conn| {
            db::write_tx(conn, |conn| {
                let now = db::now();
                for (id, created_at, attempts, result) in results {
                    match result {
                        Ok(()) => outbox::mark_sent(conn, &id, now)?,
                        Err(SendError::Permanent(e)) => {
                            outbox::mark_attempt_failed(conn, &id, &e, None, now)?
                        }
                        Err(SendError::Temporary(e)) => {
                            let retry_at = (now - created_at < give_up)
                                .then(|| now + backoff(base_ms, attempts));
                            outbox::mark_attempt_failed(conn, &id, &e, retry_at, now)?
                        }
                    }
                }
                Ok::<_, Error>(())
            })
        })
        .await?;
    Ok(count)
}

/// Hourly housekeeping: old throttling rows and everything past its retention.
async fn housekeeping(state: &AppState) {
    let window = state.settings.auth.throttle_window_seconds;
    let sent_days = state.settings.retention.sent_email_days;
    let result = state
        .db
        .run(move |conn| {
            let now = db::now();
            db::throttle::prune(conn, window, now)?;
            Ok(db::retention::purge(conn, sent_days, now)?)
        })
        .await;
    match result {
        Ok(p) => tracing::info!(
            sessions = p.sessions,
            refresh_tokens = p.refresh_tokens,
            one_time_tokens = p.one_time_tokens,
            emails = p.emails,
            "retention purge"
        ),
        Err(e) => tracing::warn!(error = %e, "retention purge failed"),
    }
}

/// Runs until the process ends: delivers due rows, then sleeps until woken by a newly
/// queued mail or the poll interval passes; purges once an hour.
pub async fn run(state: AppState, mailer: Arc<Mailer>) {
    let poll = Duration::from_millis(state.settings.email.poll_interval_ms.max(50));
    let mut last_purge: Option<std::time::Instant> = None;
    loop {
        match deliver_due(&state, &mailer).await {
            Ok(n) if n as i64 == BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox pass failed"),
        }
        if last_purge.is_none_or(|t| t.elapsed() > Duration::from_secs(3600)) {
            housekeeping(&state).await;
            last_purge = Some(std::time::Instant::now());
        }
        tokio::select! {
            _ = state.outbox_notify.notified() => {}
            _ = tokio::time::sleep(poll) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let first = backoff(30_000, 1).num_milliseconds();
        assert!((24_000..=36_000).contains(&first));
        let third = backoff(30_000, 3).num_milliseconds();
        assert!((96_000..=144_000).contains(&third));
        assert!(backoff(30_000, 30).num_milliseconds() <= 4_320_000);
    }
}
