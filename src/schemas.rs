//! JSON Schemas of request fields whose rules are more than their Rust type: the
//! OpenAPI document says exactly what the handlers accept (text that must not be blank,
//! country codes, time zones, periods, cursors), so that a client, a code generator or
//! the contract fuzzer (`.ci/contract`) can tell valid input from invalid without trying.
//!
//! Each function is named in a `#[schema(schema_with = ...)]` or
//! `#[param(schema_with = ...)]` next to the field it describes; the checks themselves
//! stay in `crate::domain`, and `tests/api/errors.rs` holds the two together.

use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{KnownFormat, Object, SchemaFormat};

/// Text that `domain::required_text` accepts: at least one non-blank character, no
/// control characters other than tab and newline, and none of the invisible characters
/// of `domain::is_invisible_in_identifier`.
pub const REQUIRED_TEXT: &str = r"^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*[^\s\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$";

/// Text that `domain::optional_text` accepts: no control characters other than tab,
/// newline and carriage return, no bidi overrides or isolates (may be empty).
pub const OPTIONAL_TEXT: &str =
    r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$";

/// A list cursor as `extract::encode_cursor` writes it: microseconds since the epoch and
/// the id of the last row of the previous page. Every string of this form is a cursor.
pub const CURSOR: &str =
    r"^[0-9]{1,16}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/// A reporting period, `YYYY-MM`.
pub const PERIOD: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])$";

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

macro_rules! text_schemas {
    ($($(#[$doc:meta])* $name:ident = $pattern:expr, $max:expr;)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> Object {
                string().pattern(Some($pattern)).max_length(Some($max)).build()
            }
        )*
    };
}

text_schemas! {
    /// Reference of an investigation.
    required_text_100 = REQUIRED_TEXT, 100;
    /// Names.
    required_text_200 = REQUIRED_TEXT, 200;
    /// Titles.
    required_text_300 = REQUIRED_TEXT, 300;
    /// Place of a route leg.
    optional_text_200 = OPTIONAL_TEXT, 200;
    /// Revision reason of an outcome.
    optional_text_2000 = OPTIONAL_TEXT, 2_000;
    /// An action item's text.
    required_text_2000 = REQUIRED_TEXT, 2_000;
    /// An action item's number (`domain::work_plan::item_number`).
    item_number = crate::domain::work_plan::ITEM_NUMBER, 11;
    /// A delivery timeframe (`domain::work_plan::timeframe`).
    timeframe = crate::domain::work_plan::TIMEFRAME, 10;
    /// Notes and descriptions.
    optional_text_10000 = OPTIONAL_TEXT, 10_000;
    /// Summaries, narratives and compendium text.
    optional_text_20000 = OPTIONAL_TEXT, 20_000;
}

/// An email address (`domain::Email`).
pub fn email() -> Object {
    string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
        .max_length(Some(254))
        .build()
}

/// An ISO 3166-1 alpha-2 country code.
pub fn country() -> Object {
    string()
        .enum_values(Some(crate::domain::countries::ISO_3166_ALPHA2))
        .build()
}

/// A language of the service's pages and mails (a BCP 47 tag of `locales/`).
pub fn locale() -> Object {
    string()
        .enum_values(Some(crate::domain::locale::LANGUAGES.iter().copied()))
        .description(Some(
            "The language of the user's pages and mails. The JSON API's problem details stay in English: clients translate them by their stable `code`.",
        ))
        .build()
}

/// The form of an IANA time-zone name (`Asia/Bangkok`, `UTC`, `Etc/GMT-7`,
/// `America/Argentina/Buenos_Aires`).
pub const TIME_ZONE: &str = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$";

/// An IANA time-zone name. A pattern and a description rather than the ~600 names as an
/// enum: code generators turn an enum into identifiers, and `GMT+0`, `GMT-0` and `GMT0`
/// become the same one (openapi-python-client stops there).
pub fn timezone() -> Object {
    string()
        .pattern(Some(TIME_ZONE))
        .max_length(Some(64))
        .description(Some(
            "An IANA time-zone name (`Asia/Bangkok`, `UTC`). The service accepts the names of \
             the tz database it is built with and answers 422 on `timezone` for any other.",
        ))
        .examples(["Asia/Bangkok"])
        .build()
}

/// An indicator code of `GET /api/v1/indicators`.
pub fn indicator() -> Object {
    string()
        .enum_values(Some(
            crate::domain::indicators::INDICATORS.iter().map(|i| i.code),
        ))
        .build()
}

