//! What every command needs: the settings, and on demand the store, the
//! site key and a kiosk with its devices.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

use crate::config::{Config, DeviceMode};
use foyer_devices::fake::FakeRelay;
use foyer_devices::printer::{open_printer, PrinterSettings};
use foyer_devices::relay::open_relay;
use foyer_devices::scanner::open_scanner;
use foyer_devices::{AlarmSink, BadgePrinter, DoorRelay, Scanner};
use foyer_domain::SiteKey;
use foyer_kiosk::alarms::store_alarm_sink;
use foyer_kiosk::store::{site_key, Store};
use foyer_kiosk::{Kiosk, KioskSettings};

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

    /// Where devices report alarms: the audit log and the outbox.
    pub fn alarms(&self) -> anyhow::Result<AlarmSink> {
        Ok(store_alarm_sink(&self.config.kiosk_db(), &self.config.kiosk.name)?)
    }

    /// Simulated: the file printer (each badge as `.bin` and `.png` under
    /// `<data_dir>/prints`) and a fake relay. Hardware: what the settings name.
    fn devices(&self) -> anyhow::Result<(Arc<dyn BadgePrinter>, Arc<dyn DoorRelay>)> {
        let printer_settings = match self.config.devices {
            DeviceMode::Simulated => PrinterSettings::default(),
            DeviceMode::Hardware => self.config.printer.clone(),
        };
        let printer = open_printer(&printer_settings, &self.config.data_dir, self.alarms()?)
            .with_context(|| format!("opening the badge printer ([printer] in {})", self.config.source))?;
        let relay: Arc<dyn DoorRelay> = match self.config.devices {
            DeviceMode::Simulated => Arc::new(FakeRelay::new()),
            DeviceMode::Hardware => open_relay(&self.config.relay, self.alarms()?)
                .with_context(|| format!("opening the door relay ([relay] in {})", self.config.source))?,
        };
        Ok((printer, relay))
    }

    /// The serial scanner, when one is configured and devices are real.
    pub fn scanner(&self) -> anyhow::Result<Option<Box<dyn Scanner>>> {
        match self.config.devices {
            DeviceMode::Simulated => Ok(None),
            DeviceMode::Hardware => open_scanner(&self.config.scanner)
                .with_context(|| format!("opening the scanner ([scanner] in {})", self.config.source)),
        }
    }
}
