//! One scheduler pass: for every active JPA, load its facts in a constant number of
//! queries, compute the reminders due "today" (the JPA's timezone, or `as_of`), and queue
//! them into the outbox in one transaction. Queueing is `INSERT .. ON CONFLICT DO NOTHING`
//! on the dedupe key, so a second pass, or two passes at once, queue nothing twice.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::render::Templates;
use super::rules::{reminders_due, AgencyFacts, Facts, JpaFacts, Person, ReminderKind};
use crate::db::jpas::JpaRow;
use crate::db::{self, jpas, milestones, outbox, returns, users, DbConnection};
use crate::domain::period::Period;
use crate::domain::{today_in, JpaStatus};
use crate::error::Error;

/// How many reminders a pass queued, by kind.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct PassCounts {
    pub due_soon: usize,
    pub overdue: usize,
    pub digest: usize,
}

impl PassCounts {
    pub fn total(&self) -> usize {
        self.due_soon + self.overdue + self.digest
    }
}

fn person(u: users::UserRow) -> Person {
    Person {
        user_id: u.id,
        email: u.email,
        display_name: u.display_name,
        locale: u.locale,
    }
}

/// Loads what the rules need about one JPA.
pub fn load_facts(conn: &mut DbConnection, jpa: &JpaRow, today: NaiveDate) -> Result<Facts, Error> {
    let tz: chrono_tz::Tz = jpa.timezone.parse().unwrap_or(chrono_tz::UTC);
    let participants = jpas::participants(conn, &jpa.id)?;
    let agency_ids: Vec<String> = participants.iter().map(|(a, _)| a.id.clone()).collect();
    let mut liaisons: HashMap<String, Vec<Person>> = HashMap::new();
    for u in users::active_with_role(conn, "liaison", Some(&agency_ids))? {
        if let Some(agency) = u.agency_id.clone() {
            liaisons.entry(agency).or_default().push(person(u));
        }
    }
    let co_chairs = users::active_with_role(conn, "co_chair", None)?
        .into_iter()
        .map(person)
        .collect();
    let mut submitted: HashMap<String, BTreeMap<Period, NaiveDate>> = HashMap::new();
    for r in returns::submissions(conn, &jpa.id, None)? {
        if let (Some(at), Some(p)) = (r.submitted_at, Period::parse(&r.period)) {
            submitted
                .entry(r.agency_id)
                .or_default()
                .insert(p, at.and_utc().with_timezone(&tz).date_naive());
        }
    }
    let horizon = today
        .checked_add_days(Days::new(super::rules::MILESTONE_HORIZON_DAYS))
        .unwrap_or(today);
    let mut planned: HashMap<String, Vec<(String, String, NaiveDate)>> = HashMap::new();
    for (agency, investigation, title, due) in milestones::planned_in_jpa(conn, &jpa.id, horizon)? {
        planned
            .entry(agency)
            .or_default()
            .push((investigation, title, due));
    }
    let agencies = participants
        .into_iter()
        .map(|(a, joined_on)| AgencyFacts {
            liaisons: liaisons.remove(&a.id).unwrap_or_default(),
            milestones: planned.remove(&a.id).unwrap_or_default(),
            submitted: submitted.remove(&a.id).unwrap_or_default(),
            id: a.id,
            name: a.name,
            country: a.country,
            joined_on,
        })
        .collect();
    Ok(Facts {
        jpa: JpaFacts {
            id: jpa.id.clone(),
            code: jpa.code.clone(),
            name: jpa.name.clone(),
            is_exercise: jpa.is_exercise,
            start_date: jpa.start_date,
            end_date: jpa.end_date,
            report_due_day: jpa.report_due_day.clamp(1, 28) as u32,
            reminder_days_before: jpa.reminder_days_before.max(0) as u32,
        },
        agencies,
        co_chairs,
        today,
    })
}

/// One pass over every active JPA (blocking; call on the blocking pool).
pub fn run_pass(
    conn: &mut DbConnection,
    templates: &Templates,
    public_url: &str,
    message_domain: &str,
    as_of: Option<NaiveDate>,
) -> Result<PassCounts, Error> {
    let mut counts = PassCounts::default();
    let base = public_url.trim_end_matches('/');
    for jpa in jpas::with_status(conn, JpaStatus::Active.as_str())? {
        let today = as_of.unwrap_or_else(|| today_in(&jpa.timezone));
        let facts = load_facts(conn, &jpa, today)?;
        let mut mails = Vec::new();
        for reminder in reminders_due(&facts) {
            let link = match reminder.kind {
                ReminderKind::Digest => format!("{base}/jpas/{}/compliance", jpa.id),
                _ => format!("{base}/jpas/{}/returns/{}", jpa.id, reminder.period),
            };
            let mail = templates
                .render(&reminder, &jpa.code, &jpa.name, jpa.is_exercise, &link)
                .map_err(Error::internal)?;
            mails.push((reminder.kind, mail));
        }
        db::write_tx(conn, |conn| {
            let now = db::now();
            for (kind, mail) in mails {
                if outbox::enqueue(conn, mail, message_domain, now)? {
                    match kind {
                        ReminderKind::DueSoon => counts.due_soon += 1,
                        ReminderKind::Overdue(_) => counts.overdue += 1,
                        ReminderKind::Digest => counts.digest += 1,
                    }
                }
            }
            Ok::<_, Error>(())
        })?;
    }
    Ok(counts)
}
