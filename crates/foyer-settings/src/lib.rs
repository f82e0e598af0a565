//! Settings loading shared by Foyer's binaries: one TOML file plus
//! `FOYER_*` environment overrides, read into whatever settings type the
//! binary has (the kiosk's `foyer::config::Config`, the back office's own).
//!
//! Environment overrides name a key by its path, sections joined by a double
//! underscore: `FOYER_DATA_DIR`, `FOYER_SITE__NAME`, `FOYER_RELAY__PULSE_SECS`.
//! A value is read as a TOML value when it parses as one (`45`, `true`,
//! `"x"`), else as a string. Every error names the source (file, variable)
//! and the key, so an installer can fix it without reading code.

mod env;
mod load;
mod sections;

pub use load::{load, load_with, read, KeyError};
pub use sections::{drop_keys, drop_sections, take_keys, KIOSK_LINK_KEYS, KIOSK_SECTIONS};

/// A setting that cannot be used. Names the source and the key.
#[derive(Debug, thiserror::Error)]
#[error("configuration error in {source_name}: {message}")]
pub struct ConfigError {
    /// The file, the file and the variable that overrode it, "defaults" or
    /// "the environment".
    pub source_name: String,
    /// What is wrong, starting with the key in backquotes when there is one.
    pub message: String,
}

#[cfg(test)]
mod tests;
