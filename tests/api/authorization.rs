//! Route x role: walks the rules in `auth::policy` so that a route without a rule, or a
//! rule not enforced, fails here.

use std::collections::BTreeSet;

use jpa_coord::auth::policy::{allowed_roles, PUBLIC_ROUTES, ROUTES};
use jpa_coord::domain::Role;
use serde_json::json;

use crate::helpers::spawn_app;
use crate::scenario::{today, world};

/// Ids of objects made for the walk, beside the scenario's.
struct Ids {
    milestone: String,
    outcome: String,
    plan: String,
    item: String,
    meeting: String,
    interest: String,
}

/// A milestone and an outcome of X, and a work plan with an item, a meeting and an
/// interest.
async fn ids(w: &crate::scenario::World) -> Ids {
    let app = &w.app;
    let milestone = app
        .post(
            &format!("/api/v1/investigations/{}/milestones", w.x),
            Some(&w.la),
            json!({"kind": "arrests", "title": "m", "due_on": today()}),
        )
        .await;
    let outcome = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "arrests", "value": 1, "occurred_on": today()}),
        )
        .await;
    let plan = app
        .post(
            "/api/v1/work-plans",
            Some(&w.co_chair),
            json!({"title": "Plan", "first_year": 2025, "last_year": 2027, "priorities": [{"number": 1, "text": "P"}]}),
        )
        .await;
    let plan = plan.body["id"].as_str().unwrap().to_string();
    let item = app
        .post(
            &format!("/api/v1/work-plans/{plan}/action-items"),
            Some(&w.co_chair),
            json!({"number": "1", "text": "Item", "priority_numbers": [1], "jpa_ids": [w.jpa]}),
        )
        .await;
    let item = item.body["id"].as_str().unwrap().to_string();
    let meeting = app
        .post(
            &format!("/api/v1/work-plans/{plan}/meetings"),
            Some(&w.co_chair),
            json!({"held_on": today(), "place": "Bali"}),
        )
        .await;
    let interest = app
        .post(
            &format!("/api/v1/action-items/{item}/interests"),
            Some(&w.co_chair),
            json!({"member": {"organisation": "IOM"}, "role": "support"}),
        )
        .await;
    Ids {
        milestone: milestone.body["id"].as_str().unwrap().to_string(),
        outcome: outcome.body["id"].as_str().unwrap().to_string(),
        plan,
        item,
        meeting: meeting.body["id"].as_str().unwrap().to_string(),
        interest: interest.body["id"].as_str().unwrap().to_string(),
    }
}

/// A route template with real ids of the scenario filled in.
fn fill(w: &crate::scenario::World, path: &str, ids: &Ids) -> String {
    let (milestone, outcome) = (&ids.milestone, &ids.outcome);
    let filled = path
        .replace("/work-plans/{id}", &format!("/work-plans/{}", ids.plan))
        .replace("/action-items/{id}", &format!("/action-items/{}", ids.item))
        .replace("/meetings/{id}", &format!("/meetings/{}", ids.meeting))
        .replace("/interests/{id}", &format!("/interests/{}", ids.interest))
        .replace("/users/{id}", &format!("/users/{}", w.app.admin_id))
        .replace("/agencies/{id}", &format!("/agencies/{}", w.a))
        .replace("/jpas/{id}", &format!("/jpas/{}", w.jpa))
        .replace("/investigations/{id}", &format!("/investigations/{}", w.x))
        .replace("/milestones/{id}", &format!("/milestones/{milestone}"))
        .replace("/outcomes/{id}", &format!("/outcomes/{outcome}"))
        .replace("/agencies/{agency_id}", &format!("/agencies/{}", w.d))
        .replace("/partners/{agency_id}", &format!("/partners/{}", w.c))
        .replace("{other_id}", &w.y)
        .replace("{period}", &today().format("%Y-%m").to_string())
        .replace("{kind}", "investigations");
    assert!(
        !filled.contains('{'),
        "{path} has an id this test does not fill"
    );
    filled
}

#[tokio::test]
async fn every_route_answers_403_exactly_to_the_roles_its_rule_excludes_and_401_without_a_token() {
    let w = world().await;
    let app = &w.app;
    let tokens = vec![
        (Role::Admin, app.admin_token.clone()),
        (Role::CoChair, w.co_chair.clone()),
        (Role::Liaison, w.la.clone()),
        (Role::Observer, w.observer.clone()),
    ];
    let ids = ids(&w).await;
    for (method, path, action) in ROUTES {
        let concrete = fill(&w, path, &ids);
        let body = (*method != "GET").then(|| json!({"unexpected_field": true}));
        let anonymous = app.request(method, &concrete, None, body.clone()).await;
        assert_eq!(anonymous.status, 401, "{method} {path} without a token");
        for (role, token) in &tokens {
            let r = app
                .request(method, &concrete, Some(token), body.clone())
                .await;
            let allowed = allowed_roles(*action).contains(role);
            if allowed {
                assert_ne!(
                    r.status, 403,
                    "{method} {path} must be open to {role:?}: {}",
                    r.text
                );
                assert_ne!(r.status, 401, "{method} {path} {role:?}");
            } else {
                assert_eq!(
                    r.status, 403,
                    "{method} {path} must be closed to {role:?}: {}",
                    r.text
                );
                assert_eq!(r.problem_code(), "forbidden");
            }
            assert!(r.status < 500, "{method} {path} {role:?}: {}", r.text);
        }
    }
}

