//! Reporting periods (calendar months overlapping a JPA), due dates and return states.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    pub fn parse(raw: &str) -> Option<Period> {
        let (y, m) = raw.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Period { year, month })
    }

    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The return for this period is due on `due_day` of the following month.
    pub fn due_date(self, due_day: u32) -> NaiveDate {
        let next = self.next();
        NaiveDate::from_ymd_opt(next.year, next.month, due_day.clamp(1, 28))
            .unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The calendar months that overlap `[start, end]`, in order.
pub fn periods_between(start: NaiveDate, end: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    let mut p = Period::of(start);
    let last = Period::of(end);
    while p <= last && out.len() < 1000 {
        out.push(p);
        p = p.next();
    }
    out
}

/// Start + 12 months - 1 day.
pub fn default_end_date(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(12))?.pred_opt()
}

/// The latest allowed end date: start + 24 months - 1 day.
pub fn max_end_date(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(24))?.pred_opt()
}

/// Where one agency's return for one period stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReturnState {
    OnTime,
    Late,
    Missing,
    NotDue,
}

/// `submitted_on`: the day (in the JPA's timezone) the return was submitted, if it was.
pub fn return_state(
    submitted_on: Option<NaiveDate>,
    due: NaiveDate,
    today: NaiveDate,
) -> ReturnState {
    match submitted_on {
        Some(day) if day <= due => ReturnState::OnTime,
        Some(_) => ReturnState::Late,
        None if today > due => ReturnState::Missing,
        None => ReturnState::NotDue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_cover_every_month_the_jpa_touches() {
        let ps = periods_between(d(2026, 3, 15), d(2027, 3, 14));
        assert_eq!(ps.len(), 13, "mid-month start touches 13 months");
        assert_eq!(ps[0].to_string(), "2026-03");
        assert_eq!(ps[12].to_string(), "2027-03");
        assert_eq!(periods_between(d(2026, 1, 1), d(2026, 12, 31)).len(), 12);
    }

    #[test]
    fn due_dates_fall_in_the_following_month_across_year_ends() {
        let dec = Period::parse("2026-12").unwrap();
        assert_eq!(dec.due_date(10), d(2027, 1, 10));
        assert_eq!(
            Period::parse("2027-01").unwrap().due_date(28),
            d(2027, 2, 28)
        );
        assert_eq!(
            Period::parse("2028-01").unwrap().due_date(28),
            d(2028, 2, 28)
        );
        assert_eq!(
            Period::parse("2028-02").unwrap().last_day(),
            d(2028, 2, 29),
            "leap year"
        );
        assert_eq!(Period::parse("2027-02").unwrap().last_day(), d(2027, 2, 28));
    }

    #[test]
    fn end_dates_default_to_twelve_months_and_cap_at_twenty_four() {
        assert_eq!(default_end_date(d(2026, 1, 1)), Some(d(2026, 12, 31)));
        assert_eq!(default_end_date(d(2028, 2, 29)), Some(d(2029, 2, 27)));
        assert_eq!(max_end_date(d(2026, 3, 15)), Some(d(2028, 3, 14)));
    }

    #[test]
    fn periods_parse_strictly() {
        for bad in [
            "2026-13", "2026-00", "2026-1", "26-01", "2026/01", "abcd-ef", "",
        ] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn return_states_follow_the_due_date() {
        let due = d(2026, 2, 10);
        assert_eq!(
            return_state(Some(d(2026, 2, 10)), due, d(2026, 3, 1)),
            ReturnState::OnTime
        );
        assert_eq!(
            return_state(Some(d(2026, 2, 11)), due, d(2026, 3, 1)),
            ReturnState::Late
        );
        assert_eq!(return_state(None, due, d(2026, 2, 10)), ReturnState::NotDue);
        assert_eq!(
            return_state(None, due, d(2026, 2, 11)),
            ReturnState::Missing
        );
    }
}
