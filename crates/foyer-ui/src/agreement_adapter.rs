//! The visitor agreement, for visit types that need it: read off the UI
//! thread in the screen's language (the site's default-language text, with
//! a note, where it wrote none in that language), shown, read again if the
//! language changes meanwhile, and on "I agree" the version shown is
//! recorded in the draft (walk-ins go on to the review, invitations to
//! their check-in).

use std::rc::Rc;

use slint::ComponentHandle;

use super::check_in_adapter::{show_review, trouble};
use super::context::UiContext;
use super::{AppWindow, CheckInAdapter, InvitationAdapter, KioskAdapter, Page};

pub fn wire(window: &AppWindow, ctx: &Rc<UiContext>) {
    let (weak, c) = (window.as_weak(), ctx.clone());
    window.global::<CheckInAdapter>().on_agree(move || {
        let Some(w) = weak.upgrade() else { return };
        c.idle.touch();
        // The version the visitor saw is the one recorded with the visit.
        let shown = w.global::<CheckInAdapter>().get_agreement_version();
        if shown < 1 {
            return; // no agreement read yet: nothing was agreed to
        }
        c.draft.borrow_mut().agreement_version = Some(i64::from(shown));
        let invited = c.draft.borrow().invitation.is_some();
        if invited {
            w.global::<InvitationAdapter>().invoke_confirm();
        } else {
            show_review(&w, &c);
        }
    });
}

/// Reads the current agreement in the screen's language and shows it,
/// unless the visitor has left `asked_from` (cancel, idle timeout) or
/// changed the language before the text arrived.
pub fn show_agreement(w: &AppWindow, c: &UiContext, asked_from: Page) {
    let lang = w.global::<KioskAdapter>().get_language();
    let asked = lang.clone();
    c.reads.read(
        w,
        move |reader| reader.agreement_for(&asked),
        move |w, current| {
            let adapter = w.global::<KioskAdapter>();
            // A newer read, in the new language, is on its way.
            if adapter.get_page() != asked_from || adapter.get_language() != lang {
                return;
            }
            match current {
                Ok(shown) => {
                    let ci = w.global::<CheckInAdapter>();
                    ci.set_agreement_text(shown.text.into());
                    ci.set_agreement_fell_back(shown.fell_back);
                    // A version past i32 cannot be real; saturated, the
                    // check-in refuses it as outdated and sends the visitor
                    // to reception.
                    ci.set_agreement_version(i32::try_from(shown.version).unwrap_or(i32::MAX));
                    adapter.set_page(Page::Agreement);
                }
                Err(e) => trouble(w, "other", &e),
            }
        },
    );
}

/// After a change of language: the agreement on screen is read again in
/// the new one, so the visitor agrees to a text they can read.
pub fn language_changed(w: &AppWindow, c: &UiContext) {
    if w.global::<KioskAdapter>().get_page() == Page::Agreement {
        show_agreement(w, c, Page::Agreement);
    }
}
