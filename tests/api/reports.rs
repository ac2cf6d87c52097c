//! Progress figures against a hand-computed fixture, constant statement count, CSV
//! exports and the compendium.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::connection::{Connection, InstrumentationEvent};
use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};

struct Fixture {
    app: TestApp,
    jpa: String,
    a: String,
    b: String,
    c: String,
    la: String,
    co_chair: String,
    observer: String,
    x: String,
    z: String,
}

async fn created(app: &TestApp, path: &str, token: &str, body: Value) -> String {
    let r = app.post(path, Some(token), body).await;
    assert_eq!(r.status, 201, "{path}: {}", r.text);
    r.body["id"].as_str().unwrap().to_string()
}

/// JPA from 2026-01-01; A (TH) and C (TH) and B (VN). X: lead A with partner B (cross
/// border), people smuggling, opened 5 Jan. Z: lead A with partner C (same country),
/// trafficking, opened 1 Feb, closed 15 Mar. W: lead B, both crime types, opened 1 Apr,
/// suspended. Milestones: m1 A achieved 20 Jan (due 1 Feb); m2 B due 15 Feb planned;
/// m3 A due 20 Mar planned; m4 on Z cancelled. Outcomes: arrests 4 by A (10 Jan,
/// confirmed, B contributing), arrests 2 by B (10 Feb, A contributing), victims 7 by B
/// (10 Apr).
async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let a = app.create_agency("Agency A", "TH").await;
    let b = app.create_agency("Agency B", "VN").await;
    let c = app.create_agency("Agency C", "TH").await;
    let jpa = created(
        &app,
        "/api/v1/jpas",
        &admin,
        json!({"code": "FX", "name": "Fixture", "start_date": "2026-01-01", "status": "active"}),
    )
    .await;
    for agency in [&a, &b, &c] {
        let r = app
            .request(
                "PUT",
                &format!("/api/v1/jpas/{jpa}/agencies/{agency}"),
                Some(&admin),
                Some(json!({"joined_on": "2026-01-01"})),
            )
            .await;
        assert_eq!(r.status, 201);
    }
    let la = app.user_with_token(Role::Liaison, Some(a.clone())).await.1;
    let lb = app.user_with_token(Role::Liaison, Some(b.clone())).await.1;
    let co_chair = app.user_with_token(Role::CoChair, None).await.1;
    let observer = app.user_with_token(Role::Observer, None).await.1;
    let invs = format!("/api/v1/jpas/{jpa}/investigations");
    let x = created(&app, &invs, &la, json!({"reference": "X-1", "title": "=X network", "crime_types": ["people_smuggling"], "opened_on": "2026-01-05", "include_in_compendium": true})).await;
    app.request(
        "PUT",
        &format!("/api/v1/investigations/{x}/partners/{b}"),
        Some(&la),
        None,
    )
    .await;
    let z = created(&app, &invs, &la, json!({"reference": "Z-SECRET", "title": "Z compound", "summary": "informant Z", "crime_types": ["trafficking_in_persons"],
        "opened_on": "2026-02-01", "status": "closed", "closed_on": "2026-03-15", "sensitivity": "restricted", "include_in_compendium": true,
        "route_legs": [{"country": "LA", "place": "Secret village", "kind": "recruitment", "mode": "land"}],
        "compendium": {"facts": "Recruited online <b>", "elements_of_success": "Joint team", "challenges": "Evidence abroad"}})).await;
    app.request(
        "PUT",
        &format!("/api/v1/investigations/{z}/partners/{c}"),
        Some(&la),
        None,
    )
    .await;
    let w = created(&app, &invs, &lb, json!({"reference": "W-1", "title": "W ferry", "crime_types": ["people_smuggling", "trafficking_in_persons"], "opened_on": "2026-04-01", "status": "suspended"})).await;
    let ms = |inv: &str| format!("/api/v1/investigations/{inv}/milestones");
    created(&app, &ms(&x), &la, json!({"kind": "investigation_plan_agreed", "title": "m1", "due_on": "2026-02-01", "status": "achieved", "achieved_on": "2026-01-20"})).await;
    created(
        &app,
        &ms(&x),
        &lb,
        json!({"kind": "mla_request", "title": "m2", "due_on": "2026-02-15"}),
    )
    .await;
    created(
        &app,
        &ms(&x),
        &la,
        json!({"kind": "arrests", "title": "m3", "due_on": "2026-03-20"}),
    )
    .await;
    created(
        &app,
        &ms(&z),
        &la,
        json!({"kind": "other", "title": "m4", "due_on": "2026-03-01", "status": "cancelled"}),
    )
    .await;
    let oc = |inv: &str| format!("/api/v1/investigations/{inv}/outcomes");
    let o1 = created(&app, &oc(&x), &la, json!({"indicator": "arrests", "value": 4, "occurred_on": "2026-01-10", "contributing_agency_ids": [b]})).await;
    assert_eq!(
        app.patch(
            &format!("/api/v1/outcomes/{o1}"),
            &co_chair,
            1,
            json!({"status": "confirmed"})
        )
        .await
        .status,
        200
    );
    created(&app, &oc(&x), &lb, json!({"indicator": "arrests", "value": 2, "occurred_on": "2026-02-10", "contributing_agency_ids": [a]})).await;
    created(
        &app,
        &oc(&w),
        &lb,
        json!({"indicator": "victims_identified", "value": 7, "occurred_on": "2026-04-10"}),
    )
    .await;
    Fixture {
        app,
        jpa,
        a,
        b,
        c,
        la,
        co_chair,
        observer,
        x,
        z,
    }
}

