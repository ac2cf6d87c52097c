//! The administration pages as a browser without JavaScript uses them: page x role for
//! every page and form, bad input on every form (never a 500), CSRF, stale versions, the
//! first admin's first minutes, the outbox without bodies, and the audit records of
//! page actions compared with the same actions through the JSON API.

use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::browser::*;
use crate::helpers::{spawn_app, TestApp, PASSWORD};

const CO: &str = "co@wg.example";
const LIAISON: &str = "liaison@agency.example";
const OBS: &str = "obs@unodc.example";

async fn admin_browser(app: &TestApp) -> Browser<'_> {
    let mut b = Browser::new(app);
    let r = b.sign_in("admin@jpa.test", &app.admin_password).await;
    assert_eq!(r.status, 303, "{}", r.text);
    b
}

async fn browser_of<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let r = b.sign_in(email, PASSWORD).await;
    assert_eq!(r.status, 303, "{email}: {}", r.text);
    b
}

/// The session's CSRF token (every signed-in page carries it in the sign-out form).
async fn csrf(b: &mut Browser<'_>) -> String {
    let me = b.get("/me").await;
    assert_eq!(me.status, 200, "{}", me.text);
    csrf_of(&me.text)
}

/// Objects every test can point at: an agency in a JPA (planning) and an agency outside,
/// a liaison user, a co-chair and an observer.
struct Fixture {
    app: TestApp,
    agency: String,
    other: String,
    jpa: String,
    liaison: String,
}

async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let agency = app.create_agency("Royal Thai Police", "TH").await;
    let other = app.create_agency("Vietnam Immigration", "VN").await;
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&app.admin_token),
            json!({"code": "JPA-A", "name": "Admin JPA", "start_date": "2026-01-01"}),
        )
        .await;
    assert_eq!(jpa.status, 201, "{}", jpa.text);
    let jpa = jpa.body["id"].as_str().unwrap().to_string();
    let put = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{jpa}/agencies/{agency}"),
            Some(&app.admin_token),
            None,
        )
        .await;
    assert_eq!(put.status, 201, "{}", put.text);
    let liaison = app
        .create_user(LIAISON, Role::Liaison, Some(agency.clone()))
        .await;
    app.create_user(CO, Role::CoChair, None).await;
    app.create_user(OBS, Role::Observer, None).await;
    Fixture {
        app,
        agency,
        other,
        jpa,
        liaison,
    }
}

async fn api_get(app: &TestApp, path: &str) -> Value {
    let r = app.get(path, &app.admin_token).await;
    assert_eq!(r.status, 200, "{path}: {}", r.text);
    r.body
}

/// The versions and counts a refused request must leave as they were.
async fn snapshot(f: &Fixture) -> Value {
    let app = &f.app;
    let user = api_get(app, &format!("/api/v1/users/{}", f.liaison)).await;
    let agency = api_get(app, &format!("/api/v1/agencies/{}", f.agency)).await;
    let jpa = api_get(app, &format!("/api/v1/jpas/{}", f.jpa)).await;
    let participants = api_get(app, &format!("/api/v1/jpas/{}/agencies", f.jpa)).await;
    let users = api_get(app, "/api/v1/users?limit=200").await;
    let agencies = api_get(app, "/api/v1/agencies?limit=200").await;
    let jpas = api_get(app, "/api/v1/jpas?limit=200").await;
    let mails = api_get(app, "/api/v1/admin/emails?limit=200").await;
    let audit = api_get(app, "/api/v1/audit?limit=200").await;
    let changes: Vec<Value> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["action"].as_str().unwrap().starts_with("session."))
        .cloned()
        .collect();
    json!({
        "user": user["version"], "agency": agency["version"], "jpa": [jpa["version"], jpa["status"]],
        "participants": participants["items"].as_array().unwrap().len(),
        "users": users["items"].as_array().unwrap().len(),
        "agencies": agencies["items"].as_array().unwrap().len(),
        "jpas": jpas["items"].as_array().unwrap().len(),
        "mails": mails["items"].as_array().unwrap().len(),
        "audit": changes.len(),
    })
}

/// Every page of the group with the roles that may open it (A admin, C co-chair).
fn pages(f: &Fixture) -> Vec<(String, &'static str)> {
    vec![
        ("/admin".into(), "AC"),
        ("/admin/users".into(), "A"),
        ("/admin/users/new".into(), "A"),
        (format!("/admin/users/{}/edit", f.liaison), "A"),
        ("/admin/agencies".into(), "AC"),
        ("/admin/agencies/new".into(), "AC"),
        (format!("/admin/agencies/{}/edit", f.agency), "AC"),
        ("/admin/jpas".into(), "AC"),
        ("/admin/jpas/new".into(), "AC"),
        (format!("/admin/jpas/{}", f.jpa), "AC"),
        (format!("/admin/jpas/{}/edit", f.jpa), "AC"),
        (format!("/admin/jpas/{}/status", f.jpa), "AC"),
        ("/admin/emails".into(), "A"),
        ("/audit".into(), "AC"),
    ]
}

