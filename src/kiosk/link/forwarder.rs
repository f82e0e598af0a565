//! The outbox forwarder: sends the kiosk's events to the back office in
//! order, and marks them sent only once the back office has acknowledged
//! them. After a crash the unmarked ones go again; the back office knows
//! them by id, so none is applied twice and none is lost.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::backoff::Backoff;
use super::client::{BackofficeClient, LinkError};
use crate::backoffice::wire::WireEvent;
use crate::kiosk::Kiosk;
use crate::store::outbox;

/// Events per request: large enough to catch up fast after days offline,
/// small enough to stay far under the back office's body limit.
pub const BATCH: u32 = 200;
/// How often an idle forwarder looks for new events (a cheap indexed read).
const IDLE_POLL: Duration = Duration::from_millis(20);
/// The longest wait between two tries while the back office is away.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Forwards the kiosk's outbox until `stop` turns true. It goes through the
/// kiosk's own connection: a second writer on the file would make the
/// kiosk's read-then-write transactions fail with SQLITE_BUSY at once (WAL
/// cannot let a stale reader wait for a writer), and a check-in must not fail.
pub async fn run_forwarder(
    client: BackofficeClient,
    kiosk: Arc<Kiosk>,
    batch: u32,
    max_backoff: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut backoff = Backoff::new(Duration::from_millis(250).min(max_backoff), max_backoff);
    while !*stop.borrow() {
        let wait = match forward_batch(&client, &kiosk, batch).await {
            Ok(0) => IDLE_POLL,
            Ok(_) => {
                backoff.reset();
                continue;
            }
            Err(e) => {
                let wait = backoff.next_wait();
                tracing::warn!(error = %e, retry_in_ms = wait.as_millis() as u64, "cannot forward events");
                wait
            }
        };
        tokio::select! {
            _ = stop.changed() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

/// Sends the oldest unsent events; returns how many were acknowledged.
pub async fn forward_batch(client: &BackofficeClient, kiosk: &Arc<Kiosk>, batch: u32) -> Result<usize, LinkError> {
    let k = kiosk.clone();
    let rows = tokio::task::spawn_blocking(move || outbox::pending(k.store().conn(), batch.max(1))).await??;
    if rows.is_empty() {
        return Ok(0);
    }
    let events = rows
        .iter()
        .map(|r| WireEvent::from_outbox(r).map_err(|e| LinkError::Corrupt(format!("outbox seq {}: {e}", r.seq))))
        .collect::<Result<Vec<_>, _>>()?;
    let count = events.len();
    client.post_events(events).await?;
    let k = kiosk.clone();
    let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
    tokio::task::spawn_blocking(move || outbox::mark_sent(k.store().conn_mut(), &seqs)).await??;
    Ok(count)
}
