//! The investigation pages through a browser without JavaScript: the list, the create and
//! edit forms (route legs added and reordered by row buttons), partners and links; who
//! gets which page (route x role x agency), bad input on every form, a stale version.
//! The stored result is checked through the JSON API.

use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::browser::{assert_page, csrf_of, location, Browser};
use crate::helpers::{TestApp, PASSWORD};
use crate::scenario::{world, World};

/// A valid create form plus `extra` fields.
fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("title", "Valid title"),
        ("reference", "R-9"),
        ("crime_types", "people_smuggling"),
    ];
    f.extend_from_slice(extra);
    f
}

/// Posts owned fields.
async fn post_owned(
    b: &mut Browser<'_>,
    path: &str,
    fields: &[(String, String)],
) -> crate::helpers::Resp {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post(path, &refs).await
}

/// A signed-in browser of a new user of `role` (of `agency`).
async fn browser_for<'a>(app: &'a TestApp, role: Role, agency: Option<&String>) -> Browser<'a> {
    let email = format!(
        "{}-{}@web.example",
        role.as_str(),
        uuid::Uuid::new_v4().simple()
    );
    app.create_user(&email, role, agency.cloned()).await;
    let mut b = Browser::new(app);
    let r = b.sign_in(&email, PASSWORD).await;
    assert_eq!(r.status, 303, "sign-in: {}", r.text);
    b
}

/// The `value` of the input named `name` in a page.
fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("the input") + marker.len();
    html[start..].chars().take_while(|c| *c != '"').collect()
}

async fn api(w: &World, path: &str, token: &str) -> Value {
    let r = w.app.get(path, token).await;
    assert_eq!(r.status, 200, "{path}: {}", r.text);
    r.body
}

