//! Where login passwords are checked. argon2 costs tens of milliseconds of
//! CPU on purpose, so a login flood must not be able to take every core or
//! the database lock: checks run on the blocking pool, outside the lock,
//! and at most [`PasswordGate::permits`] at once (half the cores, at least
//! one). An attempt that cannot get a turn within a short wait is refused
//! as busy (429) rather than queued without end.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::db::users;

/// How long an attempt waits for a turn before it is refused as busy.
pub const TURN_WAIT: Duration = Duration::from_secs(2);

/// The bound on concurrent password checks.
#[derive(Debug, Clone)]
pub struct PasswordGate {
    turns: Arc<Semaphore>,
    permits: usize,
    wait: Duration,
}

/// No turn came in time: too many logins at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

impl Default for PasswordGate {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::new((cores / 2).max(1), TURN_WAIT)
    }
}

impl PasswordGate {
    pub fn new(permits: usize, wait: Duration) -> Self {
        Self { turns: Arc::new(Semaphore::new(permits)), permits, wait }
    }

    pub fn permits(&self) -> usize {
        self.permits
    }

    /// Whether `password` matches `hash` (`None`: an unknown name, checked
    /// against a decoy so it takes as long), or [`Busy`].
    pub async fn check(&self, hash: Option<String>, password: String) -> Result<bool, Busy> {
        let turn = tokio::time::timeout(self.wait, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        let checked = tokio::task::spawn_blocking(move || {
            let _turn = turn;
            users::password_matches(hash.as_deref(), &password)
        })
        .await;
        // A panic in argon2 is a failed check, not a crash of the service.
        Ok(checked.unwrap_or(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_check_waits_for_a_turn_and_is_refused_as_busy_when_none_comes() {
        let gate = PasswordGate::new(1, Duration::from_millis(50));
        let hash = users::hash_password("correct horse battery").unwrap();
        assert_eq!(gate.check(Some(hash.clone()), "correct horse battery".into()).await, Ok(true));
        assert_eq!(gate.check(Some(hash.clone()), "wrong".into()).await, Ok(false));
        assert_eq!(gate.check(None, "decoy-password-never-valid".into()).await, Ok(false), "the decoy never matches");
        let held = gate.turns.clone().acquire_owned().await.unwrap();
        assert_eq!(gate.check(Some(hash.clone()), "correct horse battery".into()).await, Err(Busy));
        drop(held);
        assert_eq!(gate.check(Some(hash), "correct horse battery".into()).await, Ok(true), "the turn is free again");
    }

    #[test]
    fn at_least_one_check_may_run() {
        assert!(PasswordGate::default().permits() >= 1);
    }
}
