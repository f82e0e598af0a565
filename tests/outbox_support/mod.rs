//! Shared parts of the outbox quarantine tests: a kiosk whose outbox holds
//! an event its back office does not know, the link running against a real
//! back office, and what both sides recorded.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use foyer_domain::Secret;
use foyer_kiosk::link::{run_link, LinkError, LinkSettings};
use foyer_kiosk::store::quarantine::{self, OutboxEntry};
use foyer_kiosk::store::{audit, outbox};
use foyer_kiosk::{Actor, Kiosk};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::backoffice_support::{http, Backoffice};
use super::common;

/// Checks in `n` delivery visitors (three events each: arrival, badge, door).
pub fn check_in_many(kiosk: &Kiosk, first: usize, n: usize) {
    for i in first..first + n {
        kiosk.check_in(&common::walk_in(&format!("Visitor {i}"), "Grace Hopper"), &Actor::Visitor).unwrap();
    }
}

/// Appends an outbox row as a newer kiosk would write it: a type the back
/// office does not know. Returns its event id.
pub fn push_unknown_type(kiosk: &Kiosk) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    kiosk
        .store()
        .conn()
        .execute(
            "INSERT INTO outbox (event_id, event_type, payload, created_at)
             VALUES (?1, 'visit.teleported', '{\"to\":\"mars\"}', 1700000000)",
            [&id],
        )
        .unwrap();
    id
}

/// Every outbox event id, in the kiosk's order.
pub fn outbox_ids(kiosk: &Kiosk) -> Vec<String> {
    let store = kiosk.store();
    let mut stmt = store.conn().prepare("SELECT event_id FROM outbox ORDER BY seq").unwrap();
    let ids = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<Vec<String>, _>>().unwrap();
    ids
}

pub fn without(ids: &[String], gone: &str) -> Vec<String> {
    ids.iter().filter(|i| *i != gone).cloned().collect()
}

pub fn held(kiosk: &Kiosk) -> Vec<OutboxEntry> {
    quarantine::unsent(kiosk.store().conn(), true).unwrap()
}

pub fn waiting(kiosk: &Kiosk) -> i64 {
    outbox::pending_count(kiosk.store().conn()).unwrap()
}

/// The details of the kiosk's audit entries `action` about `event_id`.
pub fn audits(kiosk: &Kiosk, action: &str, event_id: &str) -> Vec<serde_json::Value> {
    let entries = audit::recent(kiosk.store().conn(), None, 10_000).unwrap();
    entries.into_iter().filter(|e| e.action == action && e.detail["event_id"] == event_id).map(|e| e.detail).collect()
}

/// A counter of the back office's /metrics: batches refused, batches stored.
pub async fn metric(bo: &Backoffice, name: &str) -> u64 {
    let text = http().get(format!("{}/metrics", bo.url)).send().await.unwrap().text().await.unwrap();
    let line = text.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap_or_else(|| panic!("no {name}"));
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

pub const REFUSED: &str = "foyer_event_batches_rejected_total";
pub const STORED: &str = "foyer_ingest_seconds_count";

/// The kiosk's link running in this process until `stop`.
pub struct Link {
    stop: Option<oneshot::Sender<()>>,
    handle: JoinHandle<Result<(), LinkError>>,
}

impl Link {
    pub fn start(kiosk: &Arc<Kiosk>, url: &str, token: Secret) -> Self {
        let mut settings = LinkSettings::new(url, token);
        settings.max_backoff = Duration::from_millis(200);
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = tokio::spawn(run_link(kiosk.clone(), settings, async move {
            let _ = stopped.await;
        }));
        Self { stop: Some(stop), handle }
    }

    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(30), self.handle).await.unwrap().unwrap().unwrap();
    }
}