/// The code of a JPA: 1 to 50 letters, digits, `-` or `_`.
pub fn jpa_code() -> Object {
    string().pattern(Some(r"^[A-Za-z0-9_-]{1,50}$")).build()
}

/// The code of a trafficking indicator (free list of the investigating agency).
pub fn trafficking_code() -> Object {
    string().pattern(Some(r"^[A-Za-z0-9_.-]{1,64}$")).build()
}

/// A UUID.
pub fn uuid() -> Object {
    string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
        .build()
}

/// Up to 100 agency ids.
pub fn agency_ids() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(uuid())
        .max_items(Some(100))
        .build()
}

/// A period, `YYYY-MM`.
pub fn period() -> Object {
    string().pattern(Some(PERIOD)).build()
}

/// `?limit=`: 1 to 200, default 50.
pub fn limit() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1))
        .maximum(Some(200))
        .default(Some(50.into()))
        .build()
}

/// `?cursor=`: the `next_cursor` of the previous page.
pub fn cursor() -> Object {
    string().pattern(Some(CURSOR)).build()
}

/// A date, `YYYY-MM-DD`.
pub fn date() -> Object {
    string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .build()
}

/// A date or an RFC 3339 timestamp (`anyOf`: both are strings, so to a validator that
/// takes formats as annotations both alternatives match).
pub fn date_or_timestamp() -> utoipa::openapi::Schema {
    utoipa::openapi::schema::AnyOfBuilder::new()
        .item(date())
        .item(
            string()
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
                .build(),
        )
        .build()
        .into()
}

/// The state of an outbox mail.
pub fn email_status() -> Object {
    one_of(&crate::db::outbox::STATUSES)
}

/// An audit entity type (`user`, `agency`, `jpa`, `investigation`, ...).
pub fn entity_type() -> Object {
    string().max_length(Some(64)).build()
}

/// The id of an audited object (a UUID, or `<jpa id>:<agency id>` for a participation).
pub fn entity_id() -> Object {
    string().max_length(Some(100)).build()
}

/// A title or reference substring to search for.
pub fn search_text() -> Object {
    string().max_length(Some(200)).build()
}

/// The status of an investigation.
pub fn investigation_status() -> Object {
    use crate::domain::InvestigationStatus;
    string()
        .enum_values(Some(InvestigationStatus::ALL.iter().map(|s| s.as_str())))
        .build()
}

/// A crime type.
pub fn crime_type() -> Object {
    use crate::domain::CrimeType;
    string()
        .enum_values(Some(CrimeType::ALL.iter().map(|s| s.as_str())))
        .build()
}

/// `schema` or `null`: an optional field, where `null` means the same as leaving it out.
fn or_null(mut schema: Object) -> Object {
    if let SchemaType::Type(t) = schema.schema_type {
        schema.schema_type = SchemaType::from_iter([t, Type::Null]);
    }
    if let Some(values) = &mut schema.enum_values {
        values.push(serde_json::Value::Null);
    }
    schema
}

macro_rules! or_null_schemas {
    ($($name:ident = $base:ident;)*) => {
        $(
            #[doc = concat!("`", stringify!($base), "` or `null`.")]
            pub fn $name() -> Object {
                or_null($base())
            }
        )*
    };
}

or_null_schemas! {
    required_text_100_or_null = required_text_100;
    required_text_200_or_null = required_text_200;
    required_text_300_or_null = required_text_300;
    required_text_2000_or_null = required_text_2000;
    item_number_or_null = item_number;
    timeframe_or_null = timeframe;
    optional_text_2000_or_null = optional_text_2000;
    optional_text_10000_or_null = optional_text_10000;
    optional_text_20000_or_null = optional_text_20000;
    email_or_null = email;
    country_or_null = country;
    timezone_or_null = timezone;
    indicator_or_null = indicator;
    jpa_code_or_null = jpa_code;
}

/// Up to 20 JPA ids.
pub fn jpa_ids() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(uuid())
        .max_items(Some(20))
        .build()
}

/// Up to 20 JPA ids, or `null`.
pub fn jpa_ids_or_null() -> utoipa::openapi::schema::Array {
    let mut list = jpa_ids();
    list.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    list
}

/// Up to 100 agency ids, or `null`.
pub fn agency_ids_or_null() -> utoipa::openapi::schema::Array {
    let mut list = agency_ids();
    list.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    list
}

/// What `GET /jpas/{id}/export/{kind}.csv` exports.
pub fn export_kind() -> Object {
    one_of(&["investigations", "milestones", "outcomes", "returns"])
}

