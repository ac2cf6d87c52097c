//! Route x role: walks the rules in `auth::policy` so that a route without a rule, or a
//! rule not enforced, fails here.

use std::collections::BTreeSet;

use jpa_coord::auth::policy::{allowed_roles, PUBLIC_ROUTES, ROUTES};
use jpa_coord::domain::Role;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_route_answers_403_exactly_to_the_roles_its_rule_excludes_and_401_without_a_token() {
    let app = spawn_app().await;
    let agency = app.create_agency("Sri Lanka Police", "LK").await;
    let mut tokens = vec![(Role::Admin, app.admin_token.clone())];
    for role in [Role::CoChair, Role::Liaison, Role::Observer] {
        let agency_id = (role == Role::Liaison).then(|| agency.clone());
        tokens.push((role, app.user_with_token(role, agency_id).await.1));
    }
    for (method, path, action) in ROUTES {
        let concrete = path
            .replace("/users/{id}", &format!("/users/{}", app.admin_id))
            .replace("/agencies/{id}", &format!("/agencies/{agency}"));
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