/// How many investigations the admin sees in the JPA.
async fn count(w: &World) -> usize {
    api(
        w,
        &format!("/api/v1/jpas/{}/investigations", w.jpa),
        &w.app.admin_token,
    )
    .await["items"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn each_page_answers_each_role_and_agency_as_the_operation_decides() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let (jpa, x, y) = (&w.jpa, &w.x, &w.y);
    let mut admin = browser_for(app, Role::Admin, None).await;
    let mut chair = browser_for(app, Role::CoChair, None).await;
    let mut la = browser_for(app, Role::Liaison, Some(&w.a)).await;
    let mut lb = browser_for(app, Role::Liaison, Some(&w.b)).await;
    let mut lc = browser_for(app, Role::Liaison, Some(&w.c)).await;
    let mut ld = browser_for(app, Role::Liaison, Some(&w.d)).await;
    let mut obs = browser_for(app, Role::Observer, None).await;
    let list = format!("/jpas/{jpa}/investigations");
    let new = format!("/jpas/{jpa}/investigations/new");
    let edit = format!("/investigations/{x}/edit");
    let partners = format!("/investigations/{x}/partners");
    let links = format!("/investigations/{x}/links");
    // (page, admin, co-chair, lead liaison, partner liaison, unrelated participant,
    //  non-participant, observer)
    let table: Vec<(&str, [u16; 7])> = vec![
        (&list, [200, 200, 200, 200, 200, 404, 403]),
        (&new, [200, 200, 200, 200, 200, 404, 403]),
        (&edit, [200, 200, 200, 403, 404, 404, 403]),
        (&partners, [200, 200, 200, 403, 404, 404, 403]),
        (&links, [200, 200, 200, 200, 404, 404, 403]),
    ];
    let not_found = ld
        .get("/investigations/00000000-0000-0000-0000-000000000000/edit")
        .await;

    // Act and assert
    for (page, expected) in &table {
        let browsers: [&mut Browser<'_>; 7] = [
            &mut admin, &mut chair, &mut la, &mut lb, &mut lc, &mut ld, &mut obs,
        ];
        for (i, b) in browsers.into_iter().enumerate() {
            let r = b.get(page).await;
            assert_eq!(r.status, expected[i], "{page} as #{i}: {}", r.text);
            assert_page(&r);
            if r.status == 404 {
                assert_eq!(
                    without_request_id(&r.text),
                    without_request_id(&not_found.text),
                    "one 404 page for hidden and missing"
                );
            }
        }
    }
    // The list shows what each may see; a restricted reference is withheld.
    let seen_by_la = la.get(&list).await.text;
    assert!(seen_by_la.contains(&format!("/investigations/{x}")));
    assert!(!seen_by_la.contains(&format!("/investigations/{y}")));
    assert!(seen_by_la.contains("New investigation"));
    let seen_by_chair = chair.get(&list).await.text;
    assert!(seen_by_chair.contains("Casino compound"));
    assert!(seen_by_chair.contains("Withheld"));
    assert!(!seen_by_chair.contains("KH-SECRET-7"));
    assert!(seen_by_chair.contains("TH-2026-001"));
    let seen_by_lc = lc.get(&list).await.text;
    assert!(seen_by_lc.contains("KH-SECRET-7"));
    // The edit form of a restricted investigation does not carry what the co-chair may
    // not see, not even in the source.
    let y_edit = chair.get(&format!("/investigations/{y}/edit")).await;
    assert_eq!(y_edit.status, 200, "{}", y_edit.text);
    for secret in ["KH-SECRET-7", "informant details", "Sihanoukville"] {
        assert!(!y_edit.text.contains(secret), "{secret} leaked");
    }
    assert!(y_edit.text.contains("Withheld"));
    assert!(!y_edit.text.contains("name=\"reference\""));
    // The lead decides the compendium opt-in; a co-chair sees it, not a control.
    assert!(la
        .get(&edit)
        .await
        .text
        .contains("name=\"include_in_compendium\""));
    assert!(!chair
        .get(&edit)
        .await
        .text
        .contains("name=\"include_in_compendium\""));
    // Filters and paging.
    let filtered = admin
        .get(&format!(
            "{list}?status=open&crime_type=trafficking_in_persons&agency_id={}&q=casino",
            w.c
        ))
        .await;
    assert_eq!(filtered.status, 200);
    assert!(filtered.text.contains("Casino compound") && !filtered.text.contains("Andaman"));
    let first = admin.get(&format!("{list}?limit=1")).await;
    assert!(first.text.contains("rel=\"next\""));
    let next = {
        let end = first.text.find("\" rel=\"next\"").unwrap();
        let start = first.text[..end].rfind("href=\"").unwrap() + 6;
        first.text[start..end].replace("&amp;", "&")
    };
    let second = admin.get(&next).await;
    assert_eq!(second.status, 200, "{next}");
    assert!(first.text.contains("Casino compound") != second.text.contains("Casino compound"));
    assert!(second.text.contains("First page"));
    let bad = admin.get(&format!("{list}?status=bogus")).await;
    assert_eq!(bad.status, 400);
    assert!(bad.text.contains("error-summary"));
    let long_q = admin.get(&format!("{list}?q={}", "a".repeat(201))).await;
    assert_eq!(long_q.status, 400);
    // Signed out: to the sign-in page, back here after.
    let mut anon = Browser::new(app);
    let r = anon.get(&edit).await;
    assert_eq!(r.status, 303);
    assert_eq!(
        location(&r),
        format!("/login?next=/investigations/{x}/edit")
    );
}

/// A page less the request id it quotes (it differs per request).
fn without_request_id(html: &str) -> String {
    regex::Regex::new(r"request id [A-Za-z0-9-]+")
        .unwrap()
        .replace_all(html, "")
        .into_owned()
}

#[tokio::test]
async fn an_investigation_is_created_through_the_form_with_legs_added_and_reordered() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let mut la = browser_for(app, Role::Liaison, Some(&w.a)).await;
    let new = format!("/jpas/{}/investigations/new", w.jpa);
    let page = la.get(&new).await;
    assert_eq!(page.status, 200);
    let csrf = csrf_of(&page.text);
    let mut fields: Vec<(&str, &str)> = vec![
        ("csrf", &csrf),
        ("title", "Mekong river crossing"),
        ("reference", "TH-2026-044"),
        ("summary", "Crossings at night"),
        ("status", "open"),
        ("crime_types", "people_smuggling"),
        ("crime_types", "trafficking_in_persons"),
        ("modus_operandi", "land_border"),
        ("modus_operandi", "document_fraud"),
        ("sensitivity", "restricted"),
        ("route_legs[0].country", "LA"),
        ("route_legs[0].place", "Vientiane"),
        ("route_legs[0].kind", "departure"),
        ("route_legs[0].mode", "land"),
        ("trafficking_indicators[1].code", "deception"),
        ("trafficking_indicators[1].strength", "strong"),
        ("trafficking_indicators[8].code", "debt_bondage"),
        ("trafficking_indicators[8].strength", "weak"),
        ("trafficking_indicators[3].strength", "medium"),
        ("include_in_compendium", "true"),
        ("compendium.facts", "Joint patrols"),
    ];

    // Act: add a row (nothing saved, the input kept), fill it, move it up, save.
    let mut with_add = fields.clone();
    with_add.push(("leg_action", "add"));
    let added = la.post(&new, &with_add).await;
    let after_add = count(&w).await;
    fields.extend([
        ("route_legs[1].country", "TH"),
        ("route_legs[1].place", "Nong Khai"),
        ("route_legs[1].kind", "destination"),
        ("route_legs[1].mode", "land"),
    ]);
    let mut with_up = fields.clone();
    with_up.push(("leg_action", "up-1"));
    let moved = la.post(&new, &with_up).await;
    let mut with_remove = fields.clone();
    with_remove.push(("leg_action", "remove-0"));
    let removed = la.post(&new, &with_remove).await;
    let saved = la.post(&new, &fields).await;

    // Assert
    assert_eq!(added.status, 200, "{}", added.text);
    assert_page(&added);
    assert_eq!(after_add, 2, "a row button saves nothing");
    assert!(added.text.contains("value=\"Mekong river crossing\""));
    assert!(added.text.contains("name=\"route_legs[1].country\""));
    assert!(added.text.contains("Vientiane"));
    assert!(added.text.contains("Joint patrols"));
    assert_eq!(moved.status, 200);
    let nong = moved.text.find("Nong Khai").unwrap();
    let vien = moved.text.find("Vientiane").unwrap();
    assert!(nong < vien, "leg 2 moved up");
    assert_eq!(removed.status, 200);
    assert!(!removed.text.contains("Vientiane") && removed.text.contains("Nong Khai"));
    assert_eq!(saved.status, 303, "{}", saved.text);
    let to = location(&saved);
    let id = to.strip_prefix("/investigations/").unwrap();
    let stored = api(&w, &format!("/api/v1/investigations/{id}"), &w.la).await;
    assert_eq!(stored["title"], "Mekong river crossing");
    assert_eq!(stored["lead_agency_id"], w.a.as_str());
    assert_eq!(stored["sensitivity"], "restricted");
    assert_eq!(
        stored["crime_types"],
        json!(["people_smuggling", "trafficking_in_persons"])
    );
    assert_eq!(
        stored["modus_operandi"],
        json!(["land_border", "document_fraud"])
    );
    assert_eq!(
        stored["route_legs"],
        json!([{"country": "LA", "place": "Vientiane", "kind": "departure", "mode": "land"},
               {"country": "TH", "place": "Nong Khai", "kind": "destination", "mode": "land"}])
    );
    assert_eq!(
        stored["trafficking_indicators"],
        json!([{"code": "debt_bondage", "strength": "weak"}, {"code": "deception", "strength": "strong"}])
    );
    assert_eq!(stored["include_in_compendium"], true);
    assert_eq!(stored["compendium"]["facts"], "Joint patrols");

    // A co-chair names the lead among the participating agencies.
    let mut chair = browser_for(app, Role::CoChair, None).await;
    let lead = w.b.clone();
    let by_chair = chair
        .submit(
            &new,
            &new,
            &[
                ("lead_agency_id", &lead),
                ("title", "Chair's case"),
                ("reference", "VN-1"),
                ("crime_types", "people_smuggling"),
            ],
        )
        .await;
    assert_eq!(by_chair.status, 303, "{}", by_chair.text);
    let id = location(&by_chair).replace("/investigations/", "");
    let stored = api(&w, &format!("/api/v1/investigations/{id}"), &w.co_chair).await;
    assert_eq!(stored["lead_agency_id"], w.b.as_str());
}

