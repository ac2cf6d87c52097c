//! The dashboard (`/jpas/{id}/progress`, and `/jpas/{id}` for admins, co-chairs and
//! observers), its print view, the route matrix, the compendium page and the CSV exports
//! behind the session: the figures equal the progress document's, observers' pages carry
//! no investigation, restricted routes count only for their own agencies.

use std::collections::BTreeMap;

use chrono::{Days, Months};
use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::browser::*;
use crate::helpers::{spawn_app, TestApp, PASSWORD};
use crate::scenario::today;

const LA: &str = "la@dash.example";
const LB: &str = "lb@dash.example";
const LC: &str = "lc@dash.example";
const LD: &str = "ld@dash.example";
const CO: &str = "co@dash.example";
const OBS: &str = "obs@dash.example";

/// A JPA that started five months ago; A (TH), B (VN) and C (MY) take part, D (LA) does
/// not. A leads X (standard, partner B, route LK -> ID -> AU by sea and air) and Z (closed,
/// in the compendium); B leads Y (restricted, route MM -> TH by land). Outcomes: A reports
/// 7 arrests (confirmed) and 3 (provisional) on X; B 2 victims identified on Y.
struct Fixture {
    app: TestApp,
    jpa: String,
    a: String,
    /// (id, title, reference) of X, Y and Z.
    investigations: Vec<(String, &'static str, &'static str)>,
}

