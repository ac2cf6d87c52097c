//! The JPA scenario of the domain issue: agencies A (TH), B (VN), C (KH) take part, D (LA)
//! does not. A leads X with B as partner; C leads the restricted Y. What each role and
//! agency sees and may change.

use chrono::{Datelike, Months, NaiveDate};
use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};

pub struct World {
    pub app: TestApp,
    pub jpa: String,
    pub a: String,
    pub b: String,
    pub c: String,
    pub d: String,
    pub la: String,
    pub lb: String,
    pub lc: String,
    pub ld: String,
    pub co_chair: String,
    pub observer: String,
    pub x: String,
    pub y: String,
    pub start: NaiveDate,
}

pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A JPA that started on the first of the month five months ago (UTC, due day 10).
pub async fn world() -> World {
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let start =
        NaiveDate::from_ymd_opt(today().year(), today().month(), 1).unwrap() - Months::new(5);
    let a = app.create_agency("Royal Thai Police", "TH").await;
    let b = app.create_agency("Vietnam Immigration", "VN").await;
    let c = app.create_agency("Cambodian National Police", "KH").await;
    let d = app.create_agency("Lao Border Police", "LA").await;
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&admin),
            json!({"code": "JPA-T", "name": "Test JPA", "start_date": start, "status": "active"}),
        )
        .await;
    assert_eq!(jpa.status, 201, "{}", jpa.text);
    let jpa = jpa.body["id"].as_str().unwrap().to_string();
    for agency in [&a, &b, &c] {
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
    let la = app.user_with_token(Role::Liaison, Some(a.clone())).await.1;
    let lb = app.user_with_token(Role::Liaison, Some(b.clone())).await.1;
    let lc = app.user_with_token(Role::Liaison, Some(c.clone())).await.1;
    let ld = app.user_with_token(Role::Liaison, Some(d.clone())).await.1;
    let co_chair = app.user_with_token(Role::CoChair, None).await.1;
    let observer = app.user_with_token(Role::Observer, None).await.1;
    let x = app
        .post(
            &format!("/api/v1/jpas/{jpa}/investigations"),
            Some(&la),
            json!({"reference": "TH-2026-001", "title": "Andaman boat network", "summary": "Boats from Ranong",
                   "crime_types": ["people_smuggling"], "route_legs": [{"country": "mm", "place": "Kawthaung", "kind": "departure", "mode": "sea"},
                   {"country": "TH", "place": "Ranong", "kind": "transit", "mode": "land"}], "modus_operandi": ["maritime"]}),
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
    let y = app
        .post(
            &format!("/api/v1/jpas/{jpa}/investigations"),
            Some(&lc),
            json!({"reference": "KH-SECRET-7", "title": "Casino compound", "summary": "informant details",
                   "crime_types": ["trafficking_in_persons", "people_smuggling"], "sensitivity": "restricted",
                   "route_legs": [{"country": "KH", "place": "Sihanoukville", "kind": "exploitation", "mode": "land"}],
                   "trafficking_indicators": [{"code": "deception", "strength": "strong"}]}),
        )
        .await;
    assert_eq!(y.status, 201, "{}", y.text);
    let y = y.body["id"].as_str().unwrap().to_string();
    World {
        app,
        jpa,
        a,
        b,
        c,
        d,
        la,
        lb,
        lc,
        ld,
        co_chair,
        observer,
        x,
        y,
        start,
    }
}

fn ids(body: &Value) -> Vec<String> {
    let mut v: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[tokio::test]
async fn each_agency_sees_only_the_investigations_it_takes_part_in() {
    let w = world().await;
    let app = &w.app;
    let list = |t: String| {
        let path = format!("/api/v1/jpas/{}/investigations", w.jpa);
        async move { app.get(&path, &t).await }
    };
    assert_eq!(ids(&list(w.la.clone()).await.body), vec![w.x.clone()]);
    assert_eq!(ids(&list(w.lb.clone()).await.body), vec![w.x.clone()]);
    assert_eq!(ids(&list(w.lc.clone()).await.body), vec![w.y.clone()]);
    assert_eq!(
        ids(&list(w.co_chair.clone()).await.body),
        sorted(vec![w.x.clone(), w.y.clone()])
    );
    assert_eq!(
        list(w.ld.clone()).await.status,
        404,
        "D does not take part in the JPA"
    );
    assert_eq!(
        list(w.observer.clone()).await.status,
        403,
        "observers get no investigation records"
    );

    let random = app
        .get(
            &format!("/api/v1/investigations/{}", uuid::Uuid::new_v4()),
            &w.la,
        )
        .await;
    let hidden = app
        .get(&format!("/api/v1/investigations/{}", w.y), &w.la)
        .await;
    assert_eq!(hidden.status, 404);
    assert_eq!(hidden.body["detail"], random.body["detail"]);
    assert_eq!(hidden.body["code"], random.body["code"]);
    assert_eq!(
        app.get(&format!("/api/v1/investigations/{}", w.x), &w.lc)
            .await
            .status,
        404
    );
    for path in [
        format!("/api/v1/investigations/{}", w.x),
        format!("/api/v1/investigations/{}/milestones", w.x),
        format!("/api/v1/investigations/{}/outcomes", w.x),
        format!("/api/v1/investigations/{}/links", w.x),
        format!("/api/v1/jpas/{}", w.jpa),
        format!("/api/v1/jpas/{}/agencies", w.jpa),
        format!("/api/v1/jpas/{}/returns", w.jpa),
    ] {
        assert_eq!(
            app.get(&path, &w.ld).await.status,
            404,
            "D must not see {path}"
        );
    }
    // The observer sees the JPA and its participants, nothing of the investigations.
    assert_eq!(
        app.get(&format!("/api/v1/jpas/{}", w.jpa), &w.observer)
            .await
            .status,
        200
    );
    let participants = app
        .get(&format!("/api/v1/jpas/{}/agencies", w.jpa), &w.observer)
        .await;
    assert_eq!(participants.body["items"].as_array().unwrap().len(), 3);
    let jpas_of_d = app.get("/api/v1/jpas", &w.ld).await;
    assert_eq!(jpas_of_d.body["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn restricted_fields_are_null_for_everyone_outside_the_investigation() {
    let w = world().await;
    let app = &w.app;
    let path = format!("/api/v1/investigations/{}", w.y);
    let own = app.get(&path, &w.lc).await;
    assert_eq!(own.body["reference"], "KH-SECRET-7");
    assert_eq!(own.body["redacted"], false);
    for token in [&w.co_chair, &app.admin_token] {
        let r = app.get(&path, token).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body["redacted"], true);
        assert!(
            r.body["reference"].is_null()
                && r.body["summary"].is_null()
                && r.body["route_legs"].is_null()
        );
        assert_eq!(r.body["title"], "Casino compound");
        assert!(
            !r.text.contains("KH-SECRET")
                && !r.text.contains("informant")
                && !r.text.contains("Sihanoukville")
        );
    }
    let list = app
        .get(
            &format!("/api/v1/jpas/{}/investigations", w.jpa),
            &w.co_chair,
        )
        .await;
    assert!(!list.text.contains("KH-SECRET"), "lists redact too");
    let search = app
        .get(
            &format!("/api/v1/jpas/{}/investigations?q=secret", w.jpa),
            &w.co_chair,
        )
        .await;
    assert_eq!(
        search.body["items"].as_array().unwrap().len(),
        0,
        "a hidden reference is not searchable"
    );
    let own_search = app
        .get(
            &format!("/api/v1/jpas/{}/investigations?q=secret", w.jpa),
            &w.lc,
        )
        .await;
    assert_eq!(ids(&own_search.body), vec![w.y.clone()]);
    let x = app
        .get(&format!("/api/v1/investigations/{}", w.x), &w.co_chair)
        .await;
    assert_eq!(
        x.body["redacted"], false,
        "standard investigations are not redacted"
    );
    assert_eq!(x.body["route_legs"][0]["country"], "MM");

    let v = own.body["version"].as_i64().unwrap();
    let blind = app
        .patch(&path, &w.co_chair, v, json!({"sensitivity": "standard"}))
        .await;
    assert_eq!(
        blind.status, 422,
        "a co-chair cannot unprotect what it cannot see"
    );
    let blind = app
        .patch(&path, &w.co_chair, v, json!({"summary": "overwritten"}))
        .await;
    assert_eq!(blind.status, 422);
    let ok = app
        .patch(&path, &w.co_chair, v, json!({"status": "suspended"}))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.body["redacted"], true);
    let audit = app
        .get(&format!("/api/v1/audit?entity_id={}", w.y), &w.co_chair)
        .await;
    assert!(
        !audit.text.contains("KH-SECRET") && !audit.text.contains("informant"),
        "protected values stay out of the audit log"
    );
}

#[tokio::test]
async fn a_partner_adds_its_own_milestones_and_outcomes_but_not_the_investigations_fields() {
    let w = world().await;
    let app = &w.app;
    let x = app
        .get(&format!("/api/v1/investigations/{}", w.x), &w.lb)
        .await;
    assert_eq!(x.body["partner_agency_ids"], json!([w.b]));
    let edit = app
        .patch(
            &format!("/api/v1/investigations/{}", w.x),
            &w.lb,
            2,
            json!({"title": "Renamed"}),
        )
        .await;
    assert_eq!(edit.status, 403);
    let partner = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{}/partners/{}", w.x, w.c),
            Some(&w.lb),
            None,
        )
        .await;
    assert_eq!(partner.status, 403);

    let ms = format!("/api/v1/investigations/{}/milestones", w.x);
    let due = today() + chrono::Days::new(10);
    let own = app
        .post(
            &ms,
            Some(&w.lb),
            json!({"kind": "intelligence_shared", "title": "Share manifests", "due_on": due}),
        )
        .await;
    assert_eq!(own.status, 201, "{}", own.text);
    assert_eq!(own.body["responsible_agency_id"], w.b.as_str());
    let for_a = app
        .post(&ms, Some(&w.lb), json!({"kind": "arrests", "title": "Arrests", "due_on": due, "responsible_agency_id": w.a}))
        .await;
    assert_eq!(
        for_a.status, 422,
        "a partner may only make itself responsible"
    );
    let by_lead = app
        .post(&ms, Some(&w.la), json!({"kind": "joint_operation", "title": "Joint op", "due_on": due, "responsible_agency_id": w.b}))
        .await;
    assert_eq!(
        by_lead.status, 201,
        "the lead may make a partner responsible"
    );
    let stranger = app
        .post(
            &ms,
            Some(&w.la),
            json!({"kind": "arrests", "title": "x", "due_on": due, "responsible_agency_id": w.c}),
        )
        .await;
    assert_eq!(stranger.status, 422);

    let oc = format!("/api/v1/investigations/{}/outcomes", w.x);
    let outcome = app
        .post(&oc, Some(&w.lb), json!({"indicator": "arrests", "value": 4, "occurred_on": today(), "contributing_agency_ids": [w.a]}))
        .await;
    assert_eq!(outcome.status, 201, "{}", outcome.text);
    assert_eq!(
        outcome.body["lead_agency_id"],
        w.b.as_str(),
        "the reporting agency counts the outcome"
    );
    let forged = app
        .post(&oc, Some(&w.lb), json!({"indicator": "arrests", "value": 4, "occurred_on": today(), "lead_agency_id": w.a}))
        .await;
    assert_eq!(
        forged.status, 422,
        "a liaison cannot report for another agency"
    );
    let outsider = app
        .post(&oc, Some(&w.la), json!({"indicator": "arrests", "value": 1, "occurred_on": today(), "contributing_agency_ids": [w.d]}))
        .await;
    assert_eq!(outsider.status, 422, "contributors must participate");
    let outcome_id = outcome.body["id"].as_str().unwrap();
    let by_a = app
        .patch(
            &format!("/api/v1/outcomes/{outcome_id}"),
            &w.la,
            1,
            json!({"notes": "x"}),
        )
        .await;
    assert_eq!(
        by_a.status, 403,
        "only the outcome's own agency (or a coordinator) edits it"
    );
    let by_d = app
        .patch(
            &format!("/api/v1/outcomes/{outcome_id}"),
            &w.ld,
            1,
            json!({"notes": "x"}),
        )
        .await;
    let random = app
        .patch(
            &format!("/api/v1/outcomes/{}", uuid::Uuid::new_v4()),
            &w.ld,
            1,
            json!({"notes": "x"}),
        )
        .await;
    assert_eq!(by_d.status, 404);
    assert_eq!(by_d.body["detail"], random.body["detail"]);
    let milestone_id = own.body["id"].as_str().unwrap();
    let ms_by_d = app
        .patch(
            &format!("/api/v1/milestones/{milestone_id}"),
            &w.ld,
            1,
            json!({"title": "x"}),
        )
        .await;
    assert_eq!(ms_by_d.status, 404);
    let ms_by_c = app
        .request(
            "DELETE",
            &format!("/api/v1/milestones/{milestone_id}"),
            Some(&w.lc),
            None,
        )
        .await;
    assert_eq!(ms_by_c.status, 404);
    let ms_by_a = app
        .patch(
            &format!("/api/v1/milestones/{milestone_id}"),
            &w.la,
            1,
            json!({"status": "achieved", "achieved_on": today()}),
        )
        .await;
    assert_eq!(
        ms_by_a.status, 200,
        "the lead edits any milestone of its investigation"
    );
    assert_eq!(ms_by_a.body["overdue"], false);

    let removing = app
        .request(
            "DELETE",
            &format!("/api/v1/investigations/{}/partners/{}", w.x, w.b),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(
        removing.status, 409,
        "B still has milestones and outcomes here"
    );
    let leaving = app
        .request(
            "DELETE",
            &format!("/api/v1/jpas/{}/agencies/{}", w.jpa, w.b),
            Some(&app.admin_token),
            None,
        )
        .await;
    assert_eq!(
        leaving.status, 409,
        "B partners an investigation of this JPA"
    );
}

#[tokio::test]
async fn links_are_listed_only_where_the_caller_sees_both_ends() {
    let w = world().await;
    let app = &w.app;
    let blind = app
        .post(
            &format!("/api/v1/investigations/{}/links", w.x),
            Some(&w.la),
            json!({"investigation_id": w.y, "relation": "same_network"}),
        )
        .await;
    assert_eq!(blind.status, 422, "A cannot link to what it cannot see");
    let linked = app
        .post(
            &format!("/api/v1/investigations/{}/links", w.x),
            Some(&w.co_chair),
            json!({"investigation_id": w.y, "relation": "same_network"}),
        )
        .await;
    assert_eq!(linked.status, 201, "{}", linked.text);
    let again = app
        .post(
            &format!("/api/v1/investigations/{}/links", w.y),
            Some(&w.co_chair),
            json!({"investigation_id": w.x, "relation": "related"}),
        )
        .await;
    assert_eq!(again.status, 409, "links are undirected");
    let from_y = app
        .get(
            &format!("/api/v1/investigations/{}/links", w.y),
            &w.co_chair,
        )
        .await;
    assert_eq!(from_y.body["items"][0]["investigation_id"], w.x.as_str());
    let for_a = app
        .get(&format!("/api/v1/investigations/{}/links", w.x), &w.la)
        .await;
    assert_eq!(for_a.body["items"].as_array().unwrap().len(), 0);
    let for_c = app
        .get(&format!("/api/v1/investigations/{}/links", w.y), &w.lc)
        .await;
    assert_eq!(for_c.body["items"].as_array().unwrap().len(), 0);
    let unlink = app
        .request(
            "DELETE",
            &format!("/api/v1/investigations/{}/links/{}", w.y, w.x),
            Some(&w.co_chair),
            None,
        )
        .await;
    assert_eq!(unlink.status, 204);
}

#[tokio::test]
async fn mass_assignment_and_stale_versions_are_refused() {
    let w = world().await;
    let app = &w.app;
    let create = format!("/api/v1/jpas/{}/investigations", w.jpa);
    let base = json!({"reference": "R", "title": "T", "crime_types": ["people_smuggling"]});
    let mut with_lead = base.clone();
    with_lead["lead_agency_id"] = json!(w.b);
    assert_eq!(app.post(&create, Some(&w.la), with_lead).await.status, 422);
    let mut with_version = base.clone();
    with_version["version"] = json!(3);
    assert_eq!(
        app.post(&create, Some(&w.la), with_version).await.status,
        422
    );
    let mut with_partners = base.clone();
    with_partners["partner_agency_ids"] = json!([w.c]);
    assert_eq!(
        app.post(&create, Some(&w.la), with_partners).await.status,
        422
    );
    assert_eq!(
        app.post(&create, Some(&w.co_chair), base.clone())
            .await
            .status,
        422,
        "coordinators name the lead"
    );
    let mut not_participating = base.clone();
    not_participating["lead_agency_id"] = json!(w.d);
    assert_eq!(
        app.post(&create, Some(&w.co_chair), not_participating)
            .await
            .status,
        422
    );
    let empty_types = json!({"reference": "R", "title": "T", "crime_types": []});
    assert_eq!(
        app.post(&create, Some(&w.la), empty_types).await.status,
        422
    );

    let path = format!("/api/v1/investigations/{}", w.x);
    let current = app.get(&path, &w.la).await;
    let v = current.body["version"].as_i64().unwrap();
    assert_eq!(current.header("etag"), Some(format!("\"{v}\"")));
    assert_eq!(
        app.request("PATCH", &path, Some(&w.la), Some(json!({"title": "x"})))
            .await
            .status,
        428
    );
    assert_eq!(
        app.patch(&path, &w.la, v - 1, json!({"title": "x"}))
            .await
            .status,
        412
    );
    assert_eq!(
        app.patch(&path, &w.la, v, json!({"lead_agency_id": w.b}))
            .await
            .status,
        422
    );
    assert_eq!(
        app.patch(&path, &w.la, v, json!({"redacted": false}))
            .await
            .status,
        422
    );
    let ok = app
        .patch(
            &path,
            &w.la,
            v,
            json!({"title": "Renamed", "status": "closed", "include_in_compendium": true}),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.body["closed_on"], json!(today()));
    assert_eq!(ok.body["include_in_compendium"], true);
    let by_chair = app
        .patch(
            &path,
            &w.co_chair,
            v + 1,
            json!({"include_in_compendium": false}),
        )
        .await;
    assert_eq!(
        by_chair.status, 422,
        "only the lead agency opts in or out of the compendium"
    );
}

#[tokio::test]
async fn outcome_value_changes_need_a_reason_and_keep_their_history() {
    let w = world().await;
    let app = &w.app;
    let created = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "victims_identified", "value": 12, "occurred_on": today()}),
        )
        .await;
    assert_eq!(created.status, 201);
    let path = format!("/api/v1/outcomes/{}", created.body["id"].as_str().unwrap());
    let unknown = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "boats", "value": 1, "occurred_on": today()}),
        )
        .await;
    assert_eq!(unknown.status, 422);
    let negative = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "arrests", "value": -1, "occurred_on": today()}),
        )
        .await;
    assert_eq!(negative.status, 422);
    assert_eq!(
        app.patch(&path, &w.la, 1, json!({"value": 15}))
            .await
            .status,
        422
    );
    let revised = app
        .patch(
            &path,
            &w.la,
            1,
            json!({"value": 15, "revision_reason": "two more identified at the shelter"}),
        )
        .await;
    assert_eq!(revised.status, 200, "{}", revised.text);
    let confirmed = app
        .patch(&path, &w.co_chair, 2, json!({"status": "confirmed"}))
        .await;
    assert_eq!(confirmed.status, 200);
    let history = app.get(&format!("{path}/revisions"), &w.lb).await;
    let items = history.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["previous_value"], 12);
    assert_eq!(items[0]["new_value"], 15);
    assert_eq!(items[0]["reason"], "two more identified at the shelter");
    assert_eq!(
        app.get(&format!("{path}/revisions"), &w.lc).await.status,
        404
    );
}

