//! CSV exports (RFC 4180 through the `csv` crate), written page by page so a large JPA
//! never sits in memory, and safe to open in a spreadsheet: a cell starting with `=`, `+`,
//! `-`, `@`, tab or carriage return is prefixed with `'` so it is not run as a formula.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::db::jpas::JpaRow;
use crate::db::{investigations as inv, jpas, milestones, outcomes, returns, DbConnection};
use crate::domain::{today_in, Sensitivity};
use crate::error::Error;

/// Rows fetched per query.
pub const PAGE: i64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Investigations,
    Milestones,
    Outcomes,
    Returns,
}

impl ExportKind {
    pub fn parse(file: &str) -> Option<ExportKind> {
        match file {
            "investigations.csv" => Some(ExportKind::Investigations),
            "milestones.csv" => Some(ExportKind::Milestones),
            "outcomes.csv" => Some(ExportKind::Outcomes),
            "returns.csv" => Some(ExportKind::Returns),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Investigations => "investigations",
            ExportKind::Milestones => "milestones",
            ExportKind::Outcomes => "outcomes",
            ExportKind::Returns => "returns",
        }
    }
}

/// Neutralises a cell a spreadsheet would run as a formula (OWASP "CSV injection"):
/// one starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
/// Spreadsheets in East Asian locales also read the fullwidth and small forms of those
/// signs as formulas, and an invisible character (zero-width, bidi control, BOM) in
/// front hides a formula from the eye, so cells starting with those are treated alike.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}'
            | '\u{FF20}' | '\u{FE62}' | '\u{FE63}' | '\u{FE66}' | '\u{2212}',
        ) => Cow::Owned(format!("'{cell}")),
        Some(c) if crate::domain::is_invisible_in_identifier(c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn record<S: AsRef<str>>(w: &mut csv::Writer<Vec<u8>>, cells: &[S]) -> Result<(), Error> {
    w.write_record(cells.iter().map(|c| neutralise(c.as_ref()).into_owned()))
        .map_err(Error::internal)
}

/// The bytes written so far; the writer starts a fresh buffer.
fn take(w: &mut csv::Writer<Vec<u8>>) -> Result<Vec<u8>, Error> {
    let full = std::mem::replace(w, csv::Writer::from_writer(Vec::new()));
    full.into_inner().map_err(|e| Error::internal(e.error()))
}

/// Writes the export, handing each chunk to `emit` (false from `emit` stops: the
/// client went away). `caller_agency` decides which restricted fields show.
pub fn write(
    conn: &mut DbConnection,
    jpa: &JpaRow,
    kind: ExportKind,
    caller_agency: Option<&str>,
    mut emit: impl FnMut(Vec<u8>) -> bool,
) -> Result<(), Error> {
    let names: HashMap<String, (String, String)> = jpas::participants(conn, &jpa.id)?
        .into_iter()
        .map(|(a, _)| (a.id, (a.name, a.country)))
        .collect();
    let name = |id: &str| {
        names
            .get(id)
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    match kind {
        ExportKind::Investigations => {
            record(
                &mut w,
                &[
                    "id",
                    "reference",
                    "title",
                    "summary",
                    "lead_agency",
                    "lead_country",
                    "partner_agencies",
                    "crime_types",
                    "status",
                    "opened_on",
                    "closed_on",
                    "sensitivity",
                    "modus_operandi",
                    "route",
                    "trafficking_indicators",
                    "include_in_compendium",
                ],
            )?;
            let mut after = String::new();
            loop {
                let rows = inv::page_in_jpa(conn, &jpa.id, &after, PAGE)?;
                let Some(last) = rows.last() else { break };
                after = last.id.clone();
                let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
                let mut partners = inv::partners_of(conn, &ids)?;
                for r in rows {
                    let p = partners.remove(&r.id).unwrap_or_default();
                    let takes_part = caller_agency
                        .is_some_and(|a| a == r.lead_agency_id || p.iter().any(|x| x == a));
                    let hidden = r.sensitivity == Sensitivity::Restricted.as_str() && !takes_part;
                    let legs: Vec<serde_json::Value> =
                        serde_json::from_str(&r.route_legs).unwrap_or_default();
                    let route = legs
                        .iter()
                        .map(|l| {
                            format!(
                                "{} {} ({}, {})",
                                l["country"].as_str().unwrap_or(""),
                                l["place"].as_str().unwrap_or(""),
                                l["kind"].as_str().unwrap_or(""),
                                l["mode"].as_str().unwrap_or("")
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    let mut types = Vec::new();
                    if r.people_smuggling {
                        types.push("people_smuggling");
                    }
                    if r.trafficking_in_persons {
                        types.push("trafficking_in_persons");
                    }
                    let lead_country = names
                        .get(&r.lead_agency_id)
                        .map(|(_, c)| c.clone())
                        .unwrap_or_default();
                    record(
                        &mut w,
                        &[
                            r.id.clone(),
                            if hidden {
                                String::new()
                            } else {
                                r.reference.clone()
                            },
                            r.title.clone(),
                            if hidden {
                                String::new()
                            } else {
                                r.summary.clone()
                            },
                            name(&r.lead_agency_id),
                            lead_country,
                            p.iter().map(|a| name(a)).collect::<Vec<_>>().join("; "),
                            types.join("; "),
                            r.status.clone(),
                            r.opened_on.to_string(),
                            r.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                            r.sensitivity.clone(),
                            serde_json::from_str::<Vec<String>>(&r.modus_operandi)
                                .unwrap_or_default()
                                .join("; "),
                            if hidden { String::new() } else { route },
                            serde_json::from_str::<Vec<serde_json::Value>>(
                                &r.trafficking_indicators,
                            )
                            .unwrap_or_default()
                            .iter()
                            .map(|i| {
                                format!(
                                    "{}:{}",
                                    i["code"].as_str().unwrap_or(""),
                                    i["strength"].as_str().unwrap_or("")
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                            r.include_in_compendium.to_string(),
                        ],
                    )?;
                }
                if !emit(take(&mut w)?) {
                    return Ok(());
                }
            }
        }
        ExportKind::Milestones => {
            let today = today_in(&jpa.timezone);
            record(
                &mut w,
                &[
                    "id",
                    "investigation_id",
                    "investigation_title",
                    "kind",
                    "title",
                    "responsible_agency",
                    "due_on",
                    "status",
                    "achieved_on",
                    "overdue",
                    "notes",
                ],
            )?;
            let mut after = String::new();
            loop {
                let rows = milestones::page_in_jpa(conn, &jpa.id, &after, PAGE)?;
                let Some((last, _)) = rows.last() else { break };
                after = last.id.clone();
                for (m, title) in rows {
                    let overdue = m.status == "planned" && m.due_on < today;
                    record(
                        &mut w,
                        &[
                            m.id,
                            m.investigation_id,
                            title,
                            m.kind,
                            m.title,
                            name(&m.responsible_agency_id),
                            m.due_on.to_string(),
                            m.status,
                            m.achieved_on.map(|d| d.to_string()).unwrap_or_default(),
                            overdue.to_string(),
                            m.notes,
                        ],
                    )?;
                }
                if !emit(take(&mut w)?) {
                    return Ok(());
                }
            }
        }
        ExportKind::Outcomes => {
            record(
                &mut w,
                &[
                    "id",
                    "investigation_id",
                    "indicator",
                    "value",
                    "occurred_on",
                    "lead_agency",
                    "contributing_agencies",
                    "status",
                    "notes",
                ],
            )?;
            let mut after = String::new();
            loop {
                let rows = outcomes::page_in_jpa(conn, &jpa.id, &after, PAGE)?;
                let Some(last) = rows.last() else { break };
                after = last.id.clone();
                let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
                let mut contributors = outcomes::contributors_of(conn, &ids)?;
                for o in rows {
                    let c = contributors.remove(&o.id).unwrap_or_default();
                    record(
                        &mut w,
                        &[
                            o.id,
                            o.investigation_id,
                            o.indicator,
                            o.value.to_string(),
                            o.occurred_on.to_string(),
                            name(&o.lead_agency_id),
                            c.iter().map(|a| name(a)).collect::<Vec<_>>().join("; "),
                            o.status,
                            o.notes,
                        ],
                    )?;
                }
                if !emit(take(&mut w)?) {
                    return Ok(());
                }
            }
        }
        ExportKind::Returns => {
            record(
                &mut w,
                &[
                    "agency",
                    "country",
                    "period",
                    "status",
                    "nil_return",
                    "submitted_at",
                    "on_time",
                    "narrative",
                ],
            )?;
            let mut rows = returns::all_for_jpa(conn, &jpa.id, None)?;
            rows.sort_by(|a, b| {
                a.period
                    .cmp(&b.period)
                    .then_with(|| name(&a.agency_id).cmp(&name(&b.agency_id)))
            });
            for r in rows {
                let country = names
                    .get(&r.agency_id)
                    .map(|(_, c)| c.clone())
                    .unwrap_or_default();
                record(
                    &mut w,
                    &[
                        name(&r.agency_id),
                        country,
                        r.period,
                        r.status,
                        r.nil_return.to_string(),
                        r.submitted_at
                            .map(|t| {
                                t.and_utc()
                                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                            })
                            .unwrap_or_default(),
                        r.on_time.map(|b| b.to_string()).unwrap_or_default(),
                        r.narrative,
                    ],
                )?;
            }
        }
    }
    let rest = take(&mut w)?;
    if !rest.is_empty() {
        emit(rest);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Andaman boats"), "Andaman boats");
        assert_eq!(neutralise("12"), "12");
        assert_eq!(neutralise("Đà Nẵng"), "Đà Nẵng");
    }

    #[test]
    fn fullwidth_signs_and_invisible_first_characters_are_neutralised_too() {
        for bad in [
            "\u{FF1D}HYPERLINK(\"http://x\")",
            "\u{FF0B}1",
            "\u{FF0D}2",
            "\u{FF20}SUM(A1)",
            "\u{FE62}1",
            "\u{FE63}1",
            "\u{FE66}1",
            "\u{2212}1",
            "\u{200B}=1+1",
            "\u{200C}=1",
            "\u{200D}=1",
            "\u{200E}=1",
            "\u{200F}=1",
            "\u{202E}=1",
            "\u{2066}=1",
            "\u{2060}=1",
            "\u{FEFF}=1",
            "\u{180E}=1",
            "\t=1",
            "\r=1",
            "\n=1",
        ] {
            let safe = neutralise(bad);
            assert!(safe.starts_with('\''), "{bad:?}");
            assert_eq!(&safe[1..], bad, "the text itself is kept");
        }
        assert_eq!(neutralise(""), "");
    }
}
