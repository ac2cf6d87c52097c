//! The scale-1 exercise JPA, made through the operations so that it obeys every rule the
//! API enforces (participation, who leads and partners, who is responsible, dates, audit).
//!
//! Who acts:
//! - the co-chairs, the observer and one liaison per agency are created with
//!   `operations::accounts::create_with_password`, as `jpa-coord user create` does;
//! - the first co-chair creates the agencies and the JPA, adds every agency as a
//!   participant, and makes the JPA active;
//! - the lead agency's liaison opens each investigation, adds its partner, plans its
//!   milestones and reports its outcomes; the partner's liaison plans the milestones it is
//!   responsible for and reports the outcomes it leads;
//! - each agency's liaison saves and submits its monthly returns.
//!
//! Each actor is a `Caller` built here. Its `session_id` is a placeholder: operations do
//! not look at sessions (the HTTP `Caller` extractor checks the session before an
//! operation runs), and the audit log records the user, not the session.
//!
//! One thing cannot go through the operations: the past. `returns::submit` stamps
//! `submitted_at` with the present and computes `on_time` from today, so returns of
//! months that have ended would all be submitted today, and late. An exercise needs a
//! history (some returns on time, some late, some missing), so after submitting each
//! return through the operations, `backdate_submissions` moves its `submitted_at` to the
//! simulated day and sets `on_time` to what `submit` would have computed on that day, in
//! one compare-and-set per row, with an audit event (`return.backdate`) saying so.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeZone};
use diesel::prelude::*;
use secrecy::SecretString;

use super::{bar, demo_password, DemoSummary, AGENCIES, PLACES, TITLES};
use crate::auth::Caller;
use crate::db::audit::{self, AuditContext};
use crate::db::schema::{agencies, monthly_returns};
use crate::db::{self, DbConnection};
use crate::domain::indicators::INDICATORS;
use crate::domain::period::{default_end_date, periods_between};
use crate::domain::{
    local_date, today_in, AgencyKind, CrimeType, InvestigationStatus, JpaStatus, LegKind,
    MilestoneKind, MilestoneStatus, ModusOperandi, OutcomeStatus, Role, Sensitivity, TransportMode,
};
use crate::error::Error;
use crate::operations::{self, accounts};

const TIMEZONE: &str = "Asia/Bangkok";
const DUE_DAY: u32 = 10;
const INVESTIGATIONS: usize = 24;
const MILESTONES_EACH: usize = 4;
const OUTCOMES_EACH: usize = 3;

/// What the demo writes as the session of its actors (see the module comment).
const SESSION: &str = "demo-loader";

/// The people of the exercise, created as they go, and the logins the CLI prints.
struct Cast {
    password: SecretString,
    logins: Vec<(String, String)>,
}

impl Cast {
    fn person(
        &mut self,
        conn: &mut DbConnection,
        email: String,
        name: String,
        role: Role,
        agency_id: Option<String>,
    ) -> Result<Caller, Error> {
        let row = accounts::create_with_password(
            conn,
            accounts::NewAccount {
                email: &email,
                display_name: &name,
                role,
                agency_id,
                locale: None,
            },
            &self.password,
            "user.create_demo",
        )?;
        self.logins.push((row.role.clone(), row.email.clone()));
        Ok(Caller {
            user_id: row.id,
            session_id: SESSION.to_string(),
            role,
            agency_id: row.agency_id,
            email: row.email,
            client_addr: None,
        })
    }
}

/// The audit context of an actor's change.
fn ctx(caller: &Caller) -> AuditContext {
    AuditContext {
        actor_id: Some(caller.user_id.clone()),
        request_id: None,
        client_addr: None,
    }
}

/// An agency of the exercise: its id and its liaison.
struct Member {
    id: String,
    liaison: Caller,
}