#[tokio::test]
async fn a_closed_jpa_is_read_only_except_outcome_confirmation() {
    let w = world().await;
    let app = &w.app;
    let outcome = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "arrests", "value": 3, "occurred_on": today()}),
        )
        .await;
    let path = format!("/api/v1/outcomes/{}", outcome.body["id"].as_str().unwrap());
    let jpa_path = format!("/api/v1/jpas/{}", w.jpa);
    let back = app
        .patch(&jpa_path, &w.co_chair, 1, json!({"status": "planning"}))
        .await;
    assert_eq!(back.status, 409, "status only moves forward");
    let closed = app
        .patch(&jpa_path, &w.co_chair, 1, json!({"status": "closed"}))
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    let ms = app
        .post(
            &format!("/api/v1/investigations/{}/milestones", w.x),
            Some(&w.la),
            json!({"kind": "arrests", "title": "x", "due_on": today()}),
        )
        .await;
    assert_eq!(ms.status, 409);
    assert_eq!(
        app.patch(
            &path,
            &w.la,
            1,
            json!({"value": 4, "revision_reason": "late count"})
        )
        .await
        .status,
        409
    );
    assert_eq!(
        app.patch(&path, &w.la, 1, json!({"status": "confirmed"}))
            .await
            .status,
        200
    );
    assert_eq!(
        app.patch(&jpa_path, &w.co_chair, 2, json!({"name": "Renamed"}))
            .await
            .status,
        409
    );
}

