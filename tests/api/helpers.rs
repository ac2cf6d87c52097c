//! Test support: `spawn_app` starts the real server on port 0 against a fresh database
//! (SQLite by default, PostgreSQL when `TEST_DATABASE_URL` is set).

use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use jpa_coord::config::{EmailTransportKind, Settings};
use jpa_coord::domain::Role;
use jpa_coord::email::Mailer;
use jpa_coord::startup::Application;
use jpa_coord::state::AppState;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

pub const PASSWORD: &str = "correct-lantern-orbit-42";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: AppState,
    pub mailer: Arc<Mailer>,
    pub admin_token: String,
    pub admin_id: String,
    /// The bootstrap admin's one-time password.
    pub admin_password: String,
    /// `http://127.0.0.1:<port>` of the metrics listener, when `metrics.listen` is set.
    pub metrics_address: Option<String>,
    /// Whether dropping the app checks the progress figures (see `Drop`). Off for a test
    /// whose database is reached through a proxy on the test's own runtime, which could
    /// not answer while the check waits.
    pub check_figures: bool,
}

/// After every test: the progress figures kept with each write equal a count of the raw
/// rows (`db::figures::check`, what `jpa-coord check` runs). Skipped when the test
/// already failed or left no database to look at (the outage drills).
impl Drop for TestApp {
    fn drop(&mut self) {
        if std::thread::panicking() || !self.check_figures {
            return;
        }
        let Ok(mut conn) = self.state.db.get() else {
            return;
        };
        let Ok(mismatches) = jpa_coord::db::figures::check(&mut conn) else {
            return;
        };
        let shown: Vec<String> = mismatches.iter().take(10).map(|m| m.to_string()).collect();
        assert!(
            mismatches.is_empty(),
            "{} progress figures differ from the raw rows:\n{}",
            mismatches.len(),
            shown.join("\n")
        );
    }
}

/// A fresh database URL: a new SQLite file, or a new PostgreSQL database.
pub fn fresh_database_url() -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => fresh_postgres_database(&base),
        _ => {
            let path = std::env::temp_dir().join(format!("jpa-test-{}.db", uuid::Uuid::new_v4()));
            format!("sqlite://{}", path.display())
        }
    }
}

/// Creates `jpa_test_<uuid>` next to the database `base` names and returns its URL.
/// The PostgreSQL server of `TEST_DATABASE_URL`, or the local one: drills that need
/// PostgreSQL (an outage, two processes) run in the SQLite suite too.
pub fn local_postgres_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

