//! Reminder benchmark: one pass queueing for 200 agencies x 12 periods x 3 liaisons, and
//! delivery rate from the outbox to a local SMTP sink (connection reuse through lettre's
//! pool). Run: `cargo run --release --example reminder_bench`
//! (`BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL: a
//! fresh database is created next to it). `BENCH_LOCALE=th` writes every mail in Thai
//! (default `en`): the cost of a language is the difference of two runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;
use diesel::Connection;
use jpa_coord::config::{EmailTransportKind, Settings};
use jpa_coord::db::{self, agencies, jpas, users};
use secrecy::SecretString;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

const AGENCIES: usize = 200;
const LIAISONS_PER_AGENCY: usize = 3;

async fn smtp_sink() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            // As a real MTA does: answer each command at once.
            let _ = socket.set_nodelay(true);
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if in_data {
                        if line == "." {
                            in_data = false;
                            b"250 OK\r\n"
                        } else {
                            continue;
                        }
                    } else {
                        let upper = line.to_ascii_uppercase();
                        if upper.starts_with("EHLO") {
                            b"250-sink\r\n250 8BITMIME\r\n"
                        } else if upper.starts_with("DATA") {
                            in_data = true;
                            b"354 go\r\n"
                        } else if upper.starts_with("QUIT") {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        } else {
                            b"250 OK\r\n"
                        }
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("BENCH_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("jpa_bench_{}", uuid::Uuid::new_v4().simple());
            let mut admin = diesel::PgConnection::establish(&base).unwrap();
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap();
            format!("{}/{name}", base.rsplit_once('/').unwrap().0)
        }
        _ => format!("sqlite://{}/bench.db", dir.display()),
    }
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("jpa-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = database_url(&dir);
    let port = smtp_sink().await;
    let mut settings = Settings::load(std::path::Path::new("config")).unwrap();
    settings.server.data_dir = dir.clone();
    settings.database.url = SecretString::from(url.clone());
    settings.auth.jwt_secret = Some(SecretString::from(
        "bench-secret-0123456789-abcdefghijklmnop",
    ));
    settings.email.transport = EmailTransportKind::Smtp;
    settings.email.smtp_url = SecretString::from(format!("smtp://127.0.0.1:{port}"));
    let (state, mailer) = jpa_coord::startup::build_state(settings).await.unwrap();

    let locale = std::env::var("BENCH_LOCALE").unwrap_or_else(|_| "en".into());
    println!("locale: {locale}");
    let seed_started = Instant::now();
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = db.get().unwrap();
        db::write_tx(&mut conn, |conn| {
            let now = db::now();
            let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let jpa = jpas::JpaRow {
                id: db::new_id(),
                code: "BENCH".into(),
                name: "Benchmark JPA".into(),
                description: String::new(),
                start_date: start,
                end_date: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
                status: "active".into(),
                is_exercise: false,
                report_due_day: 10,
                reminder_days_before: 5,
                timezone: "Asia/Bangkok".into(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            jpas::insert(conn, &jpa)?;
            for i in 0..AGENCIES {
                let agency = agencies::AgencyRow {
                    id: db::new_id(),
                    name: format!("Agency {i:03}"),
                    country: "TH".into(),
                    kind: "police".into(),
                    contact_email: format!("desk{i}@agency.example"),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                };
                agencies::insert(conn, &agency)?;
                jpas::add_participant(conn, &jpa.id, &agency.id, start, now)?;
                for j in 0..LIAISONS_PER_AGENCY {
                    users::insert(
                        conn,
                        &users::UserRow {
                            id: db::new_id(),
                            email: format!("liaison{i}-{j}@agency.example"),
                            display_name: format!("Liaison {i}-{j}"),
                            role: "liaison".into(),
                            agency_id: Some(agency.id.clone()),
                            active: true,
                            password_hash: None,
                            locale: locale.clone(),
                            organisation: None,
                            version: 1,
                            created_at: now,
                            updated_at: now,
                        },
                    )?;
                }
            }
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap();
    })
    .await
    .unwrap();
    println!(
        "backend: {}",
        if url.starts_with("postgres") {
            "postgresql"
        } else {
            "sqlite"
        }
    );
    println!(
        "seeded {AGENCIES} agencies x 12 periods x {LIAISONS_PER_AGENCY} liaisons in {:?}",
        seed_started.elapsed()
    );

    // 11 July: June's return is one day overdue for every agency.
    let as_of = NaiveDate::from_ymd_opt(2026, 7, 11);
    let started = Instant::now();
    let counts = state.run_reminder_pass(as_of).await.unwrap();
    let first = started.elapsed();
    println!(
        "pass_queue_ms {:.1} (queued {} mails: {:?})",
        first.as_secs_f64() * 1000.0,
        counts.total(),
        counts
    );
    let started = Instant::now();
    let again = state.run_reminder_pass(as_of).await.unwrap();
    println!(
        "pass_again_ms {:.1} (queued {})",
        started.elapsed().as_secs_f64() * 1000.0,
        again.total()
    );

    let started = Instant::now();
    let mut sent = 0;
    loop {
        let n = jpa_coord::email::worker::deliver_due(&state, &mailer)
            .await
            .unwrap();
        if n == 0 {
            break;
        }
        sent += n;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "delivered {sent} mails in {secs:.2} s: delivery_rate_per_s {:.0}",
        sent as f64 / secs
    );
    let _ = std::fs::remove_dir_all(&dir);
}
