//! The error type of the device boundary.

use super::PrinterStatus;

/// What went wrong talking to a device. Source errors are kept, not
/// flattened to strings.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    /// The printer reported a state in which it cannot print; nothing was sent.
    #[error("printer not ready: {0}")]
    NotReady(PrinterStatus),
    /// A job waited longer than its expiry and was dropped unprinted.
    #[error("print job dropped: it waited {waited_secs} s, longer than the {expiry_secs} s job expiry")]
    JobExpired { waited_secs: u64, expiry_secs: u64 },
    /// No answer within the time allowed.
    #[error("{device} did not answer {what} in time")]
    Timeout { device: String, what: &'static str },
    /// The device answered, but not as its protocol says.
    #[error("{device} sent an unexpected reply: {detail}")]
    Protocol { device: String, detail: String },
    /// A scan that could not be accepted (bad UTF-8, too long).
    #[error("scan refused: {0}")]
    BadScan(String),
    /// A device profile or setting that cannot be used.
    #[error("{0}")]
    Config(String),
    #[error("{device}: {source}")]
    Io {
        device: String,
        #[source]
        source: std::io::Error,
    },
    /// An IPP request that failed on the way (connection, HTTP, a reply
    /// that does not parse).
    #[error("{device}: IPP request failed: {source}")]
    Ipp {
        device: String,
        #[source]
        source: Box<::ipp::error::IppError>,
    },
    #[error("{device}: {source}")]
    Serial {
        device: String,
        #[source]
        source: serialport::Error,
    },
}

impl DeviceError {
    pub fn io(device: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io { device: device.into(), source }
    }
}
