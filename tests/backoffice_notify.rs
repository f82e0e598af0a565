//! Host notifications end to end: a real kiosk, the real back office on
//! loopback, a real SMTP server and a webhook receiver started here.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use backoffice_support::smtp::SmtpServer;
use backoffice_support::webhooks::Receiver;
use backoffice_support::{arrival, eventually, post_events, seed_hosts, set_webhook, settings, Backoffice};
use foyer_backoffice::db::notifications::{self, NotificationRow};
use foyer_backoffice::notify::webhook::sign;
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_kiosk::link::{run_link, LinkSettings};
use foyer_kiosk::Actor;
use foyer_wire::EventBatch;

const WAIT: Duration = Duration::from_secs(20);

fn rows(bo: &Backoffice) -> Vec<NotificationRow> {
    bo.state.db.with(|c| notifications::list(c, None, None, 1000)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_check_in_produces_one_email_and_one_signed_webhook_call() {
    let smtp = SmtpServer::start(&[]);
    let hooks = Receiver::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(Some(smtp.port), Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    set_webhook(&bo, 2, true, "generic", &hooks.url("grace"));
    let token = bo.add_kiosk("lobby-1");

    let db = dir.path().join("kiosk.db");
    let kiosk = Arc::new(common::open_kiosk(&db, FakePrinter::new(), FakeRelay::new()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let link_settings = LinkSettings::new(bo.url.clone(), token.clone());
    let link = tokio::spawn(run_link(kiosk.clone(), link_settings, async move {
        let _ = stopped.await;
    }));

    let k = kiosk.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        k.check_in(&common::walk_in("Ada Lovelace", "Grace Hopper"), &Actor::Visitor).unwrap()
    })
    .await
    .unwrap();
    eventually(WAIT, "one email and one webhook call", || smtp.mails().len() == 1 && hooks.hooks().len() == 1).await;
    // Nothing more arrives: exactly one of each.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (mails, calls) = (smtp.mails(), hooks.hooks());
    assert_eq!((mails.len(), calls.len()), (1, 1));

    let mail = &mails[0];
    assert_eq!(mail.to, ["grace@example.org"]);
    assert!(mail.data.contains("Subject: Ada Lovelace from Acme is here to see you"), "{}", mail.data);
    assert!(mail.data.contains("text/plain") && mail.data.contains("text/html"));
    assert!(!mail.data.contains("<img"), "no tracking pixel");

    let call = &calls[0];
    assert_eq!(call.signature.as_deref(), Some(sign(b"webhook-test-key", &call.body).as_str()));
    let body = call.json();
    assert_eq!(body["event"], "visit.arrived");
    assert_eq!(body["visitor_name"], "Ada Lovelace");
    assert_eq!(body["company"], "Acme");
    assert_eq!(body["host_name"], "Grace Hopper");
    assert_eq!(body["visit_id"], outcome.visit.id.to_string());

    let read = |token: String| {
        let url = format!("{}/api/v1/notifications?visit_id={}", bo.url, outcome.visit.id);
        async move {
            let r = backoffice_support::http().get(url).bearer_auth(token).send().await.unwrap();
            r.json::<Vec<NotificationRow>>().await.unwrap()
        }
    };
    let other = bo.state.db.with(|c| foyer_backoffice::db::kiosks::add(c, "lobby-2")).unwrap();
    assert!(read(other.expose().to_owned()).await.is_empty(), "another kiosk does not see this kiosk's visitors");
    let api = read(token.expose().to_owned()).await;
    let mut channels: Vec<(String, String)> = api.iter().map(|r| (r.channel.clone(), r.status.clone())).collect();
    channels.sort();
    assert_eq!(channels, [("email".into(), "sent".into()), ("webhook".into(), "sent".into())]);

    let _ = stop.send(());
    link.await.unwrap().unwrap();
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_and_teams_webhooks_get_their_own_formats() {
    let hooks = Receiver::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    set_webhook(&bo, 1, false, "slack", &hooks.url("slack"));
    set_webhook(&bo, 2, false, "teams", &hooks.url("teams"));
    let token = bo.add_kiosk("lobby-1");
    let body =
        serde_json::to_string(&EventBatch { events: vec![arrival(1, "Ada Lovelace"), arrival(2, "Mary Somerville")] });
    assert_eq!(post_events(&bo.url, Some(token.expose()), body.unwrap()).await.status(), 200);
    eventually(WAIT, "two webhook calls", || hooks.hooks().len() == 2).await;
    for call in hooks.hooks() {
        let json = call.json();
        assert_eq!(call.signature, None, "only generic webhooks are signed");
        match call.name.as_str() {
            "slack" => assert!(json["text"].as_str().unwrap().starts_with("Ada Lovelace from Acme is here to see you")),
            "teams" => {
                assert_eq!(json["@type"], "MessageCard");
                assert_eq!(json["title"], "Mary Somerville from Acme is here to see you");
            }
            other => panic!("unexpected endpoint {other}"),
        }
    }
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusing_smtp_server_is_retried_then_reception_is_told() {
    let smtp = SmtpServer::start(&["grace@example.org"]);
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(Some(smtp.port), Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let body = serde_json::to_string(&EventBatch { events: vec![arrival(2, "Ada Lovelace")] }).unwrap();
    assert_eq!(post_events(&bo.url, Some(token.expose()), body).await.status(), 200);
    eventually(WAIT, "the reception fallback, recorded as sent", || {
        smtp.mails().len() == 1 && rows(&bo).iter().any(|r| r.is_fallback && r.status == "sent")
    })
    .await;
    assert_eq!(smtp.refused(), 3, "the first attempt and two retries");
    let mail = &smtp.mails()[0];
    assert_eq!(mail.to, ["desk@example.org"]);
    assert!(mail.data.contains("Subject: Ada Lovelace from Acme is here to see Grace Hopper"), "{}", mail.data);
    let mut rows = rows(&bo);
    rows.sort_by_key(|r| r.id);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].channel.as_str(), rows[0].status.as_str(), rows[0].attempts), ("email", "failed", 3));
    assert!(rows[0].last_error.as_deref().unwrap().contains("451"), "{:?}", rows[0].last_error);
    assert_eq!((rows[1].channel.as_str(), rows[1].status.as_str(), rows[1].is_fallback), ("reception", "sent", true));
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_webhook_endpoint_never_blocks_the_others() {
    // Accepts connections and never answers: each call waits for its timeout.
    let black_hole = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/hook", black_hole.local_addr().unwrap());
    let hooks = Receiver::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(None, None);
    s.webhooks.timeout_secs = 10;
    let bo = Backoffice::start(s, dir.path()).await;
    seed_hosts(&bo);
    set_webhook(&bo, 1, false, "generic", &dead);
    set_webhook(&bo, 2, false, "generic", &hooks.url("grace"));
    let token = bo.add_kiosk("lobby-1");
    let mut events: Vec<_> = (0..3).map(|i| arrival(1, &format!("Stuck {i}"))).collect();
    events.extend((0..5).map(|i| arrival(2, &format!("Visitor {i}"))));
    let started = Instant::now();
    let body = serde_json::to_string(&EventBatch { events }).unwrap();
    assert_eq!(post_events(&bo.url, Some(token.expose()), body).await.status(), 200);
    eventually(Duration::from_secs(5), "the live endpoint's five calls", || hooks.hooks().len() == 5).await;
    assert!(started.elapsed() < Duration::from_secs(8), "the live calls waited for the dead endpoint's timeout");
    let stuck = rows(&bo).into_iter().filter(|r| r.host_id == Some(1) && r.status == "sent").count();
    assert_eq!(stuck, 0);
    drop(black_hole);
    bo.stop().await;
}
