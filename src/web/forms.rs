//! Field errors as a form shows them (GOV.UK Design System pattern): a summary at the
//! top linking to each field in error, and the message again at the field. Messages come
//! from the catalogue: the domain's English messages are mapped to catalogue ids here.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Pages;
use crate::error::FieldError;

#[derive(Debug, Clone, Serialize)]
pub struct ShownError {
    /// The `id` of the input the summary links to.
    pub field: String,
    pub message: String,
}

/// The errors of one submitted form, in the order of the form's fields.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FormErrors {
    pub list: Vec<ShownError>,
    pub by_field: BTreeMap<String, String>,
}

/// The operations' field messages (`FieldError::message`, English, as the JSON API answers
/// them), each with its catalogue message: `{x}` stands for a part that becomes the
/// message's argument `x`. The one place where the pages translate what an operation said.
const DOMAIN_MESSAGES: &[(&str, &str)] = &[
    ("must not be empty", "fe-empty"),
    ("is required", "fe-required"),
    ("must be at most {max} characters", "fe-max-chars"),
    ("must be at most {max} characters long", "fe-max-chars"),
    ("must be at least {min} characters long", "fe-min-chars"),
    ("must not contain control characters", "fe-control-chars"),
    ("must not contain the NUL character", "fe-control-chars"),
    (
        "must not contain bidirectional override or isolate characters",
        "fe-invisible-chars",
    ),
    (
        "must not contain invisible characters (zero-width or bidirectional controls)",
        "fe-invisible-chars",
    ),
    ("must be a date written as YYYY-MM-DD", "fe-date"),
    ("must not be in the future", "fe-future"),
    ("must not be before opened_on", "fe-before-opened-on"),
    ("must not be before start_date", "fe-before-start-date"),
    (
        "must be at most 24 months after start_date",
        "fe-jpa-too-long",
    ),
    ("must be at most 24 months", "fe-jpa-too-long"),
    ("must be an email address like name@agency.gov", "fe-email"),
    ("must be an email", "fe-email"),
    (
        "must be an IANA time-zone name such as Asia/Bangkok",
        "fe-timezone",
    ),
    (
        "must be an ISO 3166-1 alpha-2 country code such as AU or TH",
        "fe-country",
    ),
    ("must be one of: {allowed}", "fe-one-of"),
    ("must be one of {allowed}", "fe-one-of"),
    ("has an invalid value", "fe-invalid"),
    ("has the wrong type (expected {expected})", "fe-invalid"),
    ("is not accepted by this route", "fe-not-accepted"),
    ("must be 0 or more", "fe-not-negative"),
    ("must have at most {max} legs", "fe-max-items"),
    ("must have at most {max} entries", "fe-max-items"),
    ("must be from {min} to {max}", "fe-range"),
    (
        "must be 1 to 50 letters, digits, '-' or '_'",
        "fe-code-chars",
    ),
    ("must be 1 to 50", "fe-range-1-50"),
    ("is out of range", "fe-out-of-range"),
    ("is required for a liaison", "fe-required-role"),
    ("is required for this role", "fe-required-role"),
    (
        "is required when the milestone is achieved",
        "fe-required-achieved",
    ),
    ("is required when the value changes", "fe-required-reason"),
    ("is the lead agency already", "fe-lead-already"),
    ("is your own agency; leave it out", "fe-own-agency"),
    ("does not name an existing agency", "fe-no-agency"),
    (
        "does not name an investigation you can see",
        "fe-no-investigation",
    ),
    ("is only set on a closed investigation", "fe-closed-only"),
    ("is only set on an achieved milestone", "fe-achieved-only"),
    (
        "is protected: only the investigation's own agencies change it",
        "fe-protected",
    ),
    ("is set by the lead agency", "fe-lead-sets"),
    ("must be a code of GET /api/v1/indicators", "fe-indicator"),
    (
        "must be an indicator code of letters, digits, '_', '.' or '-'",
        "fe-indicator",
    ),
    (
        "must be agencies participating in this JPA, other than the reporting agency",
        "fe-contributors",
    ),
    (
        "must be an agency participating in this JPA",
        "fe-participant",
    ),
    ("must be another investigation", "fe-other-investigation"),
    (
        "must be the lead agency or a partner of the investigation",
        "fe-lead-or-partner",
    ),
    (
        "must name people_smuggling, trafficking_in_persons or both",
        "fe-crime-types",
    ),
    ("is not your current password", "fe-current-password"),
    ("is not the current code of your authenticator", "fe-code"),
    ("is invalid, already used or expired", "fe-token"),
    (
        "is too common or too easy to guess; choose another",
        "fe-password-common",
    ),
    ("password or code is wrong", "fe-password-or-code"),
    ("must be at most {max} for this indicator", "fe-value-max"),
    (
        "is only for observers (international organisations)",
        "fe-organisation-observers",
    ),
    ("must be a year from 2000 to 2100", "fe-year"),
    ("must not be before first_year", "fe-before-first-year"),
    (
        "must be at most 10 years after first_year",
        "fe-plan-too-long",
    ),
    ("is given twice", "fe-twice"),
    ("must be priorities of this work plan", "fe-priorities"),
    ("must name existing JPAs", "fe-jpas"),
    ("must be a number such as 3, 2.1 or 1.4.2", "fe-item-number"),
    (
        "must be ongoing, a quarter such as 2024-Q3, or a date YYYY-MM-DD",
        "fe-timeframe",
    ),
    ("a meeting cannot be held before its day", "fe-held-early"),
    (
        "is not an action item of this meeting's work plan",
        "fe-item-of-plan",
    ),
    (
        "is required: the meeting is held, so this update corrects its record",
        "fe-correction-reason",
    ),
    ("must be at most {max}", "fe-at-most"),
];

