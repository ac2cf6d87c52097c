//! Email: one `Mailer` over three transports (SMTP for production, files for the
//! zero-setup default, memory for tests), the texts of account mails, and the outbox
//! worker that delivers queued rows.

pub mod messages;
pub mod worker;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::{EmailSettings, EmailTransportKind};
use crate::db::outbox::OutboxRow;

/// A mail as the in-memory transport keeps it.
#[derive(Debug, Clone)]
pub struct SentMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
    Memory(Arc<Mutex<Vec<SentMail>>>),
}

/// Why a send failed: temporary failures are retried, permanent ones are not.
#[derive(Debug)]
pub enum SendError {
    Temporary(String),
    Permanent(String),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    send_timeout: Duration,
}

impl Mailer {
    pub fn from_settings(settings: &EmailSettings) -> anyhow::Result<Mailer> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|_| anyhow::anyhow!("email.from is not a valid mailbox"))?;
        let send_timeout = Duration::from_secs(settings.send_timeout_seconds.max(1));
        let transport = match settings.transport {
            EmailTransportKind::Smtp => {
                let url = settings.smtp_url.expose_secret();
                if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                    anyhow::bail!("email.smtp_url must start with smtp:// or smtps://");
                }
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|_| anyhow::anyhow!("email.smtp_url is not a valid SMTP URL"))?
                    .timeout(Some(send_timeout))
                    .pool_config(
                        lettre::transport::smtp::PoolConfig::new()
                            .max_size(settings.concurrency.clamp(1, 64) as u32),
                    )
                    .build();
                Transport::Smtp(transport)
            }
            EmailTransportKind::File => {
                std::fs::create_dir_all(&settings.file_dir).map_err(|e| {
                    anyhow::anyhow!("cannot create {}: {e}", settings.file_dir.display())
                })?;
                Transport::File(AsyncFileTransport::<Tokio1Executor>::new(PathBuf::from(
                    &settings.file_dir,
                )))
            }
            EmailTransportKind::Memory => Transport::Memory(Arc::new(Mutex::new(Vec::new()))),
        };
        Ok(Mailer {
            transport,
            from,
            send_timeout,
        })
    }

    /// The domain of the sender, used in Message-IDs.
    pub fn message_domain(&self) -> String {
        self.from.email.domain().to_string()
    }

    /// Mails sent so far, for the in-memory transport (tests).
    pub fn sent(&self) -> Vec<SentMail> {
        match &self.transport {
            Transport::Memory(sent) => sent.lock().map(|s| s.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Sends one outbox row, bounded by the send timeout (lettre's own timeout only
    /// covers parts of the conversation).
    pub async fn send(&self, row: &OutboxRow) -> Result<(), SendError> {
        let to: Mailbox = row
            .recipient
            .parse()
            .map_err(|_| SendError::Permanent("invalid recipient address".into()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .message_id(Some(row.message_id.clone()))
            .multipart(MultiPart::alternative_plain_html(
                row.body_text.clone(),
                row.body_html.clone(),
            ))
            .map_err(|e| SendError::Permanent(format!("cannot build message: {e}")))?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                match tokio::time::timeout(self.send_timeout, smtp.send(message)).await {
                    Err(_) => Err(SendError::Temporary("SMTP send timed out".into())),
                    Ok(Ok(_)) => Ok(()),
                    Ok(Err(e)) if e.is_permanent() => Err(SendError::Permanent(smtp_error(&e))),
                    Ok(Err(e)) => Err(SendError::Temporary(smtp_error(&e))),
                }
            }
            Transport::File(file) => {
                match tokio::time::timeout(self.send_timeout, file.send(message)).await {
                    Err(_) => Err(SendError::Temporary(
                        "writing the mail file timed out".into(),
                    )),
                    Ok(Ok(_)) => Ok(()),
                    Ok(Err(e)) => Err(SendError::Temporary(format!("cannot write mail file: {e}"))),
                }
            }
            Transport::Memory(sent) => {
                let mut sent = sent
                    .lock()
                    .map_err(|_| SendError::Temporary("memory transport poisoned".into()))?;
                sent.push(SentMail {
                    to: row.recipient.clone(),
                    subject: row.subject.clone(),
                    text: row.body_text.clone(),
                    html: row.body_html.clone(),
                    message_id: row.message_id.clone(),
                });
                Ok(())
            }
        }
    }
}

/// The SMTP error as stored in `last_error`: status and text, without credentials.
fn smtp_error(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    text.truncate(500);
    text
}