async fn token(app: &TestApp, email: &str) -> String {
    let (status, body) = app.login(email, PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_string()
}

fn leg(country: &str, kind: &str, mode: &str) -> Value {
    json!({"country": country, "place": "", "kind": kind, "mode": mode})
}

async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let start = today() - Months::new(5);
    let a = app.create_agency("Royal Thai Police", "TH").await;
    let b = app.create_agency("Vietnam Immigration", "VN").await;
    let c = app.create_agency("Royal Malaysia Police", "MY").await;
    let d = app.create_agency("Lao Border Police", "LA").await;
    let jpa = app
        .post(
            "/api/v1/jpas",
            Some(&admin),
            json!({"code": "JPA-D", "name": "Dashboard JPA", "start_date": start, "status": "active", "is_exercise": true}),
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
    app.create_user(LA, Role::Liaison, Some(a.clone())).await;
    app.create_user(LB, Role::Liaison, Some(b.clone())).await;
    app.create_user(LC, Role::Liaison, Some(c.clone())).await;
    app.create_user(LD, Role::Liaison, Some(d.clone())).await;
    app.create_user(CO, Role::CoChair, None).await;
    app.create_user(OBS, Role::Observer, None).await;
    let la = token(&app, LA).await;
    let lb = token(&app, LB).await;
    let opened = start + Days::new(3);
    let create = |token: String, body: Value| {
        let app = &app;
        let jpa = jpa.clone();
        async move {
            let r = app
                .post(
                    &format!("/api/v1/jpas/{jpa}/investigations"),
                    Some(&token),
                    body,
                )
                .await;
            assert_eq!(r.status, 201, "{}", r.text);
            r.body["id"].as_str().unwrap().to_string()
        }
    };
    let x = create(
        la.clone(),
        json!({"reference": "TH-REF-X1", "title": "Andaman boat network", "crime_types": ["people_smuggling"],
               "opened_on": opened,
               "route_legs": [leg("LK", "departure", "air"), leg("ID", "transit", "sea"), leg("AU", "destination", "sea")]}),
    )
    .await;
    let y = create(
        lb.clone(),
        json!({"reference": "VN-SECRET-Y2", "title": "Hidden border ring", "crime_types": ["trafficking_in_persons"],
               "opened_on": opened, "sensitivity": "restricted",
               "route_legs": [leg("MM", "recruitment", "land"), leg("TH", "exploitation", "land")]}),
    )
    .await;
    let z = create(
        la.clone(),
        json!({"reference": "TH-COMP-Z3", "title": "Closed compendium case", "crime_types": ["people_smuggling", "trafficking_in_persons"],
               "opened_on": opened, "status": "closed", "closed_on": opened + Days::new(20),
               "include_in_compendium": true,
               "compendium": {"facts": "Forty migrants on a fishing boat.", "elements_of_success": "Joint patrols.", "challenges": "Evidence abroad."}}),
    )
    .await;
    let partner = app
        .request(
            "PUT",
            &format!("/api/v1/investigations/{x}/partners/{b}"),
            Some(&la),
            None,
        )
        .await;
    assert_eq!(partner.status, 201, "{}", partner.text);
    let on = today() - Days::new(1);
    for (token, inv, indicator, value, status) in [
        (&la, &x, "arrests", 7, "confirmed"),
        (&la, &x, "arrests", 3, "provisional"),
        (&lb, &y, "victims_identified", 2, "provisional"),
    ] {
        let r = app
            .post(
                &format!("/api/v1/investigations/{inv}/outcomes"),
                Some(token),
                json!({"indicator": indicator, "value": value, "occurred_on": on, "status": status}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let r = app
        .post(
            &format!("/api/v1/investigations/{x}/milestones"),
            Some(&la),
            json!({"kind": "mla_request", "title": "Send the MLA request", "due_on": today() - Days::new(2)}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    Fixture {
        app,
        jpa,
        a,
        investigations: vec![
            (x, "Andaman boat network", "TH-REF-X1"),
            (y, "Hidden border ring", "VN-SECRET-Y2"),
            (z, "Closed compendium case", "TH-COMP-Z3"),
        ],
    }
}

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let r = b.sign_in(email, PASSWORD).await;
    assert_eq!(r.status, 303, "{email}: {}", r.text);
    b
}

/// Every `data-figure` of a page: path -> the text shown (tags stripped).
fn figures(html: &str) -> BTreeMap<String, String> {
    let re = regex::Regex::new(r#"<span data-figure="([^"]+)">(.*?)</span>"#).unwrap();
    let tags = regex::Regex::new(r"<[^>]+>").unwrap();
    let mut out = BTreeMap::new();
    for cap in re.captures_iter(html) {
        let text = tags
            .replace_all(&cap[2], "")
            .trim()
            .replace("&lt;", "<")
            .replace("&amp;", "&");
        let previous = out.insert(cap[1].to_string(), text.clone());
        if let Some(p) = previous {
            assert_eq!(p, text, "{} shown twice differently", &cap[1]);
        }
    }
    out
}

/// The value at a dotted path of the progress document, `by_agency.<id>` and
/// `by_month.<period>` picking the array element.
fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut v = doc;
    while let Some(p) = parts.next() {
        v = match p {
            "by_agency" => {
                let id = parts.next()?;
                v["by_agency"]
                    .as_array()?
                    .iter()
                    .find(|a| a["agency_id"] == id)?
            }
            "by_month" => {
                let period = parts.next()?;
                v["by_month"]
                    .as_array()?
                    .iter()
                    .find(|m| m["period"] == period)?
            }
            key => v.get(key)?,
        };
    }
    Some(v)
}

/// Every figure (leaf) of the document the dashboard must show, as dotted paths.
fn leaves(doc: &Value) -> Vec<String> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&path, child, out);
                }
            }
            _ => out.push(prefix.to_string()),
        }
    }
    let mut out = Vec::new();
    for key in [
        "months_elapsed",
        "months_total",
        "agencies",
        "investigations",
        "milestones",
        "outcomes",
        "returns",
    ] {
        walk(key, &doc[key], &mut out);
    }
    for a in doc["by_agency"].as_array().unwrap() {
        let id = a["agency_id"].as_str().unwrap();
        for key in [
            "investigations_led",
            "milestones_achieved",
            "milestones_overdue",
            "outcomes",
            "returns",
        ] {
            walk(&format!("by_agency.{id}.{key}"), &a[key], &mut out);
        }
    }
    for m in doc["by_month"].as_array().unwrap() {
        let p = m["period"].as_str().unwrap();
        for (k, v) in m.as_object().unwrap() {
            if k != "period" {
                walk(&format!("by_month.{p}.{k}"), v, &mut out);
            }
        }
    }
    out
}

