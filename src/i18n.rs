//! The message catalogue (Project Fluent) of every page and every mail, in every language.
//!
//! Each folder of `locales/` is a language, named by its BCP 47 tag (`en`, `th`, `zh-Hans`,
//! ...), with one `.ftl` file per group of pages (and `mail.ftl`); `build.rs` compiles
//! them all in, so adding a language is adding a folder. English is the fallback and the
//! reference: a test fails if a language lacks a message English has, has one English
//! lacks, or drops or adds a placeholder.
//!
//! The language of a request is `current()`: set for each request by the middleware
//! (the `jpa_lang` cookie of the language switch, else `Accept-Language`), then by the
//! session to the signed-in user's own language. Mails take their recipient's language
//! explicitly. The pseudo-language `en-XA` (every message accented and 40% longer, made
//! from the English syntax tree) exists for tests only: it is chosen only when
//! `i18n.pseudo_locale` is on.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

pub use crate::domain::locale::{
    default_for_country, enable_pseudo, pseudo_enabled, FALLBACK, PSEUDO,
};

tokio::task_local! {
    static CURRENT: RefCell<&'static str>;
}

/// The cookie of the signed-out pages' language switch.
pub const COOKIE: &str = "jpa_lang";

/// A request's language before anyone is known: the language switch's cookie, else the
/// best match of `Accept-Language`, else English.
pub fn of_request(cookie: Option<&str>, accept_language: Option<&str>) -> &'static str {
    if let Some(lang) = cookie.and_then(crate::domain::locale::parse) {
        return lang;
    }
    match (accept_language, catalogue()) {
        (Some(header), Ok(c)) => c.negotiate(header),
        _ => FALLBACK,
    }
}

thread_local! {
    /// The language of a request's blocking work (`db::Pool::run`), where the task-local
    /// of the request is out of reach.
    static ON_THREAD: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// The language of the request being served (the fallback outside one).
pub fn current() -> &'static str {
    CURRENT
        .try_with(|c| *c.borrow())
        .ok()
        .or_else(|| ON_THREAD.with(std::cell::Cell::get))
        .unwrap_or(FALLBACK)
}

/// Runs blocking work of a request in its language (the pool's threads are shared).
pub fn on_this_thread<R>(lang: &'static str, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<&'static str>);
    impl Drop for Restore {
        fn drop(&mut self) {
            ON_THREAD.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(ON_THREAD.with(|c| c.replace(Some(lang))));
    f()
}

/// Changes the request's language (the session does, once it knows the user).
pub fn set_current(lang: &'static str) {
    let _ = CURRENT.try_with(|c| *c.borrow_mut() = lang);
}

/// Runs a request in a language.
pub async fn scope<F: std::future::Future>(lang: &'static str, fut: F) -> F::Output {
    CURRENT.scope(RefCell::new(lang), fut).await
}

/// A period (`YYYY-MM`) as people of `lang` write a month ("March 2026", "2026年3月");
/// anything else is returned as it is.
pub fn period_name(lang: &str, period: &str) -> String {
    let Some((year, month)) = period.split_once('-') else {
        return period.to_string();
    };
    let Ok(m) = month.parse::<u32>() else {
        return period.to_string();
    };
    if !(1..=12).contains(&m) || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return period.to_string();
    }
    let month = message_in(lang, &format!("month-{m}"), &[]);
    message_in(
        lang,
        "period-long",
        &[
            ("month", FluentValue::from(month)),
            ("year", FluentValue::from(year.to_string())),
        ],
    )
}

/// A country's name in `lang` (`country-XX` of the catalogue), `None` for a code that is
/// not an ISO 3166-1 country.
pub fn country_name(lang: &str, code: &str) -> Option<String> {
    crate::domain::countries::ISO_3166_ALPHA2
        .contains(&code)
        .then(|| message_in(lang, &format!("country-{code}"), &[]))
}

