//! The work plan's table as of an annual meeting, written out for the meeting's papers:
//! Markdown (`GET /meetings/{id}/table.md`) and CSV (`.../table.csv`). The page shows the
//! same `MeetingTable` (`web::pages::work_plans`). Like the API, these stay in English.

use std::fmt::Write;

use super::compendium::escape;
use super::csv_export::neutralise;
use crate::domain::indicators;
use crate::error::Error;
use crate::operations::work_plans::{JpaHeadline, MeetingTable, Member, TableStatus};

fn member(m: &Member) -> String {
    match m {
        Member::Country(c) => crate::i18n::country_name("en", c).unwrap_or_else(|| c.clone()),
        Member::Organisation(o) => o.clone(),
    }
}

fn members(list: &[Member]) -> String {
    list.iter().map(member).collect::<Vec<_>>().join(", ")
}

/// `in progress (2024-Q3)`, or `not recorded`.
pub fn status_text(s: &Option<TableStatus>) -> String {
    match s {
        None => "not recorded".into(),
        Some(s) => {
            let words = s.status.replace('_', " ");
            match &s.timeframe {
                Some(t) => format!("{words} ({t})"),
                None => words,
            }
        }
    }
}

fn headline(h: &JpaHeadline) -> String {
    if !h.started {
        return format!("{}: not started by {}", h.code, h.as_of);
    }
    let mut parts = vec![
        format!(
            "{} investigations ({} cross-border)",
            h.investigations, h.cross_border
        ),
        format!("{} milestones achieved", h.milestones_achieved),
        format!("returns {}/{}", h.returns_submitted, h.returns_expected),
    ];
    for (code, total) in &h.outcomes {
        let label = indicators::find(code).map_or(code.as_str(), |i| i.label);
        parts.push(format!("{label}: {total}"));
    }
    format!("{} (as of {}): {}", h.code, h.as_of, parts.join("; "))
}

/// A table cell: one line, escaped.
fn cell(text: &str) -> String {
    escape(&text.replace(['\r', '\n'], " "))
}

pub fn file_name(t: &MeetingTable, ext: &str) -> String {
    format!("work-plan-meeting-{}.{ext}", t.meeting.held_on)
}

pub fn markdown(t: &MeetingTable) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# {} ({}-{})\n",
        escape(&t.work_plan.title),
        t.work_plan.first_year,
        t.work_plan.last_year
    );
    let _ = writeln!(
        md,
        "Annual meeting of {}, {}. {}\n",
        t.meeting.held_on,
        escape(&t.meeting.place),
        if t.tabled {
            "The table as it stood when the meeting was held."
        } else {
            "The meeting is not held yet: the table as the records stand today."
        }
    );
    let _ = writeln!(
        md,
        "| Action item | Interest to lead | Interest to support | Status (timeframe) | Delivered through |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|");
    for row in &t.items {
        let jpas: Vec<String> = row.jpas.iter().map(|h| cell(&headline(h))).collect();
        let status = match &row.status {
            Some(s) if !s.note.is_empty() => format!("{}: {}", status_text(&row.status), s.note),
            _ => status_text(&row.status),
        };
        let _ = writeln!(
            md,
            "| {} {} | {} | {} | {} | {} |",
            cell(&row.number),
            cell(&row.text),
            cell(&members(&row.lead)),
            cell(&members(&row.support)),
            cell(&status),
            jpas.join("; ")
        );
    }
    if let Some(previous) = &t.previous_meeting {
        let _ = writeln!(
            md,
            "\n## Changes since the meeting of {}\n",
            previous.held_on
        );
        if t.changes.is_empty() {
            let _ = writeln!(md, "None.");
        }
        for c in &t.changes {
            let what = match c.kind.as_str() {
                "status_changed" => format!(
                    "status {} -> {}",
                    status_text(&c.status_before),
                    status_text(&c.status_after)
                ),
                "interest_added" | "interest_withdrawn" => format!(
                    "{} {} interest to {}",
                    c.member.as_ref().map(member).unwrap_or_default(),
                    if c.kind == "interest_added" {
                        "registered"
                    } else {
                        "withdrew"
                    },
                    c.role.as_deref().unwrap_or_default()
                ),
                other => other.replace('_', " "),
            };
            let _ = writeln!(md, "- {}: {}", cell(&c.number), cell(&what));
        }
    }
    if !t.corrections.is_empty() {
        let _ = writeln!(md, "\n## Corrections recorded after the meeting\n");
        for c in &t.corrections {
            let number = t
                .items
                .iter()
                .find(|i| i.action_item_id == c.action_item_id)
                .map_or("?", |i| i.number.as_str());
            let _ = writeln!(
                md,
                "- {}: {} ({}), {}",
                cell(number),
                c.status.replace('_', " "),
                c.created_at.date_naive(),
                cell(c.reason.as_deref().unwrap_or_default())
            );
        }
    }
    md
}

pub fn csv(t: &MeetingTable) -> Result<String, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "number",
        "action_item",
        "priorities",
        "interest_to_lead",
        "interest_to_support",
        "status",
        "timeframe",
        "note",
        "delivered_through",
    ];
    w.write_record(header).map_err(Error::internal)?;
    for row in &t.items {
        let priorities: Vec<String> = row.priority_numbers.iter().map(i32::to_string).collect();
        let jpas: Vec<String> = row.jpas.iter().map(headline).collect();
        let (status, timeframe, note) = match &row.status {
            Some(s) => (
                s.status.clone(),
                s.timeframe.clone().unwrap_or_default(),
                s.note.clone(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        let cells = [
            row.number.clone(),
            row.text.clone(),
            priorities.join(" "),
            members(&row.lead),
            members(&row.support),
            status,
            timeframe,
            note,
            jpas.join(" | "),
        ];
        w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(Error::internal)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::internal(e.error()))?;
    String::from_utf8(bytes).map_err(Error::internal)
}
