//! Email over SMTP with lettre: plain, STARTTLS or TLS, credentials from the
//! settings (never logged: they live in a `Secret`). Connections are kept
//! for reuse, like lettre's pool, but opened here so that plain and STARTTLS
//! sockets get TCP_NODELAY: lettre writes a message's body and its final
//! "." separately, and with Nagle's algorithm that "." waits for the
//! server's delayed ACK, adding ~40 ms to every email.
//!
//! Certificates are checked against the Mozilla roots compiled into the
//! binary (webpki-roots: lettre's rustls backend uses them by default when
//! neither its native-certs nor its platform-verifier feature is on, as
//! here), so public mail servers work on a machine without a CA bundle;
//! `ca_file` adds a site's private CA to them, it never replaces them.

use std::time::{Duration, Instant};

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::Message;
use tokio::sync::Mutex;

use super::message::EmailBody;
use super::SendError;
use crate::settings::{SmtpSettings, TlsMode};

/// A connection idle longer than this is closed rather than reused (servers
/// drop idle clients after a minute or so).
const MAX_IDLE: Duration = Duration::from_secs(30);

/// A PNG shown in the HTML part (`<img src="cid:CONTENT_ID">`) and also
/// attached as `filename`, for mail clients that block inline images.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineImage {
    /// Without angle brackets, e.g. `invitation-qr@foyer`.
    pub content_id: String,
    pub filename: String,
    pub png: Vec<u8>,
}

/// The parts of a message with an image: text-only readers get the text,
/// HTML readers the HTML with the image in place, and every reader sees the
/// attachment. `mixed[alternative[text, related[html, image]], attachment]`.
pub fn parts_with_image(body: &EmailBody, image: &InlineImage) -> MultiPart {
    let png = ContentType::parse("image/png").expect("image/png is a valid MIME type");
    let html = MultiPart::related()
        .singlepart(SinglePart::html(body.html.clone()))
        .singlepart(Attachment::new_inline(image.content_id.clone()).body(image.png.clone(), png.clone()));
    MultiPart::mixed()
        .multipart(MultiPart::alternative().singlepart(SinglePart::plain(body.text.clone())).multipart(html))
        .singlepart(Attachment::new(image.filename.clone()).body(image.png.clone(), png))
}

/// The TLS parameters for the configured server: the default roots plus
/// the certificates of `ca_file`, if any.
pub fn tls_parameters(s: &SmtpSettings) -> Result<TlsParameters, lettre::transport::smtp::Error> {
    let mut builder = TlsParameters::builder(s.host.clone());
    for der in s.ca_file.iter().flat_map(|ca| ca.certificates()) {
        builder = builder.add_root_certificate(Certificate::from_der(der.to_vec())?);
    }
    builder.build()
}

/// Sends notification emails through one SMTP server.
pub struct EmailSender {
    settings: SmtpSettings,
    /// Built once: it holds the parsed root store, which every connection shares.
    tls: Option<TlsParameters>,
    from: Mailbox,
    hello: ClientId,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl EmailSender {
    pub fn new(s: &SmtpSettings) -> Result<Self, SendError> {
        let from = s.from.parse().map_err(SendError::Address)?;
        let tls = if s.tls == TlsMode::None { None } else { Some(tls_parameters(s)?) };
        Ok(Self { settings: s.clone(), tls, from, hello: ClientId::default(), idle: Mutex::new(Vec::new()) })
    }

    /// Sends one message with a plain-text and an HTML part.
    pub async fn send(&self, to: &str, body: &EmailBody) -> Result<(), SendError> {
        let parts = MultiPart::alternative_plain_html(body.text.clone(), body.html.clone());
        self.send_parts(to, &body.subject, parts).await
    }

    /// Sends one message whose HTML part shows `image` inline, which is also
    /// attached (see [`parts_with_image`]).
    pub async fn send_with_image(&self, to: &str, body: &EmailBody, image: &InlineImage) -> Result<(), SendError> {
        self.send_parts(to, &body.subject, parts_with_image(body, image)).await
    }

    async fn send_parts(&self, to: &str, subject: &str, parts: MultiPart) -> Result<(), SendError> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse().map_err(SendError::Address)?)
            .subject(subject)
            .multipart(parts)?;
        let (envelope, bytes) = (message.envelope(), message.formatted());
        let (mut conn, reused) = self.connection().await?;
        let mut result = conn.send(envelope, &bytes).await;
        if reused && result.as_ref().is_err_and(|e| !e.is_transient() && !e.is_permanent()) {
            // The server dropped the idle connection: not this message's fault.
            conn.abort().await;
            conn = self.connect().await?;
            result = conn.send(envelope, &bytes).await;
        }
        match result {
            Ok(_) => {
                self.idle.lock().await.push((conn, Instant::now()));
                Ok(())
            }
            Err(e) => {
                conn.abort().await;
                Err(e.into())
            }
        }
    }

    /// A reusable idle connection (`true`), or a new one.
    async fn connection(&self) -> Result<(AsyncSmtpConnection, bool), SendError> {
        loop {
            let Some((mut conn, since)) = self.idle.lock().await.pop() else { break };
            if since.elapsed() < MAX_IDLE && !conn.has_broken() {
                return Ok((conn, true));
            }
            conn.abort().await;
        }
        Ok((self.connect().await?, false))
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let s = &self.settings;
        let timeout = Duration::from_secs(s.timeout_secs.max(1));
        let mut conn = if s.tls == TlsMode::Tls {
            // Implicit TLS: lettre opens the socket (TLS before the greeting).
            let tls = self.tls.clone();
            AsyncSmtpConnection::connect_tokio1((s.host.as_str(), s.port), Some(timeout), &self.hello, tls, None)
                .await?
        } else {
            let tcp = tokio::time::timeout(timeout, tokio::net::TcpStream::connect((s.host.as_str(), s.port)))
                .await
                .map_err(|_| SendError::Timeout(timeout.as_secs()))?
                .map_err(|e| SendError::Unsendable(format!("cannot connect to {}:{}: {e}", s.host, s.port)))?;
            let _ = tcp.set_nodelay(true);
            let mut conn = AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello).await?;
            // Set here only in starttls mode. Fails when the server does not
            // offer STARTTLS: the message and the credentials never go out
            // in clear text.
            if let Some(tls) = self.tls.clone() {
                conn.starttls(tls, &self.hello).await?;
            }
            conn
        };
        if let Some(user) = &s.username {
            let credentials = Credentials::new(user.clone(), s.password.expose().to_owned());
            if let Err(e) = conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials).await {
                conn.abort().await;
                return Err(e.into());
            }
        }
        Ok(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_is_both_inline_by_content_id_and_attached() {
        let body = EmailBody { subject: "s".into(), text: "text".into(), html: "<img src=\"cid:qr@foyer\">".into() };
        let image = InlineImage { content_id: "qr@foyer".into(), filename: "qr.png".into(), png: vec![0x89, b'P'] };
        let parts = parts_with_image(&body, &image);
        let message = Message::builder()
            .from("a@example.org".parse().unwrap())
            .to("b@example.org".parse().unwrap())
            .subject("s")
            .multipart(parts)
            .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        for needle in [
            "multipart/mixed",
            "multipart/alternative",
            "multipart/related",
            "Content-ID: <qr@foyer>",
            "Content-Disposition: inline",
            "Content-Disposition: attachment; filename=\"qr.png\"",
        ] {
            assert!(raw.contains(needle), "{needle} missing from\n{raw}");
        }
        assert_eq!(raw.matches("Content-Type: image/png").count(), 2, "{raw}");
    }
}
