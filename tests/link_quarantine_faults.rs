//! Failures that are no event's fault hold nothing back: a revoked token
//! (401), a back office that is down, and a back office that answers 5xx,
//! 408 or 429. The events wait, in order, and go once the fault is gone.
//! Each kiosk here also holds an event the back office would refuse, so a
//! fault mistaken for a refusal would show up as held events.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;
mod outbox_support;

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use backoffice_support::{eventually, settings, Backoffice};
use foyer_backoffice::db::kiosks;
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::Secret;
use foyer_kiosk::link::forwarder::forward_batch;
use foyer_kiosk::link::{BackofficeClient, LinkError};
use foyer_kiosk::Kiosk;
use outbox_support::*;

const WAIT: Duration = Duration::from_secs(60);

/// A kiosk with two visits' events, one refusable event, then one more visit.
async fn kiosk_with_a_bad_event(dir: &std::path::Path) -> (Arc<Kiosk>, String) {
    let kiosk = Arc::new(common::open_kiosk(&dir.join("kiosk.db"), FakePrinter::new(), FakeRelay::new()));
    let k = kiosk.clone();
    let bad = tokio::task::spawn_blocking(move || {
        check_in_many(&k, 0, 2);
        let bad = push_unknown_type(&k);
        check_in_many(&k, 2, 1);
        bad
    })
    .await
    .unwrap();
    (kiosk, bad)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_holds_nothing_back_and_a_new_one_sends_everything() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    assert!(bo.state.db.with(|c| kiosks::revoke(c, "lobby-1")).unwrap());
    let (kiosk, bad) = kiosk_with_a_bad_event(dir.path()).await;

    let client = BackofficeClient::new(&bo.url, token.clone()).unwrap();
    for _ in 0..3 {
        let answer = forward_batch(&client, &kiosk, 200).await;
        assert!(matches!(answer, Err(LinkError::Status { status: StatusCode::UNAUTHORIZED, .. })), "{answer:?}");
    }
    // The running link retries with backoff for a while: still nothing held.
    let link = Link::start(&kiosk, &bo.url, token);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    link.stop().await;
    assert!(held(&kiosk).is_empty(), "a token problem is not the events' fault");
    assert_eq!(waiting(&kiosk), 10);
    assert!(bo.received().is_empty());

    // The installer issues a new token: everything goes, the bad one is held.
    let link = Link::start(&kiosk, &bo.url, bo.add_kiosk("lobby-1"));
    eventually(WAIT, "the outbox to drain", || waiting(&kiosk) == 0).await;
    assert_eq!(bo.received(), without(&outbox_ids(&kiosk), &bad));
    assert_eq!(held(&kiosk).len(), 1);
    link.stop().await;
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_back_office_that_is_down_holds_nothing_back() {
    let dir = tempfile::tempdir().unwrap();
    // Reserve a port, then leave it closed: the back office is down.
    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let token = {
        let bo_db = foyer_backoffice::db::Db::open(&dir.path().join("backoffice.db")).unwrap();
        bo_db.with(|c| kiosks::add(c, "lobby-1")).unwrap()
    };
    let (kiosk, bad) = kiosk_with_a_bad_event(dir.path()).await;
    let url = format!("http://{addr}");

    let client = BackofficeClient::new(&url, token.clone()).unwrap();
    let answer = forward_batch(&client, &kiosk, 200).await;
    assert!(matches!(answer, Err(LinkError::Http(_))), "{answer:?}");
    let link = Link::start(&kiosk, &url, token);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert!(held(&kiosk).is_empty());
    assert_eq!(waiting(&kiosk), 10);

    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let bo = Backoffice::start_on(settings(None, None), dir.path(), listener).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    eventually(WAIT, "the outbox to drain", || waiting(&kiosk) == 0).await;
    assert_eq!(bo.received(), without(&outbox_ids(&kiosk), &bad));
    assert_eq!(held(&kiosk).len(), 1);
    link.stop().await;
    bo.stop().await;
}

/// A loopback server that answers every event batch with `status` and an
/// error body in the back office's own format.
async fn answering(status: StatusCode) -> (String, tokio::sync::oneshot::Sender<()>) {
    let app = axum::Router::new().route(
        "/api/v1/events",
        axum::routing::post(move || async move { (status, axum::Json(serde_json::json!({ "error": "not now" }))) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
            .unwrap()
    });
    (url, stop)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_timeouts_and_throttling_hold_nothing_back() {
    let dir = tempfile::tempdir().unwrap();
    let (kiosk, _bad) = kiosk_with_a_bad_event(dir.path()).await;
    let codes = [
        StatusCode::INTERNAL_SERVER_ERROR,
        StatusCode::BAD_GATEWAY,
        StatusCode::SERVICE_UNAVAILABLE,
        StatusCode::REQUEST_TIMEOUT,
        StatusCode::TOO_MANY_REQUESTS,
        StatusCode::FORBIDDEN,
    ];
    for code in codes {
        let (url, stop) = answering(code).await;
        let client = BackofficeClient::new(&url, Secret::new("token")).unwrap();
        let answer = forward_batch(&client, &kiosk, 200).await;
        assert!(matches!(&answer, Err(LinkError::Status { status, .. }) if *status == code), "{answer:?}");
        assert!(held(&kiosk).is_empty(), "{code} held events back");
        assert_eq!(waiting(&kiosk), 10);
        let _ = stop.send(());
    }
}