/// A modus operandi of the closed vocabulary.
pub fn modus_operandi() -> Object {
    one_of(&[
        "maritime",
        "air",
        "land_border",
        "document_fraud",
        "online_recruitment",
        "debt_bondage",
        "other",
    ])
}

/// One of a fixed list of strings.
pub fn one_of(values: &'static [&'static str]) -> Object {
    string().enum_values(Some(values.iter().copied())).build()
}

/// The progress document of `GET /jpas/{id}/progress` (API.md, "Progress"), built with
/// `serde_json` in `reports::progress`, so its schema is written out here.
pub struct ProgressDocument;

/// The schema of the progress document as JSON (utoipa's types read it back).
pub fn progress_schema_json() -> serde_json::Value {
    use serde_json::json;
    let count = json!({"type": "integer", "minimum": 0});
    // by_agency figures: a count; for an observer "<5" when it is under 5, or
    // "withheld" when it is hidden so that no "<5" follows from the totals
    // (`reports::progress::protect_column`).
    let figure = json!({"oneOf": [
        {"type": "integer", "minimum": 0},
        {"$ref": "#/components/schemas/SuppressedFigure"}
    ]});
    let counts = |keys: &[&str], value: &serde_json::Value| {
        json!({
            "type": "object",
            "required": keys,
            "properties": keys.iter().map(|k| (k.to_string(), value.clone())).collect::<serde_json::Map<_, _>>(),
        })
    };
    // (`propertyNames` cannot be a `$ref` in utoipa's types.)
    let per_indicator = |value: &serde_json::Value| {
        json!({"type": "object", "additionalProperties": value,
               "description": "By indicator code (`IndicatorCode`)."})
    };
    let indicators: Vec<&str> = crate::domain::indicators::INDICATORS
        .iter()
        .map(|i| i.code)
        .collect();
    // Every status and crime type appears, with 0 where there is none.
    let statuses: Vec<&str> = crate::domain::InvestigationStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let crime_types: Vec<&str> = crate::domain::CrimeType::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    json!({
        "type": "object",
        "required": ["jpa", "as_of", "months_elapsed", "months_total", "agencies", "investigations",
                     "milestones", "outcomes", "returns", "by_agency", "by_month"],
        "properties": {
            "jpa": {"$ref": "#/components/schemas/JpaView"},
            "as_of": {"type": "string", "format": "date"},
            "months_elapsed": count,
            "months_total": count,
            "agencies": counts(&["participating"], &count),
            "investigations": {
                "type": "object",
                "required": ["total", "cross_border", "by_status", "by_crime_type"],
                "properties": {
                    "total": count, "cross_border": count,
                    "by_status": counts(&statuses, &count), "by_crime_type": counts(&crime_types, &count)
                }
            },
            "milestones": counts(&["total", "achieved", "planned", "cancelled", "overdue", "due_next_30_days"], &count),
            // Every indicator of the dictionary appears, with zeros where there is none.
            "outcomes": counts(&indicators, &counts(&["total", "confirmed", "provisional"], &count)),
            "returns": counts(&["expected", "submitted", "on_time"], &count),
            "by_agency": {"type": "array", "items": {
                "type": "object",
                "required": ["agency_id", "name", "country", "investigations_led", "milestones_achieved",
                             "milestones_overdue", "outcomes", "returns"],
                "properties": {
                    "agency_id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                    "country": {"$ref": "#/components/schemas/CountryCode"},
                    "investigations_led": figure, "milestones_achieved": figure, "milestones_overdue": figure,
                    "outcomes": per_indicator(&figure),
                    "returns": counts(&["expected", "submitted", "on_time"], &figure)
                }
            }},
            "by_month": {"type": "array", "items": {
                "type": "object",
                "required": ["period", "milestones_achieved", "milestones_overdue", "outcomes",
                             "outcomes_confirmed", "returns_submitted", "returns_expected",
                             "returns_on_time", "returns_late", "returns_missing"],
                "description": "One period of the JPA. `milestones_overdue`: milestones due in this month and still open on `as_of` after their due day. `outcomes_confirmed`: the confirmed part of `outcomes` (the rest is provisional). Returns: `returns_expected` are the returns due for this period by `as_of`, each `returns_on_time`, `returns_late` or `returns_missing`; `returns_submitted` = on time + late.",
                "properties": {
                    "period": {"type": "string", "pattern": PERIOD},
                    "milestones_achieved": count, "milestones_overdue": count,
                    "outcomes": per_indicator(&count), "outcomes_confirmed": per_indicator(&count),
                    "returns_submitted": count, "returns_expected": count,
                    "returns_on_time": count, "returns_late": count, "returns_missing": count
                }
            }}
        }
    })
}

