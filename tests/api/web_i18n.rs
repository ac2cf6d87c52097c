//! Pages in the reader's language: signed-out pages negotiate `Accept-Language` and keep
//! the switch's choice for the browser session; signed-in pages follow the account's
//! `locale`, which its owner sets on `/me`.

use jpa_coord::domain::Role;
use jpa_coord::i18n::message_in;

use crate::browser::*;
use crate::helpers::{spawn_app, PASSWORD};

fn lang_of(html: &str) -> String {
    let start = html.find("<html lang=\"").expect("<html lang>") + 12;
    html[start..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn signed_out_pages_speak_the_browser_s_language_and_the_switch_sticks() {
    let app = spawn_app().await;
    let get = |accept: &'static str, cookie: Option<&'static str>| {
        let mut req = app
            .client
            .get(app.url("/login"))
            .header("Accept-Language", accept);
        if let Some(c) = cookie {
            req = req.header("Cookie", c);
        }
        app.send(req)
    };
    let thai = get("th-TH,th;q=0.9,en;q=0.5", None).await;
    assert_eq!(thai.status, 200);
    assert_eq!(lang_of(&thai.text), "th");
    assert!(thai.text.contains(&message_in("th", "login-title", &[])));
    let fallback = get("fr-FR,de;q=0.8", None).await;
    assert_eq!(lang_of(&fallback.text), "en");
    let chinese = get("zh-CN,zh;q=0.9", None).await;
    assert_eq!(
        lang_of(&chinese.text),
        "zh-Hans",
        "zh-CN reads Simplified Chinese"
    );
    // The switch lists every language by its own name, each link back to this page.
    for (tag, name) in [
        ("vi", "Tiếng Việt"),
        ("ms", "Bahasa Melayu"),
        ("id", "Bahasa Indonesia"),
    ] {
        assert!(
            thai.text.contains(&format!(
                "href=\"/language/{tag}?next=/login\" lang=\"{tag}\" hreflang=\"{tag}\">{name}</a>"
            )),
            "{tag}: {}",
            thai.text
        );
    }
    let chosen = app
        .send(
            app.client
                .get(app.url("/language/vi?next=/login%3Fnext%3D%2Fjpas")),
        )
        .await;
    assert_eq!(chosen.status, 303);
    assert_eq!(location(&chosen), "/login?next=/jpas");
    let cookie = chosen.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("jpa_lang=vi;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Max-Age"),
        "for the browser session only: {cookie}"
    );
    // The choice beats Accept-Language.
    let vi = get("th", Some("jpa_lang=vi")).await;
    assert_eq!(lang_of(&vi.text), "vi");
    assert!(vi.text.contains(&message_in("vi", "login-title", &[])));
    // A cookie naming no language is ignored.
    let junk = get("th", Some("jpa_lang=%3Cscript%3E")).await;
    assert_eq!(lang_of(&junk.text), "th");
    // Only paths of this site; an unknown language is a 404.
    for (path, to) in [
        ("/language/th?next=//evil.example/", "/"),
        ("/language/th?next=https://evil.example/", "/"),
        ("/language/th?next=/%5Cevil.example", "/"),
        ("/language/th", "/"),
    ] {
        let r = app.send(app.client.get(app.url(path))).await;
        assert_eq!((r.status, location(&r)), (303, to.to_string()), "{path}");
    }
    for bad in [
        "/language/xx",
        "/language/en-XA",
        &format!("/language/{}", "a".repeat(300)),
    ] {
        let r = app.send(app.client.get(app.url(bad))).await;
        assert_eq!(r.status, 404, "{bad}");
    }
}

#[tokio::test]
async fn a_user_chooses_a_language_on_me_and_every_page_follows_it() {
    let app = spawn_app().await;
    let email = "reader@agency.example";
    user(&app, email, Role::Liaison).await;
    let mut b = Browser::new(&app);
    b.sign_in(email, PASSWORD).await;
    let me = b.get("/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(lang_of(&me.text), "en");
    assert!(me.text.contains("action=\"/me/locale\""));
    assert!(me.text.contains("name=\"version\" value=\"1\""));
    let csrf = csrf_of(&me.text);

    // Unknown language: 422, nothing saved, the message at the field.
    let bad = b
        .post(
            "/me/locale",
            &[("csrf", &csrf), ("locale", "xx"), ("version", "1")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad
        .text
        .contains(&message_in("en", "err-locale-unknown", &[])));
    // Oversized: the same 422; a malformed version is a stale form (409, nothing saved).
    let huge = "x".repeat(70_000);
    let oversized = b
        .post(
            "/me/locale",
            &[("csrf", &csrf), ("locale", &huge), ("version", "1")],
        )
        .await;
    assert!(
        matches!(oversized.status, 413 | 422),
        "{}",
        oversized.status
    );
    let malformed = b
        .post(
            "/me/locale",
            &[("csrf", &csrf), ("locale", "th"), ("version", "one")],
        )
        .await;
    assert_eq!(malformed.status, 409);
    assert!(malformed
        .text
        .contains(&message_in("en", "err-stale-form", &[])));
    // Without the CSRF token: 403, nothing saved.
    let forged = b
        .post("/me/locale", &[("locale", "th"), ("version", "1")])
        .await;
    assert_eq!(forged.status, 403);

    let saved = b
        .post(
            "/me/locale",
            &[("csrf", &csrf), ("locale", "zh-Hans"), ("version", "1")],
        )
        .await;
    assert_eq!(
        (saved.status, location(&saved)),
        (303, "/me?notice=language-saved".to_string())
    );
    let me = b.get("/me?notice=language-saved").await;
    assert_eq!(lang_of(&me.text), "zh-Hans");
    assert!(me
        .text
        .contains(&message_in("zh-Hans", "notice-language-saved", &[])));
    assert!(me
        .text
        .contains(&message_in("zh-Hans", "me-language-heading", &[])));
    let jpas = b.get("/jpas").await;
    assert_eq!(lang_of(&jpas.text), "zh-Hans");
    let token = app.login(email, PASSWORD).await.1["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let api = app.get("/api/v1/me", &token).await;
    assert_eq!(api.body["locale"], "zh-Hans");
    // The API refuses a wrong type and a stale version, and changes nothing.
    let wrong = app
        .patch("/api/v1/me", &token, 2, serde_json::json!({"locale": 7}))
        .await;
    assert!(matches!(wrong.status, 400 | 422), "{}", wrong.text);
    let stale_api = app
        .patch("/api/v1/me", &token, 1, serde_json::json!({"locale": "vi"}))
        .await;
    assert_eq!(stale_api.status, 412, "{}", stale_api.text);
    assert_eq!(
        app.get("/api/v1/me", &token).await.body["locale"],
        "zh-Hans"
    );

    // A form opened before that change is stale: 409, the choice kept, the new version
    // carried so that saving again is deliberate.
    let stale = b
        .post(
            "/me/locale",
            &[("csrf", &csrf), ("locale", "th"), ("version", "1")],
        )
        .await;
    assert_eq!(stale.status, 409);
    assert!(
        stale
            .text
            .contains("<option value=\"th\" lang=\"th\" selected"),
        "{}",
        stale.text
    );
    assert!(stale.text.contains("name=\"version\" value=\"2\""));
    let again = b
        .post(
            "/me/locale",
            &[("csrf", &csrf), ("locale", "th"), ("version", "2")],
        )
        .await;
    assert_eq!(again.status, 303);
    assert_eq!(lang_of(&b.get("/me").await.text), "th");
    // Error pages speak it too.
    let missing = b
        .get("/investigations/00000000-0000-0000-0000-000000000000")
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(lang_of(&missing.text), "th");
}