pub(super) fn load(conn: &mut DbConnection, show_progress: bool) -> Result<DemoSummary, Error> {
    let mut rng = fastrand::Rng::with_seed(2027);
    // The operations refuse dates after today in the JPA's time zone.
    let today = today_in(TIMEZONE);
    let start =
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today) - Months::new(6);
    let end = default_end_date(start).unwrap_or(start);
    let code = format!("EX-DEMO-{}", start.year());
    let code = if db::jpas::with_code(conn, &code)?.is_some() {
        format!("{code}-{}", &db::new_id()[..4])
    } else {
        code
    };
    let password = demo_password()?;
    let mut cast = Cast {
        password: SecretString::from(password.clone()),
        logins: Vec::new(),
    };
    // Keeps the emails of a second demo on the same database apart from the first.
    let tag = db::new_id()[..8].to_string();
    let steps = AGENCIES.len() * 2 + 3 + INVESTIGATIONS * (2 + MILESTONES_EACH + OUTCOMES_EACH);
    let pb = bar(show_progress, steps as u64, "objects");

    let chair = cast.person(
        conn,
        format!("co-chair-1.{tag}@wg.demo.example"),
        "Co-chair One".into(),
        Role::CoChair,
        None,
    )?;
    cast.person(
        conn,
        format!("co-chair-2.{tag}@wg.demo.example"),
        "Co-chair Two".into(),
        Role::CoChair,
        None,
    )?;
    cast.person(
        conn,
        format!("observer.{tag}@unodc.demo.example"),
        "UNODC observer".into(),
        Role::Observer,
        None,
    )?;
    pb.inc(3);

    // A second demo reuses the agencies of the first (names are unique).
    let existing: std::collections::HashMap<String, String> = agencies::table
        .select((agencies::name, agencies::id))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let mut agency_ids = Vec::with_capacity(AGENCIES.len());
    for (i, (name, country, kind)) in AGENCIES.iter().enumerate() {
        let id = match existing.get(*name) {
            Some(id) => id.clone(),
            None => {
                let kind = AgencyKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == *kind)
                    .unwrap_or(AgencyKind::Other);
                operations::agencies::create(
                    conn,
                    &chair,
                    &ctx(&chair),
                    operations::agencies::CreateAgency {
                        name: name.to_string(),
                        country: country.to_string(),
                        kind,
                        contact_email: format!("jpa-desk{i}@agency{i}.demo.example"),
                    },
                )?
                .id
            }
        };
        agency_ids.push(id);
        pb.inc(1);
    }

    let jpa = operations::jpas::create(
        conn,
        &chair,
        &ctx(&chair),
        operations::jpas::CreateJpa {
            code: code.clone(),
            name: "Exercise JPA (demo)".into(),
            description: "Simulated data: not real statistics.".into(),
            start_date: start,
            end_date: Some(end),
            status: None,
            is_exercise: true,
            report_due_day: Some(DUE_DAY as i32),
            reminder_days_before: Some(5),
            timezone: Some(TIMEZONE.into()),
        },
    )?;
    for id in &agency_ids {
        operations::jpas::add_participant(
            conn,
            &chair,
            &ctx(&chair),
            &jpa.id,
            id,
            operations::jpas::Participation {
                joined_on: Some(start),
            },
        )?;
    }
    let jpa = operations::jpas::update(
        conn,
        &chair,
        &ctx(&chair),
        &jpa.id,
        jpa.version,
        operations::jpas::UpdateJpa {
            status: Some(JpaStatus::Active),
            ..Default::default()
        },
    )?;

    let mut members = Vec::with_capacity(agency_ids.len());
    for (i, id) in agency_ids.into_iter().enumerate() {
        let liaison = cast.person(
            conn,
            format!("liaison{i}.{tag}@agency.demo.example"),
            format!("Liaison of {}", AGENCIES[i].0),
            Role::Liaison,
            Some(id.clone()),
        )?;
        members.push(Member { id, liaison });
        pb.inc(1);
    }

    let n = members.len();
    for i in 0..INVESTIGATIONS {
        let lead_i = rng.usize(..n);
        let mut partner_i = rng.usize(..n);
        if partner_i == lead_i {
            partner_i = (lead_i + 1) % n;
        }
        let (lead, partner) = (&members[lead_i], &members[partner_i]);
        let opened = (start + Days::new(rng.u64(0..150))).min(today);
        let closed = (rng.u8(..4) == 0)
            .then(|| opened + Days::new(rng.u64(20..120)))
            .filter(|d| *d < today);
        let (from, to) = (
            PLACES[rng.usize(..PLACES.len())],
            PLACES[rng.usize(..PLACES.len())],
        );
        let route_legs = vec![
            operations::investigations::RouteLeg {
                country: from.0.into(),
                place: from.1.into(),
                kind: LegKind::Departure,
                mode: TransportMode::Sea,
            },
            operations::investigations::RouteLeg {
                country: to.0.into(),
                place: to.1.into(),
                kind: LegKind::Destination,
                mode: if rng.bool() {
                    TransportMode::Land
                } else {
                    TransportMode::Air
                },
            },
        ];
        let mo = ModusOperandi::ALL[rng.usize(..ModusOperandi::ALL.len())];
        let smuggling = rng.u8(..3) != 0;
        let mut crime_types = Vec::new();
        if smuggling {
            crime_types.push(CrimeType::PeopleSmuggling);
        }
        if !smuggling || rng.u8(..4) == 0 {
            crime_types.push(CrimeType::TraffickingInPersons);
        }
        let restricted = rng.u8(..10) == 0;
        let in_compendium = closed.is_some() && rng.bool();
        let country = AGENCIES[lead_i].1;
        let inv = operations::investigations::create(
            conn,
            &lead.liaison,
            &ctx(&lead.liaison),
            &jpa.id,
            operations::investigations::CreateInvestigation {
                lead_agency_id: None,
                reference: format!("{country}-{i:05}"),
                title: TITLES[i % TITLES.len()].to_string(),
                summary: "Simulated case for the exercise.".into(),
                crime_types,
                status: closed.map(|_| InvestigationStatus::Closed),
                opened_on: Some(opened),
                closed_on: closed,
                route_legs,
                modus_operandi: vec![mo],
                sensitivity: Some(if restricted {
                    Sensitivity::Restricted
                } else {
                    Sensitivity::Standard
                }),
                trafficking_indicators: Vec::new(),
                include_in_compendium: Some(in_compendium),
                compendium: closed.map(|_| operations::investigations::Compendium {
                    facts: "Facilitators recruited migrants through social media and moved them by boat.".into(),
                    elements_of_success: "Early intelligence sharing between the lead and partner agencies.".into(),
                    challenges: "Evidence held abroad; slow mutual legal assistance.".into(),
                }),
            },
        )?;
        operations::investigations::add_partner(
            conn,
            &lead.liaison,
            &ctx(&lead.liaison),
            &inv.id,
            &partner.id,
        )?;
        pb.inc(2);

        // Every third milestone is the partner's: its liaison plans it, naming itself.
        for k in 0..MILESTONES_EACH {
            let due = opened + Days::new(rng.u64(10..200));
            let achieved = due < today && rng.u8(..3) != 0;
            let by = if k % 3 == 2 { partner } else { lead };
            operations::milestones::create(
                conn,
                &by.liaison,
                &ctx(&by.liaison),
                &inv.id,
                operations::milestones::CreateMilestone {
                    kind: MilestoneKind::ALL[k % MilestoneKind::ALL.len()],
                    title: format!("Step {} of the case plan", k + 1),
                    responsible_agency_id: None,
                    due_on: due,
                    status: Some(if achieved {
                        MilestoneStatus::Achieved
                    } else {
                        MilestoneStatus::Planned
                    }),
                    achieved_on: achieved.then_some(due),
                    notes: String::new(),
                },
            )?;
            pb.inc(1);
        }
        // The last figure of each case is the partner's: it reports (and counts) it.
        for k in 0..OUTCOMES_EACH {
            let by = if k % 3 == 2 { partner } else { lead };
            let indicator = INDICATORS[rng.usize(..INDICATORS.len())].code.to_string();
            let value = rng.i64(0..12);
            let occurred_on = (opened + Days::new(rng.u64(0..150))).min(today);
            let status = if rng.bool() {
                OutcomeStatus::Confirmed
            } else {
                OutcomeStatus::Provisional
            };
            operations::outcomes::create(
                conn,
                &by.liaison,
                &ctx(&by.liaison),
                &inv.id,
                operations::outcomes::CreateOutcome {
                    indicator,
                    value,
                    occurred_on,
                    lead_agency_id: None,
                    contributing_agency_ids: Vec::new(),
                    status: Some(status),
                    notes: String::new(),
                },
            )?;
            pb.inc(1);
        }
    }

    // Returns of the months whose due date has passed: about one in five missing, the
    // rest submitted up to a week before the due date, a quarter of them late.
    let tz: chrono_tz::Tz = TIMEZONE.parse().unwrap_or(chrono_tz::UTC);
    let mut history = Vec::new();
    for p in periods_between(start, end)
        .into_iter()
        .filter(|p| p.due_date(DUE_DAY) < today)
    {
        for m in &members {
            if rng.u8(..5) == 0 {
                continue;
            }
            let day = p.due_date(DUE_DAY) - Days::new(rng.u64(0..8))
                + Days::new(if rng.u8(..4) == 0 { 9 } else { 0 });
            let nil_return = rng.u8(..6) == 0;
            let period = p.to_string();
            operations::returns::save(
                conn,
                &m.liaison,
                &ctx(&m.liaison),
                &jpa.id,
                &period,
                None,
                operations::returns::SaveReturn {
                    narrative: "Monthly activity summarised for the exercise.".into(),
                    nil_return,
                },
            )?;
            let submitted = operations::returns::submit(
                conn,
                &m.liaison,
                &ctx(&m.liaison),
                &jpa.id,
                &period,
                None,
            )?;
            // 09:00 in the JPA's time zone on the simulated day, never after now.
            let at = tz
                .from_local_datetime(&day.min(today).and_hms_opt(9, 0, 0).unwrap_or_default())
                .earliest()
                .map(|t| t.naive_utc())
                .unwrap_or_default()
                .min(db::now());
            history.push(Backdate {
                id: submitted.id,
                version: submitted.version,
                was: (submitted.submitted_at, submitted.on_time),
                submitted_at: at,
                on_time: local_date(at.and_utc(), TIMEZONE) <= p.due_date(DUE_DAY),
            });
        }
    }
    backdate_submissions(conn, &history)?;
    super::work_plan::load(conn, &chair, &ctx(&chair), &jpa.id, start, today)?;

    db::write_tx(conn, |conn| {
        audit::record(
            conn,
            &AuditContext::default(),
            "demo.load",
            "jpa",
            &jpa.id,
            serde_json::json!({"scale": {"before": null, "after": 1}}),
            db::now(),
        )
    })?;
    pb.finish_and_clear();
    if let DbConnection::Pg(pg) = conn {
        diesel::connection::SimpleConnection::batch_execute(pg, "ANALYZE")?;
    }
    Ok(DemoSummary {
        jpa_code: jpa.code,
        logins: cast.logins,
        password,
        counts: [
            members.len(),
            INVESTIGATIONS,
            INVESTIGATIONS * MILESTONES_EACH,
            INVESTIGATIONS * OUTCOMES_EACH,
        ],
    })
}

