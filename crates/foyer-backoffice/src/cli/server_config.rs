//! The `foyer-backoffice` binary's settings: the same files as the `foyer`
//! binary's (`deploy/config/backoffice.toml`, or one combined file for a
//! kiosk and its back office), of which it reads `data_dir` and the
//! service's keys of `[backoffice]`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::BackofficeSettings;
use foyer_settings::{ConfigError, KeyError};

/// What `foyer-backoffice` reads. The kiosk's sections of a combined file
/// (`foyer_settings::KIOSK_SECTIONS`) and its keys of `[backoffice]`
/// (`url`, `token`, `sync_interval_secs`) are skipped, not refused, so one
/// file serves both binaries; any other unknown key is refused by name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Where the back-office database lives unless `backoffice.db` says.
    pub data_dir: PathBuf,
    /// The service's settings (`[backoffice]`).
    pub backoffice: BackofficeSettings,
    /// Where the settings came from, for messages ("backoffice.toml", "defaults").
    #[serde(skip)]
    pub source: String,
}

impl Default for ServerConfig {
    /// The same defaults as the `foyer` binary's, so both find one database.
    fn default() -> Self {
        Self { data_dir: PathBuf::from("foyer-data"), backoffice: Default::default(), source: "defaults".into() }
    }
}

impl ServerConfig {
    /// The file used when `--config` is not given, if it exists: the `foyer`
    /// binary's, so both binaries started in one directory agree.
    pub const DEFAULT_FILE: &'static str = "foyer.toml";

    /// Loads `path`, or `./foyer.toml` when it exists, or the defaults; then
    /// applies the `FOYER_*` environment.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Self::load_with_env(path, &env)
    }

    /// As [`ServerConfig::load`], with the environment given (for tests).
    pub fn load_with_env(path: Option<&Path>, env: &[(String, String)]) -> Result<Self, ConfigError> {
        let (config, source) = foyer_settings::load_with(path, env, Self::DEFAULT_FILE, Self::read)?;
        Ok(Self { source, ..config })
    }

    /// Reads the table without the kiosk's parts of it.
    fn read(mut table: toml::Table) -> Result<Self, KeyError> {
        foyer_settings::drop_sections(&mut table, &foyer_settings::KIOSK_SECTIONS);
        foyer_settings::drop_keys(&mut table, "backoffice", &foyer_settings::KIOSK_LINK_KEYS);
        foyer_settings::read(table)
    }
}

#[cfg(test)]
mod tests;