fn agency<'a>(body: &'a Value, id: &str) -> &'a Value {
    body["by_agency"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["agency_id"] == id)
        .unwrap()
}

#[tokio::test]
async fn progress_matches_the_hand_computed_fixture_as_of_past_days() {
    let f = fixture().await;
    let app = &f.app;
    let p = app
        .get(
            &format!("/api/v1/jpas/{}/progress?as_of=2026-03-01", f.jpa),
            &f.co_chair,
        )
        .await;
    assert_eq!(p.status, 200, "{}", p.text);
    let b = &p.body;
    assert_eq!(b["as_of"], "2026-03-01");
    assert_eq!(b["months_elapsed"], 3);
    assert_eq!(b["months_total"], 12);
    assert_eq!(b["agencies"]["participating"], 3);
    assert_eq!(
        b["investigations"],
        json!({"total": 2, "cross_border": 1,
        "by_status": {"open": 2, "suspended": 0, "closed": 0}, "by_crime_type": {"people_smuggling": 1, "trafficking_in_persons": 1}})
    );
    assert_eq!(
        b["milestones"],
        json!({"total": 4, "achieved": 1, "planned": 2, "cancelled": 1, "overdue": 1, "due_next_30_days": 1})
    );
    assert_eq!(
        b["outcomes"]["arrests"],
        json!({"total": 6, "confirmed": 4, "provisional": 2}),
        "each outcome once, under its lead"
    );
    assert_eq!(
        b["outcomes"]["victims_identified"],
        json!({"total": 0, "confirmed": 0, "provisional": 0})
    );
    assert_eq!(
        b["returns"],
        json!({"expected": 3, "submitted": 0, "on_time": 0})
    );
    let a = agency(b, &f.a);
    assert_eq!(a["investigations_led"], 2);
    assert_eq!(a["milestones_achieved"], 1);
    assert_eq!(a["milestones_overdue"], 0);
    assert_eq!(a["outcomes"], json!({"arrests": 4}));
    assert_eq!(
        a["returns"],
        json!({"expected": 1, "submitted": 0, "on_time": 0})
    );
    let bb = agency(b, &f.b);
    assert_eq!(bb["investigations_led"], 0);
    assert_eq!(bb["milestones_overdue"], 1);
    assert_eq!(bb["outcomes"], json!({"arrests": 2}));
    assert_eq!(agency(b, &f.c)["outcomes"], json!({}));
    let months = b["by_month"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[0],
        json!({"period": "2026-01", "milestones_achieved": 1, "milestones_overdue": 0,
               "outcomes": {"arrests": 4}, "outcomes_confirmed": {"arrests": 4},
               "returns_submitted": 0, "returns_expected": 3,
               "returns_on_time": 0, "returns_late": 0, "returns_missing": 3})
    );
    assert_eq!(
        months[1],
        json!({"period": "2026-02", "milestones_achieved": 0, "milestones_overdue": 1,
               "outcomes": {"arrests": 2}, "outcomes_confirmed": {},
               "returns_submitted": 0, "returns_expected": 0,
               "returns_on_time": 0, "returns_late": 0, "returns_missing": 0}),
        "m2 fell due in February and is still open; the 2 arrests are provisional"
    );
    assert_eq!(
        months[5],
        json!({"period": "2026-06", "milestones_achieved": 0, "milestones_overdue": 0,
               "outcomes": {}, "outcomes_confirmed": {},
               "returns_submitted": 0, "returns_expected": 0,
               "returns_on_time": 0, "returns_late": 0, "returns_missing": 0}),
        "a month with no data"
    );

    let later = app
        .get(
            &format!("/api/v1/jpas/{}/progress?as_of=2026-05-01", f.jpa),
            &f.co_chair,
        )
        .await
        .body;
    assert_eq!(
        later["investigations"]["by_status"],
        json!({"open": 1, "suspended": 1, "closed": 1})
    );
    assert_eq!(
        later["investigations"]["by_crime_type"],
        json!({"people_smuggling": 2, "trafficking_in_persons": 2})
    );
    assert_eq!(later["outcomes"]["victims_identified"]["total"], 7);
    assert_eq!(
        later["milestones"]["overdue"], 2,
        "m2 and m3 still open after their due dates"
    );
    assert_eq!(
        later["returns"]["expected"], 9,
        "Jan, Feb and Mar are past due for three agencies"
    );
    let later_months = later["by_month"].as_array().unwrap();
    let overdue: Vec<i64> = later_months
        .iter()
        .map(|m| m["milestones_overdue"].as_i64().unwrap())
        .collect();
    assert_eq!(&overdue[..4], &[0, 1, 1, 0], "m2 in February, m3 in March");
    assert_eq!(
        overdue.iter().sum::<i64>(),
        later["milestones"]["overdue"].as_i64().unwrap()
    );
    for m in later_months {
        let n = |k: &str| m[k].as_i64().unwrap();
        assert_eq!(
            n("returns_on_time") + n("returns_late") + n("returns_missing"),
            n("returns_expected"),
            "{m}"
        );
        assert_eq!(
            n("returns_on_time") + n("returns_late"),
            n("returns_submitted")
        );
    }

    assert_eq!(
        app.get(
            &format!("/api/v1/jpas/{}/progress?as_of=March", f.jpa),
            &f.co_chair
        )
        .await
        .status,
        400
    );
    let liaison = app
        .get(
            &format!("/api/v1/jpas/{}/progress?as_of=2026-03-01", f.jpa),
            &f.la,
        )
        .await;
    assert_eq!(
        liaison.body["investigations"]["total"], 2,
        "a liaison sees JPA-wide aggregates"
    );
}