/// Every country as a picker lists it: `(code, "Name (code)")`, in `lang`.
pub fn country_options(lang: &str) -> Vec<(String, String)> {
    crate::domain::countries::ISO_3166_ALPHA2
        .iter()
        .map(|code| {
            let name = message_in(lang, &format!("country-{code}"), &[]);
            ((*code).to_string(), format!("{name} ({code})"))
        })
        .collect()
}

/// An outcome indicator as a page or mail in `lang` shows it (the catalogue's
/// `indicator-<code>`, `indicator-<code>-definition`, `unit-<unit>`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ShownIndicator {
    pub code: &'static str,
    pub label: String,
    pub definition: String,
    pub unit: String,
    pub group: &'static str,
}

pub fn indicator(lang: &str, i: &crate::domain::indicators::Indicator) -> ShownIndicator {
    ShownIndicator {
        code: i.code,
        label: message_in(lang, &format!("indicator-{}", i.code), &[]),
        definition: message_in(lang, &format!("indicator-{}-definition", i.code), &[]),
        unit: message_in(lang, &format!("unit-{}", i.unit), &[]),
        group: i.group,
    }
}

/// The label of the indicator `code` in `lang`; an unknown code is shown as it is.
pub fn indicator_label(lang: &str, code: &str) -> String {
    match crate::domain::indicators::find(code) {
        Some(i) => message_in(lang, &format!("indicator-{}", i.code), &[]),
        None => code.to_string(),
    }
}

/// A date (`YYYY-MM-DD`) written out for `lang` ("5 March 2026"); anything else as it is.
pub fn long_date(lang: &str, date: &str) -> String {
    let Ok(d) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return date.to_string();
    };
    use chrono::Datelike;
    let month = message_in(lang, &format!("month-{}", d.month()), &[]);
    message_in(
        lang,
        "date-long",
        &[
            ("day", FluentValue::from(d.day().to_string())),
            ("month", FluentValue::from(month)),
            ("year", FluentValue::from(d.year().to_string())),
        ],
    )
}

/// The thousands separator of each language (`number-group-separator`), looked up once.
fn group_separator(lang: &str) -> &'static str {
    static SEPARATORS: std::sync::OnceLock<Vec<(&'static str, String)>> =
        std::sync::OnceLock::new();
    let all = SEPARATORS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(l, _)| (*l, message_in(l, "number-group-separator", &[])))
            .collect()
    });
    // The pseudo-language writes numbers as English does (its padding is not a separator).
    let lang = if lang == PSEUDO { FALLBACK } else { lang };
    all.iter()
        .find(|(l, _)| *l == lang)
        .or_else(|| all.first())
        .map_or(",", |(_, s)| s.as_str())
}

/// An integer with the thousands separated as `lang` writes them (12,345 or 12.345).
pub fn grouped(lang: &str, n: i64) -> String {
    let separator = group_separator(lang);
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len() + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

pub struct Catalogue {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

/// Accents every ASCII letter of a text (the pseudo-language).
fn accent(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'a' => 'á',
            'b' => 'ƀ',
            'c' => 'ç',
            'd' => 'đ',
            'e' => 'é',
            'f' => 'ƒ',
            'g' => 'ĝ',
            'h' => 'ĥ',
            'i' => 'î',
            'j' => 'ĵ',
            'k' => 'ķ',
            'l' => 'ļ',
            'm' => 'ɱ',
            'n' => 'ñ',
            'o' => 'ö',
            'p' => 'þ',
            'q' => 'ǫ',
            'r' => 'ŕ',
            's' => 'š',
            't' => 'ţ',
            'u' => 'û',
            'v' => 'ṽ',
            'w' => 'ŵ',
            'x' => 'ẋ',
            'y' => 'ý',
            'z' => 'ž',
            'A' => 'Å',
            'B' => 'Ɓ',
            'C' => 'Ç',
            'D' => 'Đ',
            'E' => 'É',
            'F' => 'Ƒ',
            'G' => 'Ĝ',
            'H' => 'Ĥ',
            'I' => 'Î',
            'J' => 'Ĵ',
            'K' => 'Ķ',
            'L' => 'Ļ',
            'M' => 'Ṁ',
            'N' => 'Ñ',
            'O' => 'Ö',
            'P' => 'Þ',
            'Q' => 'Ǫ',
            'R' => 'Ŕ',
            'S' => 'Š',
            'T' => 'Ţ',
            'U' => 'Û',
            'V' => 'Ṽ',
            'W' => 'Ŵ',
            'X' => 'Ẋ',
            'Y' => 'Ý',
            'Z' => 'Ž',
            c => c,
        })
        .collect()
}

