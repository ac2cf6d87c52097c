//! The cost of a language (issue 16: a page or mail in Thai costs at most 10% more than in
//! English). Renders the same reminder (ten milestones), co-chair digest (fifty agencies)
//! and invitation in English and in Thai, in alternating rounds, and prints the median
//! time per mail of each and the ratio: rendered from the catalogue and templates, then
//! built as the outbox worker builds it (lettre, multipart text + HTML) and formatted to
//! the bytes that go on the wire. Run:
//! `cargo run --release --example i18n_bench` (pages: `bench/i18n.sh`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chrono::NaiveDate;
use jpa_coord::db::outbox::NewMail;
use jpa_coord::domain::period::Period;
use jpa_coord::reminders::render::Templates;
use jpa_coord::reminders::rules::{DigestRow, MilestoneFact, Person, Reminder, ReminderKind};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

const PER_ROUND: usize = 2000;
const ROUNDS: usize = 15;

fn reminder(lang: &str, kind: ReminderKind) -> Reminder {
    let digest = matches!(kind, ReminderKind::Digest);
    Reminder {
        kind,
        recipient: Person {
            user_id: "u".into(),
            email: "liaison@agency.example".into(),
            display_name: "Somchai Jaidee".into(),
            locale: lang.into(),
        },
        agency: (!digest).then(|| "Royal Thai Police".to_string()),
        period: Period::parse("2026-03").unwrap(),
        due: NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(),
        dedupe_key: "k".into(),
        milestones: if digest {
            Vec::new()
        } else {
            (0..10)
                .map(|i| MilestoneFact {
                    investigation: format!("TH-2026-{i:03}"),
                    title: format!("Send the MLA request {i}"),
                    due_on: NaiveDate::from_ymd_opt(2026, 3, 1 + i).unwrap(),
                    overdue: i % 2 == 0,
                })
                .collect()
        },
        digest: if digest {
            (0..50)
                .map(|i| DigestRow {
                    agency: format!("Agency {i}"),
                    country: "TH".into(),
                    state: ["on time", "late", "missing"][i % 3],
                    overdue_milestones: i % 4,
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The mail as the outbox worker sends it, formatted to bytes.
fn wire(mail: NewMail) -> usize {
    let to: Mailbox = mail.recipient.parse().unwrap();
    let from: Mailbox = "JPA Coordination <no-reply@jpa-coord.localhost>"
        .parse()
        .unwrap();
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject)
        .message_id(Some("<id@jpa-coord.localhost>".into()))
        .multipart(MultiPart::alternative_plain_html(
            mail.body_text,
            mail.body_html,
        ))
        .unwrap()
        .formatted()
        .len()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let templates = Templates::new().unwrap();
    println!("mail                 en µs   th µs   th/en   en bytes  th bytes");
    for (name, kind) in [
        ("reminder (overdue)", ReminderKind::Overdue(1)),
        ("digest (50 rows)", ReminderKind::Digest),
    ] {
        let mut times = std::collections::BTreeMap::<&str, Vec<f64>>::new();
        let mut rendering = std::collections::BTreeMap::<&str, Vec<f64>>::new();
        for round in 0..ROUNDS {
            // Alternate which goes first, so that warm-up and drift fall on both.
            let order = if round % 2 == 0 {
                ["en", "th"]
            } else {
                ["th", "en"]
            };
            for lang in order {
                let r = reminder(lang, kind);
                let started = Instant::now();
                for _ in 0..PER_ROUND {
                    let mail = templates
                        .render(
                            &r,
                            "JPA-2026",
                            "Joint Period of Action 2026",
                            false,
                            "http://x/",
                        )
                        .unwrap();
                    std::hint::black_box(wire(mail));
                }
                let micros = started.elapsed().as_secs_f64() * 1e6 / PER_ROUND as f64;
                times.entry(lang).or_default().push(micros);
                let started = Instant::now();
                for _ in 0..PER_ROUND {
                    let mail = templates
                        .render(
                            &r,
                            "JPA-2026",
                            "Joint Period of Action 2026",
                            false,
                            "http://x/",
                        )
                        .unwrap();
                    std::hint::black_box(mail);
                }
                let micros = started.elapsed().as_secs_f64() * 1e6 / PER_ROUND as f64;
                rendering.entry(lang).or_default().push(micros);
            }
        }
        let (en, th) = (median(times["en"].clone()), median(times["th"].clone()));
        let size = |lang: &str| {
            wire(
                templates
                    .render(
                        &reminder(lang, kind),
                        "JPA-2026",
                        "Joint Period of Action 2026",
                        false,
                        "http://x/",
                    )
                    .unwrap(),
            )
        };
        println!(
            "{name:<20} {en:>6.1}  {th:>6.1}   {:.2}   {:>8}  {:>8}",
            th / en,
            size("en"),
            size("th")
        );
        let (en, th) = (
            median(rendering["en"].clone()),
            median(rendering["th"].clone()),
        );
        println!("  of which rendering {en:>6.1}  {th:>6.1}   {:.2}", th / en);
    }
    let mut times = std::collections::BTreeMap::<&str, Vec<f64>>::new();
    for round in 0..ROUNDS {
        let order = if round % 2 == 0 {
            ["en", "th"]
        } else {
            ["th", "en"]
        };
        for lang in order {
            let started = Instant::now();
            for _ in 0..PER_ROUND {
                let mail = jpa_coord::email::messages::invitation(
                    lang,
                    "liaison@agency.example",
                    "Somchai Jaidee",
                    "http://x",
                    "token",
                    "k".into(),
                );
                std::hint::black_box(wire(mail));
            }
            times
                .entry(lang)
                .or_default()
                .push(started.elapsed().as_secs_f64() * 1e6 / PER_ROUND as f64);
        }
    }
    let (en, th) = (median(times["en"].clone()), median(times["th"].clone()));
    println!("{:<20} {en:>6.1}  {th:>6.1}   {:.2}", "invitation", th / en);
}