/// What an observer sees instead of a `by_agency` figure under 5 (named once, so that
/// generated clients have one type for it rather than one per figure).
pub fn suppressed_figure() -> Object {
    string()
        .enum_values(Some(["<5", "withheld"]))
        .description(Some(
            "A figure hidden from observers: \"<5\" is under 5; \"withheld\" is hidden so that no \"<5\" can be worked out from the totals.",
        ))
        .build()
}

impl utoipa::PartialSchema for ProgressDocument {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        serde_json::from_value(progress_schema_json()).unwrap_or_else(|_| {
            utoipa::openapi::RefOr::T(ObjectBuilder::new().schema_type(Type::Object).into())
        })
    }
}

impl utoipa::ToSchema for ProgressDocument {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Progress")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns, compiled as a client would, accept exactly what the domain checks
    /// accept.
    #[test]
    fn text_patterns_agree_with_the_domain_checks() {
        use crate::domain::{optional_text, required_text};
        let required = regex::Regex::new(REQUIRED_TEXT).unwrap();
        let optional = regex::Regex::new(OPTIONAL_TEXT).unwrap();
        let samples = [
            "ok",
            " x ",
            "a\tb\nc",
            "\u{00a0}x",
            "line\r\nbreak",
            "",
            "  ",
            "\t\n",
            "\u{7}",
            "x\u{7f}",
            "x\u{85}",
            "\u{2028}",
            "Đà Nẵng",
            "\u{200b}",
            "a\u{0}b",
            "\u{3000}y",
            "Royal\u{200b} Thai Police",
            "x\u{200c}y",
            "x\u{200d}y",
            "x\u{200e}",
            "\u{200f}x",
            "a\u{202e}b",
            "a\u{202a}b",
            "a\u{2066}b",
            "a\u{2069}b",
            "a\u{2060}b",
            "a\u{2064}b",
            "a\u{2065}b",
            "a\u{061c}b",
            "\u{feff}x",
            "a\u{180e}b",
            "\u{200b}\u{2009}",
            "\u{202f}x",
            "Đà Nẵng",
        ];
        for sample in samples {
            assert_eq!(
                required.is_match(sample),
                required_text("f", sample, 100).is_ok(),
                "required {sample:?}"
            );
            assert_eq!(
                optional.is_match(sample),
                optional_text("f", sample, 100).is_ok(),
                "optional {sample:?}"
            );
        }
        let cursor = regex::Regex::new(CURSOR).unwrap();
        let period = regex::Regex::new(PERIOD).unwrap();
        assert!(period.is_match("2027-01") && !period.is_match("2027-13"));
        assert!(!cursor.is_match("abc") && !cursor.is_match("1_x"));
    }

    /// Nothing of the written-out schema is lost on the way into utoipa's types.
    #[test]
    fn the_progress_schema_survives_into_the_document() {
        use utoipa::PartialSchema;
        let through = serde_json::to_value(ProgressDocument::schema()).unwrap();
        assert_eq!(through, progress_schema_json());
    }

    /// Every name the service accepts has the documented form.
    #[test]
    fn every_time_zone_has_the_documented_form() {
        let form = regex::Regex::new(TIME_ZONE).unwrap();
        for tz in chrono_tz::TZ_VARIANTS {
            assert!(form.is_match(tz.name()), "{}", tz.name());
        }
    }

    #[test]
    fn export_kinds_are_the_ones_the_route_serves() {
        let kinds = export_kind().enum_values.unwrap_or_default();
        assert_eq!(kinds.len(), 4);
        for kind in kinds {
            let file = format!("{}.csv", kind.as_str().unwrap_or_default());
            assert!(
                crate::reports::csv_export::ExportKind::parse(&file).is_some(),
                "{file}"
            );
        }
    }

    #[test]
    fn every_cursor_of_the_documented_form_is_accepted() {
        let at = chrono::DateTime::from_timestamp_micros(1_780_000_000_123_456)
            .map(|d| d.naive_utc())
            .unwrap();
        let id = "0b0e3c1e-7d1a-4c7e-9a7e-0c1f2a3b4c5d";
        let cursor = crate::operations::encode_cursor(at, id);
        assert_eq!(cursor, format!("1780000000123456_{id}"));
        for c in [cursor.as_str(), "0_00000000-0000-0000-0000-000000000000"] {
            assert!(crate::routes::extract::page(None, Some(c)).is_ok(), "{c}");
        }
    }
}
