//! Commits whose fsync happens soon after, off the caller's path.
//!
//! A check-in makes two commits: the visit (with its audit entry and outbox
//! event), which must be on disk before the visitor hears "done", and then
//! what the printer and the door did. The second one records facts that have
//! already happened in the lobby; waiting for the disk there only makes the
//! visitor wait a second fsync. So it commits with `synchronous = NORMAL`
//! (in WAL mode: the frames are written, atomically and in order, but not
//! fsynced), and a syncer thread fsyncs the WAL file soon afterwards.
//!
//! The thread waits [`COALESCE`] after a request before it syncs, so a
//! burst of records shares one fsync, and that fsync does not queue in front
//! of the next visitor's own commit.
//!
//! What this gives up: a power cut in the 50 ms between that commit and the
//! syncer's fsync loses the device records (never the visit; WAL recovery
//! drops only whole transactions, so nothing is half written). A killed
//! process loses nothing: the frames are in the OS's page cache. Any later
//! FULL commit syncs them too, since WAL frames are appended in order to one
//! file.

use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a request waits for more before the fsync. Device records come
/// in twos and threes (badge, door, alarm), and in a rush of visitors the
/// next check-in commits within a millisecond: its own fsync should not
/// queue behind ours, and one fsync covers every commit before it.
pub const COALESCE: Duration = Duration::from_millis(50);

/// What the caller and the thread share.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    synced: AtomicU64,
}

#[derive(Default)]
struct State {
    /// A commit since the last fsync began.
    pending: bool,
    /// The store is closing: sync what is pending now and stop.
    closing: bool,
}

/// Fsyncs one database's WAL file on request, on its own thread.
pub struct WalSyncer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl WalSyncer {
    /// Starts the thread for the database file at `db` (its WAL is
    /// `<db>-wal`, SQLite's fixed name).
    pub fn start(db: PathBuf) -> Self {
        let mut wal = db.into_os_string();
        wal.push("-wal");
        let wal = PathBuf::from(wal);
        let shared = Arc::new(Shared::default());
        let theirs = shared.clone();
        let thread = std::thread::Builder::new().name("foyer-wal-sync".into()).spawn(move || run(&wal, &theirs)).ok();
        if thread.is_none() {
            tracing::error!("cannot start the WAL sync thread; relaxed commits are synced by the next full one");
        }
        Self { shared, thread }
    }

    /// Asks for an fsync of everything committed so far; returns at once.
    /// Wakes the thread only when it is idle: within a window, the fsync
    /// to come covers this commit too.
    pub fn request(&self) {
        let mut state = lock(&self.shared.state);
        if !state.pending {
            state.pending = true;
            self.shared.wake.notify_one();
        }
    }

    /// How many fsyncs the thread has completed (tests, diagnostics).
    pub fn synced(&self) -> u64 {
        self.shared.synced.load(Ordering::Acquire)
    }
}

impl Drop for WalSyncer {
    /// Syncs what is pending at once and waits for the thread.
    fn drop(&mut self) {
        lock(&self.shared.state).closing = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A poisoned lock only means a panic elsewhere; the two flags stay valid.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Syncs once per burst of requests until the store closes.
fn run(wal: &Path, shared: &Shared) {
    let mut state = lock(&shared.state);
    loop {
        while !state.pending && !state.closing {
            state = shared.wake.wait(state).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if !state.pending {
            return; // closing with nothing to sync
        }
        let until = Instant::now() + COALESCE;
        while !state.closing {
            let Some(left) = until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) else { break };
            state = shared.wake.wait_timeout(state, left).unwrap_or_else(std::sync::PoisonError::into_inner).0;
        }
        // Cleared before the fsync: a commit that lands during it asks again.
        state.pending = false;
        drop(state);
        sync(wal);
        shared.synced.fetch_add(1, Ordering::Release);
        state = lock(&shared.state);
    }
}

fn sync(wal: &Path) {
    // fsync flushes the file's data whichever descriptor wrote it, so a
    // descriptor of our own on SQLite's WAL file is enough.
    match File::open(wal).and_then(|f| f.sync_data()) {
        Ok(()) => {}
        // No WAL: the last connection closed, checkpointed and synced.
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => tracing::error!(wal = %wal.display(), error = %e, "cannot sync the WAL"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_the_store_syncs_a_pending_request_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        std::fs::write(dir.path().join("k.db-wal"), b"frames").unwrap();
        let syncer = WalSyncer::start(db);
        let shared = syncer.shared.clone();
        syncer.request();
        drop(syncer); // joins the thread: the sync has happened by now
        assert_eq!(shared.synced.load(Ordering::Acquire), 1);
    }

    #[test]
    fn closing_with_nothing_pending_syncs_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let syncer = WalSyncer::start(dir.path().join("k.db"));
        let shared = syncer.shared.clone();
        drop(syncer);
        assert_eq!(shared.synced.load(Ordering::Acquire), 0);
    }
}
