//! Reminder mails from templates (minijinja; HTML templates escape every value).
//! Subjects carry only the JPA code, the period and fixed words: no user text reaches
//! a header.

use minijinja::{context, Environment};

use super::rules::{Reminder, ReminderKind};
use crate::db::outbox::NewMail;

/// The compiled templates.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn new() -> Result<Templates, minijinja::Error> {
        let mut env = Environment::new();
        env.add_template("return.txt", include_str!("templates/return.txt"))?;
        env.add_template("return.html", include_str!("templates/return.html"))?;
        env.add_template("digest.txt", include_str!("templates/digest.txt"))?;
        env.add_template("digest.html", include_str!("templates/digest.html"))?;
        Ok(Templates { env })
    }

    /// Subject, text and HTML of one reminder, in its recipient's language.
    pub fn render(
        &self,
        reminder: &Reminder,
        jpa_code: &str,
        jpa_name: &str,
        is_exercise: bool,
        link: &str,
    ) -> Result<NewMail, minijinja::Error> {
        let lang = reminder.recipient.locale.as_str();
        let t = |id: &str, args: &[(&str, String)]| -> String {
            let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = args
                .iter()
                .map(|(k, v)| (*k, fluent_bundle::FluentValue::from(v.as_str())))
                .collect();
            crate::i18n::message_in(lang, id, &args)
        };
        let prefix = if is_exercise {
            format!("{} ", t("mail-exercise-tag", &[]))
        } else {
            String::new()
        };
        // Months and dates as the recipient's language writes them; links keep `YYYY-MM`.
        let period = crate::i18n::period_name(lang, &reminder.period.to_string());
        let due = crate::i18n::long_date(lang, &reminder.due.to_string());
        let agency = reminder.agency.clone().unwrap_or_default();
        let code = jpa_code.to_string();
        let facts = |number: i64| -> Vec<(&'static str, String)> {
            vec![
                ("code", code.clone()),
                ("jpa", jpa_name.to_string()),
                ("period", period.clone()),
                ("due", due.clone()),
                ("agency", agency.clone()),
                ("number", number.to_string()),
            ]
        };
        let (subject, kind, template, body) = match reminder.kind {
            ReminderKind::DueSoon => (
                t("mail-due-soon-subject", &facts(0)),
                "due_soon",
                "return",
                t("mail-due-soon-body", &facts(0)),
            ),
            ReminderKind::Overdue(n) => (
                t("mail-overdue-subject", &facts(n + 1)),
                "overdue",
                "return",
                t("mail-overdue-body", &facts(n + 1)),
            ),
            ReminderKind::Digest => (
                t("mail-digest-subject", &facts(0)),
                "digest",
                "digest",
                t("mail-digest-body", &facts(0)),
            ),
        };
        let subject = format!("{prefix}{subject}");
        let count = |word: &str| reminder.digest.iter().filter(|r| r.state == word).count();
        // A digest has a row per agency but only a few distinct words: each formatted once.
        let mut words: std::collections::HashMap<(&str, usize), (String, String)> =
            std::collections::HashMap::new();
        let rows: Vec<minijinja::Value> = reminder
            .digest
            .iter()
            .map(|r| {
                let (state, overdue) = words
                    .entry((r.state, r.overdue_milestones))
                    .or_insert_with(|| {
                        let state = t(
                            &format!("mail-digest-state-{}", r.state.replace(' ', "_")),
                            &[],
                        );
                        let overdue = if r.overdue_milestones > 0 {
                            let args = [(
                                "count",
                                fluent_bundle::FluentValue::from(r.overdue_milestones),
                            )];
                            crate::i18n::message_in(lang, "mail-digest-overdue-count", &args)
                        } else {
                            String::new()
                        };
                        (state, overdue)
                    })
                    .clone();
                context! {
                    agency => r.agency, country => r.country, state => state,
                    overdue_milestones => r.overdue_milestones, overdue_text => overdue,
                }
            })
            .collect();
        let totals = t(
            "mail-digest-totals",
            &[
                ("on_time", count("on time").to_string()),
                ("late", count("late").to_string()),
                ("missing", count("missing").to_string()),
            ],
        );
        let ctx = context! {
            lang => lang,
            exercise => is_exercise.then(|| t("mail-exercise", &[])),
            greeting => t("mail-greeting", &[("name", reminder.recipient.display_name.clone())]),
            body => body,
            link => link,
            file_here => t("mail-file-here", &[]),
            nil_counts => t("mail-nil-counts", &[]),
            milestones_heading => t("mail-milestones-heading", &[("agency", agency.clone())]),
            overdue_mark => t("mail-overdue-mark", &[]),
            milestones => reminder
                .milestones
                .iter()
                .map(|m| context! {
                    due_on => crate::i18n::long_date(lang, &m.due_on.to_string()),
                    overdue => m.overdue, title => m.title, investigation => m.investigation,
                })
                .collect::<Vec<_>>(),
            rows => rows,
            totals => totals,
            heading_agency => t("mail-digest-agency", &[]),
            heading_country => t("mail-digest-country", &[]),
            heading_return => t("mail-digest-return", &[]),
            heading_overdue => t("mail-digest-overdue-milestones", &[]),
            compliance => t("mail-digest-compliance", &[]),
            signature => t("mail-signature", &[]),
        };
        let text = self
            .env
            .get_template(&format!("{template}.txt"))?
            .render(&ctx)?;
        let html = self
            .env
            .get_template(&format!("{template}.html"))?
            .render(&ctx)?;
        Ok(NewMail {
            recipient: reminder.recipient.email.clone(),
            subject,
            body_text: text,
            body_html: html,
            kind: kind.to_string(),
            dedupe_key: reminder.dedupe_key.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Period;
    use crate::reminders::rules::{MilestoneFact, Person};

    #[test]
    fn names_are_escaped_in_html_and_subjects_hold_no_user_text() {
        let t = Templates::new().unwrap();
        let r = Reminder {
            kind: ReminderKind::Overdue(1),
            recipient: Person {
                user_id: "u".into(),
                email: "u@x.example".into(),
                display_name: "<script>x</script>".into(),
                locale: "en".into(),
            },
            agency: Some("Agency \"A\"\r\nBcc: evil@x.example".into()),
            period: Period::parse("2026-03").unwrap(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(),
            dedupe_key: "k".into(),
            milestones: vec![MilestoneFact {
                investigation: "<b>Op</b>".into(),
                title: "t".into(),
                due_on: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
                overdue: true,
            }],
            digest: Vec::new(),
        };
        let mail = t
            .render(&r, "JPA-2026", "Operation", true, "http://jpa.test/returns")
            .unwrap();
        assert_eq!(
            mail.subject,
            "[EXERCISE] [JPA-2026] Monthly return for March 2026 is overdue (reminder 2 of 3)"
        );
        assert!(mail.body_html.contains("&lt;script&gt;") && !mail.body_html.contains("<script>"));
        assert!(mail.body_html.contains("&lt;b&gt;Op") && !mail.body_html.contains("<b>Op"));
        assert!(mail.body_text.contains("THIS IS AN EXERCISE"));
        assert!(mail.body_text.contains("http://jpa.test/returns"));
        assert!(mail
            .body_text
            .contains("- 1 April 2026 (overdue): t [<b>Op</b>]"));
    }
}
