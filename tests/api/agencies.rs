//! Agencies and user administration: validation, uniqueness, optimistic concurrency.

use jpa_coord::domain::Role;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn agencies_are_validated_unique_and_versioned() {
    let app = spawn_app().await;
    let bad = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": " ", "country": "XX", "kind": "police", "contact_email": "nope"}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["name", "country", "contact_email"]);

    let id = app.create_agency("Australian Federal Police", "au").await;
    let got = app
        .get(&format!("/api/v1/agencies/{id}"), &app.admin_token)
        .await;
    assert_eq!(got.body["country"], "AU");
    assert_eq!(got.header("etag").as_deref(), Some("\"1\""));
    let dup = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": "Australian Federal Police", "country": "AU", "kind": "police", "contact_email": "a@afp.example"}),
        )
        .await;
    assert_eq!(dup.status, 409);
    assert_eq!(dup.problem_code(), "conflict");

    let path = format!("/api/v1/agencies/{id}");
    let no_if_match = app
        .request(
            "PATCH",
            &path,
            Some(&app.admin_token),
            Some(json!({"kind": "border"})),
        )
        .await;
    assert_eq!(no_if_match.status, 428);
    let stale = app
        .patch(&path, &app.admin_token, 7, json!({"kind": "border"}))
        .await;
    assert_eq!(stale.status, 412);
    let ok = app
        .patch(&path, &app.admin_token, 1, json!({"kind": "border"}))
        .await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body["kind"], "border");
    assert_eq!(ok.body["version"], 2);
    assert_eq!(ok.header("etag").as_deref(), Some("\"2\""));
    let replay = app
        .patch(&path, &app.admin_token, 1, json!({"kind": "customs"}))
        .await;
    assert_eq!(
        replay.status, 412,
        "a second writer with the old version loses"
    );
    let version_in_body = app
        .patch(&path, &app.admin_token, 2, json!({"version": 9}))
        .await;
    assert_eq!(version_in_body.status, 422);
}