#[tokio::test]
async fn bad_input_on_the_create_form_is_refused_with_the_input_kept() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let mut la = browser_for(app, Role::Liaison, Some(&w.a)).await;
    let mut chair = browser_for(app, Role::CoChair, None).await;
    let mut obs = browser_for(app, Role::Observer, None).await;
    let mut ld = browser_for(app, Role::Liaison, Some(&w.d)).await;
    let new = format!("/jpas/{}/investigations/new", w.jpa);
    let long_title = "T".repeat(301);
    let long_summary = "s".repeat(20_001);
    // Act and assert: each is 422, names the field, keeps the input, saves nothing.
    let too_long = la
        .submit(
            &new,
            &new,
            &[
                ("title", &long_title),
                ("reference", "R-9"),
                ("crime_types", "people_smuggling"),
            ],
        )
        .await;
    assert_eq!(too_long.status, 422, "{}", too_long.text);
    assert_page(&too_long);
    assert!(too_long.text.contains("href=\"#title\""));
    assert!(too_long.text.contains(&long_title), "input kept");
    let summary = la
        .submit(&new, &new, &{
            let mut f: Vec<(&str, &str)> = with(&[]);
            f.push(("summary", &long_summary));
            f
        })
        .await;
    assert_eq!(summary.status, 422);
    assert!(summary.text.contains("href=\"#summary\""));
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (with(&[("opened_on", "yesterday")]), "#opened_on"),
        (with(&[("opened_on", "2999-01-01")]), "#opened_on"),
        (
            with(&[("status", "closed"), ("closed_on", "2001-01-01")]),
            "#closed_on",
        ),
        (
            with(&[("status", "open"), ("closed_on", "2026-01-01")]),
            "#closed_on",
        ),
        (with(&[("status", "bogus")]), "#status"),
        (with(&[("crime_types", "piracy")]), "#crime_types"),
        (with(&[("modus_operandi", "teleport")]), "#modus_operandi"),
        (with(&[("sensitivity", "secret")]), "#sensitivity"),
        (
            with(&[
                ("route_legs[0].country", "XX"),
                ("route_legs[0].kind", "transit"),
                ("route_legs[0].mode", "sea"),
            ]),
            "#route_legs-0-country",
        ),
        (
            with(&[
                ("route_legs[0].country", "TH"),
                ("route_legs[0].kind", "flying"),
                ("route_legs[0].mode", "sea"),
            ]),
            "#route_legs-0-kind",
        ),
        (
            with(&[("trafficking_indicators[0].code", "abuse_of_vulnerability")]),
            "#trafficking_indicators-0-strength",
        ),
        (
            vec![
                ("title", ""),
                ("reference", "R"),
                ("crime_types", "people_smuggling"),
            ],
            "#title",
        ),
        (
            vec![("title", "No crime type"), ("reference", "R")],
            "#crime_types",
        ),
        // Another agency's id in the lead field of a liaison's form.
        (with(&[("lead_agency_id", w.c.as_str())]), "#lead_agency_id"),
    ];
    for (fields, anchor) in &cases {
        let r = la.submit(&new, &new, fields).await;
        assert_eq!(r.status, 422, "{fields:?}: {}", r.text);
        assert!(
            r.text.contains(&format!("href=\"{anchor}\"")),
            "{fields:?} -> {anchor}: {}",
            r.text
        );
        assert!(
            r.text.contains("class=\"error-message\""),
            "the message at the field"
        );
    }
    let kept = la
        .submit(
            &new,
            &new,
            &with(&[("opened_on", "yesterday"), ("summary", "keep me")]),
        )
        .await;
    assert!(kept.text.contains("value=\"yesterday\"") && kept.text.contains("keep me"));
    // A coordinator's lead must take part in the JPA.
    let d = w.d.clone();
    let outsider = chair
        .submit(&new, &new, &{
            let mut f = with(&[]);
            f.push(("lead_agency_id", &d));
            f
        })
        .await;
    assert_eq!(outsider.status, 422, "{}", outsider.text);
    assert!(outsider.text.contains("href=\"#lead_agency_id\""));
    let no_lead = chair.submit(&new, &new, &with(&[])).await;
    assert_eq!(no_lead.status, 422);
    // Roles and agencies that may not create, and a form without its token.
    for (b, expected) in [(&mut obs, 403), (&mut ld, 404)] {
        let csrf = csrf_of(&b.get("/jpas").await.text);
        let mut f = with(&[]);
        f.push(("csrf", &csrf));
        assert_eq!(b.post(&new, &f).await.status, expected);
    }
    assert_eq!(la.post(&new, &with(&[])).await.status, 403);
    assert_eq!(count(&w).await, 2, "nothing was created");
}

