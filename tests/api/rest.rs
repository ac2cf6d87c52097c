//! What a client of a well-made REST API expects beyond the status codes: every 201 says
//! where the new resource is, a PATCH that changes nothing changes nothing (not even the
//! version), and the docs answer with or without their trailing slash.

use jpa_coord::domain::Role;
use serde_json::json;

use crate::helpers::spawn_app;
use crate::scenario::{today, world};

#[tokio::test]
async fn every_201_carries_the_location_of_what_it_created() {
    let w = world().await;
    let app = &w.app;
    let admin = app.admin_token.clone();
    let located = |r: &crate::helpers::Resp| {
        assert_eq!(r.status, 201, "{}", r.text);
        r.header("location").expect("Location on a 201")
    };

    let agency = app
        .post("/api/v1/agencies", Some(&admin), json!({"name": "Philippine National Police", "country": "PH", "kind": "police", "contact_email": "desk@pnp.example"}))
        .await;
    let at = located(&agency);
    assert_eq!(
        at,
        format!("/api/v1/agencies/{}", agency.body["id"].as_str().unwrap())
    );
    assert_eq!(
        app.get(&at, &admin).await.body["name"],
        "Philippine National Police"
    );
    let agency_id = agency.body["id"].as_str().unwrap().to_string();

    let jpa = app
        .post("/api/v1/jpas", Some(&admin), json!({"code": "JPA-LOC", "name": "Located", "start_date": w.start, "status": "active"}))
        .await;
    let at = located(&jpa);
    assert_eq!(app.get(&at, &admin).await.body["code"], "JPA-LOC");

    let joined = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/agencies/{agency_id}", w.jpa),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(
        located(&joined),
        format!("/api/v1/jpas/{}/agencies/{agency_id}", w.jpa)
    );

    let user = app
        .post("/api/v1/users", Some(&admin), json!({"email": "located@pnp.example", "display_name": "L", "role": "liaison", "agency_id": agency_id}))
        .await;
    let at = located(&user);
    assert_eq!(
        app.get(&at, &admin).await.body["email"],
        "located@pnp.example"
    );

    let inv = app
        .post(&format!("/api/v1/jpas/{}/investigations", w.jpa), Some(&w.la),
            json!({"reference": "TH-LOC-1", "title": "Located network", "crime_types": ["people_smuggling"]}))
        .await;
    let at = located(&inv);
    let inv_id = inv.body["id"].as_str().unwrap().to_string();
    assert_eq!(app.get(&at, &w.la).await.body["id"], inv_id.as_str());

    let partner = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{inv_id}/partners/{}", w.b),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(
        located(&partner),
        format!("/api/v1/investigations/{inv_id}/partners/{}", w.b)
    );

    let link = app
        .post(
            &format!("/api/v1/investigations/{inv_id}/links"),
            Some(&w.la),
            json!({"investigation_id": w.x, "relation": "related"}),
        )
        .await;
    assert_eq!(
        located(&link),
        format!("/api/v1/investigations/{inv_id}/links/{}", w.x)
    );

    let milestone = app
        .post(
            &format!("/api/v1/investigations/{inv_id}/milestones"),
            Some(&w.la),
            json!({"kind": "other", "title": "Step", "due_on": today()}),
        )
        .await;
    assert_eq!(
        located(&milestone),
        format!(
            "/api/v1/milestones/{}",
            milestone.body["id"].as_str().unwrap()
        )
    );

    let outcome = app
        .post(
            &format!("/api/v1/investigations/{inv_id}/outcomes"),
            Some(&w.la),
            json!({"indicator": "arrests", "value": 2, "occurred_on": today()}),
        )
        .await;
    assert_eq!(
        located(&outcome),
        format!("/api/v1/outcomes/{}", outcome.body["id"].as_str().unwrap())
    );

    let period = (today() - chrono::Months::new(1))
        .format("%Y-%m")
        .to_string();
    let draft = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/returns/{period}", w.jpa),
            Some(&w.la),
            Some(json!({"nil_return": true})),
        )
        .await;
    assert_eq!(
        located(&draft),
        format!("/api/v1/jpas/{}/returns/{period}", w.jpa)
    );
    let again = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/returns/{period}", w.jpa),
            Some(&w.la),
            Some(json!({"nil_return": true})),
        )
        .await;
    assert_eq!(again.status, 200);
    assert!(again.header("location").is_none(), "a 200 creates nothing");
}