/// `message` against a template of `DOMAIN_MESSAGES`: the parts `{x}` stand for.
fn match_template<'m>(template: &str, message: &'m str) -> Option<Vec<(&'static str, &'m str)>> {
    let mut args = Vec::new();
    let mut rest = message;
    let mut pieces = template.split('{');
    let first = pieces.next()?;
    rest = rest.strip_prefix(first)?;
    for piece in pieces {
        let (name, literal) = piece.split_once('}')?;
        let name: &'static str = match name {
            "max" => "max",
            "min" => "min",
            "allowed" => "allowed",
            "expected" => "expected",
            _ => return None,
        };
        // The argument runs to the next literal part (or to the end).
        let end = if literal.is_empty() {
            rest.len()
        } else {
            rest.find(literal)?
        };
        let (value, after) = rest.split_at(end);
        if value.is_empty() {
            return None;
        }
        args.push((name, value));
        rest = after.strip_prefix(literal)?;
    }
    rest.is_empty().then_some(args)
}

/// An operation's field message in the page's language. A message not in
/// `DOMAIN_MESSAGES` (a test lists every one the operations can give) stays as it is.
pub fn domain_message(message: &str) -> String {
    let lang = crate::i18n::current();
    for (template, id) in DOMAIN_MESSAGES {
        if let Some(args) = match_template(template, message) {
            let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = args
                .into_iter()
                .map(|(k, v)| (k, fluent_bundle::FluentValue::from(v)))
                .collect();
            return crate::i18n::message_in(lang, id, &args);
        }
    }
    tracing::warn!(message, "field message without a translation");
    message.to_string()
}

/// The catalogue id for a message of the domain.
fn catalogue_id(field: &str, message: &str) -> Option<&'static str> {
    Some(match (field, message) {
        (_, "must be at least 12 characters long") => "err-password-too-short",
        (_, "must be at most 128 characters long") => "err-password-too-long",
        (_, "is too common or too easy to guess; choose another") => "err-password-common",
        ("current_password", _) => "err-current-password",
        ("code", "password or code is wrong") => "err-password-or-code",
        ("code", _) => "err-code-wrong",
        ("token" | "forgot-link", _) => "err-token-invalid",
        ("locale", _) => "err-locale-unknown",
        _ => return None,
    })
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Adds a message of the catalogue at a field.
    pub fn add(&mut self, pages: &Pages, field: &str, id: &str) {
        self.push(field, pages.t(id));
    }

    fn push(&mut self, field: &str, message: String) {
        if self.by_field.contains_key(field) {
            return;
        }
        self.by_field.insert(field.to_string(), message.clone());
        self.list.push(ShownError {
            field: field.to_string(),
            message,
        });
    }

    /// The domain's field errors, each on its field (or on `fallback_field` when the
    /// form has no such input).
    pub fn from_domain(pages: &Pages, errors: &[FieldError], inputs: &[&str]) -> FormErrors {
        let mut shown = FormErrors::default();
        for e in errors {
            let message = match catalogue_id(&e.field, &e.message) {
                Some(id) => pages.t(id),
                None => pages.catalogue.message(
                    crate::web::i18n::current(),
                    "error-generic",
                    &[("message", domain_message(&e.message).into())],
                ),
            };
            let field = if inputs.contains(&e.field.as_str()) {
                e.field.as_str()
            } else {
                inputs.first().copied().unwrap_or("main")
            };
            shown.push(field, message);
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_an_operation_gives_has_a_translation_with_its_numbers_kept() {
        for (template, id) in DOMAIN_MESSAGES {
            let english = crate::i18n::message_in("en", id, &[]);
            assert!(
                !english.starts_with("fe-"),
                "{id} missing from the catalogue"
            );
            // A concrete message of the template: numbers where the template has parts.
            let sample = template
                .replace("{max}", "200")
                .replace("{min}", "12")
                .replace("{allowed}", "open, closed")
                .replace("{expected}", "string");
            let shown = crate::i18n::on_this_thread("th", || domain_message(&sample));
            assert_ne!(
                shown, sample,
                "{template} is shown in English to a Thai reader"
            );
            for n in ["200", "12", "open, closed"] {
                if template.contains(match n {
                    "200" => "{max}",
                    "12" => "{min}",
                    _ => "{allowed}",
                }) {
                    assert!(shown.contains(n), "{template}: {shown} drops {n}");
                }
            }
        }
        assert_eq!(
            crate::i18n::on_this_thread("en", || domain_message("must be at most 200 characters")),
            "must be at most 200 characters"
        );
        assert_eq!(domain_message("something new"), "something new");
        assert_eq!(
            match_template("must be from {min} to {max}", "must be from 1 to 28"),
            Some(vec![("min", "1"), ("max", "28")])
        );
        assert_eq!(
            match_template("is required", "is required for this role"),
            None
        );
    }
}
