//! The welcome page's clock and date. The date is written in the language
//! the screen is in ("Sonntag, 6. Dezember 2026"), so it changes with the
//! visitor's choice and back with the idle reset, at the next tick.

use std::time::Duration;

use foyer_domain::{long_date, Language};
use slint::{ComponentHandle, Timer, TimerMode};

use super::{AppWindow, KioskAdapter};

/// Shows the time and date now and every second; the timer must be kept.
pub fn start(window: &AppWindow) -> Timer {
    let clock = Timer::default();
    let weak = window.as_weak();
    let tick = move || {
        if let Some(w) = weak.upgrade() {
            show(&w.global::<KioskAdapter>());
        }
    };
    tick();
    clock.start(TimerMode::Repeated, Duration::from_secs(1), tick);
    clock
}

fn show(adapter: &KioskAdapter<'_>) {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    let fmt = time::macros::format_description!("[hour]:[minute]");
    adapter.set_clock(now.format(&fmt).unwrap_or_default().into());
    // The screen's language is always one of the kiosk's (language::wire
    // refuses others); English if it ever were not.
    let lang = Language::parse(&adapter.get_language()).unwrap_or_default();
    adapter.set_date(long_date(now.date(), lang).into());
}
