//! Checks of this machine: the data directory, the site key, the database,
//! the clock.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::Check;

/// The data directory exists (or can be made) and is writable, and not by everyone.
pub fn check_data_dir(dir: &Path) -> Check {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return Check::fail("data dir", format!("{}: {e}", dir.display()), "create it and give it to the foyer user");
    }
    let probe = dir.join(".doctor-write-test");
    if let Err(e) = std::fs::write(&probe, b"ok") {
        return Check::fail(
            "data dir",
            format!("{} is not writable: {e}", dir.display()),
            "chown -R foyer:foyer it, and list it in ReadWritePaths= of the systemd unit",
        );
    }
    let _ = std::fs::remove_file(&probe);
    match std::fs::metadata(dir).map(|m| m.permissions().mode()) {
        Ok(mode) if mode & 0o002 != 0 => Check::warn(
            "data dir",
            format!("{} is writable by everyone (mode {:o})", dir.display(), mode & 0o777),
            "chmod 750 it: it holds visitors' personal data",
        ),
        _ => Check::ok("data dir", format!("{} is writable", dir.display())),
    }
}

/// The site key: present, 32 bytes, owner-only.
pub fn check_site_key(path: &Path) -> Check {
    let Ok(meta) = std::fs::metadata(path) else {
        return Check::warn(
            "site key",
            format!("{} does not exist yet", path.display()),
            "it is generated on first start; copy it to every other kiosk of the site",
        );
    };
    if meta.len() != 32 {
        return Check::fail(
            "site key",
            format!("{} is {} bytes, not 32", path.display(), meta.len()),
            "restore it from another kiosk of the site",
        );
    }
    if meta.permissions().mode() & 0o077 != 0 {
        return Check::fail(
            "site key",
            format!("{} is readable by others", path.display()),
            "chmod 600 it: the key can forge badges",
        );
    }
    Check::ok("site key", format!("{} (32 bytes, 0600)", path.display()))
}

/// The database opens, passes SQLite's quick check and has a known schema.
pub fn check_database(path: &Path) -> Check {
    match foyer_kiosk::store::Store::open(path) {
        Ok(store) => match store.conn().query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)) {
            Ok(ok) if ok == "ok" => Check::ok("database", format!("{} opens and passes quick_check", path.display())),
            Ok(problem) => Check::fail("database", problem, "restore the last `foyer backup`"),
            Err(e) => Check::fail("database", e.to_string(), "restore the last `foyer backup`"),
        },
        Err(e) => Check::fail("database", e.to_string(), "check the data dir's owner and free disk space"),
    }
}

/// The clock is plausible: not before this program was written, and not
/// behind the newest visit on record (a clock that jumped back).
pub fn check_clock(db: &Path) -> Check {
    let now = foyer_kiosk::store::now_unix();
    // 2026-01-01: a clock before it was never set (a Pi without RTC or NTP).
    if now < 1_767_225_600 {
        return Check::fail(
            "clock",
            format!("the clock says {}", foyer_kiosk::store::visit_export::rfc3339(now)),
            "enable NTP (timedatectl set-ntp true)",
        );
    }
    let newest = foyer_kiosk::store::Store::open(db).ok().and_then(|s| {
        s.conn().query_row("SELECT max(created_at) FROM visits", [], |r| r.get::<_, Option<i64>>(0)).ok().flatten()
    });
    match newest {
        Some(t) if t > now + 300 => Check::fail(
            "clock",
            format!("the newest visit is from {}, later than now", foyer_kiosk::store::visit_export::rfc3339(t)),
            "the clock went back: enable NTP (timedatectl set-ntp true)",
        ),
        _ => Check::ok("clock", foyer_kiosk::store::visit_export::rfc3339(now)),
    }
}
