//! Account mails (invitation, password reset): subject, text and HTML bodies. User text
//! is HTML-escaped; subjects never carry user text, so no header can be injected.

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

/// The invitation of a new user, with a link valid for 72 hours.
pub fn invitation(
    recipient: &str,
    display_name: &str,
    public_url: &str,
    token: &str,
    dedupe_key: String,
) -> NewMail {
    let url = link(public_url, token);
    let text = format!(
        "Hello {display_name},\n\nAn account was created for you on the JPA coordination \
         service.\nSet your password within 72 hours at:\n\n{url}\n\nIf you did not expect \
         this, ignore this message.\n"
    );
    let html = format!(
        "<p>Hello {},</p><p>An account was created for you on the JPA coordination service. \
         Set your password within 72 hours:</p><p><a href=\"{}\">Set your password</a></p>\
         <p>If you did not expect this, ignore this message.</p>",
        escape_html(display_name),
        escape_html(&url)
    );
    NewMail {
        recipient: recipient.to_string(),
        subject: "Your JPA coordination account".to_string(),
        body_text: text,
        body_html: html,
        kind: "invitation".to_string(),
        dedupe_key,
    }
}

/// A password reset link, valid for one hour.
pub fn password_reset(
    recipient: &str,
    display_name: &str,
    public_url: &str,
    token: &str,
    dedupe_key: String,
) -> NewMail {
    let url = link(public_url, token);
    let text = format!(
        "Hello {display_name},\n\nSomeone asked to reset the password of your JPA \
         coordination account.\nSet a new password within one hour at:\n\n{url}\n\nIf it \
         was not you, ignore this message; your password stays as it is.\n"
    );
    let html = format!(
        "<p>Hello {},</p><p>Someone asked to reset the password of your JPA coordination \
         account. Set a new password within one hour:</p><p><a href=\"{}\">Reset your \
         password</a></p><p>If it was not you, ignore this message; your password stays as \
         it is.</p>",
        escape_html(display_name),
        escape_html(&url)
    );
    NewMail {
        recipient: recipient.to_string(),
        subject: "Reset your JPA coordination password".to_string(),
        body_text: text,
        body_html: html,
        kind: "password_reset".to_string(),
        dedupe_key,
    }
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
    fn describe(self) -> &'static str {
        match self {
            SecurityChange::PasswordChanged => "the password of your account was changed",
            SecurityChange::PasswordReset => {
                "the password of your account was reset with an emailed link, and every session was signed out"
            }
            SecurityChange::TwoFactorEnabled => "two-factor sign-in was turned on for your account",
            SecurityChange::TwoFactorDisabled => {
                "two-factor sign-in was turned off for your account"
            }
            SecurityChange::RecoveryCodesReplaced => {
                "new recovery codes were made for your account, and the old ones stopped working"
            }
        }
    }
}

/// The notice of a security change, made at `at` (UTC).
pub fn security_notice(
    recipient: &str,
    display_name: &str,
    change: SecurityChange,
    at: chrono::NaiveDateTime,
    public_url: &str,
    dedupe_key: String,
) -> NewMail {
    let when = at.format("%Y-%m-%d %H:%M UTC");
    let what = change.describe();
    let account = format!("{}/me", public_url.trim_end_matches('/'));
    let text = format!(
        "Hello {display_name},\n\nOn {when}, {what} on the JPA coordination service.\n\n\
         If this was you, there is nothing to do. If it was not, tell your administrator \
         at once: someone else may be able to sign in as you.\n\nYour account's sign-in \
         settings (after signing in): {account}\n"
    );
    let html = format!(
        "<p>Hello {},</p><p>On {when}, {what} on the JPA coordination service.</p>\
         <p>If this was you, there is nothing to do. If it was not, tell your administrator \
         at once: someone else may be able to sign in as you.</p>\
         <p><a href=\"{}\">Your account's sign-in settings</a> (after signing in)</p>",
        escape_html(display_name),
        escape_html(&account)
    );
    NewMail {
        recipient: recipient.to_string(),
        subject: "Security notice: your JPA coordination account changed".to_string(),
        body_text: text,
        body_html: html,
        kind: "security_notice".to_string(),
        dedupe_key,
    }
}
