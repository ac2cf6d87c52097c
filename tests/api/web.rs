//! The HTML face over HTTP, as a browser without JavaScript uses it: cookies are kept by
//! hand (`Browser`), forms are posted urlencoded with the browser's `Origin`.

use jpa_coord::domain::Role;
use serde_json::json;

use crate::browser::*;
use crate::helpers::{spawn_app, spawn_app_with, token_from_mail, PASSWORD};

#[tokio::test]
async fn signed_out_pages_work_without_javascript_under_a_strict_csp() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    let root = b.get("/").await;
    assert_eq!((root.status, location(&root).as_str()), (303, "/login"));
    let me = b.get("/me").await;
    assert_eq!(
        (me.status, location(&me).as_str()),
        (303, "/login?next=/me")
    );
    let jpas = b.get("/jpas?x=1").await;
    assert_eq!(location(&jpas), "/login?next=/jpas%3Fx%3D1");

    let login = b.get("/login").await;
    assert_eq!(login.status, 200);
    assert_page(&login);
    assert_eq!(login.header("cache-control").as_deref(), Some("no-store"));
    for needle in [
        "<form method=\"post\" action=\"/login\"",
        "name=\"email\"",
        "name=\"password\"",
        "<label for=\"email\">",
    ] {
        assert!(login.text.contains(needle), "{needle}");
    }
    let pre = b.set_cookies.last().expect("a pre-session cookie").clone();
    assert!(pre.starts_with("jpa_presession="));
    assert!(pre.contains("HttpOnly") && pre.contains("SameSite=Lax") && pre.contains("Path=/"));
    assert!(!pre.contains("Secure"), "plain http public_url");

    for (path, field) in [
        ("/forgot-password", "name=\"email\""),
        ("/set-password?token=abc", "name=\"confirm_password\""),
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert_page(&page);
        assert!(page.text.contains(field), "{path}");
        assert!(
            !page.text.contains("http://") && !page.text.contains("https://"),
            "{path}: nothing from elsewhere"
        );
    }
    let no_token = b.get("/set-password").await;
    assert_eq!(no_token.status, 200);
    assert!(no_token.text.contains("Ask for a new link"));

    // Assets: content-hashed, cached for a year; an unknown name is the 404 page.
    let asset_url = regex::Regex::new(r#"(?:href|src)="(/assets/[^"]+)""#).unwrap();
    let urls: Vec<String> = asset_url
        .captures_iter(&login.text)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(urls.len(), 2, "one stylesheet, one script");
    let mut first_load = login.text.len();
    for url in &urls {
        let r = b.get(url).await;
        assert_eq!(r.status, 200, "{url}");
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        first_load += r.text.len();
    }
    assert!(urls.iter().any(|u| u.ends_with(".js")) && urls.iter().any(|u| u.ends_with(".css")));
    assert!(
        first_load < 100_000,
        "first load {first_load} bytes before compression"
    );
    let js = urls.iter().find(|u| u.ends_with(".js")).unwrap();
    let zipped = app
        .send(
            app.client
                .get(app.url(js))
                .header("Accept-Encoding", "gzip"),
        )
        .await;
    assert_eq!(zipped.header("content-encoding").as_deref(), Some("gzip"));
    let stale = b.get("/assets/site.000000000000.css").await;
    assert_eq!(stale.status, 404);

    let missing = b.get("/no-such-page").await;
    assert_eq!(missing.status, 404);
    assert_page(&missing);
    assert!(missing.text.contains("Page not found"));
    let api = app.request("GET", "/api/v1/nothing-here", None, None).await;
    assert_eq!(
        api.problem_code(),
        "not_found",
        "the API keeps problem+json"
    );
}

