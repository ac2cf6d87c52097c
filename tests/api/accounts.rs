//! Sign-in, sessions, invitations, resets and the caller's own account.

use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, token_from_mail, PASSWORD};

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_401() {
    let app = spawn_app().await;
    app.create_user("ana@police.example", Role::CoChair, None)
        .await;
    let wrong = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "ana@police.example", "password": "wrong-password-123"}),
        )
        .await;
    let unknown = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "nobody@police.example", "password": "wrong-password-123"}),
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    let strip = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("request_id");
        v
    };
    assert_eq!(strip(wrong.body), strip(unknown.body));
    let (ok, body) = app.login("ANA@police.example", PASSWORD).await;
    assert_eq!(ok, 200, "emails are case-insensitive");
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_in"].as_i64().unwrap() <= 600);
    assert!(body["user"].get("password_hash").is_none());
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after_even_for_the_right_password() {
    let app = spawn_app_with(|s| s.auth.max_failures_per_account = 3).await;
    app.create_user("ben@police.example", Role::Observer, None)
        .await;
    for _ in 0..3 {
        let (status, _) = app.login("ben@police.example", "not-the-password-1").await;
        assert_eq!(status, 401);
    }
    let throttled = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "ben@police.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(throttled.status, 429);
    assert_eq!(throttled.problem_code(), "throttled");
    let retry: i64 = throttled.header("retry-after").unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 900);
    // Another account from the same address is not locked by ben's failures.
    let (status, _) = app.login("admin@jpa.test", "still-wrong-password").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn throttling_by_client_address_spans_accounts_but_spares_untouched_ones() {
    let app = spawn_app_with(|s| s.auth.max_failures_per_address = 4).await;
    let colleague = "colleague@agency.example";
    app.create_user(colleague, Role::Observer, None).await;
    for i in 0..4 {
        let (status, _) = app
            .login(&format!("guess{i}@x.example"), "wrong-password-xyz")
            .await;
        assert_eq!(status, 401);
    }
    // The address is over its limit: an account that already failed is refused unchecked.
    let (status, _) = app.login("guess0@x.example", "wrong-password-xyz").await;
    assert_eq!(status, 429);
    // A colleague behind the same address, with no failures of its own, still signs in.
    let (status, body) = app.login(colleague, PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    // An untouched account gets its guess checked once; then the address limit holds it.
    let (status, _) = app.login("guess9@x.example", "wrong-password-xyz").await;
    assert_eq!(status, 401);
    let (status, _) = app.login("guess9@x.example", "wrong-password-xyz").await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_refresh_token_revokes_the_session() {
    let app = spawn_app().await;
    let (_, access, refresh) = app.user_with_token(Role::Observer, None).await;
    let first = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": refresh}),
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.text);
    let new_refresh = first.body["refresh_token"].as_str().unwrap().to_string();
    let new_access = first.body["access_token"].as_str().unwrap().to_string();
    assert_ne!(new_refresh, refresh);
    assert_eq!(app.get("/api/v1/me", &new_access).await.status, 200);

    let replay = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": refresh}),
        )
        .await;
    assert_eq!(replay.status, 401);
    // The whole session is gone: its access tokens and its newest refresh token.
    assert_eq!(app.get("/api/v1/me", &new_access).await.status, 401);
    assert_eq!(app.get("/api/v1/me", &access).await.status, 401);
    let after = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": new_refresh}),
        )
        .await;
    assert_eq!(after.status, 401);
    let unknown = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": "nope"}),
        )
        .await;
    assert_eq!(unknown.status, 401);
}