/// A submitted return and the day the exercise says it was submitted.
struct Backdate {
    id: String,
    version: i64,
    /// `submitted_at` and `on_time` as `submit` left them.
    was: (Option<chrono::DateTime<chrono::Utc>>, Option<bool>),
    submitted_at: NaiveDateTime,
    on_time: bool,
}

/// The one write of the exercise that bypasses the operations (see the module comment):
/// moves each return's submission into the past, where no operation can put it. Each
/// row changes only at the version `submit` left it at, and the audit log says what moved.
fn backdate_submissions(conn: &mut DbConnection, rows: &[Backdate]) -> Result<(), Error> {
    db::write_tx(conn, |conn| {
        let now = db::now();
        for r in rows {
            db::versioned(
                diesel::update(
                    monthly_returns::table
                        .find(&r.id)
                        .filter(monthly_returns::version.eq(r.version)),
                )
                .set((
                    monthly_returns::submitted_at.eq(Some(r.submitted_at)),
                    monthly_returns::on_time.eq(Some(r.on_time)),
                    monthly_returns::version.eq(monthly_returns::version + 1),
                    monthly_returns::updated_at.eq(now),
                ))
                .execute(conn)?,
            )?;
            audit::record(
                conn,
                &AuditContext::default(),
                "return.backdate",
                "monthly_return",
                &r.id,
                serde_json::json!({
                    "submitted_at": {"before": r.was.0, "after": r.submitted_at.and_utc()},
                    "on_time": {"before": r.was.1, "after": r.on_time},
                }),
                now,
            )?;
        }
        Ok(())
    })
}
