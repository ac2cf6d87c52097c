//! Metrics for the people who run the service, in the Prometheus text format: counters and
//! histograms are recorded where things happen (`metrics::counter!` and friends, through
//! the `metrics` facade), gauges of the database pool and the outbox are read when
//! scraped. `GET /metrics` is served only on its own listener (`metrics.listen`, off by
//! default, e.g. `127.0.0.1:9100`) or, on the public port, to `metrics.bearer_token`;
//! otherwise the public port answers 404 as for any unknown path.
//!
//! What is recorded, and where:
//! - `http_requests_total{method,route,status}`, `http_request_duration_seconds{method,route}`
//!   (`middleware::request_context`; `route` is the route template, `unmatched` for none);
//! - `db_pool_connections`, `db_pool_in_use`, `db_pool_max` (scrape),
//!   `db_pool_wait_seconds` (`db::Db::get`), `db_pool_timeouts_total`;
//! - `outbox_rows{status}`, `outbox_oldest_pending_age_seconds` (scrape);
//!   `mails_sent_total`, `mails_failed_total` (`email::worker`);
//! - `reminder_passes_total{result}`, `reminder_mails_queued_total{kind}` (`AppState::run_reminder_pass`);
//! - `signin_failures_total`, `signin_throttled_total` (`operations::sessions::sign_in`);
//! - `progress_figure_changes_pending` (scrape): changes not yet folded into the progress
//!   figures (a fold every second keeps it near 0), `progress_fold_failures_total`
//!   (`startup::fold_figures`).

use std::sync::OnceLock;

use actix_web::{web, HttpRequest, HttpResponse};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;

use crate::state::AppState;

/// Seconds: from a fast page (5 ms) to a slow report (10 s).
const LATENCY_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Seconds waited for a pooled connection (the pool gives up at 3 s).
const WAIT_BUCKETS: &[f64] = &[0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 3.0];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's recorder once (every `Application` of a process shares it) and
/// returns its handle; `None` if another recorder was installed first.
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    LATENCY_BUCKETS,
                )
                .ok()?
                .set_buckets_for_metric(Matcher::Full("db_pool_wait_seconds".into()), WAIT_BUCKETS)
                .ok()?;
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            describe();
            Some(handle)
        })
        .as_ref()
}

/// The `# HELP` lines.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        "http_requests_total",
        "HTTP requests answered, by method, route template and status"
    );
    describe_histogram!(
        "http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer a request, by method and route template"
    );
    describe_gauge!(
        "db_pool_connections",
        "Open connections of the database pool"
    );
    describe_gauge!("db_pool_in_use", "Pooled connections in use");
    describe_gauge!(
        "db_pool_max",
        "Size of the database pool (database.pool_size)"
    );
    describe_histogram!(
        "db_pool_wait_seconds",
        Unit::Seconds,
        "Time waited for a pooled connection"
    );
    describe_counter!(
        "db_pool_timeouts_total",
        "Requests for a connection that timed out (answered 503)"
    );
    describe_gauge!("outbox_rows", "Outbox mails by status");
    describe_gauge!(
        "outbox_oldest_pending_age_seconds",
        Unit::Seconds,
        "Age of the oldest mail not yet sent (0: none)"
    );
    describe_counter!("mails_sent_total", "Mails delivered, by kind");
    describe_counter!(
        "mails_failed_total",
        "Delivery attempts that failed, by kind"
    );
    describe_counter!("reminder_passes_total", "Reminder passes, by result");
    describe_counter!(
        "reminder_mails_queued_total",
        "Reminder mails queued, by kind"
    );
    describe_counter!(
        "signin_failures_total",
        "Sign-ins refused for a wrong email or password"
    );
    describe_counter!(
        "signin_throttled_total",
        "Sign-ins refused by the throttle (429)"
    );
    describe_gauge!(
        "progress_figure_changes_pending",
        "Changes not yet folded into the progress figures"
    );
    describe_counter!(
        "progress_fold_failures_total",
        "Folds of the progress figures that failed (retried a second later)"
    );
}

/// The handle, if this process records metrics.
pub fn installed() -> Option<&'static PrometheusHandle> {
    HANDLE.get().and_then(Option::as_ref)
}

/// Reads the gauges that are states rather than events: the pool and the outbox.
async fn read_gauges(state: &AppState) {
    let pool = state.db.pool_state();
    metrics::gauge!("db_pool_connections").set(f64::from(pool.connections));
    metrics::gauge!("db_pool_in_use").set(f64::from(pool.connections - pool.idle_connections));
    metrics::gauge!("db_pool_max").set(f64::from(state.settings.database.pool_size));
    let outbox = state
        .db
        .run(|conn| Ok(crate::db::outbox::depth(conn, crate::db::now())?))
        .await;
    if let Ok(depth) = outbox {
        for status in crate::db::outbox::STATUSES {
            let n = depth.by_status.get(status).copied().unwrap_or(0);
            metrics::gauge!("outbox_rows", "status" => status).set(n as f64);
        }
        metrics::gauge!("outbox_oldest_pending_age_seconds")
            .set(depth.oldest_pending_age_seconds as f64);
    }
    let pending = state
        .db
        .run(|conn| Ok(crate::db::figures::pending(conn)?))
        .await;
    if let Ok(n) = pending {
        metrics::gauge!("progress_figure_changes_pending").set(n as f64);
    }
}

/// The metrics, rendered.
async fn render(state: &AppState) -> HttpResponse {
    let Some(handle) = installed() else {
        return HttpResponse::ServiceUnavailable().finish();
    };
    read_gauges(state).await;
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(handle.render())
}

/// `GET /metrics` on the metrics listener.
pub async fn on_own_listener(state: web::Data<AppState>) -> HttpResponse {
    render(&state).await
}

/// `GET /metrics` on the public port: only to the configured bearer token; anyone else
/// gets the same 404 as for an unknown path.
pub async fn on_public_port(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let expected = state.settings.metrics.bearer_token.expose_secret();
    let given = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let allowed = !expected.is_empty()
        && given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if allowed {
        render(&state).await
    } else {
        HttpResponse::NotFound().finish()
    }
}
