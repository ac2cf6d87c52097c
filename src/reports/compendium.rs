//! The compendium: one brief per closed investigation whose lead agency opted in, in the
//! shape of the UNODC case-law briefs. Protected fields of restricted investigations
//! (reference, summary, route legs) never appear, whoever asks.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::jpas::JpaRow;
use crate::db::{investigations as inv, jpas, milestones, outcomes, DbConnection};
use crate::domain::indicators;
use crate::error::Error;

/// Escapes user text for Markdown (CommonMark and GitHub's tables and strikethrough) so
/// that it stays the text of the paragraph it is put in, whatever lines it has:
/// - inline: `\\`, `` ` ``, `*`, `_`, `[`, `]`, `!`, `|`, `~`, `#` are backslash-escaped
///   and `<`, `>`, `&` become entities, so no emphasis, code span, link, image,
///   autolink, raw HTML, entity, table cell or strikethrough comes from user text;
/// - per line: leading spaces and tabs are dropped (no indented code, and nothing
///   shifted into a list item's content), and a line's first character is escaped when
///   it could open or underline a block: `-`, `+`, `=` (list items, thematic breaks,
///   setext underlines `---`/`===`), `#`, `>`, `~`, `` ` ``, `*`, `_` are covered by the
///   rules above, and the `.` or `)` after leading digits (ordered list items) is escaped;
/// - trailing spaces are dropped (no hard line breaks).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = line.trim();
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        for (i, c) in line.chars().enumerate() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                '-' | '+' | '=' if i == 0 => {
                    out.push('\\');
                    out.push(c);
                }
                '.' | ')' if digits > 0 && i == digits => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

fn words(code: &str) -> String {
    code.replace('_', " ")
}

/// One leg of a brief's route.
#[derive(Debug, Clone, Serialize)]
pub struct BriefLeg {
    pub country: String,
    pub place: String,
    pub kind: String,
    pub mode: String,
}

/// One step of a brief's timeline: a milestone achieved (or still planned).
#[derive(Debug, Clone, Serialize)]
pub struct BriefStep {
    pub on: NaiveDate,
    pub kind: String,
    pub title: String,
    /// "Name (CC)" of the responsible agency.
    pub agency: String,
    pub planned: bool,
}

/// One indicator's figure in a brief.
#[derive(Debug, Clone, Serialize)]
pub struct BriefOutcome {
    pub label: String,
    pub value: i64,
    /// Every outcome behind it is confirmed.
    pub confirmed: bool,
}

/// A case brief, in the order of the UNODC case-law briefs. Text is as entered: the
/// Markdown writer escapes it, templates escape it for HTML.
#[derive(Debug, Clone, Serialize)]
pub struct CaseBrief {
    /// Its place in the compendium, from 1: how a page names a case to readers who may
    /// not see the investigation (observers).
    pub number: usize,
    /// The investigation's id and title, for the pages of those who may see it.
    pub investigation_id: String,
    pub title: String,
    pub crime_types: Vec<&'static str>,
    pub lead: String,
    pub partners: Vec<String>,
    pub countries: Vec<String>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub facts: Option<String>,
    pub modus_operandi: Vec<String>,
    /// `None`: withheld (a restricted investigation's route is protected).
    pub route: Option<Vec<BriefLeg>>,
    pub timeline: Vec<BriefStep>,
    pub outcomes: Vec<BriefOutcome>,
    pub elements_of_success: Option<String>,
    pub challenges: Option<String>,
    /// A partner agency is of another country than the lead's (as progress counts it).
    pub cross_border: bool,
    /// Legal elements where known: charges laid, prosecutions, convictions (achieved).
    pub charges: Vec<BriefStep>,
    /// Cooperation used: MLA and extradition requests, joint operations (achieved).
    pub cooperation: Vec<BriefStep>,
}

/// Milestone kinds that record the case's legal elements.
const LEGAL_KINDS: &[&str] = &["charges_laid", "prosecution_commenced", "conviction"];
/// Milestone kinds that record the cooperation used.
const COOPERATION_KINDS: &[&str] = &["mla_request", "extradition_request", "joint_operation"];

