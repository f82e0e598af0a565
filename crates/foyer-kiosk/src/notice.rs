//! What the done page may say about the host: the notice of each recent
//! arrival as the link learns it. The check-in watches its visit; the link's
//! notice task follows the back office's deliveries for it; the UI asks.
//! Without a link, or while the back office cannot be reached, the honest
//! answer is that reception will tell the host.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::Notify;
use uuid::Uuid;

pub use foyer_wire::{Channel, HostNotice};

/// How long an arrival's notice is followed: the done page is long gone
/// after this, and a notice still queued then stays so in the desk's view.
pub const FOLLOW_FOR: Duration = Duration::from_secs(120);
/// Arrivals remembered at once; a lobby has a few in a minute, not more.
const REMEMBERED: usize = 16;

/// The forwarder's last word about the back office.
const UNKNOWN: u8 = 0;
const REACHABLE: u8 = 1;
const UNREACHABLE: u8 = 2;

/// The notices of recent arrivals, shared by the check-in, the link and
/// the UI. Bounded: the oldest is forgotten first.
pub struct NoticeBoard {
    linked: AtomicBool,
    reachable: AtomicU8,
    recent: Mutex<VecDeque<Followed>>,
    wake: Notify,
}

impl Default for NoticeBoard {
    fn default() -> Self {
        Self {
            linked: AtomicBool::new(false),
            reachable: AtomicU8::new(UNKNOWN),
            recent: Mutex::new(VecDeque::with_capacity(REMEMBERED)),
            wake: Notify::new(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Followed {
    visit_id: Uuid,
    since: Instant,
    notice: HostNotice,
}

impl NoticeBoard {
    /// Whether a link to a back office runs (set by `link::run_link`).
    pub fn set_linked(&self, linked: bool) {
        self.linked.store(linked, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// Whether a link runs.
    pub fn is_linked(&self) -> bool {
        self.linked.load(Ordering::SeqCst)
    }

    /// What the forwarder's last request to the back office showed.
    pub fn set_reachable(&self, reachable: bool) {
        self.reachable.store(if reachable { REACHABLE } else { UNREACHABLE }, Ordering::SeqCst);
    }

    /// Starts following the notice of an arrival just recorded.
    pub fn follow(&self, visit_id: Uuid) {
        let mut recent = self.lock();
        recent.retain(|f| f.visit_id != visit_id);
        if recent.len() == REMEMBERED {
            recent.pop_front();
        }
        recent.push_back(Followed { visit_id, since: Instant::now(), notice: HostNotice::Pending });
        drop(recent);
        self.wake.notify_one();
    }

    /// Records what the back office's deliveries now say.
    pub fn set(&self, visit_id: Uuid, notice: HostNotice) {
        if let Some(f) = self.lock().iter_mut().find(|f| f.visit_id == visit_id) {
            f.notice = notice;
        }
    }

    /// What the visitor of `visit_id` may be told now.
    pub fn notice(&self, visit_id: Uuid) -> HostNotice {
        if !self.is_linked() {
            return HostNotice::Reception;
        }
        let known = self.lock().iter().find(|f| f.visit_id == visit_id).map(|f| f.notice);
        match known {
            Some(HostNotice::Pending) if self.reachable.load(Ordering::SeqCst) == UNREACHABLE => HostNotice::Reception,
            Some(notice) => notice,
            None => HostNotice::Reception,
        }
    }

    /// The arrivals whose notice is still pending and followed.
    pub fn open(&self) -> Vec<Uuid> {
        let now = Instant::now();
        let recent = self.lock();
        let open = recent.iter().filter(|f| f.notice == HostNotice::Pending && now - f.since < FOLLOW_FOR);
        open.map(|f| f.visit_id).collect()
    }

    /// Waits until an arrival is followed (or the link starts or stops).
    pub async fn woken(&self) {
        self.wake.notified().await
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Followed>> {
        self.recent.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_link_reception_tells_the_host() {
        let board = NoticeBoard::default();
        let v = Uuid::new_v4();
        board.follow(v);
        assert_eq!(board.notice(v), HostNotice::Reception);
    }

    #[test]
    fn a_followed_arrival_is_pending_until_the_link_knows_more() {
        let board = NoticeBoard::default();
        board.set_linked(true);
        let v = Uuid::new_v4();
        board.follow(v);
        assert_eq!(board.notice(v), HostNotice::Pending);
        assert_eq!(board.open(), [v]);
        board.set(v, HostNotice::Told(Channel::Email));
        assert_eq!(board.notice(v), HostNotice::Told(Channel::Email));
        assert!(board.open().is_empty(), "a final notice is no longer followed");
    }

    #[test]
    fn an_unreachable_back_office_means_reception_while_pending() {
        let board = NoticeBoard::default();
        board.set_linked(true);
        let (pending, told) = (Uuid::new_v4(), Uuid::new_v4());
        board.follow(pending);
        board.follow(told);
        board.set(told, HostNotice::Told(Channel::Slack));
        board.set_reachable(false);
        assert_eq!(board.notice(pending), HostNotice::Reception);
        assert_eq!(board.notice(told), HostNotice::Told(Channel::Slack), "what was delivered stays true");
        board.set_reachable(true);
        assert_eq!(board.notice(pending), HostNotice::Pending);
    }

    #[test]
    fn the_board_forgets_the_oldest_first() {
        let board = NoticeBoard::default();
        board.set_linked(true);
        let visits: Vec<Uuid> = (0..REMEMBERED + 1).map(|_| Uuid::new_v4()).collect();
        visits.iter().for_each(|v| board.follow(*v));
        assert_eq!(board.notice(visits[0]), HostNotice::Reception, "forgotten");
        assert_eq!(board.notice(visits[REMEMBERED]), HostNotice::Pending);
        assert_eq!(board.open().len(), REMEMBERED);
    }
}