#[tokio::test]
async fn an_edit_with_a_stale_version_keeps_the_input_and_overwrites_nothing() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let x = &w.x;
    let edit = format!("/investigations/{x}/edit");
    let mut la = browser_for(app, Role::Liaison, Some(&w.a)).await;
    let mut lb = browser_for(app, Role::Liaison, Some(&w.b)).await;
    let mut lc = browser_for(app, Role::Liaison, Some(&w.c)).await;
    let page = la.get(&edit).await;
    assert_eq!(page.status, 200);
    let csrf = csrf_of(&page.text);
    let version = input_value(&page.text, "version");
    assert!(page.text.contains("value=\"TH-2026-001\""));
    assert!(
        page.text.contains("Kawthaung"),
        "the stored legs are in the form"
    );
    let form = |title: &'static str, version: String| {
        vec![
            ("csrf".to_string(), csrf.clone()),
            ("version".to_string(), version),
            ("title".to_string(), title.to_string()),
            ("reference".to_string(), "TH-2026-001".to_string()),
            ("status".to_string(), "suspended".to_string()),
            ("crime_types".to_string(), "people_smuggling".to_string()),
            ("sensitivity".to_string(), "standard".to_string()),
            ("route_legs[0].country".to_string(), "MM".to_string()),
            ("route_legs[0].kind".to_string(), "departure".to_string()),
            ("route_legs[0].mode".to_string(), "sea".to_string()),
        ]
    };
    // Someone changes it meanwhile.
    let elsewhere = app
        .patch(
            &format!("/api/v1/investigations/{x}"),
            &w.la,
            version.parse().unwrap(),
            json!({"title": "Changed elsewhere"}),
        )
        .await;
    assert_eq!(elsewhere.status, 200, "{}", elsewhere.text);

    // Act
    let stale = post_owned(&mut la, &edit, &form("My new title", version.clone())).await;
    let after_stale = api(&w, &format!("/api/v1/investigations/{x}"), &w.la).await;
    let fresh_version = input_value(&stale.text, "version");
    let resubmitted = post_owned(&mut la, &edit, &form("My new title", fresh_version)).await;

    // Assert
    assert_eq!(stale.status, 409, "{}", stale.text);
    assert_page(&stale);
    assert!(stale
        .text
        .contains("changed this investigation while you were editing"));
    assert!(stale.text.contains("value=\"My new title\""), "input kept");
    assert_eq!(
        after_stale["title"], "Changed elsewhere",
        "nothing overwritten"
    );
    assert_eq!(resubmitted.status, 303, "{}", resubmitted.text);
    assert_eq!(location(&resubmitted), format!("/investigations/{x}"));
    let stored = api(&w, &format!("/api/v1/investigations/{x}"), &w.la).await;
    assert_eq!(stored["title"], "My new title");
    assert_eq!(stored["status"], "suspended");
    assert_eq!(
        stored["route_legs"],
        json!([{"country": "MM", "place": "", "kind": "departure", "mode": "sea"}])
    );
    let v = stored["version"].to_string();

    // Bad input on the edit form: 422, the input kept, nothing changed.
    let mut too_long = form("x", v.clone());
    too_long[2].1 = "T".repeat(301);
    let r = post_owned(&mut la, &edit, &too_long).await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains(&"T".repeat(301)));
    let mut future = form("Future", v.clone());
    future.push(("opened_on".into(), "2999-12-31".into()));
    assert_eq!(post_owned(&mut la, &edit, &future).await.status, 422);
    let mut bad_date = form("Bad date", v.clone());
    bad_date.push(("opened_on".into(), "31/12/2025".into()));
    assert_eq!(post_owned(&mut la, &edit, &bad_date).await.status, 422);
    assert_eq!(
        post_owned(&mut la, &edit, &form("No version", "abc".into()))
            .await
            .status,
        400
    );
    // A partner liaison may not change the investigation's own fields; an unrelated
    // liaison does not see it.
    let mut partner = form("Partner's title", v.clone());
    partner[0].1 = csrf_of(
        &lb.get(&format!("/jpas/{}/investigations", w.jpa))
            .await
            .text,
    );
    assert_eq!(post_owned(&mut lb, &edit, &partner).await.status, 403);
    let mut unrelated = form("Unrelated", v.clone());
    unrelated[0].1 = csrf_of(
        &lc.get(&format!("/jpas/{}/investigations", w.jpa))
            .await
            .text,
    );
    assert_eq!(post_owned(&mut lc, &edit, &unrelated).await.status, 404);
    let end = api(&w, &format!("/api/v1/investigations/{x}"), &w.la).await;
    assert_eq!(end["title"], "My new title");
    assert_eq!(end["version"].to_string(), v);
}

