//! A printer on a serial line (RS-232, USB-serial adapters, pseudo-terminals
//! in tests), through `serialport` without its libudev default.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, SerialPort};

use super::link::{remaining, write_paced, Link, STALL_LIMIT};
use super::serial_config::{FlowControl, SerialConfig};
use crate::DeviceError;

const WRITE_STEP: Duration = Duration::from_millis(100);

/// A serial printer link.
pub struct SerialLink {
    port: Box<dyn SerialPort>,
    name: String,
    /// DTR/DSR handshake: `serialport` has no such mode, so we hold DTR
    /// high and send only while the printer keeps DSR high.
    dsr_paced: bool,
}

impl SerialLink {
    /// Opens `path` with the given line settings.
    pub fn open(path: &str, config: &SerialConfig) -> Result<Self, DeviceError> {
        let serial = |source| DeviceError::Serial { device: path.to_owned(), source };
        let mut port = config.builder(path).timeout(WRITE_STEP).open().map_err(serial)?;
        let dsr_paced = config.flow_control == FlowControl::DtrDsr;
        if dsr_paced {
            port.write_data_terminal_ready(true).map_err(serial)?;
        }
        Ok(Self { port, name: path.to_owned(), dsr_paced })
    }

    /// Wraps a port someone else opened and configured (a pty in tests).
    pub fn from_port(port: Box<dyn SerialPort>) -> Self {
        let name = port.name().unwrap_or_else(|| "serial port".into());
        Self { port, name, dsr_paced: false }
    }
}

fn to_io(e: serialport::Error) -> io::Error {
    io::Error::other(e)
}

impl Link for SerialLink {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        // `recv` shortens the timeout to its deadline; writes wait in steps
        // of 100 ms so a paused printer is not polled in a tight loop.
        self.port.set_timeout(WRITE_STEP).map_err(to_io)?;
        let dsr_paced = self.dsr_paced;
        let port = &mut self.port;
        // DSR is checked before every chunk; "not ready" counts as a write
        // without progress, so a printer that keeps DSR low hits the stall limit.
        write_paced(bytes, STALL_LIMIT, |chunk| {
            if dsr_paced && !port.read_data_set_ready().map_err(to_io)? {
                std::thread::sleep(Duration::from_millis(5));
                return Err(io::ErrorKind::WouldBlock.into());
            }
            port.write(chunk)
        })
        // No tcdrain here: with XON/XOFF a paused printer would block it
        // without limit. Later status queries queue behind the job in the
        // same FIFO, so they still cannot land inside a raster block.
    }

    fn recv(&mut self, deadline: Instant) -> io::Result<Option<u8>> {
        if Instant::now() >= deadline {
            return Ok(None);
        }
        self.port.set_timeout(remaining(deadline)).map_err(to_io)?;
        let mut byte = [0u8; 1];
        match self.port.read(&mut byte) {
            Ok(1) => Ok(Some(byte[0])),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn discard_input(&mut self) -> io::Result<()> {
        self.port.clear(ClearBuffer::Input).map_err(to_io)
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}

impl Drop for SerialLink {
    fn drop(&mut self) {
        // Do not keep DTR asserted for a printer nobody drives any more. No
        // flush: a printer paused by XOFF would block it without limit.
        if self.dsr_paced {
            let _ = self.port.write_data_terminal_ready(false);
        }
    }
}
