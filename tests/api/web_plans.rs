//! The work plan's pages and the compendium across JPAs, as a browser without JavaScript
//! uses them: page x role, each form's good and bad input (422 with the values kept,
//! never a 500), the member a liaison may speak for, CSRF, and a held meeting.

use jpa_coord::domain::Role;
use serde_json::json;

use crate::browser::*;
use crate::helpers::{TestApp, PASSWORD};

const CO: &str = "co@wg.example";
const LIAISON: &str = "liaison@police.example";
const OBS: &str = "obs@unodc.example";

async fn browser_of<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let r = b.sign_in(email, PASSWORD).await;
    assert_eq!(r.status, 303, "{email}: {}", r.text);
    b
}

/// A plan with one item delivered by a JPA, and a meeting today.
async fn fixture() -> (TestApp, String, String, String) {
    let app = crate::helpers::spawn_app().await;
    user(&app, CO, Role::CoChair).await;
    user(&app, LIAISON, Role::Liaison).await;
    user(&app, OBS, Role::Observer).await;
    let admin = app.admin_token.clone();
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&admin),
            json!({"code": "JPA-W", "name": "Plan JPA", "start_date": "2026-01-01"}),
        )
        .await;
    let plan = app
        .post(
            "/api/v1/work-plans",
            Some(&admin),
            json!({"title": "Forward Work Plan", "first_year": 2025, "last_year": 2027,
                   "priorities": [{"number": 1, "text": "A 12-month JPA"}]}),
        )
        .await;
    let plan = plan.body["id"].as_str().unwrap().to_string();
    let item = app
        .post(
            &format!("/api/v1/work-plans/{plan}/action-items"),
            Some(&admin),
            json!({"number": "3", "text": "Run the JPA", "priority_numbers": [1], "jpa_ids": [jpa.body["id"]]}),
        )
        .await;
    let meeting = app
        .post(
            &format!("/api/v1/work-plans/{plan}/meetings"),
            Some(&admin),
            json!({"held_on": chrono::Utc::now().date_naive(), "place": "Bali"}),
        )
        .await;
    let item = item.body["id"].as_str().unwrap().to_string();
    let meeting = meeting.body["id"].as_str().unwrap().to_string();
    (app, plan, item, meeting)
}

#[tokio::test]
async fn every_role_reads_the_plan_and_only_coordinators_see_its_forms() {
    let (app, plan, item, meeting) = fixture().await;
    let pages = [
        "/work-plans".to_string(),
        format!("/work-plans/{plan}"),
        format!("/action-items/{item}"),
        format!("/meetings/{meeting}"),
    ];
    let mut anonymous = Browser::new(&app);
    for p in &pages {
        let r = anonymous.get(p).await;
        assert_eq!(r.status, 303, "{p}");
        assert!(location(&r).starts_with("/login?next="), "{p}");
    }
    for (email, coordinator) in [(CO, true), (LIAISON, false), (OBS, false)] {
        let mut b = browser_of(&app, email).await;
        for p in &pages {
            let r = b.get(p).await;
            assert_eq!(r.status, 200, "{email} {p}: {}", r.text);
            assert_page(&r);
            assert_no_inline_code(&r.text);
        }
        let plan_page = b.get(&format!("/work-plans/{plan}")).await;
        assert!(plan_page.text.contains("Run the JPA") && plan_page.text.contains("JPA-W"));
        assert_eq!(
            plan_page.text.contains("action=\"/work-plans/"),
            coordinator,
            "{email}: the plan's forms"
        );
        let compendium = b.get("/compendium").await;
        assert_eq!(
            compendium.status,
            if email == LIAISON { 403 } else { 200 },
            "{email}"
        );
        let nothing = b.get(&format!("/meetings/{}", uuid::Uuid::new_v4())).await;
        assert_eq!(nothing.status, 404);
    }
}

