//! Real parts for the back-office tests: the back office on 127.0.0.1:0
//! with a temp-file database, a real SMTP server (our own, with optional
//! STARTTLS or implicit TLS) and a webhook receiver (axum) on loopback, all
//! started by the test.
#![allow(dead_code)]

pub mod console;
pub mod logs;
pub mod mime;
pub mod smtp;
mod smtp_session;
mod smtp_tls;
pub mod tls_certs;
pub mod webhooks;

use std::path::Path;
use std::time::{Duration, Instant};

use foyer_backoffice::db::{directory, kiosks};
use foyer_backoffice::settings::TlsMode;
use foyer_backoffice::{AppState, BackofficeSettings};
use foyer_domain::host::NewHost;
use foyer_domain::Secret;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running back office.
pub struct Backoffice {
    pub url: String,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    handle: JoinHandle<anyhow::Result<()>>,
}

impl Backoffice {
    /// Starts on a fresh loopback port with the database in `dir`.
    pub async fn start(settings: BackofficeSettings, dir: &Path) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::start_on(settings, dir, listener).await
    }

    /// Starts on a given listener (a restart on the same port).
    pub async fn start_on(mut settings: BackofficeSettings, dir: &Path, listener: tokio::net::TcpListener) -> Self {
        settings.db = Some(dir.join("backoffice.db"));
        let db = foyer_backoffice::db::Db::open(&dir.join("backoffice.db")).unwrap();
        let state = AppState::new(db, settings);
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = tokio::spawn(foyer_backoffice::serve_state(state.clone(), listener, async move {
            let _ = stopped.await;
        }));
        Self { url, state, stop: Some(stop), handle }
    }

    /// Stops gracefully and waits for the service to end.
    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(30), self.handle).await.unwrap().unwrap().unwrap();
    }

    pub fn add_kiosk(&self, name: &str) -> Secret {
        self.state.db.with(|c| kiosks::add(c, name)).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.state.db.with(|c| Ok(c.query_row(sql, [], |r| r.get(0))?)).unwrap()
    }

    /// The kiosk event ids in the order the back office stored them.
    pub fn received(&self) -> Vec<String> {
        self.state
            .db
            .with(|c| {
                let mut stmt = c.prepare("SELECT event_id FROM events ORDER BY seq")?;
                let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
                Ok(ids)
            })
            .unwrap()
    }
}

/// Settings for tests: fast retries, email through `smtp_port` if given.
pub fn settings(smtp_port: Option<u16>, reception: Option<&str>) -> BackofficeSettings {
    let mut s = BackofficeSettings::default();
    if let Some(port) = smtp_port {
        s.smtp.host = "127.0.0.1".into();
        s.smtp.port = port;
        s.smtp.tls = TlsMode::None;
        s.smtp.from = "Foyer <foyer@example.org>".into();
        s.smtp.timeout_secs = 5;
    }
    s.reception_email = reception.map(Into::into);
    s.notify_retries = 2;
    s.notify_backoff_ms = 20;
    s.webhooks.secret = Secret::new("webhook-test-key");
    s.webhooks.timeout_secs = 2;
    s
}

/// The hosts of `tests/common` (same order, so the same ids: Charles 1,
/// Grace 2, Alan 3), imported into the back office.
pub fn seed_hosts(bo: &Backoffice) {
    let list = [
        NewHost::parse("Charles Babbage", Some("charles@example.org"), None, Some("Engines")).unwrap(),
        NewHost::parse("Grace Hopper", Some("grace@example.org"), None, Some("Compilers")).unwrap(),
        NewHost::parse("Alan Turing", None, Some("+44 161 555 0100"), None).unwrap(),
    ];
    bo.state.db.with(|c| directory::import_hosts(c, &list)).unwrap();
}

/// Sets a host's webhook.
pub fn set_webhook(bo: &Backoffice, host_id: i64, email: bool, kind: &str, url: &str) {
    bo.state.db.with(|c| directory::set_notify(c, host_id, email, Some((kind, url)))).unwrap();
}

/// Polls `check` every 10 ms until it holds or `limit` passes.
pub async fn eventually(limit: Duration, what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !check() {
        assert!(Instant::now() < deadline, "timed out after {limit:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A `visit.arrived` event for host `host_id`, as a kiosk would send it.
pub fn arrival(host_id: i64, name: &str) -> foyer_wire::WireEvent {
    use foyer_domain::events::{KioskEvent, VisitSummary};
    // The back office refuses events dated far from its clock.
    let now = foyer_backoffice::db::now_unix();
    foyer_wire::WireEvent {
        event_id: uuid::Uuid::new_v4(),
        occurred_at: now,
        event: KioskEvent::VisitArrived(VisitSummary {
            visit_id: uuid::Uuid::new_v4(),
            visitor_name: name.into(),
            company: Some("Acme".into()),
            email: None,
            phone: None,
            host_id,
            host_name: "Grace Hopper".into(),
            visitor_type: foyer_domain::VisitorType::Guest,
            arrived_at: now,
            kiosk: "lobby-1".into(),
            agreement_version: Some(1),
            invitation: None,
        }),
    }
}

/// Posts `body` to the events route with `token` (none: no header).
pub async fn post_events(url: &str, token: Option<&str>, body: impl Into<reqwest::Body>) -> reqwest::Response {
    let mut r = http().post(format!("{url}/api/v1/events")).header("content-type", "application/json").body(body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    r.send().await.unwrap()
}

/// An HTTP client for tests. reqwest is built without a TLS crypto
/// provider, so `reqwest::Client::new()` would panic: use this one.
pub fn http() -> reqwest::Client {
    foyer_backoffice::http::client(Duration::from_secs(60)).unwrap()
}
