//! The shapes of the forward work plan's fields: action item numbers and delivery
//! timeframes. `schemas` states the same rules for the OpenAPI document.

use super::FieldError;

/// An action item's number as the plan document writes it: `3`, `2.1`, `1.4.2`.
pub const ITEM_NUMBER: &str = r"^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$";

/// A timeframe for delivery: `ongoing`, a target quarter `YYYY-Qn`, or a date.
pub const TIMEFRAME: &str = r"^(ongoing|[0-9]{4}-Q[1-4]|[0-9]{4}-[0-9]{2}-[0-9]{2})$";

/// Checks an action item number (see `ITEM_NUMBER`).
pub fn item_number(field: &str, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim();
    let parts: Vec<&str> = value.split('.').collect();
    let ok = (1..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(value.to_string())
    } else {
        Err(FieldError::new(
            field,
            "must be a number such as 3, 2.1 or 1.4.2",
        ))
    }
}

/// The key that orders action items as the plan does: 2 before 2.1 before 10.
pub fn item_order(number: &str) -> Vec<u32> {
    number.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// A delivery timeframe, as stored: what `TIMEFRAME` allows, with a real date.
pub fn timeframe(field: &str, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim();
    let bad = || {
        FieldError::new(
            field,
            "must be ongoing, a quarter such as 2024-Q3, or a date YYYY-MM-DD",
        )
    };
    if value == "ongoing" {
        return Ok(value.to_string());
    }
    if let Some((year, quarter)) = value.split_once("-Q") {
        let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
        let quarter_ok = matches!(quarter, "1" | "2" | "3" | "4");
        return if year_ok && quarter_ok {
            Ok(value.to_string())
        } else {
            Err(bad())
        };
    }
    if value.len() == 10 && chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok() {
        return Ok(value.to_string());
    }
    Err(bad())
}

/// The quarter `YYYY-Qn` of a timeframe as `(year, quarter)`.
pub fn quarter(timeframe: &str) -> Option<(i32, u32)> {
    let (year, quarter) = timeframe.split_once("-Q")?;
    Some((year.parse().ok()?, quarter.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_are_the_plan_s_numbering() {
        for good in ["1", "2.1", "10.3.4", " 7 "] {
            assert!(item_number("number", good).is_ok(), "{good}");
        }
        for bad in ["", "a", "1.", ".1", "1..2", "1.2.3.4", "1234", "1,2", "-1"] {
            assert!(item_number("number", bad).is_err(), "{bad}");
        }
        let mut numbers = vec!["10", "2.1", "2", "1.10", "1.9"];
        numbers.sort_by_key(|n| item_order(n));
        assert_eq!(numbers, ["1.9", "1.10", "2", "2.1", "10"]);
    }

    #[test]
    fn timeframes_are_ongoing_a_quarter_or_a_real_date() {
        for good in ["ongoing", "2024-Q1", "2023-Q4", "2024-02-29"] {
            assert_eq!(timeframe("timeframe", good).as_deref(), Ok(good));
        }
        for bad in [
            "",
            "soon",
            "2024-Q5",
            "2024-Q0",
            "24-Q1",
            "2023-02-29",
            "2024-2-1",
            "Ongoing",
        ] {
            assert!(timeframe("timeframe", bad).is_err(), "{bad}");
        }
        assert_eq!(quarter("2024-Q3"), Some((2024, 3)));
        assert_eq!(quarter("ongoing"), None);
    }
}