/// Accents the text of a pattern (not its placeables' names) and lengthens it by 40%.
fn pseudo_pattern(pattern: &mut ast::Pattern<String>) {
    let mut length = 0usize;
    pseudo_elements(&mut pattern.elements, &mut length);
    if length == 0 {
        return;
    }
    let pad = (length * 2).div_ceil(5);
    // The padding reads like words (runs of at most 8, then a space), so that a long
    // message wraps as its translation would; one unbroken run would not.
    let extra: String = (0..pad.saturating_sub(1))
        .map(|i| if i % 9 == 8 { ' ' } else { '·' })
        .collect();
    pattern.elements.push(ast::PatternElement::TextElement {
        value: format!(" {extra}"),
    });
}

fn pseudo_elements(elements: &mut [ast::PatternElement<String>], length: &mut usize) {
    for element in elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                *length += value.trim().chars().count();
                *value = accent(value);
            }
            ast::PatternElement::Placeable { expression } => {
                if let ast::Expression::Select { variants, .. } = expression {
                    for v in variants {
                        pseudo_elements(&mut v.value.elements, length);
                    }
                }
            }
        }
    }
}

/// The pseudo-language's source for one English file.
fn pseudo_source(source: &str) -> Result<String, String> {
    let mut resource = fluent_syntax::parser::parse(source.to_string())
        .map_err(|(_, errors)| format!("{PSEUDO}: {errors:?}"))?;
    for entry in &mut resource.body {
        if let ast::Entry::Message(m) = entry {
            if let Some(value) = &mut m.value {
                pseudo_pattern(value);
            }
            for a in &mut m.attributes {
                pseudo_pattern(&mut a.value);
            }
        }
    }
    Ok(fluent_syntax::serializer::serialize(&resource))
}

fn bundle(lang: &'static str, sources: &[String]) -> Result<FluentBundle<FluentResource>, String> {
    let id: unic_langid::LanguageIdentifier = lang.parse().map_err(|e| format!("{lang}: {e}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // The pages are HTML with `lang` set; no bidi isolation marks in text.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource = FluentResource::try_new(source.clone())
            .map_err(|(_, errors)| format!("{lang}: {errors:?}"))?;
        // A duplicate id across files is an error, not a silent override.
        bundle
            .add_resource(resource)
            .map_err(|e| format!("{lang}: {e:?}"))?;
    }
    Ok(bundle)
}

static CATALOGUE: std::sync::OnceLock<Result<Catalogue, String>> = std::sync::OnceLock::new();

/// The process's catalogue (built at first use; `startup` builds it before serving).
pub fn catalogue() -> Result<&'static Catalogue, String> {
    CATALOGUE
        .get_or_init(Catalogue::load)
        .as_ref()
        .map_err(Clone::clone)
}

/// A message in a language, for text built outside a request (mails).
pub fn message_in(lang: &str, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    match catalogue() {
        Ok(c) => c.message(lang, id, args),
        Err(_) => id.to_string(),
    }
}

impl Catalogue {
    pub fn load() -> Result<Catalogue, String> {
        let mut bundles = Vec::new();
        for (lang, files) in SOURCES {
            let sources: Vec<String> = files.iter().map(|(_, s)| (*s).to_string()).collect();
            bundles.push((*lang, bundle(lang, &sources)?));
        }
        let english = SOURCES
            .iter()
            .find(|(l, _)| *l == FALLBACK)
            .ok_or("no English catalogue")?;
        let pseudo: Vec<String> = english
            .1
            .iter()
            .map(|(_, s)| pseudo_source(s))
            .collect::<Result<_, _>>()?;
        bundles.push((PSEUDO, bundle(PSEUDO, &pseudo)?));
        Ok(Catalogue { bundles })
    }

