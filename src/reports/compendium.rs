//! The compendium: one brief per closed investigation whose lead agency opted in, in the
//! shape of the UNODC case-law briefs. Protected fields of restricted investigations
//! (reference, summary, route legs) never appear, whoever asks.

use std::collections::HashMap;
use std::fmt::Write;

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

pub fn render(conn: &mut DbConnection, jpa: &JpaRow) -> Result<String, Error> {
    let agencies: HashMap<String, (String, String)> = jpas::participants(conn, &jpa.id)?
        .into_iter()
        .map(|(a, _)| (a.id, (a.name, a.country)))
        .collect();
    let label = |id: &str| {
        agencies
            .get(id)
            .map(|(n, c)| format!("{} ({c})", escape(n)))
            .unwrap_or_else(|| "unknown agency".into())
    };
    let cases = inv::compendium_cases(conn, &jpa.id)?;
    let ids: Vec<String> = cases.iter().map(|c| c.id.clone()).collect();
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
    for case in cases {
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
                .map(escape)
        };
        let _ = writeln!(md, "## {}\n", escape(&case.title));
        let mut types = Vec::new();
        if case.people_smuggling {
            types.push("people smuggling");
        }
        if case.trafficking_in_persons {
            types.push("trafficking in persons");
        }
        let _ = writeln!(md, "- **Crime types:** {}", types.join(", "));
        let _ = writeln!(md, "- **Lead agency:** {}", label(&case.lead_agency_id));
        if !p.is_empty() {
            let _ = writeln!(
                md,
                "- **Partner agencies:** {}",
                p.iter().map(|a| label(a)).collect::<Vec<_>>().join(", ")
            );
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
        let _ = writeln!(md, "- **Countries involved:** {}", countries.join(", "));
        let _ = writeln!(
            md,
            "- **Investigation:** opened {}, closed {}\n",
            case.opened_on,
            case.closed_on.map(|d| d.to_string()).unwrap_or_default()
        );
        let mo: Vec<String> =
            serde_json::from_str::<Vec<String>>(&case.modus_operandi).unwrap_or_default();
        let _ = writeln!(md, "### Facts and modus operandi\n");
        let _ = writeln!(
            md,
            "{}\n",
            text("facts").unwrap_or_else(|| "Not provided.".into())
        );
        if !mo.is_empty() {
            let _ = writeln!(
                md,
                "Modus operandi: {}.\n",
                mo.iter().map(|m| words(m)).collect::<Vec<_>>().join(", ")
            );
        }
        let _ = writeln!(md, "### Route\n");
        if restricted {
            let _ = writeln!(md, "Withheld: restricted investigation.\n");
        } else if legs.is_empty() {
            let _ = writeln!(md, "Not recorded.\n");
        } else {
            for (i, l) in legs.iter().enumerate() {
                let _ = writeln!(
                    md,
                    "{}. {} {}: {} by {}",
                    i + 1,
                    l["country"].as_str().unwrap_or(""),
                    escape(l["place"].as_str().unwrap_or("")),
                    l["kind"].as_str().unwrap_or(""),
                    l["mode"].as_str().unwrap_or("")
                );
            }
            md.push('\n');
        }
        let _ = writeln!(md, "### Timeline\n");
        let _ = writeln!(md, "- {}: investigation opened", case.opened_on);
        for m in timeline
            .remove(&case.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m.status != "cancelled")
        {
            let when = m.achieved_on.unwrap_or(m.due_on);
            let state = if m.status == "achieved" {
                ""
            } else {
                " (planned)"
            };
            let _ = writeln!(
                md,
                "- {when}: {}: {}{state} [{}]",
                words(&m.kind),
                escape(&m.title),
                label(&m.responsible_agency_id)
            );
        }
        if let Some(closed) = case.closed_on {
            let _ = writeln!(md, "- {closed}: investigation closed");
        }
        md.push('\n');
        let _ = writeln!(md, "### Outcomes\n");
        let rows = results.remove(&case.id).unwrap_or_default();
        if rows.is_empty() {
            let _ = writeln!(md, "None reported.\n");
        } else {
            let mut totals: Vec<(String, i64, bool)> = Vec::new();
            for o in rows {
                let l = indicators::find(&o.indicator)
                    .map(|i| i.label.to_string())
                    .unwrap_or(o.indicator.clone());
                match totals.iter_mut().find(|(k, _, _)| *k == l) {
                    Some(t) => {
                        t.1 = t.1.saturating_add(o.value);
                        t.2 &= o.status == "confirmed";
                    }
                    None => totals.push((l, o.value, o.status == "confirmed")),
                }
            }
            for (l, v, confirmed) in totals {
                let _ = writeln!(
                    md,
                    "- {l}: {v}{}",
                    if confirmed { "" } else { " (provisional)" }
                );
            }
            md.push('\n');
        }
        let _ = writeln!(md, "### Elements of success\n");
        let _ = writeln!(
            md,
            "{}\n",
            text("elements_of_success").unwrap_or_else(|| "Not provided.".into())
        );
        let _ = writeln!(md, "### Challenges\n");
        let _ = writeln!(
            md,
            "{}\n",
            text("challenges").unwrap_or_else(|| "Not provided.".into())
        );
    }
    Ok(md)
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
