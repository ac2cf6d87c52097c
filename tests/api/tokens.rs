//! Access tokens: every forgery and stale token is 401.

use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;

use crate::helpers::spawn_app;

const SECRET: &str = "test-secret-0123456789-abcdefghijklmnop";

fn claims_of(token: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn sign(claims: &serde_json::Value, secret: &str) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

#[tokio::test]
async fn a_valid_token_works_and_every_tampered_one_is_401() {
    let app = spawn_app().await;
    assert_eq!(app.get("/api/v1/me", &app.admin_token).await.status, 200);
    let claims = claims_of(&app.admin_token);
    let now = chrono::Utc::now().timestamp();

    // Re-signing the genuine claims with our secret works: the forgeries below fail for
    // the reason each names, not by accident.
    assert_eq!(
        app.get("/api/v1/me", &sign(&claims, SECRET)).await.status,
        200
    );

    let mut flipped = app.admin_token.clone();
    let last = flipped.pop().unwrap();
    flipped.push(if last == 'A' { 'B' } else { 'A' });

    let header_none = {
        use base64::Engine;
        let enc = |v: &serde_json::Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
        };
        format!(
            "{}.{}.",
            enc(&json!({"alg": "none", "typ": "JWT"})),
            enc(&claims)
        )
    };
    let hs512 = encode(
        &Header::new(Algorithm::HS512),
        &claims,
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap();
    let with = |key: &str, value: serde_json::Value| {
        let mut c = claims.clone();
        c[key] = value;
        sign(&c, SECRET)
    };
    let without = |key: &str| {
        let mut c = claims.clone();
        c.as_object_mut().unwrap().remove(key);
        sign(&c, SECRET)
    };
    let cases = vec![
        ("flipped signature", flipped),
        ("alg none", header_none),
        ("other algorithm", hs512),
        (
            "other key",
            sign(&claims, "another-secret-0123456789-abcdefghijkl"),
        ),
        ("expired", with("exp", json!(now - 120))),
        ("not yet valid", with("nbf", json!(now + 600))),
        ("issued in the future", with("iat", json!(now + 600))),
        ("wrong audience", with("aud", json!("someone-else"))),
        ("wrong issuer", with("iss", json!("evil"))),
        (
            "unknown session",
            with("sid", json!(uuid::Uuid::new_v4().to_string())),
        ),
        ("no exp", without("exp")),
        ("no nbf", without("nbf")),
        ("no iat", without("iat")),
        ("no aud", without("aud")),
        ("no iss", without("iss")),
        ("garbage", "not.a.jwt".to_string()),
    ];
    for (name, token) in cases {
        let r = app.get("/api/v1/me", &token).await;
        assert_eq!(r.status, 401, "{name} accepted");
        assert_eq!(r.problem_code(), "unauthorized", "{name}");
    }
    let no_header = app.request("GET", "/api/v1/me", None, None).await;
    assert_eq!(no_header.status, 401);
    let basic = app
        .send(
            app.client
                .get(app.url("/api/v1/me"))
                .header("Authorization", "Basic YTpi"),
        )
        .await;
    assert_eq!(basic.status, 401);
}

#[tokio::test]
async fn access_tokens_live_at_most_ten_minutes() {
    let app = spawn_app().await;
    let claims = claims_of(&app.admin_token);
    let lifetime = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
    assert!(lifetime > 0 && lifetime <= 600, "lifetime {lifetime}");
    assert_eq!(claims["iss"], "jpa-coord");
    assert_eq!(claims["aud"], "jpa-coord-api");
}