#[tokio::test]
async fn partners_are_added_and_removed_among_the_participating_agencies() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let x = &w.x;
    let page = format!("/investigations/{x}/partners");
    let mut la = browser_for(app, Role::Liaison, Some(&w.a)).await;
    let mut lb = browser_for(app, Role::Liaison, Some(&w.b)).await;
    let mut lc = browser_for(app, Role::Liaison, Some(&w.c)).await;
    let shown = la.get(&page).await;
    assert!(shown.text.contains("Vietnam Immigration"));
    assert!(
        shown.text.contains(&format!("value=\"{}\"", w.c)),
        "C may be added"
    );
    assert!(
        !shown.text.contains("Lao Border Police"),
        "D takes no part in the JPA"
    );
    let milestone = app
        .post(
            &format!("/api/v1/investigations/{x}/milestones"),
            Some(&w.lb),
            json!({"kind": "intelligence_shared", "title": "Share", "due_on": crate::scenario::today()}),
        )
        .await;
    assert_eq!(milestone.status, 201, "{}", milestone.text);

    // Act
    let added = la.submit(&page, &page, &[("agency_id", &w.c)]).await;
    let partners_after_add =
        api(&w, &format!("/api/v1/investigations/{x}"), &w.la).await["partner_agency_ids"].clone();
    let outsider = la.submit(&page, &page, &[("agency_id", &w.d)]).await;
    let garbage = la.submit(&page, &page, &[("agency_id", "not-an-id")]).await;
    let empty = la.submit(&page, &page, &[("agency_id", "")]).await;
    let removed = la
        .submit(&page, &format!("{page}/{}/remove", w.c), &[])
        .await;
    let in_use = la
        .submit(&page, &format!("{page}/{}/remove", w.b), &[])
        .await;
    let by_partner = {
        let csrf = csrf_of(&lb.get(&format!("/investigations/{x}/links")).await.text);
        lb.post(&page, &[("csrf", &csrf), ("agency_id", &w.c)])
            .await
    };
    let by_unrelated = {
        let csrf = csrf_of(
            &lc.get(&format!("/jpas/{}/investigations", w.jpa))
                .await
                .text,
        );
        lc.post(&page, &[("csrf", &csrf), ("agency_id", &w.c)])
            .await
    };

    // Assert
    assert_eq!(added.status, 303, "{}", added.text);
    assert_eq!(location(&added), format!("{page}?notice=partner-added"));
    assert!(partners_after_add
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == w.c.as_str()));
    assert_eq!(outsider.status, 422, "{}", outsider.text);
    assert!(outsider.text.contains("href=\"#agency_id\""));
    assert_eq!(garbage.status, 422);
    assert_eq!(empty.status, 422);
    assert_eq!(removed.status, 303);
    assert_eq!(in_use.status, 409, "{}", in_use.text);
    assert!(in_use.text.contains("responsible for milestones"));
    assert_eq!(by_partner.status, 403);
    assert_eq!(by_unrelated.status, 404);
    let end = api(&w, &format!("/api/v1/investigations/{x}"), &w.la).await;
    assert_eq!(end["partner_agency_ids"], json!([w.b]));
    let notice = la.get(&format!("{page}?notice=partner-removed")).await;
    assert!(notice.text.contains("The partner agency was removed."));
}

