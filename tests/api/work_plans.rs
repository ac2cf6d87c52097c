//! The forward work plan over the JSON API: plans, items, members' interest, annual
//! meetings, status updates, the meeting's table (frozen once held) and its diff; and
//! the compendium across JPAs.

use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::scenario::{today, world, World};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// A plan of two priorities, items 1 (delivered by the world's JPA) and 2, and a first
/// meeting held today.
async fn plan(w: &World) -> (String, String, String, String) {
    let app = &w.app;
    let plan = app
        .post(
            "/api/v1/work-plans",
            Some(&w.co_chair),
            json!({"title": "Forward Work Plan 2025-2027", "first_year": 2025, "last_year": 2027,
                   "objectives": "Disrupt networks.",
                   "priorities": [{"number": 2, "text": "Simulation exercise"}, {"number": 1, "text": "Compendium of cases"}]}),
        )
        .await;
    assert_eq!(plan.status, 201, "{}", plan.text);
    assert_eq!(plan.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(
        plan.body["priorities"][0]["number"], 1,
        "priorities in number order"
    );
    let plan = id(&plan.body);
    let one = app
        .post(
            &format!("/api/v1/work-plans/{plan}/action-items"),
            Some(&w.co_chair),
            json!({"number": "1", "text": "Run a 12-month JPA", "priority_numbers": [1, 2], "jpa_ids": [w.jpa]}),
        )
        .await;
    assert_eq!(one.status, 201, "{}", one.text);
    assert_eq!(one.body["jpa_ids"], json!([w.jpa]));
    let two = app
        .post(
            &format!("/api/v1/work-plans/{plan}/action-items"),
            Some(&w.co_chair),
            json!({"number": "2", "text": "Training by international organisations"}),
        )
        .await;
    assert_eq!(two.status, 201, "{}", two.text);
    let meeting = app
        .post(
            &format!("/api/v1/work-plans/{plan}/meetings"),
            Some(&w.co_chair),
            json!({"held_on": today(), "place": "Bali"}),
        )
        .await;
    assert_eq!(meeting.status, 201, "{}", meeting.text);
    assert_eq!(meeting.body["held"], false);
    (plan, id(&one.body), id(&two.body), id(&meeting.body))
}

#[tokio::test]
async fn members_register_interest_for_themselves_only() {
    let w = world().await;
    let app = &w.app;
    let (_, one, _, _) = plan(&w).await;
    let interests = format!("/api/v1/action-items/{one}/interests");
    // A liaison of the Thai agency for Thailand; not for Viet Nam.
    let own = app
        .post(
            &interests,
            Some(&w.la),
            json!({"member": {"country": "th"}, "role": "lead", "note": "Will host"}),
        )
        .await;
    assert_eq!(own.status, 201, "{}", own.text);
    assert_eq!(own.body["member"], json!({"country": "TH"}));
    assert_eq!(own.body["recorded_on"], json!(today()));
    let other = app
        .post(
            &interests,
            Some(&w.la),
            json!({"member": {"country": "VN"}, "role": "support"}),
        )
        .await;
    assert_eq!(other.status, 403, "{}", other.text);
    let again = app
        .post(
            &interests,
            Some(&w.la),
            json!({"member": {"country": "TH"}, "role": "support"}),
        )
        .await;
    assert_eq!(again.status, 409, "one interest per member: {}", again.text);
    // An observer without an organisation may record none; with one, its own only.
    let none = app
        .post(
            &interests,
            Some(&w.observer),
            json!({"member": {"organisation": "UNODC"}, "role": "support"}),
        )
        .await;
    assert_eq!(none.status, 403, "{}", none.text);
    let (observer_id, observer, _) = app.user_with_token(Role::Observer, None).await;
    let user = app
        .get(&format!("/api/v1/users/{observer_id}"), &app.admin_token)
        .await;
    let version = user.body["version"].as_i64().unwrap();
    let set = app
        .patch(
            &format!("/api/v1/users/{observer_id}"),
            &app.admin_token,
            version,
            json!({"organisation": "UNODC"}),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.text);
    assert_eq!(set.body["organisation"], "UNODC");
    let theirs = app
        .post(
            &interests,
            Some(&observer),
            json!({"member": {"organisation": "unodc"}, "role": "support"}),
        )
        .await;
    assert_eq!(theirs.status, 201, "{}", theirs.text);
    assert_eq!(
        theirs.body["member"],
        json!({"organisation": "UNODC"}),
        "the organisation's own spelling"
    );
    let again = app
        .post(
            &interests,
            Some(&w.co_chair),
            json!({"member": {"organisation": "Unodc"}, "role": "lead"}),
        )
        .await;
    assert_eq!(
        again.status, 409,
        "one member whatever its case: {}",
        again.text
    );
    let not_theirs = app
        .post(
            &interests,
            Some(&observer),
            json!({"member": {"organisation": "IOM"}, "role": "support"}),
        )
        .await;
    assert_eq!(not_theirs.status, 403, "{}", not_theirs.text);
    // Only observers belong to an organisation.
    let liaison_user = app
        .post(
            "/api/v1/users",
            Some(&app.admin_token),
            json!({"email": "x@police.example", "display_name": "X", "role": "liaison", "agency_id": w.a, "organisation": "IOM"}),
        )
        .await;
    assert_eq!(liaison_user.status, 422, "{}", liaison_user.text);
    // Bad input: unknown country, future day, unknown role, unknown member kind.
    for body in [
        json!({"member": {"country": "XX"}, "role": "lead"}),
        json!({"member": {"country": "TH"}, "role": "lead", "recorded_on": today() + chrono::Days::new(3)}),
        json!({"member": {"country": "TH"}, "role": "chair"}),
        json!({"member": {"state": "TH"}, "role": "lead"}),
        json!({"member": {"country": "TH", "organisation": "IOM"}, "role": "lead"}),
    ] {
        let r = app.post(&interests, Some(&w.co_chair), body.clone()).await;
        assert!(
            [400, 422].contains(&r.status),
            "{body}: {} {}",
            r.status,
            r.text
        );
        r.problem_code();
    }
    // Withdrawing: not another member's; one's own, once.
    let iid = id(&own.body);
    let by_other = app
        .request(
            "DELETE",
            &format!("/api/v1/interests/{iid}"),
            Some(&w.lb),
            None,
        )
        .await;
    assert_eq!(by_other.status, 403, "{}", by_other.text);
    let by_self = app
        .request(
            "DELETE",
            &format!("/api/v1/interests/{iid}"),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(by_self.status, 204, "{}", by_self.text);
    let gone = app
        .request(
            "DELETE",
            &format!("/api/v1/interests/{iid}"),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(gone.status, 404);
    let list = app.get(&interests, &w.lc).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    // Every write is audited.
    let audit = app
        .get("/api/v1/audit?entity_type=interest", &w.co_chair)
        .await;
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "interest.create").count(),
        2
    );
    assert_eq!(
        actions.iter().filter(|a| **a == "interest.delete").count(),
        1
    );
}

#[tokio::test]
async fn a_held_meeting_s_table_stays_as_it_was_tabled() {
    let w = world().await;
    let app = &w.app;
    let (plan, one, two, meeting) = plan(&w).await;
    let updates = format!("/api/v1/meetings/{meeting}/status-updates");
    let post = |body: Value| app.post(&updates, Some(&w.co_chair), body);
    let r = post(json!({"action_item_id": one, "status": "in_progress", "timeframe": "2026-Q4", "note": "JPA under way"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/action-items/{one}/interests"),
            Some(&w.la),
            json!({"member": {"country": "TH"}, "role": "lead"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    // The table before the meeting is held: live.
    let live = app
        .get(&format!("/api/v1/meetings/{meeting}/table"), &w.lc)
        .await;
    assert_eq!(live.status, 200, "{}", live.text);
    assert_eq!(live.body["tabled"], false);
    let row = &live.body["items"][0];
    assert_eq!(row["number"], "1");
    assert_eq!(row["lead"], json!([{"country": "TH"}]));
    assert_eq!(row["status"]["status"], "in_progress");
    assert_eq!(row["status"]["timeframe"], "2026-Q4");
    assert_eq!(row["jpas"][0]["code"], "JPA-T");
    assert_eq!(row["jpas"][0]["investigations"], 2);
    assert_eq!(row["jpas"][0]["cross_border"], 1);
    assert_eq!(live.body["items"][1]["status"], Value::Null);

    // Held.
    let m = app
        .get(&format!("/api/v1/meetings/{meeting}"), &w.co_chair)
        .await;
    let held = app
        .patch(
            &format!("/api/v1/meetings/{meeting}"),
            &w.co_chair,
            m.body["version"].as_i64().unwrap(),
            json!({"held": true}),
        )
        .await;
    assert_eq!(held.status, 200, "{}", held.text);
    assert_eq!(held.body["held"], true);
    let tabled = app
        .get(&format!("/api/v1/meetings/{meeting}/table"), &w.observer)
        .await;
    assert_eq!(tabled.body["tabled"], true);
    let md_then = app
        .send(
            app.client
                .get(app.url(&format!("/api/v1/meetings/{meeting}/table.md")))
                .bearer_auth(&w.lb),
        )
        .await;
    assert_eq!(md_then.status, 200);
    assert!(
        md_then.text.contains("| 1 Run a 12-month JPA | Thailand |"),
        "{}",
        md_then.text
    );

    // Everything changes afterwards: interests, a new investigation and outcome of the
    // JPA, the item's text, a plain update (refused) and a correction (recorded apart).
    let r = app
        .post(
            &format!("/api/v1/action-items/{two}/interests"),
            Some(&w.lb),
            json!({"member": {"country": "VN"}, "role": "support", "recorded_on": today()}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/jpas/{}/investigations", w.jpa),
            Some(&w.lb),
            json!({"reference": "VN-1", "title": "Later case", "crime_types": ["people_smuggling"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "arrests", "value": 4, "occurred_on": today()}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let item = app
        .get(&format!("/api/v1/action-items/{one}"), &w.co_chair)
        .await;
    let r = app
        .patch(
            &format!("/api/v1/action-items/{one}"),
            &w.co_chair,
            item.body["version"].as_i64().unwrap(),
            json!({"text": "Run a 12-month JPA (renamed)"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let plain = post(json!({"action_item_id": one, "status": "delivered"})).await;
    assert_eq!(plain.status, 422, "{}", plain.text);
    assert_eq!(plain.body["errors"][0]["field"], "reason");
    let correction = post(json!({"action_item_id": one, "status": "delayed"})).await;
    assert_eq!(
        correction.status, 422,
        "unknown status: {}",
        correction.text
    );
    let correction = post(json!({"action_item_id": one, "status": "deferred", "reason": "Minutes corrected: deferred, not in progress"})).await;
    assert_eq!(correction.status, 201, "{}", correction.text);
    assert_eq!(correction.body["correction"], true);
    let again = app
        .patch(
            &format!("/api/v1/meetings/{meeting}"),
            &w.co_chair,
            held.body["version"].as_i64().unwrap(),
            json!({"place": "Jakarta"}),
        )
        .await;
    assert_eq!(again.status, 409, "a held meeting is final: {}", again.text);

    // The old table is exactly what it was; the correction is listed beside it.
    let after = app
        .get(&format!("/api/v1/meetings/{meeting}/table"), &w.observer)
        .await;
    assert_eq!(after.body["items"], tabled.body["items"]);
    assert_eq!(after.body["corrections"][0]["status"], "deferred");
    let md_now = app
        .send(
            app.client
                .get(app.url(&format!("/api/v1/meetings/{meeting}/table.md")))
                .bearer_auth(&w.lb),
        )
        .await;
    let tables_of = |md: &str| md.split("\n## ").next().unwrap().to_string();
    assert_eq!(tables_of(&md_now.text), tables_of(&md_then.text));
    assert!(md_now
        .text
        .contains("Corrections recorded after the meeting"));

    // The next meeting: current figures, the latest status, and what changed.
    let next_day = today() + chrono::Days::new(3);
    let second = app
        .post(
            &format!("/api/v1/work-plans/{plan}/meetings"),
            Some(&w.co_chair),
            json!({"held_on": next_day, "place": "Jakarta"}),
        )
        .await;
    assert_eq!(second.status, 201, "{}", second.text);
    let second = id(&second.body);
    let too_early = app
        .patch(
            &format!("/api/v1/meetings/{second}"),
            &w.co_chair,
            1,
            json!({"held": true}),
        )
        .await;
    assert_eq!(too_early.status, 422, "{}", too_early.text);
    assert_eq!(too_early.body["errors"][0]["field"], "held");
    let r = app
        .post(
            &format!("/api/v1/meetings/{second}/status-updates"),
            Some(&w.co_chair),
            json!({"action_item_id": two, "status": "not_started", "timeframe": "ongoing"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let next = app
        .get(&format!("/api/v1/meetings/{second}/table"), &w.la)
        .await;
    assert_eq!(next.body["previous_meeting"]["id"], json!(meeting));
    let row = &next.body["items"][0];
    assert_eq!(row["text"], "Run a 12-month JPA (renamed)");
    assert_eq!(
        row["status"]["status"], "deferred",
        "the correction is the latest"
    );
    assert_eq!(row["jpas"][0]["investigations"], 3);
    let kinds: Vec<(String, String)> = next.body["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["number"].as_str().unwrap().into(),
                c["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("1".into(), "status_changed".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("2".into(), "status_changed".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("2".into(), "interest_added".into())),
        "{kinds:?}"
    );
    let csv = app
        .send(
            app.client
                .get(app.url(&format!("/api/v1/meetings/{second}/table.csv")))
                .bearer_auth(&w.observer),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let mut lines = csv.text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("number,action_item,priorities"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("1,Run a 12-month JPA (renamed),1 2,Thailand"));
    // Audited.
    let audit = app
        .get("/api/v1/audit?entity_type=meeting", &w.co_chair)
        .await;
    assert!(audit.body["items"].as_array().unwrap().len() >= 3);
    let audit = app
        .get("/api/v1/audit?entity_type=status_update", &w.co_chair)
        .await;
    assert!(audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "status_update.correct"));
}

#[tokio::test]
async fn work_plan_writes_answer_bad_stale_and_conflicting_input() {
    let w = world().await;
    let app = &w.app;
    let (plan, one, _, meeting) = plan(&w).await;
    let plans = "/api/v1/work-plans";
    for (body, field) in [
        (
            json!({"title": " ", "first_year": 2025, "last_year": 2027}),
            "title",
        ),
        (
            json!({"title": "P", "first_year": 2027, "last_year": 2025}),
            "last_year",
        ),
        (
            json!({"title": "P", "first_year": 1990, "last_year": 2025}),
            "first_year",
        ),
        (
            json!({"title": "P", "first_year": 2020, "last_year": 2035}),
            "last_year",
        ),
        (
            json!({"title": "P", "first_year": 2025, "last_year": 2027, "priorities": [{"number": 1, "text": "a"}, {"number": 1, "text": "b"}]}),
            "priorities[1].number",
        ),
        (
            json!({"title": "P", "first_year": 2025, "last_year": 2027, "priorities": [{"number": 100, "text": "a"}]}),
            "priorities[0].number",
        ),
    ] {
        let r = app.post(plans, Some(&w.co_chair), body.clone()).await;
        assert_eq!(r.status, 422, "{body}: {}", r.text);
        assert_eq!(r.body["errors"][0]["field"], field, "{body}");
    }
    let r = app
        .post(
            plans,
            Some(&w.co_chair),
            json!({"title": "P", "first_year": 2025, "last_year": 2027, "version": 3}),
        )
        .await;
    assert!(
        [400, 422].contains(&r.status),
        "no mass assignment: {}",
        r.text
    );
    // Items.
    let items = format!("/api/v1/work-plans/{plan}/action-items");
    for (body, status) in [
        (json!({"number": "1.x", "text": "t"}), 422),
        (json!({"number": "1", "text": "duplicate"}), 409),
        (
            json!({"number": "3", "text": "t", "priority_numbers": [9]}),
            422,
        ),
        (
            json!({"number": "3", "text": "t", "jpa_ids": [uuid::Uuid::new_v4()]}),
            422,
        ),
        (
            json!({"number": "3", "text": "t", "jpa_ids": ["not-a-uuid"]}),
            422,
        ),
    ] {
        let r = app.post(&items, Some(&w.co_chair), body.clone()).await;
        assert_eq!(r.status, status, "{body}: {}", r.text);
        r.problem_code();
    }
    // A priority an item serves stays.
    let p = app
        .get(&format!("/api/v1/work-plans/{plan}"), &w.co_chair)
        .await;
    let version = p.body["version"].as_i64().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/work-plans/{plan}"),
            &w.co_chair,
            version,
            json!({"priorities": [{"number": 1, "text": "Only one"}]}),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
    let r = app
        .patch(
            &format!("/api/v1/work-plans/{plan}"),
            &w.co_chair,
            version,
            json!({"title": "Renamed"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    let stale = app
        .patch(
            &format!("/api/v1/work-plans/{plan}"),
            &w.co_chair,
            version,
            json!({"title": "Again"}),
        )
        .await;
    assert_eq!(stale.status, 412, "{}", stale.text);
    let no_if_match = app
        .request(
            "PATCH",
            &format!("/api/v1/work-plans/{plan}"),
            Some(&w.co_chair),
            Some(json!({"title": "x"})),
        )
        .await;
    assert_eq!(no_if_match.status, 428);
    // Liaisons and observers read, but do not write, the plan.
    for token in [&w.la, &w.observer] {
        assert_eq!(
            app.get(&format!("/api/v1/work-plans/{plan}"), token)
                .await
                .status,
            200
        );
        let r = app
            .post(&items, Some(token), json!({"number": "9", "text": "t"}))
            .await;
        assert_eq!(r.status, 403);
    }
    // Meetings and updates.
    let meetings = format!("/api/v1/work-plans/{plan}/meetings");
    let r = app
        .post(
            &meetings,
            Some(&w.co_chair),
            json!({"held_on": today(), "place": "Again"}),
        )
        .await;
    assert_eq!(r.status, 409, "one meeting a day: {}", r.text);
    let r = app
        .post(
            &meetings,
            Some(&w.co_chair),
            json!({"held_on": "2026-02-30", "place": "x"}),
        )
        .await;
    assert!([400, 422].contains(&r.status), "{}", r.text);
    let updates = format!("/api/v1/meetings/{meeting}/status-updates");
    let other_plan = app
        .post(
            plans,
            Some(&w.co_chair),
            json!({"title": "Other", "first_year": 2025, "last_year": 2026}),
        )
        .await;
    let foreign = app
        .post(
            &format!("/api/v1/work-plans/{}/action-items", id(&other_plan.body)),
            Some(&w.co_chair),
            json!({"number": "1", "text": "t"}),
        )
        .await;
    for (body, field) in [
        (
            json!({"action_item_id": one, "status": "in_progress", "timeframe": "2026-Q5"}),
            "timeframe",
        ),
        (
            json!({"action_item_id": one, "status": "in_progress", "timeframe": "2026-02-30"}),
            "timeframe",
        ),
        (
            json!({"action_item_id": id(&foreign.body), "status": "in_progress"}),
            "action_item_id",
        ),
        (
            json!({"action_item_id": "nope", "status": "in_progress"}),
            "action_item_id",
        ),
    ] {
        let r = app.post(&updates, Some(&w.co_chair), body.clone()).await;
        assert_eq!(r.status, 422, "{body}: {}", r.text);
        assert_eq!(r.body["errors"][0]["field"], field, "{body}");
    }
    // Unknown ids are 404.
    let nothing = uuid::Uuid::new_v4();
    for path in [
        format!("/api/v1/work-plans/{nothing}"),
        format!("/api/v1/action-items/{nothing}"),
        format!("/api/v1/meetings/{nothing}/table"),
        format!("/api/v1/work-plans/{nothing}/meetings"),
    ] {
        assert_eq!(app.get(&path, &w.la).await.status, 404, "{path}");
    }
}

/// Closes X (Thai lead, Vietnamese partner) and opts it into the compendium.
async fn close_for_compendium(w: &World, id: &str, token: &str) {
    let app = &w.app;
    let inv = app
        .get(&format!("/api/v1/investigations/{id}"), token)
        .await;
    let r = app
        .patch(
            &format!("/api/v1/investigations/{id}"),
            token,
            inv.body["version"].as_i64().unwrap(),
            json!({"status": "closed", "closed_on": today(), "include_in_compendium": true,
                   "compendium": {"facts": "Boats from Ranong", "elements_of_success": "Joint team", "challenges": "Evidence abroad"}}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn the_compendium_across_jpas_holds_cross_border_cases_and_filters_them() {
    let w = world().await;
    let app = &w.app;
    close_for_compendium(&w, &w.x, &w.la).await;
    // Y (Cambodian, restricted, no foreign partner) is closed and opted in too: not
    // cross-border, so not in the compendium across JPAs.
    close_for_compendium(&w, &w.y, &w.lc).await;
    let r = app
        .post(
            &format!("/api/v1/investigations/{}/milestones", w.x),
            Some(&w.la),
            json!({"kind": "mla_request", "title": "MLA to Viet Nam", "due_on": today(), "status": "achieved", "achieved_on": today()}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let all = app.get("/api/v1/compendium", &w.co_chair).await;
    assert_eq!(all.status, 200, "{}", all.text);
    assert_eq!(all.body["count"], 1, "{}", all.text);
    let case = &all.body["cases"][0];
    assert_eq!(case["jpa_code"], "JPA-T");
    assert_eq!(case["brief"]["title"], "Andaman boat network");
    assert_eq!(case["brief"]["cooperation"][0]["kind"], "mla_request");
    // Observers: no investigation record.
    let obs = app.get("/api/v1/compendium", &w.observer).await;
    assert_eq!(obs.status, 200);
    let case = &obs.body["cases"][0];
    assert!(
        case["brief"].get("title").is_none() && case["brief"].get("investigation_id").is_none()
    );
    assert!(!obs.text.contains("Andaman boat network"));
    assert!(case["heading"].as_str().unwrap().starts_with("JPA-T Case"));
    // Liaisons are not readers of the compendium.
    assert_eq!(app.get("/api/v1/compendium", &w.la).await.status, 403);
    // Filters.
    let year = chrono::Datelike::year(&today());
    for (query, n) in [
        ("crime_type=people_smuggling", 1),
        ("crime_type=trafficking_in_persons", 0),
        ("modus_operandi=maritime", 1),
        ("modus_operandi=air", 0),
        ("country=VN", 1),
        ("country=KH", 0),
        (&format!("year={year}") as &str, 1),
        ("year=2001", 0),
    ] {
        let r = app
            .get(&format!("/api/v1/compendium?{query}"), &w.co_chair)
            .await;
        assert_eq!(r.status, 200, "{query}: {}", r.text);
        assert_eq!(r.body["count"], n, "{query}");
    }
    for query in [
        "crime_type=piracy",
        "country=XX",
        "year=twenty",
        "year=1066",
    ] {
        let r = app
            .get(&format!("/api/v1/compendium?{query}"), &w.co_chair)
            .await;
        assert_eq!(r.status, 400, "{query}: {}", r.text);
        r.problem_code();
    }
    // Markdown, in the SHERLOC order, without the restricted case's secrets.
    let md = app
        .send(
            app.client
                .get(app.url("/api/v1/compendium"))
                .bearer_auth(&w.observer)
                .header("accept", "text/markdown"),
        )
        .await;
    assert_eq!(md.status, 200);
    assert!(md
        .header("content-type")
        .unwrap()
        .starts_with("text/markdown"));
    let order = [
        "### Facts",
        "### Legal elements and charges",
        "### Elements of success",
        "### Challenges",
        "### Cooperation used",
    ];
    let at: Vec<usize> = order.iter().map(|h| md.text.find(h).unwrap()).collect();
    assert!(at.windows(2).all(|p| p[0] < p[1]), "{}", md.text);
    assert!(md.text.contains("MLA to Viet Nam"));
    for secret in [
        "KH-SECRET-7",
        "informant details",
        "Sihanoukville",
        "Andaman boat network",
    ] {
        assert!(!md.text.contains(secret), "{secret} leaked");
    }
}
