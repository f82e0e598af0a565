//! Checks of the configured devices: the port opens, the printer answers
//! its status query, the relay profile loads.

use std::time::Duration;

use super::Check;
use crate::config::{Config, DeviceMode};
use foyer_devices::printer::{open_printer, PrinterSettings, Transport};
use foyer_devices::relay::{load_profile, RelaySettings};
use foyer_devices::scanner::ScannerSettings;
use foyer_devices::{log_alarms, PrinterStatus};

pub fn check_devices(config: &Config) -> Vec<Check> {
    if config.devices == DeviceMode::Simulated {
        return vec![Check::warn(
            "devices",
            "simulated: badges go to files under the data dir, no door relay",
            "set devices = \"hardware\" on a lobby kiosk",
        )];
    }
    let mut checks = vec![check_printer(&config.printer, &config.data_dir)];
    checks.extend(super::media::check_media(&config.printer));
    checks.extend([check_relay(&config.relay), check_scanner(&config.scanner)]);
    checks
}

/// Opens the printer and reads its status once.
pub fn check_printer(settings: &PrinterSettings, data_dir: &std::path::Path) -> Check {
    if matches!(settings.transport, Transport::File) {
        return Check::warn("printer", "the file printer (no paper)", "set printer.transport to the printer's port");
    }
    let printer = match open_printer(settings, data_dir, log_alarms()) {
        Ok(p) => p,
        Err(e) => {
            return Check::fail(
                "printer",
                e.to_string(),
                "check printer.transport, the udev rule and the dialout group",
            )
        }
    };
    match printer.status() {
        Ok(PrinterStatus::Ready) => Check::ok("printer", format!("{}: ready", printer.describe())),
        Ok(PrinterStatus::Unsupported) => Check::warn(
            "printer",
            format!("{}: this model reports no status", printer.describe()),
            "print a test badge: foyer printer test",
        ),
        Ok(PrinterStatus::PaperNearEnd) => {
            Check::warn("printer", format!("{}: paper near end", printer.describe()), "change the roll soon")
        }
        Ok(PrinterStatus::NoAnswer) => Check::fail(
            "printer",
            format!("{}: no answer to the status query", printer.describe()),
            "is it on? check the cable and that baud/flow control match the self-test page",
        ),
        Ok(PrinterStatus::WrongMedia) => Check::fail(
            "printer",
            format!("{}: the labels loaded are not the profile's", printer.describe()),
            "load the profile's roll, or use a profile with `media` set to the roll you have (foyer printer status names both)",
        ),
        Ok(s) => {
            Check::fail("printer", format!("{}: {s}", printer.describe()), "see the printer: paper, cover, error light")
        }
        Err(e) => Check::fail("printer", e.to_string(), "is it on? check the cable and the baud rate"),
    }
}

/// Loads the relay profile and opens its port, without switching anything.
pub fn check_relay(settings: &RelaySettings) -> Check {
    if settings.is_simulated() {
        return Check::warn(
            "relay",
            "no door relay (profile = \"simulated\")",
            "set relay.profile and relay.port to open the door",
        );
    }
    let profile = match load_profile(&settings.profile) {
        Ok(p) => p,
        Err(e) => return Check::fail("relay", e.to_string(), "fix the profile, or pick a built-in one"),
    };
    let Some(port) = &settings.port else {
        return Check::fail("relay", "relay.port is not set", "set it to /dev/foyer-relay (hardware/udev)");
    };
    match serialport::new(port.to_string_lossy(), profile.baud).timeout(Duration::from_millis(200)).open() {
        Ok(_) => Check::ok("relay", format!("{} profile loads, {} opens", settings.profile, port.display())),
        Err(e) => Check::fail(
            "relay",
            format!("{}: {e}", port.display()),
            "is it plugged in? check the udev rule and the dialout group",
        ),
    }
}

/// Opens the scanner's port, when one is configured.
pub fn check_scanner(settings: &ScannerSettings) -> Check {
    let Some(port) = &settings.port else {
        return Check::ok("scanner", "keyboard-wedge (no serial scanner configured)");
    };
    match serialport::new(port.to_string_lossy(), settings.baud).timeout(Duration::from_millis(200)).open() {
        Ok(_) => Check::ok("scanner", format!("{} opens", port.display())),
        Err(e) => Check::fail(
            "scanner",
            format!("{}: {e}", port.display()),
            "is it plugged in? check the udev rule and the dialout group",
        ),
    }
}
