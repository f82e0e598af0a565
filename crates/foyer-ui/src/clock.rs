//! The welcome page's clock and date. The date is written in the language
//! the screen is in ("Sonntag, 6. Dezember 2026"), so it changes with the
//! visitor's choice and back with the idle reset, at the next tick.

use std::time::Duration;

use foyer_domain::long_date;
use slint::{ComponentHandle, Timer, TimerMode};

use super::{AppWindow, KioskAdapter};

/// Shows the time and date now and every second; the timer must be kept.
pub fn start(window: &AppWindow) -> Timer {
    let clock = Timer::default();
    let weak = window.as_weak();
    let tick = move || {
        if let Some(w) = weak.upgrade() {
            show(&w);
        }
    };
    tick();
    clock.start(TimerMode::Repeated, Duration::from_secs(1), tick);
    clock
}

fn show(window: &AppWindow) {
    let adapter = window.global::<KioskAdapter>();
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    let fmt = time::macros::format_description!("[hour]:[minute]");
    adapter.set_clock(now.format(&fmt).unwrap_or_default().into());
    adapter.set_date(long_date(now.date(), super::language::current(window)).into());
}
