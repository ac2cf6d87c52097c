//! Mail through a real SMTP conversation on 127.0.0.1: delivery, retry after 451, no retry
//! after 550, a silent server times out while the API keeps answering.

use std::time::Duration;

use jpa_coord::config::EmailTransportKind;
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::{spawn_app_with, TestApp};
use crate::smtp::{self, Mode};

async fn app_with_smtp(url: String) -> TestApp {
    spawn_app_with(move |s| {
        s.email.transport = EmailTransportKind::Smtp;
        s.email.smtp_url = SecretString::from(url);
        s.email.send_timeout_seconds = 1;
        s.email.retry_base_ms = 200;
    })
    .await
}

async fn invite(app: &TestApp, email: &str) {
    let r = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": email, "display_name": "Invitee", "role": "observer"}),
        )
        .await;
    assert_eq!(r.status, 201);
}

async fn outbox(app: &TestApp) -> Vec<serde_json::Value> {
    app.get("/api/v1/admin/emails", &app.admin_token).await.body["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn wait_until(mut check: impl AsyncFnMut() -> bool) -> bool {
    for _ in 0..100 {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn an_invitation_is_delivered_over_smtp_with_a_stable_message_id() {
    let server = smtp::start(Mode::Accept).await;
    let app = app_with_smtp(server.url()).await;
    invite(&app, "hana@immigration.example").await;
    assert!(
        wait_until(async || !server.messages().is_empty()).await,
        "mail arrives"
    );
    let data = &server.messages()[0];
    assert!(data.contains("To: hana@immigration.example"));
    assert!(data.contains("Subject: Your JPA coordination account"));
    assert!(data.contains("text/html") && data.contains("text/plain"));
    let rows = outbox(&app).await;
    assert!(wait_until(async || outbox(&app).await[0]["status"] == "sent").await);
    let message_id = rows[0]["message_id"].as_str().unwrap();
    assert!(
        data.contains(&format!("Message-ID: {message_id}")),
        "the sent mail carries the row's Message-ID"
    );
    assert!(
        rows[0].get("body_text").is_none(),
        "bodies with secret links are not listed"
    );
}

#[tokio::test]
async fn a_451_is_retried_and_the_mail_delivered_exactly_once() {
    let server = smtp::start(Mode::TempFailFirst(1)).await;
    let app = app_with_smtp(server.url()).await;
    invite(&app, "ivan@border.example").await;
    assert!(
        wait_until(async || outbox(&app).await[0]["status"] == "sent").await,
        "{:?}",
        outbox(&app).await
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(server.messages().len(), 1);
    let row = &outbox(&app).await[0];
    assert_eq!(row["attempts"], 2);
    assert_eq!(
        server.attempts.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "one refused, one accepted"
    );
}

#[tokio::test]
async fn a_550_fails_the_row_without_retrying() {
    let server = smtp::start(Mode::PermFail).await;
    let app = app_with_smtp(server.url()).await;
    invite(&app, "jun@customs.example").await;
    assert!(wait_until(async || outbox(&app).await[0]["status"] == "failed").await);
    tokio::time::sleep(Duration::from_millis(800)).await;
    let row = &outbox(&app).await[0];
    assert_eq!(row["attempts"], 1);
    assert!(row["last_error"].as_str().unwrap().contains("550"));
    let failed = app
        .get("/api/v1/admin/emails?status=failed", &app.admin_token)
        .await;
    assert_eq!(failed.body["items"].as_array().unwrap().len(), 1);
    let bad = app
        .get("/api/v1/admin/emails?status=lost", &app.admin_token)
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn a_silent_smtp_server_times_out_while_the_api_keeps_answering() {
    let server = smtp::start(Mode::Hang).await;
    let app = app_with_smtp(server.url()).await;
    invite(&app, "kim@police.example").await;
    let started = std::time::Instant::now();
    for _ in 0..5 {
        let r = app.get("/api/v1/me", &app.admin_token).await;
        assert_eq!(r.status, 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the API does not wait for SMTP"
    );
    assert!(
        wait_until(async || {
            let row = &outbox(&app).await[0];
            row["last_error"]
                .as_str()
                .is_some_and(|e| e.contains("timed out"))
        })
        .await
    );
    assert_ne!(outbox(&app).await[0]["status"], "sent");
}

#[tokio::test]
async fn a_row_claimed_by_a_worker_that_died_is_sent_again_after_its_lease_expires() {
    let server = smtp::start(Mode::Accept).await;
    let url = server.url();
    let app = spawn_app_with(move |s| {
        s.email.transport = EmailTransportKind::Smtp;
        s.email.smtp_url = SecretString::from(url);
        s.email.poll_interval_ms = 60_000;
    })
    .await;
    let db = app.state.db.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = db.get().unwrap();
        let now = jpa_coord::db::now();
        let mail = jpa_coord::db::outbox::NewMail {
            recipient: "lee@police.example".into(),
            subject: "Orphaned".into(),
            body_text: "text".into(),
            body_html: "<p>html</p>".into(),
            kind: "test".into(),
            dedupe_key: "test:orphan".into(),
        };
        assert!(jpa_coord::db::outbox::enqueue(&mut conn, mail, "jpa.test", now).unwrap());
        // A worker claims it with a one-second lease and dies before sending.
        let claimed =
            jpa_coord::db::outbox::claim_due(&mut conn, 10, chrono::TimeDelta::seconds(1), now)
                .unwrap();
        assert_eq!(claimed.len(), 1);
    })
    .await
    .unwrap();
    app.state.outbox_notify.notify_one();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(server.messages().is_empty(), "the lease still holds");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    app.state.outbox_notify.notify_one();
    assert!(
        wait_until(async || server
            .messages()
            .iter()
            .any(|m| m.contains("Subject: Orphaned")))
        .await
    );
    let row = outbox(&app)
        .await
        .into_iter()
        .find(|r| r["dedupe_key"] == "test:orphan")
        .unwrap();
    assert_eq!(row["status"], "sent");
    assert_eq!(row["attempts"], 2);
    assert_eq!(
        server
            .messages()
            .iter()
            .filter(|m| m.contains("Subject: Orphaned"))
            .count(),
        1
    );
}

#[tokio::test]
async fn an_smtp_server_down_for_a_long_while_loses_nothing_and_each_mail_goes_once() {
    // A port with nothing behind it: every attempt is a refused connection.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("smtp://127.0.0.1:{port}");
    let app = spawn_app_with(move |s| {
        s.email.transport = EmailTransportKind::Smtp;
        s.email.smtp_url = SecretString::from(url);
        s.email.send_timeout_seconds = 1;
        s.email.retry_base_ms = 20;
    })
    .await;
    for i in 0..3 {
        invite(&app, &format!("down{i}@police.example")).await;
    }
    // Many failed attempts later (backoff doubles from 20 ms), still pending, none failed.
    assert!(
        wait_until(async || outbox(&app)
            .await
            .iter()
            .all(|r| r["attempts"].as_i64().unwrap() >= 6))
        .await,
        "{:?}",
        outbox(&app).await
    );
    // Pending, or being tried again at this very moment: never given up.
    let rows = outbox(&app).await;
    assert!(
        rows.iter()
            .all(|r| r["status"] == "pending" || r["status"] == "sending"),
        "a long outage fails nothing: {rows:?}"
    );
    // The server comes back on the same port.
    let server = smtp::start_on(port, Mode::Accept).await;
    for _ in 0..200 {
        if outbox(&app).await.iter().all(|r| r["status"] == "sent") {
            break;
        }
        app.state.outbox_notify.notify_one();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        outbox(&app).await.iter().all(|r| r["status"] == "sent"),
        "{:?}",
        outbox(&app).await
    );
    assert_eq!(server.messages().len(), 3, "each mail delivered once");
}
