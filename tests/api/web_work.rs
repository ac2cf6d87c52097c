//! The investigation page and the forms of its milestones and outcomes, as a browser
//! without JavaScript uses them: who sees what (route x role x agency), what never reaches
//! the HTML, bad input on every form, stale versions, and "today" in the JPA's time zone.

use jpa_coord::domain::{today_in, Role};
use serde_json::{json, Value};

use crate::browser::*;
use crate::helpers::{spawn_app, TestApp, PASSWORD};

const SECRET_REF: &str = "TH-SECRET-0041";
const SECRET_SUMMARY: &str = "informant codename Jasmine";
const SECRET_PLACE: &str = "Songkhla fishing pier";

/// A JPA with three participating agencies (lead, partner, unrelated), one user of every
/// kind, a standard and a restricted investigation led by `lead` with `partner`, and on
/// the standard one a milestone (responsible: lead) and an outcome (reported by lead).
struct World {
    jpa: String,
    lead: String,
    partner: String,
    unrelated: String,
    outsider: String,
    inv: String,
    restricted: String,
    milestone: String,
    outcome: String,
    lead_token: String,
}

const EMAILS: [(&str, &str); 6] = [
    ("admin", "admin@jpa.test"),
    ("co_chair", "co@work.test"),
    ("lead", "lead@work.test"),
    ("partner", "partner@work.test"),
    ("unrelated", "unrelated@work.test"),
    ("observer", "observer@work.test"),
];

async fn api(app: &TestApp, method: &str, path: &str, token: &str, body: Value) -> Value {
    let r = app
        .request(method, &format!("/api/v1{path}"), Some(token), Some(body))
        .await;
    assert!(r.status < 300, "{method} {path}: {} {}", r.status, r.text);
    r.body
}

