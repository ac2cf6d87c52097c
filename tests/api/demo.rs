//! The scale-1 demo is made through the operations: its data obeys the rules the API
//! enforces, seen through the API.

use std::collections::HashSet;

use serde_json::Value;

use crate::helpers::{spawn_app, TestApp};

async fn items(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    let resp = app.get(path, token).await;
    assert_eq!(resp.status, 200, "{path}: {}", resp.text);
    assert!(resp.body["next_cursor"].is_null(), "{path} fits one page");
    resp.body["items"].as_array().unwrap().clone()
}

fn ids(values: &Value) -> Vec<String> {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_exercise_demo_obeys_the_rules_of_the_api() {
    let app = spawn_app().await;
    let db = app.state.db.clone();
    let demo = tokio::task::spawn_blocking(move || {
        let mut conn = db.get().unwrap();
        jpa_coord::demo::load(&mut conn, 1, false).unwrap()
    })
    .await
    .unwrap();
    let login = |role: &str| {
        demo.logins
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, email)| email.clone())
            .unwrap()
    };
    let (status, body) = app.login(&login("co_chair"), &demo.password).await;
    assert_eq!(status, 200);
    let chair = body["access_token"].as_str().unwrap().to_string();
    let (status, body) = app.login(&login("observer"), &demo.password).await;
    assert_eq!(status, 200);
    let observer = body["access_token"].as_str().unwrap().to_string();

    let jpa = items(&app, "/api/v1/jpas", &chair)
        .await
        .into_iter()
        .find(|j| j["code"] == demo.jpa_code.as_str())
        .unwrap();
    assert_eq!(jpa["status"], "active");
    let jpa_id = jpa["id"].as_str().unwrap();

    let participants: HashSet<String> =
        items(&app, &format!("/api/v1/jpas/{jpa_id}/agencies"), &chair)
            .await
            .iter()
            .map(|a| a["agency_id"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(participants.len(), 12);

    // The work plan: seven priorities and items, the exercise JPA on its item, a held
    // meeting whose table shows the JPA's figures, and the coming one with its changes.
    let plans = items(&app, "/api/v1/work-plans", &observer).await;
    let plan = &plans[0];
    assert_eq!(plan["priorities"].as_array().unwrap().len(), 7);
    let plan_id = plan["id"].as_str().unwrap();
    let plan_items = items(
        &app,
        &format!("/api/v1/work-plans/{plan_id}/action-items"),
        &observer,
    )
    .await;
    assert_eq!(plan_items.len(), 7);
    assert!(plan_items
        .iter()
        .any(|i| i["jpa_ids"] == serde_json::json!([jpa_id])));
    let mut meetings = items(
        &app,
        &format!("/api/v1/work-plans/{plan_id}/meetings"),
        &observer,
    )
    .await;
    meetings.sort_by_key(|m| m["held_on"].as_str().unwrap().to_string());
    assert_eq!(meetings.len(), 2);
    assert_eq!(
        (meetings[0]["held"].clone(), meetings[1]["held"].clone()),
        (true.into(), false.into())
    );
    let first = app
        .get(
            &format!(
                "/api/v1/meetings/{}/table",
                meetings[0]["id"].as_str().unwrap()
            ),
            &observer,
        )
        .await;
    assert_eq!(first.body["tabled"], true);
    let delivered_by_jpa = first.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| !r["jpas"].as_array().unwrap().is_empty())
        .unwrap();
    assert!(
        delivered_by_jpa["jpas"][0]["investigations"]
            .as_i64()
            .unwrap()
            > 0
    );
    let next = app
        .get(
            &format!(
                "/api/v1/meetings/{}/table",
                meetings[1]["id"].as_str().unwrap()
            ),
            &observer,
        )
        .await;
    assert!(
        next.body["changes"].as_array().unwrap().len() >= 4,
        "{}",
        next.text
    );

    let investigations = items(
        &app,
        &format!("/api/v1/jpas/{jpa_id}/investigations?limit=200"),
        &chair,
    )
    .await;
    assert_eq!(investigations.len(), 24);
    let mut restricted = 0;
    for inv in &investigations {
        let id = inv["id"].as_str().unwrap();
        let lead = inv["lead_agency_id"].as_str().unwrap().to_string();
        let partners = ids(&inv["partner_agency_ids"]);
        assert!(participants.contains(&lead), "{id}: lead participates");
        assert!(!partners.is_empty(), "{id} has a partner");
        for p in &partners {
            assert!(participants.contains(p), "{id}: partner participates");
        }
        let own: HashSet<&String> = partners.iter().chain([&lead]).collect();

        let milestones = items(
            &app,
            &format!("/api/v1/investigations/{id}/milestones?limit=200"),
            &chair,
        )
        .await;
        assert_eq!(milestones.len(), 4);
        for m in &milestones {
            let responsible = m["responsible_agency_id"].as_str().unwrap().to_string();
            assert!(
                own.contains(&responsible),
                "{id}: responsible is lead or partner"
            );
        }
        let outcomes = items(
            &app,
            &format!("/api/v1/investigations/{id}/outcomes?limit=200"),
            &chair,
        )
        .await;
        assert_eq!(outcomes.len(), 3);
        for o in &outcomes {
            let reporting = o["lead_agency_id"].as_str().unwrap().to_string();
            assert!(
                own.contains(&reporting),
                "{id}: outcome led by lead or partner"
            );
        }

        if inv["sensitivity"] == "restricted" {
            restricted += 1;
            let seen = app
                .get(&format!("/api/v1/investigations/{id}"), &chair)
                .await;
            assert_eq!(seen.status, 200);
            assert_eq!(seen.body["redacted"], true, "a co-chair takes no part");
            assert!(seen.body["reference"].is_null());
            assert!(seen.body["summary"].is_null());
            assert!(seen.body["route_legs"].is_null());
        }
    }
    assert!(
        restricted > 0,
        "the exercise has a restricted investigation"
    );

    let created: HashSet<String> = items(
        &app,
        "/api/v1/audit?entity_type=investigation&limit=200",
        &chair,
    )
    .await
    .iter()
    .filter(|e| e["action"] == "investigation.create")
    .inspect(|e| assert!(e["actor_id"].is_string(), "created by a person"))
    .map(|e| e["entity_id"].as_str().unwrap().to_string())
    .collect();
    for inv in &investigations {
        assert!(
            created.contains(inv["id"].as_str().unwrap()),
            "a create event for each investigation"
        );
    }

    // The backdated returns give the exercise a history: on time, late and missing.
    let compliance = app
        .get(&format!("/api/v1/jpas/{jpa_id}/compliance"), &chair)
        .await;
    assert_eq!(compliance.status, 200);
    let totals = &compliance.body["totals"];
    for state in ["on_time", "late", "missing"] {
        assert!(totals[state].as_i64().unwrap() > 0, "{state}: {totals}");
    }

    for token in [&chair, &observer] {
        let progress = app
            .get(&format!("/api/v1/jpas/{jpa_id}/progress"), token)
            .await;
        assert_eq!(progress.status, 200, "{}", progress.text);
    }
}
