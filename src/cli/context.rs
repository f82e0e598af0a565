//! What every command needs: the settings, and on demand the store, the
//! site key and a kiosk with its devices.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

use crate::config::{Config, DeviceMode};
use crate::devices::fake::{FakePrinter, FakeRelay};
use crate::devices::{BadgePrinter, DoorRelay};
use crate::domain::SiteKey;
use crate::kiosk::{Kiosk, KioskSettings};
use crate::store::{site_key, Store};

/// Loaded settings, shared by the subcommands.
pub struct Context {
    pub config: Config,
}

impl Context {
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        Ok(Self { config: Config::load(path)? })
    }

    pub fn store(&self) -> anyhow::Result<Store> {
        let path = self.config.kiosk_db();
        Store::open(&path).with_context(|| format!("opening the kiosk database {}", path.display()))
    }

    pub fn site_key(&self) -> anyhow::Result<SiteKey> {
        Ok(site_key::load_or_create(&self.config.key_file())?)
    }

    /// The kiosk with the devices the settings name.
    pub fn kiosk(&self) -> anyhow::Result<Kiosk> {
        let (printer, relay) = self.devices()?;
        let settings = KioskSettings {
            site_name: self.config.site.name.clone(),
            kiosk_name: self.config.kiosk.name.clone(),
            pulse: self.config.relay.pulse_secs,
        };
        Ok(Kiosk::new(self.store()?, self.site_key()?, settings, printer, relay))
    }

    fn devices(&self) -> anyhow::Result<(Arc<dyn BadgePrinter>, Arc<dyn DoorRelay>)> {
        match self.config.devices {
            DeviceMode::Simulated => Ok((Arc::new(FakePrinter::new()), Arc::new(FakeRelay::new()))),
            DeviceMode::Hardware => Err(super::UsageError(format!(
                "devices = \"hardware\" in {} needs the printer and relay drivers, not in this build yet",
                self.config.source
            ))
            .into()),
        }
    }
}
