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
                    &[("message", e.message.clone().into())],
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
