//! Staff mode at the kiosk: PIN (with lockout), device status, reprint,
//! door release, on-site list, end-of-day check-out. Every action is audited.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use slint::{ComponentHandle, ModelRc, VecModel};
use uuid::Uuid;

use super::check_out_adapter::visit_items;
use super::context::UiContext;
use super::staff_pin::PinCheck;
use super::worker::off_ui;
use super::{AppWindow, DeviceLine, KioskAdapter, Page, StaffAdapter};
use foyer_domain::DoorReason;
use foyer_kiosk::admission::PrintOutcome;
use foyer_kiosk::door::DoorOutcome;
use foyer_kiosk::{Actor, Kiosk, KioskResult};

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let staff = window.global::<StaffAdapter>();
    staff.set_pin_set(ctx.options.staff_pin_hash.is_some());
    let (weak, c) = (window.as_weak(), ctx.clone());
    staff.on_open_pin(move || {
        let Some(w) = weak.upgrade() else { return };
        super::idle::clear_form(&w, &c);
        c.idle.touch();
        let not_set = c.options.staff_pin_hash.is_none();
        w.global::<StaffAdapter>().set_pin_error(if not_set { "not-set" } else { "" }.into());
        w.global::<KioskAdapter>().set_page(Page::StaffPin);
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    staff.on_pin_entered(move |pin| {
        let Some(w) = weak.upgrade() else { return };
        let check = c.pin.borrow_mut().check(&pin, Instant::now());
        let s = w.global::<StaffAdapter>();
        match check {
            PinCheck::Accepted => {
                c.kiosk.note(&Actor::Staff, "staff.login", serde_json::json!({}));
                s.set_pin_error("".into());
                s.set_notice("".into());
                w.global::<KioskAdapter>().set_page(Page::Staff);
                refresh(&w, &c);
            }
            PinCheck::Wrong { tries_left } => {
                c.kiosk.note(&Actor::Visitor, "staff.pin_wrong", serde_json::json!({ "tries_left": tries_left }));
                s.set_pin_error("wrong".into());
            }
            PinCheck::Locked { remaining } => {
                c.kiosk.note(
                    &Actor::Visitor,
                    "staff.pin_locked",
                    serde_json::json!({ "seconds": remaining.as_secs() }),
                );
                s.set_pin_error("locked".into());
            }
            PinCheck::NotConfigured => s.set_pin_error("not-set".into()),
        }
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    staff.on_reprint_last(move || {
        let Some(w) = weak.upgrade() else { return };
        let Some(id) = c.draft.borrow().last_visit else {
            notice(&w, "no-last-badge", "");
            return;
        };
        let kiosk = c.kiosk.clone();
        act(&w, &c, move || match kiosk.reprint(id, &Actor::Staff) {
            Ok(PrintOutcome::Printed { .. }) => ("reprinted", String::new()),
            Ok(PrintOutcome::Failed { problem }) => ("reprint-failed", problem),
            Err(e) => ("reprint-failed", e.to_string()),
        });
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    staff.on_release_door(move || {
        let Some(w) = weak.upgrade() else { return };
        let kiosk = c.kiosk.clone();
        act(&w, &c, move || match kiosk.release_door(DoorReason::StaffPin, &Actor::Staff) {
            DoorOutcome::Released { seconds } => ("door-released", seconds.to_string()),
            DoorOutcome::Failed { problem } => ("door-failed", problem),
            DoorOutcome::KeptClosed => ("door-failed", String::new()),
        });
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    staff.on_check_out(move |id| {
        let Some(w) = weak.upgrade() else { return };
        let Ok(id) = Uuid::parse_str(&id) else { return };
        let kiosk = c.kiosk.clone();
        act(&w, &c, move || match kiosk.check_out(id, &Actor::Staff) {
            Ok(v) => ("checked-out", v.visitor_name),
            Err(e) => ("check-out-failed", e.to_string()),
        });
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    staff.on_end_of_day(move || {
        let Some(w) = weak.upgrade() else { return };
        let kiosk = c.kiosk.clone();
        act(&w, &c, move || match kiosk.check_out_everyone(&Actor::Staff) {
            Ok(gone) => ("end-of-day", gone.len().to_string()),
            Err(e) => ("end-of-day-failed", e.to_string()),
        });
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    staff.on_leave(move || {
        let Some(w) = weak.upgrade() else { return };
        c.kiosk.note(&Actor::Staff, "staff.logout", serde_json::json!({}));
        super::idle::clear(&w, &c);
    });
}

/// Shows a staff notice: a code the UI words (ui/messages.slint) and its detail.
fn notice(w: &AppWindow, code: &str, detail: &str) {
    let s = w.global::<StaffAdapter>();
    s.set_notice(code.into());
    s.set_notice_detail(detail.into());
}

/// Runs a staff action off the UI thread, then shows its notice and fresh status.
fn act(w: &AppWindow, c: &Rc<UiContext>, work: impl FnOnce() -> (&'static str, String) + Send + 'static) {
    c.idle.touch();
    notice(w, "working", "");
    let c2 = c.clone();
    off_ui(w, work, move |w, (code, detail)| {
        notice(w, code, &detail);
        refresh(w, &c2);
    });
}

/// Reads device status (serial I/O: off the UI thread) and the on-site list
/// (on the reader thread).
fn refresh(w: &AppWindow, c: &Rc<UiContext>) {
    let kiosk = c.kiosk.clone();
    let scanner = c.options.scanner.clone();
    off_ui(
        w,
        move || status_lines(&kiosk, scanner),
        |w, lines| {
            w.global::<StaffAdapter>().set_devices(ModelRc::new(VecModel::from(lines)));
        },
    );
    c.reads.read(
        w,
        |reader| reader.on_site(),
        |w, visits| {
            // Staff may have left meanwhile: the list is not for visitors' eyes.
            if w.global::<KioskAdapter>().get_page() != Page::Staff {
                return;
            }
            match visits {
                Ok(visits) => w.global::<StaffAdapter>().set_on_site(visit_items(&visits)),
                Err(e) => tracing::error!(error = %e, "on-site list failed"),
            }
        },
    );
}

fn status_lines(kiosk: &Arc<Kiosk>, scanner: String) -> Vec<DeviceLine> {
    let printer = kiosk.printer().status();
    let relay = kiosk.relay().state();
    let outbox = kiosk.outbox_length();
    vec![
        DeviceLine {
            name: "printer".into(),
            ok: printer.as_ref().is_ok_and(|s| s.can_print()),
            status: match printer {
                Ok(s) => s.to_string(),
                Err(e) => e.to_string(),
            }
            .into(),
        },
        DeviceLine {
            name: "relay".into(),
            ok: relay.is_ok(),
            status: match relay {
                Ok(s) => format!("{s:?}").to_lowercase(),
                Err(e) => e.to_string(),
            }
            .into(),
        },
        DeviceLine { name: "scanner".into(), ok: true, status: scanner.into() },
        backoffice_line(kiosk),
        outbox_line(outbox, kiosk.outbox_held()),
    ]
}

/// The outbox: fine while it drains; not fine when it backs up or when the
/// back office refused events (held back until an installer retries them).
fn outbox_line(waiting: KioskResult<i64>, held: KioskResult<i64>) -> DeviceLine {
    let (ok, status) = match (waiting, held) {
        (Ok(n), Ok(0)) => (n < 100, format!("{n} events")),
        (Ok(n), Ok(h)) => (false, format!("{n} events, {h} held back")),
        (Err(e), _) | (_, Err(e)) => (false, e.to_string()),
    };
    DeviceLine { name: "outbox".into(), ok, status: status.into() }
}

/// The back-office link: fine while syncs keep answering (every 30 s by
/// default); offline after two minutes of silence. The kiosk works either way.
fn backoffice_line(kiosk: &Kiosk) -> DeviceLine {
    let now = foyer_kiosk::store::now_unix();
    let (ok, status) = match kiosk.last_backoffice_contact() {
        Ok(Some(at)) if now - at <= 120 => (true, format!("in contact ({} s ago)", (now - at).max(0))),
        Ok(Some(at)) => (false, format!("offline since {}", foyer_kiosk::store::visit_export::rfc3339(at))),
        Ok(None) => (false, "not in contact yet".to_owned()),
        Err(e) => (false, e.to_string()),
    };
    DeviceLine { name: "backoffice".into(), ok, status: status.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_held_back_make_the_outbox_line_not_ok() {
        let line = outbox_line(Ok(3), Ok(1));
        assert_eq!((line.ok, line.status.as_str()), (false, "3 events, 1 held back"));
        let line = outbox_line(Ok(3), Ok(0));
        assert_eq!((line.ok, line.status.as_str()), (true, "3 events"));
        assert!(!outbox_line(Ok(150), Ok(0)).ok, "a backlog is not ok either");
    }
}
