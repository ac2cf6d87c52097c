//! The reminder rules of DOMAIN.md as pure functions of the facts and "today" (in the
//! JPA's timezone). Nothing here touches the database or the clock.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::period::{periods_between, return_state, Period, ReturnState};

/// Overdue reminders go out on the first day after the due date, then every 7 days.
pub const OVERDUE_EVERY_DAYS: i64 = 7;
/// At most this many overdue reminders per return.
pub const OVERDUE_MAX: i64 = 3;
/// Milestones due within this many days are listed.
pub const MILESTONE_HORIZON_DAYS: u64 = 30;

#[derive(Debug, Clone)]
pub struct JpaFacts {
    pub id: String,
    pub code: String,
    pub name: String,
    pub is_exercise: bool,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub report_due_day: u32,
    pub reminder_days_before: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    /// The language the recipient reads mails in.
    pub locale: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MilestoneFact {
    pub investigation: String,
    pub title: String,
    pub due_on: NaiveDate,
    pub overdue: bool,
}

#[derive(Debug, Clone)]
pub struct AgencyFacts {
    pub id: String,
    pub name: String,
    pub country: String,
    pub joined_on: NaiveDate,
    /// Active liaisons of the agency.
    pub liaisons: Vec<Person>,
    /// Planned milestones the agency is responsible for (any due date).
    pub milestones: Vec<(String, String, NaiveDate)>,
    /// Day (in the JPA's timezone) each period's return was submitted.
    pub submitted: BTreeMap<Period, NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Facts {
    pub jpa: JpaFacts,
    pub agencies: Vec<AgencyFacts>,
    pub co_chairs: Vec<Person>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    DueSoon,
    /// 0-based: the first, second or third overdue reminder.
    Overdue(i64),
    Digest,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DigestRow {
    pub agency: String,
    pub country: String,
    pub state: &'static str,
    pub overdue_milestones: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub kind: ReminderKind,
    pub recipient: Person,
    pub agency: Option<String>,
    pub period: Period,
    pub due: NaiveDate,
    pub dedupe_key: String,
    pub milestones: Vec<MilestoneFact>,
    pub digest: Vec<DigestRow>,
}

fn state_word(state: ReturnState) -> &'static str {
    match state {
        ReturnState::OnTime => "on time",
        ReturnState::Late => "late",
        ReturnState::Missing => "missing",
        ReturnState::NotDue => "not due",
    }
}

/// The agency's planned milestones that are overdue or due within the horizon.
pub fn milestones_to_list(agency: &AgencyFacts, today: NaiveDate) -> Vec<MilestoneFact> {
    let horizon = today
        .checked_add_days(Days::new(MILESTONE_HORIZON_DAYS))
        .unwrap_or(today);
    let mut out: Vec<MilestoneFact> = agency
        .milestones
        .iter()
        .filter(|(_, _, due)| *due <= horizon)
        .map(|(investigation, title, due)| MilestoneFact {
            investigation: investigation.clone(),
            title: title.clone(),
            due_on: *due,
            overdue: *due < today,
        })
        .collect();
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then_with(|| a.title.cmp(&b.title)));
    out
}

/// Which overdue reminder applies `days_late` days after the due date: the latest one
/// whose day has come, and none once a week has passed since the last.
pub fn overdue_number(days_late: i64) -> Option<i64> {
    if days_late < 1 {
        return None;
    }
    let n = (days_late - 1) / OVERDUE_EVERY_DAYS;
    (n < OVERDUE_MAX).then_some(n)
}

/// Every reminder that applies today. Idempotence comes from the dedupe keys: the same
/// facts and day give the same keys.
pub fn reminders_due(facts: &Facts) -> Vec<Reminder> {
    let jpa = &facts.jpa;
    let today = facts.today;
    let periods = periods_between(jpa.start_date, jpa.end_date);
    let mut out = Vec::new();
    for agency in &facts.agencies {
        let milestones = milestones_to_list(agency, today);
        for &p in periods.iter().filter(|p| p.last_day() >= agency.joined_on) {
            // Submitted is submitted, whatever day the pass is run for: a mail never
            // claims a filed return is missing (a pass `--as-of` a day before it was filed).
            if agency.submitted.contains_key(&p) {
                continue;
            }
            let due = p.due_date(jpa.report_due_day);
            let days_to_due = (due - today).num_days();
            let kind = if (0..=jpa.reminder_days_before as i64).contains(&days_to_due)
                && today >= p.first_day()
            {
                Some(ReminderKind::DueSoon)
            } else {
                overdue_number(-days_to_due).map(ReminderKind::Overdue)
            };
            let Some(kind) = kind else { continue };
            for person in &agency.liaisons {
                let dedupe_key = match kind {
                    ReminderKind::DueSoon => {
                        format!("due:{}:{}:{p}:{}", jpa.id, agency.id, person.user_id)
                    }
                    ReminderKind::Overdue(n) => format!(
                        "overdue:{}:{}:{p}:{}:{n}",
                        jpa.id, agency.id, person.user_id
                    ),
                    ReminderKind::Digest => continue,
                };
                out.push(Reminder {
                    kind,
                    recipient: person.clone(),
                    agency: Some(agency.name.clone()),
                    period: p,
                    due,
                    dedupe_key,
                    milestones: milestones.clone(),
                    digest: Vec::new(),
                });
            }
        }
    }
    // The digest of the latest period whose due date has passed (never a backlog).
    if let Some(&p) = periods
        .iter()
        .rev()
        .find(|p| p.due_date(jpa.report_due_day) < today)
    {
        let due = p.due_date(jpa.report_due_day);
        let rows: Vec<DigestRow> = facts
            .agencies
            .iter()
            .filter(|a| p.last_day() >= a.joined_on)
            .map(|a| {
                // The day it was filed, even after `today`: on time or late, never missing.
                let on = a.submitted.get(&p).copied();
                DigestRow {
                    agency: a.name.clone(),
                    country: a.country.clone(),
                    state: state_word(return_state(on, due, today)),
                    overdue_milestones: milestones_to_list(a, today)
                        .iter()
                        .filter(|m| m.overdue)
                        .count(),
                }
            })
            .collect();
        for person in &facts.co_chairs {
            out.push(Reminder {
                kind: ReminderKind::Digest,
                recipient: person.clone(),
                agency: None,
                period: p,
                due,
                dedupe_key: format!("digest:{}:{p}:{}", jpa.id, person.user_id),
                milestones: Vec::new(),
                digest: rows.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(id: &str) -> Person {
        Person {
            user_id: id.into(),
            email: format!("{id}@x.example"),
            display_name: id.into(),
            locale: "en".into(),
        }
    }

    fn facts(start: NaiveDate, end: NaiveDate, due_day: u32, today: NaiveDate) -> Facts {
        Facts {
            jpa: JpaFacts {
                id: "J".into(),
                code: "JPA".into(),
                name: "Test".into(),
                is_exercise: false,
                start_date: start,
                end_date: end,
                report_due_day: due_day,
                reminder_days_before: 5,
            },
            agencies: vec![AgencyFacts {
                id: "A".into(),
                name: "Agency A".into(),
                country: "TH".into(),
                joined_on: start,
                liaisons: vec![person("u1")],
                milestones: vec![
                    ("Inv".into(), "late one".into(), d(2026, 1, 2)),
                    ("Inv".into(), "soon".into(), today + Days::new(20)),
                    ("Inv".into(), "far".into(), today + Days::new(45)),
                ],
                submitted: BTreeMap::new(),
            }],
            co_chairs: vec![person("chair")],
            today,
        }
    }

    fn keys(f: &Facts) -> Vec<String> {
        reminders_due(f).into_iter().map(|r| r.dedupe_key).collect()
    }

    #[test]
    fn due_soon_runs_from_n_days_before_to_the_due_date() {
        let start = d(2026, 1, 1);
        let end = d(2026, 12, 31);
        assert!(keys(&facts(start, end, 10, d(2026, 2, 4)))
            .iter()
            .all(|k| !k.starts_with("due:")));
        for day in 5..=10 {
            assert!(
                keys(&facts(start, end, 10, d(2026, 2, day)))
                    .contains(&"due:J:A:2026-01:u1".to_string()),
                "day {day}"
            );
        }
        assert!(!keys(&facts(start, end, 10, d(2026, 2, 11)))
            .iter()
            .any(|k| k.starts_with("due:J:A:2026-01")));
    }

    #[test]
    fn overdue_goes_out_on_days_1_8_15_after_due_and_then_stops() {
        let (start, end) = (d(2026, 1, 1), d(2026, 12, 31));
        let at = |day: NaiveDate| keys(&facts(start, end, 10, day));
        assert!(at(d(2026, 2, 11)).contains(&"overdue:J:A:2026-01:u1:0".to_string()));
        assert!(
            at(d(2026, 2, 17)).contains(&"overdue:J:A:2026-01:u1:0".to_string()),
            "same key all week: sent once"
        );
        assert!(at(d(2026, 2, 18)).contains(&"overdue:J:A:2026-01:u1:1".to_string()));
        assert!(at(d(2026, 2, 25)).contains(&"overdue:J:A:2026-01:u1:2".to_string()));
        assert!(
            !at(d(2026, 3, 4))
                .iter()
                .any(|k| k.starts_with("overdue:J:A:2026-01")),
            "three in all"
        );
    }

    #[test]
    fn catching_up_after_twenty_days_down_sends_only_the_latest_reminder() {
        // Down from the due date (Feb 10) until Mar 2: 20 days late.
        let got = keys(&facts(d(2026, 1, 1), d(2026, 12, 31), 10, d(2026, 3, 2)));
        let jan: Vec<&String> = got
            .iter()
            .filter(|k| k.contains(":2026-01:") && !k.starts_with("digest"))
            .collect();
        assert_eq!(jan, vec!["overdue:J:A:2026-01:u1:2"]);
        let digests: Vec<&String> = got.iter().filter(|k| k.starts_with("digest:")).collect();
        assert_eq!(
            digests,
            vec!["digest:J:2026-01:chair"],
            "only the latest period's digest"
        );
    }

    #[test]
    fn a_submitted_return_stops_its_reminders_even_when_late() {
        let mut f = facts(d(2026, 1, 1), d(2026, 12, 31), 10, d(2026, 2, 12));
        f.agencies[0]
            .submitted
            .insert(Period::parse("2026-01").unwrap(), d(2026, 2, 12));
        assert!(!keys(&f).iter().any(|k| k.starts_with("overdue:")));
        let digest = reminders_due(&f)
            .into_iter()
            .find(|r| r.kind == ReminderKind::Digest)
            .unwrap();
        assert_eq!(digest.digest[0].state, "late");
    }

    #[test]
    fn a_pass_for_a_day_before_the_return_was_filed_never_calls_it_missing() {
        // Filed on 20 February (late); the pass is run for 12 February.
        let mut f = facts(d(2026, 1, 1), d(2026, 12, 31), 10, d(2026, 2, 12));
        f.agencies[0]
            .submitted
            .insert(Period::parse("2026-01").unwrap(), d(2026, 2, 20));
        let due = reminders_due(&f);
        assert!(
            !due.iter()
                .any(|r| r.kind != ReminderKind::Digest && r.period.to_string() == "2026-01"),
            "no overdue reminder for a filed return"
        );
        let digest = due.iter().find(|r| r.kind == ReminderKind::Digest).unwrap();
        assert_eq!(digest.digest[0].state, "late", "filed late, not missing");
    }

    #[test]
    fn due_day_28_february_leap_years_and_a_year_end() {
        let (start, end) = (d(2027, 6, 15), d(2028, 6, 14));
        // December 2027's return is due on 28 January 2028.
        assert!(keys(&facts(start, end, 28, d(2028, 1, 23)))
            .contains(&"due:J:A:2027-12:u1".to_string()));
        assert!(keys(&facts(start, end, 28, d(2028, 1, 29)))
            .contains(&"overdue:J:A:2027-12:u1:0".to_string()));
        // January 2028's return is due on 28 February 2028 (a leap year): the 29th is day 1 late.
        assert!(keys(&facts(start, end, 28, d(2028, 2, 29)))
            .contains(&"overdue:J:A:2028-01:u1:0".to_string()));
        // The JPA ends mid-June: June 2028 is still a period, due 28 July.
        assert!(keys(&facts(start, end, 28, d(2028, 7, 24)))
            .contains(&"due:J:A:2028-06:u1".to_string()));
        // It started mid-June 2027: June 2027 is its first period.
        assert!(keys(&facts(start, end, 28, d(2027, 7, 23)))
            .contains(&"due:J:A:2027-06:u1".to_string()));
        assert!(!keys(&facts(start, end, 28, d(2027, 7, 23)))
            .iter()
            .any(|k| k.contains("2027-05")));
    }

    #[test]
    fn reminders_list_overdue_and_next_30_days_milestones_only() {
        let f = facts(d(2026, 1, 1), d(2026, 12, 31), 10, d(2026, 2, 8));
        let r = reminders_due(&f)
            .into_iter()
            .find(|r| r.kind == ReminderKind::DueSoon)
            .unwrap();
        let titles: Vec<&str> = r.milestones.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(titles, vec!["late one", "soon"]);
        assert!(r.milestones[0].overdue);
    }

    #[test]
    fn overdue_numbers() {
        assert_eq!(overdue_number(0), None);
        assert_eq!(overdue_number(1), Some(0));
        assert_eq!(overdue_number(7), Some(0));
        assert_eq!(overdue_number(8), Some(1));
        assert_eq!(overdue_number(15), Some(2));
        assert_eq!(overdue_number(21), Some(2));
        assert_eq!(overdue_number(22), None);
    }
}
