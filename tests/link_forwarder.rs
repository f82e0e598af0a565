//! The outbox forwarder against the real back office: events made while the
//! back office is down all arrive once and in order when it comes up, and a
//! kiosk killed in the middle of a drain resumes without a duplicate.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use backoffice_support::{eventually, settings, Backoffice};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::Secret;
use foyer_kiosk::link::{run_link, LinkSettings};
use foyer_kiosk::store::{outbox, Store};
use foyer_kiosk::{Actor, Kiosk};

const WAIT: Duration = Duration::from_secs(60);

fn check_in_many(kiosk: &Kiosk, n: usize) {
    for i in 0..n {
        kiosk.check_in(&common::walk_in(&format!("Visitor {i}"), "Grace Hopper"), &Actor::Visitor).unwrap();
    }
}

/// The kiosk's outbox event ids in order, and how many are unsent.
fn kiosk_outbox(db: &Path) -> (Vec<String>, i64) {
    let store = Store::open(db).unwrap();
    let mut stmt = store.conn().prepare("SELECT event_id FROM outbox ORDER BY seq").unwrap();
    let ids = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<Vec<String>, _>>().unwrap();
    let unsent = outbox::pending_count(store.conn()).unwrap();
    (ids, unsent)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_made_while_the_back_office_is_down_all_arrive_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    // Reserve a port, then leave it closed: the back office is down.
    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let db = dir.path().join("kiosk.db");
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    // The token must exist before the back office does: make the database first.
    let token = {
        let bo_db = foyer_backoffice::db::Db::open(&dir.path().join("backoffice.db")).unwrap();
        bo_db.with(|c| foyer_backoffice::db::kiosks::add(c, "lobby-1")).unwrap()
    };
    let mut link_settings = LinkSettings::new(format!("http://{addr}"), token);
    link_settings.max_backoff = Duration::from_millis(300);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let link = tokio::spawn(run_link(kiosk.clone(), link_settings, async move {
        let _ = stopped.await;
    }));

    let k = kiosk.clone();
    tokio::task::spawn_blocking(move || check_in_many(&k, 200)).await.unwrap();
    let (ids, unsent) = kiosk_outbox(&db);
    assert_eq!(ids.len(), 600, "arrival, badge and door events of 200 check-ins");
    assert_eq!(unsent, 600, "nothing was sent while the back office was down");

    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let bo = Backoffice::start_on(settings(None, None), dir.path(), listener).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    eventually(WAIT, "the outbox to drain", || kiosk_outbox(&db).1 == 0).await;
    assert_eq!(bo.received(), ids, "every event once, in the kiosk's order");
    assert_eq!(bo.count("SELECT count(*) FROM visits WHERE state = 'on_site'"), 200);

    let _ = stop.send(());
    link.await.unwrap().unwrap();
    bo.stop().await;
}

const CHILD_DB: &str = "FOYER_TEST_LINK_CHILD_DB";
const CHILD_URL: &str = "FOYER_TEST_LINK_CHILD_URL";
const CHILD_TOKEN: &str = "FOYER_TEST_LINK_CHILD_TOKEN";

/// The kiosk process the test below kills: forwards its outbox in small
/// batches (so a drain takes long enough to be interrupted).
#[test]
#[ignore = "child process of a_kiosk_killed_mid_drain_resumes_without_a_duplicate"]
fn forwarding_child() {
    let db = std::path::PathBuf::from(std::env::var(CHILD_DB).expect("run by the parent test"));
    let mut s = LinkSettings::new(std::env::var(CHILD_URL).unwrap(), Secret::new(std::env::var(CHILD_TOKEN).unwrap()));
    s.batch_size = 10;
    s.max_backoff = Duration::from_millis(200);
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    println!("forwarding");
    // Bounded: the parent kills this process long before.
    rt.block_on(async { run_link(kiosk, s, tokio::time::sleep(Duration::from_secs(60))).await }).unwrap();
}

fn spawn_child(db: &Path, url: &str, token: &str) -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "forwarding_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, db)
        .env(CHILD_URL, url)
        .env(CHILD_TOKEN, token)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(Ok(line)) = lines.next() {
        if line.contains("forwarding") {
            break;
        }
    }
    child
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_killed_mid_drain_resumes_without_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let kiosk = common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new());
    tokio::task::spawn_blocking(move || check_in_many(&kiosk, 300)).await.unwrap();
    let (ids, _) = kiosk_outbox(&db);
    assert_eq!(ids.len(), 900);

    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let mut kills = 0;
    for threshold in [150, 450] {
        let mut child = spawn_child(&db, &bo.url, token.expose());
        let deadline = Instant::now() + WAIT;
        while (bo.received().len() as i64) < threshold && Instant::now() < deadline {
            assert!(child.try_wait().unwrap().is_none(), "the kiosk process ended on its own");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        // SIGKILL: no clean stop, maybe between the back office's commit
        // and the kiosk marking the batch sent.
        child.kill().unwrap();
        child.wait().unwrap();
        let got = bo.received().len();
        assert!(got >= threshold as usize, "only {got} events arrived before the kill");
        if got < ids.len() {
            kills += 1;
        }
    }
    assert!(kills >= 1, "the drain was never interrupted");
    let mut child = spawn_child(&db, &bo.url, token.expose());
    eventually(WAIT, "the rest of the outbox", || kiosk_outbox(&db).1 == 0).await;
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(bo.received(), ids, "every event exactly once, in order");
    assert_eq!(bo.count("SELECT count(*) FROM visits"), 300);
    assert_eq!(bo.count("SELECT count(*) FROM notifications"), 300, "one (unreachable) notice per arrival");
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_ins_never_fail_while_the_forwarder_drains_beside_them() {
    // A second connection writing the kiosk's file would make check-ins
    // fail with SQLITE_BUSY at once; the link must share the kiosk's.
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let db = dir.path().join("kiosk.db");
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let mut link_settings = LinkSettings::new(bo.url.clone(), token);
    link_settings.batch_size = 5; // many small commits beside the check-ins
    let link = tokio::spawn(run_link(kiosk.clone(), link_settings, async move {
        let _ = stopped.await;
    }));
    let k = kiosk.clone();
    tokio::task::spawn_blocking(move || check_in_many(&k, 300)).await.unwrap();
    eventually(WAIT, "the outbox to drain", || kiosk_outbox(&db).1 == 0).await;
    assert_eq!(bo.received(), kiosk_outbox(&db).0);
    let _ = stop.send(());
    link.await.unwrap().unwrap();
    bo.stop().await;
}
