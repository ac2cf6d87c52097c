//! Malformed, oversized, wrong-type and unknown input gets problem+json, never a 500.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn an_unknown_path_and_a_wrong_method_answer_problem_json() {
    let app = spawn_app().await;
    let missing = app.request("GET", "/api/v1/nothing-here", None, None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.problem_code(), "not_found");
    let wrong_method = app
        .request("DELETE", "/api/v1/auth/login", None, None)
        .await;
    assert!(wrong_method.status == 404 || wrong_method.status == 405);
    wrong_method.problem_code();
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    let r = app
        .send(
            app.client
                .post(app.url("/api/v1/agencies"))
                .bearer_auth(&app.admin_token)
                .header("content-type", "application/json")
                .body("{\"name\": "),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.problem_code(), "malformed_json");
    assert!(
        !r.text.contains("line") && !r.text.contains("column"),
        "no parser internals: {}",
        r.text
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let app = spawn_app().await;
    let r = app
        .send(
            app.client
                .post(app.url("/api/v1/auth/login"))
                .header("content-type", "text/plain")
                .body("email=a&password=b"),
        )
        .await;
    assert_eq!(r.status, 415);
    assert_eq!(r.problem_code(), "unsupported_media_type");
    let none = app
        .send(app.client.post(app.url("/api/v1/auth/login")).body("{}"))
        .await;
    assert_eq!(none.status, 415);
}

#[tokio::test]
async fn a_body_over_64_kib_is_413_and_nothing_is_stored() {
    let app = spawn_app().await;
    let huge = "x".repeat(70 * 1024);
    let r = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": huge, "country": "AU", "kind": "police", "contact_email": "a@b.org"}),
        )
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.problem_code(), "payload_too_large");
    let chunked = app
        .send(
            app.client
                .post(app.url("/api/v1/agencies"))
                .bearer_auth(&app.admin_token)
                .header("content-type", "application/json")
                .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
                    (0..80).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1024])),
                ))),
        )
        .await;
    assert_eq!(
        chunked.status, 413,
        "a streamed body without length is bounded too"
    );
    let list = app.get("/api/v1/agencies", &app.admin_token).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn unknown_fields_and_wrong_types_are_422_with_the_field_named() {
    let app = spawn_app().await;
    let unknown = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": "AFP", "country": "AU", "kind": "police", "contact_email": "a@b.org", "version": 7}),
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert_eq!(unknown.problem_code(), "validation_failed");
    assert_eq!(unknown.body["errors"][0]["field"], "version");

    let wrong_type = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": 5, "country": "AU", "kind": "police", "contact_email": "a@b.org"}),
        )
        .await;
    assert_eq!(wrong_type.status, 422);
    assert_eq!(wrong_type.body["errors"][0]["field"], "name");

    let bad_enum = app
        .post(
            "/api/v1/agencies",
            Some(&app.admin_token),
            json!({"name": "AFP", "country": "AU", "kind": "navy", "contact_email": "a@b.org"}),
        )
        .await;
    assert_eq!(bad_enum.status, 422);
    assert!(bad_enum.body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("coast_guard"));

    let not_object = app.post("/api/v1/auth/login", None, json!([1, 2])).await;
    assert_eq!(not_object.status, 422);
    not_object.problem_code();
}

#[tokio::test]
async fn malformed_ids_and_query_parameters_are_answered_cleanly() {
    let app = spawn_app().await;
    let bad_id = app.get("/api/v1/users/not-a-uuid", &app.admin_token).await;
    assert_eq!(bad_id.status, 404);
    let random = app
        .get(
            &format!("/api/v1/users/{}", uuid::Uuid::new_v4()),
            &app.admin_token,
        )
        .await;
    assert_eq!(random.status, 404);
    assert_eq!(bad_id.body["detail"], random.body["detail"]);
    for query in [
        "limit=0",
        "limit=201",
        "limit=abc",
        "cursor=%%%",
        "cursor=bm9wZQ",
    ] {
        let r = app
            .get(&format!("/api/v1/users?{query}"), &app.admin_token)
            .await;
        assert_eq!(r.status, 400, "{query}");
        r.problem_code();
    }
    let bad_from = app
        .get("/api/v1/audit?from=yesterday", &app.admin_token)
        .await;
    assert_eq!(bad_from.status, 400);
}

