//! The door-release relay: pulses with a bounded length, ended by a timer
//! thread (or by the module itself), OFF at start-up and at shutdown.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::driver::RelayDriver;
use crate::{AlarmSink, DeviceAlarm, DeviceError, DoorRelay, RelayState};
use foyer_domain::PulseLength;

/// After a device-timed pulse, how long to give the module before its
/// state is checked: its own timer and ours do not start at the same instant.
const DEVICE_TIMER_GRACE: Duration = Duration::from_millis(300);

/// A relay module driven through its profile over a serial port.
pub struct SerialRelay {
    shared: Arc<Shared>,
    timer: Mutex<Option<JoinHandle<()>>>,
}

struct Shared {
    engine: Mutex<Engine>,
    /// Wakes the timer thread (new deadline, shutdown) and waiters for OFF.
    changed: Condvar,
    alarms: AlarmSink,
    name: String,
}

struct Engine {
    driver: RelayDriver,
    /// When the current pulse ends; `None` while the relay is off.
    open_until: Option<Instant>,
    shutdown: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not stop the door from being switched off.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl SerialRelay {
    /// Switches the relay off (raising an alarm and failing if that cannot
    /// be confirmed), then starts the thread that ends pulses.
    pub fn start(mut driver: RelayDriver, alarms: AlarmSink) -> Result<Self, DeviceError> {
        let name = driver.describe();
        if let Err(e) = driver.off_confirmed() {
            raise(&alarms, &name, "at start-up", &e);
            return Err(e);
        }
        let shared = Arc::new(Shared {
            engine: Mutex::new(Engine { driver, open_until: None, shutdown: false }),
            changed: Condvar::new(),
            alarms,
            name,
        });
        let for_timer = Arc::clone(&shared);
        let timer = std::thread::Builder::new()
            .name("relay-timer".into())
            .spawn(move || run_timer(&for_timer))
            .map_err(|e| DeviceError::io(&shared.name, e))?;
        Ok(Self { shared, timer: Mutex::new(Some(timer)) })
    }

    /// Waits until no pulse is running (the OFF was sent or the module's
    /// own timer ran out); false if `timeout` passed first.
    pub fn wait_until_off(&self, timeout: Duration) -> bool {
        let engine = lock(&self.shared.engine);
        let (engine, _) = self
            .shared
            .changed
            .wait_timeout_while(engine, timeout, |e| e.open_until.is_some())
            .unwrap_or_else(|e| e.into_inner());
        engine.open_until.is_none()
    }

    /// Stops the timer and switches the relay off; later pulses are refused.
    /// Dropping the relay does the same.
    pub fn shutdown(&self) -> Result<(), DeviceError> {
        let Some(timer) = lock(&self.timer).take() else {
            return Ok(());
        };
        lock(&self.shared.engine).shutdown = true;
        self.shared.changed.notify_all();
        let _ = timer.join();
        let mut engine = lock(&self.shared.engine);
        engine.open_until = None;
        let result = engine.driver.off_confirmed();
        if let Err(e) = &result {
            raise(&self.shared.alarms, &self.shared.name, "at shutdown", e);
        }
        result
    }
}

fn raise(alarms: &AlarmSink, name: &str, when: &str, e: &DeviceError) {
    alarms(DeviceAlarm {
        device: name.to_owned(),
        message: format!("the relay did not confirm OFF {when} ({e}); the door may still be released"),
    });
}

/// Ends each pulse at its deadline. Sleeps on the condition variable, so a
/// pulse extended meanwhile simply moves the deadline it wakes up for.
fn run_timer(shared: &Shared) {
    let mut engine = lock(&shared.engine);
    while !engine.shutdown {
        let now = Instant::now();
        engine = match engine.open_until {
            None => shared.changed.wait(engine).unwrap_or_else(|e| e.into_inner()),
            Some(until) if now < until => {
                let waited = shared.changed.wait_timeout(engine, until - now);
                waited.unwrap_or_else(|e| e.into_inner()).0
            }
            Some(_) => {
                end_pulse(shared, &mut engine);
                engine.open_until = None;
                shared.changed.notify_all();
                engine
            }
        };
    }
}

fn end_pulse(shared: &Shared, engine: &mut Engine) {
    let driver = &mut engine.driver;
    if driver.profile().device_timed {
        // The module switched itself off; check where it can tell us.
        match driver.state() {
            Ok(RelayState::Off | RelayState::Unknown) => return,
            Ok(RelayState::On) => {
                tracing::warn!(relay = %shared.name, "still on after its own timer")
            }
            Err(e) => tracing::warn!(relay = %shared.name, "state after pulse unknown: {e}"),
        }
    }
    if let Err(e) = driver.off_confirmed() {
        raise(&shared.alarms, &shared.name, "after a pulse", &e);
    }
}

impl DoorRelay for SerialRelay {
    fn pulse(&self, hold: PulseLength) -> Result<(), DeviceError> {
        let mut engine = lock(&self.shared.engine);
        if engine.shutdown {
            let gone = std::io::Error::new(std::io::ErrorKind::NotConnected, "the relay was shut down");
            return Err(DeviceError::io(&self.shared.name, gone));
        }
        let device_timed = engine.driver.profile().device_timed;
        let grace = if device_timed { DEVICE_TIMER_GRACE } else { Duration::ZERO };
        let running = engine.open_until.filter(|until| *until > Instant::now());
        let wanted = Instant::now() + hold.duration() + grace;
        // Extend, never stack or shorten: an open door just stays open longer.
        // A device-timed module needs its timer restarted; ours just moves.
        let needs_on = match running {
            None => true,
            Some(until) => device_timed && until < wanted,
        };
        let sent = if needs_on { engine.driver.on(hold) } else { Ok(()) };
        engine.open_until = match &sent {
            Ok(()) => {
                // Timed from when ON went out, not from when it was asked for.
                let from_now = Instant::now() + hold.duration() + grace;
                Some(running.map_or(from_now, |until| until.max(from_now)))
            }
            // The ON may have half arrived: let the timer switch off now,
            // with its retries and its alarm.
            Err(_) => Some(Instant::now()),
        };
        self.shared.changed.notify_all();
        sent
    }

    fn off(&self) -> Result<(), DeviceError> {
        let mut engine = lock(&self.shared.engine);
        engine.open_until = None;
        let result = engine.driver.off_confirmed();
        self.shared.changed.notify_all();
        if let Err(e) = &result {
            raise(&self.shared.alarms, &self.shared.name, "when asked", e);
        }
        result
    }

    fn state(&self) -> Result<RelayState, DeviceError> {
        lock(&self.shared.engine).driver.state()
    }

    fn describe(&self) -> String {
        self.shared.name.clone()
    }
}

impl Drop for SerialRelay {
    fn drop(&mut self) {
        // Errors were reported to the alarm sink already.
        let _ = self.shutdown();
    }
}