#[tokio::test]
async fn observers_see_small_figures_suppressed_and_no_investigation_records() {
    let f = fixture().await;
    let app = &f.app;
    let p = app
        .get(
            &format!("/api/v1/jpas/{}/progress?as_of=2026-05-01", f.jpa),
            &f.observer,
        )
        .await;
    assert_eq!(p.status, 200);
    assert_eq!(
        p.body["as_of"], "2026-04-30",
        "an observer's day is a month end"
    );
    let a = agency(&p.body, &f.a);
    assert_eq!(a["investigations_led"], "<5");
    assert_eq!(a["outcomes"]["arrests"], "<5");
    assert_eq!(
        a["outcomes"]["victims_identified"], "<5",
        "an indicator the agency never reported is a 0, shown as \"<5\""
    );
    // B's 7 victims are the JPA's 7: shown, they would tell that A and C have 0.
    assert_eq!(
        agency(&p.body, &f.b)["outcomes"]["victims_identified"],
        "withheld"
    );
    assert_eq!(p.body["outcomes"]["victims_identified"]["total"], 7);
    assert_eq!(
        p.body["outcomes"]["arrests"]["total"], 6,
        "JPA-wide totals are not suppressed"
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/jpas/{}/investigations", f.jpa),
            &f.observer
        )
        .await
        .status,
        403
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/jpas/{}/export/investigations.csv", f.jpa),
            &f.observer
        )
        .await
        .status,
        403
    );
    assert_eq!(
        app.get(&format!("/api/v1/jpas/{}/compendium", f.jpa), &f.observer)
            .await
            .status,
        200
    );
}

/// The JPA-wide total of each `by_agency` column of a progress document.
fn column_totals(doc: &Value) -> Vec<(String, i64, Vec<Value>)> {
    let rows = doc["by_agency"].as_array().unwrap();
    let cells = |f: &dyn Fn(&Value) -> Value| rows.iter().map(f).collect::<Vec<_>>();
    let mut columns = vec![
        (
            "investigations_led".to_string(),
            doc["investigations"]["total"].as_i64().unwrap(),
            cells(&|r| r["investigations_led"].clone()),
        ),
        (
            "milestones_achieved".to_string(),
            doc["milestones"]["achieved"].as_i64().unwrap(),
            cells(&|r| r["milestones_achieved"].clone()),
        ),
        (
            "milestones_overdue".to_string(),
            doc["milestones"]["overdue"].as_i64().unwrap(),
            cells(&|r| r["milestones_overdue"].clone()),
        ),
    ];
    // `returns.expected` is left out: it follows from the public participation dates.
    for key in ["submitted", "on_time"] {
        columns.push((
            format!("returns.{key}"),
            doc["returns"][key].as_i64().unwrap(),
            cells(&|r| r["returns"][key].clone()),
        ));
    }
    for (code, figures) in doc["outcomes"].as_object().unwrap() {
        columns.push((
            format!("outcomes.{code}"),
            figures["total"].as_i64().unwrap(),
            cells(&|r| r["outcomes"][code].clone()),
        ));
    }
    columns
}

