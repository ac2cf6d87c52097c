use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_ready_answer_with_security_headers() {
    let app = spawn_app().await;
    let health = app.send(app.client.get(app.url("/health"))).await;
    assert_eq!(health.status, 200);
    assert_eq!(health.body["status"], "ok");
    assert_eq!(
        health.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert!(health
        .header("x-request-id")
        .is_some_and(|id| !id.is_empty()));

    let ready = app.send(app.client.get(app.url("/ready"))).await;
    assert_eq!(ready.status, 200);
}

#[tokio::test]
async fn a_well_formed_incoming_request_id_is_kept_and_a_hostile_one_replaced() {
    let app = spawn_app().await;
    let kept = app
        .send(
            app.client
                .get(app.url("/health"))
                .header("X-Request-Id", "trace-abc.123"),
        )
        .await;
    assert_eq!(
        kept.header("x-request-id").as_deref(),
        Some("trace-abc.123")
    );
    let replaced = app
        .send(
            app.client
                .get(app.url("/health"))
                .header("X-Request-Id", "<script>x</script>"),
        )
        .await;
    assert_ne!(
        replaced.header("x-request-id").as_deref(),
        Some("<script>x</script>")
    );
}

#[tokio::test]
async fn signed_in_responses_are_not_cached() {
    let app = spawn_app().await;
    let me = app.get("/api/v1/me", &app.admin_token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.header("cache-control").as_deref(), Some("no-store"));
}

#[tokio::test]
async fn the_openapi_document_and_docs_page_are_served() {
    let app = spawn_app().await;
    let doc = app
        .send(app.client.get(app.url("/api/v1/openapi.json")))
        .await;
    assert_eq!(doc.status, 200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc.body["paths"]["/api/v1/auth/login"]["post"].is_object());
    let responses = &doc.body["paths"]["/api/v1/users/{id}"]["patch"]["responses"];
    for status in ["401", "404", "412", "422", "428"] {
        // Problem answers are shared components: `{"$ref": "#/components/responses/.."}`.
        let name = responses[status]["$ref"].as_str().unwrap_or_default();
        let response = &doc.body["components"]["responses"]
            [name.trim_start_matches("#/components/responses/")];
        assert!(
            response["content"]["application/problem+json"].is_object(),
            "{status} is documented as problem+json"
        );
    }
    let docs = app.send(app.client.get(app.url("/docs/"))).await;
    assert_eq!(docs.status, 200);
    assert!(docs.text.contains("swagger"), "docs page is Swagger UI");
}

#[tokio::test]
async fn trace_is_refused_and_no_server_version_is_announced() {
    let app = spawn_app().await;
    let trace = app
        .request("TRACE", "/api/v1/me", Some(&app.admin_token), None)
        .await;
    assert_eq!(trace.status, 405);
    assert_eq!(trace.problem_code(), "method_not_allowed");
    assert!(!trace.text.contains(&app.admin_token), "nothing is echoed");
    let health = app.send(app.client.get(app.url("/health"))).await;
    assert!(health.header("server").is_none());
    let docs = app.send(app.client.get(app.url("/docs/"))).await;
    assert!(docs
        .header("content-security-policy")
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert_eq!(docs.header("x-frame-options").as_deref(), Some("DENY"));
}

#[tokio::test]
async fn cross_origin_calls_are_allowed_only_for_configured_origins() {
    let closed = spawn_app().await;
    let preflight = |app: &crate::helpers::TestApp, origin: &str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/me"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
    };
    let r = closed
        .send(preflight(&closed, "https://evil.example"))
        .await;
    assert!(
        r.header("access-control-allow-origin").is_none(),
        "no CORS by default"
    );
    let open = crate::helpers::spawn_app_with(|s| {
        s.server.cors_origins = vec!["https://jpa.example.org".into()]
    })
    .await;
    let allowed = open.send(preflight(&open, "https://jpa.example.org")).await;
    assert_eq!(
        allowed.header("access-control-allow-origin").as_deref(),
        Some("https://jpa.example.org")
    );
    let refused = open.send(preflight(&open, "https://evil.example")).await;
    assert!(refused.header("access-control-allow-origin").is_none());
    let get = open
        .send(
            open.client
                .get(open.url("/api/v1/me"))
                .bearer_auth(&open.admin_token)
                .header("Origin", "https://jpa.example.org"),
        )
        .await;
    assert_eq!(get.status, 200);
    assert_eq!(
        get.header("access-control-allow-origin").as_deref(),
        Some("https://jpa.example.org")
    );
}

/// Behind HTTPS (a `https://` public URL) browsers are told to keep to HTTPS; every
/// response forbids sending its URL (which may carry a token) as a referrer.
#[tokio::test]
async fn https_deployments_send_hsts_and_api_answers_are_neither_rendered_nor_leaked() {
    let plain = spawn_app().await;
    let r = plain.get("/api/v1/me", &plain.admin_token).await;
    assert_eq!(r.header("referrer-policy").as_deref(), Some("no-referrer"));
    assert_eq!(
        r.header("content-security-policy").as_deref(),
        Some("default-src 'none'; frame-ancestors 'none'"),
        "an API answer is never a document"
    );
    assert!(
        r.header("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );
    let tls = crate::helpers::spawn_app_with(|s| {
        s.server.public_url = "https://jpa.example.org".into();
    })
    .await;
    for path in ["/health", "/api/v1/nothing-here"] {
        let r = tls.send(tls.client.get(tls.url(path))).await;
        assert_eq!(
            r.header("strict-transport-security").as_deref(),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
    }
}
