//! The idle timeout: after a while without a touch, and ten seconds of a
//! visible countdown, every field is cleared, the language goes back to
//! the site's, and the welcome page returns; a kiosk left on the welcome
//! page in a visitor's language returns to the site's. Also the "cancel"
//! path, which does the same at once.

use std::rc::Rc;
use std::time::Duration;

use slint::{ComponentHandle, Timer, TimerMode};

use super::context::UiContext;
use super::{AppWindow, CheckInAdapter, CheckOutAdapter, InvitationAdapter, KioskAdapter, Page, StaffAdapter};

/// How long before the reset a countdown shows ("Still there?").
pub const WARNING: Duration = Duration::from_secs(10);

/// The idle reset, restarted by every interaction: a warning with a
/// countdown in its last [`WARNING`], then the welcome page (or, on the
/// welcome page, the site's language again).
pub struct IdleReset {
    reset: Timer,
    warn: Timer,
    tick: Rc<Timer>,
    timeout: Duration,
    default_language: String,
    window: slint::Weak<AppWindow>,
}

impl IdleReset {
    pub fn new(window: &AppWindow, timeout: Duration, default_language: &str) -> Self {
        Self {
            reset: Timer::default(),
            warn: Timer::default(),
            tick: Rc::new(Timer::default()),
            timeout,
            default_language: default_language.to_owned(),
            window: window.as_weak(),
        }
    }

    /// Restarts the countdown (any touch or key) and hides the warning.
    pub fn touch(&self) {
        self.tick.stop();
        if let Some(w) = self.window.upgrade() {
            w.global::<KioskAdapter>().set_idle_warning(0);
        }
        let (weak, tick, language) = (self.window.clone(), self.tick.clone(), self.default_language.clone());
        self.reset.start(TimerMode::SingleShot, self.timeout, move || {
            tick.stop();
            let Some(w) = weak.upgrade() else { return };
            let adapter = w.global::<KioskAdapter>();
            adapter.set_idle_warning(0);
            if adapter.get_page() != Page::Welcome {
                adapter.invoke_cancel();
            } else if adapter.get_language() != language.as_str() {
                // A visitor picked a language and walked away.
                adapter.set_language(language.as_str().into());
                super::language::select(&language);
            }
        });
        let Some(lead) = self.timeout.checked_sub(WARNING).filter(|l| !l.is_zero()) else { return };
        let (weak, tick) = (self.window.clone(), self.tick.clone());
        self.warn.start(TimerMode::SingleShot, lead, move || {
            let Some(w) = weak.upgrade() else { return };
            if w.global::<KioskAdapter>().get_page() == Page::Welcome {
                return;
            }
            w.global::<KioskAdapter>().set_idle_warning(WARNING.as_secs() as i32);
            let weak = weak.clone();
            tick.start(TimerMode::Repeated, Duration::from_secs(1), move || {
                if let Some(w) = weak.upgrade() {
                    let a = w.global::<KioskAdapter>();
                    a.set_idle_warning((a.get_idle_warning() - 1).max(1));
                }
            });
        });
    }
}

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let adapter = window.global::<KioskAdapter>();
    let c = ctx.clone();
    adapter.on_activity(move || c.idle.touch());
    let c = ctx.clone();
    let weak = window.as_weak();
    adapter.on_cancel(move || {
        if let Some(w) = weak.upgrade() {
            clear(&w, &c);
        }
    });
}

/// Clears every field, restores the site's language and returns to
/// welcome: nothing of the last visitor stays on screen.
pub fn clear(window: &AppWindow, ctx: &UiContext) {
    clear_form(window, ctx);
    let adapter = window.global::<KioskAdapter>();
    adapter.set_language(ctx.options.default_language.clone().into());
    super::language::select(&ctx.options.default_language);
    adapter.set_page(Page::Welcome);
}

/// Clears every field a visitor could have filled (keeps the language: a
/// new flow starts in the language the visitor just picked).
pub fn clear_form(window: &AppWindow, ctx: &UiContext) {
    ctx.draft.borrow_mut().clear();
    // Answers still on their way are for the visitor who just left.
    ctx.host_searches.next();
    ctx.visit_searches.next();
    let ci = window.global::<CheckInAdapter>();
    for set in
        [CheckInAdapter::set_name, CheckInAdapter::set_company, CheckInAdapter::set_email, CheckInAdapter::set_phone]
    {
        set(&ci, "".into());
    }
    for set in [
        CheckInAdapter::set_name_error,
        CheckInAdapter::set_company_error,
        CheckInAdapter::set_email_error,
        CheckInAdapter::set_phone_error,
        CheckInAdapter::set_name_missing,
        CheckInAdapter::set_company_missing,
        CheckInAdapter::set_host_query,
        CheckInAdapter::set_host_hint,
        CheckInAdapter::set_host_name,
    ] {
        set(&ci, "".into());
    }
    ci.set_active_field(0);
    ci.set_hosts(Default::default());
    ci.set_badge_preview(Default::default());
    ci.set_door_open(false);
    ci.set_agreement_version(0);
    ci.set_agreement_fell_back(false);
    let inv = window.global::<InvitationAdapter>();
    for set in [
        InvitationAdapter::set_code,
        InvitationAdapter::set_error,
        InvitationAdapter::set_visitor_name,
        InvitationAdapter::set_company,
        InvitationAdapter::set_host_name,
    ] {
        set(&inv, "".into());
    }
    let co = window.global::<CheckOutAdapter>();
    co.set_query("".into());
    co.set_error("".into());
    co.set_goodbye_name("".into());
    co.set_matches(Default::default());
    let staff = window.global::<StaffAdapter>();
    staff.set_pin("".into());
    staff.set_notice("".into());
    staff.set_notice_detail("".into());
    staff.set_on_site(Default::default());
    window.global::<KioskAdapter>().set_trouble("".into());
}
