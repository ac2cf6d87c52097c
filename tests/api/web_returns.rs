//! The JPA page, the monthly returns and compliance pages, as a browser without
//! JavaScript uses them; the links of every mail; the two reminder defects of issue 14.

use chrono::{Datelike, Days, Months, NaiveDate};
use jpa_coord::domain::Role;
use jpa_coord::i18n::period_name;
use serde_json::json;

use crate::browser::*;
use crate::helpers::{spawn_app, TestApp, PASSWORD};
use crate::scenario::today;

fn period(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap()
}

/// A JPA that started on the first of the month five months ago (UTC, due day 10) and
/// ends in seven months; A (TH) and B (VN) take part, D (LA) does not. A leads X with B
/// as partner. Milestones of X: one overdue (A responsible), one due in 10 days (B
/// responsible), one due in 60 days (A responsible).
struct Fixture {
    app: TestApp,
    jpa: String,
    a: String,
    b: String,
    d: String,
    x: String,
    la: String,
    lb: String,
    ms_overdue: String,
    ms_soon: String,
    start: NaiveDate,
}

const LA: &str = "la@agency.example";
const LB: &str = "lb@agency.example";
const LD: &str = "ld@agency.example";
const CO: &str = "co@wg.example";
const OBS: &str = "obs@unodc.example";

async fn token(app: &TestApp, email: &str) -> String {
    let (status, body) = app.login(email, PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_string()
}

async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let start = first_of_month(today()) - Months::new(5);
    let a = app.create_agency("Royal Thai Police", "TH").await;
    let b = app.create_agency("Vietnam Immigration", "VN").await;
    let d = app.create_agency("Lao Border Police", "LA").await;
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&admin),
            json!({"code": "JPA-W", "name": "Web JPA", "start_date": start, "status": "active"}),
        )
        .await;
    assert_eq!(jpa.status, 201, "{}", jpa.text);
    let jpa = jpa.body["id"].as_str().unwrap().to_string();
    for agency in [&a, &b] {
        let r = app
            .request(
                "PUT",
                &format!("/api/v1/jpas/{jpa}/agencies/{agency}"),
                Some(&admin),
                Some(json!({"joined_on": start})),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    app.create_user(LA, Role::Liaison, Some(a.clone())).await;
    app.create_user(LB, Role::Liaison, Some(b.clone())).await;
    app.create_user(LD, Role::Liaison, Some(d.clone())).await;
    app.create_user(CO, Role::CoChair, None).await;
    app.create_user(OBS, Role::Observer, None).await;
    let la = token(&app, LA).await;
    let lb = token(&app, LB).await;
    let x = app
        .post(
            &format!("/api/v1/jpas/{jpa}/investigations"),
            Some(&la),
            json!({"reference": "TH-SECRET-1", "title": "Andaman boat network", "summary": "informant",
                   "crime_types": ["people_smuggling"], "sensitivity": "restricted"}),
        )
        .await;
    assert_eq!(x.status, 201, "{}", x.text);
    let x = x.body["id"].as_str().unwrap().to_string();
    let partner = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{x}/partners/{b}"),
            Some(&la),
            None,
        )
        .await;
    assert_eq!(partner.status, 201, "{}", partner.text);
    let milestone = |title: &'static str, due: NaiveDate, agency: String| {
        let app = &app;
        let la = la.clone();
        let x = x.clone();
        async move {
            let r = app
                .post(
                    &format!("/api/v1/investigations/{x}/milestones"),
                    Some(&la),
                    json!({"kind": "mla_request", "title": title, "due_on": due, "responsible_agency_id": agency}),
                )
                .await;
            assert_eq!(r.status, 201, "{}", r.text);
            r.body["id"].as_str().unwrap().to_string()
        }
    };
    let ms_overdue = milestone("Send the MLA request", today() - Days::new(3), a.clone()).await;
    let ms_soon = milestone("Share the vessel list", today() + Days::new(10), b.clone()).await;
    milestone("Far away milestone", today() + Days::new(60), a.clone()).await;
    Fixture {
        app,
        jpa,
        a,
        b,
        d,
        x,
        la,
        lb,
        ms_overdue,
        ms_soon,
        start,
    }
}

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let r = b.sign_in(email, PASSWORD).await;
    assert_eq!(r.status, 303, "{email}: {}", r.text);
    b
}

