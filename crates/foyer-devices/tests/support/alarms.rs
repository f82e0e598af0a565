//! An alarm sink that keeps what it was told, for tests of idle status:
//! the kiosk's sink writes alarms to the audit log and the outbox, this
//! one to a list the test reads.

#![allow(dead_code)] // each test binary uses part of it

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use foyer_devices::{AlarmSink, DeviceAlarm};

/// A sink and the alarms it collected so far.
#[derive(Clone, Default)]
pub struct Collected(Arc<Mutex<Vec<DeviceAlarm>>>);

impl Collected {
    /// The sink to hand to a printer.
    pub fn sink(&self) -> AlarmSink {
        let kept = Arc::clone(&self.0);
        Arc::new(move |a| kept.lock().unwrap().push(a))
    }

    /// The messages so far.
    pub fn messages(&self) -> Vec<String> {
        self.0.lock().unwrap().iter().map(|a| a.message.clone()).collect()
    }

    /// The alarms so far.
    pub fn all(&self) -> Vec<DeviceAlarm> {
        self.0.lock().unwrap().clone()
    }

    /// Waits until `n` alarms arrived; fails the test after `within`.
    pub fn wait_for(&self, n: usize, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(Instant::now() < deadline, "{n} alarm(s) expected within {within:?}, got {got:?}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits `settle` and checks that exactly the alarms in `expected`
    /// arrived by then, each once: the poller keeps polling, and a state
    /// that did not change must not be told again.
    pub fn assert_exactly_after(&self, settle: Duration, expected: &[&str]) {
        std::thread::sleep(settle);
        let got = self.messages();
        assert_eq!(got, expected, "alarms after settling {settle:?}");
    }
}
