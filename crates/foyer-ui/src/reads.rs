//! The screens' reads (host type-ahead, the agreement, the on-site list) on
//! a thread of their own, through a read-only connection that thread owns.
//!
//! They never go through the store's mutex: the outbox forwarder and
//! commits that wait for the disk hold it, and a read behind it would
//! freeze the screen for as long. SQLite's WAL lets this connection read
//! the last commit while they write. One thread, so reads run in the order
//! asked; answers come back as tasks of the event loop.

use std::sync::mpsc;

use slint::ComponentHandle;

use super::AppWindow;
use foyer_kiosk::store::Reader;

type Job = Box<dyn FnOnce(&Reader) + Send>;

/// The thread that reads for the screens.
pub struct ScreenReads {
    jobs: mpsc::Sender<Job>,
}

impl ScreenReads {
    /// Starts the reader thread; it ends when this is dropped.
    pub fn start(reader: Reader) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new().name("foyer-ui-reads".into()).spawn(move || {
            for job in queue {
                job(&reader);
            }
        })?;
        Ok(Self { jobs })
    }

    /// Runs `read` on the reader thread, then `show` with its answer on the
    /// UI thread, if the window still exists. The window is held weakly
    /// meanwhile. `show` must check that its answer is still wanted: the
    /// visitor may have moved on while the read ran.
    pub fn read<T: Send + 'static>(
        &self,
        window: &AppWindow,
        read: impl FnOnce(&Reader) -> T + Send + 'static,
        show: impl FnOnce(&AppWindow, T) + Send + 'static,
    ) {
        if super::worker::is_inline() {
            // Tests without an event loop: wait for the answer here.
            let (tx, rx) = mpsc::sync_channel(1);
            self.post(Box::new(move |r: &Reader| {
                let _ = tx.send(read(r));
            }));
            match rx.recv() {
                Ok(answer) => show(window, answer),
                Err(_) => tracing::error!("the reader thread is gone"),
            }
            return;
        }
        let weak = window.as_weak();
        self.post(Box::new(move |r: &Reader| {
            let answer = read(r);
            // An error means the event loop has ended: nobody to show it to.
            let _ = weak.upgrade_in_event_loop(move |w| show(&w, answer));
        }));
    }

    fn post(&self, job: Job) {
        if self.jobs.send(job).is_err() {
            tracing::error!("the reader thread is gone; the screen gets no answer");
        }
    }
}
