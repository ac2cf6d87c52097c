//! Monthly returns and compliance.

use chrono::{Datelike, Months, NaiveDate};
use serde_json::json;

use crate::scenario::{today, world};

fn period(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

#[tokio::test]
async fn a_liaison_drafts_and_submits_its_own_return_once() {
    let w = world().await;
    let app = &w.app;
    let this_month = period(today());
    let path = format!("/api/v1/jpas/{}/returns/{this_month}", w.jpa);
    let draft = app
        .request(
            "PUT",
            &path,
            Some(&w.la),
            Some(json!({"narrative": "Two raids", "nil_return": false})),
        )
        .await;
    assert_eq!(draft.status, 201, "{}", draft.text);
    assert_eq!(draft.body["status"], "draft");
    assert_eq!(draft.body["agency_id"], w.a.as_str());
    let again = app
        .request(
            "PUT",
            &path,
            Some(&w.la),
            Some(json!({"narrative": "Three raids"})),
        )
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["narrative"], "Three raids");
    let submitted = app
        .post(&format!("{path}/submit"), Some(&w.la), json!({}))
        .await;
    assert_eq!(submitted.status, 200, "{}", submitted.text);
    assert_eq!(submitted.body["status"], "submitted");
    assert_eq!(submitted.body["on_time"], true);
    assert!(submitted.body["submitted_at"].is_string());
    assert_eq!(
        app.post(&format!("{path}/submit"), Some(&w.la), json!({}))
            .await
            .status,
        409
    );
    assert_eq!(
        app.request(
            "PUT",
            &path,
            Some(&w.la),
            Some(json!({"narrative": "edit"}))
        )
        .await
        .status,
        409
    );

    let for_b = app
        .request(
            "PUT",
            &format!("{path}?agency_id={}", w.b),
            Some(&w.la),
            Some(json!({"narrative": "x"})),
        )
        .await;
    assert_eq!(
        for_b.status, 403,
        "a liaison files only its own agency's return"
    );
    let no_agency = app
        .request(
            "PUT",
            &path,
            Some(&w.co_chair),
            Some(json!({"nil_return": true})),
        )
        .await;
    assert_eq!(no_agency.status, 400);
    let for_d = app
        .request(
            "PUT",
            &format!("{path}?agency_id={}", w.d),
            Some(&w.co_chair),
            Some(json!({"nil_return": true})),
        )
        .await;
    assert_eq!(for_d.status, 422, "D does not participate");
    let nil = app
        .request(
            "PUT",
            &format!("{path}?agency_id={}", w.b),
            Some(&w.co_chair),
            Some(json!({"nil_return": true})),
        )
        .await;
    assert_eq!(nil.status, 201);

    let future = period(today() + Months::new(1));
    let early = format!("/api/v1/jpas/{}/returns/{future}", w.jpa);
    assert_eq!(
        app.request(
            "PUT",
            &early,
            Some(&w.la),
            Some(json!({"nil_return": true}))
        )
        .await
        .status,
        201
    );
    assert_eq!(
        app.post(&format!("{early}/submit"), Some(&w.la), json!({}))
            .await
            .status,
        409,
        "the period has not started"
    );
    for bad in ["2020-01", "2026-13", "garbage"] {
        let r = app
            .request(
                "PUT",
                &format!("/api/v1/jpas/{}/returns/{bad}", w.jpa),
                Some(&w.la),
                Some(json!({})),
            )
            .await;
        assert_eq!(r.status, 404, "{bad}");
    }
    assert_eq!(
        app.request("PUT", &path, Some(&w.observer), Some(json!({})))
            .await
            .status,
        403
    );
    assert_eq!(
        app.request("PUT", &path, Some(&w.ld), Some(json!({})))
            .await
            .status,
        404
    );

    let mine = app
        .get(&format!("/api/v1/jpas/{}/returns", w.jpa), &w.lb)
        .await;
    let agencies: Vec<&str> = mine.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["agency_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        agencies,
        vec![w.b.as_str()],
        "a liaison lists its own agency's returns only"
    );
    let all = app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={this_month}", w.jpa),
            &w.co_chair,
        )
        .await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.get(
            &format!("/api/v1/jpas/{}/returns?period=2026-1", w.jpa),
            &w.co_chair
        )
        .await
        .status,
        400
    );
}

#[tokio::test]
async fn compliance_counts_on_time_late_missing_and_not_due_per_agency() {
    let w = world().await;
    let app = &w.app;
    // Last month's return (due the 10th of this month) submitted today: on time up to
    // the 10th, late after it.
    let last = period(today() - Months::new(1));
    let path = format!("/api/v1/jpas/{}/returns/{last}", w.jpa);
    app.request("PUT", &path, Some(&w.la), Some(json!({"nil_return": true})))
        .await;
    let submitted = app
        .post(&format!("{path}/submit"), Some(&w.la), json!({}))
        .await;
    let on_time = today().day() <= 10;
    assert_eq!(submitted.body["on_time"], on_time);

    let grid = app
        .get(&format!("/api/v1/jpas/{}/compliance", w.jpa), &w.co_chair)
        .await;
    assert_eq!(grid.status, 200, "{}", grid.text);
    let rows = grid.body["agencies"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let row_a = rows
        .iter()
        .find(|r| r["agency_id"] == w.a.as_str())
        .unwrap();
    let row_b = rows
        .iter()
        .find(|r| r["agency_id"] == w.b.as_str())
        .unwrap();
    // The JPA started five months ago: four earlier periods are past due, last month's is
    // past due only after the 10th, this month's and later are not due.
    let past_due = if on_time { 4 } else { 5 };
    assert_eq!(
        row_a["periods"][&last],
        if on_time { "on_time" } else { "late" }
    );
    assert_eq!(row_a["periods"][period(today())], "not_due");
    assert_eq!(row_b["missing"], past_due);
    assert_eq!(row_b["expected"], past_due);
    assert_eq!(row_b["submitted_rate"], 0.0);
    assert_eq!(
        row_a["expected"],
        if on_time { past_due + 1 } else { past_due }
    );
    assert_eq!(row_a["submitted"], 1);
    let totals = &grid.body["totals"];
    assert_eq!(totals["submitted"], 1);
    assert_eq!(
        totals["expected"],
        row_a["expected"].as_i64().unwrap() + 2 * past_due
    );

    // As of the JPA's first day nothing was due yet.
    let start = app
        .get(
            &format!("/api/v1/jpas/{}/compliance?as_of={}", w.jpa, w.start),
            &w.co_chair,
        )
        .await;
    assert_eq!(start.body["totals"]["expected"], 0);
    assert!(start.body["totals"]["submitted_rate"].is_null());
    assert_eq!(
        app.get(
            &format!("/api/v1/jpas/{}/compliance?as_of=soon", w.jpa),
            &w.co_chair
        )
        .await
        .status,
        400
    );

    let own = app
        .get(&format!("/api/v1/jpas/{}/compliance", w.jpa), &w.lb)
        .await;
    let own_rows = own.body["agencies"].as_array().unwrap();
    assert_eq!(own_rows.len(), 1);
    assert_eq!(own_rows[0]["agency_id"], w.b.as_str());
    assert_eq!(
        app.get(&format!("/api/v1/jpas/{}/compliance", w.jpa), &w.observer)
            .await
            .status,
        403
    );
}
