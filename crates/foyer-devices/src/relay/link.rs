//! The serial link to a relay module: write a frame, read an answer, and
//! reopen the port after a USB module was unplugged and plugged back.

use std::io::{ErrorKind, Read, Write};
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, SerialPort};

use crate::DeviceError;

/// A serial port to a relay, opened from a path or handed in already open.
pub struct RelayPort {
    port: Option<Box<dyn SerialPort>>,
    /// Set when opened by path: a lost port is opened again on the next use.
    path: Option<String>,
    baud: u32,
    name: String,
}

impl RelayPort {
    /// Opens `path` at `baud`, 8N1, no flow control.
    pub fn open(path: &str, baud: u32) -> Result<Self, DeviceError> {
        let mut link = Self { port: None, path: Some(path.to_owned()), baud, name: path.to_owned() };
        link.port()?;
        Ok(link)
    }

    /// Wraps a port that is already open (a pseudo-terminal in tests).
    pub fn from_port(port: Box<dyn SerialPort>) -> Self {
        let name = port.name().unwrap_or_else(|| "serial port".into());
        Self { port: Some(port), path: None, baud: 0, name }
    }

    /// The port's name for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn port(&mut self) -> Result<&mut Box<dyn SerialPort>, DeviceError> {
        if self.port.is_none() {
            let Some(path) = &self.path else {
                return Err(DeviceError::io(&self.name, ErrorKind::NotConnected.into()));
            };
            let port = serialport::new(path, self.baud)
                .timeout(Duration::from_millis(50))
                .open()
                .map_err(|source| DeviceError::Serial { device: path.clone(), source })?;
            self.port = Some(port);
        }
        Ok(self.port.as_mut().expect("opened above"))
    }

    /// Drops a port that failed, so the next use opens it again (by path).
    fn lost<T>(&mut self, source: std::io::Error) -> Result<T, DeviceError> {
        self.port = None;
        Err(DeviceError::io(&self.name, source))
    }

    /// Discards stale input, then writes `frame` completely.
    pub fn send(&mut self, frame: &[u8]) -> Result<(), DeviceError> {
        let port = self.port()?;
        // A late answer to an earlier query must not be read as this one's.
        let _ = port.clear(ClearBuffer::Input);
        let written = port.write_all(frame).and_then(|()| port.flush());
        match written {
            Ok(()) => Ok(()),
            Err(e) => self.lost(e),
        }
    }

    /// Reads into `received` until `done` says the answer is complete or
    /// `deadline` passes; returns whether it completed.
    pub fn read_until(
        &mut self,
        received: &mut Vec<u8>,
        deadline: Instant,
        mut done: impl FnMut(&[u8]) -> bool,
    ) -> Result<bool, DeviceError> {
        let mut buf = [0u8; 64];
        // Bounded by the deadline: every pass waits at most until then.
        while !done(received) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(false);
            }
            let port = self.port()?;
            if let Err(e) = port.set_timeout(left) {
                return self.lost(e.into());
            }
            match port.read(&mut buf) {
                Ok(0) => return self.lost(ErrorKind::UnexpectedEof.into()),
                Ok(n) => received.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::TimedOut || e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return self.lost(e),
            }
        }
        Ok(true)
    }
}
