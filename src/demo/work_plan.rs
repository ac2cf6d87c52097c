//! The demo's forward work plan: the priorities and action items of the working group's
//! 2021-23 plan, carried into a plan around the demo JPA's year so that the JPA's
//! progress shows on the item it delivers; members' interest, a held annual meeting a
//! few months into the JPA and the coming one. Made through the operations by the
//! demo's co-chair, as the secretariat records what members said at the meetings.

use chrono::{Datelike, Months, NaiveDate};

use crate::auth::Caller;
use crate::db::audit::AuditContext;
use crate::db::DbConnection;
use crate::domain::{InterestRole, ItemStatus};
use crate::error::Error;
use crate::operations::work_plans::{self as ops, Member, Priority};

/// The plan's seven priorities.
const PRIORITIES: &[&str] = &[
    "A compendium of successful cross-border cases",
    "A simulation-based exercise",
    "A 12-month Joint Period of Action",
    "Training by international organisations",
    "A victim-centred approach",
    "Repatriation",
    "Maritime people smuggling",
];

/// Action items: number, text, priorities served.
const ITEMS: &[(&str, &str, &[i32])] = &[
    ("1", "Compile a compendium of successful cross-border cases, including cases from historical JPAs", &[1]),
    ("2", "Run a simulation-based exercise on a cross-border people-smuggling case", &[2, 3]),
    ("3", "Conduct a 12-month Joint Period of Action against people-smuggling and trafficking networks", &[3]),
    ("4", "Deliver training on financial investigation and digital evidence with international organisations", &[4]),
    ("5", "Share guidance on victim identification and referral in joint operations", &[5]),
    ("6", "Agree practical arrangements for the repatriation of smuggled migrants and victims", &[6, 5]),
    ("7", "Exchange information on maritime smuggling routes and vessels of interest", &[7]),
];

fn country(c: &str) -> Member {
    Member::Country(c.into())
}

fn organisation(o: &str) -> Member {
    Member::Organisation(o.into())
}

/// Loads the plan; `jpa_id` (the exercise JPA) delivers item 2.
pub(super) fn load(
    conn: &mut DbConnection,
    chair: &Caller,
    ctx: &AuditContext,
    jpa_id: &str,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<String, Error> {
    let year = start.year();
    let plan = ops::create_plan(
        conn,
        chair,
        ctx,
        ops::CreateWorkPlan {
            title: "Forward Work Plan (demo)".into(),
            first_year: year - 1,
            last_year: year + 1,
            objectives: "Strengthen regional cooperation against people smuggling and trafficking in persons: share what works, investigate across borders together, and put victims at the centre.".into(),
            priorities: PRIORITIES
                .iter()
                .enumerate()
                .map(|(i, text)| Priority {
                    number: i as i32 + 1,
                    text: (*text).into(),
                })
                .collect(),
        },
    )?;
    let mut items = Vec::new();
    for (number, text, priorities) in ITEMS {
        let jpa_ids = if *number == "2" {
            vec![jpa_id.to_string()]
        } else {
            Vec::new()
        };
        let item = ops::create_item(
            conn,
            chair,
            ctx,
            &plan.id,
            ops::CreateActionItem {
                number: (*number).into(),
                text: (*text).into(),
                priority_numbers: priorities.to_vec(),
                jpa_ids,
            },
        )?;
        items.push(item.id);
    }
    // The first meeting, three months into the JPA (held); the next, next month.
    let first_day = (start + Months::new(3)).min(today);
    let next_day = today + Months::new(1);
    let interest =
        |conn: &mut DbConnection, item: usize, member: Member, role, on: NaiveDate, note: &str| {
            ops::record_interest(
                conn,
                chair,
                ctx,
                &items[item],
                ops::CreateInterest {
                    member,
                    role,
                    recorded_on: Some(on),
                    note: note.into(),
                },
            )
            .map(|_| ())
        };
    let early = first_day - Months::new(2);
    use InterestRole::{Lead, Support};
    interest(
        conn,
        0,
        organisation("UNODC"),
        Lead,
        early,
        "SHERLOC format",
    )?;
    interest(conn, 0, country("AU"), Support, early, "")?;
    interest(conn, 1, country("TH"), Lead, early, "Hosts the exercise")?;
    interest(conn, 1, country("ID"), Support, early, "")?;
    interest(conn, 2, country("AU"), Lead, early, "")?;
    interest(conn, 2, country("ID"), Lead, early, "Co-lead")?;
    interest(conn, 3, organisation("IOM"), Lead, early, "")?;
    interest(conn, 3, organisation("UNODC"), Support, early, "")?;
    interest(conn, 4, organisation("UNHCR"), Support, early, "")?;
    interest(conn, 6, country("MY"), Lead, early, "")?;
    // Recorded after the first meeting: they show as changes at the next.
    let later = first_day + Months::new(1);
    interest(
        conn,
        4,
        country("PH"),
        Lead,
        later.min(today),
        "Offered at the meeting",
    )?;
    interest(conn, 5, country("VN"), Support, later.min(today), "")?;

    let meeting = |conn: &mut DbConnection, day: NaiveDate, place: &str| {
        ops::create_meeting(
            conn,
            chair,
            ctx,
            &plan.id,
            ops::CreateMeeting {
                held_on: day,
                place: place.into(),
            },
        )
    };
    let update = |conn: &mut DbConnection,
                  meeting: &str,
                  item: usize,
                  status,
                  timeframe: Option<String>,
                  note: &str| {
        ops::record_update(
            conn,
            chair,
            ctx,
            meeting,
            ops::CreateStatusUpdate {
                action_item_id: items[item].clone(),
                status,
                timeframe,
                note: note.into(),
                reason: None,
            },
        )
        .map(|_| ())
    };
    let quarter = |d: NaiveDate| format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1);
    let first = meeting(conn, first_day, "Bangkok")?;
    use ItemStatus::{Delivered, InProgress, NotStarted};
    update(
        conn,
        &first.id,
        0,
        InProgress,
        Some(quarter(next_day)),
        "Cases collected from two JPAs",
    )?;
    update(
        conn,
        &first.id,
        1,
        InProgress,
        Some(quarter(start + Months::new(12))),
        "The exercise JPA is under way",
    )?;
    update(
        conn,
        &first.id,
        2,
        NotStarted,
        Some(quarter(start + Months::new(18))),
        "",
    )?;
    update(conn, &first.id, 3, InProgress, Some("ongoing".into()), "")?;
    update(conn, &first.id, 4, NotStarted, None, "")?;
    update(conn, &first.id, 6, InProgress, Some("ongoing".into()), "")?;
    let first = ops::update_meeting(
        conn,
        chair,
        ctx,
        &first.id,
        first.version,
        ops::UpdateMeeting {
            held: Some(true),
            ..Default::default()
        },
    )?;
    let next = meeting(conn, next_day, "Bali")?;
    update(conn, &next.id, 0, Delivered, None, "Published to members")?;
    update(
        conn,
        &next.id,
        2,
        InProgress,
        Some(quarter(start + Months::new(18))),
        "",
    )?;
    update(
        conn,
        &next.id,
        4,
        InProgress,
        Some(quarter(next_day + Months::new(6))),
        "",
    )?;
    Ok(first.id)
}
