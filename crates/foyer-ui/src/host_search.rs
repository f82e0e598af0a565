//! The host type-ahead on the host page: every keystroke asks the reader
//! thread for matching hosts; only the answer to the newest query is shown,
//! since keystrokes come faster than answers.

use std::rc::Rc;

use slint::{ComponentHandle, ModelRc, VecModel};

use super::context::UiContext;
use super::{AppWindow, CheckInAdapter, HostItem};
use foyer_domain::host::Host;

/// Letters typed before the host list shows, when the directory is hidden.
const HOST_MIN_LETTERS: usize = 3;
const HOST_LIST_MAX: u32 = 8;

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<CheckInAdapter>().on_host_query_changed(move |q| {
        let Some(w) = weak.upgrade() else { return };
        search(&w, &c, &q);
    });
}

fn search(w: &AppWindow, c: &UiContext, query: &str) {
    // Numbered before anything is shown: an answer still on its way for an
    // earlier query must not land after this one.
    let request = c.host_searches.next();
    let ci = w.global::<CheckInAdapter>();
    let letters = query.chars().filter(|ch| ch.is_alphanumeric()).count();
    // A site may hide its employee list: then nothing shows before three letters.
    if letters < HOST_MIN_LETTERS && !c.options.show_directory {
        ci.set_hosts(ModelRc::default());
        ci.set_host_hint("type-more".into());
        return;
    }
    let query = query.to_owned();
    let latest = c.host_searches.clone();
    c.reads.read(
        w,
        move |reader| reader.find_hosts(&query, HOST_LIST_MAX),
        move |w, found| {
            if !latest.is_latest(request) {
                return; // a newer query was typed meanwhile
            }
            match found {
                Ok(hosts) => show(w, hosts),
                Err(e) => tracing::error!(error = %e, "host search failed"),
            }
        },
    );
}

fn show(w: &AppWindow, hosts: Vec<Host>) {
    let ci = w.global::<CheckInAdapter>();
    ci.set_host_hint(if hosts.is_empty() { "none" } else { "" }.into());
    let items: Vec<HostItem> = hosts
        .into_iter()
        .map(|h| HostItem { id: h.id as i32, name: h.name.into(), department: h.department.unwrap_or_default().into() })
        .collect();
    ci.set_hosts(ModelRc::new(VecModel::from(items)));
}
