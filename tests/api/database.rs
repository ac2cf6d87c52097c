//! The database layer: URL schemes, migrations on both backends, a database that goes
//! away and comes back.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use jpa_coord::config::Settings;
use secrecy::SecretString;
use tokio::net::{TcpListener, TcpStream};

use crate::helpers::{fresh_postgres_database, local_postgres_url, spawn_app_with};

#[test]
fn an_unknown_database_scheme_is_refused_and_creates_no_file() {
    for url in [
        "mysql://root@localhost/x",
        "data/jpa.db",
        "sqlite://",
        "file:jpa.db",
    ] {
        assert!(jpa_coord::db::BackendKind::from_url(url).is_err(), "{url}");
    }
    let before: Vec<_> = std::fs::read_dir(".")
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        jpa_coord::db::build_pool("mysql://root@localhost/x", 1, Duration::from_secs(1)).is_err()
    );
    let after: Vec<_> = std::fs::read_dir(".")
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn production_refuses_sqlite_file_mail_and_a_short_secret() {
    let mut settings: Settings = crate::helpers::test_settings("sqlite://x.db");
    settings.environment = "production".into();
    assert!(settings.validate().is_err(), "sqlite in production");
    settings.database.url = SecretString::from("postgres://u@db/jpa".to_string());
    settings.email.transport = jpa_coord::config::EmailTransportKind::File;
    assert!(settings.validate().is_err(), "file mail in production");
    settings.email.transport = jpa_coord::config::EmailTransportKind::Smtp;
    settings.auth.jwt_secret = Some(SecretString::from("too-short".to_string()));
    assert!(settings.validate().is_err(), "short secret");
    settings.auth.jwt_secret = None;
    assert!(settings.validate().is_err(), "no secret");
    settings.auth.jwt_secret = Some(SecretString::from("x".repeat(32)));
    assert!(settings.validate().is_ok());
    settings.i18n.pseudo_locale = true;
    assert!(
        settings.validate().is_err(),
        "the tests' pseudo-language in production"
    );
}

/// A TCP proxy to PostgreSQL that can be cut and restored.
struct Proxy {
    port: u16,
    up: Arc<AtomicBool>,
}

async fn start_proxy(target: u16) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let up = Arc::new(AtomicBool::new(true));
    let flag = up.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut inbound, _)) = listener.accept().await else {
                return;
            };
            if !flag.load(Ordering::SeqCst) {
                drop(inbound);
                continue;
            }
            let flag = flag.clone();
            tokio::spawn(async move {
                let Ok(mut outbound) = TcpStream::connect(("127.0.0.1", target)).await else {
                    return;
                };
                let (mut ri, mut wi) = inbound.split();
                let (mut ro, mut wo) = outbound.split();
                let cut = async {
                    while flag.load(Ordering::SeqCst) {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                };
                tokio::select! {
                    _ = tokio::io::copy(&mut ri, &mut wo) => {}
                    _ = tokio::io::copy(&mut ro, &mut wi) => {}
                    _ = cut => {}
                }
            });
        }
    });
    Proxy { port, up }
}

