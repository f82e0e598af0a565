//! A background thread that runs a check at a fixed interval until stopped.
//! The printer uses it to poll status while idle, so a roll that ran out
//! overnight is reported before the first visitor of the morning.

use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Runs `tick` every `interval` on its own thread; stops on drop.
pub struct Poller {
    stop: Arc<(Mutex<bool>, Condvar)>,
    handle: Option<JoinHandle<()>>,
}

impl Poller {
    /// Starts polling. `tick` returns `false` when there is nothing left to
    /// poll (the printer is gone), which ends the thread early.
    pub fn start(name: &str, interval: Duration, mut tick: impl FnMut() -> bool + Send + 'static) -> Self {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name(format!("poll {name}"))
            .spawn(move || loop {
                let (lock, wake) = &*flag;
                let stopped = lock.lock().unwrap_or_else(|e| e.into_inner());
                // Waiting on the condvar (not sleeping) lets drop end the
                // thread at once instead of after a whole interval.
                let (stopped, _) =
                    wake.wait_timeout_while(stopped, interval, |s| !*s).unwrap_or_else(|e| e.into_inner());
                if *stopped {
                    return;
                }
                drop(stopped);
                if !tick() {
                    return;
                }
            })
            .ok();
        if handle.is_none() {
            tracing::error!("could not start the status poller for {name}: polling is off");
        }
        Self { stop, handle }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        let (lock, wake) = &*self.stop;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake.notify_all();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    #[test]
    fn it_ticks_at_the_interval_and_stops_at_once_on_drop() {
        let ticks = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&ticks);
        let poller = Poller::start("test", Duration::from_millis(20), move || {
            counter.fetch_add(1, Ordering::SeqCst);
            true
        });
        std::thread::sleep(Duration::from_millis(150));
        let started = Instant::now();
        drop(poller);
        assert!(started.elapsed() < Duration::from_millis(100));
        let n = ticks.load(Ordering::SeqCst);
        assert!((2..=10).contains(&n), "{n} ticks");
    }

    #[test]
    fn a_tick_returning_false_ends_polling() {
        let ticks = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&ticks);
        let _poller = Poller::start("test", Duration::from_millis(5), move || {
            counter.fetch_add(1, Ordering::SeqCst);
            false
        });
        std::thread::sleep(Duration::from_millis(80));
        assert_eq!(ticks.load(Ordering::SeqCst), 1);
    }
}