#[tokio::test]
async fn jpas_are_validated_with_defaults_from_the_domain() {
    let app = spawn_app().await;
    let t = &app.admin_token;
    let r = app
        .post(
            "/api/v1/jpas",
            Some(t),
            json!({"code": "JPA-2027", "name": "JPA 2027", "start_date": "2027-03-15"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["end_date"], "2028-03-14");
    assert_eq!(r.body["report_due_day"], 10);
    assert_eq!(r.body["reminder_days_before"], 5);
    assert_eq!(r.body["timezone"], "UTC");
    assert_eq!(r.body["status"], "planning");
    assert_eq!(r.body["is_exercise"], false);
    let dup = app
        .post(
            "/api/v1/jpas",
            Some(t),
            json!({"code": "JPA-2027", "name": "again", "start_date": "2027-03-15"}),
        )
        .await;
    assert_eq!(dup.status, 409);
    for (body, field) in [
        (
            json!({"code": "X", "name": "n", "start_date": "2027-01-01", "end_date": "2029-01-01"}),
            "end_date",
        ),
        (
            json!({"code": "X", "name": "n", "start_date": "2027-01-01", "end_date": "2026-12-31"}),
            "end_date",
        ),
        (
            json!({"code": "X", "name": "n", "start_date": "2027-01-01", "report_due_day": 29}),
            "report_due_day",
        ),
        (
            json!({"code": "X", "name": "n", "start_date": "2027-01-01", "timezone": "Mars/Olympus"}),
            "timezone",
        ),
        (
            json!({"code": "bad code!", "name": "n", "start_date": "2027-01-01"}),
            "code",
        ),
        (
            json!({"code": "X", "name": "n", "start_date": "2027-02-30"}),
            "start_date",
        ),
    ] {
        let r = app.post("/api/v1/jpas", Some(t), body.clone()).await;
        assert_eq!(r.status, 422, "{body}");
        assert_eq!(r.body["errors"][0]["field"], field, "{body}");
    }
    let bangkok = app
        .post("/api/v1/jpas", Some(t), json!({"code": "EX-1", "name": "Exercise", "start_date": "2027-01-01", "timezone": "Asia/Bangkok", "is_exercise": true}))
        .await;
    assert_eq!(bangkok.body["timezone"], "Asia/Bangkok");
    assert_eq!(bangkok.body["is_exercise"], true);
    let indicators = app.get("/api/v1/indicators", t).await;
    let codes: Vec<&str> = indicators.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 26);
    assert!(
        codes.contains(&"smuggling_cases_screened_for_trafficking")
            && codes.contains(&"assets_seized_usd")
    );
}

#[tokio::test]
async fn participation_put_is_idempotent_and_delete_answers_404_for_non_participants() {
    let w = world().await;
    let app = &w.app;
    let again = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/agencies/{}", w.jpa, w.a),
            Some(&w.co_chair),
            None,
        )
        .await;
    assert_eq!(again.status, 200);
    let d_out = app
        .request(
            "DELETE",
            &format!("/api/v1/jpas/{}/agencies/{}", w.jpa, w.d),
            Some(&w.co_chair),
            None,
        )
        .await;
    assert_eq!(d_out.status, 404);
    let by_liaison = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/agencies/{}", w.jpa, w.d),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(by_liaison.status, 403);
    let d_in = app
        .request(
            "PUT",
            &format!("/api/v1/jpas/{}/agencies/{}", w.jpa, w.d),
            Some(&w.co_chair),
            None,
        )
        .await;
    assert_eq!(d_in.status, 201);
    assert_eq!(d_in.body["joined_on"], json!(today().max(w.start)));
    assert_eq!(
        app.get(&format!("/api/v1/jpas/{}", w.jpa), &w.ld)
            .await
            .status,
        200,
        "D sees the JPA once it takes part"
    );
    let d_leave = app
        .request(
            "DELETE",
            &format!("/api/v1/jpas/{}/agencies/{}", w.jpa, w.d),
            Some(&w.co_chair),
            None,
        )
        .await;
    assert_eq!(d_leave.status, 204);
    let _ = (&w.c, &w.lb);
}