#[tokio::test]
async fn links_are_added_and_removed_where_the_caller_may() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let (x, y) = (&w.x, &w.y);
    let z = app
        .post(
            &format!("/api/v1/jpas/{}/investigations", w.jpa),
            Some(&w.la),
            json!({"reference": "TH-Z", "title": "Second Thai case", "crime_types": ["people_smuggling"]}),
        )
        .await;
    let z = z.body["id"].as_str().unwrap().to_string();
    // B partners both X and Z, and leads neither.
    let partner = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{z}/partners/{}", w.b),
            Some(&w.la),
            None,
        )
        .await;
    assert_eq!(partner.status, 201, "{}", partner.text);
    let page = format!("/investigations/{x}/links");
    let mut la = browser_for(app, Role::Liaison, Some(&w.a)).await;
    let mut lb = browser_for(app, Role::Liaison, Some(&w.b)).await;
    let mut chair = browser_for(app, Role::CoChair, None).await;
    let shown = la.get(&page).await;
    assert!(shown.text.contains(&format!("value=\"{z}\"")));
    assert!(!shown.text.contains(y.as_str()), "Y is not LA's to see");

    // Act
    let added = la
        .submit(
            &page,
            &page,
            &[("investigation_id", &z), ("relation", "same_network")],
        )
        .await;
    let again = la
        .submit(
            &page,
            &page,
            &[("investigation_id", &z), ("relation", "related")],
        )
        .await;
    let hidden = la
        .submit(
            &page,
            &page,
            &[("investigation_id", y), ("relation", "related")],
        )
        .await;
    let bad_relation = la
        .submit(
            &page,
            &page,
            &[("investigation_id", &z), ("relation", "cousin")],
        )
        .await;
    let by_partner = lb
        .submit(
            &page,
            &page,
            &[("investigation_id", &z), ("relation", "related")],
        )
        .await;
    let listed = api(&w, &format!("/api/v1/investigations/{x}/links"), &w.la).await;
    let removed = la.submit(&page, &format!("{page}/{z}/remove"), &[]).await;

    // Assert
    assert_eq!(added.status, 303, "{}", added.text);
    assert_eq!(location(&added), format!("{page}?notice=link-added"));
    assert_eq!(listed["items"][0]["investigation_id"], z.as_str());
    assert_eq!(listed["items"][0]["relation"], "same_network");
    assert_eq!(again.status, 409);
    assert!(again.text.contains("already linked"));
    assert_eq!(hidden.status, 422, "{}", hidden.text);
    assert!(!hidden.text.contains("Casino compound"));
    assert_eq!(bad_relation.status, 422);
    assert!(bad_relation.text.contains("href=\"#relation\""));
    assert_eq!(by_partner.status, 403, "{}", by_partner.text);
    assert_eq!(removed.status, 303);
    let end = api(&w, &format!("/api/v1/investigations/{x}/links"), &w.la).await;
    assert_eq!(end["items"], json!([]));
    // A co-chair sees a link to a restricted investigation without its reference.
    let link = app
        .post(
            &format!("/api/v1/investigations/{x}/links"),
            Some(&app.admin_token),
            json!({"investigation_id": y, "relation": "related"}),
        )
        .await;
    assert_eq!(link.status, 201, "{}", link.text);
    let seen = chair.get(&page).await;
    assert!(seen.text.contains("Casino compound") && seen.text.contains("Withheld"));
    assert!(!seen.text.contains("KH-SECRET-7"));
}
