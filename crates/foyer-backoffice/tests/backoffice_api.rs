//! The kiosk API at the HTTP level, on a real socket: authentication, bad
//! bodies, duplicates, health and metrics.

mod backoffice_support;

use backoffice_support::{arrival, post_events, seed_hosts, settings, Backoffice};
use foyer_wire::{BatchAck, EventBatch};
use serde_json::json;

fn batch(events: Vec<foyer_wire::WireEvent>) -> String {
    serde_json::to_string(&EventBatch { events }).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_or_revoked_token_gets_401_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    let token = bo.add_kiosk("lobby-1");
    let body = batch(vec![arrival(2, "Ada Lovelace")]);
    for t in [None, Some("fyk_not-a-token"), Some("")] {
        let r = post_events(&bo.url, t, body.clone()).await;
        assert_eq!(r.status(), 401, "token {t:?}");
        assert_eq!(r.headers()["www-authenticate"], "Bearer");
    }
    bo.state.db.with(|c| foyer_backoffice::db::kiosks::revoke(c, "lobby-1")).unwrap();
    assert_eq!(post_events(&bo.url, Some(token.expose()), body).await.status(), 401);
    let sync = backoffice_support::http()
        .get(format!("{}/api/v1/sync", bo.url))
        .bearer_auth(token.expose())
        .send()
        .await
        .unwrap();
    assert_eq!(sync.status(), 401);
    assert_eq!(bo.count("SELECT count(*) FROM events"), 0);
    assert_eq!(bo.count("SELECT count(*) FROM visits"), 0);
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_oversized_and_unknown_type_events_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    let token = bo.add_kiosk("lobby-1");
    let t = Some(token.expose());

    let r = post_events(&bo.url, t, "{\"events\": [").await;
    assert_eq!(r.status(), 400);
    assert!(r.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().contains("malformed"));

    let good = serde_json::to_value(arrival(2, "Ada Lovelace")).unwrap();
    let unknown = json!({"event_id": uuid::Uuid::new_v4(), "occurred_at": 1, "type": "visit.teleported", "data": {}});
    let r = post_events(&bo.url, t, json!({"events": [good, unknown]}).to_string()).await;
    assert_eq!(r.status(), 422, "a batch with one unknown type is refused whole");
    assert!(!r.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().is_empty());

    let missing = json!({"events": [{"event_id": uuid::Uuid::new_v4(), "type": "visit.denied", "data": {}}]});
    assert_eq!(post_events(&bo.url, t, missing.to_string()).await.status(), 422);
    assert_eq!(post_events(&bo.url, t, "[1, 2]").await.status(), 422);

    let huge = format!("{{\"events\": [], \"pad\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    assert_eq!(post_events(&bo.url, t, huge).await.status(), 413);

    assert_eq!(bo.count("SELECT count(*) FROM events"), 0);
    assert_eq!(bo.count("SELECT count(*) FROM visits"), 0);
    assert_eq!(bo.count("SELECT count(*) FROM notifications"), 0);
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_event_id_is_acknowledged_and_applied_once() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let t = Some(token.expose());
    let (e1, e2, e3) = (arrival(3, "Ada Lovelace"), arrival(3, "Mary Somerville"), arrival(3, "Emmy Noether"));
    let r = post_events(&bo.url, t, batch(vec![e1.clone(), e2.clone()])).await;
    assert_eq!(r.json::<BatchAck>().await.unwrap(), BatchAck { accepted: 2, duplicates: 0 });
    let r = post_events(&bo.url, t, batch(vec![e1.clone(), e2, e3])).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<BatchAck>().await.unwrap(), BatchAck { accepted: 1, duplicates: 2 });
    assert_eq!(bo.count("SELECT count(*) FROM events"), 3);
    assert_eq!(bo.count("SELECT count(*) FROM visits"), 3);
    let id = e1.event_id.to_string();
    let n: i64 = bo
        .state
        .db
        .with(move |c| Ok(c.query_row("SELECT count(*) FROM notifications WHERE event_id = ?1", [id], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 1, "one notification (Alan has no channel and no SMTP: reception is unreachable, recorded once)");
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_metrics_and_unknown_routes_answer() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    post_events(&bo.url, Some(token.expose()), batch(vec![arrival(1, "Ada Lovelace")])).await;
    let client = backoffice_support::http();
    let health = client.get(format!("{}/healthz", bo.url)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let metrics = client.get(format!("{}/metrics", bo.url)).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("foyer_events_received_total{type=\"visit.arrived\"} 1\n"), "{metrics}");
    assert!(metrics.contains("foyer_ingest_seconds_count 1\n"));
    assert!(metrics.contains("foyer_notification_queue_length"));
    let missing = client.get(format!("{}/api/v1/nothing", bo.url)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.json::<serde_json::Value>().await.unwrap()["error"], "no such route");
    bo.stop().await;
}
