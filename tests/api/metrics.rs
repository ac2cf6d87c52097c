//! `/metrics` for the people who run the service: on its own listener, or on the public
//! port to a bearer token only; never publicly by default. The figures move with what
//! happens: requests by route template, sign-in failures, the outbox.

use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with, TestApp};

const TOKEN: &str = "a-metrics-bearer-token-of-enough-length";

async fn scrape(app: &TestApp) -> String {
    let address = app.metrics_address.as_ref().expect("a metrics listener");
    let r = app
        .client
        .get(format!("{address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    r.text().await.unwrap()
}

/// The value of a sample line `name{labels} value` whose text starts with `prefix`.
fn sample(text: &str, prefix: &str) -> Option<f64> {
    text.lines()
        .find(|l| l.starts_with(prefix))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn the_public_port_has_no_metrics_by_default() {
    let app = spawn_app().await;
    assert!(app.metrics_address.is_none(), "no listener by default");
    let unknown = app.send(app.client.get(app.url("/no-such-path"))).await;
    for auth in [
        None,
        Some("Bearer anything"),
        Some(&format!("Bearer {TOKEN}") as &str),
    ] {
        let mut request = app.client.get(app.url("/metrics"));
        if let Some(a) = auth {
            request = request.header("authorization", a);
        }
        let r = app.send(request).await;
        assert_eq!(r.status, 404, "{auth:?}");
        assert_eq!(r.header("content-type"), unknown.header("content-type"));
        assert!(!r.text.contains("http_requests_total"));
    }
}

#[tokio::test]
async fn a_bearer_token_may_read_the_metrics_on_the_public_port() {
    let app = spawn_app_with(|s| {
        s.metrics.bearer_token = secrecy::SecretString::from(TOKEN.to_string());
    })
    .await;
    let wrong = app
        .send(
            app.client
                .get(app.url("/metrics"))
                .bearer_auth("a-wrong-token-of-the-same-length-xxxxx"),
        )
        .await;
    assert_eq!(wrong.status, 404);
    let anonymous = app.send(app.client.get(app.url("/metrics"))).await;
    assert_eq!(anonymous.status, 404);
    let right = app
        .send(app.client.get(app.url("/metrics")).bearer_auth(TOKEN))
        .await;
    assert_eq!(right.status, 200);
    assert!(right.text.contains("db_pool_max"), "{}", right.text);
}

#[tokio::test]
async fn the_metrics_listener_counts_requests_sign_in_failures_and_the_outbox() {
    let app = spawn_app_with(|s| s.metrics.listen = "127.0.0.1:0".into()).await;
    let address = app.metrics_address.clone().unwrap();
    // Only /metrics lives there.
    let other = app
        .client
        .get(format!("{address}/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);

    let before = scrape(&app).await;
    let route =
        "http_requests_total{method=\"GET\",route=\"/api/v1/agencies/{id}\",status=\"404\"}";
    let failures = "signin_failures_total";
    let n = |text: &str, p: &str| sample(text, p).unwrap_or(0.0);
    for _ in 0..3 {
        let r = app
            .get(
                &format!("/api/v1/agencies/{}", uuid::Uuid::new_v4()),
                &app.admin_token,
            )
            .await;
        assert_eq!(r.status, 404);
    }
    let (status, _) = app.login("admin@jpa.test", "not the password at all").await;
    assert_eq!(status, 401);
    // An invitation queues a mail in the outbox.
    let r = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": "metrics@agency.example", "display_name": "M", "role": "co_chair"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    app.wait_for_mail("metrics@agency.example").await;
    let pass = app
        .post(
            "/api/v1/admin/reminders/run",
            Some(&app.admin_token),
            json!({}),
        )
        .await;
    assert_eq!(pass.status, 200, "{}", pass.text);
    let passes = "reminder_passes_total{result=\"ok\"}";
    // The worker counts a mail right after handing it over: give it a moment.
    let mut after = scrape(&app).await;
    for _ in 0..50 {
        if after.contains("mails_sent_total{kind=") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        after = scrape(&app).await;
    }
    assert!(n(&after, passes) - n(&before, passes) >= 1.0, "{after}");
    assert!(after.contains("mails_sent_total{kind="), "{after}");
    assert!(after.contains("# HELP http_requests_total"));
    // The recorder is the process's: other tests' requests count too, so compare deltas.
    assert!(n(&after, route) - n(&before, route) >= 3.0, "{after}");
    assert!(n(&after, failures) - n(&before, failures) >= 1.0);
    assert!(after.contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/agencies/{id}\",le=\"0.005\"}"));
    for name in [
        "db_pool_connections",
        "db_pool_in_use",
        "db_pool_max",
        "db_pool_wait_seconds_bucket",
        "outbox_rows{status=\"pending\"}",
        "outbox_oldest_pending_age_seconds",
        "progress_figure_changes_pending",
    ] {
        assert!(after.contains(name), "{name} missing from the metrics");
    }
    // Every request's checkout is timed: more waits than the few of the scrape itself.
    let waits = "db_pool_wait_seconds_count";
    assert!(n(&after, waits) - n(&before, waits) >= 5.0, "{after}");
    // No id of any object ever becomes a label (route templates only).
    assert!(!after.contains(&app.admin_id));
}