fn without_request_id(html: &str) -> String {
    regex::Regex::new(r"request id [0-9a-f-]+")
        .unwrap()
        .replace_all(html, "")
        .to_string()
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// The page shows every figure of the document, each as the document has it.
fn assert_page_matches(html: &str, doc: &Value, who: &str) {
    let on_page = figures(html);
    assert!(!on_page.is_empty(), "{who}: no figures");
    for (path, text) in &on_page {
        let expected = at(doc, path).unwrap_or(&Value::Null);
        let expected = if expected.is_null() {
            "0".to_string()
        } else {
            shown(expected)
        };
        assert_eq!(
            text.replace(',', "").to_lowercase(),
            expected.to_lowercase(),
            "{who}: {path}"
        );
    }
    for path in leaves(doc) {
        // An indicator with no figure at all in the JPA has no section of its own; an
        // agency's zero for an indicator is not listed under it.
        let indicator = path
            .split('.')
            .skip_while(|p| !p.starts_with("outcomes"))
            .nth(1);
        if let Some(code) = indicator {
            if doc["outcomes"][code]["total"] == 0 && !path.starts_with("outcomes.") {
                continue;
            }
            if path.starts_with("by_agency.") && at(doc, &path) == Some(&json!(0)) {
                continue;
            }
        }
        assert!(on_page.contains_key(&path), "{who}: {path} is not shown");
    }
}

#[tokio::test]
async fn the_dashboard_shows_the_progress_document_s_figures_to_co_chairs_and_observers() {
    let f = fixture().await;
    let as_of = today() - Days::new(1);
    let month = regex::Regex::new(r"Month (\d+) of (\d+)").unwrap();
    for (email, path) in [
        (CO, format!("/jpas/{}", f.jpa)),
        (CO, format!("/jpas/{}/progress?as_of={as_of}", f.jpa)),
        (CO, format!("/jpas/{}/progress/print?as_of={as_of}", f.jpa)),
        (OBS, format!("/jpas/{}", f.jpa)),
        (OBS, format!("/jpas/{}/progress/print", f.jpa)),
        (LA, format!("/jpas/{}/progress", f.jpa)),
    ] {
        let mut b = signed_in(&f.app, email).await;
        let page = b.get(&path).await;
        assert_eq!(page.status, 200, "{email} {path}: {}", page.text);
        assert_page(&page);
        let day = if path.contains("as_of") {
            format!("?as_of={as_of}")
        } else {
            String::new()
        };
        let token = token(&f.app, email).await;
        let doc = f
            .app
            .get(&format!("/api/v1/jpas/{}/progress{day}", f.jpa), &token)
            .await;
        assert_eq!(doc.status, 200);
        assert_page_matches(&page.text, &doc.body, &format!("{email} {path}"));
        // Every chart is named and described, and no figure rests on colour alone.
        let charts = page.text.matches("<svg class=\"chart-svg\"").count();
        assert!(charts >= 4, "{email} {path}: {charts} charts");
        assert_eq!(
            page.text.matches("role=\"img\" aria-labelledby=").count(),
            charts
        );
        assert_eq!(page.text.matches("<desc id=").count(), charts);
        let cap = month.captures(&page.text).expect("months elapsed of total");
        assert_eq!(cap[1], shown(&doc.body["months_elapsed"]), "{email} {path}");
        assert_eq!(cap[2], shown(&doc.body["months_total"]));
    }
    // The observer's figures are small-cell protected, as in the API (equal above).
    let mut b = signed_in(&f.app, OBS).await;
    let page = b.get(&format!("/jpas/{}/progress", f.jpa)).await;
    let figs = figures(&page.text);
    assert!(figs.values().any(|v| v == "<5"), "{figs:?}");
}

#[tokio::test]
async fn no_page_an_observer_can_open_shows_an_investigation() {
    let f = fixture().await;
    let mut b = signed_in(&f.app, OBS).await;
    let mut pages = vec![
        "/jpas".to_string(),
        format!("/jpas/{}", f.jpa),
        format!("/jpas/{}/progress", f.jpa),
        format!("/jpas/{}/progress?sort=investigations_led&dir=desc", f.jpa),
        format!("/jpas/{}/progress/print", f.jpa),
        format!("/jpas/{}/compendium", f.jpa),
        format!("/jpas/{}/compendium.md", f.jpa),
    ];
    pages.push("/me".into());
    for path in &pages {
        let r = b.get(path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        for (id, title, reference) in &f.investigations {
            for secret in [id.as_str(), title, reference] {
                assert!(!r.text.contains(secret), "{path} shows {secret}");
            }
        }
        assert!(!r.text.contains("/investigations/"), "{path} links one");
    }
    // The compendium still has the case, named by its number.
    let r = b.get(&format!("/jpas/{}/compendium", f.jpa)).await;
    assert!(r.text.contains("Case 1") && r.text.contains("Forty migrants on a fishing boat."));
    // Investigation pages and exports stay closed to observers.
    for path in [
        format!("/jpas/{}/investigations", f.jpa),
        format!("/investigations/{}", f.investigations[0].0),
        format!("/jpas/{}/export/investigations.csv", f.jpa),
        format!("/jpas/{}/compliance", f.jpa),
    ] {
        let r = b.get(&path).await;
        assert_eq!(r.status, 403, "{path}");
    }
}

#[tokio::test]
async fn the_route_matrix_counts_restricted_routes_only_for_their_own_agencies() {
    let f = fixture().await;
    let route_section = |html: &str| -> String {
        let start = html.find("id=\"dash-routes-h\"").expect("a routes section");
        html[start..].to_string()
    };
    // Co-chairs: X's pair, not Y's (restricted).
    let mut co = signed_in(&f.app, CO).await;
    let r = co.get(&format!("/jpas/{}/progress", f.jpa)).await;
    let routes = route_section(&r.text);
    assert!(routes.contains("Sri Lanka (LK)") && routes.contains("Australia (AU)"));
    assert!(routes.contains("Indonesia (ID)"), "transit");
    assert!(!routes.contains("Myanmar (MM)"), "restricted route counted");
    // B leads Y and partners X: both.
    let mut lb = signed_in(&f.app, LB).await;
    let routes = route_section(&lb.get(&format!("/jpas/{}/progress", f.jpa)).await.text);
    assert!(routes.contains("Myanmar (MM)") && routes.contains("Thailand (TH)"));
    assert!(routes.contains("Sri Lanka (LK)"));
    // C takes part in neither.
    let mut lc = signed_in(&f.app, LC).await;
    let routes = route_section(&lc.get(&format!("/jpas/{}/progress", f.jpa)).await.text);
    assert!(!routes.contains("Sri Lanka (LK)") && !routes.contains("Myanmar (MM)"));
    assert!(routes.contains("No routes recorded yet."));
    // Observers: totals only, small ones as "<5", no split by mode.
    let mut obs = signed_in(&f.app, OBS).await;
    let routes = route_section(&obs.get(&format!("/jpas/{}/progress", f.jpa)).await.text);
    assert!(routes.contains("Sri Lanka (LK)") && routes.contains("&lt;5"));
    assert!(!routes.contains(">Sea<"), "{routes}");
    assert!(!routes.contains("Myanmar (MM)"));
}

#[tokio::test]
async fn the_dashboard_answers_every_role_and_bad_input_as_documented() {
    let f = fixture().await;
    let jpa = &f.jpa;
    // Signed out: to sign-in, back here after.
    let mut anon = Browser::new(&f.app);
    for path in [
        format!("/jpas/{jpa}/progress"),
        format!("/jpas/{jpa}/progress/print"),
        format!("/jpas/{jpa}/compendium"),
        format!("/jpas/{jpa}/export/outcomes.csv"),
    ] {
        let r = anon.get(&path).await;
        assert_eq!(r.status, 303, "{path}");
        assert!(location(&r).starts_with("/login?next="), "{path}");
    }
    // A liaison of an agency outside the JPA: the same 404 as a JPA that does not exist.
    let mut ld = signed_in(&f.app, LD).await;
    let missing = ld
        .get("/jpas/00000000-0000-4000-8000-000000000000/progress")
        .await;
    assert_eq!(missing.status, 404);
    for path in [
        format!("/jpas/{jpa}/progress"),
        format!("/jpas/{jpa}/progress/print"),
    ] {
        let r = ld.get(&path).await;
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(
            without_request_id(&r.text),
            without_request_id(&missing.text)
        );
    }
    // A participating liaison: the dashboard, no compendium, no exports.
    let mut la = signed_in(&f.app, LA).await;
    assert_eq!(la.get(&format!("/jpas/{jpa}/progress")).await.status, 200);
    for path in [
        format!("/jpas/{jpa}/compendium"),
        format!("/jpas/{jpa}/compendium.md"),
        format!("/jpas/{jpa}/export/returns.csv"),
    ] {
        assert_eq!(la.get(&path).await.status, 403, "{path}");
    }
    // A wrong as_of: the form comes back 422 with the text kept and a message; the
    // figures shown are today's. Sorting by an unknown column sorts by name.
    let mut co = signed_in(&f.app, CO).await;
    for bad in ["2026-13-01", "yesterday", "%3Cscript%3E", "2026-1-1"] {
        let r = co.get(&format!("/jpas/{jpa}/progress?as_of={bad}")).await;
        assert_eq!(r.status, 422, "{bad}");
        assert!(r.text.contains("Enter the date as YYYY-MM-DD"), "{bad}");
        assert!(!r.text.contains("<script>"));
    }
    let typo = co
        .get(&format!("/jpas/{jpa}/progress?as_of=2026-13-01"))
        .await;
    assert!(
        typo.text.contains("value=\"2026-13-01\""),
        "a mistyped day is kept"
    );
    let text = co
        .get(&format!("/jpas/{jpa}/progress?as_of=csrf%3Dabc"))
        .await;
    assert!(!text.text.contains("csrf=abc"), "free text is not echoed");
    let long = "9".repeat(5000);
    let r = co.get(&format!("/jpas/{jpa}/progress?as_of={long}")).await;
    assert_eq!(r.status, 422);
    assert!(!r.text.contains(&long), "oversized input echoed whole");
    let r = co
        .get(&format!(
            "/jpas/{jpa}/progress?sort=drop%20table&dir=sideways"
        ))
        .await;
    assert_eq!(r.status, 200);
    let r = co
        .get(&format!(
            "/jpas/{jpa}/progress?sort=investigations_led&dir=desc"
        ))
        .await;
    assert_eq!(r.status, 200);
    let table = &r.text[r.text.find("dash-agencies").unwrap()..];
    let thai = table.find("Royal Thai Police").unwrap();
    let malay = table.find("Royal Malaysia Police").unwrap();
    assert!(thai < malay, "A leads two, C none: A first");
    assert!(table.contains("aria-sort=\"descending\""));
    // The print view: the exercise mark, every section, no forms.
    let r = co.get(&format!("/jpas/{jpa}/progress/print")).await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("Exercise: this JPA is a simulation"));
    assert!(!r.text.contains("<details"), "every section open in print");
    let main = &r.text[r.text.find("<main").unwrap()..];
    assert!(!main.contains("<form"), "no forms in the print view");
    // Links from the by-agency table to that agency's investigations and returns.
    let r = co.get(&format!("/jpas/{jpa}")).await;
    assert!(r
        .text
        .contains(&format!("/jpas/{jpa}/investigations?agency_id={}", f.a)));
    assert!(r
        .text
        .contains(&format!("/jpas/{jpa}/returns?agency_id={}", f.a)));
}

#[tokio::test]
async fn exports_and_the_compendium_work_from_the_session() {
    let f = fixture().await;
    let jpa = &f.jpa;
    let mut co = signed_in(&f.app, CO).await;
    let token = token(&f.app, CO).await;
    for kind in ["investigations", "milestones", "outcomes", "returns"] {
        let r = co.get(&format!("/jpas/{jpa}/export/{kind}.csv")).await;
        assert_eq!(r.status, 200, "{kind}");
        assert!(r.header("content-type").unwrap().starts_with("text/csv"));
        assert!(r
            .header("content-disposition")
            .unwrap()
            .contains(&format!("JPA-D-{kind}.csv")));
        let api = f
            .app
            .get(&format!("/api/v1/jpas/{jpa}/export/{kind}.csv"), &token)
            .await;
        assert_eq!(r.text, api.text, "{kind}: the page's export is the API's");
    }
    assert_eq!(
        co.get(&format!("/jpas/{jpa}/export/secrets.csv"))
            .await
            .status,
        404
    );
    // The large pages travel gzipped to a browser that asks.
    for path in [
        format!("/jpas/{jpa}"),
        format!("/jpas/{jpa}/progress"),
        format!("/jpas/{jpa}/progress/print"),
        format!("/jpas/{jpa}/compendium"),
    ] {
        let r = f
            .app
            .send(
                f.app
                    .client
                    .get(f.app.url(&path))
                    .header("Cookie", co.cookie_header())
                    .header("Accept-Encoding", "gzip"),
            )
            .await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("content-encoding").as_deref(),
            Some("gzip"),
            "{path}"
        );
    }
    // The compendium page: the case with its brief, its investigation linked for co-chairs.
    let r = co.get(&format!("/jpas/{jpa}/compendium")).await;
    assert_eq!(r.status, 200);
    assert_page(&r);
    let (z, title, _) = &f.investigations[2];
    assert!(r.text.contains(title) && r.text.contains(&format!("/investigations/{z}")));
    for part in [
        "Facts and modus operandi",
        "Forty migrants on a fishing boat.",
        "Elements of success",
        "Joint patrols.",
        "Challenges",
        "Evidence abroad.",
        "EXERCISE",
    ] {
        assert!(r.text.contains(part), "{part}");
    }
    assert!(
        !r.text.contains(f.investigations[0].1),
        "X is open: not a case"
    );
    let md = co.get(&format!("/jpas/{jpa}/compendium.md")).await;
    assert_eq!(md.status, 200);
    assert!(md
        .header("content-type")
        .unwrap()
        .starts_with("text/markdown"));
    let api = f
        .app
        .get(&format!("/api/v1/jpas/{jpa}/compendium"), &token)
        .await;
    assert_eq!(md.text, api.text);
    assert!(md.text.contains(&format!("## {title}")));
    // The observer's Markdown names the case by number, through the API too.
    let obs = crate::web_dashboard::token(&f.app, OBS).await;
    let api = f
        .app
        .get(&format!("/api/v1/jpas/{jpa}/compendium"), &obs)
        .await;
    assert_eq!(api.status, 200);
    assert!(!api.text.contains(title), "{}", api.text);
    assert!(api
        .text
        .contains("## Case 1: people smuggling and trafficking in persons"));
}

#[tokio::test]
async fn a_write_through_a_page_shows_on_the_dashboard_at_once() {
    let f = fixture().await;
    let mut co = signed_in(&f.app, CO).await;
    let dash = format!("/jpas/{}/progress", f.jpa);
    let before = figures(&co.get(&dash).await.text);
    assert_eq!(before["milestones.achieved"], "0");
    // The lead liaison marks the overdue milestone achieved on the JPA page's button.
    let mut la = signed_in(&f.app, LA).await;
    let page = la.get(&format!("/jpas/{}", f.jpa)).await;
    let action = regex::Regex::new(r#"action="(/milestones/[0-9a-f-]+/achieve)""#)
        .unwrap()
        .captures(&page.text)
        .expect("a mark-achieved button")[1]
        .to_string();
    let csrf = csrf_of(&page.text);
    let next = format!("/jpas/{}", f.jpa);
    let r = la
        .post(
            &action,
            &[("csrf", &csrf), ("version", "1"), ("next", &next)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    // Within the cache's lifetime, the co-chair's dashboard already counts it.
    let after = figures(&co.get(&dash).await.text);
    assert_eq!(after["milestones.achieved"], "1");
    assert_eq!(after["milestones.overdue"], "0");
}