/// A form: its action, fields that would be accepted, and the roles that may post it.
type Form = (String, Vec<(&'static str, String)>, &'static str);

/// Every form of the group.
fn forms(f: &Fixture) -> Vec<Form> {
    vec![
        (
            "/admin/users/new".into(),
            vec![
                ("email", "new@agency.example".into()),
                ("display_name", "New Person".into()),
                ("role", "observer".into()),
                ("agency_id", String::new()),
            ],
            "A",
        ),
        (
            format!("/admin/users/{}/edit", f.liaison),
            vec![
                ("display_name", "Renamed".into()),
                ("role", "liaison".into()),
                ("agency_id", f.agency.clone()),
                ("active", "true".into()),
                ("version", "1".into()),
            ],
            "A",
        ),
        (
            "/admin/agencies/new".into(),
            vec![
                ("name", "Lao Border Police".into()),
                ("country", "LA".into()),
                ("kind", "border".into()),
                ("contact_email", "desk@la.example".into()),
            ],
            "AC",
        ),
        (
            format!("/admin/agencies/{}/edit", f.agency),
            vec![
                ("name", "Royal Thai Police HQ".into()),
                ("country", "TH".into()),
                ("kind", "police".into()),
                ("contact_email", "hq@th.example".into()),
                ("version", "1".into()),
            ],
            "AC",
        ),
        (
            "/admin/jpas/new".into(),
            vec![
                ("code", "JPA-NEW".into()),
                ("name", "New JPA".into()),
                ("start_date", "2026-02-01".into()),
            ],
            "AC",
        ),
        (
            format!("/admin/jpas/{}/edit", f.jpa),
            vec![
                ("code", "JPA-A".into()),
                ("name", "Renamed JPA".into()),
                ("description", String::new()),
                ("start_date", "2026-01-01".into()),
                ("end_date", "2026-12-31".into()),
                ("report_due_day", "10".into()),
                ("reminder_days_before", "5".into()),
                ("timezone", "UTC".into()),
                ("version", "1".into()),
            ],
            "AC",
        ),
        (
            format!("/admin/jpas/{}/status", f.jpa),
            vec![("status", "active".into()), ("version", "1".into())],
            "AC",
        ),
        (
            format!("/admin/jpas/{}/agencies", f.jpa),
            vec![("agency_id", f.other.clone()), ("joined_on", String::new())],
            "AC",
        ),
        (
            format!("/admin/jpas/{}/agencies/{}/remove", f.jpa, f.agency),
            vec![],
            "AC",
        ),
        (
            "/admin/reminders".into(),
            vec![("as_of", String::new())],
            "A",
        ),
    ]
}

fn with_csrf<'a>(csrf: &'a str, fields: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    let mut all: Vec<(&str, &str)> = vec![("csrf", csrf)];
    all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    all
}

#[tokio::test]
async fn every_administration_page_answers_each_role_as_its_rule_says() {
    let f = fixture().await;
    let app = &f.app;
    let mut admin = admin_browser(app).await;
    let mut co = browser_of(app, CO).await;
    let mut liaison = browser_of(app, LIAISON).await;
    let mut observer = browser_of(app, OBS).await;
    let mut nobody = Browser::new(app);
    for (path, who) in pages(&f) {
        for (letter, b) in [
            ('A', &mut admin),
            ('C', &mut co),
            ('L', &mut liaison),
            ('O', &mut observer),
        ] {
            let r = b.get(&path).await;
            if who.contains(letter) {
                assert_eq!(r.status, 200, "{letter} {path}: {}", r.text);
                assert_page(&r);
                assert!(
                    r.text.contains("href=\"/admin\""),
                    "{letter} {path}: nav entry"
                );
            } else {
                assert_eq!(r.status, 403, "{letter} {path}");
            }
        }
        let r = nobody.get(&path).await;
        assert_eq!(r.status, 303, "signed out {path}");
        assert_eq!(
            location(&r),
            format!("/login?next={path}"),
            "signed out {path}"
        );
    }
    // The navigation entry is there for those who may administer only.
    let jpas = liaison.get("/jpas").await;
    assert!(!jpas.text.contains("href=\"/admin\""));
    assert!(!observer.get("/jpas").await.text.contains("href=\"/admin\""));
    // A co-chair's index lists what a co-chair may open, not the admin-only pages.
    let index = co.get("/admin").await;
    assert!(
        index.text.contains("href=\"/admin/agencies\"") && index.text.contains("href=\"/audit\"")
    );
    assert!(
        !index.text.contains("href=\"/admin/users\"")
            && !index.text.contains("href=\"/admin/emails\"")
    );
    let index = admin.get("/admin").await;
    assert!(
        index.text.contains("href=\"/admin/users\"")
            && index.text.contains("href=\"/admin/emails\"")
    );
    // The JPA list offers "New JPA" to those who may create one.
    assert!(admin
        .get("/jpas")
        .await
        .text
        .contains("href=\"/admin/jpas/new\""));
    assert!(co
        .get("/jpas")
        .await
        .text
        .contains("href=\"/admin/jpas/new\""));
    assert!(!jpas.text.contains("href=\"/admin/jpas/new\""));
    // The audit log is an administration page: the entry is current there.
    let audit = admin.get("/audit").await;
    assert!(audit
        .text
        .contains("<a href=\"/admin\" aria-current=\"page\">"));
    // Objects that do not exist: the one 404 page.
    for path in [
        "/admin/users/00000000-0000-0000-0000-000000000000/edit".to_string(),
        "/admin/agencies/not-an-id/edit".into(),
        "/admin/jpas/00000000-0000-0000-0000-000000000000".into(),
        "/admin/jpas/nope/status".into(),
    ] {
        assert_eq!(admin.get(&path).await.status, 404, "{path}");
    }
}

