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

    /// Subject, text and HTML of one reminder.
    pub fn render(
        &self,
        reminder: &Reminder,
        jpa_code: &str,
        jpa_name: &str,
        is_exercise: bool,
        link: &str,
    ) -> Result<NewMail, minijinja::Error> {
        let prefix = if is_exercise { "[EXERCISE] " } else { "" };
        let period = reminder.period.to_string();
        let (subject, kind, template, number) = match reminder.kind {
            ReminderKind::DueSoon => (
                format!("{prefix}[{jpa_code}] Monthly return for {period} due on {}", reminder.due),
                "due_soon",
                "return",
                0,
            ),
            ReminderKind::Overdue(n) => (
                format!("{prefix}[{jpa_code}] Monthly return for {period} is overdue (reminder {} of 3)", n + 1),
                "overdue",
                "return",
                n + 1,
            ),
            ReminderKind::Digest => (
                format!("{prefix}[{jpa_code}] Monthly returns for {period}: status by agency"),
                "digest",
                "digest",
                0,
            ),
        };
        let count = |word: &str| reminder.digest.iter().filter(|r| r.state == word).count();
        let ctx = context! {
            exercise => is_exercise,
            name => reminder.recipient.display_name,
            agency => reminder.agency,
            period => period,
            due => reminder.due.to_string(),
            jpa_code => jpa_code,
            jpa_name => jpa_name,
            kind => kind,
            number => number,
            link => link,
            milestones => reminder.milestones,
            rows => reminder.digest,
            on_time => count("on time"),
            late => count("late"),
            missing => count("missing"),
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
            "[EXERCISE] [JPA-2026] Monthly return for 2026-03 is overdue (reminder 2 of 3)"
        );
        assert!(mail.body_html.contains("&lt;script&gt;") && !mail.body_html.contains("<script>"));
        assert!(mail.body_html.contains("&lt;b&gt;Op") && !mail.body_html.contains("<b>Op"));
        assert!(mail.body_text.contains("THIS IS AN EXERCISE"));
        assert!(mail.body_text.contains("http://jpa.test/returns"));
        assert!(mail.body_text.contains("(OVERDUE): t [<b>Op</b>]"));
    }
}
