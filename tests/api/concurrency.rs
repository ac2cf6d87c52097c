//! Real parallel requests, many rounds: N writers holding one `If-Match` give exactly one
//! 200 and N-1 412; parallel submits of one draft give one 200; parallel idempotent PUTs
//! give one 201 and the rest 200; two admins demoting each other leave one admin; parallel
//! wrong passwords evaluate at most the limit. On PostgreSQL (READ COMMITTED) these are
//! the races that lost data; on SQLite they must hold just the same.

use futures_util::future::join_all;
use jpa_coord::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{Resp, TestApp, PASSWORD};
use crate::scenario::{today, world};

const WRITERS: usize = 8;
const ROUNDS: usize = 4;

fn sorted(mut statuses: Vec<u16>) -> Vec<u16> {
    statuses.sort_unstable();
    statuses
}

/// Audit events of `action` about `entity_id`.
async fn audit_count(app: &TestApp, entity_id: &str, action: &str) -> usize {
    let r = app
        .get(
            &format!("/api/v1/audit?entity_id={entity_id}&limit=200"),
            &app.admin_token,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .count()
}

/// Where a resource is read back: its own URL, or the list it appears in.
enum ReadAt<'a> {
    Itself,
    InList(&'a str),
}

impl ReadAt<'_> {
    async fn read(&self, app: &TestApp, token: &str, path: &str, id: &str) -> Value {
        match self {
            ReadAt::Itself => {
                let r = app.get(path, token).await;
                assert_eq!(r.status, 200, "{}", r.text);
                r.body
            }
            ReadAt::InList(list) => {
                let r = app.get(list, token).await;
                assert_eq!(r.status, 200, "{}", r.text);
                r.body["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|item| item["id"] == id)
                    .cloned()
                    .unwrap()
            }
        }
    }
}

/// Sends `WRITERS` PATCHes of `path` at once, all with `If-Match` of the current version,
/// each with its own body; checks one winner whose value is stored, and one audit event
/// per round.
#[allow(clippy::too_many_arguments)]
async fn one_writer_wins(
    app: &TestApp,
    token: &str,
    path: &str,
    read_at: ReadAt<'_>,
    entity_id: &str,
    action: &str,
    body_for: impl Fn(usize, usize) -> Value,
    stored: impl Fn(&Value) -> Value,
) {
    for round in 0..ROUNDS {
        let current = read_at.read(app, token, path, entity_id).await;
        let version = current["version"].as_i64().unwrap();
        let events_before = audit_count(app, entity_id, action).await;
        let bodies: Vec<Value> = (0..WRITERS).map(|i| body_for(round, i)).collect();
        let answers: Vec<Resp> = join_all(
            bodies
                .iter()
                .map(|body| app.patch(path, token, version, body.clone())),
        )
        .await;
        let statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
        let mut expected = vec![412; WRITERS - 1];
        expected.insert(0, 200);
        assert_eq!(
            sorted(statuses.clone()),
            expected,
            "round {round} of {path}"
        );
        for loser in answers.iter().filter(|r| r.status == 412) {
            assert_eq!(loser.problem_code(), "stale_version");
        }
        let winner = answers.iter().position(|r| r.status == 200).unwrap();
        assert_eq!(answers[winner].body["version"], version + 1);
        let after = read_at.read(app, token, path, entity_id).await;
        assert_eq!(after["version"], version + 1);
        assert_eq!(
            stored(&after),
            stored(&bodies[winner]),
            "the winner's value is stored"
        );
        assert_eq!(
            audit_count(app, entity_id, action).await,
            events_before + 1,
            "one audit event per round of {path}"
        );
    }
}

#[tokio::test]
async fn parallel_patches_with_one_if_match_have_exactly_one_winner_for_every_resource() {
    let w = world().await;
    let app = &w.app;
    let admin = app.admin_token.clone();
    let title = |v: &Value| v["title"].clone();

    let inv = format!("/api/v1/investigations/{}", w.x);
    one_writer_wins(
        app,
        &w.la,
        &inv,
        ReadAt::Itself,
        &w.x,
        "investigation.update",
        |r, i| json!({"title": format!("Andaman network r{r} w{i}")}),
        title,
    )
    .await;

    let m = app
        .post(
            &format!("/api/v1/investigations/{}/milestones", w.x),
            Some(&w.la),
            json!({"kind": "joint_operation", "title": "Joint raid", "due_on": today()}),
        )
        .await;
    assert_eq!(m.status, 201, "{}", m.text);
    let m_id = m.body["id"].as_str().unwrap().to_string();
    one_writer_wins(
        app,
        &w.la,
        &format!("/api/v1/milestones/{m_id}"),
        ReadAt::InList(&format!("/api/v1/investigations/{}/milestones", w.x)),
        &m_id,
        "milestone.update",
        |r, i| json!({"title": format!("Joint raid r{r} w{i}")}),
        title,
    )
    .await;

    let agency = format!("/api/v1/agencies/{}", w.d);
    one_writer_wins(
        app,
        &admin,
        &agency,
        ReadAt::Itself,
        &w.d,
        "agency.update",
        |r, i| json!({"name": format!("Lao Border Police r{r} w{i}")}),
        |v| v["name"].clone(),
    )
    .await;

    let jpa = format!("/api/v1/jpas/{}", w.jpa);
    one_writer_wins(
        app,
        &w.co_chair,
        &jpa,
        ReadAt::Itself,
        &w.jpa,
        "jpa.update",
        |r, i| json!({"name": format!("Test JPA r{r} w{i}")}),
        |v| v["name"].clone(),
    )
    .await;

    let user_id = app
        .create_user("racer@agency.example", Role::Observer, None)
        .await;
    one_writer_wins(
        app,
        &admin,
        &format!("/api/v1/users/{user_id}"),
        ReadAt::Itself,
        &user_id,
        "user.update",
        |r, i| json!({"display_name": format!("Racer r{r} w{i}")}),
        |v| v["display_name"].clone(),
    )
    .await;
}

#[tokio::test]
async fn parallel_value_changes_keep_one_revision_chain() {
    let w = world().await;
    let app = &w.app;
    let o = app
        .post(
            &format!("/api/v1/investigations/{}/outcomes", w.x),
            Some(&w.la),
            json!({"indicator": "arrests", "value": 10, "occurred_on": today()}),
        )
        .await;
    assert_eq!(o.status, 201, "{}", o.text);
    let id = o.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/outcomes/{id}");
    one_writer_wins(
        app,
        &w.la,
        &path,
        ReadAt::InList(&format!("/api/v1/investigations/{}/outcomes", w.x)),
        &id,
        "outcome.update",
        |r, i| json!({"value": 100 * (r + 1) + i, "revision_reason": format!("recount r{r} w{i}")}),
        |v| v["value"].clone(),
    )
    .await;
    let history = app.get(&format!("{path}/revisions"), &w.la).await;
    let mut items: Vec<Value> = history.body["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), ROUNDS, "one revision per winning write");
    items.sort_by_key(|r| r["revised_at"].as_str().unwrap().to_string());
    let mut previous = json!(10);
    for revision in &items {
        assert_eq!(
            revision["previous_value"], previous,
            "each revision replaced the value before it"
        );
        previous = revision["new_value"].clone();
    }
    let outcomes = app
        .get(&format!("/api/v1/investigations/{}/outcomes", w.x), &w.la)
        .await;
    assert_eq!(outcomes.body["items"][0]["value"], previous);
}

#[tokio::test]
async fn parallel_submits_of_one_draft_give_one_200_and_one_audit_event() {
    let w = world().await;
    let app = &w.app;
    // Every started period of the JPA (it began five months ago), one round each.
    for months_back in 1..=ROUNDS as u32 {
        let period = (today() - chrono::Months::new(months_back))
            .format("%Y-%m")
            .to_string();
        let path = format!("/api/v1/jpas/{}/returns/{period}", w.jpa);
        let draft = app
            .request(
                "PUT",
                &path,
                Some(&w.la),
                Some(json!({"nil_return": true, "narrative": ""})),
            )
            .await;
        assert_eq!(draft.status, 201, "{}", draft.text);
        let id = draft.body["id"].as_str().unwrap().to_string();
        let submit = format!("{path}/submit");
        let answers =
            join_all((0..WRITERS).map(|_| app.request("POST", &submit, Some(&w.la), None))).await;
        let mut expected = vec![409; WRITERS - 1];
        expected.insert(0, 200);
        assert_eq!(
            sorted(answers.iter().map(|r| r.status).collect()),
            expected,
            "{period}"
        );
        assert_eq!(audit_count(app, &id, "return.submit").await, 1, "{period}");
    }
}

#[tokio::test]
async fn parallel_idempotent_puts_give_one_201_and_the_rest_200() {
    let w = world().await;
    let app = &w.app;
    let admin = app.admin_token.clone();
    let expected = {
        let mut e = vec![200; WRITERS - 1];
        e.push(201);
        e
    };
    for round in 0..ROUNDS {
        // A participation, a partner, and the first PUT of a return, each from scratch.
        let agency = app
            .create_agency(&format!("Philippine Coast Guard {round}"), "PH")
            .await;
        let participation = format!("/api/v1/jpas/{}/agencies/{agency}", w.jpa);
        let answers =
            join_all((0..WRITERS).map(|_| app.request("PUT", &participation, Some(&admin), None)))
                .await;
        assert_eq!(
            sorted(answers.iter().map(|r| r.status).collect()),
            expected,
            "participation, round {round}"
        );
        assert_eq!(
            audit_count(app, &format!("{}:{agency}", w.jpa), "participation.create").await,
            1
        );

        let partner = format!("/api/v1/investigations/{}/partners/{agency}", w.x);
        let answers =
            join_all((0..WRITERS).map(|_| app.request("PUT", &partner, Some(&w.la), None))).await;
        assert_eq!(
            sorted(answers.iter().map(|r| r.status).collect()),
            expected,
            "partner, round {round}"
        );
        let investigation = app
            .get(&format!("/api/v1/investigations/{}", w.x), &w.la)
            .await;
        let partners = investigation.body["partner_agency_ids"].as_array().unwrap();
        assert_eq!(
            partners.iter().filter(|p| **p == agency.as_str()).count(),
            1
        );

        let period = (today() - chrono::Months::new(round as u32 + 1))
            .format("%Y-%m")
            .to_string();
        let path = format!("/api/v1/jpas/{}/returns/{period}", w.jpa);
        let answers = join_all((0..WRITERS).map(|i| {
            app.request(
                "PUT",
                &path,
                Some(&w.lb),
                Some(json!({"nil_return": false, "narrative": format!("writer {i}")})),
            )
        }))
        .await;
        assert_eq!(
            sorted(answers.iter().map(|r| r.status).collect()),
            expected,
            "return, round {round}"
        );
        let listed = app
            .get(
                &format!("/api/v1/jpas/{}/returns?period={period}", w.jpa),
                &w.lb,
            )
            .await;
        assert_eq!(
            listed.body["items"].as_array().unwrap().len(),
            1,
            "one return row"
        );
    }
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let w = world().await;
    let app = &w.app;
    let (a_id, a_token, _) = app.user_with_token(Role::Admin, None).await;
    let (b_id, b_token, _) = app.user_with_token(Role::Admin, None).await;
    // Only the two of them stay admins.
    let boot = app
        .get(&format!("/api/v1/users/{}", app.admin_id), &a_token)
        .await;
    let version = boot.body["version"].as_i64().unwrap();
    let demoted = app
        .patch(
            &format!("/api/v1/users/{}", app.admin_id),
            &a_token,
            version,
            json!({"role": "co_chair"}),
        )
        .await;
    assert_eq!(demoted.status, 200, "{}", demoted.text);
    for round in 0..ROUNDS {
        let va = app
            .get(&format!("/api/v1/users/{a_id}"), &a_token)
            .await
            .body["version"]
            .as_i64()
            .unwrap();
        let vb = app
            .get(&format!("/api/v1/users/{b_id}"), &b_token)
            .await
            .body["version"]
            .as_i64()
            .unwrap();
        let (path_a, path_b) = (
            format!("/api/v1/users/{a_id}"),
            format!("/api/v1/users/{b_id}"),
        );
        let (a_demotes_b, b_demotes_a) = tokio::join!(
            app.patch(&path_b, &a_token, vb, json!({"role": "co_chair"})),
            app.patch(&path_a, &b_token, va, json!({"role": "co_chair"})),
        );
        // The loser is refused: 409 (the last admin), or 403 when the winner's change had
        // already made it a co-chair by the time its request was authenticated.
        let statuses = sorted(vec![a_demotes_b.status, b_demotes_a.status]);
        assert!(
            statuses == [200, 409] || statuses == [200, 403],
            "round {round}: {} / {}",
            a_demotes_b.text,
            b_demotes_a.text
        );
        let users = app.get("/api/v1/users?limit=200", &w.co_chair).await;
        assert_eq!(users.status, 403, "a co-chair cannot list users");
        // The survivor promotes the other back for the next round.
        let (survivor, demoted_id) = if a_demotes_b.status == 200 {
            (&a_token, &b_id)
        } else {
            (&b_token, &a_id)
        };
        let list = app.get("/api/v1/users?limit=200", survivor).await;
        let admins = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["role"] == "admin" && u["active"] == true)
            .count();
        assert_eq!(admins, 1, "round {round}: exactly one active admin");
        let v = app
            .get(&format!("/api/v1/users/{demoted_id}"), survivor)
            .await
            .body["version"]
            .as_i64()
            .unwrap();
        let back = app
            .patch(
                &format!("/api/v1/users/{demoted_id}"),
                survivor,
                v,
                json!({"role": "admin"}),
            )
            .await;
        assert_eq!(back.status, 200, "{}", back.text);
    }
}

#[tokio::test]
async fn thirty_parallel_wrong_passwords_evaluate_at_most_five() {
    let w = world().await;
    let app = &w.app;
    let email = "target@agency.example";
    app.create_user(email, Role::Liaison, Some(w.a.clone()))
        .await;
    let answers = join_all((0..30).map(|i| {
        app.post(
            "/api/v1/auth/login",
            None,
            json!({"email": email, "password": format!("wrong-guess-number-{i}")}),
        )
    }))
    .await;
    let evaluated = answers.iter().filter(|r| r.status == 401).count();
    let throttled = answers.iter().filter(|r| r.status == 429).count();
    assert_eq!(evaluated + throttled, 30, "only 401 or 429");
    assert!(evaluated <= 5, "{evaluated} guesses were checked");
    assert!(throttled >= 25);
    // The right password is throttled now too: the account is locked for the window.
    let (status, _) = app.login(email, PASSWORD).await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn thirty_parallel_wrong_codes_evaluate_at_most_five() {
    let w = world().await;
    let app = &w.app;
    let email = "coded@agency.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, first) = app.login(email, PASSWORD).await;
    let token = first["access_token"].as_str().unwrap();
    let e = app
        .post(
            "/api/v1/me/totp/enroll",
            Some(token),
            json!({"current_password": PASSWORD}),
        )
        .await;
    assert_eq!(e.status, 200, "{}", e.text);
    let secret = e.body["secret"].as_str().unwrap();
    let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, secret).unwrap();
    let code = totp_rs::Builder::new()
        .with_secret(bytes)
        .build()
        .unwrap()
        .generate_current()
        .to_string();
    let on = app
        .post(
            "/api/v1/me/totp/confirm",
            Some(token),
            json!({"code": code}),
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.text);
    let (_, step1) = app.login(email, PASSWORD).await;
    let challenge = step1["mfa_token"].as_str().unwrap().to_string();
    let answers = join_all((0..30).map(|i| {
        app.post(
            "/api/v1/auth/login/totp",
            None,
            json!({"mfa_token": challenge, "code": format!("{:06}", (i * 7919) % 1_000_000)}),
        )
    }))
    .await;
    let evaluated = answers.iter().filter(|r| r.status == 401).count();
    let throttled = answers.iter().filter(|r| r.status == 429).count();
    assert_eq!(evaluated + throttled, 30, "only 401 or 429");
    assert!(evaluated <= 5, "{evaluated} codes were checked");
}

#[tokio::test]
async fn two_factor_cannot_be_turned_on_with_a_token_alone() {
    let w = world().await;
    let app = &w.app;
    let email = "stolen@agency.example";
    app.create_user(email, Role::Observer, None).await;
    let (_, first) = app.login(email, PASSWORD).await;
    let token = first["access_token"].as_str().unwrap();
    let without = app
        .post("/api/v1/me/totp/enroll", Some(token), json!({}))
        .await;
    assert_eq!(without.status, 422, "{}", without.text);
    let wrong = app
        .post(
            "/api/v1/me/totp/enroll",
            Some(token),
            json!({"current_password": "not-the-password"}),
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.body["errors"][0]["field"], "current_password");
    let no_body = app
        .request("POST", "/api/v1/me/totp/enroll", Some(token), None)
        .await;
    assert!(
        no_body.status == 400 || no_body.status == 415 || no_body.status == 422,
        "{}",
        no_body.text
    );
    // Nothing was turned on: the owner still signs in with the password alone.
    let (status, body) = app.login(email, PASSWORD).await;
    assert_eq!(status, 200);
    assert!(body.get("access_token").is_some());
}

#[tokio::test]
async fn an_agency_leaving_at_the_moment_it_starts_work_never_leaves_orphaned_work() {
    let w = world().await;
    let app = &w.app;
    let admin = app.admin_token.clone();
    for round in 0..ROUNDS {
        let agency = app
            .create_agency(&format!("Indonesian National Police {round}"), "ID")
            .await;
        let participation = format!("/api/v1/jpas/{}/agencies/{agency}", w.jpa);
        let joined = app
            .request(
                "PUT",
                &participation,
                Some(&admin),
                Some(json!({"joined_on": w.start})),
            )
            .await;
        assert_eq!(joined.status, 201, "{}", joined.text);
        let (_, liaison, _) = app
            .user_with_token(Role::Liaison, Some(agency.clone()))
            .await;
        // It leaves the JPA while its liaison opens an investigation there.
        let create = format!("/api/v1/jpas/{}/investigations", w.jpa);
        let body = json!({"reference": format!("ID-{round}"), "title": "Batam crossing", "crime_types": ["people_smuggling"]});
        let (left, opened) = tokio::join!(
            app.request("DELETE", &participation, Some(&admin), None),
            app.post(&create, Some(&liaison), body),
        );
        assert!(
            !(left.status == 204 && opened.status == 201),
            "round {round}: the agency left, yet leads an investigation: {}",
            opened.text
        );
        // It stops partnering an investigation while its liaison logs a milestone there.
        if left.status == 204 {
            continue;
        }
        let partner = format!("/api/v1/investigations/{}/partners/{agency}", w.x);
        assert_eq!(
            app.request("PUT", &partner, Some(&w.la), None).await.status,
            201
        );
        let milestones = format!("/api/v1/investigations/{}/milestones", w.x);
        let body = json!({"kind": "intelligence_shared", "title": "Manifest", "due_on": today()});
        let (removed, logged) = tokio::join!(
            app.request("DELETE", &partner, Some(&w.la), None),
            app.post(&milestones, Some(&liaison), body),
        );
        assert!(
            !(removed.status == 204 && logged.status == 201),
            "round {round}: the partner left, yet is responsible for a milestone"
        );
    }
}