#[tokio::test]
async fn signing_in_lands_on_next_with_a_new_session_and_signing_out_ends_it() {
    let app = spawn_app().await;
    user(&app, "liaison@agency.example", Role::Liaison).await;
    let mut b = Browser::new(&app);
    // A cookie planted before sign-in (session fixation) is not the one after.
    b.cookies
        .insert("jpa_session".into(), "planted-by-someone-else".into());
    let shown = b.get("/login?next=/me").await;
    assert!(shown.text.contains("name=\"next\" value=\"/me\""));
    let csrf = csrf_of(&shown.text);
    let before = b.cookies.clone();
    let r = b
        .post(
            "/login",
            &[
                ("csrf", &csrf),
                ("email", "liaison@agency.example"),
                ("password", PASSWORD),
                ("next", "/me"),
            ],
        )
        .await;
    assert_eq!(
        (r.status, location(&r).as_str()),
        (303, "/me"),
        "{}",
        r.text
    );
    let session = b
        .cookies
        .get("jpa_session")
        .cloned()
        .expect("session cookie");
    assert_ne!(Some(&session), before.get("jpa_session"));
    assert!(!b.cookies.contains_key("jpa_presession"));
    let set = b
        .set_cookies
        .iter()
        .find(|c| c.starts_with("jpa_session=") && !c.contains("Max-Age=0"))
        .unwrap();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"));
    assert!(!set.contains("Max-Age"), "a browser-session cookie");

    let me = b.get("/me").await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_page(&me);
    assert!(me.text.contains("Test User") && me.text.contains("liaison@agency.example"));
    assert!(me.text.contains("action=\"/logout\""));
    let jpas = b.get("/jpas").await;
    assert_eq!(jpas.status, 200);
    assert_page(&jpas);
    let home = b.get("/").await;
    assert_eq!(location(&home), "/jpas");
    let login_again = b.get("/login?next=/jpas").await;
    assert_eq!(location(&login_again), "/jpas", "signed in already");
    // The pages never take a bearer token; the API never takes the cookie.
    let api_with_cookie = app
        .send(
            app.client
                .get(app.url("/api/v1/me"))
                .header("Cookie", format!("jpa_session={session}")),
        )
        .await;
    assert_eq!(api_with_cookie.status, 401);
    let page_with_bearer = app
        .send(app.client.get(app.url("/me")).bearer_auth(&app.admin_token))
        .await;
    assert_eq!(page_with_bearer.status, 303);

    let out = b.submit("/me", "/logout", &[]).await;
    assert_eq!(
        (out.status, location(&out).as_str()),
        (303, "/login?notice=signed-out")
    );
    assert!(!b.cookies.contains_key("jpa_session"));
    let signed_out = b.get("/login?notice=signed-out").await;
    assert!(signed_out.text.contains("You have signed out."));
    // The old cookie is refused.
    b.cookies.insert("jpa_session".into(), session);
    let old = b.get("/me").await;
    assert_eq!(
        (old.status, location(&old).as_str()),
        (303, "/login?next=/me")
    );
}

#[tokio::test]
async fn next_is_a_local_path_only() {
    let app = spawn_app().await;
    user(&app, "co@agency.example", Role::CoChair).await;
    for evil in [
        "//evil.example/x",
        "/\\evil.example",
        "https://evil.example/",
        "/login?next=//evil.example",
    ] {
        let mut b = Browser::new(&app);
        let shown = b.get(&format!("/login?next={}", urlencode(evil))).await;
        assert!(shown.text.contains("name=\"next\" value=\"/\""), "{evil}");
        let csrf = csrf_of(&shown.text);
        let r = b
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("email", "co@agency.example"),
                    ("password", PASSWORD),
                    ("next", evil),
                ],
            )
            .await;
        assert_eq!((r.status, location(&r).as_str()), (303, "/"), "{evil}");
    }
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).unwrap()[2..].to_string()
}