#[tokio::test]
async fn an_observer_cannot_work_out_a_suppressed_figure_from_the_totals() {
    // Arrange: four agencies with 7, 6, 8 and 2 arrests (the probe's example), one with
    // 9 victims identified; one investigation each.
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let jpa = created(
        &app,
        "/api/v1/jpas",
        &admin,
        json!({"code": "SUP", "name": "Suppression", "start_date": "2026-01-01", "status": "active"}),
    )
    .await;
    let mut agencies = Vec::new();
    for (i, arrests) in [7, 6, 8, 2].into_iter().enumerate() {
        let id = app.create_agency(&format!("Agency {i}"), "TH").await;
        let r = app
            .request(
                "PUT",
                &format!("/api/v1/jpas/{jpa}/agencies/{id}"),
                Some(&admin),
                Some(json!({"joined_on": "2026-01-01"})),
            )
            .await;
        assert_eq!(r.status, 201);
        let liaison = app.user_with_token(Role::Liaison, Some(id.clone())).await.1;
        let inv = created(&app, &format!("/api/v1/jpas/{jpa}/investigations"), &liaison,
            json!({"reference": format!("S-{i}"), "title": "Case", "crime_types": ["people_smuggling"], "opened_on": "2026-01-05"})).await;
        let outcomes = format!("/api/v1/investigations/{inv}/outcomes");
        created(
            &app,
            &outcomes,
            &liaison,
            json!({"indicator": "arrests", "value": arrests, "occurred_on": "2026-02-10"}),
        )
        .await;
        if i == 0 {
            created(
                &app,
                &outcomes,
                &liaison,
                json!({"indicator": "victims_identified", "value": 9, "occurred_on": "2026-02-11"}),
            )
            .await;
        }
        agencies.push((id, arrests));
    }
    let observer = app.user_with_token(Role::Observer, None).await.1;
    let co_chair = app.user_with_token(Role::CoChair, None).await.1;
    let path = format!("/api/v1/jpas/{jpa}/progress?as_of=2026-04-30");

    // Act
    let seen = app.get(&path, &observer).await;
    let chair = app.get(&path, &co_chair).await;

    // Assert: the probe's 2 is no longer 23 - 7 - 6 - 8.
    assert_eq!(seen.status, 200, "{}", seen.text);
    let arrests: Vec<Value> = agencies
        .iter()
        .map(|(id, _)| agency(&seen.body, id)["outcomes"]["arrests"].clone())
        .collect();
    assert_eq!(
        arrests,
        vec![json!(7), json!("withheld"), json!(8), json!("<5")]
    );
    assert_eq!(seen.body["outcomes"]["arrests"]["total"], 23);
    for (name, total, cells) in column_totals(&seen.body) {
        assert_eq!(cells.len(), 4, "{name}: every agency has every figure");
        let shown: Vec<i64> = cells.iter().filter_map(Value::as_i64).collect();
        let small = cells.iter().filter(|c| **c == "<5").count();
        let withheld = cells.iter().filter(|c| **c == "withheld").count();
        assert_eq!(shown.len() + small + withheld, 4, "{name}: {cells:?}");
        let hidden = total - shown.iter().sum::<i64>();
        if small + withheld == 0 {
            assert_eq!(hidden, 0, "{name}");
            continue;
        }
        if total == 0 {
            continue; // a JPA-wide 0 says every agency's 0, whatever by_agency shows
        }
        assert!(
            small + withheld >= 2,
            "{name}: {cells:?}, {hidden} is one agency's"
        );
        // What each hidden figure can be: "<5" is 0..=4; "withheld" is 5 up to the
        // smallest figure shown, or anything when the whole column is withheld.
        let whole = shown.is_empty() && small == 0;
        let ceiling = shown.iter().copied().min().unwrap_or(i64::MAX / 8);
        let range = |c: &Value| match c.as_str() {
            Some("<5") => (0, 4),
            _ if whole => (0, i64::MAX / 8),
            _ => (5, ceiling),
        };
        let hidden_cells: Vec<&Value> = cells.iter().filter(|c| !c.is_number()).collect();
        for (i, cell) in hidden_cells.iter().enumerate() {
            let (lo, hi) = range(cell);
            let others = hidden_cells.iter().enumerate().filter(|(j, _)| *j != i);
            let others_lo: i64 = others.clone().map(|(_, c)| range(c).0).sum();
            let others_hi: i64 = others.map(|(_, c)| range(c).1).sum();
            let (lo, hi) = (lo.max(hidden - others_hi), hi.min(hidden - others_lo));
            assert!(lo < hi, "{name}: {cells:?} of {total}: figure {i} is {lo}");
        }
    }

    // Co-chairs' documents are unchanged: exact figures, no zero filling.
    for (id, arrests) in &agencies {
        let row = agency(&chair.body, id);
        assert_eq!(row["investigations_led"], 1);
        let mut expected = json!({"arrests": arrests});
        if *arrests == 7 {
            expected["victims_identified"] = json!(9);
        }
        assert_eq!(row["outcomes"], expected);
    }
    assert_eq!(chair.body["as_of"], "2026-04-30");
}

