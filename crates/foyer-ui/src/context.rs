//! What the adapters share, apart from the window: the kiosk, the options,
//! the visitor's draft, the PIN gate, the idle timer and the reader thread.
//! Its own module so the adapters and app.rs (which builds it) need not
//! know each other.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::draft::Draft;
use super::idle::IdleReset;
use super::options::UiOptions;
use super::reads::ScreenReads;
use super::staff_pin::PinGate;
use foyer_devices::scanner::WedgeInput;
use foyer_kiosk::Kiosk;

/// Everything the adapters share. Lives on the UI thread.
pub struct UiContext {
    pub kiosk: Arc<Kiosk>,
    pub options: UiOptions,
    pub draft: RefCell<Draft>,
    pub pin: RefCell<PinGate>,
    pub idle: IdleReset,
    /// Reads for the screens, off the UI thread and off the store's lock.
    pub reads: ScreenReads,
    /// Numbers the host searches, so a slow answer cannot replace a newer one.
    pub host_searches: Latest,
    /// The same for the check-out search by name.
    pub visit_searches: Latest,
    /// Keys of a keyboard-wedge scanner, collected into scans.
    pub wedge: RefCell<WedgeInput>,
    /// Keeps the done page's host notice current (`host_notice`).
    pub notice_timer: Rc<slint::Timer>,
}

/// Numbers requests so only the answer to the newest is shown: keystrokes
/// come faster than answers, and answers may come back out of order.
#[derive(Clone, Default)]
pub struct Latest(Arc<AtomicU64>);

impl Latest {
    /// The number of a new request; every earlier one is now stale.
    pub fn next(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Whether `request` is still the newest (checked before showing its answer).
    pub fn is_latest(&self, request: u64) -> bool {
        self.0.load(Ordering::SeqCst) == request
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_request_is_stale_once_a_newer_one_is_made() {
        let latest = Latest::default();
        let first = latest.next();
        assert!(latest.is_latest(first));
        let second = latest.next();
        assert!(!latest.is_latest(first));
        assert!(latest.is_latest(second));
    }
}
