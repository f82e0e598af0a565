//! The kiosk's HTTP client of the back-office API.

use std::time::Duration;

use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;

use super::outgoing::OutgoingBatch;
use crate::store::outbox::OutboxEvent;
use foyer_domain::Secret;
use foyer_wire::ErrorBody;
use foyer_wire::{BatchAck, CommandAck, CommandList, NotificationRow, SyncResponse};

/// Why a call to the back office failed.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("the back office cannot be reached: {0}")]
    Http(#[from] reqwest::Error),
    /// An answer other than success. `explained`: the body was the back
    /// office's own error JSON and `body` is its message, so the refusal is
    /// Foyer's and not a proxy's in between. `refused_event`: the one event
    /// of the batch the back office refused, when it named one.
    #[error("the back office answered {status}: {body}")]
    Status { status: StatusCode, body: String, explained: bool, refused_event: Option<uuid::Uuid> },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("link task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Requests of one kiosk, with its bearer token.
#[derive(Clone)]
pub struct BackofficeClient {
    http: reqwest::Client,
    base: String,
    token: Secret,
}

/// Per-request time limit beyond a long poll's wait.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

impl BackofficeClient {
    /// A client of the back office at `base` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base: &str, token: Secret) -> Result<Self, LinkError> {
        let http = http_client(REQUEST_TIMEOUT)?;
        Ok(Self { http, base: base.trim_end_matches('/').to_owned(), token })
    }

    fn authed(&self, r: RequestBuilder) -> RequestBuilder {
        r.bearer_auth(self.token.expose())
    }

    async fn json<T: DeserializeOwned>(r: RequestBuilder) -> Result<T, LinkError> {
        let response = r.send().await?;
        let status = response.status();
        if !status.is_success() {
            return Err(Self::refusal(response).await);
        }
        let bytes = response.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| LinkError::Status {
            status,
            body: format!("unreadable answer: {e}"),
            explained: false,
            refused_event: None,
        })
    }

    /// The error of an unsuccessful answer, with the back office's message
    /// when it sent one.
    async fn refusal(response: reqwest::Response) -> LinkError {
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        let (message, explained, refused_event) = match serde_json::from_str::<ErrorBody>(&text) {
            Ok(e) => (e.error, true, e.refused_event),
            Err(_) => (text, false, None),
        };
        LinkError::Status { status, body: message.chars().take(500).collect(), explained, refused_event }
    }

    /// Posts outbox rows in order; `Ok` means the back office stored them all.
    pub async fn post_events(&self, rows: &[OutboxEvent]) -> Result<BatchAck, LinkError> {
        let body = OutgoingBatch::of(rows);
        Self::json(self.authed(self.http.post(format!("{}/api/v1/events", self.base))).json(&body)).await
    }

    /// The directory changes after `since`.
    pub async fn sync(&self, since: i64) -> Result<SyncResponse, LinkError> {
        let url = format!("{}/api/v1/sync?since={since}", self.base);
        Self::json(self.authed(self.http.get(url))).await
    }

    /// Waits up to `wait` for commands with an id above `after`.
    pub async fn commands(&self, after: i64, wait: Duration) -> Result<CommandList, LinkError> {
        let url = format!("{}/api/v1/commands?after={after}&wait={}", self.base, wait.as_secs());
        Self::json(self.authed(self.http.get(url)).timeout(wait + REQUEST_TIMEOUT)).await
    }

    /// The back office's deliveries of the notices of one visit.
    pub async fn notifications(&self, visit_id: uuid::Uuid) -> Result<Vec<NotificationRow>, LinkError> {
        let url = format!("{}/api/v1/notifications?visit_id={visit_id}", self.base);
        Self::json(self.authed(self.http.get(url))).await
    }

    /// Acknowledges a command with what the kiosk did.
    pub async fn ack(&self, id: i64, ack: &CommandAck) -> Result<(), LinkError> {
        let url = format!("{}/api/v1/commands/{id}/ack", self.base);
        let response = self.authed(self.http.post(url)).json(ack).send().await?;
        if !response.status().is_success() {
            return Err(Self::refusal(response).await);
        }
        Ok(())
    }
}

/// A client with `timeout` per request: rustls with the ring provider, so no
/// C toolchain beyond cc is needed. Plain http works as well as https.
fn http_client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    // reqwest is built without a crypto provider; ring is ours. Installing
    // twice is harmless (the first one stays).
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().timeout(timeout).connect_timeout(timeout.min(Duration::from_secs(5))).build()
}
