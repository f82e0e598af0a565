//! A QR scanner on a serial port (USB CDC or TTL UART).

use std::collections::VecDeque;
use std::io::{ErrorKind, Read};
use std::time::{Duration, Instant};

use serialport::SerialPort;

use super::framer::{Framed, FramerConfig, ScanFramer};
use crate::{DeviceError, Scanner};

/// How far past the caller's timeout a scan still arriving is waited for.
const OVERRUN_LIMIT: Duration = Duration::from_secs(1);

/// Reads scans from a serial port through a [`ScanFramer`].
pub struct SerialScanner {
    port: Box<dyn SerialPort>,
    framer: ScanFramer,
    /// Scans completed by one read beyond the one returned.
    ready: VecDeque<Framed>,
    name: String,
}

impl SerialScanner {
    /// Opens `path` at `baud`, 8N1 (the baud is ignored over USB CDC).
    pub fn open(path: &str, baud: u32, config: FramerConfig) -> Result<Self, DeviceError> {
        let port = serialport::new(path, baud)
            .timeout(Duration::from_millis(50))
            .open()
            .map_err(|source| DeviceError::Serial { device: format!("scanner on {path}"), source })?;
        Ok(Self::from_port(port, config))
    }

    /// Wraps a port that is already open (a pseudo-terminal in tests).
    pub fn from_port(port: Box<dyn SerialPort>, config: FramerConfig) -> Self {
        let name = format!("scanner on {}", port.name().unwrap_or_else(|| "serial port".into()));
        Self { port, framer: ScanFramer::new(config), ready: VecDeque::new(), name }
    }

    fn take_ready(&mut self) -> Option<Result<String, DeviceError>> {
        let framed = self.ready.pop_front()?;
        Some(framed.map_err(|e| DeviceError::BadScan(e.to_string())))
    }
}

impl Scanner for SerialScanner {
    fn next_scan(&mut self, timeout: Duration) -> Result<Option<String>, DeviceError> {
        let deadline = Instant::now() + timeout;
        let hard_deadline = deadline + OVERRUN_LIMIT;
        let mut buf = [0u8; 256];
        loop {
            if let Some(scan) = self.take_ready() {
                return scan.map(Some);
            }
            let now = Instant::now();
            self.ready.extend(self.framer.poll(now));
            if !self.ready.is_empty() {
                continue;
            }
            // A scan in progress is finished even a little past the caller's
            // deadline (it ends within one idle gap), but a device that never
            // pauses cannot hold the caller beyond the hard limit.
            let idle = self.framer.idle_deadline();
            let wake = match idle {
                None if now >= deadline => return Ok(None),
                None => deadline,
                Some(_) if now >= hard_deadline => return Ok(None),
                Some(i) if now >= deadline => i.min(hard_deadline),
                Some(i) => i.min(deadline),
            };
            let wait = wake.saturating_duration_since(now).max(Duration::from_millis(1));
            self.port.set_timeout(wait).map_err(|source| DeviceError::Serial { device: self.name.clone(), source })?;
            match self.port.read(&mut buf) {
                Ok(0) => return Err(DeviceError::io(&self.name, ErrorKind::UnexpectedEof.into())),
                Ok(n) => {
                    let scans = self.framer.feed(&buf[..n], Instant::now());
                    self.ready.extend(scans);
                }
                Err(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::Interrupted) => {}
                Err(e) => return Err(DeviceError::io(&self.name, e)),
            }
        }
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}
