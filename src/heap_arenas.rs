//! How many malloc arenas the kiosk process may use.
//!
//! glibc gives threads that allocate at the same time arenas of their own,
//! up to eight per core, and memory freed in one arena serves only the
//! threads that allocate from it. The kiosk has a dozen threads that each
//! allocate a little per visit (the UI, the screens' database reader, the
//! link's tokio workers, device pollers, the in-process back office), so
//! its freed memory was spread over arenas that rarely got it back: the
//! soak bench grew about 1.4 MB per 1,000 visits with no sign of stopping.
//! With two arenas the same soak grew 0.1 MB from visit 1,000 to 2,000
//! (one 4 MB step before that is not explained yet). A lobby's few threads
//! rarely allocate at the same moment, so sharing arenas costs little.

/// The arenas a kiosk may use.
pub const KIOSK_ARENAS: i32 = 2;

/// Limits the process to [`KIOSK_ARENAS`] malloc arenas. Call it before
/// the kiosk starts its threads; arenas made before stay. An operator's
/// own `MALLOC_ARENA_MAX` (read by glibc itself) is left as it is.
pub fn limit_for_kiosk() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    set_arena_max(KIOSK_ARENAS);
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn set_arena_max(arenas: i32) {
    // SAFETY: mallopt only changes a malloc tunable; it takes no pointers
    // and is safe to call while other threads allocate.
    let ok = unsafe { libc::mallopt(libc::M_ARENA_MAX, arenas) };
    if ok != 1 {
        tracing::warn!(arenas, "malloc kept its own arena limit (mallopt refused M_ARENA_MAX)");
    }
}

/// Other C libraries (musl) have one heap already.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn set_arena_max(_arenas: i32) {}
