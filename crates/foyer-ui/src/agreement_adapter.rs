//! The visitor agreement, for visit types that need it: read off the UI
//! thread, shown, and on "I agree" the version shown is recorded in the
//! draft (walk-ins go on to the review, invitations to their check-in).

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

/// Reads the current agreement and shows it, unless the visitor has left
/// `asked_from` (cancel, idle timeout) before the text arrived.
pub fn show_agreement(w: &AppWindow, c: &UiContext, asked_from: Page) {
    c.reads.read(
        w,
        |reader| reader.agreement(),
        move |w, current| {
            if w.global::<KioskAdapter>().get_page() != asked_from {
                return;
            }
            match current {
                Ok((version, text)) => {
                    let ci = w.global::<CheckInAdapter>();
                    ci.set_agreement_text(text.into());
                    // A version past i32 cannot be real; saturated, the
                    // check-in refuses it as outdated and sends the visitor
                    // to reception.
                    ci.set_agreement_version(i32::try_from(version).unwrap_or(i32::MAX));
                    w.global::<KioskAdapter>().set_page(Page::Agreement);
                }
                Err(e) => trouble(w, "other", &e),
            }
        },
    );
}
