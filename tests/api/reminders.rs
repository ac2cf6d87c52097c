//! Reminder emails end to end: passes on chosen days, delivered over SMTP to a server on
//! 127.0.0.1; idempotent passes; submitted returns stop reminders; two instances at once.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{Datelike, Days, Months, NaiveDate};
use jpa_coord::config::EmailTransportKind;
use jpa_coord::domain::Role;
use jpa_coord::i18n::{long_date, message_in, period_name};
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::{spawn_app_with, spawn_instance, TestApp};
use crate::scenario::today;
use crate::smtp::{self, Mode, SmtpServer};

struct Month {
    app: TestApp,
    jpa: String,
    server: SmtpServer,
    /// First day of next month: the month in which this month's return falls due.
    next: NaiveDate,
    this_period: String,
}

fn smtp_settings(url: String) -> impl FnOnce(&mut jpa_coord::config::Settings) {
    move |s| {
        s.email.transport = EmailTransportKind::Smtp;
        s.email.smtp_url = SecretString::from(url);
        s.email.send_timeout_seconds = 2;
    }
}

/// A JPA starting this month with agencies A, B, C (one liaison each, A with two) and a
/// co-chair; A files this month's return now; B has an overdue milestone.
async fn month(exercise: bool) -> Month {
    let server = smtp::start(Mode::Accept).await;
    let app = spawn_app_with(smtp_settings(server.url())).await;
    let admin = app.admin_token.clone();
    let start = NaiveDate::from_ymd_opt(today().year(), today().month(), 1).unwrap();
    let jpa = app
        .post("/api/v1/jpas", Some(&admin), json!({"code": "JPA-M", "name": "Month", "start_date": start, "status": "active", "is_exercise": exercise}))
        .await;
    let jpa = jpa.body["id"].as_str().unwrap().to_string();
    let mut liaisons = BTreeMap::new();
    for (name, country) in [("Agency A", "TH"), ("Agency B", "VN"), ("Agency C", "KH")] {
        let id = app.create_agency(name, country).await;
        app.request(
            "PUT",
            &format!("/api/v1/jpas/{jpa}/agencies/{id}"),
            Some(&admin),
            None,
        )
        .await;
        let token = app.user_with_token(Role::Liaison, Some(id.clone())).await.1;
        liaisons.insert(name, (id, token));
    }
    let (a_id, la) = liaisons["Agency A"].clone();
    app.create_user("second-a@agency.example", Role::Liaison, Some(a_id))
        .await;
    app.create_user("chair@wg.example", Role::CoChair, None)
        .await;
    app.create_user(
        "gone@agency.example",
        Role::Liaison,
        Some(liaisons["Agency B"].0.clone()),
    )
    .await;
    let gone = app.get("/api/v1/users?limit=200", &admin).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "gone@agency.example")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        app.patch(
            &format!("/api/v1/users/{gone}"),
            &admin,
            1,
            json!({"active": false})
        )
        .await
        .status,
        200
    );

    let this_period = format!("{:04}-{:02}", start.year(), start.month());
    let path = format!("/api/v1/jpas/{jpa}/returns/{this_period}");
    app.request("PUT", &path, Some(&la), Some(json!({"nil_return": true})))
        .await;
    assert_eq!(
        app.post(&format!("{path}/submit"), Some(&la), json!({}))
            .await
            .status,
        200
    );

    let (_, lb) = &liaisons["Agency B"];
    let inv = app
        .post(&format!("/api/v1/jpas/{jpa}/investigations"), Some(lb), json!({"reference": "B-1", "title": "Ferry route", "crime_types": ["people_smuggling"]}))
        .await;
    let inv = inv.body["id"].as_str().unwrap();
    let ms = app
        .post(
            &format!("/api/v1/investigations/{inv}/milestones"),
            Some(lb),
            json!({"kind": "mla_request", "title": "Send MLA request", "due_on": today()}),
        )
        .await;
    assert_eq!(ms.status, 201);
    let next = start + Months::new(1);
    Month {
        app,
        jpa,
        server,
        next,
        this_period,
    }
}