#[tokio::test]
async fn logout_stops_that_sessions_tokens_at_once_but_not_other_sessions() {
    let app = spawn_app().await;
    let email = "carla@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, one) = app.login(email, PASSWORD).await;
    let (_, two) = app.login(email, PASSWORD).await;
    let token = one["access_token"].as_str().unwrap();
    let r = app
        .post(
            "/api/v1/auth/logout",
            Some(token),
            json!({"refresh_token": one["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(app.get("/api/v1/me", token).await.status, 401);
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": one["refresh_token"]}),
        )
        .await;
    assert_eq!(refresh.status, 401);
    assert_eq!(
        app.get("/api/v1/me", two["access_token"].as_str().unwrap())
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn deactivation_and_role_change_take_effect_on_the_next_request() {
    let app = spawn_app().await;
    let agency = app.create_agency("Royal Thai Police", "TH").await;
    let (id, token, refresh) = app.user_with_token(Role::CoChair, None).await;
    assert_eq!(app.get("/api/v1/audit", &token).await.status, 200);

    let user = app
        .get(&format!("/api/v1/users/{id}"), &app.admin_token)
        .await;
    let version = user.body["version"].as_i64().unwrap();
    let demoted = app
        .patch(
            &format!("/api/v1/users/{id}"),
            &app.admin_token,
            version,
            json!({"role": "liaison", "agency_id": agency}),
        )
        .await;
    assert_eq!(demoted.status, 200, "{}", demoted.text);
    assert_eq!(
        app.get("/api/v1/audit", &token).await.status,
        403,
        "the old token carries no role"
    );

    let deactivated = app
        .patch(
            &format!("/api/v1/users/{id}"),
            &app.admin_token,
            version + 1,
            json!({"active": false}),
        )
        .await;
    assert_eq!(deactivated.status, 200);
    assert_eq!(app.get("/api/v1/me", &token).await.status, 401);
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": refresh}),
        )
        .await;
    assert_eq!(refresh.status, 401);
    let (status, _) = app
        .login(user.body["email"].as_str().unwrap(), PASSWORD)
        .await;
    assert_eq!(status, 401, "an inactive user cannot sign in");
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_and_checks_the_policy() {
    let app = spawn_app().await;
    let email = "dana@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, one) = app.login(email, PASSWORD).await;
    let (_, two) = app.login(email, PASSWORD).await;
    let token = one["access_token"].as_str().unwrap();

    let wrong = app
        .post("/api/v1/me/password", Some(token), json!({"current_password": "wrong-one-123456", "new_password": "a-brand-new-passphrase"}))
        .await;
    assert_eq!(wrong.status, 422);
    for weak in ["short", "password1234", "aaaaaaaaaaaaaaaaa"] {
        let r = app
            .post(
                "/api/v1/me/password",
                Some(token),
                json!({"current_password": PASSWORD, "new_password": weak}),
            )
            .await;
        assert_eq!(r.status, 422, "{weak}");
        assert_eq!(r.body["errors"][0]["field"], "new_password");
    }
    let ok = app
        .post(
            "/api/v1/me/password",
            Some(token),
            json!({"current_password": PASSWORD, "new_password": "a-brand-new-passphrase"}),
        )
        .await;
    assert_eq!(ok.status, 204);
    assert_eq!(
        app.get("/api/v1/me", token).await.status,
        200,
        "the caller's own session stays"
    );
    assert_eq!(
        app.get("/api/v1/me", two["access_token"].as_str().unwrap())
            .await
            .status,
        401
    );
    assert_eq!(app.login(email, PASSWORD).await.0, 401);
    assert_eq!(app.login(email, "a-brand-new-passphrase").await.0, 200);
}

#[tokio::test]
async fn an_invited_liaison_sets_a_password_with_the_mailed_link_and_signs_in() {
    let app = spawn_app().await;
    let agency = app.create_agency("Indonesian National Police", "ID").await;
    let created = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": "Eko@Polri.example", "display_name": "Eko <b>S</b>", "role": "liaison", "agency_id": agency}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["email"], "eko@polri.example");
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));

    let mail = app.wait_for_mail("eko@polri.example").await;
    assert!(mail.text.contains("http://jpa.test/set-password?token="));
    assert!(
        mail.html.contains("Eko &lt;b&gt;S&lt;/b&gt;"),
        "names are escaped in HTML"
    );
    let token = token_from_mail(&mail.text);

    let weak = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": "short"}),
        )
        .await;
    assert_eq!(weak.status, 422);
    let set = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": "monsoon-harbour-lights"}),
        )
        .await;
    assert_eq!(set.status, 204, "{}", set.text);
    let again = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": "another-harbour-light"}),
        )
        .await;
    assert_eq!(again.status, 422, "the link is single use");
    let (status, body) = app
        .login("eko@polri.example", "monsoon-harbour-lights")
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["user"]["role"], "liaison");
    assert_eq!(body["user"]["agency_id"], agency.as_str());
}

#[tokio::test]
async fn password_reset_answers_202_either_way_and_its_link_ends_all_sessions() {
    let app = spawn_app().await;
    let email = "fay@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, session) = app.login(email, PASSWORD).await;
    let unknown = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({"email": "ghost@x.example"}),
        )
        .await;
    let known = app
        .post("/api/v1/auth/password-reset", None, json!({"email": email}))
        .await;
    assert_eq!(unknown.status, 202);
    assert_eq!(known.status, 202);
    assert_eq!(unknown.body, known.body);

    let mail = app.wait_for_mail(email).await;
    let token = token_from_mail(&mail.text);
    let bogus = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": "bogus", "new_password": "tidal-forest-canopy"}),
        )
        .await;
    assert_eq!(bogus.status, 422);
    let r = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": "tidal-forest-canopy"}),
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        app.get("/api/v1/me", session["access_token"].as_str().unwrap())
            .await
            .status,
        401
    );
    assert_eq!(app.login(email, "tidal-forest-canopy").await.0, 200);
}

