//! Domain types that parse input once: roles, agency kinds, emails, country codes,
//! passwords. A value of these types is valid by construction.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

pub mod countries;
pub mod date;
pub mod enums;
pub mod indicators;
pub mod input;
pub mod locale;
pub mod period;
pub mod work_plan;

pub use enums::*;

/// One role per user (DOMAIN.md, "Roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    CoChair,
    Liaison,
    Observer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::CoChair, Role::Liaison, Role::Observer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::CoChair => "co_chair",
            Role::Liaison => "liaison",
            Role::Observer => "observer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Kind of law-enforcement agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Police,
    Immigration,
    Border,
    Customs,
    CoastGuard,
    Prosecution,
    Intelligence,
    Other,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 8] = [
        AgencyKind::Police,
        AgencyKind::Immigration,
        AgencyKind::Border,
        AgencyKind::Customs,
        AgencyKind::CoastGuard,
        AgencyKind::Prosecution,
        AgencyKind::Intelligence,
        AgencyKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Police => "police",
            AgencyKind::Immigration => "immigration",
            AgencyKind::Border => "border",
            AgencyKind::Customs => "customs",
            AgencyKind::CoastGuard => "coast_guard",
            AgencyKind::Prosecution => "prosecution",
            AgencyKind::Intelligence => "intelligence",
            AgencyKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An email address, trimmed and lowercased (emails are unique case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` without spaces, control characters or header-breaking
    /// characters; at most 254 characters.
    pub fn parse(field: &str, raw: &str) -> Result<Email, FieldError> {
        let value = raw.trim().to_lowercase();
        let invalid = || FieldError::new(field, "must be an email address like name@agency.gov");
        if value.is_empty() || value.len() > 254 {
            return Err(invalid());
        }
        if value.chars().any(|c| {
            c.is_control()
                || c.is_whitespace()
                || is_invisible_in_identifier(c)
                || "<>()[],;:\\\"".contains(c)
        }) {
            return Err(invalid());
        }
        let (local, domain) = value.rsplit_once('@').ok_or_else(invalid)?;
        if local.is_empty() || local.len() > 64 || local.contains('@') {
            return Err(invalid());
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2
            || labels.iter().any(|l| {
                l.is_empty()
                    || l.len() > 63
                    || l.starts_with('-')
                    || l.ends_with('-')
                    || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
        {
            return Err(invalid());
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An ISO 3166-1 alpha-2 country code, uppercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(field: &str, raw: &str) -> Result<CountryCode, FieldError> {
        let value = raw.trim().to_uppercase();
        if value.len() == 2 && countries::ISO_3166_ALPHA2.contains(&value.as_str()) {
            Ok(CountryCode(value))
        } else {
            Err(FieldError::new(
                field,
                "must be an ISO 3166-1 alpha-2 country code such as AU or TH",
            ))
        }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Minimum and maximum password length, in characters.
pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Checks a new password: 12 to 128 characters, not one of the most common passwords,
/// not a single repeated character, not the email address.
pub fn check_new_password(field: &str, password: &str, email: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(FieldError::new(
            field,
            "must be at least 12 characters long",
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(FieldError::new(
            field,
            "must be at most 128 characters long",
        ));
    }
    let lower = password.to_lowercase();
    let is_common = COMMON_PASSWORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l == lower);
    let mut distinct = lower.chars().collect::<Vec<_>>();
    distinct.sort_unstable();
    distinct.dedup();
    if is_common || distinct.len() < 4 || lower == email.to_lowercase() {
        return Err(FieldError::new(
            field,
            "is too common or too easy to guess; choose another",
        ));
    }
    Ok(())
}

/// An IANA time-zone name such as `Asia/Bangkok`.
pub fn parse_timezone(field: &str, raw: &str) -> Result<chrono_tz::Tz, FieldError> {
    raw.parse::<chrono_tz::Tz>()
        .map_err(|_| FieldError::new(field, "must be an IANA time-zone name such as Asia/Bangkok"))
}

/// Today's date in a time zone (unknown names fall back to UTC).
pub fn today_in(timezone: &str) -> chrono::NaiveDate {
    local_date(chrono::Utc::now(), timezone)
}

/// The calendar date of an instant in a time zone (unknown names fall back to UTC).
pub fn local_date(instant: chrono::DateTime<chrono::Utc>, timezone: &str) -> chrono::NaiveDate {
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => instant.with_timezone(&tz).date_naive(),
        Err(_) => instant.date_naive(),
    }
}

/// Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069):
/// they reorder how the text around them is shown ("Trojan source"), and no prose needs
/// them that the Unicode bidi algorithm and the marks cannot do. Refused in all text.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that are invisible or only steer layout, so that two names which look the
/// same can differ by them: the bidi controls, the marks LRM, RLM and ALM (U+200E,
/// U+200F, U+061C), zero-width space, non-joiner and joiner (U+200B-U+200D), the
/// invisible operators from the word joiner on (U+2060-U+2064), the byte-order mark
/// (U+FEFF) and the Mongolian vowel separator (U+180E).
///
/// Refused only in single-line identifiers (names, titles, references, display names,
/// via `required_text`). Free text (`optional_text`: summaries, narratives, notes) keeps
/// them, because ZWNJ and ZWJ are part of correct spelling in Persian and Indic scripts
/// and of emoji, and zero-width space marks word breaks in Thai, Lao, Khmer and Burmese:
/// refusing them there would refuse correct text in the region this service serves,
/// while nothing is looked up or compared by free text.
pub fn is_invisible_in_identifier(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{061C}' | '\u{FEFF}' | '\u{180E}'
        )
}

/// Unicode Normalization Form C: one spelling for text that looks the same (a
/// precomposed `é` and `e` + combining acute), so the unique index on agency names
/// and searches see the same string.
pub fn nfc(text: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(text)
        .into_owned()
}

/// Trims an optional free-text field (may be empty) and bounds its length.
pub fn optional_text(field: &str, raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.chars().count() > max_chars {
        return Err(FieldError::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    // The untrimmed text, so that a control character is refused wherever it stands.
    if raw
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    if raw.chars().any(is_bidi_control) {
        return Err(FieldError::new(
            field,
            "must not contain bidirectional override or isolate characters",
        ));
    }
    Ok(value.to_string())
}

/// Trims a required single-line text (a name, title or reference), bounds its length,
/// refuses invisible characters (`is_invisible_in_identifier`) and returns it in NFC.
pub fn required_text(field: &str, raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    if value.chars().count() > max_chars {
        return Err(FieldError::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    if raw
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    if raw.chars().any(is_invisible_in_identifier) {
        return Err(FieldError::new(
            field,
            "must not contain invisible characters (zero-width or bidirectional controls)",
        ));
    }
    Ok(nfc(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(
            Email::parse("email", " Ana@Police.GOV.au ").map(|e| e.into_inner()),
            Ok("ana@police.gov.au".to_string())
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.org",
            "ana@localhost",
            "a b@x.org",
            "ana@x..org",
            "ana@x.org\r\nBcc: evil@x.org",
            "<ana@x.org>",
        ] {
            assert!(Email::parse("email", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn country_codes_are_iso_alpha2() {
        assert!(CountryCode::parse("country", "th").is_ok());
        assert!(CountryCode::parse("country", "XX").is_err());
        assert!(CountryCode::parse("country", "AUS").is_err());
    }

    #[test]
    fn today_is_the_date_in_the_jpas_time_zone() {
        let instant = chrono::DateTime::parse_from_rfc3339("2026-02-10T20:30:00Z")
            .unwrap()
            .to_utc();
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(local_date(instant, "UTC"), d("2026-02-10"));
        assert_eq!(
            local_date(instant, "Pacific/Kiritimati"),
            d("2026-02-11"),
            "UTC+14 is already tomorrow"
        );
        assert_eq!(local_date(instant, "Pacific/Pago_Pago"), d("2026-02-10"));
        let early = chrono::DateTime::parse_from_rfc3339("2026-02-11T05:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            local_date(early, "Pacific/Pago_Pago"),
            d("2026-02-10"),
            "UTC-11 is still yesterday"
        );
    }

    #[test]
    fn identifiers_refuse_invisible_characters_and_come_back_in_nfc() {
        for bad in [
            "Royal\u{200b} Thai Police",
            "Royal\u{200c}Thai",
            "Royal\u{200d}Thai",
            "\u{200e}Royal",
            "Royal\u{200f}",
            "Royal\u{202e}eciloP",
            "Royal\u{2066}Thai\u{2069}",
            "Royal\u{2060}Thai",
            "\u{feff}Royal",
            "Royal\u{180e}Thai",
            "Royal\u{061c}Thai",
        ] {
            assert!(required_text("name", bad, 200).is_err(), "{bad:?}");
        }
        assert_eq!(
            required_text("name", " Cafe\u{301} Police ", 200).as_deref(),
            Ok("Caf\u{e9} Police"),
            "decomposed and precomposed spellings become one"
        );
        assert_eq!(
            required_text("name", "กองบังคับการปราบปราม", 200).as_deref(),
            Ok("กองบังคับการปราบปราม")
        );
    }

    #[test]
    fn free_text_keeps_joiners_but_not_bidi_overrides() {
        for ok in [
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "ตำรวจ\u{200b}ไทย",
            "\u{200f}שלום",
        ] {
            assert!(optional_text("summary", ok, 100).is_ok(), "{ok:?}");
        }
        for bad in ["a\u{202e}b", "a\u{2067}b\u{2069}", "\u{202a}x"] {
            assert!(optional_text("summary", bad, 100).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(check_new_password("p", "short", "a@b.org").is_err());
        assert!(check_new_password("p", "Password1234", "a@b.org").is_err());
        assert!(check_new_password("p", "qwerty123456", "a@b.org").is_err());
        assert!(check_new_password("p", "aaaaaaaaaaaaaaaa", "a@b.org").is_err());
        assert!(check_new_password("p", &"x1".repeat(65), "a@b.org").is_err());
        assert!(check_new_password("p", "tide-lantern-orbit-42", "a@b.org").is_ok());
    }
}
