//! The kiosk's HTTP client of the back-office API.

use std::time::Duration;

use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;

use crate::backoffice::secret::Secret;
use crate::backoffice::wire::{BatchAck, CommandAck, CommandList, EventBatch, SyncResponse, WireEvent};

/// Why a call to the back office failed.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("the back office cannot be reached: {0}")]
    Http(#[from] reqwest::Error),
    #[error("the back office answered {status}: {body}")]
    Status { status: StatusCode, body: String },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("an outbox row cannot be sent: {0}")]
    Corrupt(String),
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
        let http = crate::backoffice::http::client(REQUEST_TIMEOUT)?;
        Ok(Self { http, base: base.trim_end_matches('/').to_owned(), token })
    }

    fn authed(&self, r: RequestBuilder) -> RequestBuilder {
        r.bearer_auth(self.token.expose())
    }

    async fn json<T: DeserializeOwned>(r: RequestBuilder) -> Result<T, LinkError> {
        let response = r.send().await?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(LinkError::Status { status, body: body.chars().take(500).collect() });
        }
        let bytes = response.bytes().await?;
        serde_json::from_slice(&bytes)
            .map_err(|e| LinkError::Status { status, body: format!("unreadable answer: {e}") })
    }

    /// Posts events in order; `Ok` means the back office stored them all.
    pub async fn post_events(&self, events: Vec<WireEvent>) -> Result<BatchAck, LinkError> {
        let body = EventBatch { events };
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

    /// Acknowledges a command with what the kiosk did.
    pub async fn ack(&self, id: i64, ack: &CommandAck) -> Result<(), LinkError> {
        let url = format!("{}/api/v1/commands/{id}/ack", self.base);
        let response = self.authed(self.http.post(url)).json(ack).send().await?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(LinkError::Status { status, body });
        }
        Ok(())
    }
}
