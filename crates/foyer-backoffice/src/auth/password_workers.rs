//! The threads that run argon2 for logins, at a lower CPU priority than the
//! rest of the service. A check costs tens of milliseconds of CPU on
//! purpose; when logins flood in from addresses the throttle has not seen
//! (a botnet behind the trusted proxy), the bound on concurrent checks
//! still lets them take a core. At nice [`NICE`] the scheduler gives that
//! core to event intake and page loads whenever they want it, and logins
//! get what is left: a real user waits a little longer under attack, the
//! kiosks do not.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

use tokio::sync::{oneshot, OwnedSemaphorePermit};

use crate::db::users;

/// The workers' nice value: at 10 a busy thread of nice 0 gets about ten
/// times the CPU time of a worker.
pub const NICE: i32 = 10;

/// A check and the turn it holds: the worker gives the turn back when the
/// check is done, even if whoever asked has gone away meanwhile.
type Job = (Option<String>, String, oneshot::Sender<bool>, Option<OwnedSemaphorePermit>);

/// A fixed set of password-check threads; they end when the last handle
/// is dropped.
#[derive(Debug, Clone)]
pub struct PasswordWorkers {
    jobs: Sender<Job>,
}

impl PasswordWorkers {
    /// Starts `threads` workers at nice `nice` (0: the service's own).
    pub fn start(threads: usize, nice: i32) -> Self {
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..threads.max(1) {
            let queue = queue.clone();
            let spawned =
                std::thread::Builder::new().name(format!("foyer-login-{i}")).spawn(move || work(&queue, nice));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password-check thread");
            }
        }
        Self { jobs }
    }

    /// Whether `password` matches `hash` (`None`: an unknown name, checked
    /// against a decoy). A worker that is gone or panicked is a failed check.
    /// `turn` is held until the check has run.
    pub async fn check(&self, hash: Option<String>, password: String, turn: Option<OwnedSemaphorePermit>) -> bool {
        let (reply, answer) = oneshot::channel();
        if self.jobs.send((hash, password, reply, turn)).is_err() {
            return false;
        }
        answer.await.unwrap_or(false)
    }
}

fn work(queue: &Mutex<Receiver<Job>>, nice: i32) {
    lower_priority(nice);
    loop {
        // The lock is held only while waiting for the next job.
        let job = match queue.lock() {
            Ok(q) => q.recv(),
            Err(_) => return,
        };
        let Ok((hash, password, reply, turn)) = job else { return };
        let matched = std::panic::catch_unwind(|| users::password_matches(hash.as_deref(), &password));
        drop(turn);
        let _ = reply.send(matched.unwrap_or(false));
    }
}

/// Sets the calling thread's nice value (on Linux the nice value is a
/// thread's, not the whole process's). Raising it needs no privilege.
fn lower_priority(nice: i32) {
    if nice == 0 {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take plain integers and touch no
        // memory of ours.
        let done = unsafe { libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, nice) };
        if done != 0 {
            tracing::warn!(error = %std::io::Error::last_os_error(), "password checks run at normal priority");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nice value of this process's thread called `name`, from /proc.
    fn nice_of(name: &str) -> Option<i32> {
        for task in std::fs::read_dir("/proc/self/task").ok()? {
            let path = task.ok()?.path();
            if std::fs::read_to_string(path.join("comm")).ok()?.trim() == name {
                let stat = std::fs::read_to_string(path.join("stat")).ok()?;
                // Field 19 is the nice value; the name in parentheses may hold spaces.
                let after_name = &stat[stat.rfind(')')? + 2..];
                return after_name.split(' ').nth(16)?.parse().ok();
            }
        }
        None
    }

    #[tokio::test]
    async fn checks_run_on_threads_of_lower_priority_and_give_the_right_answers() {
        let workers = PasswordWorkers::start(1, NICE);
        let hash = users::hash_password("correct horse battery").unwrap();
        assert!(workers.check(Some(hash.clone()), "correct horse battery".into(), None).await);
        assert!(!workers.check(Some(hash), "wrong".into(), None).await);
        assert!(!workers.check(None, "decoy-password-never-valid".into(), None).await);
        if cfg!(target_os = "linux") {
            assert_eq!(nice_of("foyer-login-0"), Some(NICE));
        }
    }
}