#[tokio::test]
async fn a_wrong_password_is_422_with_the_email_kept_and_throttling_says_try_later() {
    let app = spawn_app().await;
    user(&app, "obs@agency.example", Role::Observer).await;
    let mut b = Browser::new(&app);
    let wrong = b
        .sign_in("obs@agency.example", "not-the-password-123")
        .await;
    assert_eq!(wrong.status, 422);
    assert_page(&wrong);
    assert!(wrong.text.contains("There is a problem"));
    assert!(wrong
        .text
        .contains("<a href=\"#email\">Enter a correct email address and password</a>"));
    assert!(
        wrong.text.contains("value=\"obs@agency.example\""),
        "email kept"
    );
    assert!(
        !wrong.text.contains("not-the-password-123"),
        "password never echoed"
    );
    assert!(wrong.text.contains("<title>Error:"));
    let empty = b.sign_in("", "").await;
    assert_eq!(empty.status, 422);
    assert!(empty.text.contains("href=\"#email\"") && empty.text.contains("href=\"#password\""));
    // The account's limit (5 failures in the window) is the API's: then "try later".
    let mut last = wrong;
    for _ in 0..6 {
        last = b
            .sign_in("obs@agency.example", "not-the-password-123")
            .await;
        if last.status == 429 {
            break;
        }
    }
    assert_eq!(last.status, 429, "{}", last.text);
    assert!(last.text.contains("Too many attempts. Try again in"));
    assert!(last.header("retry-after").is_some());
    let right_but_throttled = b.sign_in("obs@agency.example", PASSWORD).await;
    assert_eq!(right_but_throttled.status, 429);
}

/// The TOTP code of now + `offset` steps.
fn code_at(secret: &str, offset_steps: i64) -> String {
    let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, secret).unwrap();
    let totp = totp_rs::Builder::new().with_secret(bytes).build().unwrap();
    totp.generate((chrono::Utc::now().timestamp() + offset_steps * 30) as u64)
        .to_string()
}

