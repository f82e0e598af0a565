//! Slow work (printing, the relay, the database) off the UI thread.

use std::sync::atomic::{AtomicBool, Ordering};

use slint::ComponentHandle;

use super::AppWindow;

static INLINE: AtomicBool = AtomicBool::new(false);

/// Runs worker jobs on the calling thread instead. For UI tests on
/// Slint's testing backend without an event loop, which cannot receive a
/// result posted from another thread; the threaded path has its own test
/// with a real event loop (tests/ui_event_loop.rs).
pub fn run_inline(inline: bool) {
    INLINE.store(inline, Ordering::SeqCst);
}

/// Whether worker jobs run on the calling thread (see [`run_inline`]).
pub(crate) fn is_inline() -> bool {
    INLINE.load(Ordering::SeqCst)
}

/// Runs `work` on a new thread, then `done` with its result on the UI
/// thread (as a task of the event loop, so `done` may hold UI-thread
/// state), if the window still exists. The window is held weakly: a window
/// closed meanwhile simply gets no answer.
pub fn off_ui<T: Send + 'static>(
    window: &AppWindow,
    work: impl FnOnce() -> T + Send + 'static,
    done: impl FnOnce(&AppWindow, T) + 'static,
) {
    if is_inline() {
        let result = work();
        done(window, result);
        return;
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        // The receiver is gone only if the event loop ended; nothing to tell.
        let _ = tx.send(work());
    });
    let weak = window.as_weak();
    let spawned = slint::spawn_local(async move {
        let Ok(result) = rx.await else { return };
        if let Some(w) = weak.upgrade() {
            done(&w, result);
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "no event loop to report a result to");
    }
}
