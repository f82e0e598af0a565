//! Idle status for every printer family: what the last check found, an
//! alarm to the desk only when that changes, and the poller that checks
//! while no job is in hand. One implementation, so an ESC/POS roll, a
//! Brother label roll and an IPP tray running out are all told the same
//! way, in the same words.

use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::time::Duration;

use super::poller::Poller;
use crate::{AlarmSink, DeviceAlarm, DeviceError, PrinterStatus};

/// Remembers a printer's last status and tells the alarm sink of changes.
pub struct StatusWatch {
    device: String,
    alarms: AlarmSink,
    /// What the last check found (an error as its text), to report changes only.
    last: Mutex<Option<Result<PrinterStatus, String>>>,
}

impl StatusWatch {
    /// A watch for the printer named `device`, alarming through `alarms`.
    pub fn new(device: &str, alarms: AlarmSink) -> Self {
        Self { device: device.to_owned(), alarms, last: Mutex::new(None) }
    }

    /// Remembers `seen` and, when `alarm` is set, tells the sink if it
    /// differs from the last check. The first check reports only trouble:
    /// a printer that is ready at start-up is not news. Checks made for a
    /// job or on request pass `alarm = false`: whoever asked reports what
    /// they found, and the poller speaks up only when the state changes
    /// again after that.
    pub fn record(&self, seen: Result<PrinterStatus, &DeviceError>, alarm: bool) {
        let now = seen.map_err(|e| e.to_string());
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let changed = last.as_ref() != Some(&now);
        let worth_telling = last.is_some() || now != Ok(PrinterStatus::Ready);
        if alarm && changed && worth_telling {
            let message = match &now {
                Ok(s) if s.can_print() => format!("printer status is now: {s}"),
                Ok(s) => format!("printer cannot print: {s}"),
                Err(e) => format!("printer status check failed: {e}"),
            };
            (self.alarms)(DeviceAlarm { device: self.device.clone(), message });
        }
        *last = Some(now);
    }
}

/// The guard of `job_lock` if no job holds it now, for an idle poll: a
/// status request must never go out in the middle of a job's bytes, and
/// waiting for the job would only check a state the job itself checked.
pub fn when_idle<T: ?Sized>(job_lock: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match job_lock.try_lock() {
        Ok(guard) => Some(guard),
        // A job panicked while holding it; what it guards is still usable.
        Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    }
}

/// Runs `poll` on `printer` every `interval` (none when `None`). The
/// thread holds the printer only weakly, so it ends when the printer goes
/// even if the returned poller were leaked; dropping the poller stops and
/// joins it at once.
pub fn poll_while_alive<T: Send + Sync + 'static>(
    name: &str,
    interval: Option<Duration>,
    printer: &Arc<T>,
    poll: fn(&T),
) -> Option<Poller> {
    let every = interval?;
    let weak = Arc::downgrade(printer);
    Some(Poller::start(name, every, move || match weak.upgrade() {
        Some(p) => {
            poll(&p);
            true
        }
        None => false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch() -> (StatusWatch, Arc<Mutex<Vec<String>>>) {
        let told = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&told);
        let alarms: AlarmSink = Arc::new(move |a: DeviceAlarm| sink.lock().unwrap().push(a.message));
        (StatusWatch::new("Label printer on /dev/usb/lp0", alarms), told)
    }

    #[test]
    fn a_first_ready_is_silent_and_each_change_is_told_once() {
        let (w, told) = watch();
        w.record(Ok(PrinterStatus::Ready), true);
        w.record(Ok(PrinterStatus::PaperEnd), true);
        w.record(Ok(PrinterStatus::PaperEnd), true);
        w.record(Ok(PrinterStatus::Ready), true);
        w.record(Ok(PrinterStatus::Ready), true);
        assert_eq!(*told.lock().unwrap(), ["printer cannot print: paper end", "printer status is now: ready"]);
    }

    #[test]
    fn a_first_check_finding_trouble_or_failing_is_told() {
        let (w, told) = watch();
        w.record(Ok(PrinterStatus::CoverOpen), true);
        let (w2, told2) = watch();
        w2.record(Err(&DeviceError::Config("no such printer".into())), true);
        assert_eq!(*told.lock().unwrap(), ["printer cannot print: cover open"]);
        let told2 = told2.lock().unwrap();
        assert_eq!(told2.len(), 1);
        assert!(told2[0].starts_with("printer status check failed: ") && told2[0].contains("no such printer"));
    }

    #[test]
    fn a_state_a_job_already_found_is_not_told_again_by_the_poller() {
        let (w, told) = watch();
        w.record(Ok(PrinterStatus::Ready), true);
        w.record(Ok(PrinterStatus::PaperEnd), false);
        w.record(Ok(PrinterStatus::PaperEnd), true);
        assert!(told.lock().unwrap().is_empty());
        w.record(Ok(PrinterStatus::PaperNearEnd), true);
        assert_eq!(*told.lock().unwrap(), ["printer status is now: paper near end"]);
    }

    #[test]
    fn an_idle_poll_skips_while_the_job_lock_is_held() {
        let lock = Mutex::new(());
        let held = lock.lock().unwrap();
        assert!(when_idle(&lock).is_none());
        drop(held);
        assert!(when_idle(&lock).is_some());
    }

    #[test]
    fn no_interval_is_no_poller_and_a_gone_printer_is_not_polled_again() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let polls = Arc::new(AtomicUsize::new(0));
        let printer = Arc::new(Arc::clone(&polls));
        let count = |p: &Arc<AtomicUsize>| {
            p.fetch_add(1, Ordering::SeqCst);
        };
        assert!(poll_while_alive("test", None, &printer, count).is_none());
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(polls.load(Ordering::SeqCst), 0);
        let _poller = poll_while_alive("test", Some(Duration::from_millis(5)), &printer, count);
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        while polls.load(Ordering::SeqCst) == 0 {
            assert!(std::time::Instant::now() < deadline, "never polled");
            std::thread::sleep(Duration::from_millis(5));
        }
        // The poller is still alive here; only the printer is gone.
        drop(printer);
        std::thread::sleep(Duration::from_millis(20));
        let after = polls.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(polls.load(Ordering::SeqCst), after);
    }
}