/// The briefs of the JPA's closed investigations whose lead agency opted in. Protected
/// fields of restricted investigations are left out here, whoever asks.
pub fn cases(conn: &mut DbConnection, jpa: &JpaRow) -> Result<Vec<CaseBrief>, Error> {
    let agencies: HashMap<String, (String, String)> = jpas::participants(conn, &jpa.id)?
        .into_iter()
        .map(|(a, _)| (a.id, (a.name, a.country)))
        .collect();
    let label = |id: &str| {
        agencies
            .get(id)
            .map(|(n, c)| format!("{n} ({c})"))
            .unwrap_or_else(|| "unknown agency".into())
    };
    let rows = inv::compendium_cases(conn, &jpa.id)?;
    let ids: Vec<String> = rows.iter().map(|c| c.id.clone()).collect();
    let mut partners = inv::partners_of(conn, &ids)?;
    let mut timeline: HashMap<String, Vec<milestones::MilestoneRow>> = HashMap::new();
    for m in milestones::of_investigations(conn, &ids)? {
        timeline
            .entry(m.investigation_id.clone())
            .or_default()
            .push(m);
    }
    let mut results: HashMap<String, Vec<outcomes::OutcomeRow>> = HashMap::new();
    for o in outcomes::of_investigations(conn, &ids)? {
        results
            .entry(o.investigation_id.clone())
            .or_default()
            .push(o);
    }
    let mut briefs = Vec::with_capacity(rows.len());
    for (n, case) in rows.into_iter().enumerate() {
        let restricted = case.sensitivity == "restricted";
        let p = partners.remove(&case.id).unwrap_or_default();
        let compendium: serde_json::Value = case
            .compendium
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok())
            .unwrap_or_default();
        let text = |key: &str| {
            compendium[key]
                .as_str()
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
        };
        let mut crime_types = Vec::new();
        if case.people_smuggling {
            crime_types.push("people_smuggling");
        }
        if case.trafficking_in_persons {
            crime_types.push("trafficking_in_persons");
        }
        let legs: Vec<serde_json::Value> =
            serde_json::from_str(&case.route_legs).unwrap_or_default();
        let mut countries: Vec<String> = std::iter::once(&case.lead_agency_id)
            .chain(p.iter())
            .filter_map(|a| agencies.get(a).map(|(_, c)| c.clone()))
            .collect();
        if !restricted {
            countries.extend(
                legs.iter()
                    .filter_map(|l| l["country"].as_str().map(str::to_string)),
            );
        }
        countries.sort();
        countries.dedup();
        let field = |l: &serde_json::Value, k: &str| l[k].as_str().unwrap_or("").to_string();
        let route = (!restricted).then(|| {
            legs.iter()
                .map(|l| BriefLeg {
                    country: field(l, "country"),
                    place: field(l, "place"),
                    kind: field(l, "kind"),
                    mode: field(l, "mode"),
                })
                .collect()
        });
        let steps: Vec<BriefStep> = timeline
            .remove(&case.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m.status != "cancelled")
            .map(|m| BriefStep {
                on: m.achieved_on.unwrap_or(m.due_on),
                planned: m.status != "achieved",
                agency: label(&m.responsible_agency_id),
                kind: m.kind,
                title: m.title,
            })
            .collect();
        let mut totals: Vec<BriefOutcome> = Vec::new();
        for o in results.remove(&case.id).unwrap_or_default() {
            let l = indicators::find(&o.indicator)
                .map(|i| i.label.to_string())
                .unwrap_or(o.indicator.clone());
            match totals.iter_mut().find(|t| t.label == l) {
                Some(t) => {
                    t.value = t.value.saturating_add(o.value);
                    t.confirmed &= o.status == "confirmed";
                }
                None => totals.push(BriefOutcome {
                    label: l,
                    value: o.value,
                    confirmed: o.status == "confirmed",
                }),
            }
        }
        let lead_country = agencies.get(&case.lead_agency_id).map(|(_, c)| c.as_str());
        let cross_border = p
            .iter()
            .filter_map(|a| agencies.get(a).map(|(_, c)| c.as_str()))
            .any(|c| Some(c) != lead_country);
        let achieved_of = |kinds: &[&str]| -> Vec<BriefStep> {
            steps
                .iter()
                .filter(|s| !s.planned && kinds.contains(&s.kind.as_str()))
                .cloned()
                .collect()
        };
        let charges = achieved_of(LEGAL_KINDS);
        let cooperation = achieved_of(COOPERATION_KINDS);
        briefs.push(CaseBrief {
            number: n + 1,
            investigation_id: case.id.clone(),
            title: case.title.clone(),
            crime_types,
            lead: label(&case.lead_agency_id),
            partners: p.iter().map(|a| label(a)).collect(),
            countries,
            opened_on: case.opened_on,
            closed_on: case.closed_on,
            facts: text("facts"),
            modus_operandi: serde_json::from_str::<Vec<String>>(&case.modus_operandi)
                .unwrap_or_default(),
            route,
            timeline: steps,
            outcomes: totals,
            elements_of_success: text("elements_of_success"),
            challenges: text("challenges"),
            cross_border,
            charges,
            cooperation,
        });
    }
    Ok(briefs)
}

