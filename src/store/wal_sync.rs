//! Commits whose fsync happens just after, off the caller's path.
//!
//! A check-in makes two commits: the visit (with its audit entry and outbox
//! event), which must be on disk before the visitor hears "done", and then
//! what the printer and the door did. The second one records facts that have
//! already happened in the lobby; waiting for the disk there only makes the
//! visitor wait a second fsync. So it commits with `synchronous = NORMAL`
//! (in WAL mode: the frames are written, atomically and in order, but not
//! fsynced), and a syncer thread fsyncs the WAL file at once afterwards.
//!
//! What this gives up: a power cut in the fraction of a millisecond between
//! that commit and the syncer's fsync loses the device records (never the
//! visit; WAL recovery drops only whole transactions, so nothing is half
//! written). A killed process loses nothing: the frames are in the OS's
//! page cache. Any later FULL commit syncs them too, since WAL frames are
//! appended in order to one file.

use std::fs::File;
use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Fsyncs one database's WAL file on request, on its own thread.
pub struct WalSyncer {
    // `Option` so that drop can close the channel before joining.
    requests: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
    synced: Arc<AtomicU64>,
}

impl WalSyncer {
    /// Starts the thread for the database file at `db` (its WAL is
    /// `<db>-wal`, SQLite's fixed name).
    pub fn start(db: PathBuf) -> Self {
        let mut wal = db.into_os_string();
        wal.push("-wal");
        let wal = PathBuf::from(wal);
        // One pending request is enough: a sync started after a commit
        // covers every commit before it.
        let (requests, incoming) = sync_channel(1);
        let synced = Arc::new(AtomicU64::new(0));
        let counter = synced.clone();
        let thread = std::thread::Builder::new()
            .name("foyer-wal-sync".into())
            .spawn(move || run(&wal, &incoming, &counter))
            .ok();
        if thread.is_none() {
            tracing::error!("cannot start the WAL sync thread; relaxed commits are synced by the next full one");
        }
        Self { requests: Some(requests), thread, synced }
    }

    /// Asks for an fsync of everything committed so far; returns at once.
    pub fn request(&self) {
        if let Some(requests) = &self.requests {
            match requests.try_send(()) {
                Ok(()) | Err(TrySendError::Full(())) => {}
                Err(TrySendError::Disconnected(())) => tracing::error!("the WAL sync thread is gone"),
            }
        }
    }

    /// How many fsyncs the thread has completed (tests, diagnostics).
    pub fn synced(&self) -> u64 {
        self.synced.load(Ordering::Acquire)
    }
}

impl Drop for WalSyncer {
    /// Closes the channel and waits for the last requested sync.
    fn drop(&mut self) {
        drop(self.requests.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Syncs once per request until every sender is gone.
fn run(wal: &std::path::Path, incoming: &Receiver<()>, synced: &AtomicU64) {
    while incoming.recv().is_ok() {
        // fsync flushes the file's data whichever descriptor wrote it, so
        // a descriptor of our own on SQLite's WAL file is enough.
        match File::open(wal).and_then(|f| f.sync_data()) {
            Ok(()) => {}
            // No WAL: the last connection closed, checkpointed and synced.
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => tracing::error!(wal = %wal.display(), error = %e, "cannot sync the WAL"),
        }
        synced.fetch_add(1, Ordering::Release);
    }
}
