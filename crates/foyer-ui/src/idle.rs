//! The idle timeout: after a while without a touch every field is cleared,
//! the language goes back to the site's, and the welcome page returns.
//! Also the "cancel" path, which does the same at once.

use std::rc::Rc;
use std::time::Duration;

use slint::{ComponentHandle, Timer, TimerMode};

use super::context::UiContext;
use super::{AppWindow, CheckInAdapter, CheckOutAdapter, InvitationAdapter, KioskAdapter, Page, StaffAdapter};

/// A single-shot timer restarted by every interaction.
pub struct IdleReset {
    timer: Timer,
    timeout: Duration,
    window: slint::Weak<AppWindow>,
}

impl IdleReset {
    pub fn new(window: &AppWindow, timeout: Duration) -> Self {
        Self { timer: Timer::default(), timeout, window: window.as_weak() }
    }

    /// Restarts the countdown (any touch or key).
    pub fn touch(&self) {
        let weak = self.window.clone();
        self.timer.start(TimerMode::SingleShot, self.timeout, move || {
            if let Some(w) = weak.upgrade() {
                if w.global::<KioskAdapter>().get_page() != Page::Welcome {
                    w.global::<KioskAdapter>().invoke_cancel();
                }
            }
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