#[tokio::test]
async fn two_factor_is_turned_on_in_the_account_page_and_asked_at_sign_in() {
    let app = spawn_app().await;
    user(&app, "two@agency.example", Role::Liaison).await;
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("two@agency.example", PASSWORD).await.status, 303);
    let wrong = b
        .submit(
            "/me",
            "/me/totp/enroll",
            &[("current_password", "wrong-password-123")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text.contains("href=\"#enrol-current_password\""));
    let enrol = b
        .submit("/me", "/me/totp/enroll", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(enrol.status, 200, "{}", enrol.text);
    assert_page(&enrol);
    assert!(
        enrol.text.contains("src=\"data:image/svg+xml;base64,"),
        "QR code drawn on the server"
    );
    let start = enrol.text.find("<code class=\"secret\">").unwrap() + 21;
    let secret: String = enrol.text[start..]
        .chars()
        .take_while(|c| *c != '<')
        .collect();
    let csrf = csrf_of(&enrol.text);
    let uri_start = enrol.text.find("name=\"otpauth_uri\" value=\"").unwrap() + 26;
    let uri: String = enrol.text[uri_start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let bad = b
        .post(
            "/me/totp/confirm",
            &[
                ("csrf", &csrf),
                ("code", "000000"),
                ("secret", &secret),
                ("otpauth_uri", &uri),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("data:image/svg+xml"), "the QR code again");
    let code = code_at(&secret, 0);
    let ok = b
        .post(
            "/me/totp/confirm",
            &[
                ("csrf", &csrf),
                ("code", &code),
                ("secret", &secret),
                ("otpauth_uri", &uri),
            ],
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    let codes: Vec<String> = regex::Regex::new(r"<li><code>([^<]+)</code></li>")
        .unwrap()
        .captures_iter(&ok.text)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(codes.len(), 10, "recovery codes shown once");
    assert!(b
        .get("/me")
        .await
        .text
        .contains("Two-factor sign-in is on."));
    assert_eq!(b.submit("/me", "/logout", &[]).await.status, 303);

    let step = b.sign_in("two@agency.example", PASSWORD).await;
    assert_eq!(
        (step.status, location(&step).as_str()),
        (303, "/login/totp?next=/")
    );
    assert!(
        !b.cookies.contains_key("jpa_session"),
        "no session before the code"
    );
    let wrong_code = b
        .submit("/login/totp", "/login/totp", &[("code", "123456")])
        .await;
    assert_eq!(wrong_code.status, 422);
    assert!(wrong_code.text.contains("href=\"#code\""));
    let done = b
        .submit("/login/totp", "/login/totp", &[("code", &codes[0])])
        .await;
    assert_eq!(
        (done.status, location(&done).as_str()),
        (303, "/"),
        "{}",
        done.text
    );
    assert!(b.cookies.contains_key("jpa_session"));
    assert!(!b.cookies.contains_key("jpa_mfa"));
    let me = b.get("/me").await;
    assert!(
        me.text.contains("You have 9 unused recovery codes left."),
        "one spent"
    );

    // New recovery codes: a wrong password changes nothing; then the old ones stop working.
    let refused = b
        .submit(
            "/me",
            "/me/totp/recovery-codes",
            &[("password", "not-the-password-1"), ("code", &codes[1])],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.text.contains("href=\"#codes-code\""));
    let fresh = b
        .submit(
            "/me",
            "/me/totp/recovery-codes",
            &[("password", PASSWORD), ("code", &codes[2])],
        )
        .await;
    assert_eq!(fresh.status, 200, "{}", fresh.text);
    let new_codes: Vec<String> = regex::Regex::new(r"<li><code>([^<]+)</code></li>")
        .unwrap()
        .captures_iter(&fresh.text)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(new_codes.len(), 10);
    assert!(new_codes.iter().all(|c| !codes.contains(c)));
    assert!(b
        .get("/me")
        .await
        .text
        .contains("You have 10 unused recovery codes left."));
    let mut told = false;
    for _ in 0..100 {
        told = app.mailer.sent().iter().any(|m| {
            m.to == "two@agency.example" && m.text.contains("new recovery codes were made")
        });
        if told {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(told, "the owner is told");
    let old = b
        .submit(
            "/me",
            "/me/totp/disable",
            &[("password", PASSWORD), ("code", &codes[3])],
        )
        .await;
    assert_eq!(old.status, 422, "an old recovery code no longer works");

    // Turned off with the password and a code.
    let off = b
        .submit(
            "/me",
            "/me/totp/disable",
            &[("password", PASSWORD), ("code", &new_codes[0])],
        )
        .await;
    assert_eq!(
        (off.status, location(&off).as_str()),
        (303, "/me?notice=mfa-off"),
        "{}",
        off.text
    );
    assert!(b
        .get("/me?notice=mfa-off")
        .await
        .text
        .contains("Two-factor sign-in is off."));
}

#[tokio::test]
async fn a_password_change_through_the_api_ends_the_browser_session() {
    let app = spawn_app().await;
    user(&app, "chg@agency.example", Role::Liaison).await;
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("chg@agency.example", PASSWORD).await.status, 303);
    assert_eq!(b.get("/me").await.status, 200);
    let (_, body) = app.login("chg@agency.example", PASSWORD).await;
    let token = body["access_token"].as_str().unwrap();
    let changed = app
        .post(
            "/api/v1/me/password",
            Some(token),
            json!({"current_password": PASSWORD, "new_password": "a-brand-new-passphrase-7"}),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.text);
    let after = b.get("/me").await;
    assert_eq!(
        (after.status, location(&after).as_str()),
        (303, "/login?next=/me")
    );
}

#[tokio::test]
async fn the_account_page_changes_the_password_and_ends_other_sessions() {
    let app = spawn_app().await;
    user(&app, "own@agency.example", Role::Liaison).await;
    let (_, api) = app.login("own@agency.example", PASSWORD).await;
    let api_token = api["access_token"].as_str().unwrap().to_string();
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("own@agency.example", PASSWORD).await.status, 303);
    let short = b
        .submit(
            "/me",
            "/me/password",
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(short.text.contains(
        "<a href=\"#new_password\">The password must be at least 12 characters long</a>"
    ));
    let ok = b
        .submit(
            "/me",
            "/me/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a-brand-new-passphrase-7"),
            ],
        )
        .await;
    assert_eq!(
        (ok.status, location(&ok).as_str()),
        (303, "/me?notice=password-changed"),
        "{}",
        ok.text
    );
    assert_eq!(b.get("/me").await.status, 200, "this session stays");
    assert_eq!(
        app.get("/api/v1/me", &api_token).await.status,
        401,
        "the other one ends"
    );
}

#[tokio::test]
async fn forms_without_the_token_or_from_another_site_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    user(&app, "csrf@agency.example", Role::Liaison).await;
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("csrf@agency.example", PASSWORD).await.status, 303);
    let csrf = csrf_of(&b.get("/me").await.text);
    let change = [
        ("current_password", PASSWORD),
        ("new_password", "an-attacker-chose-this-1"),
    ];
    let with_token: Vec<(&str, &str)> = [("csrf", csrf.as_str())]
        .into_iter()
        .chain(change)
        .collect();
    let own = app.address.clone();
    let cases: Vec<(Fields, Fields)> = vec![
        (change.to_vec(), vec![("Origin", own.as_str())]),
        (
            vec![("csrf", "forged"), change[0], change[1]],
            vec![("Origin", own.as_str())],
        ),
        (with_token.clone(), vec![("Origin", "https://evil.example")]),
        (
            with_token.clone(),
            vec![("Origin", own.as_str()), ("Sec-Fetch-Site", "cross-site")],
        ),
        (with_token.clone(), vec![("Sec-Fetch-Site", "same-site")]),
        (with_token.clone(), vec![]),
    ];
    for (fields, headers) in &cases {
        let r = b.post_with("/me/password", fields, headers).await;
        assert_eq!(r.status, 403, "{headers:?}");
        assert_page(&r);
    }
    assert_eq!(
        app.login("csrf@agency.example", PASSWORD).await.0,
        200,
        "password unchanged"
    );
    // Signed-out forms too: a login without the pre-session token.
    let mut stranger = Browser::new(&app);
    let r = stranger
        .post(
            "/login",
            &[("email", "csrf@agency.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(!stranger.cookies.contains_key("jpa_session"));
    // htmx sends the token as a header.
    let origin = app.address.clone();
    let out = b
        .post_with(
            "/logout",
            &[],
            &[("Origin", &origin), ("X-CSRF-Token", &csrf)],
        )
        .await;
    assert_eq!(out.status, 303);
}

#[tokio::test]
async fn with_an_https_public_url_cookies_are_secure_and_host_prefixed() {
    let app = spawn_app_with(|s| s.server.public_url = "https://jpa.test".into()).await;
    user(&app, "tls@agency.example", Role::Liaison).await;
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("tls@agency.example", PASSWORD).await.status, 303);
    let session = b
        .set_cookies
        .iter()
        .find(|c| c.starts_with("__Host-jpa_session="))
        .expect("prefixed session cookie");
    assert!(
        session.contains("; Secure") && session.contains("Path=/") && !session.contains("Domain")
    );
    assert!(b
        .set_cookies
        .iter()
        .all(|c| c.starts_with("__Host-") && c.contains("; Secure")));
    assert_eq!(b.get("/me").await.status, 200);
}

#[tokio::test]
async fn a_reset_link_sets_the_password_through_the_pages() {
    let app = spawn_app().await;
    user(&app, "reset@agency.example", Role::Liaison).await;
    let mut b = Browser::new(&app);
    let unknown = b
        .submit(
            "/forgot-password",
            "/forgot-password",
            &[("email", "nobody@agency.example")],
        )
        .await;
    let known = b
        .submit(
            "/forgot-password",
            "/forgot-password",
            &[("email", "reset@agency.example")],
        )
        .await;
    assert_eq!(
        (known.status, location(&known)),
        (unknown.status, location(&unknown)),
        "the same answer"
    );
    assert_eq!(location(&known), "/forgot-password/sent");
    let sent = b.get("/forgot-password/sent").await;
    assert!(sent.text.contains("Check your email"));
    let mail = app.wait_for_mail("reset@agency.example").await;
    let token = token_from_mail(&mail.text);
    let page = format!("/set-password?token={token}");
    let differ = b
        .submit(
            &page,
            "/set-password/confirm",
            &[
                ("token", &token),
                ("new_password", "a-brand-new-passphrase-7"),
                ("confirm_password", "something-else-entirely"),
            ],
        )
        .await;
    assert_eq!(differ.status, 422);
    assert!(differ.text.contains("href=\"#confirm_password\""));
    let set = b
        .submit(
            &page,
            "/set-password/confirm",
            &[
                ("token", &token),
                ("new_password", "a-brand-new-passphrase-7"),
                ("confirm_password", "a-brand-new-passphrase-7"),
            ],
        )
        .await;
    assert_eq!(
        (set.status, location(&set).as_str()),
        (303, "/login?notice=password-set"),
        "{}",
        set.text
    );
    let again = b
        .submit(
            &page,
            "/set-password/confirm",
            &[
                ("token", &token),
                ("new_password", "another-new-passphrase-8"),
                ("confirm_password", "another-new-passphrase-8"),
            ],
        )
        .await;
    assert_eq!(again.status, 422, "a link works once");
    assert!(again.text.contains("href=\"#forgot-link\""));
    assert_eq!(
        b.sign_in("reset@agency.example", "a-brand-new-passphrase-7")
            .await
            .status,
        303
    );
}

#[tokio::test]
async fn an_idle_or_deactivated_browser_session_ends() {
    let app = spawn_app().await;
    let id = user(&app, "idle@agency.example", Role::Liaison).await;
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("idle@agency.example", PASSWORD).await.status, 303);
    assert_eq!(b.get("/me").await.status, 200);
    let db = app.state.db.clone();
    let uid = id.clone();
    tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use jpa_coord::db::schema::sessions;
        let mut conn = db.get().unwrap();
        let long_ago = jpa_coord::db::now() - chrono::TimeDelta::minutes(31);
        diesel::update(sessions::table.filter(sessions::user_id.eq(uid)))
            .set(sessions::last_seen_at.eq(Some(long_ago)))
            .execute(&mut conn)
            .unwrap();
    })
    .await
    .unwrap();
    assert_eq!(
        b.get("/me").await.status,
        303,
        "idle for more than 30 minutes"
    );

    assert_eq!(b.sign_in("idle@agency.example", PASSWORD).await.status, 303);
    let user = app
        .get(&format!("/api/v1/users/{id}"), &app.admin_token)
        .await;
    let version = user.body["version"].as_i64().unwrap();
    let off = app
        .patch(
            &format!("/api/v1/users/{id}"),
            &app.admin_token,
            version,
            json!({"active": false}),
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.text);
    assert_eq!(b.get("/me").await.status, 303, "deactivated");
}

