//! The done page's line about the host, kept true while the page shows:
//! "We are letting Grace know" while the notice is on its way, "Grace has
//! been told by email" once the back office delivered it, "Reception will
//! let Grace know" when nobody else will. The link learns it
//! (`foyer_kiosk::link::notices`); this only asks, on the UI thread, which
//! costs a mutex and no database.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use slint::{ComponentHandle, Timer, TimerMode};
use uuid::Uuid;

use super::{AppWindow, CheckInAdapter, KioskAdapter, Page};
use foyer_kiosk::notice::HostNotice;
use foyer_kiosk::Kiosk;

/// How often the page asks while the notice is pending.
const REFRESH: Duration = Duration::from_millis(250);

/// The name of a notice in `ui/messages.slint`'s `host-notice`.
pub fn code(notice: HostNotice) -> &'static str {
    match notice {
        HostNotice::Pending => "pending",
        HostNotice::Told(channel) => channel.name(),
        HostNotice::Reception => "reception",
    }
}

/// Shows the notice of `visit_id` and keeps it current until it is final
/// or the done page is left.
pub fn follow(w: &AppWindow, kiosk: &Arc<Kiosk>, timer: &Rc<Timer>, visit_id: Uuid) {
    let notice = kiosk.notices().notice(visit_id);
    w.global::<CheckInAdapter>().set_host_notice(code(notice).into());
    timer.stop();
    if notice.is_final() {
        return;
    }
    let (weak, kiosk, me) = (w.as_weak(), kiosk.clone(), Rc::downgrade(timer));
    timer.start(TimerMode::Repeated, REFRESH, move || {
        let shown = weak.upgrade().filter(|w| w.global::<KioskAdapter>().get_page() == Page::Done).map(|w| {
            let notice = kiosk.notices().notice(visit_id);
            w.global::<CheckInAdapter>().set_host_notice(code(notice).into());
            notice
        });
        // Nothing more to learn, or nobody left to tell.
        if shown.is_none_or(HostNotice::is_final) {
            if let Some(t) = me.upgrade() {
                t.stop();
            }
        }
    });
}