#[tokio::test]
async fn every_administration_form_refuses_other_roles_and_signed_out_posts_and_changes_nothing() {
    let f = fixture().await;
    let app = &f.app;
    let mut co = browser_of(app, CO).await;
    let mut liaison = browser_of(app, LIAISON).await;
    let mut observer = browser_of(app, OBS).await;
    let before = snapshot(&f).await;
    for (path, fields, who) in forms(&f) {
        for (letter, b) in [('C', &mut co), ('L', &mut liaison), ('O', &mut observer)] {
            if who.contains(letter) {
                continue;
            }
            let token = csrf(b).await;
            let r = b.post(&path, &with_csrf(&token, &fields)).await;
            assert_eq!(r.status, 403, "{letter} POST {path}: {}", r.text);
        }
        let mut nobody = Browser::new(app);
        let r = nobody.post(&path, &with_csrf("x", &fields)).await;
        assert_eq!(r.status, 303, "signed out POST {path}");
        assert!(location(&r).starts_with("/login?next="), "{path}");
    }
    assert_eq!(snapshot(&f).await, before);
}

#[tokio::test]
async fn a_form_without_the_csrf_token_or_from_another_origin_is_refused_and_changes_nothing() {
    let f = fixture().await;
    let app = &f.app;
    let mut admin = admin_browser(app).await;
    let token = csrf(&mut admin).await;
    let before = snapshot(&f).await;
    for (path, fields, _) in forms(&f) {
        let plain: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = admin.post(&path, &plain).await;
        assert_eq!(r.status, 403, "no token: {path}");
        let wrong = with_csrf("not-the-token", &fields);
        assert_eq!(
            admin.post(&path, &wrong).await.status,
            403,
            "wrong token: {path}"
        );
        let r = admin
            .post_with(
                &path,
                &with_csrf(&token, &fields),
                &[
                    ("Origin", "https://evil.example"),
                    ("Sec-Fetch-Site", "cross-site"),
                ],
            )
            .await;
        assert_eq!(r.status, 403, "other origin: {path}");
    }
    assert_eq!(snapshot(&f).await, before);
}

/// Posts `fields` (with the token) and checks the status and that the page is a page.
async fn post_expect(
    b: &mut Browser<'_>,
    token: &str,
    path: &str,
    fields: &[(&str, &str)],
    status: u16,
) -> String {
    let mut all = vec![("csrf", token)];
    all.extend_from_slice(fields);
    let r = b.post(path, &all).await;
    assert_eq!(r.status, status, "POST {path} {fields:?}: {}", r.text);
    if status != 303 {
        assert_page(&r);
    }
    r.text
}

#[tokio::test]
async fn the_user_forms_reject_bad_input_with_messages_at_the_fields() {
    let f = fixture().await;
    let app = &f.app;
    let mut b = admin_browser(app).await;
    let t = csrf(&mut b).await;
    let long = "x".repeat(201);
    let new = "/admin/users/new";
    let page = post_expect(&mut b, &t, new, &[], 422).await;
    assert!(page.contains("Enter the email address of the person to invite"));
    assert!(page.contains("Enter the person&#39;s name") && page.contains("Choose a role"));
    assert!(
        page.contains("href=\"#email\""),
        "error summary links to the field"
    );
    let page = post_expect(
        &mut b,
        &t,
        new,
        &[
            ("email", "not-an-email"),
            ("display_name", "Kept Name"),
            ("role", "observer"),
        ],
        422,
    )
    .await;
    assert!(page.contains("Enter an email address like name@agency.gov"));
    assert!(page.contains("value=\"not-an-email\"") && page.contains("value=\"Kept Name\""));
    let page = post_expect(
        &mut b,
        &t,
        new,
        &[
            ("email", "x@agency.example"),
            ("display_name", &long),
            ("role", "observer"),
        ],
        422,
    )
    .await;
    assert!(page.contains("at most 200 characters"));
    let page = post_expect(
        &mut b,
        &t,
        new,
        &[
            ("email", "x@agency.example"),
            ("display_name", "X"),
            ("role", "superuser"),
        ],
        422,
    )
    .await;
    assert!(page.contains("Choose one of the options shown"));
    let page = post_expect(
        &mut b,
        &t,
        new,
        &[
            ("email", "x@agency.example"),
            ("display_name", "X"),
            ("role", "liaison"),
        ],
        422,
    )
    .await;
    assert!(page.contains("a liaison needs an agency"));
    let page = post_expect(
        &mut b,
        &t,
        new,
        &[
            ("email", "x@agency.example"),
            ("display_name", "X"),
            ("role", "liaison"),
            ("agency_id", "garbage"),
        ],
        422,
    )
    .await;
    assert!(page.contains("Choose an agency from the list"));
    let page = post_expect(
        &mut b,
        &t,
        new,
        &[
            ("email", LIAISON),
            ("display_name", "Again"),
            ("role", "observer"),
        ],
        409,
    )
    .await;
    assert!(page.contains("A user with this email address already exists"));

    let edit = format!("/admin/users/{}/edit", f.liaison);
    let agency = f.agency.as_str();
    let ok = |name: &'static str, version: &'static str| {
        vec![
            ("display_name", name),
            ("role", "liaison"),
            ("agency_id", agency),
            ("active", "true"),
            ("version", version),
        ]
    };
    post_expect(&mut b, &t, &edit, &ok("Renamed", "1"), 303).await;
    // The same form again, from the page as it was: stale, the input kept.
    let page = post_expect(&mut b, &t, &edit, &ok("Second try", "1"), 409).await;
    assert!(page.contains("Someone else changed this meanwhile"));
    assert!(page.contains("value=\"Second try\"") && page.contains("name=\"version\" value=\"2\""));
    assert_eq!(
        b.post(&edit, &[("csrf", &t), ("version", "abc")])
            .await
            .status,
        400
    );
    let page = post_expect(&mut b, &t, &edit, &[("version", "2")], 422).await;
    assert!(
        page.contains("Enter the person&#39;s name")
            && page.contains("Choose whether the account is active")
    );
    let page = post_expect(
        &mut b,
        &t,
        &edit,
        &[
            ("display_name", "R"),
            ("role", "liaison"),
            ("agency_id", ""),
            ("active", "true"),
            ("version", "2"),
        ],
        422,
    )
    .await;
    assert!(page.contains("a liaison needs an agency"));
    let page = post_expect(
        &mut b,
        &t,
        &edit,
        &[
            ("display_name", &long),
            ("role", "liaison"),
            ("agency_id", agency),
            ("active", "maybe"),
            ("version", "2"),
        ],
        422,
    )
    .await;
    assert!(page.contains("Choose whether the account is active"));
    // The last active admin cannot deactivate or demote itself: said at the field, 409.
    let me = format!("/admin/users/{}/edit", app.admin_id);
    for (role, active, field) in [("admin", "false", "active"), ("co_chair", "true", "role")] {
        let page = post_expect(
            &mut b,
            &t,
            &me,
            &[
                ("display_name", "Admin"),
                ("role", role),
                ("agency_id", ""),
                ("active", active),
                ("version", "1"),
            ],
            409,
        )
        .await;
        assert!(
            page.contains("This is the last active administrator"),
            "{role}"
        );
        assert!(page.contains(&format!("href=\"#{field}\"")), "{role}");
    }
    let admin = api_get(app, &format!("/api/v1/users/{}", app.admin_id)).await;
    assert_eq!(
        (admin["active"].as_bool(), admin["role"].as_str()),
        (Some(true), Some("admin"))
    );
}