#[tokio::test]
async fn the_start_page_is_the_one_active_jpa_else_the_list() {
    let app = spawn_app().await;
    let agency = app.create_agency("Home agency", "TH").await;
    app.create_user("home@agency.example", Role::Liaison, Some(agency.clone()))
        .await;
    let admin = app.admin_token.clone();
    let new_jpa = |code: &'static str| {
        let app = &app;
        let admin = admin.clone();
        let agency = agency.clone();
        async move {
            let made = app
                .post(
                    "/api/v1/jpas",
                    Some(&admin),
                    json!({"code": code, "name": code, "start_date": "2026-01-01",
                           "status": "active", "timezone": "Asia/Bangkok"}),
                )
                .await;
            assert_eq!(made.status, 201, "{}", made.text);
            let id = made.body["id"].as_str().unwrap().to_string();
            let joined = app
                .request(
                    "PUT",
                    &format!("/api/v1/jpas/{id}/agencies/{agency}"),
                    Some(&admin),
                    None,
                )
                .await;
            assert!(joined.status < 300, "{}", joined.text);
            id
        }
    };
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("home@agency.example", PASSWORD).await.status, 303);
    assert_eq!(location(&b.get("/").await), "/jpas", "no JPA yet: the list");
    let first = new_jpa("HOME-1").await;
    assert_eq!(
        location(&b.get("/").await),
        format!("/jpas/{first}"),
        "one active JPA: its page"
    );
    let list = b.get("/jpas").await;
    assert!(list.text.contains(&format!("href=\"/jpas/{first}\"")));
    new_jpa("HOME-2").await;
    assert_eq!(location(&b.get("/").await), "/jpas", "two: the list");

    let mut a = Browser::new(&app);
    app.create_user("home-admin@agency.example", Role::Admin, None)
        .await;
    assert_eq!(
        a.sign_in("home-admin@agency.example", PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(location(&a.get("/").await), "/jpas", "an admin chooses");
}
