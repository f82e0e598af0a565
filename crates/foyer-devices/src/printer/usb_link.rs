//! A printer on the USB printer class device (`/dev/usb/lp0`, the usblp
//! driver): a character device read and written like a file. Brother QL
//! and Zebra printers answer status on it, unlike on TCP 9100.
//!
//! Opened non-blocking so every read and write is bounded by a deadline;
//! tests open the slave end of a pseudo-terminal the same way.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::time::{Duration, Instant};

use super::link::{write_paced, Link, STALL_LIMIT};
use crate::DeviceError;

/// How long to sleep between polls of a device with nothing to say.
const POLL_STEP: Duration = Duration::from_millis(2);

/// A USB printer class device link.
pub struct UsbLink {
    file: File,
    name: String,
}

impl UsbLink {
    /// Opens `path` for reading and writing.
    pub fn open(path: &str) -> Result<Self, DeviceError> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
            .map_err(|e| DeviceError::io(path, e))?;
        Ok(Self { file, name: path.to_owned() })
    }
}

impl Link for UsbLink {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let file = &mut self.file;
        write_paced(bytes, STALL_LIMIT, |chunk| match file.write(chunk) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                std::thread::sleep(POLL_STEP);
                Err(e)
            }
            other => other,
        })
    }

    fn recv(&mut self, deadline: Instant) -> io::Result<Option<u8>> {
        let mut byte = [0u8; 1];
        loop {
            match self.file.read(&mut byte) {
                Ok(1) => return Ok(Some(byte[0])),
                // usblp reads 0 while the printer has nothing to say.
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(POLL_STEP);
        }
    }

    fn discard_input(&mut self) -> io::Result<()> {
        let mut buf = [0u8; 512];
        // Bounded: a printer does not have more than a few KB to say.
        for _ in 0..64 {
            match self.file.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}
