//! The kiosk's link to the back office: the outbox forwarder, the directory
//! sync, the desk-command loop and the host notices, each its own task. All
//! survive the back office being away; the kiosk works on from its own store.

pub mod backoff;
pub mod bisect;
pub mod client;
pub mod commands;
pub mod execute;
pub mod forwarder;
pub mod notices;
pub mod outgoing;
pub mod sync;
pub mod verdict;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

pub use client::{BackofficeClient, LinkError};

use super::Kiosk;
use foyer_domain::Secret;

/// Where the back office is, how often to sync, how to retry.
#[derive(Debug, Clone)]
pub struct LinkSettings {
    /// e.g. `http://127.0.0.1:8080`.
    pub url: String,
    pub token: Secret,
    pub sync_interval: Duration,
    /// The longest wait between two tries while the back office is away.
    pub max_backoff: Duration,
    /// Events per request.
    pub batch_size: u32,
}

impl LinkSettings {
    /// The defaults: sync every 30 s, back off up to 30 s, 200 events a batch.
    pub fn new(url: impl Into<String>, token: Secret) -> Self {
        Self {
            url: url.into(),
            token,
            sync_interval: Duration::from_secs(30),
            max_backoff: forwarder::MAX_BACKOFF,
            batch_size: forwarder::BATCH,
        }
    }
}

/// Runs the link for `kiosk` until `shutdown` completes, then stops its
/// tasks. Events not yet acknowledged stay in the outbox for the next start.
/// Fails only when the client cannot be built.
pub async fn run_link(
    kiosk: Arc<Kiosk>,
    settings: LinkSettings,
    shutdown: impl Future<Output = ()>,
) -> Result<(), LinkError> {
    let client = BackofficeClient::new(&settings.url, settings.token.clone())?;
    let (stop, stop_rx) = watch::channel(false);
    let forwarder = tokio::spawn(forwarder::run_forwarder(
        client.clone(),
        kiosk.clone(),
        settings.batch_size,
        settings.max_backoff,
        stop_rx.clone(),
    ));
    let sync = tokio::spawn(sync::run_sync(client.clone(), kiosk.clone(), settings.sync_interval, stop_rx.clone()));
    let notices = tokio::spawn(notices::run_notices(client.clone(), kiosk.clone(), stop_rx.clone()));
    let commands = tokio::spawn(commands::run_commands(client, kiosk.clone(), settings.max_backoff, stop_rx));
    kiosk.notices().set_linked(true);
    tracing::info!(url = %settings.url, "kiosk linked to the back office");
    shutdown.await;
    kiosk.notices().set_linked(false);
    stop.send_replace(true);
    forwarder.await?;
    sync.await?;
    notices.await?;
    commands.await?;
    Ok(())
}
