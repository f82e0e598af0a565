//! Notifications: a worker takes due rows from the queue and sends each on
//! its own task, so a dead endpoint only ever holds its own row. Failed
//! attempts are retried with backoff; when every channel of a host failed,
//! reception is told instead. The same queue carries the invitation emails
//! to visitors, which have no such fallback.

mod chat_markup;
pub mod email;
pub mod invitation;
pub mod message;
pub mod plan;
mod smtp_error;
pub mod webhook;
mod worker;

pub use worker::{spawn_worker, Worker};

use email::EmailSender;
use webhook::WebhookSender;

use super::db::notifications::{Delivery, INVITATION_CHANNEL};
use super::settings::BackofficeSettings;

/// Why one delivery attempt failed; the text is what the desk sees.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Any other SMTP failure (`From` sorts a refused certificate out).
    #[error("SMTP: {0}")]
    Smtp(#[source] lettre::transport::smtp::Error),
    #[error("SMTP: the mail server's TLS certificate is not trusted: {reason}{}", smtp_error::hint(.reason))]
    UntrustedCertificate { reason: rustls::CertificateError, source: lettre::transport::smtp::Error },
    #[error("invalid email address: {0}")]
    Address(#[source] lettre::address::AddressError),
    #[error("cannot build the email: {0}")]
    Email(#[from] lettre::error::Error),
    /// Built only through `From`, which drops the URL: chat webhook URLs
    /// are secrets, and this text is stored, shown at the desk and logged.
    #[error("HTTP: {}", http_chain(.0))]
    Http(reqwest::Error),
    #[error("the webhook answered HTTP {0}")]
    Status(u16),
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("{0}")]
    Unsendable(String),
    #[error(transparent)]
    QrImage(#[from] invitation::QrImageError),
}

impl From<reqwest::Error> for SendError {
    fn from(e: reqwest::Error) -> Self {
        Self::Http(e.without_url())
    }
}

/// The error and its causes ("error sending request: client error
/// (Connect): tcp connect error: Connection refused"): the top line alone
/// says too little. The causes come from hyper and the OS and name no URL.
fn http_chain(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    // Bounded: error chains are short, but a cycle must not hang a delivery.
    for _ in 0..8 {
        let Some(c) = cause else { break };
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// The channels' senders, built once from the settings.
#[derive(Clone)]
pub struct Senders {
    email: Option<std::sync::Arc<EmailSender>>,
    webhook: WebhookSender,
}

impl Senders {
    /// Email is off when no SMTP host is configured.
    pub fn new(settings: &BackofficeSettings) -> Result<Self, SendError> {
        let email = if settings.smtp.host.is_empty() {
            None
        } else {
            Some(std::sync::Arc::new(EmailSender::new(&settings.smtp)?))
        };
        Ok(Self { email, webhook: WebhookSender::new(&settings.webhooks)? })
    }

    /// The email sender, or why there is none: the row then fails like any
    /// other unsendable one, after its retries, with this reason.
    fn email(&self) -> Result<&EmailSender, SendError> {
        self.email.as_deref().ok_or_else(|| {
            SendError::Unsendable("email is disabled: no SMTP server is configured in [backoffice.smtp]".into())
        })
    }

    /// One attempt at one delivery.
    pub async fn send(&self, d: &Delivery) -> Result<(), SendError> {
        match d.channel.as_str() {
            "email" | "reception" => {
                self.email()?.send(&d.target, &message::email(&d.notice, d.channel == "reception")?).await
            }
            INVITATION_CHANNEL => {
                let sender = self.email()?;
                let Some(inv) = &d.notice.invitation else {
                    return Err(SendError::Unsendable("the notification has no invitation to send".into()));
                };
                let body = invitation::invitation_email(&d.notice, inv)?;
                sender.send_with_image(&d.target, &body, &invitation::qr_image(inv)?).await
            }
            "slack" | "teams" | "webhook" => self.webhook.send(&d.channel, &d.target, &d.notice).await,
            other => Err(SendError::Unsendable(format!("unknown channel {other:?}"))),
        }
    }
}
