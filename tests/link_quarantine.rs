//! An event the back office refuses no longer blocks the kiosk's outbox.
//! Against the real back office: the refused event is found by splitting
//! the batch and held back in the kiosk's database with the back office's
//! reason and an audit entry; every other event arrives once and in order,
//! and the forwarder goes on. `foyer outbox retry` sends it again, once.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;
mod outbox_support;

use std::sync::Arc;
use std::time::Duration;

use backoffice_support::{eventually, settings, Backoffice};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_kiosk::Kiosk;
use outbox_support::*;

const WAIT: Duration = Duration::from_secs(60);

async fn check_in(kiosk: &Arc<Kiosk>, first: usize, n: usize) {
    let k = kiosk.clone();
    tokio::task::spawn_blocking(move || check_in_many(&k, first, n)).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_event_type_is_held_back_and_every_other_event_arrives_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let kiosk = Arc::new(common::open_kiosk(&dir.path().join("kiosk.db"), FakePrinter::new(), FakeRelay::new()));
    // 199 events, the bad one in the middle: one batch of the default 200.
    check_in(&kiosk, 0, 33).await;
    let bad = push_unknown_type(&kiosk);
    check_in(&kiosk, 33, 33).await;
    let ids = outbox_ids(&kiosk);
    assert_eq!(ids.len(), 199);
    let good = without(&ids, &bad);

    let link = Link::start(&kiosk, &bo.url, token);
    eventually(WAIT, "the good events", || bo.received().len() >= good.len()).await;
    eventually(WAIT, "the refused event held back", || held(&kiosk).len() == 1).await;
    assert_eq!(bo.received(), good, "every good event once, in the kiosk's order");
    // The back office stores a batch before the kiosk hears so and marks it.
    eventually(WAIT, "every good event marked sent", || waiting(&kiosk) == 0).await;

    let entry = &held(&kiosk)[0];
    assert_eq!(entry.event_id, bad);
    let reason = &entry.held.as_ref().unwrap().1;
    assert!(reason.starts_with("422 Unprocessable Entity: "), "{reason}");
    assert!(reason.contains("visit.teleported"), "the back office's message names the type: {reason}");
    let audited = audits(&kiosk, "outbox.held", &bad);
    assert_eq!(audited.len(), 1, "one audit entry for the hold");
    assert_eq!((&audited[0]["type"], &audited[0]["reason"]), (&"visit.teleported".into(), &reason.as_str().into()));

    // Found by splitting: ⌈log2 199⌉ = 8 halvings, the first refusal and
    // at most one lone send; each refused or stored request is counted.
    let (refused, stored) = (metric(&bo, REFUSED).await, metric(&bo, STORED).await);
    assert!((2..=10).contains(&refused), "{refused} refused requests");
    assert!(stored <= 10, "{stored} stored requests");

    // The forwarder goes on with what comes later.
    check_in(&kiosk, 66, 2).await;
    eventually(WAIT, "the later events", || bo.received().len() == good.len() + 6).await;
    assert_eq!(bo.received(), without(&outbox_ids(&kiosk), &bad));
    assert_eq!(held(&kiosk).len(), 1);
    link.stop().await;
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_event_is_sent_once_more_and_held_again_when_still_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    // In the default data dir, where `foyer outbox` run in `dir` finds it.
    let db = dir.path().join("foyer-data").join("kiosk.db");
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    check_in(&kiosk, 0, 2).await;
    let bad = push_unknown_type(&kiosk);
    check_in(&kiosk, 2, 2).await;
    let link = Link::start(&kiosk, &bo.url, token);
    eventually(WAIT, "the refused event held back", || held(&kiosk).len() == 1).await;
    eventually(WAIT, "the good events", || bo.received().len() == 12).await;
    let seq = held(&kiosk)[0].seq;
    let refused_before = metric(&bo, REFUSED).await;

    // The installer retries it while the kiosk runs (its own connection).
    let out = common::foyer_in(dir.path(), &["outbox", "retry", &seq.to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(audits(&kiosk, "outbox.retry", &bad).len(), 1);
    eventually(WAIT, "the event tried and held again", || audits(&kiosk, "outbox.held", &bad).len() == 2).await;

    // Held again, it is not sent again and again: one more refused request.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(audits(&kiosk, "outbox.held", &bad).len(), 2);
    assert_eq!(metric(&bo, REFUSED).await, refused_before + 1, "the lone event, sent once");
    assert_eq!(held(&kiosk).len(), 1);
    assert_eq!(bo.received(), without(&outbox_ids(&kiosk), &bad), "nothing sent twice");
    link.stop().await;
    bo.stop().await;
}