/// What the OpenAPI document promises about input is what the handlers do: integers may
/// be written `12.0`, an optional body may be `null`, filters that name ids must be
/// UUIDs, an If-Match is a quoted version and text never carries control characters.
#[tokio::test]
async fn input_is_judged_as_the_openapi_document_describes_it() {
    let app = spawn_app().await;
    let token = app.admin_token.clone();
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&token),
            json!({"code": "DOC-1", "name": "Doc", "start_date": "2026-01-01", "report_due_day": 12.0}),
        )
        .await;
    assert_eq!(jpa.status, 201, "{}", jpa.text);
    assert_eq!(jpa.body["report_due_day"], 12);
    let fraction = app
        .post(
            "/api/v1/jpas",
            Some(&token),
            json!({"code": "DOC-2", "name": "Doc", "start_date": "2026-01-01", "report_due_day": 12.5}),
        )
        .await;
    assert_eq!(fraction.status, 422);
    assert_eq!(fraction.body["errors"][0]["field"], "report_due_day");
    for oversized in [json!(4_294_967_297_i64), json!(1e300)] {
        let r = app
            .post(
                "/api/v1/jpas",
                Some(&token),
                json!({"code": "DOC-3", "name": "Doc", "start_date": "2026-01-01", "report_due_day": oversized}),
            )
            .await;
        assert_eq!(r.status, 422, "{oversized}: {}", r.text);
        assert_eq!(r.body["errors"][0]["field"], "report_due_day");
    }

    let jpa_id = jpa.body["id"].as_str().unwrap().to_string();
    let agency = app.create_agency("Doc Police", "TH").await;
    let join = app
        .send(
            app.client
                .put(app.url(&format!("/api/v1/jpas/{jpa_id}/agencies/{agency}")))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body("null"),
        )
        .await;
    assert_eq!(join.status, 201, "a null body is no body: {}", join.text);
    let form_feed = app
        .send(
            app.client
                .put(app.url(&format!("/api/v1/jpas/{jpa_id}/agencies/{agency}")))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body("\u{c}"),
        )
        .await;
    assert_eq!(form_feed.status, 400, "a form feed is not JSON whitespace");

    let long_q = format!("q={}", "x".repeat(201));
    for query in ["agency_id=", "agency_id=police", long_q.as_str()] {
        let r = app
            .get(
                &format!("/api/v1/jpas/{jpa_id}/investigations?{query}"),
                &token,
            )
            .await;
        assert_eq!(r.status, 400, "{query}");
        assert_eq!(r.problem_code(), "invalid_query");
    }
    let long_type = "x".repeat(65);
    for query in [
        format!("entity_type={long_type}"),
        "actor_id=me".to_string(),
    ] {
        let r = app.get(&format!("/api/v1/audit?{query}"), &token).await;
        assert_eq!(r.status, 400, "{query}");
    }

    let version = jpa.body["version"].as_i64().unwrap();
    for tag in [
        format!("{version}"),
        format!("W/\"{version}\""),
        "\"v1\"".into(),
    ] {
        let r = app
            .send(
                app.client
                    .patch(app.url(&format!("/api/v1/jpas/{jpa_id}")))
                    .bearer_auth(&token)
                    .header("If-Match", tag.as_str())
                    .json(&json!({"name": "Renamed"})),
            )
            .await;
        assert_eq!(r.status, 400, "If-Match {tag}");
    }
    for name in ["Bad\u{85}", "\u{1b}[31mred"] {
        let r = app
            .patch(
                &format!("/api/v1/jpas/{jpa_id}"),
                &token,
                version,
                json!({"name": name}),
            )
            .await;
        assert_eq!(r.status, 422, "{name:?}");
    }
    let after = app.get(&format!("/api/v1/jpas/{jpa_id}"), &token).await;
    assert_eq!(
        after.body["name"], "Doc",
        "nothing was changed by the refused requests"
    );
}

