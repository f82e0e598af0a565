//! The agreement fields of a sync answer read both ways between versions:
//! kiosks and back offices from before agreements had languages must go on
//! working with newer ones, and the other way round.

use foyer_wire::{SyncAgreement, SyncResponse};
use serde_json::json;

fn agreement(version: i64, language: Option<&str>) -> SyncAgreement {
    SyncAgreement { version, text: format!("text {version}"), language: language.map(str::to_owned) }
}

#[test]
fn an_answer_of_an_older_back_office_reads_as_default_language_only() {
    let old = json!({
        "version": 9, "hosts": [], "invitations": [], "watchlist": [],
        "agreement": {"version": 3, "text": "text 3"}
    });
    let read: SyncResponse = serde_json::from_value(old).unwrap();
    assert_eq!(read.agreement, Some(agreement(3, None)));
    assert!(read.agreements.is_empty());
}

#[test]
fn a_default_language_version_is_sent_as_an_older_kiosk_knows_it() {
    let json = serde_json::to_value(agreement(3, None)).unwrap();
    assert_eq!(json, json!({"version": 3, "text": "text 3"}));
    let json = serde_json::to_value(agreement(4, Some("de"))).unwrap();
    assert_eq!(json["language"], "de");
}

#[test]
fn every_language_reads_back_beside_the_default_one() {
    let answer = SyncResponse {
        version: 5,
        agreement: Some(agreement(3, None)),
        agreements: vec![agreement(3, None), agreement(4, Some("de"))],
        ..Default::default()
    };
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(json["agreements"][1]["language"], "de");
    assert_eq!(serde_json::from_value::<SyncResponse>(json).unwrap(), answer);
}
