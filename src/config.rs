//! The `foyer` binary's settings: one TOML file plus `FOYER_*` environment
//! overrides, loaded by `foyer_settings`. With no file at all the defaults
//! run: data under `./foyer-data/`, simulated devices, the back office
//! in-process.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use foyer_devices::printer::PrinterSettings;
use foyer_devices::relay::RelaySettings;
use foyer_devices::scanner::ScannerSettings;

/// The file used when `--config` is not given, if it exists.
pub const DEFAULT_FILE: &str = "foyer.toml";
pub use foyer_settings::ConfigError;

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

impl Config {
    /// Loads `path`, or `./foyer.toml` when it exists, or the defaults; then
    /// applies the environment.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Self::load_with_env(path, &env)
    }

    /// As [`Config::load`], with the environment given (for tests).
    pub fn load_with_env(path: Option<&Path>, env: &[(String, String)]) -> Result<Self, ConfigError> {
        let (config, source) = foyer_settings::load_with(path, env, DEFAULT_FILE, Self::read)?;
        Ok(Config { source, ..config })
    }

    /// Reads the table with the kiosk's keys of `[backoffice]` moved into
    /// [`KioskLinkConfig`] first, so the service's settings never see them.
    fn read(mut table: toml::Table) -> Result<Self, foyer_settings::KeyError> {
        let link = foyer_settings::take_keys(&mut table, "backoffice", &foyer_settings::KIOSK_LINK_KEYS);
        let config: Config = foyer_settings::read(table)?;
        let keys: LinkKeys = foyer_settings::read(link)?;
        Ok(Config { link: keys.backoffice, ..config })
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
