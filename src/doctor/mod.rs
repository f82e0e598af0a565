//! `foyer doctor`: one line per check of an installation, OK / WARN / FAIL
//! with a hint an installer can act on.

mod devices;
mod local;
mod media;
mod remote;

use std::fmt;

use crate::config::Config;

pub use devices::{check_printer, check_relay, check_scanner};
pub use local::{check_clock, check_data_dir, check_database, check_site_key};
pub use media::check_media;
pub use remote::{check_backoffice, check_smtp};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub level: Level,
    pub name: &'static str,
    pub detail: String,
    /// What to do about it (empty when OK).
    pub hint: String,
}

impl Check {
    pub fn ok(name: &'static str, detail: impl Into<String>) -> Self {
        Self { level: Level::Ok, name, detail: detail.into(), hint: String::new() }
    }

    pub fn warn(name: &'static str, detail: impl Into<String>, hint: impl Into<String>) -> Self {
        Self { level: Level::Warn, name, detail: detail.into(), hint: hint.into() }
    }

    pub fn fail(name: &'static str, detail: impl Into<String>, hint: impl Into<String>) -> Self {
        Self { level: Level::Fail, name, detail: detail.into(), hint: hint.into() }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Ok => "OK  ",
            Level::Warn => "WARN",
            Level::Fail => "FAIL",
        };
        write!(f, "{level} {:<12} {}", self.name, self.detail)?;
        if !self.hint.is_empty() {
            write!(f, " — {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every check that needs only this machine: settings, data, devices, clock.
pub fn local_checks(config: &Config) -> Vec<Check> {
    let mut checks = vec![Check::ok("config", format!("loaded from {}", config.source))];
    checks.push(check_data_dir(&config.data_dir));
    checks.push(check_site_key(&config.key_file()));
    checks.push(check_database(&config.kiosk_db()));
    checks.extend(devices::check_devices(config));
    checks.push(check_clock(&config.kiosk_db()));
    checks
}

/// The network checks: the back office and the mail server.
pub async fn remote_checks(config: &Config) -> Vec<Check> {
    vec![
        check_backoffice(&config.link, &config.backoffice, &config.kiosk.name).await,
        check_smtp(&config.backoffice).await,
    ]
}