/// U+0000 cannot be stored in PostgreSQL text; anywhere in a body or a URL it is refused
/// up front (422 / 400) instead of reaching the database as a 500.
#[tokio::test]
async fn a_nul_character_anywhere_is_refused_not_a_500() {
    let app = spawn_app().await;
    for (path, body, field) in [
        (
            "/api/v1/auth/login",
            json!({"email": "a\u{0}b@x.org", "password": "x"}),
            "email",
        ),
        (
            "/api/v1/auth/password-reset",
            json!({"email": "a\u{0}@x.org"}),
            "email",
        ),
        (
            "/api/v1/auth/refresh",
            json!({"refresh_token": "a\u{0}b"}),
            "refresh_token",
        ),
        (
            "/api/v1/agencies",
            json!({"name": "N", "country": "TH", "kind": "police", "contact_email": "a@x.org", "extra\u{0}": 1}),
            "extra\u{0}",
        ),
    ] {
        let r = app.post(path, Some(&app.admin_token), body).await;
        assert_eq!(r.status, 422, "{path}: {}", r.text);
        assert_eq!(r.body["errors"][0]["field"], field, "{path}");
    }
    for path in [
        "/api/v1/audit?entity_type=a%00b",
        "/api/v1/audit?entity_id=%00",
        "/api/v1/users?cursor=%00",
        "/api/v1/users/%00",
    ] {
        let r = app.get(path, &app.admin_token).await;
        assert_eq!(r.status, 400, "{path}: {}", r.text);
        assert_eq!(r.problem_code(), "invalid_query");
        assert!(r.header("x-request-id").is_some());
    }
}

#[tokio::test]
async fn a_date_that_is_not_zero_padded_is_refused_in_a_body_and_in_a_query() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&admin),
            json!({"code": "DATES", "name": "Dates", "start_date": "2026-01-01"}),
        )
        .await;
    assert_eq!(jpa.status, 201);
    let jpa = jpa.body["id"].as_str().unwrap().to_string();

    // Act and assert: bodies name the field (422) ...
    for (path, body, field) in [
        (
            "/api/v1/jpas".to_string(),
            json!({"code": "D2", "name": "D", "start_date": "2026-1-1"}),
            "start_date",
        ),
        (
            "/api/v1/jpas".to_string(),
            json!({"code": "D3", "name": "D", "start_date": "2026-01-01", "end_date": "2026-12-1"}),
            "end_date",
        ),
        (
            "/api/v1/admin/reminders/run".to_string(),
            json!({"as_of": "2026-1-01"}),
            "as_of",
        ),
    ] {
        let r = app.post(&path, Some(&admin), body).await;
        assert_eq!(r.status, 422, "{path} {field}: {}", r.text);
        assert_eq!(r.body["errors"][0]["field"], field);
        assert!(r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("YYYY-MM-DD"));
    }
    let patched = app
        .patch(
            &format!("/api/v1/jpas/{jpa}"),
            &admin,
            1,
            json!({"end_date": "2026-6-30"}),
        )
        .await;
    assert_eq!(patched.status, 422);
    assert_eq!(patched.body["errors"][0]["field"], "end_date");

    // ... and query parameters are 400.
    for path in [
        format!("/api/v1/jpas/{jpa}/progress?as_of=2026-1-1"),
        "/api/v1/audit?from=2026-1-1".to_string(),
        "/api/v1/audit?to=2026-01-1".to_string(),
    ] {
        let r = app.get(&path, &admin).await;
        assert_eq!(r.status, 400, "{path}: {}", r.text);
        r.problem_code();
    }
    let padded = app
        .get(
            &format!("/api/v1/jpas/{jpa}/progress?as_of=2026-01-31"),
            &admin,
        )
        .await;
    assert_eq!(padded.status, 200);
}
