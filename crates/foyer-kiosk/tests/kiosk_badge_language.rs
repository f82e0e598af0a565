//! The badge is printed in the language the visitor chose on the screen,
//! and a reprint (even after the kiosk restarted) in the same one.

mod common;

use common::{kiosk, open_kiosk, walk_in};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::{BadgeWords, Language, VisitorType};
use foyer_kiosk::invite::NewInvitation;
use foyer_kiosk::{check_in::HostChoice, Actor, InvitedArrival};

#[test]
fn a_walk_in_chosen_in_german_gets_a_german_badge_and_its_reprint_after_a_restart_too() {
    let t = kiosk();
    let mut req = walk_in("Ada Lovelace", "Grace Hopper");
    req.language = Language::De;
    let out = t.kiosk.check_in(&req, &Actor::Visitor).unwrap();
    assert_eq!(out.visit.language, Language::De);
    let first = t.printer.printed();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].language, Language::De);
    assert_eq!(BadgeWords::of(first[0].language).host, "Gastgeber:");

    let db = t.dir.path().join("kiosk.db");
    drop(t.kiosk);
    let printer = FakePrinter::new();
    let reopened = open_kiosk(&db, printer.clone(), FakeRelay::new());
    assert!(reopened.reprint(out.visit.id, &Actor::Staff).unwrap().is_printed());
    let again = printer.printed();
    assert_eq!((again[0].language, again[0].token.clone()), (Language::De, first[0].token.clone()));
}

#[test]
fn an_english_walk_in_is_unchanged_and_the_preview_is_in_the_chosen_language() {
    let t = kiosk();
    t.kiosk.check_in(&walk_in("Bob", "Grace Hopper"), &Actor::Visitor).unwrap();
    assert_eq!(t.printer.printed()[0].language, Language::En);
    let host = foyer_kiosk::store::hosts::list(t.kiosk.store().conn()).unwrap()[0].id;
    let id = uuid::Uuid::new_v4();
    let preview = t.kiosk.preview_badge(id, "Bob", None, host, VisitorType::Guest, Language::Fr).unwrap();
    assert_eq!(preview.language, Language::Fr);
}

#[test]
fn an_invited_visitor_arriving_in_spanish_gets_a_spanish_badge() {
    let t = kiosk();
    let invitation = NewInvitation {
        name: "Katherine Johnson".into(),
        company: None,
        email: None,
        host: HostChoice::Name("Grace Hopper".into()),
        visitor_type: VisitorType::Delivery,
        expected_on: time::OffsetDateTime::now_utc().date(),
    };
    let (code, id) = t.kiosk.invite(&invitation, &Actor::Cli).unwrap();
    assert_eq!(t.kiosk.invitation(code.as_str()).unwrap().language, Language::En, "not chosen before arrival");
    let arrival = InvitedArrival { code: code.as_str().to_owned(), agreement_version: None, language: Language::Es };
    let out = t.kiosk.check_in_invited(&arrival, &Actor::Visitor).unwrap();
    assert_eq!((out.visit.id, out.visit.language), (id, Language::Es));
    assert_eq!(t.printer.printed()[0].language, Language::Es);
    assert!(t.kiosk.reprint(id, &Actor::Staff).unwrap().is_printed());
    assert_eq!(t.printer.printed()[1].language, Language::Es);
}