async fn admin_browser(app: &TestApp) -> Browser<'_> {
    let mut b = Browser::new(app);
    let r = b.sign_in("admin@jpa.test", &app.admin_password).await;
    assert_eq!(r.status, 303, "{}", r.text);
    b
}

/// This month's period, the one before (due on the 10th of this month) and the one two
/// months ago (missing once the 10th of last month has passed).
fn periods() -> (String, String, String) {
    let now = first_of_month(today());
    (
        period(now),
        period(now - Months::new(1)),
        period(now - Months::new(2)),
    )
}

#[tokio::test]
async fn a_liaison_s_jpa_page_puts_returns_owed_milestones_due_and_investigations_first() {
    let f = fixture().await;
    let (this, _, missing) = periods();
    let mut b = signed_in(&f.app, LA).await;
    let page = b.get(&format!("/jpas/{}", f.jpa)).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert_page(&page);
    let html = &page.text;
    // Returns owed: the missing ones with their due date, and this month's.
    assert!(
        html.contains(&format!(
            "Return for {}",
            period_name("en", &missing.to_string())
        )),
        "{html}"
    );
    assert!(html.contains("Missing"));
    assert!(html.contains(&format!("href=\"/jpas/{}/returns/{missing}\"", f.jpa)));
    assert!(html.contains(&format!("href=\"/jpas/{}/returns/{this}\"", f.jpa)));
    let due = NaiveDate::parse_from_str(&format!("{missing}-01"), "%Y-%m-%d").unwrap()
        + Months::new(1)
        + Days::new(9);
    assert!(html.contains(&format!("Was due on {due}")), "{due}");
    // Milestones: the overdue one (A responsible) and B's due soon (A leads X); not the far one.
    assert!(html.contains("Send the MLA request") && html.contains("Overdue"));
    assert!(html.contains("Share the vessel list"));
    assert!(!html.contains("Far away milestone"));
    for ms in [&f.ms_overdue, &f.ms_soon] {
        let action = format!("action=\"/milestones/{ms}/achieve\"");
        let at = html.find(&action).expect("a mark-achieved form");
        let form: String = html[at..].chars().take(600).collect();
        assert!(form.contains("name=\"csrf\" value=\""), "{form}");
        assert!(form.contains("name=\"version\" value=\"1\""), "{form}");
        assert!(
            form.contains(&format!("name=\"next\" value=\"/jpas/{}\"", f.jpa)),
            "{form}"
        );
    }
    // Investigations with their status; restricted fields never reach the page.
    assert!(html.contains(&format!("href=\"/investigations/{}\"", f.x)));
    assert!(html.contains("Andaman boat network") && html.contains("Open"));
    assert!(!html.contains("TH-SECRET-1") && !html.contains("informant"));

    // The partner agency's liaison: its own milestone, not the lead's.
    let mut pb = signed_in(&f.app, LB).await;
    let page = pb.get(&format!("/jpas/{}", f.jpa)).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Share the vessel list"));
    assert!(!page.text.contains("Send the MLA request"));
    assert!(page.text.contains("Partner"));
}

#[tokio::test]
async fn coordinators_and_observers_get_the_dashboard_as_the_jpa_page() {
    let f = fixture().await;
    for email in [CO, OBS] {
        let mut b = signed_in(&f.app, email).await;
        let page = b.get(&format!("/jpas/{}", f.jpa)).await;
        assert_eq!(page.status, 200, "{email}: {}", page.text);
        assert_page(&page);
        assert!(page.text.contains("<h1>Dashboard") && page.text.contains(" of 12."));
        assert!(page
            .text
            .contains(&format!("/jpas/{}/progress/print", f.jpa)));
        assert_eq!(
            page.text.contains("Compliance by agency and month"),
            email == CO,
            "{email}: the compliance grid only for coordinators"
        );
        assert!(!page.text.contains("Andaman boat network"));
    }
}

