//! The operations on their own, without HTTP: the rules easiest to state as "this caller,
//! this call, this answer" (who sees an investigation, what is withheld from whom, who may
//! set which field). Every face calls these functions, so a rule that holds here holds
//! for the JSON API and the pages alike.

use jpa_coord::auth::Caller;
use jpa_coord::domain::Role;
use jpa_coord::error::Error;
use jpa_coord::operations::{self, investigations, milestones, outcomes, AuditContext};
use serde_json::json;

use crate::scenario::{today, world, World};

/// A signed-in caller of `role` (a real user, so audit records name someone).
async fn caller(w: &World, role: Role, agency: Option<&String>) -> Caller {
    let email = format!(
        "{}-{}@ops.example",
        role.as_str(),
        uuid::Uuid::new_v4().simple()
    );
    let id = w.app.create_user(&email, role, agency.cloned()).await;
    Caller {
        user_id: id,
        session_id: "operations-test".into(),
        role,
        agency_id: agency.cloned(),
        email,
        client_addr: None,
    }
}

fn ctx(c: &Caller) -> AuditContext {
    AuditContext {
        actor_id: Some(c.user_id.clone()),
        request_id: None,
        client_addr: None,
    }
}

async fn get(w: &World, c: &Caller, id: &str) -> Result<investigations::InvestigationView, Error> {
    let (c, id) = (c.clone(), id.to_string());
    w.app
        .state
        .db
        .run(move |conn| investigations::get(conn, &c, &id))
        .await
}

#[tokio::test]
async fn an_investigation_is_seen_by_its_agencies_and_the_coordinators_only() {
    let w = world().await;
    let admin = caller(&w, Role::Admin, None).await;
    let co_chair = caller(&w, Role::CoChair, None).await;
    let lead = caller(&w, Role::Liaison, Some(&w.a)).await;
    let partner = caller(&w, Role::Liaison, Some(&w.b)).await;
    let other = caller(&w, Role::Liaison, Some(&w.c)).await;
    let outsider = caller(&w, Role::Liaison, Some(&w.d)).await;
    let observer = caller(&w, Role::Observer, None).await;
    for c in [&admin, &co_chair, &lead, &partner] {
        let seen = get(&w, c, &w.x).await.expect("visible");
        assert_eq!(seen.id, w.x, "{:?}", c.role);
    }
    for c in [&other, &outsider] {
        assert!(matches!(get(&w, c, &w.x).await, Err(Error::NotFound)));
    }
    assert!(matches!(
        get(&w, &observer, &w.x).await,
        Err(Error::Forbidden)
    ));
    // The list applies the same rule in its query.
    let page = operations::Page {
        limit: 50,
        after: None,
    };
    let (o, jpa) = (other.clone(), w.jpa.clone());
    let listed = w
        .app
        .state
        .db
        .run(move |conn| {
            investigations::list(
                conn,
                &o,
                &jpa,
                investigations::InvestigationFilter::default(),
                page,
            )
        })
        .await
        .unwrap();
    let ids: Vec<&str> = listed.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![w.y.as_str()],
        "agency C sees only its own investigation"
    );
}

#[tokio::test]
async fn a_restricted_investigations_protected_fields_stay_with_its_own_agencies() {
    let w = world().await;
    let co_chair = caller(&w, Role::CoChair, None).await;
    let own = caller(&w, Role::Liaison, Some(&w.c)).await;
    let admin = caller(&w, Role::Admin, None).await;
    let mine = get(&w, &own, &w.y).await.unwrap();
    assert!(!mine.redacted);
    assert_eq!(mine.reference.as_deref(), Some("KH-SECRET-7"));
    assert!(mine.route_legs.is_some());
    for c in [&co_chair, &admin] {
        let theirs = get(&w, c, &w.y).await.unwrap();
        assert!(theirs.redacted, "{:?}", c.role);
        assert_eq!(theirs.reference, None);
        assert_eq!(theirs.summary, None);
        assert!(theirs.route_legs.is_none());
        assert_eq!(
            theirs.title, "Casino compound",
            "the title is not protected"
        );
    }
    // Nor may a co-chair change them (it would have to see them first).
    let (c, y) = (co_chair.clone(), w.y.clone());
    let version = mine.version;
    let input = serde_json::from_value(json!({"reference": "GUESSED-1"})).unwrap();
    let refused = w
        .app
        .state
        .db
        .run(move |conn| investigations::update(conn, &c, &ctx(&c), &y, version, input))
        .await;
    match refused {
        Err(Error::Invalid(errors)) => assert_eq!(errors[0].field, "reference"),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn who_may_set_which_field_is_decided_by_the_operation() {
    let w = world().await;
    let partner = caller(&w, Role::Liaison, Some(&w.b)).await;
    let co_chair = caller(&w, Role::CoChair, None).await;
    let version = get(&w, &partner, &w.x).await.unwrap().version;

    // A partner edits no field of the investigation itself.
    let (p, x) = (partner.clone(), w.x.clone());
    let input = serde_json::from_value(json!({"title": "Renamed by a partner"})).unwrap();
    let refused = w
        .app
        .state
        .db
        .run(move |conn| investigations::update(conn, &p, &ctx(&p), &x, version, input))
        .await;
    assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");

    // Only the lead agency opts into the compendium, not a co-chair.
    let (c, x) = (co_chair.clone(), w.x.clone());
    let input = serde_json::from_value(json!({"include_in_compendium": true})).unwrap();
    let refused = w
        .app
        .state
        .db
        .run(move |conn| investigations::update(conn, &c, &ctx(&c), &x, version, input))
        .await;
    match refused {
        Err(Error::Invalid(errors)) => assert_eq!(errors[0].field, "include_in_compendium"),
        other => panic!("expected a field error, got {other:?}"),
    }

    // A partner makes only its own agency responsible for a milestone.
    let (p, x, lead) = (partner.clone(), w.x.clone(), w.a.clone());
    let input = serde_json::from_value(json!({"kind": "joint_operation", "title": "Raid",
        "due_on": today(), "responsible_agency_id": lead}))
    .unwrap();
    let refused = w
        .app
        .state
        .db
        .run(move |conn| milestones::create(conn, &p, &ctx(&p), &x, input))
        .await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");

    // The reporting liaison's agency counts the outcome; it cannot name another.
    let (p, x, lead) = (partner.clone(), w.x.clone(), w.a.clone());
    let input = serde_json::from_value(json!({"indicator": "arrests", "value": 3,
        "occurred_on": today(), "lead_agency_id": lead}))
    .unwrap();
    let refused = w
        .app
        .state
        .db
        .run(move |conn| outcomes::create(conn, &p, &ctx(&p), &x, input))
        .await;
    match refused {
        Err(Error::Invalid(errors)) => assert_eq!(errors[0].field, "lead_agency_id"),
        other => panic!("expected a field error, got {other:?}"),
    }
    let (p, x) = (partner.clone(), w.x.clone());
    let input =
        serde_json::from_value(json!({"indicator": "arrests", "value": 3, "occurred_on": today()}))
            .unwrap();
    let reported = w
        .app
        .state
        .db
        .run(move |conn| outcomes::create(conn, &p, &ctx(&p), &x, input))
        .await
        .unwrap();
    assert_eq!(
        reported.lead_agency_id, w.b,
        "the partner's own agency counts it"
    );
}
