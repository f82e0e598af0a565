//! Check-out, screening, approval, invitations and reprints.

mod common;

use common::{arrival, count, kiosk, walk_in};
use foyer_domain::visit::IllegalTransition;
use foyer_domain::{BadgeClaims, SiteKey, TokenError, VisitEvent, VisitState, VisitorType};
use foyer_kiosk::check_in::HostChoice;
use foyer_kiosk::invite::NewInvitation;
use foyer_kiosk::store::{outbox, watchlist};
use foyer_kiosk::{Actor, KioskError};

#[test]
fn a_badge_token_checks_the_visitor_out_once() {
    let t = kiosk();
    let out = t.kiosk.check_in(&walk_in("Ada", "Grace Hopper"), &Actor::Visitor).unwrap();
    let token = out.admission.unwrap().badge.token;
    let gone = t.kiosk.check_out_by_token(&token, &Actor::Visitor).unwrap();
    assert_eq!(gone.state, VisitState::Departed);
    assert!(gone.departed_at.is_some());
    let last = outbox::for_visit(t.kiosk.store().conn(), &gone.id.to_string()).unwrap().pop().unwrap();
    assert_eq!(last.event_type, "visit.departed");
    let again = t.kiosk.check_out_by_token(&token, &Actor::Visitor).unwrap_err();
    assert!(matches!(
        again,
        KioskError::Transition(IllegalTransition { from: VisitState::Departed, event: VisitEvent::Depart })
    ));
}

#[test]
fn an_altered_or_foreign_token_checks_nobody_out() {
    let t = kiosk();
    let out = t.kiosk.check_in(&walk_in("Ada", "Grace Hopper"), &Actor::Visitor).unwrap();
    let token = out.admission.unwrap().badge.token;
    let mut altered = token.clone().into_bytes();
    altered[10] = if altered[10] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    assert!(matches!(t.kiosk.check_out_by_token(&altered, &Actor::Visitor), Err(KioskError::Token(_))));
    let foreign =
        BadgeClaims { visit_id: out.visit.id, expires_at: i64::from(u32::MAX) }.sign(&SiteKey::from_bytes([1; 32]));
    assert!(matches!(
        t.kiosk.check_out_by_token(&foreign, &Actor::Visitor),
        Err(KioskError::Token(TokenError::BadSignature))
    ));
    assert_eq!(count(&t.kiosk, "visits WHERE state = 'on_site'"), 1);
}

#[test]
fn an_expired_badge_still_checks_out() {
    let t = kiosk();
    let out = t.kiosk.check_in(&walk_in("Ada", "Grace Hopper"), &Actor::Visitor).unwrap();
    let expired = BadgeClaims { visit_id: out.visit.id, expires_at: 1_000 }.sign(&t.key);
    assert!(BadgeClaims::verify(&expired, &t.key, 2_000).is_err());
    assert_eq!(t.kiosk.check_out_by_token(&expired, &Actor::Visitor).unwrap().state, VisitState::Departed);
}

#[test]
fn a_watchlist_hit_waits_for_approval_with_no_badge_and_no_door() {
    let t = kiosk();
    watchlist::add(t.kiosk.store().conn(), "José Álvarez", "trespass").unwrap();
    let out = t.kiosk.check_in(&walk_in("JOSE ALVAREZ", "Grace Hopper"), &Actor::Visitor).unwrap();
    assert_eq!(out.visit.state, VisitState::PendingApproval);
    assert!(out.admission.is_none());
    assert!(t.printer.printed().is_empty());
    assert!(t.relay.pulses().is_empty());
    let events = outbox::for_visit(t.kiosk.store().conn(), &out.visit.id.to_string()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_type, "visit.flagged");
    assert!(events[0].data["reason"].as_str().unwrap().contains("trespass"));
    // A flagged visitor cannot check out nor be reprinted: they never got in.
    assert!(t.kiosk.check_out(out.visit.id, &Actor::Staff).is_err());
    assert!(t.kiosk.reprint(out.visit.id, &Actor::Staff).is_err());
}