#[tokio::test]
async fn each_page_answers_each_role_and_agency_as_the_rules_say() {
    let f = fixture().await;
    let (this, _, _) = periods();
    let j = &f.jpa;
    let pages = [
        format!("/jpas/{j}"),
        format!("/jpas/{j}/returns"),
        format!("/jpas/{j}/returns/{this}"),
        format!("/jpas/{j}/compliance"),
    ];
    // (who, expected status of each page)
    let cases: [(&str, [u16; 4]); 5] = [
        ("admin", [200, 200, 303, 200]),
        (CO, [200, 200, 303, 200]),
        (LA, [200, 200, 200, 200]),
        (LD, [404, 404, 404, 404]),
        (OBS, [200, 403, 403, 403]),
    ];
    for (who, expected) in cases {
        let mut b = if who == "admin" {
            admin_browser(&f.app).await
        } else {
            signed_in(&f.app, who).await
        };
        for (path, status) in pages.iter().zip(expected) {
            let r = b.get(path).await;
            assert_eq!(r.status, status, "{who} {path}: {}", r.text);
            if status == 303 {
                assert_eq!(
                    location(&r),
                    format!("/jpas/{j}/returns"),
                    "{who} picks an agency"
                );
            } else {
                assert_page(&r);
            }
        }
        // A coordinator reaches an agency's returns with ?agency_id=.
        if who == "admin" || who == CO {
            for path in [
                format!("/jpas/{j}/returns?agency_id={}", f.b),
                format!("/jpas/{j}/returns/{this}?agency_id={}", f.b),
            ] {
                let r = b.get(&path).await;
                assert_eq!(r.status, 200, "{who} {path}");
                assert!(r.text.contains("Vietnam Immigration"));
            }
            let list = b.get(&format!("/jpas/{j}/returns")).await;
            assert!(list
                .text
                .contains("<select id=\"agency_id\" name=\"agency_id\""));
            assert!(list.text.contains(&format!("<option value=\"{}\"", f.a)));
            assert!(!list.text.contains(&format!("<option value=\"{}\"", f.d)));
            // A non-participating or made-up agency is the 404 page.
            for agency in [f.d.as_str(), "not-an-id"] {
                let r = b
                    .get(&format!("/jpas/{j}/returns/{this}?agency_id={agency}"))
                    .await;
                assert_eq!(r.status, 404, "{who} agency {agency}");
            }
        }
        // A JPA that does not exist is the same 404 page as one the caller cannot see.
        let missing = b
            .get("/jpas/00000000-0000-4000-8000-000000000000/returns")
            .await;
        assert_eq!(missing.status, 404, "{who}");
    }
    // Signed out: to the sign-in page, which comes back here.
    let mut anon = Browser::new(&f.app);
    for path in &pages {
        let r = anon.get(path).await;
        assert_eq!(r.status, 303);
        assert_eq!(location(&r), format!("/login?next={path}"));
    }
}