#[tokio::test]
async fn an_observer_gets_the_figures_of_the_previous_month_end() {
    let f = fixture().await;
    let app = &f.app;
    created(
        app,
        &format!("/api/v1/investigations/{}/outcomes", f.x),
        &f.la,
        json!({"indicator": "arrests", "value": 5, "occurred_on": "2026-05-10"}),
    )
    .await;
    let path = |as_of: &str| format!("/api/v1/jpas/{}/progress?as_of={as_of}", f.jpa);

    let mid_month = app.get(&path("2026-05-20"), &f.observer).await;
    assert_eq!(mid_month.status, 200, "{}", mid_month.text);
    assert_eq!(mid_month.body["as_of"], "2026-04-30");
    assert_eq!(
        mid_month.body["outcomes"]["arrests"]["total"], 6,
        "the arrests of 10 May come after the end of April"
    );
    assert_eq!(agency(&mid_month.body, &f.a)["outcomes"]["arrests"], "<5");
    let may = &mid_month.body["by_month"][4];
    assert_eq!(may["period"], "2026-05");
    assert_eq!(may["outcomes"], json!({}));

    let chair = app.get(&path("2026-05-20"), &f.co_chair).await;
    assert_eq!(
        chair.body["as_of"], "2026-05-20",
        "co-chairs keep their day"
    );
    assert_eq!(chair.body["outcomes"]["arrests"]["total"], 11);

    let month_end = app.get(&path("2026-05-31"), &f.observer).await;
    assert_eq!(month_end.body["as_of"], "2026-05-31");
    assert_eq!(month_end.body["outcomes"]["arrests"]["total"], 11);
    assert_eq!(agency(&month_end.body, &f.a)["outcomes"]["arrests"], 9);

    let today = chrono::Utc::now().date_naive();
    let previous_end = today - chrono::Days::new(u64::from(chrono::Datelike::day(&today)));
    let default = app
        .get(&format!("/api/v1/jpas/{}/progress", f.jpa), &f.observer)
        .await;
    assert_eq!(default.body["as_of"], previous_end.to_string());
    let future = app.get(&path("2099-12-31"), &f.observer).await;
    assert_eq!(
        future.body["as_of"],
        previous_end.to_string(),
        "a month that has not ended is not an observer's"
    );
}

