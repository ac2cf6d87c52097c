//! Log hygiene: security events are logged with UTC times, and no password, token,
//! secret, hash or reset link ever reaches the logs.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use jpa_coord::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, token_from_mail, PASSWORD};

static CAPTURE: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs a JSON subscriber writing into memory (once per test binary).
fn capture() -> Arc<Mutex<Vec<u8>>> {
    CAPTURE
        .get_or_init(|| {
            let buffer = Arc::new(Mutex::new(Vec::new()));
            let sink = buffer.clone();
            let subscriber = tracing_subscriber::fmt()
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_env_filter("jpa_coord=info")
                .with_writer(move || Sink(sink.clone()))
                .finish();
            tracing::subscriber::set_global_default(subscriber)
                .expect("log capture installs first (do not run with TEST_LOG)");
            buffer
        })
        .clone()
}

#[tokio::test]
async fn security_events_are_logged_and_secrets_never_are() {
    let logs = capture();
    let app = spawn_app().await;
    let email = "logged@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, session) = app.login(email, PASSWORD).await;
    let access = session["access_token"].as_str().unwrap().to_string();
    let refresh = session["refresh_token"].as_str().unwrap().to_string();
    app.login(email, "a-wrong-password-here").await;
    app.login(
        "evil@x.example\nINJECTED fake log line",
        "whatever-password",
    )
    .await;
    let rotated = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": refresh}),
        )
        .await;
    assert_eq!(rotated.status, 200);
    let replay = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": refresh}),
        )
        .await;
    assert_eq!(replay.status, 401);
    let (_, fresh) = app.login(email, PASSWORD).await;
    let observer = fresh["access_token"].as_str().unwrap().to_string();
    assert_eq!(app.get("/api/v1/users", &observer).await.status, 403);
    app.post("/api/v1/auth/password-reset", None, json!({"email": email}))
        .await;
    let mail = app.wait_for_mail(email).await;
    let reset = token_from_mail(&mail.text);
    let confirm = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": reset, "new_password": "logged-new-passphrase"}),
        )
        .await;
    assert_eq!(confirm.status, 204);
    app.post(
        "/api/v1/admin/reminders/run",
        Some(&app.admin_token),
        json!({}),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    let text = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    for event in [
        "auth.login.success",
        "auth.login.failure",
        "auth.refresh.reuse",
        "authz.denied",
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("\"event\":\"{event}\"")))
            .unwrap_or_else(|| panic!("no {event} in the logs"));
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let at = entry["timestamp"].as_str().unwrap();
        assert!(at.ends_with('Z'), "UTC times: {at}");
    }
    let denied = text
        .lines()
        .find(|l| l.contains("authz.denied") && l.contains("/api/v1/users"))
        .expect("denial carries the route");
    assert!(denied.contains("request_id"), "{denied}");
    for secret in [
        PASSWORD,
        "a-wrong-password-here",
        "logged-new-passphrase",
        &access,
        &refresh,
        rotated.body["refresh_token"].as_str().unwrap(),
        &reset,
        "set-password?token",
        "$argon2",
        "test-secret-0123456789",
    ] {
        assert!(!text.contains(secret), "the logs hold a secret: {secret}");
    }
    assert!(
        !text
            .lines()
            .any(|l| l.to_lowercase().starts_with("injected")),
        "user text cannot forge a log line"
    );
    assert!(
        text.contains("injected fake log line"),
        "the attempted address is logged, escaped"
    );
    assert!(
        text.lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
        "one JSON object per line"
    );
}