#[tokio::test]
async fn reset_mails_are_limited_to_three_an_hour_per_account() {
    let app = spawn_app().await;
    let email = "gus@police.example";
    app.create_user(email, Role::Observer, None).await;
    for _ in 0..5 {
        let r = app
            .post("/api/v1/auth/password-reset", None, json!({"email": email}))
            .await;
        assert_eq!(r.status, 202);
    }
    let count = || app.mailer.sent().iter().filter(|m| m.to == email).count();
    for _ in 0..100 {
        if count() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(count(), 3);
}

#[tokio::test]
async fn me_shows_the_caller_and_refuses_mass_assignment_on_password_change() {
    let app = spawn_app().await;
    let me = app.get("/api/v1/me", &app.admin_token).await;
    assert_eq!(me.body["role"], "admin");
    assert_eq!(me.body["email"], "admin@jpa.test");
    let r = app
        .post(
            "/api/v1/me/password",
            Some(&app.admin_token),
            json!({"current_password": "x", "new_password": "y", "role": "admin"}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["errors"][0]["field"], "role");
}

/// OWASP ASVS 3.3.2 (level 2): a session ends 12 hours after sign-in however active, and
/// after 30 minutes in which its refresh token went unused.
#[tokio::test]
async fn sessions_end_after_twelve_hours_or_thirty_idle_minutes() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    let email = "idle@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, session) = app.login(email, PASSWORD).await;
    let token = session["access_token"].as_str().unwrap().to_string();
    let postgres = secrecy::ExposeSecret::expose_secret(&app.state.settings.database.url)
        .starts_with("postgres");
    // Moves a timestamp column back by some minutes, in either dialect.
    let age = |table: &'static str, column: &'static str, minutes: i64, filter: &'static str| {
        let db = app.state.db.clone();
        let earlier = if postgres {
            format!("{column} - INTERVAL '{minutes} minutes'")
        } else {
            format!("strftime('%Y-%m-%d %H:%M:%f', {column}, '-{minutes} minutes')")
        };
        let sql = format!("UPDATE {table} SET {column} = {earlier} {filter}");
        async move {
            tokio::task::spawn_blocking(move || db.get().unwrap().batch_execute(&sql).unwrap())
                .await
                .unwrap()
        }
    };
    let refresh = |refresh_token: Value| {
        app.post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": refresh_token}),
        )
    };

    // 29 minutes idle: still fine, and the new refresh token starts the clock again.
    age("refresh_tokens", "created_at", 29, "").await;
    let fresh = refresh(session["refresh_token"].clone()).await;
    assert_eq!(fresh.status, 200, "{}", fresh.text);
    // 31 minutes idle: the session is over, and its access token with it.
    age("refresh_tokens", "created_at", 31, "WHERE spent_at IS NULL").await;
    let stale = refresh(fresh.body["refresh_token"].clone()).await;
    assert_eq!(stale.status, 401);
    let access = fresh.body["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", access).await.status, 401);
    assert_eq!(app.get("/api/v1/me", &token).await.status, 401);

    // Signed in 12 hours ago and active all along: over too.
    let (_, busy) = app.login(email, PASSWORD).await;
    let busy_token = busy["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", busy_token).await.status, 200);
    age(
        "sessions",
        "expires_at",
        12 * 60,
        "WHERE revoked_at IS NULL",
    )
    .await;
    assert_eq!(app.get("/api/v1/me", busy_token).await.status, 401);
    assert_eq!(refresh(busy["refresh_token"].clone()).await.status, 401);
}

/// A password changed by its owner or reset through a mailed link is announced to the
/// owner (ASVS 2.2.3); an invitee setting a first password is not.
#[tokio::test]
async fn password_changes_are_announced_to_the_owner_without_secrets() {
    let app = spawn_app().await;
    let email = "notice@police.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, session) = app.login(email, PASSWORD).await;
    let token = session["access_token"].as_str().unwrap();
    let new_password = "a brand new passphrase 42";
    let r = app
        .post(
            "/api/v1/me/password",
            Some(token),
            json!({"current_password": PASSWORD, "new_password": new_password}),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let notice = app.wait_for_mail(email).await;
    assert!(
        notice.subject.starts_with("Security notice"),
        "{}",
        notice.subject
    );
    assert!(notice
        .text
        .contains("the password of your account was changed"));
    assert!(!notice.text.contains(new_password) && !notice.text.contains("token="));

    let r = app
        .post("/api/v1/auth/password-reset", None, json!({"email": email}))
        .await;
    assert_eq!(r.status, 202);
    let mut link = None;
    for _ in 0..100 {
        link = app
            .mailer
            .sent()
            .into_iter()
            .find(|m| m.to == email && m.text.contains("token="));
        if link.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let reset_token = token_from_mail(&link.expect("reset mail").text);
    let r = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": reset_token, "new_password": "another fresh passphrase 7"}),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let mut reset_notice = false;
    for _ in 0..100 {
        reset_notice = app
            .mailer
            .sent()
            .iter()
            .any(|m| m.to == email && m.text.contains("was reset with an emailed link"));
        if reset_notice {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(reset_notice, "the reset is announced too");

    let invited = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": "fresh@police.example", "display_name": "Fresh", "role": "observer"}),
        )
        .await;
    assert_eq!(invited.status, 201);
    let invitation = app.wait_for_mail("fresh@police.example").await;
    let r = app
        .post("/api/v1/auth/password-reset/confirm", None, json!({"token": token_from_mail(&invitation.text), "new_password": "first passphrase of mine 9"}))
        .await;
    assert_eq!(r.status, 204);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        !app.mailer
            .sent()
            .iter()
            .any(|m| m.to == "fresh@police.example" && m.subject.starts_with("Security notice")),
        "accepting an invitation is not a change to announce"
    );
}