#[tokio::test]
async fn a_liaison_saves_a_draft_then_submits_it_after_confirming_and_only_once() {
    let f = fixture().await;
    let (_, last, _) = periods();
    let form = format!("/jpas/{}/returns/{last}", f.jpa);
    let mut b = signed_in(&f.app, LA).await;
    let shown = b.get(&form).await;
    assert_eq!(shown.status, 200);
    for needle in [
        "name=\"narrative\"",
        "<label for=\"narrative\">",
        "name=\"nil_return\"",
        "<label for=\"nil_return\">",
        "name=\"intent\" value=\"draft\"",
        "name=\"intent\" value=\"submit\"",
        "name=\"version\" value=\"0\"",
    ] {
        assert!(shown.text.contains(needle), "{needle}");
    }
    let csrf = csrf_of(&shown.text);
    let saved = b
        .post(
            &form,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("narrative", "Two raids in Ranong & <b>a</b> seizure"),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    assert_eq!(location(&saved), format!("{form}?notice=saved"));
    let again = b.get(&location(&saved)).await;
    assert!(again.text.contains("The draft is saved"));
    assert!(again
        .text
        .contains("Two raids in Ranong &amp; &lt;b&gt;a&lt;/b&gt; seizure"));
    assert!(again.text.contains("name=\"version\" value=\"1\""));
    let list = b.get(&format!("/jpas/{}/returns", f.jpa)).await;
    assert!(list.text.contains("Draft"), "a saved draft shows as such");

    // "Submit…" saves the text, then asks to confirm; nothing is submitted yet.
    let to_confirm = b
        .post(
            &form,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("narrative", "Three raids"),
                ("nil_return", "true"),
                ("intent", "submit"),
            ],
        )
        .await;
    assert_eq!(to_confirm.status, 303, "{}", to_confirm.text);
    assert_eq!(location(&to_confirm), format!("{form}/submit"));
    let api = f
        .app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={last}", f.jpa),
            &f.la,
        )
        .await;
    assert_eq!(api.body["items"][0]["status"], "draft");
    assert_eq!(api.body["items"][0]["narrative"], "Three raids");
    let confirm = b.get(&format!("{form}/submit")).await;
    assert_eq!(confirm.status, 200);
    assert_page(&confirm);
    assert!(confirm.text.contains("Three raids") && confirm.text.contains("Submit the return"));
    assert!(confirm.text.contains(&format!("action=\"{form}/submit\"")));
    assert!(confirm.text.contains("name=\"version\" value=\"2\""));
    let done = b
        .post(
            &format!("{form}/submit"),
            &[("csrf", &csrf), ("version", "2")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.text);
    assert_eq!(location(&done), format!("{form}?notice=submitted"));
    let after = b.get(&location(&done)).await;
    assert!(after.text.contains("The return is submitted"));
    let on_time = today().day() <= 10;
    let state = if on_time {
        "Submitted on time"
    } else {
        "Submitted late"
    };
    assert!(after.text.contains(state) && after.text.contains("Submitted at"));
    assert!(
        !after.text.contains("<textarea"),
        "read-only once submitted"
    );
    let api = f
        .app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={last}", f.jpa),
            &f.la,
        )
        .await;
    assert_eq!(api.body["items"][0]["status"], "submitted");
    assert_eq!(api.body["items"][0]["on_time"], on_time);
    assert_eq!(api.body["items"][0]["nil_return"], true);

    // A second submit, and a save over a submitted return: 409, said on the page.
    let twice = b
        .post(
            &format!("{form}/submit"),
            &[("csrf", &csrf), ("version", "3")],
        )
        .await;
    assert_eq!(twice.status, 409);
    assert!(twice.text.contains("already been submitted"));
    let over = b
        .post(
            &form,
            &[
                ("csrf", &csrf),
                ("version", "3"),
                ("narrative", "x"),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(over.status, 409);
    assert!(over.text.contains("already been submitted"));
    // The confirmation of a submitted return goes back to it.
    let confirm = b.get(&format!("{form}/submit")).await;
    assert_eq!((confirm.status, location(&confirm)), (303, form.clone()));
    // No CSRF token: 403, nothing changes.
    let forged = b
        .post(
            &format!("/jpas/{}/returns/{}", f.jpa, periods().0),
            &[("narrative", "x")],
        )
        .await;
    assert_eq!(forged.status, 403);
}

#[tokio::test]
async fn bad_input_on_the_return_form_is_answered_on_the_form_with_the_input_kept() {
    let f = fixture().await;
    let (_, last, _) = periods();
    let mut b = signed_in(&f.app, LA).await;
    for bad in ["2026-13", "abc", "1999-01", "2026-1"] {
        let r = b.get(&format!("/jpas/{}/returns/{bad}", f.jpa)).await;
        assert_eq!(r.status, 404, "{bad}");
    }
    let form = format!("/jpas/{}/returns/{last}", f.jpa);
    let csrf = csrf_of(&b.get(&form).await.text);
    let long = format!("kept-{}", "x".repeat(20_000));
    let too_long = b
        .post(
            &form,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("narrative", &long),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(too_long.status, 422);
    assert!(
        too_long.text.contains("error-summary") && too_long.text.contains("href=\"#narrative\"")
    );
    assert!(too_long.text.contains("at most 20,000 characters"));
    assert!(too_long.text.contains(&long), "input kept");
    let wrong_type = b
        .post(
            &form,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("narrative", "kept text"),
                ("nil_return", "maybe"),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(wrong_type.status, 422);
    assert!(
        wrong_type.text.contains("href=\"#nil_return\"") && wrong_type.text.contains("kept text")
    );
    let bad_version = b
        .post(
            &form,
            &[
                ("csrf", &csrf),
                ("version", "one"),
                ("narrative", "kept text"),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(bad_version.status, 422);
    assert!(bad_version.text.contains("kept text"));
    let none = f
        .app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={last}", f.jpa),
            &f.la,
        )
        .await;
    assert!(
        none.body["items"].as_array().unwrap().is_empty(),
        "nothing saved"
    );

    // Edited elsewhere meanwhile: 409, the user's text kept, nothing overwritten.
    let elsewhere = f
        .app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/returns/{last}", f.jpa),
            Some(&f.la),
            Some(json!({"narrative": "Saved by a colleague"})),
        )
        .await;
    assert_eq!(elsewhere.status, 201);
    let stale = b
        .post(
            &form,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("narrative", "My own text"),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(stale.status, 409);
    assert!(stale
        .text
        .contains("changed this return while you were editing"));
    assert!(stale.text.contains("My own text") && stale.text.contains("Saved by a colleague"));
    assert!(
        stale.text.contains("name=\"version\" value=\"1\""),
        "a second save is deliberate"
    );
    let kept = f
        .app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={last}", f.jpa),
            &f.la,
        )
        .await;
    assert_eq!(kept.body["items"][0]["narrative"], "Saved by a colleague");
    // The confirmation of a draft changed since: 409, not submitted.
    let stale_submit = b
        .post(
            &format!("{form}/submit"),
            &[("csrf", &csrf), ("version", "0")],
        )
        .await;
    assert_eq!(stale_submit.status, 409);
    assert!(stale_submit.text.contains("changed after you opened"));
    let still = f
        .app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={last}", f.jpa),
            &f.la,
        )
        .await;
    assert_eq!(still.body["items"][0]["status"], "draft");

    // A period that has not started: a draft may be saved; submitting is 409, said.
    let next = period(first_of_month(today()) + Months::new(1));
    let future = format!("/jpas/{}/returns/{next}", f.jpa);
    let shown = b.get(&future).await;
    assert_eq!(shown.status, 200);
    assert!(shown.text.contains("This period starts on"));
    let draft = b
        .post(
            &future,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("narrative", "early"),
                ("intent", "submit"),
            ],
        )
        .await;
    assert_eq!(draft.status, 303);
    let early = b
        .post(
            &format!("{future}/submit"),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(early.status, 409);
    assert!(early.text.contains("has not started yet"));
}

#[tokio::test]
async fn a_liaison_cannot_reach_another_agency_s_return_and_a_coordinator_can() {
    let f = fixture().await;
    let (_, last, _) = periods();
    let mut b = signed_in(&f.app, LA).await;
    let other = format!("/jpas/{}/returns/{last}?agency_id={}", f.jpa, f.b);
    assert_eq!(b.get(&other).await.status, 403);
    assert_eq!(
        b.get(&format!("/jpas/{}/returns?agency_id={}", f.jpa, f.b))
            .await
            .status,
        403
    );
    let csrf = csrf_of(&b.get(&format!("/jpas/{}", f.jpa)).await.text);
    let r = b
        .post(
            &other,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("narrative", "not ours"),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = b
        .post(
            &format!("/jpas/{}/returns/{last}/submit?agency_id={}", f.jpa, f.b),
            &[("csrf", &csrf), ("version", "0")],
        )
        .await;
    assert_eq!(r.status, 403);
    let theirs = f
        .app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={last}", f.jpa),
            &f.lb,
        )
        .await;
    assert!(
        theirs.body["items"].as_array().unwrap().is_empty(),
        "nothing saved for B"
    );

    // A co-chair files B's return through the same pages, ?agency_id= kept throughout.
    let mut co = signed_in(&f.app, CO).await;
    let page = co.get(&other).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains(&format!("action=\"{other}\"")));
    let csrf = csrf_of(&page.text);
    let saved = co
        .post(
            &other,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("narrative", "Filed by the chair"),
                ("intent", "submit"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let confirm_path = format!("/jpas/{}/returns/{last}/submit?agency_id={}", f.jpa, f.b);
    assert_eq!(location(&saved), confirm_path);
    let done = co
        .post(&confirm_path, &[("csrf", &csrf), ("version", "1")])
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(location(&done), format!("{other}&notice=submitted"));
    let theirs = f
        .app
        .get(
            &format!("/api/v1/jpas/{}/returns?period={last}", f.jpa),
            &f.lb,
        )
        .await;
    assert_eq!(theirs.body["items"][0]["status"], "submitted");
}

#[tokio::test]
async fn compliance_shows_a_liaison_its_own_row_and_coordinators_every_agency() {
    let f = fixture().await;
    let (_, _, missing) = periods();
    let first = period(f.start);
    // A files its first return late, today.
    let path = format!("/api/v1/jpas/{}/returns/{first}", f.jpa);
    f.app
        .request("PUT", &path, Some(&f.la), Some(json!({"nil_return": true})))
        .await;
    assert_eq!(
        f.app
            .post(&format!("{path}/submit"), Some(&f.la), json!({}))
            .await
            .status,
        200
    );
    let mut b = signed_in(&f.app, LA).await;
    let page = b.get(&format!("/jpas/{}/compliance", f.jpa)).await;
    assert_eq!(page.status, 200);
    assert_page(&page);
    let html = &page.text;
    assert!(
        html.contains("<caption")
            && html.contains("scope=\"col\"")
            && html.contains("scope=\"row\"")
    );
    assert!(html.contains("class=\"table-scroll\""));
    assert!(html.contains("Royal Thai Police") && !html.contains("Vietnam Immigration"));
    for state in ["status-late\"", "status-missing\"", "status-not_due\""] {
        assert!(html.contains(state), "{state}");
    }
    for word in [">Late<", ">Missing<", ">Not due<", ">On time<"] {
        assert!(html.contains(word), "{word} in text");
    }
    assert!(html.contains(&format!("href=\"/jpas/{}/returns/{missing}\"", f.jpa)));
    assert!(
        !html.contains("All agencies"),
        "no totals row for a liaison"
    );

    let mut co = signed_in(&f.app, CO).await;
    let page = co.get(&format!("/jpas/{}/compliance", f.jpa)).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Royal Thai Police") && page.text.contains("Vietnam Immigration"));
    assert!(page.text.contains("All agencies"));
    assert!(page.text.contains(&format!(
        "href=\"/jpas/{}/returns/{first}?agency_id={}\"",
        f.jpa, f.a
    )));
    // Rates: A has 1 submitted (late) of 4 expected (5 after the 10th): 25% (20%)
    // submitted, 0% on time.
    let share = if today().day() <= 10 { "25%" } else { "20%" };
    assert!(page.text.contains(share) && page.text.contains("0%"));
}

/// The path of the first link to the service in a mail.
fn link_in(text: &str) -> String {
    let start = text.find("http://jpa.test").expect("a link to the service") + 15;
    text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<')
        .collect()
}

async fn mails_to(app: &TestApp, to: &str, count: usize) -> Vec<jpa_coord::email::SentMail> {
    for _ in 0..100 {
        let got: Vec<_> = app
            .mailer
            .sent()
            .into_iter()
            .filter(|m| m.to == to)
            .collect();
        if got.len() >= count {
            return got;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("fewer than {count} mails to {to}");
}

#[tokio::test]
async fn every_mail_links_to_a_page_that_exists_and_shows_what_the_mail_is_about() {
    let f = fixture().await;
    let app = &f.app;
    // Invitation: the set-password page.
    let r = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": "new@agency.example", "display_name": "New", "role": "observer"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let invitation = &mails_to(app, "new@agency.example", 1).await[0];
    let path = link_in(&invitation.text);
    assert!(path.starts_with("/set-password?token="), "{path}");
    assert!(invitation.html.contains(&format!("http://jpa.test{path}")));
    let page = Browser::new(app).get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("name=\"new_password\""));
    // Password reset: the same page.
    let r = app
        .post("/api/v1/auth/password-reset", None, json!({"email": OBS}))
        .await;
    assert_eq!(r.status, 202);
    let reset = &mails_to(app, OBS, 1).await[0];
    let path = link_in(&reset.text);
    assert!(path.starts_with("/set-password?token="), "{path}");
    assert_eq!(Browser::new(app).get(&path).await.status, 200);
    // Security notice: the account page with the sign-in settings, after sign-in.
    let tb = token(app, LB).await;
    let r = app
        .post(
            "/api/v1/me/password",
            Some(&tb),
            json!({"current_password": PASSWORD, "new_password": "another long passphrase 7"}),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let notice = &mails_to(app, LB, 1).await[0];
    let path = link_in(&notice.text);
    assert_eq!(path, "/me");
    assert!(notice.html.contains("href=\"http://jpa.test/me\""));
    let mut b = Browser::new(app);
    let first = b.get(&path).await;
    assert_eq!(location(&first), "/login?next=/me");
    b.sign_in(LB, "another long passphrase 7").await;
    let me = b.get(&path).await;
    assert_eq!(me.status, 200);
    assert!(me.text.contains("Two-factor") || me.text.contains("two-factor"));

    // Reminders: the overdue reminder to a liaison and the co-chairs' digest.
    let (_, last, _) = periods();
    let due = first_of_month(today()) + Days::new(9);
    // First the due-soon reminder (two days before), then the overdue one.
    let r = app
        .post(
            "/api/v1/admin/reminders/run",
            Some(&app.admin_token),
            json!({"as_of": due - Days::new(2)}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let soon = mails_to(app, LA, 1)
        .await
        .into_iter()
        .find(|m| {
            m.subject
                .contains(&format!("{} due on", period_name("en", &last)))
        })
        .expect("the due-soon reminder");
    assert_eq!(
        link_in(&soon.text),
        format!("/jpas/{}/returns/{last}", f.jpa)
    );
    let as_of = due + Days::new(1);
    let r = app
        .post(
            "/api/v1/admin/reminders/run",
            Some(&app.admin_token),
            json!({"as_of": as_of}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let reminder = mails_to(app, LA, 2)
        .await
        .into_iter()
        .find(|m| m.subject.contains(&period_name("en", &last)) && m.subject.contains("overdue"))
        .expect("the overdue reminder of last month's return");
    let path = link_in(&reminder.text);
    assert_eq!(path, format!("/jpas/{}/returns/{last}", f.jpa));
    // minijinja writes `/` as `&#x2f;` in the HTML part; a mail reader decodes it.
    let html_link = reminder.html.replace("&#x2f;", "/");
    assert!(html_link.contains(&format!("href=\"http://jpa.test{path}\"")));
    // A signed-out liaison lands on the sign-in page, then on the return form.
    let mut b = Browser::new(app);
    let first = b.get(&path).await;
    assert_eq!(first.status, 303);
    let login = location(&first);
    assert_eq!(login, format!("/login?next=/jpas/{}/returns/{last}", f.jpa));
    let login_page = b.get(&login).await;
    let csrf = csrf_of(&login_page.text);
    let signed = b
        .post(
            "/login",
            &[
                ("csrf", &csrf),
                ("email", LA),
                ("password", PASSWORD),
                ("next", &path),
            ],
        )
        .await;
    assert_eq!((signed.status, location(&signed)), (303, path.clone()));
    let form = b.get(&path).await;
    assert_eq!(form.status, 200);
    assert!(form
        .text
        .contains(&format!("Monthly return for {}", period_name("en", &last))));
    assert!(form.text.contains("name=\"narrative\""));

    let digest = mails_to(app, CO, 1)
        .await
        .into_iter()
        .find(|m| m.subject.contains("status by agency"))
        .expect("the digest");
    let path = link_in(&digest.text);
    assert_eq!(path, format!("/jpas/{}/compliance", f.jpa));
    assert!(digest
        .html
        .replace("&#x2f;", "/")
        .contains(&format!("href=\"http://jpa.test{path}\"")));
    let mut co = signed_in(app, CO).await;
    let grid = co.get(&path).await;
    assert_eq!(grid.status, 200);
    assert!(grid.text.contains("Compliance") && grid.text.contains(&last));
}

#[tokio::test]
async fn a_reminder_pass_for_a_past_day_never_calls_a_submitted_return_missing() {
    let f = fixture().await;
    let app = &f.app;
    let (_, _, two_ago) = periods();
    // The return for two months ago was due on the 10th of last month; A files it today.
    let path = format!("/api/v1/jpas/{}/returns/{two_ago}", f.jpa);
    app.request(
        "PUT",
        &path,
        Some(&f.la),
        Some(json!({"narrative": "late but filed"})),
    )
    .await;
    assert_eq!(
        app.post(&format!("{path}/submit"), Some(&f.la), json!({}))
            .await
            .status,
        200
    );
    // A pass for the day after that due date, which is before the return was filed.
    let as_of = first_of_month(today()) - Months::new(1) + Days::new(10);
    let r = app
        .post(
            "/api/v1/admin/reminders/run",
            Some(&app.admin_token),
            json!({"as_of": as_of}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let outbox = app
        .get("/api/v1/admin/emails?limit=200", &app.admin_token)
        .await;
    let rows = outbox.body["items"].as_array().unwrap();
    assert!(
        !rows.iter().any(|m| m["recipient"] == LA
            && m["subject"]
                .as_str()
                .unwrap()
                .contains(&period_name("en", &two_ago))),
        "no reminder of a submitted return: {rows:?}"
    );
    assert!(
        rows.iter().any(|m| m["recipient"] == LB
            && m["subject"]
                .as_str()
                .unwrap()
                .contains(&period_name("en", &two_ago))),
        "B, which has not filed, is reminded"
    );
    let digest = mails_to(app, CO, 1)
        .await
        .into_iter()
        .find(|m| m.subject.contains(&period_name("en", &two_ago)))
        .expect("the digest");
    assert!(
        digest.text.contains("Royal Thai Police (TH): late"),
        "{}",
        digest.text
    );
    assert!(digest.text.contains("Vietnam Immigration (VN): missing"));
}

#[tokio::test]
async fn an_agency_added_to_a_jpa_in_planning_joins_at_its_start_not_today() {
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let start = first_of_month(today()) - Months::new(3);
    let agency = app.create_agency("Royal Thai Police", "TH").await;
    let late = app.create_agency("Vietnam Immigration", "VN").await;
    let mut ids = Vec::new();
    for (code, status) in [("JPA-P", "planning"), ("JPA-A", "active")] {
        let r = app
            .post(
                "/api/v1/jpas",
                Some(&admin),
                json!({"code": code, "name": code, "start_date": start, "status": status}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        ids.push(r.body["id"].as_str().unwrap().to_string());
    }
    let joined = |jpa: String, agency: String| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let r = app
                .request(
                    "PUT",
                    &format!("/api/v1/jpas/{jpa}/agencies/{agency}"),
                    Some(&admin),
                    None,
                )
                .await;
            assert_eq!(r.status, 201, "{}", r.text);
            r.body["joined_on"].as_str().unwrap().to_string()
        }
    };
    assert_eq!(
        joined(ids[0].clone(), agency.clone()).await,
        start.to_string(),
        "planning: the JPA's start"
    );
    assert_eq!(
        joined(ids[1].clone(), late.clone()).await,
        today().to_string(),
        "running: today"
    );
    // So the agency owes every return of the JPA once it runs.
    let la = app.user_with_token(Role::Liaison, Some(agency)).await.1;
    let r = app
        .patch(
            &format!("/api/v1/jpas/{}", ids[0]),
            &admin,
            1,
            json!({"status": "active"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let grid = app
        .get(&format!("/api/v1/jpas/{}/compliance", ids[0]), &la)
        .await;
    let periods = grid.body["agencies"][0]["periods"].as_object().unwrap();
    assert!(periods.contains_key(&period(start)), "{periods:?}");
}