/// The compendium as Markdown (`GET /jpas/{id}/compendium`). `with_titles`: each brief
/// is headed by its investigation's title; otherwise (observers, who see no investigation
/// record) by its number, crime types and countries.
pub fn render(conn: &mut DbConnection, jpa: &JpaRow, with_titles: bool) -> Result<String, Error> {
    Ok(markdown(jpa, &cases(conn, jpa)?, with_titles))
}

/// How a brief is named to a reader who may not see its investigation.
pub fn anonymous_heading(case: &CaseBrief) -> String {
    let types: Vec<String> = case.crime_types.iter().map(|t| words(t)).collect();
    format!(
        "Case {}: {}, {}",
        case.number,
        types.join(" and "),
        case.countries.join(", ")
    )
}

/// Writes the briefs as Markdown, every piece of entered text escaped.
pub fn markdown(jpa: &JpaRow, cases: &[CaseBrief], with_titles: bool) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# Compendium of cases: {} {}\n",
        escape(&jpa.code),
        escape(&jpa.name)
    );
    if jpa.is_exercise {
        let _ = writeln!(
            md,
            "> EXERCISE: simulated cases for training, not real statistics.\n"
        );
    }
    let _ = writeln!(
        md,
        "Period {} to {}. {} case(s) whose lead agency agreed to share them.\n",
        jpa.start_date,
        jpa.end_date,
        cases.len()
    );
    let or_not = |t: &Option<String>| {
        t.as_deref()
            .map(escape)
            .unwrap_or_else(|| "Not provided.".into())
    };
    for case in cases {
        let heading = if with_titles {
            case.title.clone()
        } else {
            anonymous_heading(case)
        };
        let _ = writeln!(md, "## {}\n", escape(&heading));
        let types: Vec<String> = case.crime_types.iter().map(|t| words(t)).collect();
        let _ = writeln!(md, "- **Crime types:** {}", types.join(", "));
        let _ = writeln!(md, "- **Lead agency:** {}", escape(&case.lead));
        if !case.partners.is_empty() {
            let partners: Vec<String> = case.partners.iter().map(|p| escape(p)).collect();
            let _ = writeln!(md, "- **Partner agencies:** {}", partners.join(", "));
        }
        let _ = writeln!(
            md,
            "- **Countries involved:** {}",
            case.countries.join(", ")
        );
        let _ = writeln!(
            md,
            "- **Investigation:** opened {}, closed {}\n",
            case.opened_on,
            case.closed_on.map(|d| d.to_string()).unwrap_or_default()
        );
        let _ = writeln!(md, "### Facts and modus operandi\n");
        let _ = writeln!(md, "{}\n", or_not(&case.facts));
        if !case.modus_operandi.is_empty() {
            let mo: Vec<String> = case.modus_operandi.iter().map(|m| words(m)).collect();
            let _ = writeln!(md, "Modus operandi: {}.\n", mo.join(", "));
        }
        let _ = writeln!(md, "### Route\n");
        match &case.route {
            None => {
                let _ = writeln!(md, "Withheld: restricted investigation.\n");
            }
            Some(legs) if legs.is_empty() => {
                let _ = writeln!(md, "Not recorded.\n");
            }
            Some(legs) => {
                for (i, l) in legs.iter().enumerate() {
                    let _ = writeln!(
                        md,
                        "{}. {} {}: {} by {}",
                        i + 1,
                        l.country,
                        escape(&l.place),
                        l.kind,
                        l.mode
                    );
                }
                md.push('\n');
            }
        }
        let _ = writeln!(md, "### Timeline\n");
        let _ = writeln!(md, "- {}: investigation opened", case.opened_on);
        for m in &case.timeline {
            let state = if m.planned { " (planned)" } else { "" };
            let _ = writeln!(
                md,
                "- {}: {}: {}{state} [{}]",
                m.on,
                words(&m.kind),
                escape(&m.title),
                escape(&m.agency)
            );
        }
        if let Some(closed) = case.closed_on {
            let _ = writeln!(md, "- {closed}: investigation closed");
        }
        md.push('\n');
        let _ = writeln!(md, "### Outcomes\n");
        if case.outcomes.is_empty() {
            let _ = writeln!(md, "None reported.\n");
        } else {
            for o in &case.outcomes {
                let _ = writeln!(
                    md,
                    "- {}: {}{}",
                    o.label,
                    o.value,
                    if o.confirmed { "" } else { " (provisional)" }
                );
            }
            md.push('\n');
        }
        let _ = writeln!(md, "### Elements of success\n");
        let _ = writeln!(md, "{}\n", or_not(&case.elements_of_success));
        let _ = writeln!(md, "### Challenges\n");
        let _ = writeln!(md, "{}\n", or_not(&case.challenges));
    }
    md
}