    /// The languages people can choose (the pseudo-language when it is on), English first.
    pub fn languages(&self) -> Vec<&'static str> {
        crate::domain::locale::languages()
    }

    /// `raw` as one of the catalogue's languages, if it is one that may be chosen.
    pub fn language(&self, raw: &str) -> Option<&'static str> {
        crate::domain::locale::parse(raw)
    }

    /// The best of the catalogue's languages for an `Accept-Language` header (RFC 9110
    /// §12.5.4: ranges with weights), English when none fits.
    pub fn negotiate(&self, accept_language: &str) -> &'static str {
        let requested = fluent_langneg::parse_accepted_languages(accept_language);
        let languages = self.languages();
        let available: Vec<unic_langid::LanguageIdentifier> =
            languages.iter().filter_map(|l| l.parse().ok()).collect();
        let default: Option<unic_langid::LanguageIdentifier> = FALLBACK.parse().ok();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            default.as_ref(),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|id| {
                let tag = id.to_string();
                languages.into_iter().find(|l| *l == tag)
            })
            .unwrap_or(FALLBACK)
    }

    /// The message `id` in `lang` (else the fallback language), with its arguments. A
    /// missing id renders as itself, so a gap shows instead of failing a page; a unit
    /// test checks that every id the templates use exists.
    pub fn message(&self, lang: &str, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let preferred = self.bundles.iter().find(|(l, _)| *l == lang);
        for (_, bundle) in preferred.into_iter().chain(self.bundles.first()) {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(id, ?errors, "message formatted with errors");
                }
                return text.into_owned();
            }
        }
        tracing::warn!(id, "message missing from the catalogue");
        id.to_string()
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundles
            .first()
            .is_some_and(|(_, b)| b.get_message(id).is_some())
    }
}

