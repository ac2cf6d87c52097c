//! Smaller rules of the JPA domain, each checked through HTTP.

use chrono::Days;
use serde_json::json;

use crate::scenario::{today, world};

#[tokio::test]
async fn milestones_need_a_past_achieved_on_and_report_overdue() {
    let w = world().await;
    let app = &w.app;
    let path = format!("/api/v1/investigations/{}/milestones", w.x);
    let future = today() + Days::new(3);
    let bad = app
        .post(
            &path,
            Some(&w.la),
            json!({"kind": "arrests", "title": "t", "due_on": today(), "status": "achieved"}),
        )
        .await;
    assert_eq!(bad.status, 422, "achieved needs achieved_on");
    let bad = app
        .post(&path, Some(&w.la), json!({"kind": "arrests", "title": "t", "due_on": today(), "status": "achieved", "achieved_on": future}))
        .await;
    assert_eq!(bad.status, 422, "achieved_on cannot be in the future");
    let late = app
        .post(
            &path,
            Some(&w.la),
            json!({"kind": "arrests", "title": "late", "due_on": today() - Days::new(2)}),
        )
        .await;
    assert_eq!(late.body["overdue"], true);
    let id = late.body["id"].as_str().unwrap();
    let done = app
        .patch(
            &format!("/api/v1/milestones/{id}"),
            &w.la,
            1,
            json!({"status": "achieved", "achieved_on": today()}),
        )
        .await;
    assert_eq!(done.body["overdue"], false);
    let reopened = app
        .patch(
            &format!("/api/v1/milestones/{id}"),
            &w.la,
            2,
            json!({"status": "planned"}),
        )
        .await;
    assert!(
        reopened.body["achieved_on"].is_null(),
        "achieved_on goes with the achieved status"
    );
    let deleted = app
        .request(
            "DELETE",
            &format!("/api/v1/milestones/{id}"),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(deleted.status, 204);
    assert_eq!(
        app.request(
            "DELETE",
            &format!("/api/v1/milestones/{id}"),
            Some(&w.la),
            None
        )
        .await
        .status,
        404
    );
    let audit = app
        .get(
            &format!("/api/v1/audit?entity_type=milestone&entity_id={id}"),
            &w.co_chair,
        )
        .await;
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec![
            "milestone.delete",
            "milestone.update",
            "milestone.update",
            "milestone.create"
        ]
    );
}

#[tokio::test]
async fn investigation_lists_filter_and_page() {
    let w = world().await;
    let app = &w.app;
    let base = format!("/api/v1/jpas/{}/investigations", w.jpa);
    for i in 0..4 {
        let r = app
            .post(&base, Some(&w.la), json!({"reference": format!("TH-{i}"), "title": format!("Case {i}"), "crime_types": ["trafficking_in_persons"]}))
            .await;
        assert_eq!(r.status, 201);
    }
    let ids = |r: &crate::helpers::Resp| r.body["items"].as_array().unwrap().len();
    assert_eq!(
        ids(&app
            .get(&format!("{base}?crime_type=trafficking_in_persons"), &w.la)
            .await),
        4
    );
    assert_eq!(
        ids(&app
            .get(&format!("{base}?crime_type=people_smuggling"), &w.la)
            .await),
        1
    );
    assert_eq!(
        ids(&app.get(&format!("{base}?q=case%202"), &w.la).await),
        1,
        "case-insensitive title search"
    );
    assert_eq!(
        ids(&app.get(&format!("{base}?q=th-3"), &w.la).await),
        1,
        "reference search"
    );
    assert_eq!(
        ids(&app.get(&format!("{base}?q=%25"), &w.la).await),
        0,
        "LIKE wildcards are literal"
    );
    assert_eq!(
        ids(&app
            .get(&format!("{base}?agency_id={}", w.b), &w.co_chair)
            .await),
        1,
        "agency filter: lead or partner"
    );
    assert_eq!(
        ids(&app.get(&format!("{base}?status=closed"), &w.la).await),
        0
    );
    assert_eq!(
        app.get(&format!("{base}?status=lost"), &w.la).await.status,
        400
    );
    assert_eq!(
        app.get(&format!("{base}?crime_type=fraud"), &w.la)
            .await
            .status,
        400
    );
    let first = app.get(&format!("{base}?limit=3"), &w.la).await;
    assert_eq!(ids(&first), 3);
    let cursor = first.body["next_cursor"].as_str().unwrap();
    let second = app
        .get(&format!("{base}?limit=3&cursor={cursor}"), &w.la)
        .await;
    assert_eq!(ids(&second), 2);
    assert!(second.body["next_cursor"].is_null());
}

