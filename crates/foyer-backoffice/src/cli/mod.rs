//! The back office's command line, shared by two binaries: this crate's
//! `foyer-backoffice` (for a server without display libraries) and the
//! all-in-one `foyer` (`foyer backoffice`, `foyer kiosks`, `foyer users`),
//! so both run the same code and print the same things. Binary code: errors
//! are `anyhow`, and [`exit_code`] turns them into 0, 1 or 2.

mod app;
pub mod hosts;
pub mod kiosks;
pub mod serve;
mod server_config;
pub mod users;

use std::process::ExitCode;

pub use app::main;
pub use server_config::ServerConfig;

use crate::db::DbError;

/// A failure that should exit with code 2: bad settings or bad usage. Both
/// binaries use this one type, so [`exit_code`] knows it whoever raised it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Prints a failed command's error on standard error and gives the exit
/// code: 0 success, 1 the command failed, 2 bad usage or configuration
/// ([`UsageError`], `foyer_settings::ConfigError`).
pub fn exit_code(result: anyhow::Result<()>) -> ExitCode {
    let Err(e) = result else { return ExitCode::SUCCESS };
    eprintln!("error: {}", describe(&e));
    let usage = e.downcast_ref::<UsageError>().is_some() || e.downcast_ref::<foyer_settings::ConfigError>().is_some();
    ExitCode::from(if usage { 2 } else { 1 })
}

/// The error and its causes, each said once: a device or store error often
/// quotes its source already ("127.0.0.1:9100: Connection refused"), so a
/// cause whose text is in the message so far is not repeated.
pub fn describe(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// A request the database refused (a duplicate name, an unknown kiosk) is
/// the caller's mistake: exit 2 with its message. Anything else is exit 1.
fn refused(e: DbError) -> anyhow::Error {
    match e {
        DbError::Refused(m) | DbError::Missing(m) | DbError::Conflict(m) => UsageError(m).into(),
        e => e.into(),
    }
}
