//! The `[backoffice]` section of the settings: where the service listens,
//! how the kiosk reaches it, and how hosts are notified.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use foyer_domain::Secret;

mod ca_file;
mod trusted_proxies;
pub use ca_file::{CaFile, CaFileError};
pub use trusted_proxies::TrustedProxies;

/// Settings of the back office service. How a kiosk reaches it is the
/// kiosk's own setting (`foyer_kiosk::link::LinkSettings`), not this.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackofficeSettings {
    /// Where `foyer backoffice` (or the in-process back office) listens.
    pub listen: SocketAddr,
    /// The back office's database. Default: `<data_dir>/backoffice.db`.
    pub db: Option<PathBuf>,
    /// Retries of a notification channel after its first attempt fails,
    /// before the channel counts as failed (then reception is told, except
    /// for a visitor's invitation email, which is nobody else's).
    pub notify_retries: u32,
    /// Wait before the first retry, doubled for each further one (ms).
    pub notify_backoff_ms: u64,
    /// Told when a host has no channel or every channel failed.
    pub reception_email: Option<String>,
    pub smtp: SmtpSettings,
    pub webhooks: WebhookSettings,
    /// The console's address as users reach it (through a proxy), e.g.
    /// `https://foyer.example.com`: with `https`, cookies are `Secure`.
    pub public_url: String,
    /// A console session ends after this many minutes without a request.
    pub session_idle_minutes: u64,
    /// Seconds after start before the first daily retention run (then one
    /// every 24 h): a restart applies the policy soon, not a day later.
    pub retention_first_run_secs: u64,
    /// The reverse proxies (addresses or CIDR ranges) whose
    /// `X-Forwarded-For` and `X-Forwarded-Proto` are believed. Empty: no
    /// one's, and every client is the TCP peer.
    pub trusted_proxies: TrustedProxies,
    /// The bearer token a Prometheus scraper sends to `/metrics`. Empty:
    /// `/metrics` answers only this machine, not through a proxy.
    pub metrics_token: Secret,
    /// The longest a kiosk's command poll waits, in seconds (at most 25,
    /// the API's limit): shorter behind a proxy with a short read timeout.
    #[serde(deserialize_with = "command_wait")]
    pub command_wait_secs: u64,
}

impl Default for BackofficeSettings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: None,
            notify_retries: 5,
            notify_backoff_ms: 2_000,
            reception_email: None,
            smtp: SmtpSettings::default(),
            webhooks: WebhookSettings::default(),
            public_url: String::new(),
            session_idle_minutes: 30,
            retention_first_run_secs: 60,
            trusted_proxies: TrustedProxies::default(),
            metrics_token: Secret::default(),
            command_wait_secs: 25,
        }
    }
}

/// 1–25 seconds: 0 would have every kiosk poll in a busy loop, and more
/// than the API's 25 s is never waited.
fn command_wait<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let secs = u64::deserialize(d)?;
    if (1..=25).contains(&secs) {
        Ok(secs)
    } else {
        Err(serde::de::Error::custom(format!("command_wait_secs: {secs} is not from 1 to 25 seconds")))
    }
}

impl BackofficeSettings {
    /// The database file, under `data_dir` unless configured.
    pub fn db_path(&self, data_dir: &Path) -> PathBuf {
        self.db.clone().unwrap_or_else(|| data_dir.join("backoffice.db"))
    }

    /// The console's idle timeout in seconds (at least a minute).
    pub fn session_idle_secs(&self) -> i64 {
        (self.session_idle_minutes.max(1) * 60) as i64
    }
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    /// Plain text: only for a relay on the same host or in tests.
    None,
    /// Upgrade with STARTTLS (usually port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// `[backoffice.smtp]`: the mail server. An empty host disables email.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Option<String>,
    pub password: Secret,
    /// The sender address of notifications.
    pub from: String,
    pub timeout_secs: u64,
    /// CA certificates (PEM) trusted for this server in addition to the
    /// built-in public roots, for a relay whose certificate comes from a
    /// private CA. Used by `starttls` and `tls`.
    pub ca_file: Option<CaFile>,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 587,
            tls: TlsMode::default(),
            username: None,
            password: Secret::default(),
            from: "Foyer <foyer@localhost>".into(),
            timeout_secs: 10,
            ca_file: None,
        }
    }
}

/// `[backoffice.webhooks]`: chat and generic webhooks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookSettings {
    /// The HMAC key of `X-Foyer-Signature` on generic webhooks.
    pub secret: Secret,
    pub timeout_secs: u64,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self { secret: Secret::default(), timeout_secs: 10 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_wait_is_one_to_twenty_five_seconds() {
        let read = |v: &str| toml::from_str::<BackofficeSettings>(&format!("command_wait_secs = {v}"));
        assert_eq!(read("5").unwrap().command_wait_secs, 5);
        for bad in ["0", "26"] {
            let e = read(bad).unwrap_err().to_string();
            assert!(e.contains("command_wait_secs") && e.contains("1 to 25"), "{e}");
        }
    }

    #[test]
    fn an_empty_section_gives_the_defaults() {
        let s: BackofficeSettings = toml::from_str("").unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.db_path(Path::new("d")), Path::new("d/backoffice.db"));
    }

    #[test]
    fn the_smtp_password_stays_out_of_debug_output() {
        let s: BackofficeSettings =
            toml::from_str("[smtp]\nhost = \"mail\"\ntls = \"tls\"\npassword = \"hunter2\"\n").unwrap();
        assert_eq!(s.smtp.tls, TlsMode::Tls);
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn a_ca_file_is_read_when_the_settings_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("relay-ca.pem");
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        std::fs::write(&path, params.self_signed(&key).unwrap().pem()).unwrap();
        let s: BackofficeSettings = toml::from_str(&format!("[smtp]\nca_file = {:?}\n", path.display())).unwrap();
        let ca = s.smtp.ca_file.unwrap();
        assert_eq!((ca.path(), ca.certificates().len()), (path.as_path(), 1));
        assert!(BackofficeSettings::default().smtp.ca_file.is_none(), "no extra CA unless asked");
    }

    #[test]
    fn a_missing_or_empty_ca_file_fails_to_load_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        let missing = dir.path().join("missing.pem");
        for (path, why) in [(&missing, "cannot read"), (&empty, "holds no certificate")] {
            let toml = format!("[smtp]\nca_file = {:?}\n", path.display());
            let msg = toml::from_str::<BackofficeSettings>(&toml).unwrap_err().to_string();
            assert!(msg.contains(&path.display().to_string()) && msg.contains(why), "{msg}");
        }
    }

    #[test]
    fn an_unknown_key_is_refused() {
        assert!(toml::from_str::<BackofficeSettings>("lisen = \"x\"").is_err());
    }
}
