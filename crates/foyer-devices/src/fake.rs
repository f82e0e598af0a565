//! In-memory devices that record what they were asked and can be told to
//! fail. They back use-case tests and the simulated mode of the binary.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::{
    BadgePrinter, DeviceError, DoorRelay, PrintEncoding, PrintJob, PrintReport, PrinterStatus, RelayState, Scanner,
};
use foyer_domain::{BadgeContent, PulseLength};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another test thread must not hide this device's record.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A printer that keeps the badges it printed.
#[derive(Debug, Clone, Default)]
pub struct FakePrinter {
    inner: Arc<Mutex<FakePrinterState>>,
}

#[derive(Debug, Default)]
struct FakePrinterState {
    printed: Vec<BadgeContent>,
    status: Option<PrinterStatus>,
}

impl FakePrinter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the printer report this status (e.g. `PaperEnd`) from now on.
    pub fn set_status(&self, status: PrinterStatus) {
        lock(&self.inner).status = Some(status);
    }

    /// The badges printed so far, oldest first.
    pub fn printed(&self) -> Vec<BadgeContent> {
        lock(&self.inner).printed.clone()
    }
}

impl BadgePrinter for FakePrinter {
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError> {
        let mut s = lock(&self.inner);
        let status = s.status.unwrap_or(PrinterStatus::Ready);
        if !status.can_print() {
            return Err(DeviceError::NotReady(status));
        }
        s.printed.push(job.badge.clone());
        Ok(PrintReport { bytes_sent: 0, encoding: PrintEncoding::Native })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        Ok(lock(&self.inner).status.unwrap_or(PrinterStatus::Ready))
    }

    fn describe(&self) -> String {
        "simulated printer".into()
    }
}

/// A relay that records its pulses and keeps its on/off state by the clock.
#[derive(Debug, Clone, Default)]
pub struct FakeRelay {
    inner: Arc<Mutex<FakeRelayState>>,
}

#[derive(Debug, Default)]
struct FakeRelayState {
    pulses: Vec<PulseLength>,
    open_until: Option<Instant>,
    offs: usize,
    broken: bool,
}

impl FakeRelay {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every later call fail as if the port were gone.
    pub fn break_link(&self) {
        lock(&self.inner).broken = true;
    }

    /// The pulses asked for so far.
    pub fn pulses(&self) -> Vec<PulseLength> {
        lock(&self.inner).pulses.clone()
    }

    /// How many times the relay was switched off explicitly.
    pub fn offs(&self) -> usize {
        lock(&self.inner).offs
    }

    fn check(s: &FakeRelayState) -> Result<(), DeviceError> {
        if s.broken {
            return Err(DeviceError::io(
                "simulated relay",
                std::io::Error::new(std::io::ErrorKind::NotConnected, "link broken"),
            ));
        }
        Ok(())
    }
}

impl DoorRelay for FakeRelay {
    fn pulse(&self, hold: PulseLength) -> Result<(), DeviceError> {
        let mut s = lock(&self.inner);
        Self::check(&s)?;
        s.pulses.push(hold);
        s.open_until = Some(Instant::now() + hold.duration());
        Ok(())
    }

    fn off(&self) -> Result<(), DeviceError> {
        let mut s = lock(&self.inner);
        Self::check(&s)?;
        s.offs += 1;
        s.open_until = None;
        Ok(())
    }

    fn state(&self) -> Result<RelayState, DeviceError> {
        let s = lock(&self.inner);
        Self::check(&s)?;
        Ok(match s.open_until {
            Some(t) if Instant::now() < t => RelayState::On,
            _ => RelayState::Off,
        })
    }

    fn describe(&self) -> String {
        "simulated relay".into()
    }
}

/// A scanner fed from a queue (tests) — each pushed line is one scan.
#[derive(Debug, Clone, Default)]
pub struct FakeScanner {
    queue: Arc<Mutex<VecDeque<String>>>,
}

impl FakeScanner {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, code: &str) {
        lock(&self.queue).push_back(code.to_owned());
    }
}

impl Scanner for FakeScanner {
    fn next_scan(&mut self, timeout: Duration) -> Result<Option<String>, DeviceError> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(code) = lock(&self.queue).pop_front() {
                return Ok(Some(code));
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(None);
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(10)));
        }
    }

    fn describe(&self) -> String {
        "simulated scanner".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fake_printer_out_of_paper_refuses_and_records_nothing() {
        let p = FakePrinter::new();
        p.set_status(PrinterStatus::PaperEnd);
        let job = PrintJob::new(BadgeContent::sample(&foyer_domain::SiteKey::from_bytes([0; 32])));
        assert!(matches!(p.print(&job), Err(DeviceError::NotReady(PrinterStatus::PaperEnd))));
        assert!(p.printed().is_empty());
    }

    #[test]
    fn a_fake_relay_is_on_during_its_pulse_then_off() {
        let r = FakeRelay::new();
        r.pulse(PulseLength::from_secs(1).unwrap()).unwrap();
        assert_eq!(r.state().unwrap(), RelayState::On);
        r.off().unwrap();
        assert_eq!(r.state().unwrap(), RelayState::Off);
    }
}
