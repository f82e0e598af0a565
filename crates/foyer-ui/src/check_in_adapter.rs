//! Walk-in check-in: type, details, host, agreement, review, print.

use std::rc::Rc;

use slint::ComponentHandle;
use uuid::Uuid;

use super::codes::erase_last;
use super::context::UiContext;
use super::worker::off_ui;
use super::{AppWindow, CheckInAdapter, HostItem, KioskAdapter, Page};
use foyer_domain::VisitorType;
use foyer_kiosk::check_in::{CheckInOutcome, HostChoice, WalkIn};
use foyer_kiosk::door::DoorOutcome;
use foyer_kiosk::{Actor, KioskError};

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let ci = window.global::<CheckInAdapter>();
    let weak = window.as_weak();
    let c = ctx.clone();
    window.global::<KioskAdapter>().on_start_check_in(move || {
        let Some(w) = weak.upgrade() else { return };
        super::idle::clear_form(&w, &c);
        c.idle.touch();
        w.global::<KioskAdapter>().set_page(Page::Type);
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    ci.on_type_chosen(move |t| {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        let Ok(vt) = VisitorType::parse(&t) else { return };
        c.draft.borrow_mut().visitor_type = Some(vt);
        let ci = w.global::<CheckInAdapter>();
        ci.set_visitor_type(t);
        ci.set_contact_required(vt.rules().contact_required);
        w.global::<KioskAdapter>().set_page(Page::Details);
    });

    let weak = window.as_weak();
    ci.on_erase(move |field| {
        let Some(w) = weak.upgrade() else { return };
        let ci = w.global::<CheckInAdapter>();
        match field {
            0 => ci.set_name(erase_last(&ci.get_name()).into()),
            1 => ci.set_company(erase_last(&ci.get_company()).into()),
            2 => ci.set_email(erase_last(&ci.get_email()).into()),
            3 => ci.set_phone(erase_last(&ci.get_phone()).into()),
            _ => {
                ci.set_host_query(erase_last(&ci.get_host_query()).into());
                ci.invoke_host_query_changed(ci.get_host_query());
            }
        }
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    ci.on_details_next(move || {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        if super::details_check::validate_details(&w, &c) {
            if back_to_review(&c) {
                show_review(&w, &c);
                return;
            }
            let ci = w.global::<CheckInAdapter>();
            w.global::<KioskAdapter>().set_page(Page::Host);
            ci.set_host_query("".into());
            ci.invoke_host_query_changed("".into());
        }
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    ci.on_change_details(move || {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        c.draft.borrow_mut().changing_details = true;
        w.global::<KioskAdapter>().set_page(Page::Details);
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    ci.on_host_chosen(move |id| {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        let id = i64::from(id);
        c.draft.borrow_mut().host_id = Some(id);
        let ci = w.global::<CheckInAdapter>();
        if let Some(h) = ci_hosts(&ci).into_iter().find(|h| i64::from(h.id) == id) {
            ci.set_host_name(h.name);
        }
        let needs_agreement = c.draft.borrow().visitor_type.is_some_and(|t| t.rules().agreement_required);
        if needs_agreement {
            super::agreement_adapter::show_agreement(&w, &c, Page::Host);
        } else {
            show_review(&w, &c);
        }
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    ci.on_confirm(move || {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        let Some(req) = walk_in(&w, &c) else { return };
        w.global::<KioskAdapter>().set_page(Page::Printing);
        let kiosk = c.kiosk.clone();
        let c2 = c.clone();
        off_ui(&w, move || kiosk.check_in(&req, &Actor::Visitor), move |w, result| show_outcome(w, &c2, result));
    });
}

/// Whether "Next" on the details page goes straight back to the review:
/// the visitor came from there and the host (and agreement, where one is
/// needed) are still chosen.
fn back_to_review(c: &UiContext) -> bool {
    let mut d = c.draft.borrow_mut();
    let back = std::mem::take(&mut d.changing_details);
    let agreed = d.agreement_version.is_some() || !d.visitor_type.is_some_and(|t| t.rules().agreement_required);
    back && d.host_id.is_some() && agreed
}

fn ci_hosts(ci: &CheckInAdapter<'_>) -> Vec<HostItem> {
    use slint::Model;
    ci.get_hosts().iter().collect()
}

/// Shows the badge the visitor will get, to confirm before printing.
pub fn show_review(w: &AppWindow, c: &Rc<UiContext>) {
    let Some(req) = walk_in(w, c) else { return };
    let visit_id = req.visit_id.unwrap_or_else(Uuid::new_v4);
    let HostChoice::Id(host_id) = req.host else { return };
    match c.kiosk.preview_badge(visit_id, &req.name, req.company.as_deref(), host_id, req.visitor_type, req.language) {
        Ok(badge) => {
            w.global::<CheckInAdapter>().set_badge_preview(super::preview::badge_image(&badge, &c.options));
            w.global::<KioskAdapter>().set_page(Page::Review);
        }
        Err(e) => trouble(w, "other", &e),
    }
}

/// The walk-in as typed and chosen so far.
fn walk_in(w: &AppWindow, c: &UiContext) -> Option<WalkIn> {
    let ci = w.global::<CheckInAdapter>();
    let mut draft = c.draft.borrow_mut();
    let opt = |s: slint::SharedString| Some(s.to_string()).filter(|s| !s.trim().is_empty());
    let visit_id = *draft.pending_visit.get_or_insert_with(Uuid::new_v4);
    Some(WalkIn {
        name: ci.get_name().into(),
        company: opt(ci.get_company()),
        email: opt(ci.get_email()),
        phone: opt(ci.get_phone()),
        host: HostChoice::Id(draft.host_id?),
        visitor_type: draft.visitor_type?,
        agreement_version: draft.agreement_version,
        visit_id: Some(visit_id),
        language: super::language::current(w),
    })
}

/// Shows how a check-in ended: done, wait for approval, or reception.
pub fn show_outcome(w: &AppWindow, c: &UiContext, result: Result<CheckInOutcome, KioskError>) {
    match result {
        Ok(out) => {
            c.draft.borrow_mut().pending_visit = None;
            let page = match &out.admission {
                None => Page::Wait,
                Some(adm) if !adm.print.is_printed() => {
                    w.global::<KioskAdapter>().set_trouble("printer".into());
                    Page::Trouble
                }
                Some(adm) => {
                    c.draft.borrow_mut().last_visit = Some(out.visit.id);
                    let ci = w.global::<CheckInAdapter>();
                    ci.set_host_name(out.visit.host_name.clone().into());
                    ci.set_door_open(matches!(adm.door, DoorOutcome::Released { .. }));
                    super::host_notice::follow(w, &c.kiosk, &c.notice_timer, out.visit.id);
                    Page::Done
                }
            };
            w.global::<KioskAdapter>().set_page(page);
        }
        Err(e) => trouble(w, "other", &e),
    }
}

/// Sends the visitor to reception with a reason code; logs the detail.
pub fn trouble(w: &AppWindow, code: &str, e: &KioskError) {
    tracing::warn!(error = %e, "visitor sent to reception");
    let code = match e {
        KioskError::AgreementRequired { .. } | KioskError::AgreementOutdated { .. } => "agreement",
        _ => code,
    };
    w.global::<KioskAdapter>().set_trouble(code.into());
    w.global::<KioskAdapter>().set_page(Page::Trouble);
}