#[tokio::test]
async fn a_co_chair_builds_the_plan_and_holds_the_meeting_through_the_forms() {
    let (app, _, item, meeting) = fixture().await;
    let mut co = browser_of(&app, CO).await;
    // A new plan: bad years come back with the values kept.
    let bad = co
        .submit(
            "/work-plans",
            "/work-plans/new",
            &[
                ("title", "Plan 2028"),
                ("first_year", "2030"),
                ("last_year", "2028"),
                ("priorities", "1. Training"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text);
    assert!(bad.text.contains("value=\"Plan 2028\"") && bad.text.contains("1. Training"));
    assert!(bad.text.contains("href=\"#last_year\""));
    let unnumbered = co
        .submit(
            "/work-plans",
            "/work-plans/new",
            &[
                ("title", "P"),
                ("first_year", "2028"),
                ("last_year", "2029"),
                ("priorities", "Training"),
            ],
        )
        .await;
    assert_eq!(unnumbered.status, 422);
    let made = co
        .submit(
            "/work-plans",
            "/work-plans/new",
            &[
                ("title", "Plan 2028"),
                ("first_year", "2028"),
                ("last_year", "2030"),
                ("priorities", "1. Training\n2. Repatriation"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.text);
    let plan_url = location(&made);
    let plan_id = plan_url
        .trim_start_matches("/work-plans/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    // An item; a duplicate number is 409 with the values kept.
    let action = format!("/work-plans/{plan_id}/action-items");
    let r = co
        .submit(
            &plan_url,
            &action,
            &[
                ("number", "1.1"),
                ("text", "Train investigators"),
                ("priority_numbers", "1"),
                ("priority_numbers", "2"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let r = co
        .submit(&plan_url, &action, &[("number", "1.1"), ("text", "Again")])
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert!(r.text.contains("value=\"1.1\"") && r.text.contains(">Again</textarea>"));
    let r = co
        .submit(
            &plan_url,
            &action,
            &[("number", "x"), ("text", "Bad number")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    let r = co
        .submit(
            &plan_url,
            &action,
            &[("number", "2"), ("text", "t"), ("priority_numbers", "nine")],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    // A meeting: a bad date, then a good one.
    let action = format!("/work-plans/{plan_id}/meetings");
    let r = co
        .submit(
            &plan_url,
            &action,
            &[("held_on", "2028-02-30"), ("place", "Jakarta")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.text.contains("value=\"Jakarta\""));
    let r = co
        .submit(
            &plan_url,
            &action,
            &[("held_on", "2028-03-01"), ("place", "Jakarta")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    assert!(location(&r).starts_with("/meetings/"));

    // The fixture's meeting: a status, then held.
    let page = format!("/meetings/{meeting}");
    let updates = format!("/meetings/{meeting}/status-updates");
    let r = co
        .submit(
            &page,
            &updates,
            &[
                ("action_item_id", &item),
                ("status", "in_progress"),
                ("timeframe", "2027-Q5"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.text.contains("value=\"2027-Q5\""));
    let r = co
        .submit(
            &page,
            &updates,
            &[
                ("action_item_id", &item),
                ("status", "in_progress"),
                ("timeframe", "2027-Q2"),
                ("note", "Under way"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let shown = co.get(&page).await;
    assert!(shown.text.contains("In progress") && shown.text.contains("Q2 2027"));
    // A stale version does not hold it.
    let csrf = csrf_of(&shown.text);
    let r = co
        .post(
            &format!("/meetings/{meeting}/held"),
            &[("csrf", &csrf), ("version", "99")],
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
    let r = co
        .post(
            &format!("/meetings/{meeting}/held"),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let held = co.get(&page).await;
    assert!(
        held.text.contains("as it stood when the meeting was held"),
        "{}",
        held.text
    );
    assert!(!held
        .text
        .contains(&format!("action=\"/meetings/{meeting}/held\"")));
    // Now an update is a correction: without a reason, 422 with the values kept.
    let r = co
        .submit(
            &page,
            &updates,
            &[
                ("action_item_id", &item),
                ("status", "delivered"),
                ("note", "Done"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.text.contains("href=\"#reason\"") && r.text.contains(">Done</textarea>"));
    let r = co
        .submit(
            &page,
            &updates,
            &[
                ("action_item_id", &item),
                ("status", "delivered"),
                ("reason", "Minutes corrected"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let after = co.get(&page).await;
    assert!(after.text.contains("Minutes corrected"));
    assert!(
        after.text.contains("In progress"),
        "the tabled status stays"
    );
    // Downloads behind the session.
    let md = co.get(&format!("/meetings/{meeting}/table.md")).await;
    assert_eq!(md.status, 200);
    assert!(md.text.contains("| 3 Run the JPA |"));
    let csv = co.get(&format!("/meetings/{meeting}/table.csv")).await;
    assert!(csv.text.starts_with("number,action_item"));
    // No CSRF token: refused, nothing recorded.
    let r = co
        .post(
            &updates,
            &[
                ("action_item_id", &item),
                ("status", "dropped"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    let recorded = app
        .get(
            &format!("/api/v1/meetings/{meeting}/status-updates"),
            &app.admin_token,
        )
        .await;
    assert_eq!(
        recorded.body["items"].as_array().unwrap().len(),
        2,
        "nothing recorded"
    );
}

#[tokio::test]
async fn members_register_interest_for_themselves_through_the_item_page() {
    let (app, _, item, _) = fixture().await;
    let page = format!("/action-items/{item}");
    let action = format!("/action-items/{item}/interests");
    let mut liaison = browser_of(&app, LIAISON).await;
    let shown = liaison.get(&page).await;
    assert!(
        shown.text.contains("Thailand"),
        "the liaison's member is its country"
    );
    let r = liaison
        .submit(
            &page,
            &action,
            &[
                ("member_kind", "country"),
                ("member.country", "TH"),
                ("note", "Host"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "the role is missing: {}", r.text);
    assert!(r.text.contains(">Host</textarea>"));
    let r = liaison
        .submit(
            &page,
            &action,
            &[
                ("member_kind", "country"),
                ("member.country", "TH"),
                ("role", "lead"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    // Another country, posted by hand: refused with a message, nothing recorded.
    let r = liaison
        .submit(
            &page,
            &action,
            &[
                ("member_kind", "country"),
                ("member.country", "VN"),
                ("role", "support"),
            ],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text);
    assert!(r.text.contains("only for your own agency"));
    let listed = app
        .get(
            &format!("/api/v1/action-items/{item}/interests"),
            &app.admin_token,
        )
        .await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    let iid = listed.body["items"][0]["id"].as_str().unwrap().to_string();
    // An observer without an organisation has no form and cannot withdraw it.
    let mut observer = browser_of(&app, OBS).await;
    let seen = observer.get(&page).await;
    assert!(!seen.text.contains(&format!("action=\"{action}\"")));
    let csrf = csrf_of(&seen.text);
    let r = observer
        .post(
            &format!("/interests/{iid}/withdraw"),
            &[("csrf", &csrf), ("action_item_id", &item)],
        )
        .await;
    assert_eq!(r.status, 403);
    // The liaison withdraws its own.
    let seen = liaison.get(&page).await;
    assert!(seen.text.contains(&format!("/interests/{iid}/withdraw")));
    let csrf = csrf_of(&seen.text);
    let r = liaison
        .post(
            &format!("/interests/{iid}/withdraw"),
            &[("csrf", &csrf), ("action_item_id", &item)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let listed = app
        .get(
            &format!("/api/v1/action-items/{item}/interests"),
            &app.admin_token,
        )
        .await;
    assert!(listed.body["items"].as_array().unwrap().is_empty());
    // A co-chair records an organisation's interest; an oversized note is refused.
    let mut co = browser_of(&app, CO).await;
    let long = "n".repeat(2100);
    let r = co
        .submit(
            &page,
            &action,
            &[
                ("member_kind", "organisation"),
                ("member.organisation", "IOM"),
                ("role", "support"),
                ("note", &long),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    let r = co
        .submit(
            &page,
            &action,
            &[
                ("member_kind", "organisation"),
                ("member.organisation", "IOM"),
                ("role", "support"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    assert!(co.get(&page).await.text.contains("IOM"));
}

#[tokio::test]
async fn the_compendium_page_filters_and_refuses_bad_filters() {
    let (app, ..) = fixture().await;
    let mut co = browser_of(&app, CO).await;
    let r = co
        .get("/compendium?crime_type=people_smuggling&year=2026")
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r
        .text
        .contains("<option value=\"people_smuggling\" selected>"));
    for bad in ["crime_type=piracy", "country=ZZ", "year=abc"] {
        let r = co.get(&format!("/compendium?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
    }
    let md = co.get("/compendium.md").await;
    assert_eq!(md.status, 200);
    assert!(md
        .text
        .starts_with("# Compendium of successful cross-border cases"));
}