#[tokio::test]
async fn the_agency_forms_reject_bad_input_with_messages_at_the_fields() {
    let f = fixture().await;
    let app = &f.app;
    let mut b = admin_browser(app).await;
    let t = csrf(&mut b).await;
    let new = "/admin/agencies/new";
    let page = post_expect(&mut b, &t, new, &[], 422).await;
    for text in [
        "Enter a name",
        "Choose a country",
        "Choose the kind of agency",
        "Enter a contact email address",
    ] {
        assert!(page.contains(text), "{text}");
    }
    let long = "n".repeat(201);
    let fields =
        |name: &'static str, country: &'static str, kind: &'static str, email: &'static str| {
            vec![
                ("name", name),
                ("country", country),
                ("kind", kind),
                ("contact_email", email),
            ]
        };
    let page = post_expect(
        &mut b,
        &t,
        new,
        &fields("Kept Agency", "XX", "police", "d@x.example"),
        422,
    )
    .await;
    assert!(
        page.contains("Choose a country from the list") && page.contains("value=\"Kept Agency\"")
    );
    let page = post_expect(
        &mut b,
        &t,
        new,
        &fields("A", "TH", "navy", "d@x.example"),
        422,
    )
    .await;
    assert!(page.contains("Choose one of the options shown"));
    let page = post_expect(&mut b, &t, new, &fields("A", "TH", "police", "desk"), 422).await;
    assert!(page.contains("Enter a contact email address like"));
    let mut big = fields("", "TH", "police", "d@x.example");
    big[0].1 = &long;
    let page = post_expect(&mut b, &t, new, &big, 422).await;
    assert!(page.contains("at most 200 characters"));
    let page = post_expect(
        &mut b,
        &t,
        new,
        &fields("Royal Thai Police", "TH", "police", "d@x.example"),
        409,
    )
    .await;
    assert!(page.contains("An agency with this name already exists"));

    let edit = format!("/admin/agencies/{}/edit", f.agency);
    let mut ok = fields("Royal Thai Police HQ", "TH", "police", "hq@th.example");
    ok.push(("version", "1"));
    post_expect(&mut b, &t, &edit, &ok, 303).await;
    ok[0].1 = "Third name";
    let page = post_expect(&mut b, &t, &edit, &ok, 409).await;
    assert!(
        page.contains("Someone else changed this meanwhile")
            && page.contains("value=\"Third name\"")
    );
    let mut taken = fields("Vietnam Immigration", "TH", "police", "hq@th.example");
    taken.push(("version", "2"));
    let page = post_expect(&mut b, &t, &edit, &taken, 409).await;
    assert!(page.contains("An agency with this name already exists"));
    assert_eq!(
        b.post(&edit, &[("csrf", &t)]).await.status,
        400,
        "no version"
    );
    let agency = api_get(app, &format!("/api/v1/agencies/{}", f.agency)).await;
    assert_eq!(
        (agency["name"].as_str(), agency["version"].as_i64()),
        (Some("Royal Thai Police HQ"), Some(2))
    );
}