#[tokio::test]
async fn every_signed_in_role_lists_agencies_but_only_admin_and_co_chair_change_them() {
    let app = spawn_app().await;
    let agency = app.create_agency("Philippine National Police", "PH").await;
    let (_, liaison, _) = app
        .user_with_token(Role::Liaison, Some(agency.clone()))
        .await;
    let (_, observer, _) = app.user_with_token(Role::Observer, None).await;
    let (_, co_chair, _) = app.user_with_token(Role::CoChair, None).await;
    for token in [&liaison, &observer, &co_chair] {
        let list = app.get("/api/v1/agencies", token).await;
        assert_eq!(list.status, 200);
        assert_eq!(list.body["items"][0]["id"], agency.as_str());
    }
    let body =
        json!({"name": "New", "country": "VN", "kind": "border", "contact_email": "a@b.example"});
    assert_eq!(
        app.post("/api/v1/agencies", Some(&liaison), body.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        app.post("/api/v1/agencies", Some(&observer), body.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        app.post("/api/v1/agencies", Some(&co_chair), body)
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn lists_page_with_a_stable_cursor() {
    let app = spawn_app().await;
    for i in 0..5 {
        app.create_agency(&format!("Agency {i}"), "MY").await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/agencies?limit=2&cursor={c}"),
            None => "/api/v1/agencies?limit=2".to_string(),
        };
        let page = app.get(&path, &app.admin_token).await;
        assert_eq!(page.status, 200);
        for item in page.body["items"].as_array().unwrap() {
            seen.push(item["name"].as_str().unwrap().to_string());
        }
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(
        seen,
        vec!["Agency 4", "Agency 3", "Agency 2", "Agency 1", "Agency 0"],
        "newest first, each once"
    );
}

#[tokio::test]
async fn users_are_validated_and_a_liaison_needs_an_existing_agency() {
    let app = spawn_app().await;
    let cases = vec![
        (
            json!({"email": "x", "display_name": "X", "role": "observer"}),
            "email",
        ),
        (
            json!({"email": "x@y.example", "display_name": "", "role": "observer"}),
            "display_name",
        ),
        (
            json!({"email": "x@y.example", "display_name": "X", "role": "superuser"}),
            "role",
        ),
        (
            json!({"email": "x@y.example", "display_name": "X", "role": "liaison"}),
            "agency_id",
        ),
        (
            json!({"email": "x@y.example", "display_name": "X", "role": "liaison", "agency_id": uuid::Uuid::new_v4()}),
            "agency_id",
        ),
        (
            json!({"email": "x@y.example", "display_name": "X", "role": "observer", "password_hash": "x"}),
            "password_hash",
        ),
    ];
    for (body, field) in cases {
        let r = app
            .post("/api/v1/users", Some(&app.admin_token), body.clone())
            .await;
        assert_eq!(r.status, 422, "{body}");
        assert_eq!(r.body["errors"][0]["field"], field, "{body}");
    }
    let ok = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": "x@y.example", "display_name": "X", "role": "observer"}),
        )
        .await;
    assert_eq!(ok.status, 201);
    let dup = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": "X@Y.example", "display_name": "X", "role": "observer"}),
        )
        .await;
    assert_eq!(dup.status, 409);
    let list = app.get("/api/v1/users", &app.admin_token).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted_or_deactivated() {
    let app = spawn_app().await;
    let path = format!("/api/v1/users/{}", app.admin_id);
    let r = app
        .patch(&path, &app.admin_token, 1, json!({"active": false}))
        .await;
    assert_eq!(r.status, 409);
    let r = app
        .patch(&path, &app.admin_token, 1, json!({"role": "observer"}))
        .await;
    assert_eq!(r.status, 409);
    let other = app
        .create_user("second@admin.example", Role::Admin, None)
        .await;
    let r = app
        .patch(
            &format!("/api/v1/users/{other}"),
            &app.admin_token,
            1,
            json!({"role": "co_chair"}),
        )
        .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn names_that_differ_only_by_an_invisible_character_or_their_spelling_are_refused() {
    // Arrange
    let app = spawn_app().await;
    app.create_agency("Royal Thai Police", "TH").await;
    app.create_agency("Cafe\u{301} Police", "VN").await;

    // Act
    let zero_width = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": "Royal\u{200b} Thai Police", "country": "TH", "kind": "police", "contact_email": "desk@agency.example"}),
        )
        .await;
    let precomposed = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": "Caf\u{e9} Police", "country": "VN", "kind": "police", "contact_email": "desk@agency.example"}),
        )
        .await;
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&app.admin_token),
            json!({"code": "BIDI", "name": "Police \u{202e}ecnavda", "start_date": "2026-01-01"}),
        )
        .await;

    // Assert
    assert_eq!(zero_width.status, 422, "{}", zero_width.text);
    assert_eq!(zero_width.body["errors"][0]["field"], "name");
    assert_eq!(
        precomposed.status, 409,
        "NFC makes both spellings one name: {}",
        precomposed.text
    );
    assert_eq!(jpa.status, 422, "a bidi override in a name: {}", jpa.text);
    assert_eq!(jpa.body["errors"][0]["field"], "name");
}

#[tokio::test]
async fn a_bidi_override_in_an_investigation_title_is_refused() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let agency = app.create_agency("Royal Thai Police", "TH").await;
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&admin),
            json!({"code": "T", "name": "T", "start_date": "2026-01-01", "status": "active"}),
        )
        .await;
    let jpa = jpa.body["id"].as_str().unwrap().to_string();
    app.request(
        "PUT",
        &format!("/api/v1/jpas/{jpa}/agencies/{agency}"),
        Some(&admin),
        Some(json!({"joined_on": "2026-01-01"})),
    )
    .await;
    let body = |title: &str| {
        json!({"lead_agency_id": agency, "reference": "R-1", "title": title,
               "crime_types": ["people_smuggling"]})
    };

    // Act
    let path = format!("/api/v1/jpas/{jpa}/investigations");
    let bidi = app
        .post(&path, Some(&admin), body("Boat \u{202e}krowten"))
        .await;
    let plain = app.post(&path, Some(&admin), body("Boat network")).await;

    // Assert
    assert_eq!(bidi.status, 422, "{}", bidi.text);
    assert_eq!(bidi.body["errors"][0]["field"], "title");
    assert_eq!(plain.status, 201, "{}", plain.text);
}