async fn run(app: &TestApp, day: NaiveDate) -> serde_json::Value {
    let r = app
        .post(
            "/api/v1/admin/reminders/run",
            Some(&app.admin_token),
            json!({"as_of": day}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["queued"].clone()
}

async fn settle(app: &TestApp) {
    for _ in 0..100 {
        let pending = app
            .get(
                "/api/v1/admin/emails?status=pending&limit=200",
                &app.admin_token,
            )
            .await;
        let sending = app
            .get(
                "/api/v1/admin/emails?status=sending&limit=200",
                &app.admin_token,
            )
            .await;
        if pending.body["items"].as_array().unwrap().is_empty()
            && sending.body["items"].as_array().unwrap().is_empty()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("outbox did not drain");
}

/// Received mails with quoted-printable soft line breaks undone.
fn reminder_mails(server: &SmtpServer) -> Vec<String> {
    server
        .messages()
        .into_iter()
        .map(|m| m.replace("=\n", "").replace("=3D", "="))
        .filter(|m| m.contains("Monthly return"))
        .collect()
}

/// A header as a mail reader shows it (unfolded, RFC 2047 decoded).
fn header(mail: &str, name: &str) -> String {
    use mailparse::MailHeaderMap;
    mailparse::parse_headers(mail.as_bytes())
        .ok()
        .and_then(|(headers, _)| headers.get_first_value(name))
        .unwrap_or_default()
}

#[tokio::test]
async fn a_month_of_passes_delivers_exactly_the_expected_reminders_once() {
    let m = month(false).await;
    let app = &m.app;
    let mut per_day = Vec::new();
    for offset in 0..27 {
        let day = m.next + Days::new(offset);
        let queued = run(app, day).await;
        settle(app).await;
        let total = queued["due_soon"].as_u64().unwrap()
            + queued["overdue"].as_u64().unwrap()
            + queued["digest"].as_u64().unwrap();
        if total > 0 {
            per_day.push((day.day(), queued));
        }
    }
    // Due on the 10th: due-soon on the 5th to B and C (A filed), overdue on the 11th, 18th
    // and 25th to B and C, the co-chair digest on the 11th.
    let days: Vec<u32> = per_day.iter().map(|(d, _)| *d).collect();
    assert_eq!(days, vec![5, 11, 18, 25], "{per_day:?}");
    assert_eq!(
        per_day[0].1,
        json!({"due_soon": 2, "overdue": 0, "digest": 0})
    );
    assert_eq!(
        per_day[1].1,
        json!({"due_soon": 0, "overdue": 2, "digest": 1})
    );
    assert_eq!(
        per_day[2].1,
        json!({"due_soon": 0, "overdue": 2, "digest": 0})
    );
    assert_eq!(
        per_day[3].1,
        json!({"due_soon": 0, "overdue": 2, "digest": 0})
    );

    let mails = reminder_mails(&m.server);
    assert_eq!(mails.len(), 9);
    let to: Vec<String> = mails.iter().map(|mail| header(mail, "To")).collect();
    assert!(
        !to.iter()
            .any(|t| t.contains("second-a") || t.contains("gone@")),
        "A filed; inactive liaisons get nothing: {to:?}"
    );
    let subjects: Vec<String> = mails.iter().map(|mail| header(mail, "Subject")).collect();
    let due_word = format!(
        "Monthly return for {} due on {}",
        period_name("en", &m.this_period),
        long_date(
            "en",
            &NaiveDate::from_ymd_opt(m.next.year(), m.next.month(), 10)
                .unwrap()
                .to_string()
        )
    );
    assert_eq!(
        subjects.iter().filter(|s| s.contains(&due_word)).count(),
        2,
        "{subjects:?}"
    );
    assert_eq!(
        subjects
            .iter()
            .filter(|s| s.contains("is overdue (reminder 3 of 3)"))
            .count(),
        2
    );
    assert!(subjects.iter().all(|s| s.starts_with("[JPA-M]")));
    let digest = m
        .server
        .messages()
        .into_iter()
        .find(|mail| header(mail, "To") == "chair@wg.example")
        .expect("digest");
    assert!(digest.contains("Agency A (TH): on time"), "{digest}");
    assert!(digest.contains("Agency B (VN): missing"));
    let b_mail = mails.iter().find(|mail| mail.contains("Agency B")).unwrap();
    assert!(
        b_mail.contains("Send MLA request"),
        "reminders list the agency's overdue milestones"
    );
    assert!(b_mail.contains(&format!(
        "http://jpa.test/jpas/{}/returns/{}",
        m.jpa, m.this_period
    )));

    // Every pass again: nothing new.
    for offset in 0..27 {
        let queued = run(app, m.next + Days::new(offset)).await;
        assert_eq!(queued, json!({"due_soon": 0, "overdue": 0, "digest": 0}));
    }
    settle(app).await;
    assert_eq!(reminder_mails(&m.server).len(), 9);
}

#[tokio::test]
async fn submitting_a_return_stops_its_reminders_and_exercises_are_marked() {
    let m = month(true).await;
    let app = &m.app;
    let queued = run(app, m.next + Days::new(4)).await;
    assert_eq!(queued["due_soon"], 2);
    settle(app).await;
    let subjects: Vec<String> = reminder_mails(&m.server)
        .iter()
        .map(|mail| header(mail, "Subject"))
        .collect();
    assert!(
        subjects.iter().all(|s| s.starts_with("[EXERCISE] [JPA-M]")),
        "{subjects:?}"
    );
    assert!(reminder_mails(&m.server)[0].contains("THIS IS AN EXERCISE"));
    // B files now; from then on only C is chased.
    let returns = app
        .get(
            &format!("/api/v1/jpas/{}/compliance", m.jpa),
            &app.admin_token,
        )
        .await;
    let b = returns.body["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Agency B")
        .unwrap()["agency_id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!(
        "/api/v1/jpas/{}/returns/{}?agency_id={b}",
        m.jpa, m.this_period
    );
    app.request(
        "PUT",
        &path,
        Some(&app.admin_token),
        Some(json!({"narrative": "filed by the secretariat"})),
    )
    .await;
    let submit = format!(
        "/api/v1/jpas/{}/returns/{}/submit?agency_id={b}",
        m.jpa, m.this_period
    );
    assert_eq!(
        app.post(&submit, Some(&app.admin_token), json!({}))
            .await
            .status,
        200
    );
    let queued = run(app, m.next + Days::new(10)).await;
    assert_eq!(queued["overdue"], 1, "only C is overdue");
    assert_eq!(queued["digest"], 1);
}

#[tokio::test]
async fn two_instances_running_passes_and_workers_at_once_send_each_reminder_once() {
    let server = smtp::start(Mode::Accept).await;
    let m = month(false).await;
    let database_url = {
        let url = m.app.state.settings.database.url.clone();
        secrecy::ExposeSecret::expose_secret(&url).to_string()
    };
    let (_, first, _) = spawn_instance(&database_url, smtp_settings(server.url())).await;
    let (_, second, _) = spawn_instance(&database_url, smtp_settings(server.url())).await;
    let day = m.next + Days::new(11);
    let (a, b) = tokio::join!(
        first.run_reminder_pass(Some(day)),
        second.run_reminder_pass(Some(day))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a.total() + b.total(),
        3,
        "B and C overdue plus one digest, queued once: {a:?} {b:?}"
    );
    // Three workers (the test app's and the two instances') now race for the rows.
    for _ in 0..100 {
        if server.messages().len() + reminder_mails(&m.server).len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut ids: Vec<String> = server
        .messages()
        .iter()
        .chain(m.server.messages().iter())
        .map(|mail| header(mail, "Message-ID"))
        .filter(|id| id.contains("@"))
        .collect();
    let reminder_ids = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), reminder_ids, "no Message-ID delivered twice");
    let all = m
        .app
        .get("/api/v1/admin/emails?limit=200", &m.app.admin_token)
        .await;
    let reminders: Vec<&serde_json::Value> = all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] != "invitation")
        .collect();
    assert_eq!(reminders.len(), 3);
    assert!(
        reminders
            .iter()
            .all(|e| e["status"] == "sent" && e["attempts"] == 1),
        "{reminders:?}"
    );
}

