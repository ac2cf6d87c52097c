//! Two-factor sign-in with TOTP: enrolment, the two-step sign-in, replay, recovery
//! codes, throttling, disabling, and roles that must enrol first.

use jpa_coord::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with, TestApp, PASSWORD};

/// The code of the time step `offset_steps` after the instant `t0`.
fn code_at(secret: &str, t0: i64, offset_steps: i64) -> String {
    let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, secret).unwrap();
    let totp = totp_rs::Builder::new().with_secret(bytes).build().unwrap();
    totp.generate((t0 + offset_steps * 30) as u64).to_string()
}

/// Enrols the user behind `token`; returns (secret, recovery codes, the instant whose
/// code confirmed the enrolment).
async fn enrol(app: &TestApp, token: &str, password: &str) -> (String, Vec<String>, i64) {
    let e = app
        .post(
            "/api/v1/me/totp/enroll",
            Some(token),
            json!({"current_password": password}),
        )
        .await;
    assert_eq!(e.status, 200, "{}", e.text);
    let secret = e.body["secret"].as_str().unwrap().to_string();
    assert!(e.body["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/jpa-coord"));
    let wrong = app
        .post(
            "/api/v1/me/totp/confirm",
            Some(token),
            json!({"code": "000000"}),
        )
        .await;
    assert_eq!(wrong.status, 422);
    let t0 = chrono::Utc::now().timestamp();
    let ok = app
        .post(
            "/api/v1/me/totp/confirm",
            Some(token),
            json!({"code": code_at(&secret, t0, 0)}),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    let codes: Vec<String> = ok.body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes, t0)
}

#[tokio::test]
async fn an_enrolled_user_signs_in_in_two_steps_and_codes_are_single_use() {
    let app = spawn_app().await;
    let email = "two@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, first) = app.login(email, PASSWORD).await;
    let (secret, recovery, t0) =
        enrol(&app, first["access_token"].as_str().unwrap(), PASSWORD).await;
    let user_id = first["user"]["id"].as_str().unwrap().to_string();
    let db = app.state.db.clone();
    let stored = tokio::task::spawn_blocking(move || {
        let mut conn = db.get().unwrap();
        jpa_coord::db::mfa::state(&mut conn, &user_id)
            .unwrap()
            .0
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        stored.starts_with("v1:") && !stored.contains(&secret),
        "the secret is sealed at rest"
    );

    let (status, step1) = app.login(email, PASSWORD).await;
    assert_eq!(status, 200);
    assert_eq!(step1["mfa_required"], true);
    assert!(
        step1.get("access_token").is_none(),
        "no token before the code"
    );
    let challenge = step1["mfa_token"].as_str().unwrap();
    let replay = app
        .post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": challenge, "code": code_at(&secret, t0, 0)}),
        )
        .await;
    assert_eq!(
        replay.status, 401,
        "the code used to confirm cannot be used again"
    );
    let next = app
        .post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": challenge, "code": code_at(&secret, t0, 1)}),
        )
        .await;
    assert_eq!(next.status, 200, "{}", next.text);
    assert!(next.body["access_token"].is_string());
    let again = app
        .post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": challenge, "code": code_at(&secret, t0, 1)}),
        )
        .await;
    assert_eq!(again.status, 401, "a challenge is spent once used");

    let (_, step1) = app.login(email, PASSWORD).await;
    let by_recovery = app
        .post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": step1["mfa_token"], "code": recovery[0].to_uppercase()}),
        )
        .await;
    assert_eq!(
        by_recovery.status, 200,
        "recovery codes work, case-insensitively"
    );
    let (_, step1) = app.login(email, PASSWORD).await;
    let reused = app
        .post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": step1["mfa_token"], "code": recovery[0]}),
        )
        .await;
    assert_eq!(reused.status, 401, "a recovery code works once");
    let bogus = app
        .post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": "not-a-challenge", "code": "123456"}),
        )
        .await;
    assert_eq!(bogus.status, 401);

    let token = next.body["access_token"].as_str().unwrap();
    let enrol_again = app
        .post(
            "/api/v1/me/totp/enroll",
            Some(token),
            json!({"current_password": PASSWORD}),
        )
        .await;
    assert_eq!(enrol_again.status, 409);
    let bad = app
        .post(
            "/api/v1/me/totp/disable",
            Some(token),
            json!({"password": "wrong-password-1", "code": code_at(&secret, t0, -1)}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let off = app
        .post(
            "/api/v1/me/totp/disable",
            Some(token),
            json!({"password": PASSWORD, "code": recovery[1]}),
        )
        .await;
    assert_eq!(off.status, 204, "{}", off.text);
    let (status, plain) = app.login(email, PASSWORD).await;
    assert_eq!(status, 200);
    assert!(
        plain["access_token"].is_string(),
        "one step again once disabled"
    );
    // The owner was told of both changes (ASVS 2.2.3), with no code or secret in the mail.
    let mut notices = Vec::new();
    for _ in 0..100 {
        notices = app
            .mailer
            .sent()
            .into_iter()
            .filter(|m| m.to == email && m.subject.starts_with("Security notice"))
            .collect();
        if notices.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(notices.len(), 2, "one notice for on, one for off");
    assert!(notices[0].text.contains("two-factor sign-in was turned on"));
    assert!(notices[1]
        .text
        .contains("two-factor sign-in was turned off"));
    for notice in &notices {
        assert!(!notice.text.contains(&secret) && !notice.text.contains(&recovery[1]));
    }
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let app = spawn_app_with(|s| s.auth.max_failures_per_account = 3).await;
    let email = "guess@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, first) = app.login(email, PASSWORD).await;
    enrol(&app, first["access_token"].as_str().unwrap(), PASSWORD).await;
    let (_, step1) = app.login(email, PASSWORD).await;
    let challenge = step1["mfa_token"].as_str().unwrap();
    for _ in 0..2 {
        let r = app
            .post(
                "/api/v1/auth/login/totp",
                None,
                json!({"mfa_token": challenge, "code": "111111"}),
            )
            .await;
        assert_eq!(r.status, 401);
    }
    // The failed confirm during enrolment counted too: the third wrong code locks.
    let r = app
        .post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": challenge, "code": "111111"}),
        )
        .await;
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
}

#[tokio::test]
async fn roles_that_require_two_factor_must_enrol_before_anything_else() {
    let app = spawn_app_with(|s| s.auth.require_mfa_roles = vec!["admin".into()]).await;
    let blocked = app.get("/api/v1/users", &app.admin_token).await;
    assert_eq!(blocked.status, 403);
    assert_eq!(blocked.problem_code(), "mfa_enrollment_required");
    assert_eq!(app.get("/api/v1/me", &app.admin_token).await.status, 200);
    let (_, observer, _) = app.user_with_token(Role::Observer, None).await;
    assert_eq!(
        app.get("/api/v1/agencies", &observer).await.status,
        200,
        "other roles are not forced"
    );
    enrol(&app, &app.admin_token, &app.admin_password).await;
    assert_eq!(app.get("/api/v1/users", &app.admin_token).await.status, 200);
}