/// What the compendium across JPAs is narrowed to (`GET /compendium`).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub crime_type: Option<crate::domain::CrimeType>,
    pub modus_operandi: Option<crate::domain::ModusOperandi>,
    /// A country involved (an agency's or, where shown, the route's).
    pub country: Option<String>,
    /// The year the investigation closed.
    pub year: Option<i32>,
}

impl Filter {
    pub fn admits(&self, case: &CaseBrief) -> bool {
        use chrono::Datelike;
        self.crime_type
            .is_none_or(|t| case.crime_types.contains(&t.as_str()))
            && self
                .modus_operandi
                .is_none_or(|m| case.modus_operandi.iter().any(|x| x == m.as_str()))
            && self
                .country
                .as_ref()
                .is_none_or(|c| case.countries.contains(c))
            && self
                .year
                .is_none_or(|y| case.closed_on.is_some_and(|d| d.year() == y))
    }

    /// The filters in words, for the heading of the Markdown.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.crime_type {
            parts.push(format!("crime type {}", words(t.as_str())));
        }
        if let Some(m) = self.modus_operandi {
            parts.push(format!("modus operandi {}", words(m.as_str())));
        }
        if let Some(c) = &self.country {
            parts.push(format!("country {c}"));
        }
        if let Some(y) = self.year {
            parts.push(format!("closed in {y}"));
        }
        parts.join(", ")
    }
}

/// A case of the compendium across JPAs: the brief and the JPA it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct CompendiumCase {
    pub jpa_id: String,
    pub jpa_code: String,
    pub jpa_name: String,
    pub is_exercise: bool,
    /// How the case is named to this reader: the investigation's title, or for
    /// observers (who see no investigation record) its JPA, number, crime types and
    /// countries.
    pub heading: String,
    pub brief: CaseBrief,
}

impl CompendiumCase {
    pub fn of(jpa: &JpaRow, brief: CaseBrief, with_titles: bool) -> CompendiumCase {
        let heading = if with_titles {
            brief.title.clone()
        } else {
            format!("{} {}", jpa.code, anonymous_heading(&brief))
        };
        CompendiumCase {
            jpa_id: jpa.id.clone(),
            jpa_code: jpa.code.clone(),
            jpa_name: jpa.name.clone(),
            is_exercise: jpa.is_exercise,
            heading,
            brief,
        }
    }

    /// The case as the JSON API shows it: observers get neither the investigation's id
    /// nor its title.
    pub fn to_json(&self, with_titles: bool) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if !with_titles {
            if let Some(brief) = v["brief"].as_object_mut() {
                brief.remove("investigation_id");
                brief.remove("title");
            }
        }
        v
    }
}