#[tokio::test]
async fn progress_runs_the_same_number_of_statements_whatever_the_size() {
    let f = fixture().await;
    let app = &f.app;
    let count = |jpa: String| {
        let db = app.state.db.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                let mut conn = db.get().unwrap();
                let n = Arc::new(AtomicUsize::new(0));
                let counter = n.clone();
                conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
                    if let InstrumentationEvent::StartQuery { .. } = event {
                        counter.fetch_add(1, Ordering::SeqCst);
                    }
                });
                let row = jpa_coord::db::jpas::find_visible(
                    &mut conn,
                    &jpa,
                    &jpa_coord::auth::policy::Scope::All,
                )
                .unwrap();
                n.store(0, Ordering::SeqCst);
                let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
                jpa_coord::reports::progress::compute(&mut conn, &row, json!({}), date, false)
                    .unwrap();
                conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
                n.load(Ordering::SeqCst)
            })
            .await
            .unwrap()
        }
    };
    let small = count(f.jpa.clone()).await;
    // Grow everything: more agencies, investigations, milestones, outcomes, returns.
    for i in 0..6 {
        let id = app.create_agency(&format!("Extra {i}"), "MY").await;
        app.request(
            "PUT",
            &format!("/api/v1/jpas/{}/agencies/{id}", f.jpa),
            Some(&app.admin_token),
            Some(json!({"joined_on": "2026-01-01"})),
        )
        .await;
        let inv = created(app, &format!("/api/v1/jpas/{}/investigations", f.jpa), &app.admin_token,
            json!({"lead_agency_id": id, "reference": format!("E{i}"), "title": "e", "crime_types": ["people_smuggling"], "opened_on": "2026-03-01"})).await;
        created(
            app,
            &format!("/api/v1/investigations/{inv}/milestones"),
            &app.admin_token,
            json!({"kind": "other", "title": "e", "due_on": "2026-04-01"}),
        )
        .await;
        created(
            app,
            &format!("/api/v1/investigations/{inv}/outcomes"),
            &app.admin_token,
            json!({"indicator": "arrests", "value": 1, "occurred_on": "2026-04-01"}),
        )
        .await;
    }
    let big = count(f.jpa.clone()).await;
    let long = created(app, "/api/v1/jpas", &app.admin_token, json!({"code": "LONG", "name": "Two years", "start_date": "2025-01-01", "end_date": "2026-12-31", "status": "active"})).await;
    let months = count(long).await;
    assert!(small > 0);
    assert_eq!(small, big, "statements grow with the data");
    assert_eq!(small, months, "statements grow with the months");
}