#[tokio::test]
async fn the_rules_and_the_openapi_document_name_the_same_routes() {
    let app = spawn_app().await;
    let doc = app
        .send(app.client.get(app.url("/api/v1/openapi.json")))
        .await;
    let mut documented = BTreeSet::new();
    for (path, item) in doc.body["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let ruled: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .chain(
            PUBLIC_ROUTES
                .iter()
                .map(|(m, p)| (m.to_string(), p.to_string())),
        )
        .collect();
    assert_eq!(documented, ruled);
}

/// What liaisons of A (lead of X), B (partner), C (participant elsewhere) and D (not
/// participating) get on X's routes.
#[tokio::test]
async fn investigation_routes_answer_each_agency_by_its_part_in_the_investigation() {
    let w = world().await;
    let app = &w.app;
    let x = format!("/api/v1/investigations/{}", w.x);
    let ms = format!("{x}/milestones");
    let oc = format!("{x}/outcomes");
    let milestone_body = json!({"kind": "intelligence_shared", "title": "m", "due_on": today()});
    let outcome_body = json!({"indicator": "arrests", "value": 1, "occurred_on": today()});
    let cases: Vec<(&str, String, Option<serde_json::Value>, [u16; 4])> = vec![
        ("GET", x.clone(), None, [200, 200, 404, 404]),
        ("GET", ms.clone(), None, [200, 200, 404, 404]),
        ("GET", oc.clone(), None, [200, 200, 404, 404]),
        ("GET", format!("{x}/links"), None, [200, 200, 404, 404]),
        (
            "POST",
            ms.clone(),
            Some(milestone_body),
            [201, 201, 404, 404],
        ),
        ("POST", oc.clone(), Some(outcome_body), [201, 201, 404, 404]),
        (
            "PUT",
            format!("{x}/partners/{}", w.c),
            None,
            [201, 403, 404, 404],
        ),
    ];
    let liaisons = [&w.la, &w.lb, &w.lc, &w.ld];
    for (method, path, body, expected) in cases {
        for (i, token) in liaisons.iter().enumerate() {
            if method == "PUT" && i == 0 {
                continue;
            }
            let r = app.request(method, &path, Some(token), body.clone()).await;
            assert_eq!(
                r.status,
                expected[i],
                "{method} {path} as liaison {}: {}",
                ["A", "B", "C", "D"][i],
                r.text
            );
        }
    }
    // PATCH needs the current version; A may, B may not, C and D cannot see it.
    for (i, token) in liaisons.iter().enumerate() {
        let version = app.get(&x, &app.admin_token).await.body["version"]
            .as_i64()
            .unwrap();
        let r = app.patch(&x, token, version, json!({"title": "T"})).await;
        assert_eq!(
            r.status,
            [200, 403, 404, 404][i],
            "PATCH as {}",
            ["A", "B", "C", "D"][i]
        );
    }
    let lead_adds_partner = app
        .request("PUT", &format!("{x}/partners/{}", w.c), Some(&w.la), None)
        .await;
    assert_eq!(lead_adds_partner.status, 201);
    assert_eq!(
        app.get(&x, &w.lc).await.status,
        200,
        "a new partner sees the investigation at once"
    );
}

/// Every route that takes a body gets malformed JSON, a non-JSON content type, an
/// oversized body and wrong types, as a role allowed to use it: each answer is the
/// documented problem+json (400, 415, 413, 422 or 404), never a 500.
#[tokio::test]
async fn every_body_route_answers_bad_input_with_problem_json() {
    let w = world().await;
    let app = &w.app;
    let ids = ids(&w).await;
    let huge = "x".repeat(70 * 1024);
    for (method, path, _) in ROUTES
        .iter()
        .filter(|(m, _, _)| *m != "GET" && *m != "DELETE")
    {
        let concrete = fill(&w, path, &ids);
        let url = app.url(&concrete);
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let base = || {
            app.client
                .request(m.clone(), &url)
                .bearer_auth(&app.admin_token)
                .header("If-Match", "\"1\"")
        };
        let cases = vec![
            ("malformed", base().header("content-type", "application/json").body("{\"a\": ")),
            ("not json", base().header("content-type", "text/plain").body("a=b")),
            ("oversized", base().header("content-type", "application/json").body(format!("{{\"title\": \"{huge}\"}}"))),
            ("wrong types", base().json(&json!({"title": 5, "name": [], "email": {}, "value": "many", "kind": 3, "narrative": 1, "relation": false, "as_of": 7}))),
            ("array", base().json(&json!([1, 2, 3]))),
        ];
        for (name, request) in cases {
            let r = app.send(request).await;
            assert!(
                [400, 404, 409, 412, 413, 415, 422].contains(&r.status),
                "{method} {path} with a {name} body answered {}: {}",
                r.status,
                r.text
            );
            r.problem_code();
        }
    }
}
