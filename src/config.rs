//! Settings: one TOML file plus `FOYER_*` environment overrides. With no
//! file at all the defaults run: data under `./foyer-data/`, simulated
//! devices, the back office in-process.
//!
//! Environment overrides name a key by its path, sections joined by a double
//! underscore: `FOYER_DATA_DIR`, `FOYER_SITE__NAME`, `FOYER_RELAY__PULSE_SECS`.
//! A value is read as a TOML value when it parses as one (`45`, `true`,
//! `"x"`), else as a string.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use foyer_devices::printer::PrinterSettings;
use foyer_devices::relay::RelaySettings;
use foyer_devices::scanner::ScannerSettings;

/// The file used when `--config` is not given, if it exists.
pub const DEFAULT_FILE: &str = "foyer.toml";
/// Variables with the FOYER_ prefix that are not settings.
const NOT_SETTINGS: &[&str] = &["FOYER_CONFIG", "FOYER_LOG"];
const NOT_SETTINGS_PREFIXES: &[&str] = &["FOYER_TEST_", "FOYER_BENCH_", "FOYER_CI_"];

/// Whether the kiosk talks to real hardware or to the simulated devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DeviceMode {
    #[default]
    Simulated,
    Hardware,
}

/// All settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where databases, the site key and simulated print output live.
    pub data_dir: PathBuf,
    pub devices: DeviceMode,
    pub site: SiteConfig,
    pub kiosk: KioskConfig,
    /// The badge printer (the file printer under `<data_dir>/prints` by default).
    pub printer: PrinterSettings,
    /// The door-release relay (`profile = "simulated"` when there is none).
    pub relay: RelaySettings,
    /// A serial QR scanner; none for a keyboard-wedge scanner.
    pub scanner: ScannerSettings,
    /// The back office service's own settings (`[backoffice]`).
    pub backoffice: foyer_backoffice::BackofficeSettings,
    /// How this kiosk reaches the back office. In the file these are the
    /// kiosk's keys of `[backoffice]` (`url`, `token`, `sync_interval_secs`):
    /// one section for "the back office" as installers think of it, two
    /// types so neither side carries the other's settings.
    #[serde(skip)]
    pub link: KioskLinkConfig,
    /// Where the settings came from, for messages ("foyer.toml", "defaults").
    #[serde(skip)]
    pub source: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("foyer-data"),
            devices: DeviceMode::Simulated,
            site: SiteConfig::default(),
            kiosk: KioskConfig::default(),
            printer: PrinterSettings::default(),
            relay: RelaySettings::default(),
            scanner: ScannerSettings::default(),
            backoffice: Default::default(),
            link: KioskLinkConfig::default(),
            source: "defaults".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    /// Printed on badges and shown on the welcome screen.
    pub name: String,
    /// The site's HMAC key file; every kiosk of a site needs the same key.
    /// Default: `<data_dir>/site.key`, generated on first use.
    pub key_file: Option<PathBuf>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self { name: "Foyer".into(), key_file: None }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskConfig {
    /// The kiosk's name in the visit log and the back office.
    pub name: String,
    /// Seconds without a touch before the screen clears and returns to welcome.
    pub idle_timeout_secs: u64,
    /// The site's language, restored on idle: en, de, es or fr.
    pub language: String,
    /// The staff PIN as an argon2id hash (`foyer staff-pin` makes one); no
    /// hash, no staff mode.
    pub staff_pin_hash: Option<String>,
    /// Show the hosts directory before three letters are typed.
    pub show_directory: bool,
    /// A PNG logo for the welcome page.
    pub logo: Option<PathBuf>,
}

impl Default for KioskConfig {
    fn default() -> Self {
        Self {
            name: "lobby".into(),
            idle_timeout_secs: 30,
            language: "en".into(),
            staff_pin_hash: None,
            show_directory: false,
            logo: None,
        }
    }
}

/// The kiosk's side of `[backoffice]`: where its events go.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskLinkConfig {
    /// The back office to talk to, e.g. `http://10.0.0.5:8080`. Empty: run
    /// the back office in this process.
    pub url: String,
    /// The kiosk's bearer token (from `foyer kiosks add NAME`).
    pub token: foyer_domain::Secret,
    /// How often the kiosk pulls the directory, in seconds.
    pub sync_interval_secs: u64,
}

impl Default for KioskLinkConfig {
    fn default() -> Self {
        Self { url: String::new(), token: Default::default(), sync_interval_secs: 30 }
    }
}

/// The kiosk's keys, read as they stand in the file, so errors name them
/// `backoffice.url`, `backoffice.token`, ….
#[derive(Deserialize, Default)]
#[serde(default)]
struct LinkKeys {
    backoffice: KioskLinkConfig,
}