async fn audit_count(app: &crate::helpers::TestApp, id: &str) -> usize {
    app.get(
        &format!("/api/v1/audit?entity_id={id}&limit=200"),
        &app.admin_token,
    )
    .await
    .body["items"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_patch_that_changes_nothing_keeps_the_version_and_writes_no_audit_event() {
    let w = world().await;
    let app = &w.app;
    let jpa = format!("/api/v1/jpas/{}", w.jpa);
    let before = app.get(&jpa, &w.co_chair).await;
    let version = before.body["version"].as_i64().unwrap();
    let audit_before = audit_count(app, &w.jpa).await;
    for body in [
        json!({"name": null}),
        json!({}),
        json!({"name": before.body["name"]}),
    ] {
        let same = app.patch(&jpa, &w.co_chair, version, body.clone()).await;
        assert_eq!(same.status, 200, "{body}: {}", same.text);
        assert_eq!(same.body["version"], version, "{body}");
        assert_eq!(same.header("etag"), Some(format!("\"{version}\"")));
    }
    assert_eq!(audit_count(app, &w.jpa).await, audit_before);
    // Another holder of the same ETag is not turned away for nothing.
    let real = app
        .patch(&jpa, &app.admin_token, version, json!({"name": "Renamed"}))
        .await;
    assert_eq!(real.status, 200);
    assert_eq!(real.body["version"], version + 1);
    // A stale If-Match is still stale, change or not.
    let stale = app.patch(&jpa, &w.co_chair, version, json!({})).await;
    assert_eq!(stale.status, 412);

    // The same for an investigation, a milestone, an outcome, an agency and a user.
    let inv = format!("/api/v1/investigations/{}", w.x);
    let v = app.get(&inv, &w.la).await.body["version"].as_i64().unwrap();
    let same = app
        .patch(&inv, &w.la, v, json!({"title": "Andaman boat network"}))
        .await;
    assert_eq!((same.status, same.body["version"].as_i64()), (200, Some(v)));
    let agency = format!("/api/v1/agencies/{}", w.a);
    let same = app
        .patch(&agency, &app.admin_token, 1, json!({"country": "TH"}))
        .await;
    assert_eq!((same.status, same.body["version"].as_i64()), (200, Some(1)));
    let user_id = app
        .create_user("same@agency.example", Role::Observer, None)
        .await;
    let user = format!("/api/v1/users/{user_id}");
    let same = app
        .patch(&user, &app.admin_token, 1, json!({"active": true}))
        .await;
    assert_eq!((same.status, same.body["version"].as_i64()), (200, Some(1)));
    let m = app
        .post(
            &format!("/api/v1/investigations/{}/milestones", w.x),
            Some(&w.la),
            json!({"kind": "other", "title": "Step", "due_on": today()}),
        )
        .await;
    let m_path = format!("/api/v1/milestones/{}", m.body["id"].as_str().unwrap());
    let same = app.patch(&m_path, &w.la, 1, json!({"title": "Step"})).await;
    assert_eq!((same.status, same.body["version"].as_i64()), (200, Some(1)));
    let o = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "arrests", "value": 4, "occurred_on": today()}),
        )
        .await;
    let o_path = format!("/api/v1/outcomes/{}", o.body["id"].as_str().unwrap());
    let same = app.patch(&o_path, &w.la, 1, json!({"value": 4})).await;
    assert_eq!(
        (same.status, same.body["version"].as_i64()),
        (200, Some(1)),
        "{}",
        same.text
    );
}

#[tokio::test]
async fn the_docs_answer_without_their_trailing_slash() {
    let app = spawn_app().await;
    let r = app.send(app.client.get(app.url("/docs"))).await;
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location").as_deref(), Some("/docs/"));
    let page = app.send(app.client.get(app.url("/docs/"))).await;
    assert_eq!(page.status, 200);
}

#[tokio::test]
async fn the_set_password_path_answers_405_to_what_the_document_does_not_list() {
    let app = spawn_app().await;
    let r = app
        .send(app.client.post(app.url("/set-password?token=abc")))
        .await;
    assert_eq!(r.status, 405, "{}", r.text);
    assert_eq!(r.header("allow").as_deref(), Some("GET"));
}
