//! Starting and stopping: the in-process back office of the quick start
//! keeps its kiosk token across restarts, and a stop loses no notification.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use backoffice_support::smtp::SmtpServer;
use backoffice_support::{arrival, eventually, http, post_events, seed_hosts, settings, Backoffice};
use foyer_backoffice::server::IN_PROCESS_TOKEN_FILE;
use foyer_backoffice::{start_in_process, BackofficeSettings};
use foyer_domain::Secret;
use foyer_wire::EventBatch;

async fn start(
    dir: &std::path::Path,
) -> (String, Secret, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<anyhow::Result<()>>) {
    let s = BackofficeSettings { listen: "127.0.0.1:0".parse().unwrap(), ..Default::default() };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (url, token, handle) = start_in_process(&s, dir, "lobby-1", async move {
        let _ = stopped.await;
    })
    .await
    .unwrap();
    (url, token, stop, handle)
}

async fn sync_status(url: &str, token: &Secret) -> u16 {
    http().get(format!("{url}/api/v1/sync")).bearer_auth(token.expose()).send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_in_process_back_office_keeps_its_kiosk_token_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let (url, first, stop, handle) = start(dir.path()).await;
    assert_eq!(sync_status(&url, &first).await, 200);
    let file = dir.path().join(IN_PROCESS_TOKEN_FILE);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let _ = stop.send(());
    handle.await.unwrap().unwrap();

    let (url, second, stop, handle) = start(dir.path()).await;
    assert_eq!(second, first, "a restart reuses the saved token");
    assert_eq!(sync_status(&url, &second).await, 200);
    let _ = stop.send(());
    handle.await.unwrap().unwrap();

    // A token revoked by an admin is not reused: a new one replaces it.
    let db = foyer_backoffice::db::Db::open(&dir.path().join("backoffice.db")).unwrap();
    db.with(|c| foyer_backoffice::db::kiosks::revoke(c, "lobby-1")).unwrap();
    drop(db);
    let (url, third, stop, handle) = start(dir.path()).await;
    assert_ne!(third, first);
    assert_eq!(sync_status(&url, &first).await, 401);
    assert_eq!(sync_status(&url, &third).await, 200);
    let _ = stop.send(());
    handle.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_queued_at_a_stop_are_sent_after_the_restart() {
    let dir = tempfile::tempdir().unwrap();
    // SMTP is configured but nothing listens yet: every attempt fails.
    let dead_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut slow = settings(Some(dead_port), None);
    slow.notify_backoff_ms = 60_000;
    let bo = Backoffice::start(slow, dir.path()).await;
    seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let events: Vec<_> = (0..5).map(|i| arrival(2, &format!("Visitor {i}"))).collect();
    let body = serde_json::to_string(&EventBatch { events }).unwrap();
    assert_eq!(post_events(&bo.url, Some(token.expose()), body).await.status(), 200);
    eventually(Duration::from_secs(10), "a first failed attempt of each", || {
        bo.count("SELECT count(*) FROM notifications WHERE attempts = 1 AND status = 'queued'") == 5
    })
    .await;
    bo.stop().await;

    let smtp = SmtpServer::start(&[]);
    let mut fast = settings(Some(smtp.port), None);
    fast.notify_backoff_ms = 1;
    let bo = Backoffice::start(fast, dir.path()).await;
    // The retry is due in a minute; an admin's restart must not lose it, and
    // it is sent when due. Make it due now rather than wait.
    bo.state.db.with(|c| Ok(c.execute("UPDATE notifications SET next_attempt_at = 0", [])?)).unwrap();
    bo.state.notifier.notify_one();
    eventually(Duration::from_secs(20), "the five emails, recorded as sent", || {
        smtp.mails().len() == 5 && bo.count("SELECT count(*) FROM notifications WHERE status = 'sent'") == 5
    })
    .await;
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_url_the_kiosk_runs_its_own_back_office() {
    let dir = tempfile::tempdir().unwrap();
    let s = BackofficeSettings { listen: "127.0.0.1:0".parse().unwrap(), ..Default::default() };
    let kiosk = std::sync::Arc::new(common::open_kiosk(
        &dir.path().join("kiosk.db"),
        foyer_devices::fake::FakePrinter::new(),
        foyer_devices::fake::FakeRelay::new(),
    ));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (k, data_dir) = (kiosk.clone(), dir.path().to_owned());
    let running = tokio::spawn(async move {
        foyer::embedded::run_with_backoffice(k, &Default::default(), &s, &data_dir, async move {
            let _ = stopped.await;
        })
        .await
    });
    let k = kiosk.clone();
    tokio::task::spawn_blocking(move || {
        k.check_in(&common::walk_in("Ada Lovelace", "Grace Hopper"), &foyer_kiosk::Actor::Visitor).unwrap()
    })
    .await
    .unwrap();
    eventually(Duration::from_secs(20), "the outbox drained to the in-process back office", || {
        foyer_kiosk::store::outbox::pending_count(kiosk.store().conn()).unwrap() == 0
    })
    .await;
    let _ = stop.send(());
    running.await.unwrap().unwrap();
    let db = foyer_backoffice::db::Db::open(&dir.path().join("backoffice.db")).unwrap();
    let visits: i64 = db.with(|c| Ok(c.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?)).unwrap();
    assert_eq!(visits, 1);
}
