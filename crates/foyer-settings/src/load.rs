//! Choosing the file, reading it, applying the environment, and reading the
//! result into the binary's settings type with errors that name the key.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::env::{apply_env, set_path};
use crate::ConfigError;

/// A failure to read the settings table that knows the dotted path of the
/// key it failed on (`relay.pulse_secs`).
pub type KeyError = serde_path_to_error::Error<toml::de::Error>;

/// Reads a settings table into `T`, keeping the path of a bad key. The
/// reader [`load`] uses; a reader given to [`load_with`] builds on it.
pub fn read<T: DeserializeOwned>(table: toml::Table) -> Result<T, KeyError> {
    serde_path_to_error::deserialize(toml::Value::Table(table))
}

/// Loads `path`, or `default_file` when no path is given and it exists, or
/// no file at all (every setting at its default); applies the `FOYER_*`
/// variables of `env`; reads the result into `T`. Returns the settings and
/// where they came from, for messages: the file's name or "defaults".
pub fn load<T: DeserializeOwned>(
    path: Option<&Path>,
    env: &[(String, String)],
    default_file: &str,
) -> Result<(T, String), ConfigError> {
    load_with(path, env, default_file, read::<T>)
}

/// As [`load`], with the table read by `reader`: for a settings type whose
/// file layout is not its type's layout (the kiosk takes its keys out of
/// `[backoffice]`, the back office ignores the kiosk's sections). `reader`
/// may run more than once.
pub fn load_with<T>(
    path: Option<&Path>,
    env: &[(String, String)],
    default_file: &str,
    reader: impl Fn(toml::Table) -> Result<T, KeyError>,
) -> Result<(T, String), ConfigError> {
    let chosen = match path {
        Some(p) => Some(p.to_path_buf()),
        None => Some(PathBuf::from(default_file)).filter(|p| p.exists()),
    };
    let (mut table, file_name) = match &chosen {
        Some(p) => (read_file(p)?, p.display().to_string()),
        None => (toml::Table::new(), "defaults".to_owned()),
    };
    let overridden = apply_env(&mut table, env)?;
    // An environment value that reads as a number or boolean but lands on
    // a text setting (a numeric password, say) is retried as text.
    let mut retried = Vec::new();
    loop {
        let e = match reader(table.clone()) {
            Ok(settings) => return Ok((settings, file_name)),
            Err(e) => e,
        };
        let key = e.path().to_string();
        let from_env = overridden.iter().find(|o| o.key == key);
        let wants_text = e.inner().message().contains("expected a string");
        if let Some(o) = from_env.filter(|_| wants_text && !retried.contains(&key)) {
            let raw = env.iter().find(|(v, _)| *v == o.var).map(|(_, r)| r.clone()).unwrap_or_default();
            if set_path(&mut table, &key, toml::Value::String(raw)) {
                retried.push(key);
                continue;
            }
        }
        return Err(ConfigError {
            source_name: match from_env {
                Some(o) => format!("{file_name} (overridden by {})", o.var),
                None => file_name,
            },
            message: format!("`{key}`: {}", e.into_inner().message().trim_end()),
        });
    }
}

/// The file as a TOML table; a missing file or broken TOML names the file.
fn read_file(path: &Path) -> Result<toml::Table, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError { source_name: name.clone(), message: format!("cannot read the file: {e}") })?;
    text.parse()
        .map_err(|e: toml::de::Error| ConfigError { source_name: name, message: e.to_string().trim_end().to_owned() })
}
