//! Login throttling by progressive delay, not lock-out: after a few wrong
//! passwords the next attempt must wait, and each further failure doubles
//! the wait, up to a cap. Failures are counted three ways, each with its own
//! rule ([`RULES`]): per name and address (one guesser at one account), per
//! address (a flood of random names from one client), and per name from
//! anywhere (many addresses at one account, with a short cap so the real
//! user, from their own address, waits a minute at most). Counted by the
//! name typed, known or not, so the throttle does not tell which names
//! exist. An admin can clear a name's count ([`clear`]).

use rusqlite::{params, Connection};

use super::{now_unix, DbError};
use crate::limits::{capped, MAX_LOGGED_NAME_CHARS};

/// Failures older than this are forgotten.
pub const WINDOW_SECS: i64 = 15 * 60;

/// How one way of counting turns failures into a wait.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// What is counted.
    pub by: By,
    /// Failures allowed before any wait.
    pub free: i64,
    /// The longest wait, in seconds.
    pub cap_secs: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    NameAndAddress,
    Address,
    Name,
}

pub const RULES: [Rule; 3] = [
    Rule { by: By::NameAndAddress, free: 3, cap_secs: WINDOW_SECS },
    Rule { by: By::Address, free: 10, cap_secs: WINDOW_SECS },
    Rule { by: By::Name, free: 10, cap_secs: 60 },
];

impl Rule {
    /// The wait after `failures` failures: none up to `free`, then 1 s,
    /// 2 s, 4 s … up to the cap.
    pub fn delay_secs(&self, failures: i64) -> i64 {
        if failures < self.free {
            return 0;
        }
        let doublings = (failures - self.free).min(30) as u32;
        (1i64 << doublings).min(self.cap_secs)
    }
}

/// The name as counted: trimmed, case-folded and capped, so ` RITA ` is
/// `rita` and a huge typed name is not stored whole.
fn key(name: &str) -> String {
    capped(&name.trim().to_lowercase(), MAX_LOGGED_NAME_CHARS).into_owned()
}

fn failures(conn: &Connection, rule: &Rule, name: &str, addr: &str, now: i64) -> Result<(i64, i64), DbError> {
    let since = now - WINDOW_SECS;
    let (sql, name, addr) = match rule.by {
        By::NameAndAddress => ("WHERE name = ?1 AND addr = ?2 AND at > ?3", Some(name), Some(addr)),
        By::Address => ("WHERE ?1 IS NULL AND addr = ?2 AND at > ?3", None, Some(addr)),
        By::Name => ("WHERE name = ?1 AND ?2 IS NULL AND at > ?3", Some(name), None),
    };
    let sql = format!("SELECT count(*), coalesce(max(at), 0) FROM login_failures {sql}");
    Ok(conn.prepare_cached(&sql)?.query_row(params![name, addr, since], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Seconds `name` must wait before trying again from `addr` (0: now).
pub fn wait_secs(conn: &Connection, name: &str, addr: &str) -> Result<i64, DbError> {
    let (name, now) = (key(name), now_unix());
    let mut wait = 0;
    for rule in &RULES {
        let (count, last) = failures(conn, rule, &name, addr, now)?;
        wait = wait.max(last + rule.delay_secs(count) - now);
    }
    Ok(wait.max(0))
}

/// Records a failed attempt, forgets those older than the window, and
/// returns the wait it causes.
pub fn failed(conn: &Connection, name: &str, addr: &str) -> Result<i64, DbError> {
    let now = now_unix();
    conn.prepare_cached("DELETE FROM login_failures WHERE at <= ?1")?.execute([now - WINDOW_SECS])?;
    conn.prepare_cached("INSERT INTO login_failures (name, addr, at) VALUES (?1, ?2, ?3)")?.execute(params![
        key(name),
        addr,
        now
    ])?;
    wait_secs(conn, name, addr)
}

/// A successful login clears the name's count, from every address.
pub fn succeeded(conn: &Connection, name: &str) -> Result<(), DbError> {
    clear(conn, name).map(|_| ())
}

/// An admin clears a name's count; returns how many failures it held.
pub fn clear(conn: &Connection, name: &str) -> Result<usize, DbError> {
    Ok(conn.execute("DELETE FROM login_failures WHERE name = ?1", [key(name)])?)
}

/// Recent failures of `name` from any address, for the admin's users page.
pub fn recent_failures(conn: &Connection, name: &str) -> Result<i64, DbError> {
    let rule = Rule { by: By::Name, free: 0, cap_secs: 0 };
    Ok(failures(conn, &rule, &key(name), "", now_unix())?.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        (dir, db)
    }

    #[test]
    fn the_wait_doubles_after_the_free_failures_up_to_the_cap() {
        let pair = RULES[0];
        assert_eq!((0..=3).map(|n| pair.delay_secs(n)).collect::<Vec<_>>(), [0, 0, 0, 1]);
        assert_eq!(pair.delay_secs(6), 8);
        assert_eq!(pair.delay_secs(60), WINDOW_SECS);
        assert_eq!(RULES[2].delay_secs(1000), 60, "the real user waits a minute at most");
    }

    #[test]
    fn a_guesser_is_delayed_but_the_real_user_from_another_address_is_not() {
        let (_dir, db) = db();
        db.with(|c| {
            for _ in 0..3 {
                assert_eq!(wait_secs(c, "rita", "203.0.113.7")?, 0);
                failed(c, "rita", "203.0.113.7")?;
            }
            assert!(wait_secs(c, " RITA ", "203.0.113.7")? >= 1, "case and spaces do not matter");
            assert_eq!(wait_secs(c, "rita", "198.51.100.2")?, 0, "rita's own address is not delayed");
            assert_eq!(wait_secs(c, "bo", "203.0.113.7")?, 0, "another name from that address is not");
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn random_names_from_one_address_delay_that_address() {
        let (_dir, db) = db();
        db.with(|c| {
            for i in 0..10 {
                failed(c, &format!("random-{i}"), "203.0.113.7")?;
            }
            assert!(wait_secs(c, "random-99", "203.0.113.7")? >= 1);
            assert_eq!(wait_secs(c, "random-99", "198.51.100.2")?, 0);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn old_failures_are_forgotten_and_an_admin_or_a_success_clears_the_rest() {
        let (_dir, db) = db();
        db.with(|c| {
            for _ in 0..5 {
                failed(c, "Ana", "a")?;
            }
            assert_eq!(recent_failures(c, "ana")?, 5);
            c.execute("UPDATE login_failures SET at = at - ?1", [WINDOW_SECS])?;
            assert_eq!(wait_secs(c, "ana", "a")?, 0, "the window has passed");
            for _ in 0..5 {
                failed(c, "Ana", "a")?;
            }
            assert_eq!(clear(c, "ANA")?, 5, "the old rows were pruned by the new failures");
            assert_eq!(wait_secs(c, "ana", "a")?, 0);
            failed(c, "ana", "b")?;
            succeeded(c, "ana")?;
            assert_eq!(recent_failures(c, "ana")?, 0);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_huge_typed_name_is_stored_capped() {
        let (_dir, db) = db();
        db.with(|c| {
            failed(c, &"x".repeat(100_000), "a")?;
            let len: i64 = c.query_row("SELECT max(length(name)) FROM login_failures", [], |r| r.get(0))?;
            assert!(len < 200, "{len}");
            Ok(())
        })
        .unwrap();
    }
}