#[tokio::test]
async fn the_jpa_forms_reject_bad_input_and_refused_moves_with_messages() {
    let f = fixture().await;
    let app = &f.app;
    let mut b = admin_browser(app).await;
    let t = csrf(&mut b).await;
    let new = "/admin/jpas/new";
    let page = post_expect(&mut b, &t, new, &[], 422).await;
    assert!(
        page.contains("Enter a code")
            && page.contains("Enter a name")
            && page.contains("Enter the start date")
    );
    let base = [
        ("code", "JPA-B"),
        ("name", "B"),
        ("start_date", "2026-03-01"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v: Vec<(&str, &str)> = base.to_vec();
        for (k, val) in extra {
            v.retain(|(key, _)| key != k);
            v.push((k, val));
        }
        v
    };
    for (extra, text) in [
        (
            vec![("start_date", "2026-13-01")],
            "Enter a date as year-month-day",
        ),
        (vec![("end_date", "soon")], "Enter a date as year-month-day"),
        (
            vec![("end_date", "2026-02-01")],
            "The end date must not be before the start date",
        ),
        (
            vec![("end_date", "2029-01-01")],
            "at most 24 months after the start date",
        ),
        (
            vec![("report_due_day", "tenth")],
            "Enter the due day as a whole number",
        ),
        (
            vec![("report_due_day", "99")],
            "Enter the due day as a whole number",
        ),
        (
            vec![("report_due_day", "99999999999999")],
            "Enter the due day as a whole number",
        ),
        (
            vec![("reminder_days_before", "-1")],
            "Enter the reminder days as a whole number",
        ),
        (
            vec![("timezone", "Mars/Olympus")],
            "Choose a time zone from the list",
        ),
        (
            vec![("code", "has spaces")],
            "Enter a code of 1 to 50 letters",
        ),
        (
            vec![("code", "JPA-A")],
            "A JPA with this code already exists",
        ),
    ] {
        let status = if text.contains("already exists") {
            409
        } else {
            422
        };
        let page = post_expect(&mut b, &t, new, &with(&extra), status).await;
        assert!(page.contains(text), "{extra:?}: {text}");
        assert!(
            page.contains("value=\"JPA-B\"") || extra[0].0 == "code",
            "input kept"
        );
    }
    let long = "d".repeat(10_001);
    let mut big = with(&[]);
    big.push(("description", &long));
    let page = post_expect(&mut b, &t, new, &big, 422).await;
    assert!(page.contains("at most 10000 characters"));

    let edit = format!("/admin/jpas/{}/edit", f.jpa);
    let page = post_expect(&mut b, &t, &edit, &[("version", "1")], 422).await;
    assert!(page.contains("Enter a code") && page.contains("Enter the end date"));
    assert_eq!(
        b.post(&edit, &[("csrf", &t), ("version", "v1")])
            .await
            .status,
        400
    );
    let fields = |name: &'static str, version: &'static str| {
        vec![
            ("code", "JPA-A"),
            ("name", name),
            ("description", ""),
            ("start_date", "2026-01-01"),
            ("end_date", "2026-12-31"),
            ("report_due_day", "12"),
            ("reminder_days_before", "3"),
            ("timezone", "Asia/Bangkok"),
            ("version", version),
        ]
    };
    post_expect(&mut b, &t, &edit, &fields("Renamed JPA", "1"), 303).await;
    let page = post_expect(&mut b, &t, &edit, &fields("Stale JPA", "1"), 409).await;
    assert!(
        page.contains("Someone else changed this meanwhile")
            && page.contains("value=\"Stale JPA\"")
    );

    // Status: only the next move, through the confirmation, at the current version.
    let status = format!("/admin/jpas/{}/status", f.jpa);
    let page = b.get(&status).await;
    assert!(page.text.contains("Make JPA-A active?"));
    let page = post_expect(
        &mut b,
        &t,
        &status,
        &[("status", "finished"), ("version", "2")],
        422,
    )
    .await;
    assert!(page.contains("Nothing was changed"));
    let page = post_expect(
        &mut b,
        &t,
        &status,
        &[("status", "closed"), ("version", "2")],
        409,
    )
    .await;
    assert!(page.contains("planning, then active, then closed only"));
    let page = post_expect(
        &mut b,
        &t,
        &status,
        &[("status", "active"), ("version", "1")],
        409,
    )
    .await;
    assert!(page.contains("Someone changed this JPA meanwhile"));
    assert_eq!(
        b.post(&status, &[("csrf", &t), ("status", "active")])
            .await
            .status,
        400
    );
    let jpa = api_get(app, &format!("/api/v1/jpas/{}", f.jpa)).await;
    assert_eq!(
        (jpa["status"].as_str(), jpa["version"].as_i64()),
        (Some("planning"), Some(2))
    );

    // Participants.
    let add = format!("/admin/jpas/{}/agencies", f.jpa);
    let page = post_expect(&mut b, &t, &add, &[], 422).await;
    assert!(page.contains("Choose the agency to add"));
    let page = post_expect(&mut b, &t, &add, &[("agency_id", "garbage")], 422).await;
    assert!(page.contains("Choose an agency from the list"));
    let page = post_expect(
        &mut b,
        &t,
        &add,
        &[("agency_id", &f.other), ("joined_on", "1 March")],
        422,
    )
    .await;
    assert!(page.contains("Enter a date as year-month-day"));
    // The agency leads an investigation there: it cannot leave, and the page says why.
    let inv = app
        .post(
            &format!("/api/v1/jpas/{}/investigations", f.jpa),
            Some(&app.admin_token),
            json!({"lead_agency_id": f.agency, "reference": "TH-1", "title": "Boat network", "crime_types": ["people_smuggling"]}),
        )
        .await;
    assert_eq!(inv.status, 201, "{}", inv.text);
    let remove = format!("/admin/jpas/{}/agencies/{}/remove", f.jpa, f.agency);
    let page = post_expect(&mut b, &t, &remove, &[], 409).await;
    assert!(page.contains("Royal Thai Police leads or partners an investigation in this JPA"));
    assert!(page.contains("href=\"#participants\""));
    let not_in = format!("/admin/jpas/{}/agencies/{}/remove", f.jpa, f.other);
    assert_eq!(b.post(&not_in, &[("csrf", &t)]).await.status, 404);
    let listed = api_get(app, &format!("/api/v1/jpas/{}/agencies", f.jpa)).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_lists_and_filters_take_no_garbage_and_never_fail() {
    let f = fixture().await;
    let app = &f.app;
    let mut b = admin_browser(app).await;
    let t = csrf(&mut b).await;
    for path in [
        "/admin/users?limit=0",
        "/admin/users?cursor=nope",
        "/admin/agencies?limit=999",
        "/admin/jpas?cursor=%00",
    ] {
        assert_eq!(b.get(path).await.status, 400, "{path}");
    }
    for path in [
        "/admin/emails?status=lost",
        "/admin/emails?cursor=x",
        "/audit?actor_id=someone",
        "/audit?from=yesterday",
        "/audit?to=2026-02-30",
        &format!("/audit?entity_type={}", "t".repeat(65)),
        &format!("/audit?entity_id={}", "i".repeat(101)),
        "/audit?limit=abc",
    ] {
        let r = b.get(path).await;
        assert_eq!(r.status, 400, "{path}: {}", r.text);
        assert_page(&r);
        assert!(r.text.contains("error-summary"), "{path}");
    }
    let page = post_expect(
        &mut b,
        &t,
        "/admin/reminders",
        &[("as_of", "2026-02-30")],
        422,
    )
    .await;
    assert!(
        page.contains("Enter a date as year-month-day") && page.contains("value=\"2026-02-30\"")
    );
    // Paging: two users a page, then the next page, then back to the first.
    for i in 0..3 {
        app.create_user(&format!("p{i}@agency.example"), Role::Observer, None)
            .await;
    }
    let first = b.get("/admin/users?limit=2").await;
    assert_eq!(first.status, 200);
    let next = regex::Regex::new(r#"href="(/admin/users\?[^"]*cursor=[^"]+)" rel="next""#)
        .unwrap()
        .captures(&first.text)
        .expect("a next link")[1]
        .replace("&amp;", "&");
    assert!(next.contains("limit=2"));
    let second = b.get(&next).await;
    assert_eq!(second.status, 200);
    assert!(second.text.contains("First page"));
    // Filters of the outbox and the audit log.
    let sent = b.get("/admin/emails?status=sent").await;
    assert_eq!(sent.status, 200);
    let audit = b
        .get(&format!(
            "/audit?entity_type=jpa&entity_id={}&from=2020-01-01",
            f.jpa
        ))
        .await;
    assert_eq!(audit.status, 200);
    assert!(audit.text.contains("jpa.create") && !audit.text.contains("agency.create"));
    let by_actor = b.get(&format!("/audit?actor_id={}", app.admin_id)).await;
    assert!(by_actor.text.contains("agency.create"));
    let none = b.get("/audit?to=2000-01-01").await;
    assert!(none.text.contains("No event matches these filters"));
}

#[tokio::test]
async fn the_first_admin_sets_up_a_jpa_and_invites_a_liaison_through_the_pages() {
    let app = spawn_app().await;
    let mut b = admin_browser(&app).await;
    let r = b.get("/").await;
    assert_eq!(location(&r), "/jpas");
    assert!(b
        .get("/jpas")
        .await
        .text
        .contains("href=\"/admin/jpas/new\""));
    let t = csrf(&mut b).await;
    for (name, country) in [("Royal Thai Police", "TH"), ("Vietnam Immigration", "VN")] {
        let r = b
            .submit(
                "/admin/agencies/new",
                "/admin/agencies/new",
                &[
                    ("name", name),
                    ("country", country),
                    ("kind", "police"),
                    ("contact_email", "desk@agency.example"),
                ],
            )
            .await;
        assert_eq!(
            (r.status, location(&r)),
            (303, "/admin/agencies?notice=agency-created".to_string())
        );
    }
    let list = b.get("/admin/agencies?notice=agency-created").await;
    assert!(
        list.text.contains("The agency is created") && list.text.contains("Vietnam Immigration")
    );
    let r = b
        .submit(
            "/admin/jpas/new",
            "/admin/jpas/new",
            &[
                ("code", "JPA-2026"),
                ("name", "Andaman Sea JPA"),
                ("description", "Maritime smuggling routes"),
                ("start_date", "2026-01-01"),
                ("is_exercise", "true"),
                ("report_due_day", "10"),
                ("reminder_days_before", "5"),
                ("timezone", "Asia/Bangkok"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let jpa_page = location(&r);
    assert!(jpa_page.ends_with("?notice=jpa-created"));
    let jpa_id = jpa_page
        .trim_start_matches("/admin/jpas/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let agencies = api_get(&app, "/api/v1/agencies").await;
    let ids: Vec<String> = agencies["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    for id in &ids {
        let r = b
            .post(
                &format!("/admin/jpas/{jpa_id}/agencies"),
                &[("csrf", &t), ("agency_id", id), ("joined_on", "")],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text);
    }
    let page = b.get(&format!("/admin/jpas/{jpa_id}")).await;
    assert!(page.text.contains("Royal Thai Police") && page.text.contains("Vietnam Immigration"));
    assert!(page.text.contains("Every agency takes part already"));
    let confirm = b.get(&format!("/admin/jpas/{jpa_id}/status")).await;
    assert!(confirm.text.contains("Make JPA-2026 active?"));
    let r = b
        .submit(
            &format!("/admin/jpas/{jpa_id}/status"),
            &format!("/admin/jpas/{jpa_id}/status"),
            &[("status", "active"), ("version", "1")],
        )
        .await;
    assert_eq!(
        location(&r),
        format!("/admin/jpas/{jpa_id}?notice=jpa-active")
    );
    let jpa = api_get(&app, &format!("/api/v1/jpas/{jpa_id}")).await;
    assert_eq!(
        (
            jpa["status"].as_str(),
            jpa["is_exercise"].as_bool(),
            jpa["timezone"].as_str()
        ),
        (Some("active"), Some(true), Some("Asia/Bangkok"))
    );
    let participants = api_get(&app, &format!("/api/v1/jpas/{jpa_id}/agencies")).await;
    assert!(participants["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["joined_on"] == "2026-01-01"));

    // Invite a liaison: the invitation mail goes out, with the link to set a password.
    let r = b
        .submit(
            "/admin/users/new",
            "/admin/users/new",
            &[
                ("email", "Liaison@TH.example"),
                ("display_name", "Somchai Liaison"),
                ("role", "liaison"),
                ("agency_id", &ids[0]),
            ],
        )
        .await;
    assert_eq!(
        (r.status, location(&r)),
        (303, "/admin/users?notice=user-invited".to_string())
    );
    let mail = app.wait_for_mail("liaison@th.example").await;
    // The invitee reads the language of the agency's country (English where none fits).
    let lang =
        jpa_coord::i18n::default_for_country(agencies["items"][0]["country"].as_str().unwrap());
    assert_eq!(
        mail.subject,
        jpa_coord::i18n::message_in(lang, "mail-invite-subject", &[])
    );
    assert!(mail.text.contains("http://jpa.test/set-password?token="));
    let users = b.get("/admin/users?notice=user-invited").await;
    assert!(
        users.text.contains("The invitation is on its way")
            && users.text.contains("Somchai Liaison")
    );
    // The invitee sets a password from the mail and signs in.
    let token = crate::helpers::token_from_mail(&mail.text);
    let set = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            json!({"token": token, "new_password": PASSWORD}),
        )
        .await;
    assert_eq!(set.status, 204, "{}", set.text);
    browser_of(&app, "liaison@th.example").await;

    // The outbox lists the invitation, never its body (the secret link above all).
    let outbox = b.get("/admin/emails").await;
    assert_eq!(outbox.status, 200);
    assert!(outbox.text.contains(&mail.subject) && outbox.text.contains("liaison@th.example"));
    assert!(
        !outbox.text.contains(&token) && !outbox.text.contains("An account was created for you")
    );
    assert!(!outbox.text.contains("set-password"));

    // A reminder pass now: the counts of what it queued, after the 303.
    let r = b
        .post("/admin/reminders", &[("csrf", &t), ("as_of", "2026-02-06")])
        .await;
    assert_eq!(
        (r.status, location(&r)),
        (
            303,
            "/admin/emails?notice=reminders-ran#reminders".to_string()
        )
    );
    let after = b.get("/admin/emails?notice=reminders-ran").await;
    assert!(
        after.text.contains("The reminder pass ran") && after.text.contains("As of 2026-02-06")
    );
    assert!(
        after.text.contains("1 \"due soon\" reminder queued")
            || after
                .text
                .contains("1 &quot;due soon&quot; reminder queued"),
        "{}",
        after.text
    );
    assert!(after.text.contains("0 co-chair digests queued"));

    // The audit log shows these changes with their fields.
    let audit = b.get("/audit").await;
    for action in [
        "agency.create",
        "jpa.create",
        "participation.create",
        "jpa.update",
        "user.create",
        "reminders.run",
    ] {
        assert!(audit.text.contains(action), "{action}");
    }
    assert!(audit.text.contains("Asia/Bangkok"));
}

/// `(action, entity_type, sorted changed fields)` of the audit events about `entity_id`.
async fn audit_of(app: &TestApp, entity_id: &str) -> Vec<(String, String, Vec<String>)> {
    let body = api_get(
        app,
        &format!("/api/v1/audit?entity_id={entity_id}&limit=200"),
    )
    .await;
    let mut out: Vec<(String, String, Vec<String>)> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut fields: Vec<String> =
                e["changes"].as_object().unwrap().keys().cloned().collect();
            fields.sort();
            (
                e["action"].as_str().unwrap().to_string(),
                e["entity_type"].as_str().unwrap().to_string(),
                fields,
            )
        })
        .collect();
    out.reverse();
    out
}

#[tokio::test]
async fn admin_actions_through_the_pages_write_the_same_audit_records_as_through_the_api() {
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let mut b = admin_browser(&app).await;
    let t = csrf(&mut b).await;

    // Agencies: create, then change the name and the contact.
    let api_agency = app
        .post("/api/v1/agencies", Some(&admin), json!({"name": "API Agency", "country": "TH", "kind": "police", "contact_email": "a@th.example"}))
        .await;
    let api_agency = api_agency.body["id"].as_str().unwrap().to_string();
    let r = app
        .patch(
            &format!("/api/v1/agencies/{api_agency}"),
            &admin,
            1,
            json!({"name": "API Agency 2", "contact_email": "b@th.example"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    post_expect(
        &mut b,
        &t,
        "/admin/agencies/new",
        &[
            ("name", "Page Agency"),
            ("country", "TH"),
            ("kind", "police"),
            ("contact_email", "a@th.example"),
        ],
        303,
    )
    .await;
    let agencies = api_get(&app, "/api/v1/agencies").await;
    let page_agency = agencies["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Page Agency")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    post_expect(
        &mut b,
        &t,
        &format!("/admin/agencies/{page_agency}/edit"),
        &[
            ("name", "Page Agency 2"),
            ("country", "TH"),
            ("kind", "police"),
            ("contact_email", "b@th.example"),
            ("version", "1"),
        ],
        303,
    )
    .await;
    assert_eq!(
        audit_of(&app, &api_agency).await,
        audit_of(&app, &page_agency).await
    );
    assert_eq!(audit_of(&app, &page_agency).await.len(), 2);

    // JPAs: create, change name and due day, move to active, then add and remove an agency.
    let api_jpa = app
        .post("/api/v1/jpas", Some(&admin), json!({"code": "API-1", "name": "API JPA", "description": "", "start_date": "2026-01-01", "is_exercise": false, "report_due_day": 10, "reminder_days_before": 5, "timezone": "UTC"}))
        .await;
    assert_eq!(api_jpa.status, 201, "{}", api_jpa.text);
    let api_jpa = api_jpa.body["id"].as_str().unwrap().to_string();
    let r = app
        .patch(
            &format!("/api/v1/jpas/{api_jpa}"),
            &admin,
            1,
            json!({"name": "API JPA 2", "report_due_day": 12}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = app
        .patch(
            &format!("/api/v1/jpas/{api_jpa}"),
            &admin,
            2,
            json!({"status": "active"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{api_jpa}/agencies/{api_agency}"),
            Some(&admin),
            Some(json!({"joined_on": "2026-02-01"})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = app
        .request(
            "DELETE",
            &format!("/api/v1/jpas/{api_jpa}/agencies/{api_agency}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);

    let created = b
        .post(
            "/admin/jpas/new",
            &[
                ("csrf", &t),
                ("code", "PAGE-1"),
                ("name", "Page JPA"),
                ("description", ""),
                ("start_date", "2026-01-01"),
                ("report_due_day", "10"),
                ("reminder_days_before", "5"),
                ("timezone", "UTC"),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.text);
    let page_jpa = location(&created)
        .trim_start_matches("/admin/jpas/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    post_expect(
        &mut b,
        &t,
        &format!("/admin/jpas/{page_jpa}/edit"),
        &[
            ("code", "PAGE-1"),
            ("name", "Page JPA 2"),
            ("description", ""),
            ("start_date", "2026-01-01"),
            ("end_date", "2026-12-31"),
            ("report_due_day", "12"),
            ("reminder_days_before", "5"),
            ("timezone", "UTC"),
            ("version", "1"),
        ],
        303,
    )
    .await;
    post_expect(
        &mut b,
        &t,
        &format!("/admin/jpas/{page_jpa}/status"),
        &[("status", "active"), ("version", "2")],
        303,
    )
    .await;
    post_expect(
        &mut b,
        &t,
        &format!("/admin/jpas/{page_jpa}/agencies"),
        &[("agency_id", &page_agency), ("joined_on", "2026-02-01")],
        303,
    )
    .await;
    post_expect(
        &mut b,
        &t,
        &format!("/admin/jpas/{page_jpa}/agencies/{page_agency}/remove"),
        &[],
        303,
    )
    .await;
    assert_eq!(
        audit_of(&app, &api_jpa).await,
        audit_of(&app, &page_jpa).await
    );
    assert_eq!(audit_of(&app, &page_jpa).await.len(), 3);
    let api_part = audit_of(&app, &format!("{api_jpa}:{api_agency}")).await;
    assert_eq!(
        api_part,
        audit_of(&app, &format!("{page_jpa}:{page_agency}")).await
    );
    assert_eq!(api_part.len(), 2);

    // Users: invite, then change role and agency and deactivate.
    let api_user = app
        .post("/api/v1/users", Some(&admin), json!({"email": "api@th.example", "display_name": "API User", "role": "liaison", "agency_id": api_agency}))
        .await;
    assert_eq!(api_user.status, 201, "{}", api_user.text);
    let api_user = api_user.body["id"].as_str().unwrap().to_string();
    let r = app.patch(&format!("/api/v1/users/{api_user}"), &admin, 1, json!({"display_name": "API User 2", "role": "observer", "agency_id": null, "active": false})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    post_expect(
        &mut b,
        &t,
        "/admin/users/new",
        &[
            ("email", "page@th.example"),
            ("display_name", "Page User"),
            ("role", "liaison"),
            ("agency_id", &page_agency),
        ],
        303,
    )
    .await;
    let users = api_get(&app, "/api/v1/users").await;
    let page_user = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "page@th.example")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    post_expect(
        &mut b,
        &t,
        &format!("/admin/users/{page_user}/edit"),
        &[
            ("display_name", "Page User 2"),
            ("role", "observer"),
            ("agency_id", ""),
            ("active", "false"),
            ("version", "1"),
        ],
        303,
    )
    .await;
    assert_eq!(
        audit_of(&app, &api_user).await,
        audit_of(&app, &page_user).await
    );
    assert_eq!(audit_of(&app, &page_user).await.len(), 2);
    // Both invitations went out.
    app.wait_for_mail("api@th.example").await;
    app.wait_for_mail("page@th.example").await;

    // A reminder pass: the same record, as its caller's.
    let r = app
        .post(
            "/api/v1/admin/reminders/run",
            Some(&admin),
            json!({"as_of": "2026-03-01"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    post_expect(
        &mut b,
        &t,
        "/admin/reminders",
        &[("as_of", "2026-03-01")],
        303,
    )
    .await;
    let passes = api_get(&app, "/api/v1/audit?entity_type=reminder_pass").await;
    let passes: Vec<(Value, Value, Vec<String>)> = passes["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut fields: Vec<String> =
                e["changes"].as_object().unwrap().keys().cloned().collect();
            fields.sort();
            (e["action"].clone(), e["actor_id"].clone(), fields)
        })
        .collect();
    assert_eq!(passes.len(), 2);
    assert_eq!(passes[0], passes[1]);
    assert_eq!(passes[0].1, json!(app.admin_id));
}
