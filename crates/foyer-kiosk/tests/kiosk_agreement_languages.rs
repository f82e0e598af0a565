//! The agreement in the visitor's language: versions synced per language,
//! shown in the language asked for or the site's default with a note, and
//! accepted at check-in in any language as long as it is still current.

mod common;

use common::{count, kiosk, walk_in};
use foyer_domain::VisitorType;
use foyer_kiosk::link::sync::apply;
use foyer_kiosk::store::agreements;
use foyer_kiosk::{Actor, AgreementShown, KioskError};
use foyer_wire::{SyncAgreement, SyncResponse};

fn version(version: i64, text: &str, language: Option<&str>) -> SyncAgreement {
    SyncAgreement { version, text: text.into(), language: language.map(str::to_owned) }
}

/// A sync answer as a back office sends it after publishing the default
/// text (2) and a German one (3), then a newer German one (4).
fn synced(versions: Vec<SyncAgreement>, cursor: i64) -> SyncResponse {
    let default = versions.iter().filter(|a| a.language.is_none()).max_by_key(|a| a.version).cloned();
    SyncResponse { version: cursor, agreement: default, agreements: versions, ..Default::default() }
}

#[test]
fn a_german_visitor_reads_german_a_french_one_the_default_with_a_note() {
    let t = kiosk();
    let answer =
        synced(vec![version(2, "Wear your badge.", None), version(3, "Tragen Sie Ihren Ausweis.", Some("de"))], 5);
    apply(&mut t.kiosk.store(), &answer, "lobby-1").unwrap();

    let de = t.kiosk.agreement_for("de").unwrap();
    let want = AgreementShown {
        version: 3,
        text: "Tragen Sie Ihren Ausweis.".into(),
        language: Some("de".into()),
        fell_back: false,
    };
    assert_eq!(de, want);
    let fr = t.kiosk.agreement_for("fr").unwrap();
    assert_eq!((fr.version, fr.text.as_str(), fr.language, fr.fell_back), (2, "Wear your badge.", None, true));
    // The reader the screens use answers the same.
    assert_eq!(t.kiosk.reader().unwrap().agreement_for("de").unwrap(), de);
    // Older callers still get the default language.
    assert_eq!(agreements::current(t.kiosk.store().conn()).unwrap().0, 2);
}

#[test]
fn the_current_version_of_any_language_checks_in_and_a_replaced_one_is_refused() {
    let t = kiosk();
    let first =
        synced(vec![version(2, "Wear your badge.", None), version(3, "Tragen Sie Ihren Ausweis.", Some("de"))], 5);
    apply(&mut t.kiosk.store(), &first, "lobby-1").unwrap();
    let mut req = walk_in("Ada", "Grace Hopper");
    req.visitor_type = VisitorType::Guest;

    // German shown, then the visitor switched to French: both are current.
    req.agreement_version = Some(t.kiosk.agreement_for("de").unwrap().version);
    let out = t.kiosk.check_in(&req, &Actor::Visitor).unwrap();
    assert_eq!(agreements::accepted_by(t.kiosk.store().conn(), out.visit.id).unwrap(), Some(3));
    req.agreement_version = Some(t.kiosk.agreement_for("fr").unwrap().version);
    t.kiosk.check_in(&req, &Actor::Visitor).unwrap();

    // A newer German text replaces 3; the default 2 is still current.
    apply(&mut t.kiosk.store(), &synced(vec![version(4, "Bitte tragen Sie den Ausweis.", Some("de"))], 6), "lobby-1")
        .unwrap();
    req.agreement_version = Some(3);
    let err = t.kiosk.check_in(&req, &Actor::Visitor).unwrap_err();
    assert!(matches!(err, KioskError::AgreementOutdated { accepted: 3, current: 4 }), "{err}");
    // The kiosk's built-in version 1 was never the site's and is refused too.
    req.agreement_version = Some(1);
    assert!(matches!(t.kiosk.check_in(&req, &Actor::Visitor), Err(KioskError::AgreementOutdated { current: 2, .. })));
    assert_eq!(count(&t.kiosk, "visits"), 2);
    req.agreement_version = Some(2);
    t.kiosk.check_in(&req, &Actor::Visitor).unwrap();
}

#[test]
fn an_older_back_office_sending_only_the_default_agreement_still_updates_it() {
    let t = kiosk();
    let old = SyncResponse { version: 3, agreement: Some(version(2, "Be kind.", None)), ..Default::default() };
    apply(&mut t.kiosk.store(), &old, "lobby-1").unwrap();
    let en = t.kiosk.agreement_for("en").unwrap();
    assert_eq!((en.version, en.fell_back), (2, true));
}
