//! The pages' message catalogue (Project Fluent). Every UI string comes from
//! `locales/<lang>/*.ftl` (one file per group of pages: `main.ftl` for the house, sign-in
//! and the account); adding a language is adding a folder and a line in `SOURCES`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// `ftl!("en", "main.ftl", ...)`: one language's files of `locales/`, compiled in.
macro_rules! ftl {
    ($lang:literal, $($file:literal),* $(,)?) => {
        ($lang, &[$(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/", $lang, "/", $file))),*])
    };
}

/// The files of each language compiled into the binary; the first language is the
/// fallback. A message id is defined once per language, in whichever file.
const SOURCES: &[(&str, &[&str])] = &[ftl!(
    "en",
    "main.ftl",
    "returns.ftl",
    "work.ftl",
    "investigations.ftl",
    "dashboard.ftl",
    "admin.ftl"
)];

pub struct Catalogue {
    bundles: Vec<(String, FluentBundle<FluentResource>)>,
}

impl Catalogue {
    pub fn load() -> Result<Catalogue, String> {
        let mut bundles = Vec::new();
        for (lang, sources) in SOURCES {
            let id: unic_langid::LanguageIdentifier =
                lang.parse().map_err(|e| format!("{lang}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // The pages are HTML with `lang`/`dir` set; no bidi isolation marks in text.
            bundle.set_use_isolating(false);
            for source in *sources {
                let resource = FluentResource::try_new((*source).to_string())
                    .map_err(|(_, errors)| format!("{lang}: {errors:?}"))?;
                // A duplicate id across files is an error, not a silent override.
                bundle
                    .add_resource(resource)
                    .map_err(|e| format!("{lang}: {e:?}"))?;
            }
            bundles.push(((*lang).to_string(), bundle));
        }
        Ok(Catalogue { bundles })
    }

    /// The message `id` in `lang` (else the fallback language), with its arguments. A
    /// missing id renders as itself, so a gap shows instead of failing a page; a unit
    /// test checks that every id the templates use exists.
    pub fn message(&self, lang: &str, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let preferred = self.bundles.iter().find(|(l, _)| l == lang);
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
