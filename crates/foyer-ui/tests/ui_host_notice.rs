//! The done page says only what is true about the host: reception will
//! tell them when the kiosk has no back office or cannot reach it, "we are
//! letting … know" while the notice is on its way, and the channel once the
//! back office delivered it. The link's side (a real back office and SMTP
//! server) is in tests/link_host_notice.rs at the workspace root.

mod ui_support;

use std::time::Duration;

use foyer_kiosk::notice::{Channel, HostNotice};
use foyer_ui::Page;

use ui_support::{start, Harness};

const OPEN: &str = "Please take your badge — the door is open.";

fn check_in(h: &Harness) -> uuid::Uuid {
    h.walk_in_to_review("Ada Lovelace");
    h.press("Print my badge");
    assert_eq!(h.page(), Page::Done);
    let open = h.ui.context.kiosk.notices().open();
    *open.last().expect("the arrival is followed")
}

fn says(h: &Harness, notice: &str) {
    let text = format!("{notice} {OPEN}");
    assert!(h.shows(&text), "the done page does not say {text:?}");
}

#[test]
fn a_kiosk_without_a_back_office_says_reception_will_tell_the_host() {
    let h = start();
    check_in(&h);
    says(&h, "Reception will let Grace Hopper know you are here.");
}

#[test]
fn a_linked_kiosk_says_the_notice_is_on_its_way_then_how_it_arrived() {
    let h = start();
    let notices = h.ui.context.kiosk.notices();
    notices.set_linked(true);
    let visit = check_in(&h);
    says(&h, "We are letting Grace Hopper know you are here.");
    notices.set(visit, HostNotice::Told(Channel::Email));
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(300));
    says(&h, "Grace Hopper has been told by email.");
}

#[test]
fn every_channel_is_named_as_it_was_used() {
    let h = start();
    h.ui.context.kiosk.notices().set_linked(true);
    for (channel, text) in [
        (Channel::Slack, "Grace Hopper has been told on Slack."),
        (Channel::Teams, "Grace Hopper has been told on Microsoft Teams."),
        (Channel::Webhook, "Grace Hopper has been told."),
    ] {
        let visit = check_in(&h);
        h.ui.context.kiosk.notices().set(visit, HostNotice::Told(channel));
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(300));
        says(&h, text);
        h.press("Done");
    }
}

#[test]
fn a_back_office_out_of_reach_turns_a_pending_notice_into_reception() {
    let h = start();
    let notices = h.ui.context.kiosk.notices();
    notices.set_linked(true);
    check_in(&h);
    says(&h, "We are letting Grace Hopper know you are here.");
    notices.set_reachable(false);
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(300));
    says(&h, "Reception will let Grace Hopper know you are here.");
}

#[test]
fn the_notice_follows_the_visitors_language() {
    let h = start();
    h.ui.context.kiosk.notices().set_linked(true);
    let visit = check_in(&h);
    h.ui.context.kiosk.notices().set(visit, HostNotice::Told(Channel::Email));
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(300));
    foyer_ui::language::select("de");
    let german = "Grace Hopper wurde per E-Mail informiert. Bitte nehmen Sie Ihren Ausweis — die Tür ist offen.";
    let shown = h.shows(german);
    foyer_ui::language::select("en");
    assert!(shown, "the done page is not in German");
}
