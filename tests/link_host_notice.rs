//! What the done page may say about the host, learnt through the link from
//! a real back office on loopback with a real SMTP server: told by email
//! once the mail is accepted, reception when the host has no channel or
//! every try failed, and reception when the back office cannot be reached.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;

use std::sync::Arc;
use std::time::Duration;

use backoffice_support::smtp::SmtpServer;
use backoffice_support::{eventually, seed_hosts, settings, Backoffice};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::Secret;
use foyer_kiosk::link::{run_link, LinkSettings};
use foyer_kiosk::notice::{Channel, HostNotice};
use foyer_kiosk::{Actor, Kiosk};

const WAIT: Duration = Duration::from_secs(20);

/// A kiosk linked to `url`; the link runs until the returned sender drops.
fn linked_kiosk(dir: &std::path::Path, url: &str, token: Secret) -> (Arc<Kiosk>, tokio::sync::oneshot::Sender<()>) {
    let kiosk = Arc::new(common::open_kiosk(&dir.join("kiosk.db"), FakePrinter::new(), FakeRelay::new()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let mut link = LinkSettings::new(url, token);
    link.max_backoff = Duration::from_millis(200);
    tokio::spawn(run_link(kiosk.clone(), link, async move {
        let _ = stopped.await;
    }));
    (kiosk, stop)
}

/// A back office with the fixture's hosts, an SMTP server refusing mail to
/// `refuse`, and a kiosk linked to it.
struct Lobby {
    smtp: SmtpServer,
    kiosk: Arc<Kiosk>,
    _bo: Backoffice,
    _link: tokio::sync::oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

async fn lobby(refuse: &[&str]) -> Lobby {
    let smtp = SmtpServer::start(refuse);
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(Some(smtp.port), Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let (kiosk, link) = linked_kiosk(dir.path(), &bo.url, token);
    eventually(WAIT, "the link to start", || kiosk.notices().is_linked()).await;
    Lobby { smtp, kiosk, _bo: bo, _link: link, _dir: dir }
}

async fn check_in(kiosk: &Arc<Kiosk>, host: &str) -> uuid::Uuid {
    let (k, host) = (kiosk.clone(), host.to_owned());
    let outcome = tokio::task::spawn_blocking(move || {
        k.check_in(&common::walk_in("Ada Lovelace", &host), &Actor::Visitor).unwrap()
    })
    .await
    .unwrap();
    assert!(outcome.admission.is_some(), "the visitor was let in");
    outcome.visit.id
}

async fn settles_on(kiosk: &Arc<Kiosk>, visit: uuid::Uuid, want: HostNotice) {
    eventually(WAIT, &format!("the notice {want:?}"), || kiosk.notices().notice(visit) == want).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_with_email_is_told_by_email_once_the_mail_is_accepted() {
    let l = lobby(&[]).await;
    let visit = check_in(&l.kiosk, "Grace Hopper").await;
    assert_ne!(l.kiosk.notices().notice(visit), HostNotice::Reception, "a reachable back office is not given up on");
    settles_on(&l.kiosk, visit, HostNotice::Told(Channel::Email)).await;
    assert_eq!(l.smtp.mails().len(), 1, "told only once the mail was there");
    assert!(l.kiosk.notices().open().is_empty(), "a final notice is no longer asked about");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_without_a_channel_is_left_to_reception() {
    let l = lobby(&[]).await;
    // Alan Turing has a phone number and no email.
    let visit = check_in(&l.kiosk, "Alan Turing").await;
    settles_on(&l.kiosk, visit, HostNotice::Reception).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_refused_on_every_try_is_left_to_reception() {
    let l = lobby(&["grace@example.org"]).await;
    let visit = check_in(&l.kiosk, "Grace Hopper").await;
    settles_on(&l.kiosk, visit, HostNotice::Reception).await;
    assert!(l.smtp.mails().iter().all(|m| m.to != ["grace@example.org"]), "Grace got nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_that_cannot_reach_its_back_office_says_reception() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let (kiosk, _link) = linked_kiosk(dir.path(), &format!("http://127.0.0.1:{port}"), Secret::new("t"));
    let visit = check_in(&kiosk, "Grace Hopper").await;
    settles_on(&kiosk, visit, HostNotice::Reception).await;
}
