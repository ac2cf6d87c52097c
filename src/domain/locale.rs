//! The languages a user can read the service in: one per folder of `locales/` (see
//! `web::i18n`), by BCP 47 tag. Here so that the operations can check a `locale` without
//! knowing about pages.

use std::sync::atomic::{AtomicBool, Ordering};

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// The fallback language, and the one every other catalogue is checked against.
pub const FALLBACK: &str = "en";
/// The tests' pseudo-language (every message accented and 40% longer).
pub const PSEUDO: &str = "en-XA";

static PSEUDO_ON: AtomicBool = AtomicBool::new(false);

/// Lets `en-XA` be chosen (browser tests); set once at start from `i18n.pseudo_locale`.
pub fn enable_pseudo(on: bool) {
    PSEUDO_ON.store(on, Ordering::SeqCst);
}

pub fn pseudo_enabled() -> bool {
    PSEUDO_ON.load(Ordering::SeqCst)
}

/// The languages that may be chosen, English first (the pseudo-language last, when on).
pub fn languages() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = LANGUAGES.to_vec();
    if pseudo_enabled() {
        all.push(PSEUDO);
    }
    all
}

/// `raw` as one of the languages that may be chosen.
pub fn parse(raw: &str) -> Option<&'static str> {
    languages()
        .into_iter()
        .find(|l| l.eq_ignore_ascii_case(raw.trim()))
}

/// The language most users of an agency of this country read best, where one language
/// fits the country (and the service has it); English elsewhere.
pub fn default_for_country(country: &str) -> &'static str {
    let tag = match country {
        "ID" => "id",
        "TH" => "th",
        "VN" => "vi",
        "MY" | "BN" => "ms",
        "CN" => "zh-Hans",
        _ => FALLBACK,
    };
    parse(tag).unwrap_or(FALLBACK)
}
