//! The visitor's language: bundled gettext translations (ui/translations).

use std::rc::Rc;

use slint::ComponentHandle;

use super::context::UiContext;
use super::{AppWindow, KioskAdapter};

/// The languages the kiosk offers.
pub const LANGUAGES: [&str; 4] = ["en", "de", "es", "fr"];

/// Switches every @tr() text to `lang`; English is the source language.
pub fn select(lang: &str) {
    if let Err(e) = slint::select_bundled_translation(lang) {
        // English has no catalogue: the source strings are English.
        if lang != "en" {
            tracing::warn!(lang, error = %e, "no translation for this language");
        }
    }
}

/// The language the screen is in now. It is always one of [`LANGUAGES`]
/// (`wire` refuses others); English if it ever were not.
pub fn current(window: &AppWindow) -> foyer_domain::Language {
    foyer_domain::Language::parse(&window.global::<KioskAdapter>().get_language()).unwrap_or_default()
}

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<KioskAdapter>().on_set_language(move |lang| {
        if let Some(w) = weak.upgrade() {
            let adapter = w.global::<KioskAdapter>();
            adapter.invoke_activity();
            if LANGUAGES.contains(&lang.as_str()) {
                select(&lang);
                adapter.set_language(lang);
                super::agreement_adapter::language_changed(&w, &c);
            }
        }
    });
}