#[tokio::test]
async fn a_reminder_pass_run_by_an_admin_is_audited_with_its_day_and_counts() {
    // Arrange
    let m = month(false).await;
    let app = &m.app;
    let day = m.next + Days::new(4);

    // Act
    let queued = run(app, day).await;
    let events = app
        .get("/api/v1/audit?entity_type=reminder_pass", &app.admin_token)
        .await;

    // Assert
    assert_eq!(events.status, 200);
    let items = events.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", events.text);
    assert_eq!(items[0]["action"], "reminders.run");
    assert_eq!(items[0]["actor_id"], app.admin_id.as_str());
    assert_eq!(
        items[0]["changes"]["as_of"]["after"],
        day.format("%Y-%m-%d").to_string()
    );
    assert_eq!(items[0]["changes"]["queued"]["after"], queued);
    assert_eq!(queued["due_soon"], 2, "the pass itself did its work");
}

/// The text of a mail part as its reader sees it: tags, entities and the words that are
/// data rather than the service's (the JPA's code and name, the reader's name, links).
fn words_left(text: &str, data: &[&str]) -> Vec<String> {
    let tags = regex::Regex::new(r"<[^>]*>|&[#a-zA-Z0-9]+;|https?://\S+").unwrap();
    let mut text = tags.replace_all(text, " ").to_string();
    for d in data {
        text = text.replace(d, " ");
    }
    let word = regex::Regex::new(r"[A-Za-z]{3,}").unwrap();
    word.find_iter(&text)
        .map(|m| m.as_str().to_string())
        .collect()
}