impl KioskLinkConfig {
    /// The keys of `[backoffice]` that are the kiosk's, not the service's.
    const KEYS: [&'static str; 3] = ["url", "token", "sync_interval_secs"];

    /// Moves the kiosk's keys out of `[backoffice]` into a table of their own.
    fn take_from(table: &mut toml::Table) -> toml::Table {
        let mut link = toml::Table::new();
        if let Some(section) = table.get_mut("backoffice").and_then(toml::Value::as_table_mut) {
            for key in Self::KEYS {
                if let Some(v) = section.remove(key) {
                    link.insert(key.to_owned(), v);
                }
            }
        }
        let mut keys = toml::Table::new();
        keys.insert("backoffice".to_owned(), toml::Value::Table(link));
        keys
    }

    /// The link settings of the kiosk, when a remote back office is configured.
    pub fn link_settings(&self) -> Option<foyer_kiosk::link::LinkSettings> {
        let url = self.url.trim();
        (!url.is_empty()).then(|| self.link_to(url, self.token.clone()))
    }

    /// Link settings for the back office at `url` with `token`, with this
    /// kiosk's sync interval.
    pub fn link_to(&self, url: &str, token: foyer_domain::Secret) -> foyer_kiosk::link::LinkSettings {
        foyer_kiosk::link::LinkSettings {
            sync_interval: std::time::Duration::from_secs(self.sync_interval_secs.max(1)),
            ..foyer_kiosk::link::LinkSettings::new(url, token)
        }
    }
}

/// A setting that cannot be used. Names the source and the key.
#[derive(Debug, thiserror::Error)]
#[error("configuration error in {source_name}: {message}")]
pub struct ConfigError {
    pub source_name: String,
    pub message: String,
}

impl Config {
    /// Loads `path`, or `./foyer.toml` when it exists, or the defaults; then
    /// applies the environment.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Self::load_with_env(path, &env)
    }

    /// As [`Config::load`], with the environment given (for tests).
    pub fn load_with_env(path: Option<&Path>, env: &[(String, String)]) -> Result<Self, ConfigError> {
        let chosen = match path {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from(DEFAULT_FILE)).filter(|p| p.exists()),
        };
        let (mut table, file_name) = match &chosen {
            Some(p) => {
                let name = p.display().to_string();
                let text = std::fs::read_to_string(p).map_err(|e| ConfigError {
                    source_name: name.clone(),
                    message: format!("cannot read the file: {e}"),
                })?;
                let table: toml::Table = text.parse().map_err(|e: toml::de::Error| ConfigError {
                    source_name: name.clone(),
                    message: e.to_string().trim_end().to_owned(),
                })?;
                (table, name)
            }
            None => (toml::Table::new(), "defaults".to_owned()),
        };
        let overridden = apply_env(&mut table, env)?;
        // An environment value that reads as a number or boolean but lands on
        // a text setting (a numeric password, say) is retried as text.
        let mut retried = Vec::new();
        let mut config: Config = loop {
            let mut rest = table.clone();
            let link = KioskLinkConfig::take_from(&mut rest);
            let parsed = serde_path_to_error::deserialize::<_, Config>(toml::Value::Table(rest)).and_then(|c| {
                let keys = serde_path_to_error::deserialize::<_, LinkKeys>(toml::Value::Table(link))?;
                Ok(Config { link: keys.backoffice, ..c })
            });
            match parsed {
                Ok(config) => break config,
                Err(e) => {
                    let key = e.path().to_string();
                    let from_env = overridden.iter().find(|(k, _)| *k == key);
                    let wants_text = e.inner().message().contains("expected a string");
                    if let Some((_, var)) = from_env.filter(|_| wants_text && !retried.contains(&key)) {
                        let raw = env.iter().find(|(v, _)| v == var).map(|(_, r)| r.clone()).unwrap_or_default();
                        if set_path(&mut table, &key, toml::Value::String(raw)) {
                            retried.push(key);
                            continue;
                        }
                    }
                    return Err(ConfigError {
                        source_name: match from_env {
                            Some((_, var)) => format!("{file_name} (overridden by {var})"),
                            None => file_name.clone(),
                        },
                        message: format!("`{key}`: {}", e.into_inner().message().trim_end()),
                    });
                }
            }
        };
        config.source = file_name;
        Ok(config)
    }

    /// The kiosk's SQLite database.
    pub fn kiosk_db(&self) -> PathBuf {
        self.data_dir.join("kiosk.db")
    }

    /// The site key file.
    pub fn key_file(&self) -> PathBuf {
        self.site.key_file.clone().unwrap_or_else(|| self.data_dir.join("site.key"))
    }
}

/// Replaces the value at a dotted key path; false when the path is not there.
fn set_path(table: &mut toml::Table, key: &str, value: toml::Value) -> bool {
    let mut parts: Vec<&str> = key.split('.').collect();
    let Some(last) = parts.pop() else { return false };
    let mut node = table;
    for part in parts {
        match node.get_mut(part).and_then(toml::Value::as_table_mut) {
            Some(t) => node = t,
            None => return false,
        }
    }
    node.insert(last.to_owned(), value).is_some()
}

/// Writes `FOYER_*` variables into the table; returns (key path, variable)
/// of each so errors can say where a bad value came from.
fn apply_env(table: &mut toml::Table, env: &[(String, String)]) -> Result<Vec<(String, String)>, ConfigError> {
    let mut applied = Vec::new();
    for (var, raw) in env {
        let Some(rest) = var.strip_prefix("FOYER_") else { continue };
        if NOT_SETTINGS.contains(&var.as_str()) || NOT_SETTINGS_PREFIXES.iter().any(|p| var.starts_with(p)) {
            continue;
        }
        let path: Vec<String> = rest.split("__").map(|s| s.to_ascii_lowercase()).collect();
        if path.iter().any(String::is_empty) {
            return Err(ConfigError {
                source_name: "the environment".into(),
                message: format!("{var} does not name a setting"),
            });
        }
        let value = format!("v = {raw}")
            .parse::<toml::Table>()
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or_else(|| toml::Value::String(raw.clone()));
        let mut node = &mut *table;
        for section in &path[..path.len() - 1] {
            let entry = node.entry(section.clone()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
            node = entry.as_table_mut().ok_or_else(|| ConfigError {
                source_name: "the environment".into(),
                message: format!("{var}: `{section}` is not a section"),
            })?;
        }
        node.insert(path[path.len() - 1].clone(), value);
        applied.push((path.join("."), var.clone()));
    }
    Ok(applied)
}