#[tokio::test]
async fn a_database_that_goes_away_gives_503_with_retry_after_and_the_service_recovers() {
    let direct = fresh_postgres_database(&local_postgres_url());
    let proxy = start_proxy(5432).await;
    let proxied = direct.replacen("127.0.0.1:5432", &format!("127.0.0.1:{}", proxy.port), 1);
    assert_ne!(
        proxied, direct,
        "TEST_DATABASE_URL must point at 127.0.0.1:5432"
    );
    let mut app = spawn_app_with(move |s| {
        s.database.url = SecretString::from(proxied);
        s.database.connect_timeout_seconds = 1;
    })
    .await;
    app.check_figures = false;
    assert_eq!(
        app.send(app.client.get(app.url("/ready"))).await.status,
        200
    );

    proxy.up.store(false, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = std::time::Instant::now();
    let ready = app.send(app.client.get(app.url("/ready"))).await;
    assert_eq!(ready.status, 503);
    assert_eq!(ready.problem_code(), "service_unavailable");
    assert!(ready.header("retry-after").is_some());
    let me = app.get("/api/v1/me", &app.admin_token).await;
    assert_eq!(me.status, 503);
    assert!(
        !me.text.to_lowercase().contains("postgres"),
        "no internals: {}",
        me.text
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answers quickly"
    );
    assert_eq!(
        app.send(app.client.get(app.url("/health"))).await.status,
        200
    );

    proxy.up.store(true, Ordering::SeqCst);
    let mut recovered = false;
    for _ in 0..50 {
        if app.send(app.client.get(app.url("/ready"))).await.status == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "the service recovers by itself");
    assert_eq!(app.get("/api/v1/me", &app.admin_token).await.status, 200);
}

#[tokio::test]
async fn migrations_apply_once_when_two_instances_start_together() {
    let url = crate::helpers::fresh_database_url();
    let (a, b) = (url.clone(), url.clone());
    let run = |url: String| {
        tokio::task::spawn_blocking(move || {
            let settings = crate::helpers::test_settings(&url);
            let db = jpa_coord::startup::open_db(&settings).unwrap();
            jpa_coord::startup::migrate(&db)
        })
    };
    let (ra, rb) = tokio::join!(run(a), run(b));
    assert!(ra.unwrap().is_ok());
    assert!(rb.unwrap().is_ok());
}

#[tokio::test]
async fn retention_purges_dead_sessions_spent_tokens_and_old_sent_mail_but_keeps_the_living() {
    use diesel::connection::SimpleConnection;
    let app = crate::helpers::spawn_app().await;
    let email = "ret@police.example";
    app.create_user(email, jpa_coord::domain::Role::Observer, None)
        .await;
    let (_, dead) = app.login(email, crate::helpers::PASSWORD).await;
    let (_, alive) = app.login(email, crate::helpers::PASSWORD).await;
    let dead_token = dead["access_token"].as_str().unwrap();
    let r = app
        .post(
            "/api/v1/auth/logout",
            Some(dead_token),
            serde_json::json!({"refresh_token": dead["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, 204);
    let invited = app
        .post("/api/v1/users", Some(&app.admin_token), serde_json::json!({"email": "new@police.example", "display_name": "New", "role": "observer"}))
        .await;
    assert_eq!(invited.status, 201);
    app.wait_for_mail("new@police.example").await;
    let db = app.state.db.clone();
    let (purged, left) = tokio::task::spawn_blocking(move || {
        let mut conn = db.get().unwrap();
        // Age what should go: the revoked session, the sent invitation mail.
        conn.batch_execute(
            "UPDATE sessions SET revoked_at = '2020-01-01 00:00:00' WHERE revoked_at IS NOT NULL; \
             UPDATE email_outbox SET sent_at = '2020-01-01 00:00:00' WHERE status = 'sent';",
        )
        .unwrap();
        let purged = jpa_coord::db::retention::purge(&mut conn, 30, jpa_coord::db::now()).unwrap();
        let again = jpa_coord::db::retention::purge(&mut conn, 30, jpa_coord::db::now()).unwrap();
        (purged, again)
    })
    .await
    .unwrap();
    assert_eq!(purged.sessions, 1);
    assert!(purged.refresh_tokens >= 1);
    assert_eq!(purged.emails, 1);
    assert_eq!(
        left,
        jpa_coord::db::retention::Purged::default(),
        "a second purge finds nothing"
    );
    assert_eq!(
        app.get("/api/v1/me", alive["access_token"].as_str().unwrap())
            .await
            .status,
        200,
        "live sessions stay"
    );
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            None,
            serde_json::json!({"refresh_token": alive["refresh_token"]}),
        )
        .await;
    assert_eq!(refresh.status, 200);
    let mail = app.wait_for_mail("new@police.example").await;
    let token = crate::helpers::token_from_mail(&mail.text);
    let set = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            serde_json::json!({"token": token, "new_password": "kept-invitation-token-ok"}),
        )
        .await;
    assert_eq!(
        set.status, 204,
        "an unused, unexpired invitation survives the purge"
    );
}

#[tokio::test]
async fn an_sqlite_file_locked_by_another_process_gives_503_or_success_never_a_hang() {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        return; // an SQLite drill: the PostgreSQL run covers the outage test above
    }
    let app = crate::helpers::spawn_app().await;
    let url = {
        let u = app.state.settings.database.url.clone();
        secrecy::ExposeSecret::expose_secret(&u).to_string()
    };
    let path = url.trim_start_matches("sqlite://").to_string();
    // Another process takes the write lock and sits on it for 7 s (> busy_timeout of 5 s).
    let holder = std::thread::spawn(move || {
        let mut other = diesel::SqliteConnection::establish(&path).unwrap();
        other.batch_execute("BEGIN EXCLUSIVE").unwrap();
        std::thread::sleep(Duration::from_secs(7));
        other.batch_execute("ROLLBACK").unwrap();
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = std::time::Instant::now();
    let read = app.get("/api/v1/agencies", &app.admin_token).await;
    assert_eq!(read.status, 200, "readers are not blocked in WAL mode");
    let write = app
        .post("/api/v1/agencies", Some(&app.admin_token), serde_json::json!({"name": "Locked", "country": "FJ", "kind": "police", "contact_email": "a@b.example"}))
        .await;
    assert!(
        write.status == 503 || write.status == 201,
        "{} {}",
        write.status,
        write.text
    );
    if write.status == 503 {
        assert!(write.header("retry-after").is_some());
        write.problem_code();
    }
    assert!(
        started.elapsed() < Duration::from_secs(7),
        "answered within the busy timeout, no hang"
    );
    holder.join().unwrap();
    let retry = app
        .post("/api/v1/agencies", Some(&app.admin_token), serde_json::json!({"name": "Locked", "country": "FJ", "kind": "police", "contact_email": "a@b.example"}))
        .await;
    assert_eq!(
        retry.status, 201,
        "the same request succeeds once the lock is gone: {}",
        retry.text
    );
    let ok = app.get("/api/v1/agencies", &app.admin_token).await;
    assert_eq!(
        ok.body["items"].as_array().unwrap().len(),
        1,
        "nothing half-written"
    );
}

#[tokio::test]
async fn two_instances_on_one_database_share_sessions_and_throttling() {
    let app = crate::helpers::spawn_app_with(|s| s.auth.max_failures_per_account = 4).await;
    let url = {
        let u = app.state.settings.database.url.clone();
        secrecy::ExposeSecret::expose_secret(&u).to_string()
    };
    let (other, _, _) =
        crate::helpers::spawn_instance(&url, |s| s.auth.max_failures_per_account = 4).await;
    let client = &app.client;
    assert_eq!(
        client
            .get(format!("{other}/ready"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let email = "both@police.example";
    app.create_user(email, jpa_coord::domain::Role::Observer, None)
        .await;
    let (_, session) = app.login(email, crate::helpers::PASSWORD).await;
    let token = session["access_token"].as_str().unwrap();
    let on_other = client
        .get(format!("{other}/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        on_other.status(),
        200,
        "a session opened on one instance works on the other"
    );
    let logout = client
        .post(format!("{other}/api/v1/auth/logout"))
        .bearer_auth(token)
        .json(&serde_json::json!({"refresh_token": session["refresh_token"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    assert_eq!(
        app.get("/api/v1/me", token).await.status,
        401,
        "revoked through one, refused by the other"
    );

    for (i, base) in [&app.address, &other, &app.address, &other]
        .into_iter()
        .enumerate()
    {
        let r = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({"email": email, "password": format!("wrong-password-{i}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    let locked = client
        .post(format!("{other}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": email, "password": crate::helpers::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        locked.status(),
        429,
        "failures on both instances count together"
    );
}
