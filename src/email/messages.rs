//! Account mails (invitation, password reset, security notice): subject, text and HTML
//! bodies, in the recipient's language (`locales/*/mail.ftl`). User text is HTML-escaped;
//! subjects never carry user text, so no header can be injected.

use crate::db::outbox::NewMail;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn link(public_url: &str, token: &str) -> String {
    format!(
        "{}/set-password?token={token}",
        public_url.trim_end_matches('/')
    )
}

/// A message of the mail catalogue in the recipient's language.
fn m(lang: &str, id: &str) -> String {
    crate::i18n::message_in(lang, id, &[])
}

/// A message with arguments.
fn ma(lang: &str, id: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = args
        .iter()
        .map(|(k, v)| (*k, fluent_bundle::FluentValue::from(*v)))
        .collect();
    crate::i18n::message_in(lang, id, &args)
}

/// A mail with a greeting, a paragraph, a link and a closing line: the account mails.
#[allow(clippy::too_many_arguments)]
fn linked(
    lang: &str,
    recipient: &str,
    display_name: &str,
    subject: &str,
    body: &str,
    link_text: &str,
    url: &str,
    closing: &str,
    kind: &str,
    dedupe_key: String,
) -> NewMail {
    let greeting = ma(lang, "mail-greeting", &[("name", display_name)]);
    let signature = m(lang, "mail-signature");
    let text =
        format!("{greeting}\n\n{body}\n\n{link_text}: {url}\n\n{closing}\n\n-- \n{signature}\n");
    let html = format!(
        "<p>{}</p><p>{}</p><p><a href=\"{}\">{}</a></p><p>{}</p>",
        escape_html(&greeting),
        escape_html(body),
        escape_html(url),
        escape_html(link_text),
        escape_html(closing)
    );
    NewMail {
        recipient: recipient.to_string(),
        subject: subject.to_string(),
        body_text: text,
        body_html: html,
        kind: kind.to_string(),
        dedupe_key,
    }
}

/// The invitation of a new user, with a link valid for 72 hours, in the user's language.
pub fn invitation(
    lang: &str,
    recipient: &str,
    display_name: &str,
    public_url: &str,
    token: &str,
    dedupe_key: String,
) -> NewMail {
    linked(
        lang,
        recipient,
        display_name,
        &m(lang, "mail-invite-subject"),
        &m(lang, "mail-invite-body"),
        &m(lang, "mail-invite-link"),
        &link(public_url, token),
        &m(lang, "mail-ignore"),
        "invitation",
        dedupe_key,
    )
}

/// A password reset link, valid for one hour, in the user's language.
pub fn password_reset(
    lang: &str,
    recipient: &str,
    display_name: &str,
    public_url: &str,
    token: &str,
    dedupe_key: String,
) -> NewMail {
    linked(
        lang,
        recipient,
        display_name,
        &m(lang, "mail-reset-subject"),
        &m(lang, "mail-reset-body"),
        &m(lang, "mail-reset-link"),
        &link(public_url, token),
        &m(lang, "mail-reset-ignore"),
        "password_reset",
        dedupe_key,
    )
}

/// A change to how an account signs in, announced to its owner (OWASP ASVS 2.2.3): if it
/// was not them, they learn at once. No secret in the mail; its one link is the account
/// page (`/me`, reached only by signing in), which shows the password and two-factor
/// settings the notice is about. It carries no token, so it is no phishing template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityChange {
    PasswordChanged,
    PasswordReset,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesReplaced,
}

impl SecurityChange {
    /// The catalogue id of the change's description.
    fn message_id(self) -> &'static str {
        match self {
            SecurityChange::PasswordChanged => "mail-security-password_changed",
            SecurityChange::PasswordReset => "mail-security-password_reset",
            SecurityChange::TwoFactorEnabled => "mail-security-two_factor_enabled",
            SecurityChange::TwoFactorDisabled => "mail-security-two_factor_disabled",
            SecurityChange::RecoveryCodesReplaced => "mail-security-recovery_codes_replaced",
        }
    }
}

/// The notice of a security change, made at `at` (UTC), in the user's language.
pub fn security_notice(
    lang: &str,
    recipient: &str,
    display_name: &str,
    change: SecurityChange,
    at: chrono::NaiveDateTime,
    public_url: &str,
    dedupe_key: String,
) -> NewMail {
    let when = at.format("%Y-%m-%d %H:%M UTC").to_string();
    let what = m(lang, change.message_id());
    let account = format!("{}/me", public_url.trim_end_matches('/'));
    let body = ma(
        lang,
        "mail-security-body",
        &[("when", &when), ("what", &what)],
    );
    let mut mail = linked(
        lang,
        recipient,
        display_name,
        &m(lang, "mail-security-subject"),
        &format!("{body}\n\n{}", m(lang, "mail-security-advice")),
        &m(lang, "mail-security-link"),
        &account,
        &m(lang, "mail-security-after-sign-in"),
        "security_notice",
        dedupe_key,
    );
    // The HTML keeps the body's two paragraphs apart.
    mail.body_html = mail.body_html.replacen("\n\n", "</p><p>", 1);
    mail
}