pub fn fresh_postgres_database(base: &str) -> String {
    let name = format!("jpa_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = diesel::PgConnection::establish(base).expect("connect to TEST_DATABASE_URL");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').expect("database URL with a path");
    // No TLS to the local server: nothing to protect on 127.0.0.1, and OpenSSL's cleanup
    // at exit crashed the test process twice (SIGSEGV in libcrypto after every test had
    // passed) while the servers of earlier tests still held TLS connections.
    format!("{prefix}/{name}?sslmode=disable")
}

pub fn test_settings(database_url: &str) -> Settings {
    let mut settings = Settings::load(std::path::Path::new("config")).expect("settings");
    settings.server.host = "127.0.0.1".into();
    settings.server.port = 0;
    settings.server.workers = 2;
    settings.server.public_url = "http://jpa.test".into();
    settings.server.data_dir =
        std::env::temp_dir().join(format!("jpa-data-{}", uuid::Uuid::new_v4()));
    settings.database.url = SecretString::from(database_url.to_string());
    // Long enough for a new app's first connection while the whole suite runs on two
    // cores (1 s timed out once in CI); the outage test sets its own, shorter.
    settings.database.connect_timeout_seconds = 3;
    settings.auth.jwt_secret = Some(SecretString::from(
        "test-secret-0123456789-abcdefghijklmnop",
    ));
    settings.email.transport = EmailTransportKind::Memory;
    settings.email.poll_interval_ms = 50;
    settings.email.retry_base_ms = 100;
    settings.email.send_timeout_seconds = 2;
    settings.bootstrap.admin_email = "admin@jpa.test".into();
    settings.reminders.enabled = false;
    settings
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(customize: impl FnOnce(&mut Settings)) -> TestApp {
    let database_url = fresh_database_url();
    spawn_app_on(&database_url, customize).await
}

/// Another running instance on an existing database (as a second process would be).
pub async fn spawn_instance(
    database_url: &str,
    customize: impl FnOnce(&mut Settings),
) -> (String, AppState, Arc<Mailer>) {
    let mut settings = test_settings(database_url);
    customize(&mut settings);
    let app = Application::build(settings).await.expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let (state, mailer) = (app.state(), app.mailer());
    tokio::spawn(app.run_until_stopped());
    (address, state, mailer)
}

pub async fn spawn_app_on(database_url: &str, customize: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = test_settings(database_url);
    customize(&mut settings);
    if std::env::var("TEST_LOG").is_ok() {
        jpa_coord::telemetry::init(&settings.log, false);
    }
    let mut app = Application::build(settings).await.expect("build app");
    let password = app.take_bootstrap_password().expect("bootstrap admin");
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app.metrics_port().map(|p| format!("http://127.0.0.1:{p}"));
    let state = app.state();
    let mailer = app.mailer();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let mut test_app = TestApp {
        address,
        client,
        state,
        mailer,
        admin_token: String::new(),
        admin_id: String::new(),
        admin_password: password.expose_secret().to_string(),
        metrics_address,
        check_figures: true,
    };
    let login = test_app
        .login("admin@jpa.test", password.expose_secret())
        .await;
    assert_eq!(login.0, 200, "bootstrap admin signs in: {}", login.1);
    test_app.admin_token = login.1["access_token"].as_str().unwrap().to_string();
    test_app.admin_id = login.1["user"]["id"].as_str().unwrap().to_string();
    test_app
}

/// A response as tests look at it.
pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.to_string())
    }

    /// Asserts the documented problem+json shape and returns its `code`.
    pub fn problem_code(&self) -> String {
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json"),
            "problem+json expected, got {} {}",
            self.status,
            self.text
        );
        for key in [
            "type",
            "title",
            "status",
            "detail",
            "code",
            "errors",
            "request_id",
        ] {
            assert!(
                self.body.get(key).is_some(),
                "problem lacks {key}: {}",
                self.text
            );
        }
        assert_eq!(self.body["status"], self.status);
        assert_eq!(
            self.body["request_id"].as_str(),
            self.header("x-request-id").as_deref()
        );
        self.body["code"].as_str().unwrap_or_default().to_string()
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Resp {
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.client.request(method, self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        self.send(req).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.request("GET", path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.request("POST", path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, version: i64, body: Value) -> Resp {
        let req = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .header("If-Match", format!("\"{version}\""))
            .json(&body);
        self.send(req).await
    }

    pub async fn login(&self, email: &str, password: &str) -> (u16, Value) {
        let r = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": password}),
            )
            .await;
        (r.status, r.body)
    }

    pub async fn create_agency(&self, name: &str, country: &str) -> String {
        let r = self
            .post(
                "/api/v1/agencies",
                Some(&self.admin_token),
                json!({"name": name, "country": country, "kind": "police", "contact_email": "desk@agency.example"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body["id"].as_str().unwrap().to_string()
    }

    /// Creates an active user with `PASSWORD` directly (as the CLI does); returns its id.
    pub async fn create_user(&self, email: &str, role: Role, agency_id: Option<String>) -> String {
        let db = self.state.db.clone();
        let email = email.to_string();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.get().unwrap();
            jpa_coord::operations::accounts::create_with_password(
                &mut conn,
                jpa_coord::operations::accounts::NewAccount {
                    email: &email,
                    display_name: "Test User",
                    role,
                    agency_id,
                    // The tests read English unless they choose otherwise.
                    locale: Some("en"),
                },
                &SecretString::from(PASSWORD),
                "user.create_cli",
            )
            .map(|u| u.id)
            .unwrap()
        })
        .await
        .unwrap()
    }

    /// Creates a user of `role` and signs in; returns (user id, access token, refresh token).
    pub async fn user_with_token(
        &self,
        role: Role,
        agency_id: Option<String>,
    ) -> (String, String, String) {
        let email = format!(
            "{}-{}@agency.example",
            role.as_str(),
            uuid::Uuid::new_v4().simple()
        );
        let id = self.create_user(&email, role, agency_id).await;
        let (status, body) = self.login(&email, PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        (
            id,
            body["access_token"].as_str().unwrap().to_string(),
            body["refresh_token"].as_str().unwrap().to_string(),
        )
    }

    /// Waits until the in-memory transport holds a mail to `to`.
    pub async fn wait_for_mail(&self, to: &str) -> jpa_coord::email::SentMail {
        for _ in 0..100 {
            if let Some(mail) = self.mailer.sent().into_iter().find(|m| m.to == to) {
                return mail;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {to}");
    }
}

/// The token of a `/set-password?token=...` link in a mail body.
pub fn token_from_mail(text: &str) -> String {
    let start = text.find("token=").expect("link with token") + "token=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
