//! QR scanners on a serial port. The byte-to-scan rules live in
//! [`ScanFramer`], shared with the UI's keyboard-wedge input; what a scan
//! means (badge or invitation) is `domain::scan::ScannedCode::classify`.

mod framer;
mod serial;
mod wedge;

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

pub use framer::{FrameError, Framed, FramerConfig, ScanFramer};
pub use serial::SerialScanner;
pub use wedge::{WedgeInput, WEDGE_STALE_AFTER};

use super::{DeviceError, Scanner};

/// The `[scanner]` section of the kiosk configuration.
///
/// ```toml
/// [scanner]
/// port = "/dev/foyer-scanner"   # leave out for a keyboard-wedge scanner or none
/// baud = 9600
/// idle_gap_ms = 50
/// max_len = 512
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScannerSettings {
    /// The serial device; `None` means no serial scanner.
    pub port: Option<PathBuf>,
    /// Line speed; ignored by USB CDC scanners.
    pub baud: u32,
    /// Silence that ends a scan sent without a line end, in milliseconds.
    pub idle_gap_ms: u64,
    /// Longest scan accepted, in bytes.
    pub max_len: usize,
}

impl Default for ScannerSettings {
    fn default() -> Self {
        let framing = FramerConfig::default();
        Self { port: None, baud: 9600, idle_gap_ms: framing.idle_gap.as_millis() as u64, max_len: framing.max_len }
    }
}

impl ScannerSettings {
    /// The framing these settings ask for, checked.
    pub fn framer_config(&self) -> Result<FramerConfig, DeviceError> {
        if !(1..=1000).contains(&self.idle_gap_ms) {
            return Err(DeviceError::Config(format!(
                "[scanner] idle_gap_ms = {} is outside 1–1000 ms",
                self.idle_gap_ms
            )));
        }
        if !(16..=8192).contains(&self.max_len) {
            return Err(DeviceError::Config(format!("[scanner] max_len = {} is outside 16–8192 bytes", self.max_len)));
        }
        Ok(FramerConfig { idle_gap: Duration::from_millis(self.idle_gap_ms), max_len: self.max_len })
    }
}

/// Opens the configured serial scanner; `Ok(None)` when no port is set
/// (keyboard-wedge scanner, or none).
pub fn open_scanner(settings: &ScannerSettings) -> Result<Option<Box<dyn Scanner>>, DeviceError> {
    let config = settings.framer_config()?;
    let Some(path) = &settings.port else {
        return Ok(None);
    };
    let scanner = SerialScanner::open(&path.to_string_lossy(), settings.baud, config)?;
    Ok(Some(Box::new(scanner)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_9600_baud_a_50_ms_gap_and_512_bytes() {
        let s: ScannerSettings = toml::from_str("").unwrap();
        assert_eq!((s.port.as_ref(), s.baud, s.idle_gap_ms, s.max_len), (None, 9600, 50, 512));
        assert!(open_scanner(&s).unwrap().is_none());
    }

    #[test]
    fn an_unusable_gap_or_cap_is_refused_by_name() {
        let s: ScannerSettings = toml::from_str("idle_gap_ms = 0").unwrap();
        assert!(open_scanner(&s).err().unwrap().to_string().contains("idle_gap_ms"));
        let s: ScannerSettings = toml::from_str("max_len = 4").unwrap();
        assert!(open_scanner(&s).err().unwrap().to_string().contains("max_len"));
    }

    #[test]
    fn a_missing_serial_device_is_named() {
        let s: ScannerSettings = toml::from_str("port = \"/dev/no-such-scanner\"").unwrap();
        let err = open_scanner(&s).err().unwrap().to_string();
        assert!(err.contains("/dev/no-such-scanner"), "{err}");
    }
}
