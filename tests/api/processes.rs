//! Two real `jpa-coord serve` processes (the built binary, not two servers in this test's
//! process) on one PostgreSQL database: both serve, a session revoked through one is
//! refused by the other, sign-in failures count across both, and a reminder pass run on
//! both at once queues and delivers each reminder once. Nothing is shared between them
//! but the database, so state kept in memory would fail here.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde_json::{json, Value};

const SECRET: &str = "two-processes-share-this-jwt-secret-0123456789";

/// A running service process, stopped when dropped.
struct Process {
    child: Child,
    base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// Starts `jpa-coord serve` on `database_url`; returns it and, on a database without
/// users, the first admin's password it prints.
async fn start(database_url: &str, dir: &Path, name: &str) -> (Process, Option<String>) {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jpa-coord"))
        .arg("serve")
        .env("JPA__SERVER__HOST", "127.0.0.1")
        .env("JPA__SERVER__PORT", port.to_string())
        .env("JPA__SERVER__DATA_DIR", dir.join(name))
        .env("JPA__DATABASE__URL", database_url)
        .env("JPA__AUTH__JWT_SECRET", SECRET)
        .env("JPA__AUTH__MAX_FAILURES_PER_ACCOUNT", "4")
        .env("JPA__EMAIL__TRANSPORT", "file")
        .env("JPA__EMAIL__FILE_DIR", dir.join(name).join("mail"))
        .env("JPA__BOOTSTRAP__ADMIN_EMAIL", "admin@two.example")
        .env("JPA__REMINDERS__ENABLED", "false")
        .env("JPA__LOG__LEVEL", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start jpa-coord");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some((_, password)) = line.split_once("password: ") {
                let _ = tx.send(password.trim().to_string());
            }
        }
    });
    let process = Process {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..200 {
        let ready = client.get(format!("{}/ready", process.base)).send().await;
        if ready.is_ok_and(|r| r.status() == 200) {
            return (process, rx.recv_timeout(Duration::from_millis(200)).ok());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{name} did not become ready");
}

async fn call(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> (u16, Value) {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = client.request(method, format!("{base}{path}")).json(&body);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn eml_count(dir: &Path, to: &str) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    std::fs::read_to_string(e.path()).is_ok_and(|text| {
                        text.contains(&format!("To: {to}")) && text.contains("overdue")
                    })
                })
                .count()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn two_service_processes_on_one_postgresql_database_act_as_one_service() {
    let database_url =
        crate::helpers::fresh_postgres_database(&crate::helpers::local_postgres_url());
    let dir = std::env::temp_dir().join(format!("jpa-two-{}", uuid::Uuid::new_v4()));
    let (a, password) = start(&database_url, &dir, "a").await;
    let password = password.expect("the first process creates the first admin");
    let (b, none) = start(&database_url, &dir, "b").await;
    assert!(
        none.is_none(),
        "the second process finds the admin already there"
    );

    // Signed in on A, the session works on B; signed out through B, A refuses it.
    let (status, admin) = call(
        &a.base,
        "POST",
        "/api/v1/auth/login",
        None,
        json!({"email": "admin@two.example", "password": password}),
    )
    .await;
    assert_eq!(status, 200, "{admin}");
    let token = admin["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        call(&b.base, "GET", "/api/v1/me", Some(&token), Value::Null)
            .await
            .0,
        200
    );
    let (_, second) = call(
        &b.base,
        "POST",
        "/api/v1/auth/login",
        None,
        json!({"email": "admin@two.example", "password": password}),
    )
    .await;
    let other = second["access_token"].as_str().unwrap().to_string();
    let (status, _) = call(
        &b.base,
        "POST",
        "/api/v1/auth/logout",
        Some(&other),
        json!({"refresh_token": second["refresh_token"]}),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(
        call(&a.base, "GET", "/api/v1/me", Some(&other), Value::Null)
            .await
            .0,
        401,
        "revoked through B, refused by A"
    );

    // A JPA whose first return is overdue, with one liaison to remind.
    let start_month = chrono::Utc::now().date_naive().with_day(1).unwrap() - Months::new(2);
    let (_, jpa) = call(
        &a.base,
        "POST",
        "/api/v1/jpas",
        Some(&token),
        json!({"code": "TWO", "name": "Two", "start_date": start_month, "status": "active"}),
    )
    .await;
    let jpa = jpa["id"].as_str().unwrap().to_string();
    let (_, agency) = call(&a.base, "POST", "/api/v1/agencies", Some(&token),
        json!({"name": "Two Police", "country": "SG", "kind": "police", "contact_email": "desk@two.example"})).await;
    let agency = agency["id"].as_str().unwrap().to_string();
    let (status, _) = call(
        &b.base,
        "PUT",
        &format!("/api/v1/jpas/{jpa}/agencies/{agency}"),
        Some(&token),
        json!({"joined_on": start_month}),
    )
    .await;
    assert_eq!(status, 201);
    let liaison = "liaison@two.example";
    let (status, _) = call(&a.base, "POST", "/api/v1/users", Some(&token),
        json!({"email": liaison, "display_name": "Liaison", "role": "liaison", "agency_id": agency})).await;
    assert_eq!(status, 201);

    // Sign-in failures on both processes count together.
    for (i, process) in [&a, &b, &a, &b].into_iter().enumerate() {
        let (status, _) = call(
            &process.base,
            "POST",
            "/api/v1/auth/login",
            None,
            json!({"email": liaison, "password": format!("wrong-password-{i}")}),
        )
        .await;
        assert_eq!(status, 401);
    }
    let (status, _) = call(
        &a.base,
        "POST",
        "/api/v1/auth/login",
        None,
        json!({"email": liaison, "password": "still-wrong-password"}),
    )
    .await;
    assert_eq!(
        status, 429,
        "the fifth failure, wherever it lands, is throttled"
    );

    // One pass on each process at the same moment: the reminder is queued once, and the
    // two email workers deliver it once between them.
    let first_due = NaiveDate::from_ymd_opt(start_month.year(), start_month.month(), 10).unwrap()
        + Months::new(1);
    let as_of = first_due + Days::new(1);
    let body = json!({"as_of": as_of});
    let (one, two) = tokio::join!(
        call(
            &a.base,
            "POST",
            "/api/v1/admin/reminders/run",
            Some(&token),
            body.clone()
        ),
        call(
            &b.base,
            "POST",
            "/api/v1/admin/reminders/run",
            Some(&token),
            body.clone()
        )
    );
    assert_eq!((one.0, two.0), (200, 200));
    let overdue =
        one.1["queued"]["overdue"].as_u64().unwrap() + two.1["queued"]["overdue"].as_u64().unwrap();
    assert_eq!(overdue, 1, "queued once: {one:?} {two:?}");
    let mail_dirs = [dir.join("a/mail"), dir.join("b/mail")];
    let delivered = || {
        mail_dirs
            .iter()
            .map(|d| eml_count(d, liaison))
            .sum::<usize>()
    };
    for _ in 0..100 {
        if delivered() >= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(delivered(), 1, "delivered once by the two workers together");
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
}