/// Each message of a source and the variables it uses (`$name`), for the completeness
/// test.
pub fn signature(source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    fn expression(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
            ast::Expression::Inline(i) => inline(i, out),
        }
    }
    fn inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression: e } => expression(e, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
            }
            _ => {}
        }
    }
    fn pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression: e } = e {
                expression(e, out);
            }
        }
    }
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, e)| format!("{e:?}"))?;
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                pattern(v, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
            for a in &m.attributes {
                let mut vars = BTreeSet::new();
                pattern(&a.value, &mut vars);
                out.insert(format!("{}.{}", m.id.name, a.id.name), vars);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
        let (_, files) = SOURCES.iter().find(|(l, _)| *l == lang).unwrap();
        let mut all = BTreeMap::new();
        for (file, source) in files.iter() {
            for (id, vars) in signature(source).unwrap_or_else(|e| panic!("{lang}/{file}: {e}")) {
                assert!(all.insert(id.clone(), vars).is_none(), "{lang}: {id} twice");
            }
        }
        all
    }

    #[test]
    fn every_language_has_exactly_english_s_messages_and_placeholders() {
        let english = messages(FALLBACK);
        assert!(english.len() > 500, "{}", english.len());
        for (lang, _) in SOURCES.iter().filter(|(l, _)| *l != FALLBACK) {
            let other = messages(lang);
            let missing: Vec<&String> =
                english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has what English lacks: {extra:?}");
            for (id, vars) in &english {
                assert_eq!(&other[id], vars, "{lang}: {id} changes its placeholders");
            }
        }
    }

    #[test]
    fn the_pseudo_language_accents_and_lengthens_every_message_and_keeps_placeholders() {
        let source = "hello = Hello { $name }, welcome\nplain = { $n }\n";
        let pseudo = pseudo_source(source).unwrap();
        assert_eq!(signature(&pseudo).unwrap(), signature(source).unwrap());
        assert!(pseudo.contains("Ĥéļļö { $name }, ŵéļçöɱé"), "{pseudo}");
        let line = pseudo.lines().next().unwrap();
        let text = line.trim_start_matches("hello = ").replace("{ $name }", "");
        assert!(text.chars().count() as f64 >= 1.4 * "Hello , welcome".len() as f64 - 1.0);
        let catalogue = Catalogue::load().unwrap();
        let shown = catalogue.message(PSEUDO, "sign-out", &[]);
        assert!(shown.starts_with("Šîĝñ öûţ"), "{shown}");
        assert!(!shown.chars().any(|c| c.is_ascii_alphabetic()), "{shown}");
    }

    #[test]
    fn months_dates_and_numbers_are_written_as_each_language_writes_them() {
        assert_eq!(period_name("en", "2026-03"), "March 2026");
        assert_eq!(period_name("zh-Hans", "2026-03"), "2026年3月");
        assert_eq!(period_name("th", "2026-03"), "มีนาคม 2026");
        assert_eq!(period_name("en", "2026-13"), "2026-13");
        assert_eq!(period_name("en", "junk"), "junk");
        assert_eq!(long_date("en", "2026-03-05"), "5 March 2026");
        assert_eq!(long_date("id", "2026-03-05"), "5 Maret 2026");
        assert_eq!(long_date("en", "2026-02-30"), "2026-02-30");
        assert_eq!(grouped("en", 1_234_567), "1,234,567");
        assert_eq!(grouped("id", 1_234_567), "1.234.567");
        assert_eq!(grouped("vi", -1_000), "-1.000");
        assert_eq!(grouped("en-XA", 12_345), "12,345");
        assert_eq!(grouped("en", 999), "999");
    }

    #[test]
    fn every_country_has_a_name_in_every_language() {
        for (lang, _) in SOURCES {
            for code in crate::domain::countries::ISO_3166_ALPHA2 {
                let name = country_name(lang, code).unwrap();
                assert!(
                    !name.is_empty() && !name.starts_with("country-"),
                    "{lang} {code}"
                );
            }
        }
        assert_eq!(country_name("en", "TH").as_deref(), Some("Thailand"));
        assert_eq!(country_name("th", "TH").as_deref(), Some("ไทย"));
        assert_eq!(country_name("en", "XX"), None);
        assert_eq!(
            country_options("vi")[0],
            ("AD".to_string(), "Andorra (AD)".to_string())
        );
    }

    #[test]
    fn every_indicator_has_a_label_a_definition_and_a_unit_in_every_language() {
        for (lang, _) in SOURCES {
            for i in crate::domain::indicators::INDICATORS {
                let shown = indicator(lang, i);
                for text in [&shown.label, &shown.definition, &shown.unit] {
                    assert!(
                        !text.starts_with("indicator-") && !text.starts_with("unit-"),
                        "{lang} {}",
                        i.code
                    );
                }
            }
        }
        let arrests = crate::domain::indicators::find("arrests").unwrap();
        assert_eq!(
            indicator("en", arrests).label,
            arrests.label,
            "English is the API's"
        );
        assert_eq!(indicator_label("en", "no_such"), "no_such");
    }

    #[test]
    fn accept_language_picks_the_best_language_and_english_otherwise() {
        let c = Catalogue::load().unwrap();
        assert_eq!(c.negotiate(""), "en");
        assert_eq!(c.negotiate("fr-FR,fr;q=0.9"), "en");
        if c.language("th").is_some() {
            assert_eq!(c.negotiate("th-TH,th;q=0.9,en;q=0.8"), "th");
            assert_eq!(c.negotiate("fr;q=0.9, th;q=0.5"), "th");
        }
        assert_eq!(c.negotiate("en-XA"), "en", "the pseudo-language is off");
        assert_eq!(c.language("EN"), Some("en"));
        assert_eq!(c.language("xx"), None);
        assert_eq!(default_for_country("TH"), "th");
        assert_eq!(default_for_country("SG"), "en");
    }
}
