//! The pages' message catalogue (Project Fluent). Every UI string comes from
//! `locales/<lang>/main.ftl`; adding a language is adding a file and a line in `SOURCES`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The catalogues compiled into the binary; the first is the fallback.
const SOURCES: &[(&str, &str)] = &[("en", include_str!("../../locales/en/main.ftl"))];

pub struct Catalogue {
    bundles: Vec<(String, FluentBundle<FluentResource>)>,
}

impl Catalogue {
    pub fn load() -> Result<Catalogue, String> {
        let mut bundles = Vec::new();
        for (lang, source) in SOURCES {
            let id: unic_langid::LanguageIdentifier =
                lang.parse().map_err(|e| format!("{lang}: {e}"))?;
            let resource = FluentResource::try_new((*source).to_string())
                .map_err(|(_, errors)| format!("{lang}: {errors:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // The pages are HTML with `lang`/`dir` set; no bidi isolation marks in text.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|e| format!("{lang}: {e:?}"))?;
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
