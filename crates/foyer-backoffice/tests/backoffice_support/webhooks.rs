//! A local HTTP server standing in for Slack, Teams and generic webhook
//! receivers: records every call; can answer with an error status.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;

/// One call received.
#[derive(Debug, Clone)]
pub struct Hook {
    pub name: String,
    pub signature: Option<String>,
    pub body: Bytes,
    pub at: Instant,
}

impl Hook {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

#[derive(Clone)]
struct Shared {
    hooks: Arc<Mutex<Vec<Hook>>>,
    status: Arc<AtomicU16>,
}

/// The receiver; `url(name)` is the webhook URL of one endpoint.
pub struct Receiver {
    pub base: String,
    shared: Shared,
}

impl Receiver {
    pub async fn start() -> Self {
        let shared = Shared { hooks: Arc::default(), status: Arc::new(AtomicU16::new(200)) };
        let app = Router::new().route("/hook/{name}", post(receive)).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { base, shared }
    }

    pub fn url(&self, name: &str) -> String {
        format!("{}/hook/{name}", self.base)
    }

    pub fn hooks(&self) -> Vec<Hook> {
        self.shared.hooks.lock().unwrap().clone()
    }

    /// Every later call is answered with `status` (e.g. 503: a dead endpoint).
    pub fn answer_with(&self, status: u16) {
        self.shared.status.store(status, Ordering::SeqCst);
    }
}

async fn receive(State(s): State<Shared>, Path(name): Path<String>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers.get("x-foyer-signature").and_then(|v| v.to_str().ok()).map(str::to_owned);
    s.hooks.lock().unwrap().push(Hook { name, signature, body, at: Instant::now() });
    StatusCode::from_u16(s.status.load(Ordering::SeqCst)).unwrap()
}