#[tokio::test]
async fn csv_exports_escape_formulas_and_follow_visibility() {
    let f = fixture().await;
    let app = &f.app;
    let r = app
        .send(
            app.client
                .get(app.url(&format!("/api/v1/jpas/{}/export/investigations.csv", f.jpa)))
                .bearer_auth(&f.co_chair),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("FX-investigations.csv"));
    let mut reader = csv::Reader::from_reader(r.text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[1], "reference");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let x = rows.iter().find(|r| &r[0] == f.x.as_str()).unwrap();
    assert_eq!(
        &x[2], "'=X network",
        "a formula-looking title is neutralised"
    );
    assert_eq!(&x[1], "X-1");
    let z = rows.iter().find(|r| &r[0] == f.z.as_str()).unwrap();
    assert_eq!(&z[1], "", "restricted reference hidden from a co-chair");
    assert!(
        !r.text.contains("Z-SECRET")
            && !r.text.contains("informant")
            && !r.text.contains("Secret village")
    );

    for kind in ["milestones", "outcomes", "returns"] {
        let r = app
            .send(
                app.client
                    .get(app.url(&format!("/api/v1/jpas/{}/export/{kind}.csv", f.jpa)))
                    .bearer_auth(&app.admin_token),
            )
            .await;
        assert_eq!(r.status, 200, "{kind}");
        assert!(r.text.lines().count() >= 1);
    }
    let outcomes = app
        .send(
            app.client
                .get(app.url(&format!("/api/v1/jpas/{}/export/outcomes.csv", f.jpa)))
                .bearer_auth(&app.admin_token),
        )
        .await;
    assert_eq!(
        outcomes.text.lines().count(),
        4,
        "header and three outcomes"
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/jpas/{}/export/people.csv", f.jpa),
            &app.admin_token
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/jpas/{}/export/investigations.csv", f.jpa),
            &f.la
        )
        .await
        .status,
        403
    );
    assert_eq!(
        app.get(
            &format!(
                "/api/v1/jpas/{}/export/investigations.csv",
                uuid::Uuid::new_v4()
            ),
            &app.admin_token
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn the_compendium_holds_closed_opted_in_cases_without_restricted_fields() {
    let f = fixture().await;
    let app = &f.app;
    let r = app
        .send(
            app.client
                .get(app.url(&format!("/api/v1/jpas/{}/compendium", f.jpa)))
                .bearer_auth(&f.co_chair),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("text/markdown"));
    let md = &r.text;
    assert!(md.contains("## Z compound"), "{md}");
    assert!(
        !md.contains("X network"),
        "open investigations are not in the compendium"
    );
    assert!(
        !md.contains("W ferry"),
        "cases not opted in are not in the compendium"
    );
    assert!(
        md.contains("Recruited online &lt;b&gt;"),
        "facts appear, escaped"
    );
    assert!(md.contains("Joint team") && md.contains("Evidence abroad"));
    assert!(md.contains("Withheld: restricted investigation."));
    assert!(
        !md.contains("Z-SECRET") && !md.contains("informant") && !md.contains("Secret village")
    );
    assert!(md.contains("Agency A (TH)") && md.contains("Agency C (TH)"));
    assert!(md.contains("- 2026-03-15: investigation closed"));
    assert_eq!(
        app.get(&format!("/api/v1/jpas/{}/compendium", f.jpa), &f.la)
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn the_demo_loads_a_usable_exercise_and_a_synthetic_jpa_at_scale() {
    let app = spawn_app().await;
    let db = app.state.db.clone();
    let (small, big) = tokio::task::spawn_blocking(move || {
        let mut conn = db.get().unwrap();
        let small = jpa_coord::demo::load(&mut conn, 1, false).unwrap();
        let big = jpa_coord::demo::load(&mut conn, 2, false).unwrap();
        (small, big)
    })
    .await
    .unwrap();
    assert_eq!(small.counts, [12, 24, 96, 72]);
    assert_eq!(big.counts, [2, 400, 4000, 8000]);
    let (role, email) = &small.logins[0];
    assert_eq!(role, "co_chair");
    let (status, login) = app.login(email, &small.password).await;
    assert_eq!(status, 200, "the printed demo login works");
    let token = login["access_token"].as_str().unwrap();
    let jpas = app.get("/api/v1/jpas", token).await;
    let demo = jpas.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["code"] == small.jpa_code.as_str())
        .unwrap();
    assert_eq!(demo["is_exercise"], true);
    let progress = app
        .get(
            &format!("/api/v1/jpas/{}/progress", demo["id"].as_str().unwrap()),
            token,
        )
        .await;
    assert_eq!(progress.status, 200);
    assert_eq!(progress.body["agencies"]["participating"], 12);
    assert_eq!(progress.body["investigations"]["total"], 24);
    assert!(
        progress.body["investigations"]["cross_border"]
            .as_i64()
            .unwrap()
            > 0
    );
}

#[tokio::test]
async fn progress_reflects_a_write_at_once_even_when_cached() {
    let f = fixture().await;
    let app = &f.app;
    let path = format!("/api/v1/jpas/{}/progress?as_of=2026-05-01", f.jpa);
    let before = app.get(&path, &f.co_chair).await.body["outcomes"]["arrests"]["total"]
        .as_i64()
        .unwrap();
    let again = app.get(&path, &f.co_chair).await.body["outcomes"]["arrests"]["total"]
        .as_i64()
        .unwrap();
    assert_eq!(before, again);
    created(
        app,
        &format!("/api/v1/investigations/{}/outcomes", f.x),
        &f.la,
        json!({"indicator": "arrests", "value": 5, "occurred_on": "2026-04-20"}),
    )
    .await;
    let after = app.get(&path, &f.co_chair).await.body["outcomes"]["arrests"]["total"]
        .as_i64()
        .unwrap();
    assert_eq!(
        after,
        before + 5,
        "a write through the API clears the cached figures"
    );
    let observer = app.get(&path, &f.observer).await;
    assert_eq!(
        agency(&observer.body, &f.a)["outcomes"]["arrests"],
        9,
        "observers get their own (suppressed) document"
    );
    let _ = (&f.b, &f.c, &f.z);
}

#[tokio::test]
async fn outcome_values_are_bounded_and_maximum_values_never_break_the_reports() {
    // Arrange
    let f = fixture().await;
    let app = &f.app;
    let la = f.la.as_str();
    let post = |inv: &str, body: Value| {
        let path = format!("/api/v1/investigations/{inv}/outcomes");
        async move { app.post(&path, Some(la), body).await }
    };

    // Act and assert: one over the bound is 422 naming `value`.
    let over = post(
        &f.x,
        json!({"indicator": "arrests", "value": 1_000_000_001_i64, "occurred_on": "2026-03-01"}),
    )
    .await;
    assert_eq!(over.status, 422, "{}", over.text);
    assert_eq!(over.body["errors"][0]["field"], "value");
    let usd_over = post(
        &f.x,
        json!({"indicator": "assets_seized_usd", "value": 1_000_000_000_001_i64, "occurred_on": "2026-03-01"}),
    )
    .await;
    assert_eq!(usd_over.status, 422);
    assert_eq!(usd_over.body["errors"][0]["field"], "value");
    let huge = post(
        &f.x,
        json!({"indicator": "arrests", "value": i64::MAX, "occurred_on": "2026-03-01"}),
    )
    .await;
    assert_eq!(huge.status, 422);

    // The maximum is accepted, several times over, for counts and for amounts.
    let mut ids = Vec::new();
    for inv in [&f.x, &f.z] {
        for _ in 0..3 {
            for (indicator, max) in [
                ("arrests", 1_000_000_000_i64),
                ("assets_seized_usd", 1_000_000_000_000_i64),
            ] {
                let r = post(
                    inv,
                    json!({"indicator": indicator, "value": max, "occurred_on": "2026-03-01"}),
                )
                .await;
                assert_eq!(r.status, 201, "{}", r.text);
                ids.push(r.body["id"].as_str().unwrap().to_string());
            }
        }
    }
    // A count cannot borrow the amount's bound by changing its indicator.
    let usd = &ids[1];
    let moved = app
        .patch(
            &format!("/api/v1/outcomes/{usd}"),
            &f.co_chair,
            1,
            json!({"indicator": "arrests"}),
        )
        .await;
    assert_eq!(moved.status, 422, "{}", moved.text);
    assert_eq!(moved.body["errors"][0]["field"], "value");

    // Every report answers.
    let progress = app
        .get(
            &format!("/api/v1/jpas/{}/progress?as_of=2026-04-30", f.jpa),
            &f.co_chair,
        )
        .await;
    assert_eq!(progress.status, 200, "{}", progress.text);
    assert_eq!(
        progress.body["outcomes"]["arrests"]["total"],
        6_000_000_000_i64 + 6
    );
    assert_eq!(
        progress.body["outcomes"]["assets_seized_usd"]["total"],
        6_000_000_000_000_i64
    );
    let observer = app
        .get(&format!("/api/v1/jpas/{}/progress", f.jpa), &f.observer)
        .await;
    assert_eq!(observer.status, 200, "{}", observer.text);
    for kind in ["investigations", "milestones", "outcomes", "returns"] {
        let r = app
            .get(
                &format!("/api/v1/jpas/{}/export/{kind}.csv", f.jpa),
                &f.co_chair,
            )
            .await;
        assert_eq!(r.status, 200, "{kind}: {}", r.text);
    }
    let csv = app
        .get(
            &format!("/api/v1/jpas/{}/export/outcomes.csv", f.jpa),
            &f.co_chair,
        )
        .await;
    assert!(csv.text.contains("1000000000000"));
    let negative = regex::Regex::new(r"(^|[\s:|(])-[0-9]").unwrap();
    for token in [&f.co_chair, &f.observer] {
        let r = app
            .get(&format!("/api/v1/jpas/{}/compendium", f.jpa), token)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(!negative.is_match(&r.text), "no wrapped sum: {}", r.text);
    }
}

#[tokio::test]
async fn user_text_cannot_open_a_heading_fence_or_html_block_in_the_compendium() {
    // Arrange: a closed, opted-in case whose texts try every Markdown block construct.
    let f = fixture().await;
    let app = &f.app;
    let created = app
        .post(
            &format!("/api/v1/jpas/{}/investigations", f.jpa),
            Some(&f.la),
            json!({"reference": "MD-1", "title": "Boat case\n===", "crime_types": ["people_smuggling"],
                   "opened_on": "2026-01-02", "status": "closed", "closed_on": "2026-03-01",
                   "include_in_compendium": true,
                   "compendium": {"facts": "Facts\n---\n~~~\nfenced\n~~~\n```\nfenced\n```",
                                  "elements_of_success": "x\n# Injected heading\n> quote\n<div>html</div>\n    indented",
                                  "challenges": "x\n- item\n1. item\n| a | b |\n[r]: http://evil.example"}}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);

    // Act
    let md = app
        .get(&format!("/api/v1/jpas/{}/compendium", f.jpa), &f.co_chair)
        .await;

    // Assert
    assert_eq!(md.status, 200);
    assert!(md.text.contains("Boat case"));
    for line in md.text.lines() {
        let t = line.trim_start();
        assert!(
            !(t.starts_with("===") || t.starts_with("---") && t.trim_end() == "---"),
            "setext underline from user text: {line:?}"
        );
        assert!(
            !t.starts_with("~~~") && !t.starts_with("```"),
            "fence: {line:?}"
        );
        assert!(!t.starts_with("# Injected"), "heading: {line:?}");
        assert!(
            !t.starts_with('>') && !t.starts_with('<'),
            "quote or HTML: {line:?}"
        );
        assert!(
            !t.starts_with("- item") && !t.starts_with("1. item"),
            "list: {line:?}"
        );
        assert!(!t.starts_with("[r]:") && !t.starts_with("| a"), "{line:?}");
        assert!(!line.starts_with("    indented"), "indented code: {line:?}");
    }
}
