//! The `[printer]` section of the kiosk config.
//!
//! ```toml
//! [printer]
//! profile = "epson-tm-t20iii"        # or a path to a .toml profile
//! transport = "/dev/foyer-printer"   # "file" (default), a serial port, "host:9100" or "ipp://host/ipp/print"
//! baud = 38400                       # overrides the profile's serial defaults
//! flow_control = "rts_cts"
//! job_expiry_secs = 120
//! status_poll_secs = 5               # idle status polling, every printer that reports status; 0 = off
//! logo = "/etc/foyer/logo.png"
//! force_raster = false
//! media = "oe_4x3-label_4x3in"       # IPP Everywhere: the PWG media name loaded
//! keep_prints = 200                  # simulated ("file"): badges whose files are kept
//! ```

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use serde::Deserialize;

use super::escpos_printer::JobOptions;
use super::profile::DEFAULT_PROFILE;
use super::serial_config::FlowControl;
use crate::DeviceError;

/// Where the printer's bytes go.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Transport {
    /// `<data dir>/prints/<visit>.bin` and `.png` (simulated kiosk).
    File,
    /// A serial device path.
    Serial(String),
    /// `host:port` of a raw TCP printer (usually port 9100).
    Tcp(String),
    /// The `ipp://` (or `http://`) URI of an IPP Everywhere printer or CUPS queue.
    Ipp(String),
}

impl FromStr for Transport {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("printer transport is empty: use \"file\", a serial port path or host:port".into());
        }
        if s == "file" {
            return Ok(Self::File);
        }
        if s.starts_with("ipp://") || s.starts_with("http://") {
            return Ok(Self::Ipp(s.to_owned()));
        }
        let bare = s.strip_prefix("tcp://").unwrap_or(s);
        let looks_tcp = bare
            .rsplit_once(':')
            .is_some_and(|(host, port)| !host.is_empty() && !host.contains('/') && port.parse::<u16>().is_ok());
        if looks_tcp {
            return Ok(Self::Tcp(bare.to_owned()));
        }
        if s.starts_with("tcp://") {
            return Err(format!("printer transport {s:?} has no valid port"));
        }
        Ok(Self::Serial(s.to_owned()))
    }
}

impl TryFrom<String> for Transport {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

/// Printer settings; every field has a default that needs no hardware.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrinterSettings {
    /// A built-in profile name (`generic-80mm` …) or a path to a `.toml`.
    pub profile: String,
    /// "file", a serial port path, or host:port.
    pub transport: Transport,
    /// Overrides the profile's baud rate.
    pub baud: Option<u32>,
    /// Overrides the profile's handshake.
    pub flow_control: Option<FlowControl>,
    /// A job waiting longer than this is dropped, not printed late.
    pub job_expiry_secs: u64,
    /// Idle status polling interval in seconds, for every printer that
    /// reports status: ESC/POS with `DLE EOT`, Brother QL on USB (not on
    /// TCP 9100, where it sends nothing back), Zebra ZPL (`~HS`) and IPP
    /// Everywhere (`printer-state-reasons`). A change (labels out, cover
    /// open, back to ready) raises a device alarm for the desk; polls are
    /// skipped while a job is in hand. 0 turns it off.
    pub status_poll_secs: u64,
    /// A PNG printed at the top of every badge.
    pub logo: Option<PathBuf>,
    /// Print the whole badge as an image even where native would do.
    pub force_raster: bool,
    /// The PWG media name an IPP Everywhere printer holds; overrides the
    /// profile's `media`.
    pub media: Option<String>,
    /// The simulated printer keeps the files of this many newest badges.
    pub keep_prints: usize,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        Self {
            profile: DEFAULT_PROFILE.into(),
            transport: Transport::File,
            baud: None,
            flow_control: None,
            job_expiry_secs: 120,
            status_poll_secs: 5,
            logo: None,
            force_raster: false,
            media: None,
            keep_prints: super::kept_prints::DEFAULT_KEPT,
        }
    }
}

impl PrinterSettings {
    /// Refuses values that cannot work, naming the setting.
    pub fn check(&self) -> Result<(), DeviceError> {
        let bad = |what: String| Err(DeviceError::Config(format!("[printer] {what}")));
        if !(1..=3600).contains(&self.job_expiry_secs) {
            return bad(format!("job_expiry_secs = {} is outside 1–3600", self.job_expiry_secs));
        }
        if !(1..=100_000).contains(&self.keep_prints) {
            return bad(format!("keep_prints = {} is outside 1–100000", self.keep_prints));
        }
        if self.status_poll_secs > 3600 {
            return bad(format!("status_poll_secs = {} is over 3600", self.status_poll_secs));
        }
        Ok(())
    }

    /// The job rules these settings ask for.
    pub fn job_options(&self) -> JobOptions {
        JobOptions {
            expiry: Duration::from_secs(self.job_expiry_secs),
            force_raster: self.force_raster,
            poll_interval: (self.status_poll_secs > 0).then(|| Duration::from_secs(self.status_poll_secs)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_section_means_a_simulated_80mm_printer() {
        let s: PrinterSettings = toml::from_str("").unwrap();
        assert_eq!(s, PrinterSettings::default());
        assert_eq!(s.transport, Transport::File);
        assert_eq!(s.job_options().expiry, Duration::from_secs(120));
        assert_eq!(s.job_options().poll_interval, Some(Duration::from_secs(5)));
    }

    #[test]
    fn transports_are_told_apart() {
        assert_eq!("file".parse(), Ok(Transport::File));
        assert_eq!("/dev/ttyUSB0".parse(), Ok(Transport::Serial("/dev/ttyUSB0".into())));
        assert_eq!("192.168.1.50:9100".parse(), Ok(Transport::Tcp("192.168.1.50:9100".into())));
        assert_eq!("tcp://printer.lan:9100".parse(), Ok(Transport::Tcp("printer.lan:9100".into())));
        assert!("tcp://printer.lan".parse::<Transport>().is_err());
        let uri = "ipp://printer.lan:631/ipp/print";
        assert_eq!(uri.parse(), Ok(Transport::Ipp(uri.into())));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        assert!(toml::from_str::<PrinterSettings>("baud_rate = 9600").is_err());
        let s: PrinterSettings = toml::from_str("job_expiry_secs = 0").unwrap();
        assert!(s.check().unwrap_err().to_string().contains("job_expiry_secs"));
        let s: PrinterSettings = toml::from_str("status_poll_secs = 0\nflow_control = \"xon_xoff\"").unwrap();
        assert_eq!(s.job_options().poll_interval, None);
        assert_eq!(s.flow_control, Some(FlowControl::XonXoff));
    }
}