#[tokio::test]
async fn partners_are_idempotent_and_outcomes_can_be_deleted_by_their_agency() {
    let w = world().await;
    let app = &w.app;
    let again = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{}/partners/{}", w.x, w.b),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(again.status, 200, "already a partner");
    let lead = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{}/partners/{}", w.x, w.a),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(lead.status, 422, "the lead is not its own partner");
    let absent = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{}/partners/{}", w.x, w.d),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(absent.status, 422, "partners must take part in the JPA");
    let not_partner = app
        .request(
            "DELETE",
            &format!("/api/v1/investigations/{}/partners/{}", w.x, w.c),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(not_partner.status, 404);

    let o = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.lb),
            json!({"indicator": "arrests", "value": 2, "occurred_on": today()}),
        )
        .await;
    let path = format!("/api/v1/outcomes/{}", o.body["id"].as_str().unwrap());
    assert_eq!(
        app.request("DELETE", &path, Some(&w.la), None).await.status,
        403,
        "the lead agency of X does not own B's figure"
    );
    assert_eq!(
        app.request("DELETE", &path, Some(&w.lb), None).await.status,
        204
    );
    assert_eq!(
        app.get(&format!("{path}/revisions"), &w.lb).await.status,
        404
    );
    let free = app
        .request(
            "DELETE",
            &format!("/api/v1/investigations/{}/partners/{}", w.x, w.b),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(
        free.status, 204,
        "with no figures or milestones of its own left, B can be removed"
    );
    assert_eq!(
        app.get(&format!("/api/v1/investigations/{}", w.x), &w.lb)
            .await
            .status,
        404,
        "and no longer sees X"
    );
}

#[tokio::test]
async fn coordinators_list_returns_of_any_agency_and_late_joiners_owe_less() {
    let w = world().await;
    let app = &w.app;
    let period = today().format("%Y-%m").to_string();
    for (agency, token) in [(&w.a, &w.la), (&w.b, &w.lb)] {
        let r = app
            .request(
                "PUT",
                &format!("/api/v1/jpas/{}/returns/{period}", w.jpa),
                Some(token),
                Some(json!({"nil_return": true})),
            )
            .await;
        assert_eq!(r.status, 201);
        assert_eq!(r.body["agency_id"], agency.as_str());
    }
    let of_b = app
        .get(
            &format!("/api/v1/jpas/{}/returns?agency_id={}", w.jpa, w.b),
            &w.co_chair,
        )
        .await;
    assert_eq!(of_b.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(of_b.body["items"][0]["status"], "draft");
    let d_in = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/agencies/{}", w.jpa, w.d),
            Some(&w.co_chair),
            None,
        )
        .await;
    assert_eq!(d_in.status, 201);
    let grid = app
        .get(&format!("/api/v1/jpas/{}/compliance", w.jpa), &w.co_chair)
        .await;
    let rows = grid.body["agencies"].as_array().unwrap();
    let d = rows
        .iter()
        .find(|r| r["agency_id"] == w.d.as_str())
        .unwrap();
    let a = rows
        .iter()
        .find(|r| r["agency_id"] == w.a.as_str())
        .unwrap();
    assert_eq!(
        d["expected"], 0,
        "an agency joining today owes nothing past due"
    );
    assert!(a["expected"].as_i64().unwrap() >= 4);
    assert!(d["periods"].as_object().unwrap().len() < a["periods"].as_object().unwrap().len());
}