/// The compendium across JPAs as Markdown, each brief in the order of the UNODC
/// SHERLOC case briefs: facts, legal elements and charges, elements of success,
/// challenges, cooperation used. Entered text is escaped.
pub fn markdown_across(cases: &[CompendiumCase], filter: &Filter) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Compendium of successful cross-border cases\n");
    let jpas: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.jpa_id.as_str()).collect();
    let narrowed = filter.describe();
    let _ = writeln!(
        md,
        "{} case(s) from {} JPA(s), closed investigations whose lead agency agreed to share them{}.\n",
        cases.len(),
        jpas.len(),
        if narrowed.is_empty() {
            String::new()
        } else {
            format!("; {narrowed}")
        }
    );
    let or_not = |t: &Option<String>| {
        t.as_deref()
            .map(escape)
            .unwrap_or_else(|| "Not provided.".into())
    };
    let steps = |md: &mut String, list: &[BriefStep]| {
        if list.is_empty() {
            let _ = writeln!(md, "Not recorded.\n");
            return;
        }
        for m in list {
            let _ = writeln!(
                md,
                "- {}: {}: {} [{}]",
                m.on,
                words(&m.kind),
                escape(&m.title),
                escape(&m.agency)
            );
        }
        md.push('\n');
    };
    for c in cases {
        let case = &c.brief;
        let _ = writeln!(md, "## {}\n", escape(&c.heading));
        let _ = writeln!(
            md,
            "- **JPA:** {} {}{}",
            escape(&c.jpa_code),
            escape(&c.jpa_name),
            if c.is_exercise {
                " (EXERCISE: simulated case)"
            } else {
                ""
            }
        );
        let types: Vec<String> = case.crime_types.iter().map(|t| words(t)).collect();
        let _ = writeln!(md, "- **Crime types:** {}", types.join(", "));
        let _ = writeln!(md, "- **Lead agency:** {}", escape(&case.lead));
        if !case.partners.is_empty() {
            let partners: Vec<String> = case.partners.iter().map(|p| escape(p)).collect();
            let _ = writeln!(md, "- **Partner agencies:** {}", partners.join(", "));
        }
        let _ = writeln!(
            md,
            "- **Countries involved:** {}",
            case.countries.join(", ")
        );
        let _ = writeln!(
            md,
            "- **Investigation:** opened {}, closed {}\n",
            case.opened_on,
            case.closed_on.map(|d| d.to_string()).unwrap_or_default()
        );
        let _ = writeln!(md, "### Facts\n");
        let _ = writeln!(md, "{}\n", or_not(&case.facts));
        if !case.modus_operandi.is_empty() {
            let mo: Vec<String> = case.modus_operandi.iter().map(|m| words(m)).collect();
            let _ = writeln!(md, "Modus operandi: {}.\n", mo.join(", "));
        }
        match &case.route {
            None => {
                let _ = writeln!(md, "Route: withheld (restricted investigation).\n");
            }
            Some(legs) if !legs.is_empty() => {
                let legs: Vec<String> = legs
                    .iter()
                    .map(|l| {
                        format!(
                            "{} {} ({}, by {})",
                            l.country,
                            escape(&l.place),
                            l.kind,
                            l.mode
                        )
                    })
                    .collect();
                let _ = writeln!(md, "Route: {}.\n", legs.join(" -> "));
            }
            Some(_) => {}
        }
        let _ = writeln!(md, "### Legal elements and charges\n");
        steps(&mut md, &case.charges);
        let legal: Vec<String> = case
            .outcomes
            .iter()
            .filter(|o| {
                ["persons_charged", "prosecutions", "convictions"]
                    .iter()
                    .any(|code| indicators::find(code).is_some_and(|i| i.label == o.label))
            })
            .map(|o| format!("{}: {}", o.label, o.value))
            .collect();
        if !legal.is_empty() {
            let _ = writeln!(md, "{}.\n", legal.join("; "));
        }
        let _ = writeln!(md, "### Elements of success\n");
        let _ = writeln!(md, "{}\n", or_not(&case.elements_of_success));
        let _ = writeln!(md, "### Challenges\n");
        let _ = writeln!(md, "{}\n", or_not(&case.challenges));
        let _ = writeln!(md, "### Cooperation used\n");
        steps(&mut md, &case.cooperation);
        let _ = writeln!(md, "### Outcomes\n");
        if case.outcomes.is_empty() {
            let _ = writeln!(md, "None reported.\n");
        } else {
            for o in &case.outcomes {
                let _ = writeln!(
                    md,
                    "- {}: {}{}",
                    o.label,
                    o.value,
                    if o.confirmed { "" } else { " (provisional)" }
                );
            }
            md.push('\n');
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markdown_escapes_html_links_and_headings() {
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("[x](http://evil)"), "\\[x\\](http://evil)");
        assert_eq!(escape("# title"), "\\# title");
    }

    /// Every line of escaped text starts with something that opens no block: a letter,
    /// a digit not followed by `.`/`)`, an escape or an entity.
    fn opens_no_block(escaped: &str) -> bool {
        escaped.lines().all(|line| {
            let mut chars = line.chars();
            match chars.next() {
                None => true,
                Some('\\' | '&') => true,
                Some(c) if c.is_ascii_digit() => {
                    let rest: String = line.chars().skip_while(char::is_ascii_digit).collect();
                    !rest.starts_with('.') && !rest.starts_with(')')
                }
                Some(c) => c.is_alphanumeric() || c == '(' || c == '"' || c == '\'',
            }
        })
    }

    #[test]
    fn no_markdown_block_can_start_from_user_text() {
        let cases = [
            ("setext =", "Title\n==="),
            ("setext -", "Title\n---"),
            ("tilde fence", "~~~\ncode\n~~~"),
            ("backtick fence", "```rust\nfn x() {}\n```"),
            ("ATX heading", "x\n# Heading"),
            ("ATX heading, indented", "x\n   ## Heading"),
            ("block quote", "x\n> quoted"),
            ("bullet -", "x\n- item"),
            ("bullet +", "x\n+ item"),
            ("bullet *", "x\n* item"),
            ("ordered .", "x\n1. item"),
            ("ordered )", "x\n12) item"),
            ("thematic ***", "x\n***"),
            ("thematic ___", "x\n___"),
            ("thematic - - -", "x\n- - -"),
            ("indented code (spaces)", "x\n\n    code"),
            ("indented code (tab)", "x\n\n\tcode"),
            ("HTML block", "x\n<div onclick=x>"),
            ("HTML comment", "x\n<!-- hidden -->"),
            ("table", "a | b\n--- | ---\n1 | 2"),
            ("link reference definition", "[x]: http://evil.example"),
            ("hard break then heading", "line  \n# h"),
        ];
        for (what, text) in cases {
            let escaped = escape(text);
            assert!(opens_no_block(&escaped), "{what}: {escaped:?}");
            assert!(!escaped.contains('<') && !escaped.contains('>'), "{what}");
        }
        assert_eq!(escape("Title\n==="), "Title\n\\===");
        assert_eq!(escape("~~~"), "\\~\\~\\~");
        assert_eq!(escape("1. one\n2) two"), "1\\. one\n2\\) two");
        assert_eq!(escape("    code"), "code");
        assert_eq!(escape("a | b"), "a \\| b");
    }

    #[test]
    fn inline_constructs_from_user_text_are_escaped() {
        for (text, escaped) in [
            ("*bold* _em_", "\\*bold\\* \\_em\\_"),
            ("`code`", "\\`code\\`"),
            ("![img](http://x/a.png)", "\\!\\[img\\](http://x/a.png)"),
            ("[link](http://x)", "\\[link\\](http://x)"),
            ("<http://x.example>", "&lt;http://x.example&gt;"),
            ("<b>raw</b>", "&lt;b&gt;raw&lt;/b&gt;"),
            ("&#60;script&#62;", "&amp;\\#60;script&amp;\\#62;"),
            ("~~struck~~", "\\~\\~struck\\~\\~"),
            ("back\\slash", "back\\\\slash"),
            ("Ranong - Satun, 3.5 km", "Ranong - Satun, 3.5 km"),
        ] {
            assert_eq!(escape(text), escaped, "{text:?}");
        }
    }
}
