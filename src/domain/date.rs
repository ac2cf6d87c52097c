//! Calendar dates as the API writes them: exactly `YYYY-MM-DD`, zero-padded. chrono's
//! `%Y-%m-%d` (and its serde support) also takes `2026-1-1` or `+2026-01-01`; every
//! date the service reads (bodies, query parameters, the CLI) goes through `parse`.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// The date in `raw` if it is exactly `YYYY-MM-DD` and a real day.
pub fn parse(raw: &str) -> Option<NaiveDate> {
    let b = raw.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

/// What a body field's error says (`routes::extract` turns it into the field message).
pub const INVALID: &str = "invalid date: expected YYYY-MM-DD";

fn from_text<E: serde::de::Error>(raw: &str) -> Result<NaiveDate, E> {
    parse(raw).ok_or_else(|| E::custom(INVALID))
}

/// `#[serde(deserialize_with = "crate::domain::date::required")]`
pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    from_text(&String::deserialize(d)?)
}

/// An optional date: absent or `null` is `None` (use with `#[serde(default)]`).
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| from_text(&s))
        .transpose()
}

/// A date that may be absent (`None`), `null` (`Some(None)`) or a date.
pub fn double_option<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<NaiveDate>>, D::Error> {
    optional(d).map(Some)
}

/// For clap: `--as-of YYYY-MM-DD`.
pub fn from_arg(raw: &str) -> Result<NaiveDate, String> {
    parse(raw).ok_or_else(|| "must be a date written as YYYY-MM-DD".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_zero_padded_real_days_are_dates() {
        assert_eq!(
            parse("2026-01-01"),
            NaiveDate::from_ymd_opt(2026, 1, 1),
            "the one accepted shape"
        );
        for bad in [
            "2026-1-1",
            "2026-01-1",
            "2026-1-01",
            "+2026-01-01",
            "26-01-01",
            "2026-02-30",
            "2026-13-01",
            "2026/01/01",
            " 2026-01-01",
            "2026-01-01 ",
            "2026-01-01T00:00:00Z",
            "２０２６-01-01",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn body_fields_refuse_unpadded_dates() {
        #[derive(Deserialize)]
        struct Body {
            #[serde(deserialize_with = "required")]
            on: NaiveDate,
            #[serde(default, deserialize_with = "optional")]
            maybe: Option<NaiveDate>,
        }
        let ok: Body = serde_json::from_str(r#"{"on": "2026-03-04", "maybe": null}"#).unwrap();
        assert_eq!((ok.on.to_string(), ok.maybe), ("2026-03-04".into(), None));
        assert!(serde_json::from_str::<Body>(r#"{"on": "2026-3-4"}"#).is_err());
        assert!(
            serde_json::from_str::<Body>(r#"{"on": "2026-03-04", "maybe": "2026-3-4"}"#).is_err()
        );
    }
}
