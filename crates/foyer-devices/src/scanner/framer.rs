//! Cuts the bytes of a QR scanner into scans. Pure (bytes and instants in,
//! scans out) so the serial scanner and the UI's keyboard-wedge input share
//! the same rules and tests need no clock.

use std::time::{Duration, Instant};

/// Why one scan was refused; the scans around it are unaffected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// More bytes than the cap arrived before the scan ended.
    #[error("the scan is {len} bytes long, more than the {max} allowed")]
    TooLong {
        /// Bytes received for the scan.
        len: usize,
        /// The cap.
        max: usize,
    },
    /// The scan is not UTF-8 text.
    #[error("the scan is not UTF-8 text (invalid byte 0x{byte:02X} at offset {offset})")]
    NotUtf8 {
        /// The first byte that is not UTF-8.
        byte: u8,
        /// Its position in the scan.
        offset: usize,
    },
}

/// One finished scan, or why it was refused.
pub type Framed = Result<String, FrameError>;

/// How scans end and how long one may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FramerConfig {
    /// A scan without a CR/LF suffix ends after this much silence.
    pub idle_gap: Duration,
    /// Longest scan accepted, in bytes.
    pub max_len: usize,
}

impl Default for FramerConfig {
    fn default() -> Self {
        Self { idle_gap: Duration::from_millis(50), max_len: 512 }
    }
}

/// Turns a byte stream into scans: a scan ends at CR, LF or CRLF, or after
/// the idle gap. Empty scans (a bare line end) are skipped.
#[derive(Debug, Clone)]
pub struct ScanFramer {
    config: FramerConfig,
    buf: Vec<u8>,
    /// Bytes of the current scan beyond `max_len`: counted, not kept, so
    /// a runaway device cannot grow memory.
    dropped: usize,
    last_byte: Option<Instant>,
    /// The previous byte was CR, so an LF right after it ends nothing.
    after_cr: bool,
}

impl ScanFramer {
    /// A framer with nothing received yet.
    pub fn new(config: FramerConfig) -> Self {
        Self { config, buf: Vec::new(), dropped: 0, last_byte: None, after_cr: false }
    }

    /// Feeds bytes that arrived at `now`; returns the scans they completed,
    /// including one ended by the idle gap before them.
    pub fn feed(&mut self, bytes: &[u8], now: Instant) -> Vec<Framed> {
        let mut done: Vec<Framed> = self.poll(now).into_iter().collect();
        for &b in bytes {
            let after_cr = std::mem::replace(&mut self.after_cr, b == b'\r');
            match b {
                b'\n' if after_cr => {}
                b'\r' | b'\n' => done.extend(self.finish()),
                _ if self.buf.len() < self.config.max_len => self.buf.push(b),
                _ => self.dropped += 1,
            }
        }
        if !bytes.is_empty() {
            self.last_byte = Some(now);
        }
        done
    }

    /// Ends a scan whose idle gap has passed by `now`.
    pub fn poll(&mut self, now: Instant) -> Option<Framed> {
        let idle = self.idle_deadline()?;
        if now < idle {
            return None;
        }
        // The gap also ends a lone CR, so a later LF starts a new scan.
        self.after_cr = false;
        self.finish()
    }

    /// When the scan in progress will end by silence, if one is in progress.
    pub fn idle_deadline(&self) -> Option<Instant> {
        if self.buf.is_empty() && self.dropped == 0 {
            return None;
        }
        self.last_byte.map(|t| t + self.config.idle_gap)
    }

    fn finish(&mut self) -> Option<Framed> {
        let bytes = std::mem::take(&mut self.buf);
        let dropped = std::mem::take(&mut self.dropped);
        if dropped > 0 {
            let len = bytes.len() + dropped;
            return Some(Err(FrameError::TooLong { len, max: self.config.max_len }));
        }
        if bytes.is_empty() {
            return None;
        }
        Some(String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            FrameError::NotUtf8 { byte: e.as_bytes()[offset], offset }
        }))
    }
}

impl Default for ScanFramer {
    fn default() -> Self {
        Self::new(FramerConfig::default())
    }
}
