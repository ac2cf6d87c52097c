//! The progress figures kept with every write (`db::figures`): after any sequence of
//! writes they equal a count of the raw rows, and progress computed from them is the
//! document computed from the raw rows, for any `as_of`.

use chrono::{Datelike, Days, Months, NaiveDate};
use jpa_coord::db::reports::Source;
use jpa_coord::db::{figures, jpas};
use jpa_coord::reports::progress::compute_from;
use serde_json::{json, Value};

use crate::helpers::{
    fresh_postgres_database, local_postgres_url, spawn_app, spawn_app_on, spawn_instance, TestApp,
};

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Asserts the kept figures equal the raw rows, and progress from them equals progress
/// from the raw rows on every day of `days` (each as seen by a co-chair and by an
/// observer).
async fn assert_figures_hold(app: &TestApp, jpa_id: &str, days: Vec<NaiveDate>) {
    let jpa_id = jpa_id.to_string();
    let failures = app
        .state
        .db
        .run(move |conn| {
            let mut failures = Vec::new();
            for m in figures::check(conn)? {
                failures.push(m.to_string());
            }
            let jpa = jpas::find(conn, &jpa_id)?;
            for day in days {
                for suppress in [false, true] {
                    let raw = compute_from(conn, Source::Raw, &jpa, json!({}), day, suppress)?;
                    let kept = compute_from(conn, Source::Figures, &jpa, json!({}), day, suppress)?;
                    if raw != kept {
                        failures.push(format!(
                            "as_of {day} (observer: {suppress}):\nraw  {raw}\nkept {kept}"
                        ));
                    }
                }
            }
            Ok(failures)
        })
        .await
        .expect("check runs");
    assert!(
        failures.is_empty(),
        "{} differences, the first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every day from a week before `start` to 40 days after today.
fn every_day(start: NaiveDate) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut day = start - Days::new(7);
    while day <= today() + Days::new(40) {
        days.push(day);
        day = day + Days::new(1);
    }
    days
}

#[tokio::test]
async fn progress_from_the_figures_is_progress_from_the_raw_rows_on_every_day_of_the_demo() {
    let app = spawn_app().await;
    let ids = app
        .state
        .db
        .run(|conn| {
            jpa_coord::demo::load(conn, 1, false)?;
            jpa_coord::demo::load(conn, 2, false)?;
            use diesel::prelude::*;
            use jpa_coord::db::schema::jpas::dsl;
            Ok(dsl::jpas
                .select((dsl::id, dsl::start_date))
                .load::<(String, NaiveDate)>(conn)?)
        })
        .await
        .expect("demo loads");
    assert!(ids.len() >= 2, "{ids:?}");
    for (id, start) in &ids {
        // Every fourth day: in four runs a week apart, every weekday and day of a month.
        let days = every_day(*start).into_iter().step_by(4).collect();
        assert_figures_hold(&app, id, days).await;
    }
    // The same once the changes are folded into the figures.
    app.state
        .db
        .run(|conn| Ok(figures::fold(conn)?))
        .await
        .expect("fold");
    for (id, start) in &ids {
        assert_figures_hold(
            &app,
            id,
            every_day(*start).into_iter().skip(1).step_by(15).collect(),
        )
        .await;
    }
}

/// A JPA of six agencies (five taking part) for random writes, as the admin.
struct Jpa {
    id: String,
    start: NaiveDate,
    agencies: Vec<String>,
}

async fn random_jpa(app: &TestApp) -> Jpa {
    let start =
        NaiveDate::from_ymd_opt(today().year(), today().month(), 1).unwrap() - Months::new(5);
    let mut agencies = Vec::new();
    for (name, country) in [
        ("Royal Thai Police", "TH"),
        ("Vietnam Immigration", "VN"),
        ("Cambodian National Police", "KH"),
        ("Australian Federal Police", "AU"),
        ("Thai Immigration Bureau", "TH"),
        ("Lao Border Police", "LA"),
    ] {
        agencies.push(app.create_agency(name, country).await);
    }
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&app.admin_token),
            json!({"code": "JPA-F", "name": "Figures", "start_date": start, "status": "active"}),
        )
        .await;
    assert_eq!(jpa.status, 201, "{}", jpa.text);
    let id = jpa.body["id"].as_str().unwrap().to_string();
    for agency in &agencies[..5] {
        let r = app
            .request(
                "PUT",
                &format!("/api/v1/jpas/{id}/agencies/{agency}"),
                Some(&app.admin_token),
                Some(json!({"joined_on": start})),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    Jpa {
        id,
        start,
        agencies,
    }
}

/// One instance's client: its address and the admin's token.
#[derive(Clone)]
struct Writer {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Writer {
    fn of(app: &TestApp) -> Writer {
        Writer {
            client: app.client.clone(),
            base: app.address.clone(),
            token: app.admin_token.clone(),
        }
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        version: Option<i64>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(v) = version {
            req = req.header("If-Match", format!("\"{v}\""));
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        let body = resp.json().await.unwrap_or(Value::Null);
        (status, body)
    }
}

/// Ids the writes pick from (shared by concurrent writers, so they meet on the same
/// rows; a pick may have been deleted since: the answer is then a 404).
#[derive(Default)]
struct Pool {
    investigations: Vec<String>,
    milestones: Vec<String>,
    outcomes: Vec<String>,
    /// (investigation, agency) pairs added as partners.
    partners: Vec<(String, String)>,
    /// The version each milestone and outcome was last seen at (they have no GET).
    versions: std::collections::HashMap<String, i64>,
}

const INDICATORS: &[&str] = &[
    "suspects_identified",
    "arrests",
    "victims_identified",
    "persons_charged",
    "convictions",
];

/// `n` random writes of every kind that changes a counted fact; returns how many
/// succeeded. Every answer must be one the API documents (no 5xx).
async fn random_writes(
    w: &Writer,
    jpa: &Jpa,
    pool: &tokio::sync::Mutex<Pool>,
    n: usize,
    seed: u64,
) -> Tally {
    let mut rng = fastrand::Rng::with_seed(seed);
    let span = (today() - jpa.start).num_days().max(1) as u64;
    let day = |rng: &mut fastrand::Rng| jpa.start + Days::new(rng.u64(..=span));
    let any_day =
        |rng: &mut fastrand::Rng| jpa.start - Days::new(20) + Days::new(rng.u64(..span + 80));
    let mut tally = Tally::new();
    for _ in 0..n {
        let agency = jpa.agencies[rng.usize(..jpa.agencies.len())].clone();
        let (inv, ms, out, ms_v, out_v, partner) = {
            let p = pool.lock().await;
            let pick = |v: &Vec<String>, rng: &mut fastrand::Rng| {
                (!v.is_empty()).then(|| v[rng.usize(..v.len())].clone())
            };
            let (inv, ms, out) = (
                pick(&p.investigations, &mut rng),
                pick(&p.milestones, &mut rng),
                pick(&p.outcomes, &mut rng),
            );
            let version = |id: &Option<String>| {
                id.as_ref()
                    .and_then(|i| p.versions.get(i))
                    .copied()
                    .unwrap_or(1)
            };
            let (ms_v, out_v) = (version(&ms), version(&out));
            // Half the time the newest partner: it has no milestone or outcome yet (a
            // partner responsible for one cannot be removed: 409).
            let partner = if rng.bool() {
                p.partners.last().cloned()
            } else {
                (!p.partners.is_empty()).then(|| p.partners[rng.usize(..p.partners.len())].clone())
            };
            (inv, ms, out, ms_v, out_v, partner)
        };
        let roll = rng.u32(..100);
        let added = (20..=25)
            .contains(&roll)
            .then(|| (inv.clone(), agency.clone()));
        let (status, body, kind) = match (roll, &inv, &ms, &out) {
            (0..=9, _, _, _) | (_, None, _, _) => {
                let crimes = match rng.u8(..3) {
                    0 => json!(["people_smuggling"]),
                    1 => json!(["trafficking_in_persons"]),
                    _ => json!(["people_smuggling", "trafficking_in_persons"]),
                };
                let opened = day(&mut rng);
                let mut body = json!({"lead_agency_id": agency, "reference": format!("R-{}", rng.u32(..)),
                    "title": "Random case", "crime_types": crimes, "opened_on": opened});
                if rng.u8(..4) == 0 {
                    body["status"] = json!("closed");
                    body["closed_on"] =
                        json!(opened + Days::new(rng.u64(..=(today() - opened).num_days() as u64)));
                }
                let (s, b) = w
                    .send(
                        "POST",
                        &format!("/api/v1/jpas/{}/investigations", jpa.id),
                        None,
                        Some(body),
                    )
                    .await;
                (s, b, "investigation")
            }
            (10..=19, Some(inv), _, _) => {
                let (s, cur) = w
                    .send("GET", &format!("/api/v1/investigations/{inv}"), None, None)
                    .await;
                if s != 200 {
                    (s, cur, "investigation.update")
                } else {
                    let opened =
                        NaiveDate::parse_from_str(cur["opened_on"].as_str().unwrap(), "%Y-%m-%d")
                            .unwrap();
                    let body = match rng.u8(..5) {
                        0 => {
                            json!({"status": "closed", "closed_on": opened + Days::new(rng.u64(..=(today() - opened).num_days().max(0) as u64))})
                        }
                        1 => json!({"status": "suspended", "closed_on": null}),
                        2 => json!({"status": "open", "closed_on": null}),
                        3 => json!({"opened_on": day(&mut rng)}),
                        _ => {
                            json!({"crime_types": if rng.bool() { json!(["people_smuggling"]) } else { json!(["trafficking_in_persons", "people_smuggling"]) }})
                        }
                    };
                    let v = cur["version"].as_i64().unwrap();
                    let (s, b) = w
                        .send(
                            "PATCH",
                            &format!("/api/v1/investigations/{inv}"),
                            Some(v),
                            Some(body),
                        )
                        .await;
                    (s, b, "investigation.update")
                }
            }
            (20..=25, Some(inv), _, _) => {
                let (s, b) = w
                    .send(
                        "PUT",
                        &format!("/api/v1/investigations/{inv}/partners/{agency}"),
                        None,
                        None,
                    )
                    .await;
                (s, b, "partner.add")
            }
            (26..=29, Some(inv), _, _) => {
                let (inv, agency) = partner.unwrap_or((inv.clone(), agency.clone()));
                let (s, b) = w
                    .send(
                        "DELETE",
                        &format!("/api/v1/investigations/{inv}/partners/{agency}"),
                        None,
                        None,
                    )
                    .await;
                (s, b, "partner.remove")
            }
            (30..=49, Some(inv), _, _) => {
                let mut body =
                    json!({"kind": "other", "title": "Step", "due_on": any_day(&mut rng)});
                if rng.bool() {
                    body["responsible_agency_id"] = json!(agency);
                }
                if rng.u8(..3) == 0 {
                    body["status"] = json!("achieved");
                    body["achieved_on"] = json!(day(&mut rng));
                }
                let (s, b) = w
                    .send(
                        "POST",
                        &format!("/api/v1/investigations/{inv}/milestones"),
                        None,
                        Some(body),
                    )
                    .await;
                (s, b, "milestone")
            }
            (50..=59, _, Some(ms), _) => {
                let body = match rng.u8(..5) {
                    0 => json!({"status": "achieved", "achieved_on": day(&mut rng)}),
                    1 => json!({"status": "planned"}),
                    2 => json!({"status": "cancelled"}),
                    3 => json!({"due_on": any_day(&mut rng)}),
                    _ => json!({"responsible_agency_id": agency}),
                };
                let (s, b) = w
                    .send(
                        "PATCH",
                        &format!("/api/v1/milestones/{ms}"),
                        Some(ms_v),
                        Some(body),
                    )
                    .await;
                (s, b, "milestone.update")
            }
            (60..=63, _, Some(ms), _) => {
                let (s, b) = w
                    .send("DELETE", &format!("/api/v1/milestones/{ms}"), None, None)
                    .await;
                (s, b, "milestone.delete")
            }
            (64..=83, Some(inv), _, _) => {
                let mut body = json!({"indicator": INDICATORS[rng.usize(..INDICATORS.len())],
                    "value": rng.i64(0..40), "occurred_on": day(&mut rng)});
                if rng.bool() {
                    body["status"] = json!("confirmed");
                }
                let (s, b) = w
                    .send(
                        "POST",
                        &format!("/api/v1/investigations/{inv}/outcomes"),
                        None,
                        Some(body),
                    )
                    .await;
                (s, b, "outcome")
            }
            (84..=93, _, _, Some(out)) => {
                let body = match rng.u8(..4) {
                    0 => json!({"value": rng.i64(0..40), "revision_reason": "Recounted"}),
                    1 => json!({"occurred_on": day(&mut rng)}),
                    2 => json!({"status": "confirmed"}),
                    _ => json!({"indicator": INDICATORS[rng.usize(..INDICATORS.len())]}),
                };
                let (s, b) = w
                    .send(
                        "PATCH",
                        &format!("/api/v1/outcomes/{out}"),
                        Some(out_v),
                        Some(body),
                    )
                    .await;
                (s, b, "outcome.update")
            }
            (94..=96, _, _, Some(out)) => {
                let (s, b) = w
                    .send("DELETE", &format!("/api/v1/outcomes/{out}"), None, None)
                    .await;
                (s, b, "outcome.delete")
            }
            (97..=98, _, _, _) => {
                let (s, cur) = w
                    .send("GET", &format!("/api/v1/agencies/{agency}"), None, None)
                    .await;
                let v = cur["version"].as_i64().unwrap_or(1);
                let country = ["TH", "VN", "KH", "AU", "LA"][rng.usize(..5)];
                let (s2, b) = w
                    .send(
                        "PATCH",
                        &format!("/api/v1/agencies/{agency}"),
                        Some(v),
                        Some(json!({"country": country})),
                    )
                    .await;
                (if s == 200 { s2 } else { s }, b, "agency.country")
            }
            _ => {
                let (s, b) = if rng.bool() {
                    w.send(
                        "PUT",
                        &format!("/api/v1/jpas/{}/agencies/{agency}", jpa.id),
                        None,
                        Some(json!({"joined_on": jpa.start})),
                    )
                    .await
                } else {
                    w.send(
                        "DELETE",
                        &format!("/api/v1/jpas/{}/agencies/{agency}", jpa.id),
                        None,
                        None,
                    )
                    .await
                };
                (s, b, "participation")
            }
        };
        assert!(status < 500, "{kind}: {status} {body}");
        let counts = tally.entry(kind).or_default();
        counts.1 += 1;
        if (200..300).contains(&status) {
            counts.0 += 1;
            let id = body["id"].as_str().map(str::to_string);
            let mut p = pool.lock().await;
            if let (Some(id), Some(v)) = (&id, body["version"].as_i64()) {
                p.versions.insert(id.clone(), v);
            }
            if let ("partner.add", Some((Some(inv), agency))) = (kind, added) {
                p.partners.push((inv, agency));
            }
            match (kind, id) {
                ("investigation", Some(id)) => p.investigations.push(id),
                ("milestone", Some(id)) => p.milestones.push(id),
                ("outcome", Some(id)) => p.outcomes.push(id),
                _ => {}
            }
        }
    }
    tally
}

/// Per kind of write: how many succeeded, of how many sent.
type Tally = std::collections::BTreeMap<&'static str, (usize, usize)>;

/// Every kind of write was sent and most succeeded (the test writes what it means to).
fn assert_every_kind_succeeds(tallies: &[Tally]) {
    let mut all = Tally::new();
    for t in tallies {
        for (k, (ok, sent)) in t {
            let e = all.entry(k).or_default();
            e.0 += ok;
            e.1 += sent;
        }
    }
    for kind in [
        "investigation",
        "investigation.update",
        "partner.add",
        "partner.remove",
        "milestone",
        "milestone.update",
        "milestone.delete",
        "outcome",
        "outcome.update",
        "outcome.delete",
        "agency.country",
        "participation",
    ] {
        let (ok, sent) = all.get(kind).copied().unwrap_or_default();
        assert!(ok > 0, "no {kind} write succeeded ({sent} sent): {all:?}");
    }
    let (ok, sent) = all.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert!(ok * 2 > sent, "{ok} of {sent} writes succeeded: {all:?}");
}

/// The days to compare progress on: a week apart through the JPA, the ends of months,
/// today and the days around it.
fn sample_days(start: NaiveDate) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = every_day(start).into_iter().step_by(7).collect();
    let mut month = start;
    while month <= today() {
        days.push(month - Days::new(1));
        month = month + Months::new(1);
    }
    days.extend([today() - Days::new(1), today(), today() + Days::new(1)]);
    days
}

fn writes() -> usize {
    std::env::var("FIGURES_WRITES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

#[tokio::test]
async fn the_figures_equal_the_raw_rows_after_ten_thousand_random_writes() {
    let app = spawn_app().await;
    let jpa = random_jpa(&app).await;
    let pool = tokio::sync::Mutex::new(Pool::default());
    let w = Writer::of(&app);
    let n = writes();
    let tally = random_writes(&w, &jpa, &pool, n, 18).await;
    assert_every_kind_succeeds(&[tally]);
    assert_figures_hold(&app, &jpa.id, sample_days(jpa.start)).await;
}

#[tokio::test]
async fn the_figures_hold_when_two_instances_write_at_once_on_one_postgresql() {
    let url = fresh_postgres_database(&local_postgres_url());
    let app = spawn_app_on(&url, |_| {}).await;
    let (second, _state, _mailer) = spawn_instance(&url, |_| {}).await;
    let jpa = random_jpa(&app).await;
    let pool = tokio::sync::Mutex::new(Pool::default());
    let a = Writer::of(&app);
    let b = Writer {
        base: second,
        ..a.clone()
    };
    let n = writes() / 5;
    // Four writers, two on each instance, on the same rows.
    let (x, y, z, v) = tokio::join!(
        random_writes(&a, &jpa, &pool, n / 2, 1),
        random_writes(&b, &jpa, &pool, n / 2, 2),
        random_writes(&a, &jpa, &pool, n / 2, 3),
        random_writes(&b, &jpa, &pool, n / 2, 4),
    );
    assert_every_kind_succeeds(&[x, y, z, v]);
    assert_figures_hold(&app, &jpa.id, sample_days(jpa.start)).await;
}

/// `jpa-coord check`: 0 and a line saying so while the figures match; a figure changed
/// behind the service's back is named, with exit status 1.
#[tokio::test]
async fn jpa_coord_check_names_a_figure_that_differs_from_the_raw_rows() {
    let url = crate::helpers::fresh_database_url();
    let dir = std::env::temp_dir().join(format!("jpa-check-{}", uuid::Uuid::new_v4()));
    let app = spawn_app_on(&url, |s| s.server.data_dir = dir.clone()).await;
    let jpa = random_jpa(&app).await;
    let pool = tokio::sync::Mutex::new(Pool::default());
    random_writes(&Writer::of(&app), &jpa, &pool, 60, 7).await;
    let check = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_jpa-coord"))
            .arg("check")
            .env("JPA__DATABASE__URL", &url)
            .env("JPA__SERVER__DATA_DIR", &dir)
            .env("JPA__LOG__LEVEL", "warn")
            .output()
            .expect("run jpa-coord check")
    };
    let ok = check();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("progress figures match the raw rows"));

    let tampered = app
        .state
        .db
        .run(|conn| {
            use diesel::RunQueryDsl;
            figures::fold(conn)?;
            Ok(diesel::sql_query(
                "UPDATE progress_figures SET n = n + 1 WHERE fact = 'outcome' \
                 AND month = (SELECT MIN(month) FROM progress_figures WHERE fact = 'outcome')",
            )
            .execute(conn)?)
        })
        .await
        .expect("tamper");
    assert!(tampered > 0);
    let bad = check();
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("outcome agency") && out.contains("kept n="),
        "{out}"
    );
    // The test's own check on drop would fail as well: put the figures right first.
    app.state
        .db
        .run(move |conn| Ok(figures::rebuild_jpa(conn, &jpa.id)?))
        .await
        .expect("rebuild");
}

/// An outcome dated years before the JPA adds one running-total row (its first month's),
/// not one per month since; progress as of any day, then or now, still equals the raw
/// rows.
#[tokio::test]
async fn an_outcome_dated_long_before_the_jpa_adds_no_row_per_month_since() {
    let app = spawn_app().await;
    let jpa = random_jpa(&app).await;
    let w = Writer::of(&app);
    let (s, inv) = w
        .send(
            "POST",
            &format!("/api/v1/jpas/{}/investigations", jpa.id),
            None,
            Some(
                json!({"lead_agency_id": jpa.agencies[0], "reference": "OLD-1", "title": "Old case",
                "crime_types": ["people_smuggling"], "opened_on": jpa.start}),
            ),
        )
        .await;
    assert_eq!(s, 201, "{inv}");
    let inv = inv["id"].as_str().unwrap().to_string();
    for day in ["2001-03-05", "2001-03-20"] {
        let (s, b) = w
            .send(
                "POST",
                &format!("/api/v1/investigations/{inv}/outcomes"),
                None,
                Some(json!({"indicator": "arrests", "value": 3, "occurred_on": day})),
            )
            .await;
        assert_eq!(s, 201, "{b}");
    }
    let jpa_id = jpa.id.clone();
    let cum_rows = app
        .state
        .db
        .run(move |conn| {
            use diesel::prelude::*;
            use jpa_coord::db::schema::progress_figures::dsl;
            figures::fold(conn)?;
            Ok(dsl::progress_figures
                .filter(dsl::jpa_id.eq(jpa_id))
                .filter(dsl::fact.eq(figures::OUTCOME_CUM))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("count");
    assert!(
        (1..=13).contains(&cum_rows),
        "{cum_rows} running-total rows for one key over a 12-month JPA"
    );
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut days = vec![
        d("2001-03-04"),
        d("2001-03-10"),
        d("2001-03-31"),
        d("2001-04-30"),
        jpa.start - Days::new(1),
        jpa.start,
        today(),
    ];
    days.extend(sample_days(jpa.start));
    assert_figures_hold(&app, &jpa.id, days).await;
}

/// Many co-chairs reading progress at once while outcomes are recorded: each answer counts
/// every outcome whose write had completed before the request was sent (concurrent
/// requests share a computation, `reports::coalesce`, never one started before they
/// asked), and none of the parallel requests fails.
#[tokio::test]
async fn parallel_progress_requests_each_count_every_write_made_before_they_were_sent() {
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::sync::Arc;

    let app = spawn_app().await;
    let jpa = random_jpa(&app).await;
    let w = Writer::of(&app);
    let (s, inv) = w
        .send(
            "POST",
            &format!("/api/v1/jpas/{}/investigations", jpa.id),
            None,
            Some(
                json!({"lead_agency_id": jpa.agencies[0], "reference": "PAR-1", "title": "Parallel",
                "crime_types": ["people_smuggling"], "opened_on": jpa.start}),
            ),
        )
        .await;
    assert_eq!(s, 201, "{inv}");
    let inv = inv["id"].as_str().unwrap().to_string();
    let written = Arc::new(AtomicI64::new(0));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut readers = Vec::new();
    for _ in 0..12 {
        let (w, written, done, jpa_id) = (
            Writer::of(&app),
            written.clone(),
            done.clone(),
            jpa.id.clone(),
        );
        readers.push(tokio::spawn(async move {
            let mut reads = 0;
            while !done.load(Ordering::SeqCst) {
                let before = written.load(Ordering::SeqCst);
                let (s, doc) = w
                    .send(
                        "GET",
                        &format!("/api/v1/jpas/{jpa_id}/progress"),
                        None,
                        None,
                    )
                    .await;
                assert_eq!(s, 200, "{doc}");
                let seen = doc["outcomes"]["arrests"]["total"].as_i64().unwrap_or(0);
                assert!(
                    seen >= before,
                    "progress counted {seen} arrests, asked after {before} were recorded"
                );
                reads += 1;
            }
            reads
        }));
    }
    for i in 1..=40 {
        let (s, b) = w
            .send(
                "POST",
                &format!("/api/v1/investigations/{inv}/outcomes"),
                None,
                Some(json!({"indicator": "arrests", "value": 1, "occurred_on": jpa.start})),
            )
            .await;
        assert_eq!(s, 201, "{b}");
        written.store(i, Ordering::SeqCst);
    }
    done.store(true, Ordering::SeqCst);
    let mut reads = 0;
    for r in readers {
        reads += r.await.expect("reader");
    }
    assert!(reads >= 12, "{reads} reads");
    let (_, doc) = w
        .send(
            "GET",
            &format!("/api/v1/jpas/{}/progress", jpa.id),
            None,
            None,
        )
        .await;
    assert_eq!(doc["outcomes"]["arrests"]["total"], 40);
    assert!(
        app.state.progress_runs.is_empty(),
        "nothing is kept once every request is answered"
    );
}
