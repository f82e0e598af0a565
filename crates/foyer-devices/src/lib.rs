//! Lobby hardware behind small traits: the badge printer, the door-release
//! relay and the QR scanner. Each has a real implementation (serial, TCP,
//! file) and a `Fake…` one that tests and the simulated mode use.

pub mod badge;
pub mod brother;
pub mod error;
pub mod fake;
pub mod ipp_everywhere;
pub mod printer;
pub mod relay;
pub mod scanner;
pub mod zpl;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use foyer_domain::{BadgeContent, PulseLength};

pub use error::DeviceError;

/// What a printer says about itself, decoded from its real-time status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrinterStatus {
    Ready,
    /// Printing still works, but the roll should be changed soon.
    PaperNearEnd,
    PaperEnd,
    CoverOpen,
    /// A label printer holds a roll other than the one its profile expects.
    WrongMedia,
    Offline,
    /// A cutter, head or other error the printer reports.
    Error,
    /// The printer did not answer the status query in time.
    NoAnswer,
    /// The profile says this printer cannot report status (best effort).
    Unsupported,
}

impl PrinterStatus {
    /// Whether a job may be sent in this state.
    pub fn can_print(self) -> bool {
        matches!(self, Self::Ready | Self::PaperNearEnd | Self::Unsupported)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::PaperNearEnd => "paper near end",
            Self::PaperEnd => "paper end",
            Self::CoverOpen => "cover open",
            Self::WrongMedia => "wrong labels loaded",
            Self::Offline => "offline",
            Self::Error => "error",
            Self::NoAnswer => "no answer",
            Self::Unsupported => "status not supported",
        }
    }
}

impl std::fmt::Display for PrinterStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One badge to print. A job is printed at most once; a job older than the
/// printer's job expiry is dropped, not printed late.
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub badge: BadgeContent,
    pub queued_at: Instant,
}

impl PrintJob {
    pub fn new(badge: BadgeContent) -> Self {
        Self { badge, queued_at: Instant::now() }
    }
}

/// How a job was encoded for the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintEncoding {
    /// ESC/POS text and the printer's own QR code.
    Native,
    /// The whole badge as a raster image (`GS v 0`).
    Raster,
}

/// What a successful print did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PrintReport {
    pub bytes_sent: usize,
    pub encoding: PrintEncoding,
}

/// A badge printer.
pub trait BadgePrinter: Send + Sync {
    /// Checks status, then sends the job once. A printer that is not ready
    /// gives `DeviceError::NotReady` and nothing is sent; there is no silent
    /// retry (a reprint is an explicit action).
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError>;
    /// Reads the printer's status now.
    fn status(&self) -> Result<PrinterStatus, DeviceError>;
    /// A name for logs and the staff screen ("Epson TM-T20III on /dev/foyer-printer").
    fn describe(&self) -> String;
}

/// Whether the relay contact is closed (door released) or open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelayState {
    On,
    Off,
    /// The module has no status query.
    Unknown,
}

/// A door-release relay.
pub trait DoorRelay: Send + Sync {
    /// Switches the relay on and returns once the ON frame is sent (and
    /// confirmed, where the module can confirm). The relay switches itself
    /// off after `hold`; a pulse while already on extends the open time to
    /// `now + hold` instead of stacking.
    fn pulse(&self, hold: PulseLength) -> Result<(), DeviceError>;
    /// Switches the relay off now (start-up, shutdown, emergencies).
    fn off(&self) -> Result<(), DeviceError>;
    /// Reads the relay state where the module can tell.
    fn state(&self) -> Result<RelayState, DeviceError>;
    fn describe(&self) -> String;
}

/// A QR scanner that delivers one decoded code at a time.
pub trait Scanner: Send {
    /// Waits up to `timeout` for the next complete scan; `Ok(None)` when
    /// nothing arrived. A malformed scan (bad UTF-8, over-long) is an error
    /// for that scan only: the next call reads the next one.
    fn next_scan(&mut self, timeout: Duration) -> Result<Option<String>, DeviceError>;
    fn describe(&self) -> String;
}

/// Something a device reports on its own, outside any request: a relay that
/// would not confirm OFF, a printer that went offline while idle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceAlarm {
    pub device: String,
    pub message: String,
}

/// Where devices send alarms; the kiosk writes them to the audit log and the
/// outbox.
pub type AlarmSink = Arc<dyn Fn(DeviceAlarm) + Send + Sync>;

/// An alarm sink that only logs, for command-line tools.
pub fn log_alarms() -> AlarmSink {
    Arc::new(|a: DeviceAlarm| tracing::error!(device = %a.device, "{}", a.message))
}