#[tokio::test]
async fn a_reminder_pass_mails_each_liaison_in_the_liaison_s_own_language() {
    let server = smtp::start(Mode::Accept).await;
    let app = spawn_app_with(smtp_settings(server.url())).await;
    let admin = app.admin_token.clone();
    let start = NaiveDate::from_ymd_opt(today().year(), today().month(), 1).unwrap();
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&admin),
            json!({"code": "JPA-L", "name": "JPA-L", "start_date": start, "status": "active"}),
        )
        .await;
    assert_eq!(jpa.status, 201, "{}", jpa.text);
    let jpa = jpa.body["id"].as_str().unwrap().to_string();
    // Agency names in their own script, so that any English left in a mail is the service's.
    let mut readers = Vec::new();
    for (name, country, lang) in [
        ("Singapore Police Force", "SG", "en"),
        ("สำนักงานตำรวจแห่งชาติ", "TH", "th"),
        ("公安部", "CN", "zh-Hans"),
    ] {
        let agency = app.create_agency(name, country).await;
        app.request(
            "PUT",
            &format!("/api/v1/jpas/{jpa}/agencies/{agency}"),
            Some(&admin),
            None,
        )
        .await;
        // An invited user of the agency reads its country's language unless told otherwise.
        let invited = app
            .post(
                "/api/v1/users",
                Some(&admin),
                json!({"email": format!("invited-{country}@agency.example"), "display_name": "Invitee", "role": "liaison", "agency_id": agency}),
            )
            .await;
        assert_eq!(invited.status, 201, "{}", invited.text);
        assert_eq!(invited.body["locale"], lang, "the default of {country}");
        let (id, token, _) = app.user_with_token(Role::Liaison, Some(agency)).await;
        // The Thai liaison chooses Thai on /me; the admin sets the Chinese reader's.
        let changed = match lang {
            "th" => {
                let r = app
                    .request(
                        "PATCH",
                        "/api/v1/me",
                        Some(&token),
                        Some(json!({"locale": "th"})),
                    )
                    .await;
                assert_eq!(r.status, 428, "PATCH /me needs If-Match: {}", r.text);
                app.patch("/api/v1/me", &token, 1, json!({"locale": "th"}))
                    .await
            }
            "zh-Hans" => {
                app.patch(
                    &format!("/api/v1/users/{id}"),
                    &admin,
                    1,
                    json!({"locale": "zh-Hans"}),
                )
                .await
            }
            _ => app.get("/api/v1/me", &token).await,
        };
        assert_eq!(changed.status, 200, "{}", changed.text);
        assert_eq!(changed.body["locale"], lang);
        let email = changed.body["email"].as_str().unwrap().to_string();
        readers.push((email, lang));
    }
    let rejected = app
        .patch("/api/v1/me", &admin, 1, json!({"locale": "klingon"}))
        .await;
    assert_eq!(rejected.status, 422, "{}", rejected.text);
    let role = app
        .patch("/api/v1/me", &admin, 1, json!({"role": "observer"}))
        .await;
    assert!(
        matches!(role.status, 400 | 422),
        "no mass assignment on /me: {}",
        role.text
    );

    let next = start + Months::new(1);
    let due = NaiveDate::from_ymd_opt(next.year(), next.month(), 10).unwrap();
    let queued = run(
        &app,
        NaiveDate::from_ymd_opt(next.year(), next.month(), 5).unwrap(),
    )
    .await;
    settle(&app).await;
    // The invitees have not set a password, but they are liaisons of the agencies too.
    assert_eq!(queued["due_soon"], 6, "{queued}");
    let period = format!("{:04}-{:02}", start.year(), start.month());
    for (email, lang) in readers {
        let raw = server
            .messages()
            .into_iter()
            .find(|m| m.lines().any(|l| l == format!("To: {email}")))
            .unwrap_or_else(|| panic!("no reminder to {email}"));
        use mailparse::MailHeaderMap;
        let mail = mailparse::parse_mail(raw.as_bytes()).unwrap();
        let subject = mail.headers.get_first_value("Subject").unwrap();
        let expected = message_in(
            lang,
            "mail-due-soon-subject",
            &[
                ("code", "JPA-L".into()),
                ("period", period_name(lang, &period).into()),
                ("due", long_date(lang, &due.to_string()).into()),
            ],
        );
        assert_eq!(subject, expected, "{lang} subject");
        assert!(subject.contains(&period_name(lang, &period)), "{subject}");
        let parts: Vec<&mailparse::ParsedMail> = if mail.subparts.is_empty() {
            vec![&mail]
        } else {
            mail.subparts
                .iter()
                .flat_map(|p| {
                    if p.subparts.is_empty() {
                        vec![p]
                    } else {
                        p.subparts.iter().collect()
                    }
                })
                .collect()
        };
        let mut kinds = Vec::new();
        for part in parts {
            let kind = part.ctype.mimetype.clone();
            assert_eq!(
                part.ctype.charset.to_ascii_lowercase(),
                "utf-8",
                "{lang} {kind}"
            );
            let body = part.get_body().unwrap();
            let greeting = message_in(lang, "mail-greeting", &[("name", "Test User".into())]);
            let signature = message_in(lang, "mail-signature", &[]);
            assert!(
                body.contains(&greeting) || body.contains(&greeting.replace('&', "&amp;")),
                "{lang} {kind}: {body}"
            );
            assert!(body.contains(&signature), "{lang} {kind}: {body}");
            if lang != "en" {
                // "JPA" is the domain's acronym in every language.
                let english = words_left(&body, &["JPA", "Test User", "utf-8"]);
                assert!(
                    english.is_empty(),
                    "{lang} {kind} mixes in English: {english:?}\n{body}"
                );
                assert!(!body.contains(&message_in("en", "mail-signature", &[])));
            }
            kinds.push(kind);
        }
        kinds.sort();
        assert_eq!(kinds, ["text/html", "text/plain"], "{lang}: both bodies");
    }
}