#[test]
fn approval_prints_and_opens_denial_does_neither() {
    let t = kiosk();
    watchlist::add(t.kiosk.store().conn(), "Mallory Evans", "former contractor").unwrap();
    let a = t.kiosk.check_in(&walk_in("Mallory Evans", "Grace Hopper"), &Actor::Visitor).unwrap().visit.id;
    let b = t.kiosk.check_in(&walk_in("Evans Mallory", "Alan Turing"), &Actor::Visitor).unwrap().visit.id;
    let (visit, adm) = t.kiosk.approve(a, &Actor::Desk("ana".into())).unwrap();
    assert_eq!(visit.state, VisitState::OnSite);
    assert!(adm.print.is_printed());
    assert_eq!(t.relay.pulses().len(), 1);
    let denied = t.kiosk.deny(b, &Actor::Desk("ana".into())).unwrap();
    assert_eq!(denied.state, VisitState::Denied);
    assert_eq!(t.printer.printed().len(), 1);
    assert_eq!(t.relay.pulses().len(), 1);
    assert!(t.kiosk.approve(b, &Actor::Staff).is_err(), "a denied visit stays denied");
    let kinds: Vec<String> =
        outbox::for_visit(t.kiosk.store().conn(), &b.to_string()).unwrap().into_iter().map(|e| e.event_type).collect();
    assert_eq!(kinds, ["visit.flagged", "visit.denied"]);
}

fn invitation(host: &str) -> NewInvitation {
    NewInvitation {
        name: "Katherine Johnson".into(),
        company: Some("NASA".into()),
        email: Some("kj@example.org".into()),
        host: HostChoice::Name(host.into()),
        visitor_type: VisitorType::Interview,
        expected_on: time::OffsetDateTime::now_utc().date(),
    }
}

#[test]
fn an_invited_visitor_checks_in_by_code_once() {
    let t = kiosk();
    let (code, id) = t.kiosk.invite(&invitation("grace@example.org"), &Actor::Cli).unwrap();
    let shown = t.kiosk.invitation(&code.display().to_lowercase()).unwrap();
    assert_eq!((shown.id, shown.state), (id, VisitState::Expected));
    assert!(matches!(
        t.kiosk.check_in_invited(&arrival(code.as_str(), None), &Actor::Visitor),
        Err(KioskError::AgreementRequired { .. })
    ));
    let out = t.kiosk.check_in_invited(&arrival(code.as_str(), Some(1)), &Actor::Visitor).unwrap();
    assert_eq!(out.visit.state, VisitState::OnSite);
    assert_eq!(t.printer.printed()[0].visitor_name, "Katherine Johnson");
    let arrived = &outbox::for_visit(t.kiosk.store().conn(), &id.to_string()).unwrap()[0];
    assert_eq!(arrived.data["invitation"], code.as_str());
    assert!(matches!(
        t.kiosk.check_in_invited(&arrival(code.as_str(), Some(1)), &Actor::Visitor),
        Err(KioskError::Transition(_))
    ));
    assert!(matches!(
        t.kiosk.check_in_invited(&arrival("ZZZZ-ZZZZ", Some(1)), &Actor::Visitor),
        Err(KioskError::UnknownInvitation(_))
    ));
    assert!(matches!(
        t.kiosk.check_in_invited(&arrival("hello", Some(1)), &Actor::Visitor),
        Err(KioskError::Invalid(_))
    ));
}

#[test]
fn a_reprint_gives_the_same_token_and_end_of_day_checks_everyone_out() {
    let t = kiosk();
    let first = t.kiosk.check_in(&walk_in("Ada", "Grace Hopper"), &Actor::Visitor).unwrap();
    t.kiosk.check_in(&walk_in("Bob", "Grace Hopper"), &Actor::Visitor).unwrap();
    assert!(t.kiosk.reprint(first.visit.id, &Actor::Staff).unwrap().is_printed());
    let printed = t.printer.printed();
    assert_eq!(printed.len(), 3);
    assert_eq!(printed[0].token, printed[2].token);
    let gone = t.kiosk.check_out_everyone(&Actor::Staff).unwrap();
    assert_eq!(gone.len(), 2);
    assert_eq!(count(&t.kiosk, "visits WHERE state = 'on_site'"), 0);
}
