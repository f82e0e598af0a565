//! Check-out by name, and the goodbye page (scans: scan_adapter.rs).

use std::rc::Rc;

use slint::{ComponentHandle, ModelRc, VecModel};
use uuid::Uuid;

use super::context::UiContext;
use super::worker::off_ui;
use super::{AppWindow, CheckOutAdapter, KioskAdapter, Page, VisitItem};
use foyer_kiosk::store::visits::VisitRecord;
use foyer_kiosk::{Actor, KioskError};

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<KioskAdapter>().on_start_check_out(move || {
        let Some(w) = weak.upgrade() else { return };
        super::idle::clear_form(&w, &c);
        c.idle.touch();
        w.global::<KioskAdapter>().set_page(Page::Checkout);
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<CheckOutAdapter>().on_search(move |q| {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        // Typed key by key, like the host search: only the newest answer shows.
        let request = c.visit_searches.next();
        let latest = c.visit_searches.clone();
        let query = q.to_string();
        c.reads.read(
            &w,
            move |reader| reader.find_on_site(&query).map(|found| (query, found)),
            move |w, answer| {
                if !latest.is_latest(request) {
                    return;
                }
                let co = w.global::<CheckOutAdapter>();
                match answer {
                    Ok((query, found)) => {
                        let searched = foyer_kiosk::directory::long_enough_to_find(&query);
                        co.set_error(if found.is_empty() && searched { "no-match" } else { "" }.into());
                        co.set_matches(visit_items(&found));
                    }
                    Err(e) => tracing::error!(error = %e, "on-site search failed"),
                }
            },
        );
    });

    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<CheckOutAdapter>().on_chosen(move |id| {
        let Some(w) = weak.upgrade() else { return };
        let Ok(id) = Uuid::parse_str(&id) else { return };
        let kiosk = c.kiosk.clone();
        off_ui(&w, move || kiosk.check_out(id, &Actor::Visitor), show_goodbye);
    });
}

/// The goodbye page for a check-out, or why there was none.
pub fn show_goodbye(w: &AppWindow, result: Result<VisitRecord, KioskError>) {
    match result {
        Ok(visit) => {
            let first = visit.visitor_name.split_whitespace().next().unwrap_or_default().to_owned();
            w.global::<CheckOutAdapter>().set_goodbye_name(first.into());
            w.global::<KioskAdapter>().set_page(Page::Goodbye);
        }
        Err(e) => super::scan_adapter::trouble_or_refusal(w, &e),
    }
}

/// Visits as list rows: first name and initial only, so a passer-by at the
/// kiosk does not read who is in the building.
pub fn visit_items(visits: &[VisitRecord]) -> ModelRc<VisitItem> {
    let items: Vec<VisitItem> = visits
        .iter()
        .map(|v| VisitItem {
            id: v.id.to_string().into(),
            name: short_name(&v.visitor_name).into(),
            detail: v.host_name.clone().into(),
        })
        .collect();
    ModelRc::new(VecModel::from(items))
}

/// "Ada Lovelace" → "Ada L."
pub fn short_name(full: &str) -> String {
    let mut words = full.split_whitespace();
    let first = words.next().unwrap_or_default();
    match words.last().and_then(|w| w.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first.to_owned(),
    }
}
