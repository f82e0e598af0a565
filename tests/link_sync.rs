//! Directory sync into the kiosk's store: hosts, invitations (as expected
//! visits with the back office's visit id), watchlist, agreement, and their
//! tombstones; the kiosk then works from its copy with the back office down.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;

use std::sync::Arc;

use backoffice_support::{seed_hosts, settings, Backoffice};
use foyer_backoffice::db::directory::{self, InvitationRequest};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::{VisitState, VisitorType};
use foyer_kiosk::link::sync::sync_once;
use foyer_kiosk::link::BackofficeClient;
use foyer_kiosk::store::{agreements, hosts};
use foyer_kiosk::Actor;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_synced_directory_serves_the_kiosk_while_the_back_office_is_down() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let new_host = foyer_domain::host::NewHost::parse("Katherine Johnson", Some("kj@example.org"), None, None).unwrap();
    bo.state.db.with(|c| directory::import_hosts(c, &[new_host])).unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let request = InvitationRequest {
        visitor_name: "Ada Lovelace".into(),
        company: Some("Analytical Engines".into()),
        email: Some("ada@example.org".into()),
        host_id: 4,
        visitor_type: VisitorType::Guest,
        expected_on: today,
    };
    let (code, visit_id) = bo.state.db.with(|c| directory::invite(c, &request)).unwrap();
    let watched = bo.state.db.with(|c| directory::watch(c, "Eve Mallory", "banned after an incident")).unwrap();
    let agreement = bo.state.db.with(|c| directory::publish_agreement(c, "Be kind. Wear your badge.", None)).unwrap();

    let db = dir.path().join("kiosk.db");
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    let client = BackofficeClient::new(&bo.url, token).unwrap();
    assert_eq!(kiosk.last_backoffice_contact().unwrap(), None, "no contact before the first sync");
    let summary = sync_once(&client, &kiosk).await.unwrap();
    let contact = kiosk.last_backoffice_contact().unwrap().expect("a sync records the contact");
    assert!((foyer_kiosk::store::now_unix() - contact).abs() <= 5);
    assert_eq!((summary.hosts, summary.invitations, summary.watchlist, summary.skipped), (4, 1, 1, 0));
    assert_eq!(sync_once(&client, &kiosk).await.unwrap().hosts, 0, "nothing new since the cursor");
    assert_eq!(hosts::get(kiosk.store().conn(), 4).unwrap().unwrap().name, "Katherine Johnson");
    assert_eq!(agreements::current(kiosk.store().conn()).unwrap(), (agreement, "Be kind. Wear your badge.".into()));

    bo.stop().await; // from here on the kiosk is on its own
    let expected = kiosk.invitation(code.as_str()).unwrap();
    assert_eq!((expected.id, expected.state), (visit_id, VisitState::Expected));
    let k = kiosk.clone();
    let c = code.as_str().to_owned();
    let arrived = tokio::task::spawn_blocking(move || {
        k.check_in_invited(
            &foyer_kiosk::InvitedArrival {
                code: c,
                agreement_version: Some(agreement),
                language: foyer_domain::Language::Es,
            },
            &Actor::Visitor,
        )
        .unwrap()
    })
    .await
    .unwrap();
    assert_eq!((arrived.visit.id, arrived.visit.state), (visit_id, VisitState::OnSite));
    assert_eq!(arrived.visit.host_name, "Katherine Johnson");
    let k = kiosk.clone();
    let flagged = tokio::task::spawn_blocking(move || {
        k.check_in(&common::walk_in("Eve Mallory", "Grace Hopper"), &Actor::Visitor).unwrap()
    })
    .await
    .unwrap();
    assert!(flagged.admission.is_none(), "the synced watchlist flagged the visitor");

    // Tombstones: the back office comes back with deletions.
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    let later = InvitationRequest { visitor_name: "Mary Somerville".into(), host_id: 2, ..request };
    let (code2, visit2) = bo.state.db.with(|c| directory::invite(c, &later)).unwrap();
    let client = BackofficeClient::new(&bo.url, bo.add_kiosk("lobby-2")).unwrap();
    sync_once(&client, &kiosk).await.unwrap();
    assert_eq!(kiosk.invitation(code2.as_str()).unwrap().id, visit2);
    bo.state
        .db
        .with(|c| {
            directory::unwatch(c, watched)?;
            directory::remove_host(c, 3)?;
            directory::cancel_invitation(c, &code2)?;
            directory::cancel_invitation(c, &code)
        })
        .unwrap();
    let summary = sync_once(&client, &kiosk).await.unwrap();
    assert_eq!((summary.hosts, summary.invitations, summary.watchlist), (1, 2, 1));
    assert!(!hosts::get(kiosk.store().conn(), 3).unwrap().unwrap().active);
    assert_eq!(kiosk.invitation(code2.as_str()).unwrap().state, VisitState::Cancelled);
    assert_eq!(kiosk.invitation(code.as_str()).unwrap().state, VisitState::OnSite, "an arrived visitor stays");
    let k = kiosk.clone();
    let admitted = tokio::task::spawn_blocking(move || {
        k.check_in(&common::walk_in("Eve Mallory", "Grace Hopper"), &Actor::Visitor).unwrap()
    })
    .await
    .unwrap();
    assert!(admitted.admission.is_some(), "the removed watchlist entry no longer flags");
    bo.stop().await;
}