async fn jpa(app: &TestApp, code: &str, timezone: &str, agencies: &[&str]) -> String {
    let admin = app.admin_token.clone();
    let jpa = api(
        app,
        "POST",
        "/jpas",
        &admin,
        json!({"code": code, "name": format!("JPA {code}"), "start_date": "2026-01-01",
               "status": "active", "timezone": timezone}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    for a in agencies {
        api(
            app,
            "PUT",
            &format!("/jpas/{jpa}/agencies/{a}"),
            &admin,
            json!({"joined_on": "2026-01-01"}),
        )
        .await;
    }
    jpa
}

async fn world(app: &TestApp) -> World {
    let admin = app.admin_token.clone();
    let lead = app.create_agency("Royal Thai Police", "TH").await;
    let partner = app.create_agency("Indonesian National Police", "ID").await;
    let unrelated = app.create_agency("Vietnam Border Guard", "VN").await;
    let outsider = app.create_agency("Customs of Elsewhere", "MY").await;
    let jpa = jpa(app, "W-26", "Asia/Bangkok", &[&lead, &partner, &unrelated]).await;
    app.create_user("co@work.test", Role::CoChair, None).await;
    app.create_user("lead@work.test", Role::Liaison, Some(lead.clone()))
        .await;
    app.create_user("partner@work.test", Role::Liaison, Some(partner.clone()))
        .await;
    app.create_user(
        "unrelated@work.test",
        Role::Liaison,
        Some(unrelated.clone()),
    )
    .await;
    app.create_user("observer@work.test", Role::Observer, None)
        .await;
    let (_, lead_token) = {
        let (s, b) = app.login("lead@work.test", PASSWORD).await;
        assert_eq!(s, 200);
        (s, b["access_token"].as_str().unwrap().to_string())
    };
    let create = |body: Value| {
        let jpa = jpa.clone();
        let token = lead_token.clone();
        async move {
            api(
                app,
                "POST",
                &format!("/jpas/{jpa}/investigations"),
                &token,
                body,
            )
            .await["id"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let inv = create(json!({"reference": "TH-26-0001", "title": "Harbour network",
        "summary": "Boats leave at night.", "crime_types": ["people_smuggling"],
        "opened_on": "2026-01-15",
        "route_legs": [{"country": "TH", "place": "Satun", "kind": "departure", "mode": "sea"},
                       {"country": "ID", "place": "Kupang", "kind": "destination", "mode": "sea"}]}))
    .await;
    let restricted = create(json!({"reference": SECRET_REF, "title": "Quiet harbour",
        "summary": SECRET_SUMMARY, "crime_types": ["trafficking_in_persons"],
        "sensitivity": "restricted", "opened_on": "2026-01-15",
        "route_legs": [{"country": "TH", "place": SECRET_PLACE, "kind": "recruitment", "mode": "land"}]}))
    .await;
    for i in [&inv, &restricted] {
        api(
            app,
            "PUT",
            &format!("/investigations/{i}/partners/{partner}"),
            &lead_token,
            json!({}),
        )
        .await;
    }
    api(
        app,
        "POST",
        &format!("/investigations/{inv}/links"),
        &admin,
        json!({"investigation_id": restricted, "relation": "same_network"}),
    )
    .await;
    let milestone = api(
        app,
        "POST",
        &format!("/investigations/{inv}/milestones"),
        &lead_token,
        json!({"kind": "arrests", "title": "Arrest the skipper", "due_on": "2026-02-01"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let outcome = api(
        app,
        "POST",
        &format!("/investigations/{inv}/outcomes"),
        &lead_token,
        json!({"indicator": "arrests", "value": 3, "occurred_on": "2026-02-03"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    World {
        jpa,
        lead,
        partner,
        unrelated,
        outsider,
        inv,
        restricted,
        milestone,
        outcome,
        lead_token,
    }
}

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let email = EMAILS.iter().find(|(w, _)| *w == who).unwrap().1;
    let password = if who == "admin" {
        app.admin_password.clone()
    } else {
        PASSWORD.to_string()
    };
    let mut b = Browser::new(app);
    let r = b.sign_in(email, &password).await;
    assert_eq!(r.status, 303, "{who} signs in: {}", r.text);
    b
}

async fn milestone_json(app: &TestApp, w: &World, id: &str) -> Option<Value> {
    let list = app
        .get(
            &format!("/api/v1/investigations/{}/milestones?limit=200", w.inv),
            &w.lead_token,
        )
        .await;
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
}

async fn outcome_json(app: &TestApp, w: &World, id: &str) -> Option<Value> {
    let list = app
        .get(
            &format!("/api/v1/investigations/{}/outcomes?limit=200", w.inv),
            &w.lead_token,
        )
        .await;
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
}

/// The value of the input named `name` in a page.
fn value_of(html: &str, name: &str) -> Option<String> {
    let re = regex::Regex::new(&format!(r#"name="{name}"[^>]*value="([^"]*)""#)).unwrap();
    re.captures(html).map(|c| c[1].to_string())
}

/// A form's fields, the input in error and the message it must show.
type BadInput = (Vec<(&'static str, String)>, &'static str, &'static str);

fn without_request_id(html: &str) -> String {
    let re = regex::Regex::new(r"request id [0-9A-Za-z-]+").unwrap();
    re.replace_all(html, "request id X").into_owned()
}

#[tokio::test]
async fn each_role_and_agency_sees_exactly_the_investigation_pages_it_may() {
    // Arrange
    let app = spawn_app().await;
    let w = world(&app).await;
    let inv = format!("/investigations/{}", w.inv);
    let pages = [
        inv.clone(),
        format!("{inv}/milestones/new"),
        format!("{inv}/outcomes/new"),
        format!("/milestones/{}/edit", w.milestone),
        format!("/milestones/{}/delete", w.milestone),
        format!("/outcomes/{}/edit", w.outcome),
        format!("/outcomes/{}/delete", w.outcome),
        format!("/outcomes/{}/revisions", w.outcome),
    ];
    // page, then status for: admin, co_chair, lead, partner, unrelated, observer. The
    // partner sees the lead's milestone and outcome but may not change them.
    let expected: [[u16; 6]; 8] = [
        [200, 200, 200, 200, 404, 403],
        [200, 200, 200, 200, 404, 403],
        [200, 200, 200, 200, 404, 403],
        [200, 200, 200, 403, 404, 403],
        [200, 200, 200, 403, 404, 403],
        [200, 200, 200, 403, 404, 403],
        [200, 200, 200, 403, 404, 403],
        [200, 200, 200, 200, 404, 403],
    ];
    let missing = [
        "/investigations/00000000-0000-4000-8000-000000000000".to_string(),
        "/milestones/00000000-0000-4000-8000-000000000000/edit".to_string(),
        "/outcomes/00000000-0000-4000-8000-000000000000/revisions".to_string(),
    ];
    let not_found_body = {
        let mut b = signed_in(&app, "unrelated").await;
        b.get(&missing[0]).await.text
    };

    for (col, (who, _)) in EMAILS.iter().enumerate() {
        let mut b = signed_in(&app, who).await;
        for (row, page) in pages.iter().enumerate() {
            // Act
            let r = b.get(page).await;
            // Assert
            assert_eq!(r.status, expected[row][col], "{who} {page}: {}", r.text);
            assert_page(&r);
            if r.status == 404 {
                assert_eq!(
                    without_request_id(&r.text),
                    without_request_id(&not_found_body),
                    "{who} {page}: the same 404 as a missing one"
                );
            }
        }
        for page in &missing {
            let r = b.get(page).await;
            assert!(matches!(r.status, 403 | 404), "{who} {page}: {}", r.status);
        }
        let page = b.get(&inv).await;
        if page.status != 200 {
            continue;
        }
        // Links to the investigation's own forms only for those who may use them.
        let edits = [
            format!("href=\"{inv}/edit\""),
            format!("href=\"{inv}/partners\""),
            format!("href=\"{inv}/links\""),
        ];
        let lead_or_coordinator = matches!(*who, "admin" | "co_chair" | "lead");
        for link in &edits {
            assert_eq!(
                page.text.contains(link),
                lead_or_coordinator,
                "{who} {link}"
            );
        }
        assert!(
            page.text
                .contains(&format!("href=\"{inv}/milestones/new\"")),
            "{who}"
        );
        assert!(
            page.text.contains(&format!("href=\"{inv}/outcomes/new\"")),
            "{who}"
        );
        let mark = format!("action=\"/milestones/{}/achieve\"", w.milestone);
        assert_eq!(
            page.text.contains(&mark),
            lead_or_coordinator,
            "{who} {mark}"
        );
        let confirm = format!("action=\"/outcomes/{}/confirm\"", w.outcome);
        assert_eq!(page.text.contains(&confirm), lead_or_coordinator, "{who}");
        // Breadcrumbs back to the JPA's investigation list; agencies by name; the link.
        assert!(page
            .text
            .contains(&format!("href=\"/jpas/{}/investigations\"", w.jpa)));
        assert!(
            page.text.contains("Royal Thai Police")
                && page.text.contains("Indonesian National Police")
        );
        assert!(page
            .text
            .contains(&format!("href=\"/investigations/{}\"", w.restricted)));
        assert!(page.text.contains("Satun") && page.text.contains("Kupang"));
    }

    // Signed out: to the sign-in page, back here afterwards.
    let mut anonymous = Browser::new(&app);
    let r = anonymous.get(&inv).await;
    assert_eq!(
        (r.status, location(&r)),
        (303, format!("/login?next={inv}"))
    );
}

#[tokio::test]
async fn restricted_fields_never_reach_the_html_of_those_who_do_not_take_part() {
    // Arrange: co-chairs and admins see a restricted investigation exists (DOMAIN.md), but
    // not its reference, summary or route.
    let app = spawn_app().await;
    let w = world(&app).await;
    let m = api(
        &app,
        "POST",
        &format!("/investigations/{}/milestones", w.restricted),
        &w.lead_token,
        json!({"kind": "other", "title": "Quiet step", "due_on": "2026-03-01"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let o = api(
        &app,
        "POST",
        &format!("/investigations/{}/outcomes", w.restricted),
        &w.lead_token,
        json!({"indicator": "victims_identified", "value": 2, "occurred_on": "2026-03-02"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let pages = [
        format!("/investigations/{}", w.restricted),
        format!("/investigations/{}/milestones/new", w.restricted),
        format!("/investigations/{}/outcomes/new", w.restricted),
        format!("/milestones/{m}/edit"),
        format!("/milestones/{m}/delete"),
        format!("/outcomes/{o}/edit"),
        format!("/outcomes/{o}/revisions"),
        // The standard investigation links to the restricted one: its title only.
        format!("/investigations/{}", w.inv),
    ];
    for who in ["admin", "co_chair", "lead", "partner"] {
        let mut b = signed_in(&app, who).await;
        let takes_part = matches!(who, "lead" | "partner");
        for page in &pages {
            // Act
            let r = b.get(page).await;
            if r.status == 403 {
                continue;
            }
            // Assert
            assert_eq!(r.status, 200, "{who} {page}");
            for secret in [SECRET_REF, SECRET_SUMMARY, SECRET_PLACE] {
                let expected = takes_part && page == &pages[0];
                assert_eq!(r.text.contains(secret), expected, "{who} {page}: {secret}");
            }
        }
        let main = b.get(&pages[0]).await;
        assert_eq!(main.status, 200);
        let withheld = main
            .text
            .matches("<span class=\"withheld\">Withheld</span>")
            .count();
        assert_eq!(withheld, if takes_part { 0 } else { 3 }, "{who}");
    }
}

#[tokio::test]
async fn a_partner_liaison_logs_milestones_and_outcomes_for_its_own_agency_only() {
    // Arrange
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut b = signed_in(&app, "partner").await;
    let new_milestone = format!("/investigations/{}/milestones/new", w.inv);
    let form = b.get(&new_milestone).await;
    assert_eq!(form.status, 200);
    assert_page(&form);
    for field in [
        "kind",
        "title",
        "responsible_agency_id",
        "due_on",
        "status",
        "achieved_on",
        "notes",
    ] {
        assert!(form.text.contains(&format!("name=\"{field}\"")), "{field}");
        assert!(
            form.text.contains(&format!("<label for=\"{field}\"")),
            "label of {field}"
        );
    }
    let csrf = csrf_of(&form.text);

    // Act: the lead agency made responsible by a partner.
    let refused = b
        .post(
            &new_milestone,
            &[
                ("csrf", &csrf),
                ("kind", "joint_operation"),
                ("title", "Joint boarding"),
                ("responsible_agency_id", &w.lead),
                ("due_on", "2026-06-01"),
                ("status", "planned"),
            ],
        )
        .await;
    // Its own agency.
    let own = b
        .post(
            &new_milestone,
            &[
                ("csrf", &csrf),
                ("kind", "joint_operation"),
                ("title", "Joint boarding"),
                ("responsible_agency_id", &w.partner),
                ("due_on", "2026-06-01"),
                ("status", "planned"),
            ],
        )
        .await;

    // Assert
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_page(&refused);
    assert!(refused
        .text
        .contains("As a partner agency you can only make your own agency responsible"));
    assert!(
        refused.text.contains("href=\"#responsible_agency_id\""),
        "summary links to the field"
    );
    assert_eq!(
        value_of(&refused.text, "title").as_deref(),
        Some("Joint boarding")
    );
    assert_eq!(own.status, 303, "{}", own.text);
    assert!(location(&own).starts_with(&format!(
        "/investigations/{}?notice=milestone-added#milestone-",
        w.inv
    )));

    // An outcome: the partner's own agency reports it; a hidden lead_agency_id is refused.
    let new_outcome = format!("/investigations/{}/outcomes/new", w.inv);
    let form = b.get(&new_outcome).await;
    assert!(
        !form.text.contains("name=\"lead_agency_id\""),
        "a liaison does not pick the reporting agency"
    );
    assert!(form.text.contains("Indonesian National Police"));
    let sneaky = b
        .post(
            &new_outcome,
            &[
                ("csrf", &csrf),
                ("indicator", "arrests"),
                ("value", "2"),
                ("occurred_on", "2026-05-01"),
                ("lead_agency_id", &w.lead),
            ],
        )
        .await;
    assert_eq!(sneaky.status, 422, "{}", sneaky.text);
    assert!(sneaky.text.contains("as the reporting agency"));
    let reported = b
        .post(
            &new_outcome,
            &[
                ("csrf", &csrf),
                ("indicator", "arrests"),
                ("value", "2"),
                ("occurred_on", "2026-05-01"),
                ("contributing_agency_ids", &w.lead),
                ("notes", "Two crew"),
            ],
        )
        .await;
    assert_eq!(reported.status, 303, "{}", reported.text);
    let id = location(&reported)
        .rsplit("outcome-")
        .next()
        .unwrap()
        .to_string();
    let o = outcome_json(&app, &w, &id).await.expect("reported");
    assert_eq!(o["lead_agency_id"], w.partner.as_str());
    assert_eq!(o["contributing_agency_ids"], json!([w.lead]));

    // The partner may not change the lead's milestone, nor confirm the lead's outcome.
    let page = b.get(&format!("/investigations/{}", w.inv)).await;
    assert!(!page
        .text
        .contains(&format!("href=\"/investigations/{}/edit\"", w.inv)));
    let achieve = b
        .post(
            &format!("/milestones/{}/achieve", w.milestone),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(achieve.status, 403);
    let confirm = b
        .post(
            &format!("/outcomes/{}/confirm", w.outcome),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(confirm.status, 403);
    assert_eq!(
        milestone_json(&app, &w, &w.milestone).await.unwrap()["status"],
        "planned"
    );
    assert_eq!(
        outcome_json(&app, &w, &w.outcome).await.unwrap()["status"],
        "provisional"
    );
    // ... but it confirms its own figure.
    let mine = b
        .post(
            &format!("/outcomes/{id}/confirm"),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(mine.status, 303);
    assert_eq!(
        outcome_json(&app, &w, &id).await.unwrap()["status"],
        "confirmed"
    );
}

#[tokio::test]
async fn mark_achieved_takes_one_step_and_defaults_to_today_in_the_jpa_time_zone() {
    // Arrange: two JPAs 25 hours apart, so that one of them is never on UTC's date.
    let app = spawn_app().await;
    let agency = app.create_agency("Royal Thai Police", "TH").await;
    app.create_user("lead@work.test", Role::Liaison, Some(agency.clone()))
        .await;
    let (_, token) = app.login("lead@work.test", PASSWORD).await;
    let token = token["access_token"].as_str().unwrap().to_string();
    let mut b = Browser::new(&app);
    b.sign_in("lead@work.test", PASSWORD).await;
    let mut dates = Vec::new();
    for (code, tz) in [
        ("EAST", "Pacific/Kiritimati"),
        ("WEST", "Pacific/Pago_Pago"),
    ] {
        let jpa = jpa(&app, code, tz, &[&agency]).await;
        let inv = api(&app, "POST", &format!("/jpas/{jpa}/investigations"), &token,
            json!({"reference": "R", "title": "Case", "crime_types": ["people_smuggling"], "opened_on": "2026-01-02"}))
            .await["id"].as_str().unwrap().to_string();
        let m = api(
            &app,
            "POST",
            &format!("/investigations/{inv}/milestones"),
            &token,
            json!({"kind": "arrests", "title": "Arrests", "due_on": "2026-02-01"}),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_string();
        let page = b.get(&format!("/investigations/{inv}")).await;
        assert!(
            page.text.contains("Overdue") && page.text.contains("is-overdue"),
            "overdue by text and shape"
        );
        let csrf = csrf_of(&page.text);

        // Act: no date given.
        let r = b
            .post(
                &format!("/milestones/{m}/achieve"),
                &[("csrf", &csrf), ("version", "1"), ("achieved_on", "")],
            )
            .await;

        // Assert
        assert_eq!(r.status, 303, "{}", r.text);
        assert_eq!(
            location(&r),
            format!("/investigations/{inv}?notice=milestone-achieved#milestone-{m}")
        );
        let list = app
            .get(&format!("/api/v1/investigations/{inv}/milestones"), &token)
            .await;
        let achieved = list.body["items"][0]["achieved_on"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(achieved, today_in(tz).to_string(), "{tz}");
        assert_eq!(list.body["items"][0]["status"], "achieved");
        dates.push(achieved);
        let after = b.get(&location(&r)).await;
        assert!(after.text.contains("The milestone was marked achieved."));
    }
    let utc = today_in("UTC").to_string();
    assert!(dates.iter().any(|d| *d != utc), "{dates:?} vs {utc}");
}

#[tokio::test]
async fn mark_achieved_keeps_the_input_and_says_why_when_it_cannot() {
    // Arrange
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut b = signed_in(&app, "lead").await;
    let page = b.get(&format!("/investigations/{}", w.inv)).await;
    let csrf = csrf_of(&page.text);
    let achieve = format!("/milestones/{}/achieve", w.milestone);
    let tomorrow = (today_in("Asia/Bangkok") + chrono::Days::new(2)).to_string();

    // Act and assert: a date in the future, a date that is no date, a stale version.
    let future = b
        .post(
            &achieve,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("achieved_on", &tomorrow),
                ("next", "/jpas/x"),
            ],
        )
        .await;
    assert_eq!(future.status, 422, "{}", future.text);
    assert_page(&future);
    assert!(future
        .text
        .contains("The date achieved must be today or in the past"));
    assert_eq!(
        value_of(&future.text, "achieved_on").as_deref(),
        Some(tomorrow.as_str())
    );
    assert_eq!(
        value_of(&future.text, "next").as_deref(),
        Some("/jpas/x"),
        "next kept"
    );
    let not_a_date = b
        .post(
            &achieve,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("achieved_on", "2026-02-30"),
            ],
        )
        .await;
    assert_eq!(not_a_date.status, 422);
    assert!(not_a_date.text.contains("Enter a real date as YYYY-MM-DD"));
    let stale = b
        .post(
            &achieve,
            &[
                ("csrf", &csrf),
                ("version", "7"),
                ("achieved_on", "2026-02-02"),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.text);
    assert!(stale.text.contains("changed by someone else meanwhile"));
    assert_eq!(
        value_of(&stale.text, "achieved_on").as_deref(),
        Some("2026-02-02")
    );
    let bad_version = b
        .post(&achieve, &[("csrf", &csrf), ("version", "one")])
        .await;
    assert_eq!(bad_version.status, 400);
    let no_csrf = b.post(&achieve, &[("version", "1")]).await;
    assert_eq!(no_csrf.status, 403);
    assert_eq!(
        milestone_json(&app, &w, &w.milestone).await.unwrap()["status"],
        "planned"
    );

    // `next` is followed when it is a local path, else the investigation page.
    let away = b
        .post(
            &achieve,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("achieved_on", "2026-02-02"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(away.status, 303);
    assert!(
        location(&away).starts_with(&format!("/investigations/{}?", w.inv)),
        "{}",
        location(&away)
    );
    let m = milestone_json(&app, &w, &w.milestone).await.unwrap();
    assert_eq!(
        (m["status"].as_str(), m["achieved_on"].as_str()),
        (Some("achieved"), Some("2026-02-02"))
    );
    let second = api(
        &app,
        "POST",
        &format!("/investigations/{}/milestones", w.inv),
        &w.lead_token,
        json!({"kind": "other", "title": "Second", "due_on": "2026-03-01"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let home = format!("/jpas/{}", w.jpa);
    let back = b
        .post(
            &format!("/milestones/{second}/achieve"),
            &[("csrf", &csrf), ("version", "1"), ("next", &home)],
        )
        .await;
    assert_eq!((back.status, location(&back)), (303, home));
}

#[tokio::test]
async fn milestone_forms_refuse_bad_input_keep_it_and_never_overwrite_a_newer_version() {
    // Arrange
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut b = signed_in(&app, "lead").await;
    let new = format!("/investigations/{}/milestones/new", w.inv);
    let csrf = csrf_of(&b.get(&new).await.text);
    let long = "x".repeat(301);
    fn post(fields: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
        fields
    }
    let cases: Vec<BadInput> = vec![
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", long.clone()),
                ("due_on", "2026-05-01".into()),
            ]),
            "title",
            "The title must be 300 characters or fewer",
        ),
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", "".into()),
                ("due_on", "2026-05-01".into()),
            ]),
            "title",
            "Enter a title",
        ),
        (
            post(vec![
                ("kind", "picnic".into()),
                ("title", "T".into()),
                ("due_on", "2026-05-01".into()),
            ]),
            "kind",
            "Choose the kind of milestone",
        ),
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", "T".into()),
                ("due_on", "01/05/2026".into()),
            ]),
            "due_on",
            "Enter a real date as YYYY-MM-DD",
        ),
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", "T".into()),
                ("due_on", "".into()),
            ]),
            "due_on",
            "Enter the due date",
        ),
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", "T".into()),
                ("due_on", "2026-05-01".into()),
                ("responsible_agency_id", w.unrelated.clone()),
            ]),
            "responsible_agency_id",
            "Choose the lead agency or a partner of this investigation",
        ),
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", "T".into()),
                ("due_on", "2026-05-01".into()),
                ("status", "achieved".into()),
            ]),
            "achieved_on",
            "Enter the date the milestone was achieved",
        ),
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", "T".into()),
                ("due_on", "2026-05-01".into()),
                ("status", "done".into()),
            ]),
            "status",
            "Choose a status from the list",
        ),
        (
            post(vec![
                ("kind", "arrests".into()),
                ("title", "T".into()),
                ("due_on", "2026-05-01".into()),
                ("notes", "n".repeat(10_001)),
            ]),
            "notes",
            "The notes must be 10,000 characters or fewer",
        ),
    ];
    for (fields, field, message) in &cases {
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        // Act
        let r = b.post(&new, &all).await;
        // Assert
        assert_eq!(r.status, 422, "{field}: {}", r.text);
        assert_page(&r);
        assert!(r.text.contains(message), "{field}: {message}");
        assert!(
            r.text.contains(&format!("href=\"#{field}\"")),
            "{field} in the summary"
        );
        assert!(
            r.text.contains(&format!("id=\"{field}-error\"")),
            "{field} message at the field"
        );
        if *field == "title" && message.contains("300") {
            assert_eq!(
                value_of(&r.text, "title").as_deref(),
                Some(long.as_str()),
                "input kept"
            );
        }
    }
    let m = app
        .get(
            &format!("/api/v1/investigations/{}/milestones", w.inv),
            &w.lead_token,
        )
        .await;
    assert_eq!(
        m.body["items"].as_array().unwrap().len(),
        1,
        "nothing created"
    );

    // Edit: a stale version keeps the input and overwrites nothing.
    let edit = format!("/milestones/{}/edit", w.milestone);
    let form = b.get(&edit).await;
    assert_eq!(form.status, 200);
    assert_eq!(value_of(&form.text, "version").as_deref(), Some("1"));
    let r = app
        .patch(
            &format!("/api/v1/milestones/{}", w.milestone),
            &w.lead_token,
            1,
            json!({"title": "Changed elsewhere"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let stale = b
        .post(
            &edit,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("kind", "arrests"),
                ("title", "My new title"),
                ("responsible_agency_id", &w.lead),
                ("due_on", "2026-02-01"),
                ("status", "planned"),
                ("achieved_on", ""),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.text);
    assert_page(&stale);
    assert!(stale.text.contains("changed by someone else meanwhile"));
    assert_eq!(
        value_of(&stale.text, "title").as_deref(),
        Some("My new title")
    );
    assert!(
        stale.text.contains("Changed elsewhere"),
        "the saved values are shown"
    );
    assert_eq!(
        value_of(&stale.text, "version").as_deref(),
        Some("2"),
        "saving again is deliberate"
    );
    assert_eq!(
        milestone_json(&app, &w, &w.milestone).await.unwrap()["title"],
        "Changed elsewhere"
    );
    let again = b
        .post(
            &edit,
            &[
                ("csrf", &csrf),
                ("version", "2"),
                ("kind", "arrests"),
                ("title", "My new title"),
                ("responsible_agency_id", &w.lead),
                ("due_on", "2026-02-01"),
                ("status", "planned"),
                ("achieved_on", ""),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(again.status, 303, "{}", again.text);
    assert_eq!(
        milestone_json(&app, &w, &w.milestone).await.unwrap()["title"],
        "My new title"
    );

    // Cancel, then delete after a confirmation page.
    let cancel = b
        .post(
            &format!("/milestones/{}/cancel", w.milestone),
            &[("csrf", &csrf), ("version", "3")],
        )
        .await;
    assert_eq!(cancel.status, 303);
    assert_eq!(
        milestone_json(&app, &w, &w.milestone).await.unwrap()["status"],
        "cancelled"
    );
    let confirm = b.get(&format!("/milestones/{}/delete", w.milestone)).await;
    assert_eq!(confirm.status, 200);
    assert_page(&confirm);
    assert!(confirm.text.contains(&format!(
        "<form method=\"post\" action=\"/milestones/{}/delete\"",
        w.milestone
    )));
    assert!(
        milestone_json(&app, &w, &w.milestone).await.is_some(),
        "the page alone deletes nothing"
    );
    let delete = b
        .post(
            &format!("/milestones/{}/delete", w.milestone),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(delete.status, 303);
    assert!(milestone_json(&app, &w, &w.milestone).await.is_none());
    let audit = app
        .get(
            &format!("/api/v1/audit?entity_id={}", w.milestone),
            &app.admin_token,
        )
        .await;
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"milestone.delete"), "{actions:?}");
}

#[tokio::test]
async fn outcome_forms_show_the_indicators_refuse_bad_input_and_keep_a_revision_history() {
    // Arrange
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut b = signed_in(&app, "lead").await;
    let new = format!("/investigations/{}/outcomes/new", w.inv);
    let form = b.get(&new).await;
    assert_eq!(form.status, 200);
    assert_page(&form);
    for indicator in jpa_coord::domain::indicators::INDICATORS {
        assert!(
            form.text.contains(&format!("value=\"{}\"", indicator.code)),
            "{}",
            indicator.code
        );
        assert!(
            form.text.contains(indicator.label)
                && form.text.contains(&format!("Unit: {}.", indicator.unit))
        );
    }
    assert!(form
        .text
        .contains("Persons arrested on smuggling, trafficking or related charges."));
    for field in [
        "value",
        "occurred_on",
        "status",
        "notes",
        "contributing_agency_ids",
    ] {
        assert!(
            form.text.contains(&format!("<label for=\"{field}\"")),
            "label of {field}"
        );
    }
    let csrf = csrf_of(&form.text);
    let future = (today_in("Asia/Bangkok") + chrono::Days::new(2)).to_string();
    let base = |extra: &[(&'static str, String)]| {
        let mut v: Vec<(&'static str, String)> = vec![
            ("indicator", "arrests".into()),
            ("value", "4".into()),
            ("occurred_on", "2026-05-01".into()),
        ];
        for (k, x) in extra {
            v.retain(|(kk, _)| kk != k);
            v.push((k, x.clone()));
        }
        v
    };
    let cases: Vec<BadInput> = vec![
        (
            base(&[("value", "twelve".into())]),
            "value",
            "Enter the value as a whole number",
        ),
        (
            base(&[("value", "99999999999999999999".into())]),
            "value",
            "Enter the value as a whole number",
        ),
        (
            base(&[("value", "-1".into())]),
            "value",
            "The value must be 0 or more",
        ),
        (
            base(&[("value", "1000000001".into())]),
            "value",
            "The value must be 1000000000 or less",
        ),
        (base(&[("value", "".into())]), "value", "Enter the value"),
        (
            base(&[("indicator", "".into())]),
            "indicator",
            "Choose what the figure counts",
        ),
        (
            base(&[("indicator", "picnics".into())]),
            "indicator",
            "Choose what the figure counts",
        ),
        (
            base(&[("occurred_on", future.clone())]),
            "occurred_on",
            "The date it happened must be today or in the past",
        ),
        (
            base(&[("occurred_on", "2026-13-01".into())]),
            "occurred_on",
            "Enter a real date",
        ),
        (
            base(&[("contributing_agency_ids", w.outsider.clone())]),
            "contributing_agency_ids",
            "Choose contributing agencies",
        ),
        (
            base(&[("contributing_agency_ids", w.lead.clone())]),
            "contributing_agency_ids",
            "other than the reporting agency",
        ),
        (
            base(&[("notes", "n".repeat(10_001))]),
            "notes",
            "10,000 characters or fewer",
        ),
        (
            base(&[("lead_agency_id", w.partner.clone())]),
            "lead_agency_id",
            "as the reporting agency",
        ),
    ];
    for (fields, field, message) in &cases {
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        // Act
        let r = b.post(&new, &all).await;
        // Assert
        assert_eq!(
            r.status,
            422,
            "{field} {fields:?}: {}",
            &r.text[..r.text.len().min(300)]
        );
        assert_page(&r);
        assert!(r.text.contains(message), "{field}: {message}");
        assert!(
            r.text.contains(&format!("href=\"#{field}\"")),
            "{field} in the summary"
        );
    }
    let kept = b
        .post(
            &new,
            &[
                ("csrf", &csrf),
                ("indicator", "arrests"),
                ("value", "twelve"),
                ("occurred_on", "2026-05-01"),
                ("contributing_agency_ids", &w.partner),
                ("notes", "kept note"),
            ],
        )
        .await;
    assert_eq!(value_of(&kept.text, "value").as_deref(), Some("twelve"));
    assert!(
        kept.text
            .contains(&format!("value=\"{}\" checked", w.partner)),
        "contributors kept"
    );
    assert!(
        kept.text.contains("value=\"arrests\" checked"),
        "indicator kept"
    );
    assert!(kept.text.contains("kept note"));
    assert_eq!(
        app.get(
            &format!("/api/v1/investigations/{}/outcomes", w.inv),
            &w.lead_token
        )
        .await
        .body["items"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "nothing created"
    );

    // A coordinator names the reporting agency; another agency's id there is refused.
    let mut co = signed_in(&app, "co_chair").await;
    let co_form = co.get(&new).await;
    assert!(co_form.text.contains("name=\"lead_agency_id\""));
    let co_csrf = csrf_of(&co_form.text);
    let other = co
        .post(
            &new,
            &[
                ("csrf", &co_csrf),
                ("indicator", "arrests"),
                ("value", "1"),
                ("occurred_on", "2026-05-01"),
                ("lead_agency_id", &w.unrelated),
            ],
        )
        .await;
    assert_eq!(other.status, 422);
    assert!(other.text.contains("as the reporting agency"));

    // Revise: a value change needs a reason; the history shows it.
    let edit = format!("/outcomes/{}/edit", w.outcome);
    let form = b.get(&edit).await;
    assert!(
        form.text.contains("name=\"revision_reason\"")
            && form.text.contains("<label for=\"revision_reason\"")
    );
    let fields = |value: &'static str, reason: &'static str, version: &'static str| {
        vec![
            ("version", version),
            ("indicator", "arrests"),
            ("value", value),
            ("occurred_on", "2026-02-03"),
            ("status", "provisional"),
            ("notes", ""),
            ("revision_reason", reason),
        ]
    };
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend(fields("5", "", "1"));
    let no_reason = b.post(&edit, &all).await;
    assert_eq!(no_reason.status, 422, "{}", no_reason.text);
    assert!(no_reason
        .text
        .contains("Enter the reason for changing the value"));
    assert!(no_reason.text.contains("href=\"#revision_reason\""));
    assert_eq!(value_of(&no_reason.text, "value").as_deref(), Some("5"));
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend(fields("5", "Two more arrests confirmed by the court", "1"));
    let revised = b.post(&edit, &all).await;
    assert_eq!(revised.status, 303, "{}", revised.text);
    let o = outcome_json(&app, &w, &w.outcome).await.unwrap();
    assert_eq!(
        (o["value"].as_i64(), o["version"].as_i64()),
        (Some(5), Some(2))
    );
    let history = b.get(&format!("/outcomes/{}/revisions", w.outcome)).await;
    assert_eq!(history.status, 200);
    assert_page(&history);
    assert!(history
        .text
        .contains("Two more arrests confirmed by the court"));
    assert!(history.text.contains("<caption"), "a table with a caption");

    // Stale: input kept, nothing overwritten.
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend(fields("9", "typo", "1"));
    let stale = b.post(&edit, &all).await;
    assert_eq!(stale.status, 409);
    assert!(stale.text.contains("changed by someone else meanwhile"));
    assert_eq!(value_of(&stale.text, "value").as_deref(), Some("9"));
    assert_eq!(
        outcome_json(&app, &w, &w.outcome).await.unwrap()["value"],
        5
    );

    // Confirm a provisional figure (the co-chair may too), then delete after confirmation.
    let page = co.get(&format!("/investigations/{}", w.inv)).await;
    assert!(page
        .text
        .contains(&format!("action=\"/outcomes/{}/confirm\"", w.outcome)));
    let confirmed = co
        .post(
            &format!("/outcomes/{}/confirm", w.outcome),
            &[("csrf", &co_csrf), ("version", "2")],
        )
        .await;
    assert_eq!(confirmed.status, 303);
    assert_eq!(
        outcome_json(&app, &w, &w.outcome).await.unwrap()["status"],
        "confirmed"
    );
    let stale_confirm = co
        .post(
            &format!("/outcomes/{}/confirm", w.outcome),
            &[("csrf", &co_csrf), ("version", "1")],
        )
        .await;
    assert_eq!(stale_confirm.status, 409);
    let ask = b.get(&format!("/outcomes/{}/delete", w.outcome)).await;
    assert_eq!(ask.status, 200);
    assert!(outcome_json(&app, &w, &w.outcome).await.is_some());
    let gone = b
        .post(
            &format!("/outcomes/{}/delete", w.outcome),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(gone.status, 303);
    assert!(outcome_json(&app, &w, &w.outcome).await.is_none());
}

#[tokio::test]
async fn the_one_milestone_and_outcome_operations_answer_only_what_the_caller_sees() {
    // Arrange
    let app = spawn_app().await;
    let w = world(&app).await;
    let db = app.state.db.clone();
    let caller = |role, agency: Option<&str>| jpa_coord::auth::Caller {
        user_id: uuid::Uuid::new_v4().to_string(),
        session_id: String::new(),
        role,
        agency_id: agency.map(str::to_string),
        email: "someone@work.test".into(),
        client_addr: None,
    };
    let unrelated = caller(Role::Liaison, Some(&w.unrelated));
    let partner = caller(Role::Liaison, Some(&w.partner));
    let (m, o) = (w.milestone.clone(), w.outcome.clone());

    // Act
    let seen = db
        .run(move |conn| {
            Ok((
                jpa_coord::operations::milestones::get(conn, &partner, &m).map(|v| v.title),
                jpa_coord::operations::outcomes::get(conn, &partner, &o).map(|v| v.value),
                jpa_coord::operations::milestones::get(conn, &unrelated, &m).is_err(),
                jpa_coord::operations::outcomes::get(conn, &unrelated, &o).is_err(),
            ))
        })
        .await
        .unwrap();

    // Assert
    assert_eq!(seen.0.unwrap(), "Arrest the skipper");
    assert_eq!(seen.1.unwrap(), 3);
    assert!(seen.2 && seen.3, "404 for an unrelated agency");
}
