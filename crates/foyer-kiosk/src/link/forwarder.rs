//! The outbox forwarder: sends the kiosk's events to the back office in
//! order, and marks them sent only once the back office has acknowledged
//! them. After a crash the unmarked ones go again; the back office knows
//! them by id, so none is applied twice and none is lost. An event the back
//! office refuses on its own is held back (`store::quarantine`) so that it
//! does not stop every later one; other failures are retried with backoff.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::backoff::Backoff;
use super::bisect::{Plan, Step};
use super::client::{BackofficeClient, LinkError};
use super::verdict::{classify, is_token_refused, Verdict};
use crate::store::outbox::{self, OutboxEvent};
use crate::store::quarantine;
use crate::{Actor, Kiosk};

/// Events per request: large enough to catch up fast after days offline,
/// small enough to stay far under the back office's body limit.
pub const BATCH: u32 = 200;
/// How often an idle forwarder looks for new events (a cheap indexed read).
const IDLE_POLL: Duration = Duration::from_millis(20);
/// The longest wait between two tries while the back office is away.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Events the back office stored.
    pub sent: usize,
    /// Events it refused, now held back.
    pub held: usize,
}

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
            Ok(Progress { sent: 0, held: 0 }) => IDLE_POLL,
            Ok(_) => {
                kiosk.notices().set_reachable(true);
                backoff.reset();
                continue;
            }
            Err(e) => {
                // The done page stops promising a notice that waits here.
                kiosk.notices().set_reachable(false);
                let wait = backoff.next_wait();
                warn_failure(&e, wait);
                wait
            }
        };
        tokio::select! {
            _ = stop.changed() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

fn warn_failure(e: &LinkError, wait: Duration) {
    let retry_in_ms = wait.as_millis() as u64;
    if is_token_refused(e) {
        tracing::warn!(
            error = %e,
            retry_in_ms,
            "the back office refuses this kiosk's token (wrong or revoked); events wait in the outbox until [backoffice] token is fixed"
        );
    } else {
        tracing::warn!(error = %e, retry_in_ms, "cannot forward events");
    }
}

/// Sends the oldest unsent events, splitting the batch when the back office
/// refuses it or finds it too large, and holds back each event it refuses
/// alone. Stops at the first failure that is no event's fault; what was
/// stored or held by then stays so.
pub async fn forward_batch(client: &BackofficeClient, kiosk: &Arc<Kiosk>, batch: u32) -> Result<Progress, LinkError> {
    let k = kiosk.clone();
    let rows = tokio::task::spawn_blocking(move || outbox::pending(k.store().conn(), batch.max(1))).await??;
    let mut plan = Plan::new(rows.len(), batch as usize);
    let mut progress = Progress::default();
    loop {
        match plan.next_step() {
            Step::Done => return Ok(progress),
            Step::Hold { index, reason } => {
                if hold(kiosk, &rows[index], reason).await? {
                    progress.held += 1;
                }
            }
            Step::Send(range) => {
                let part = &rows[range];
                match classify(client.post_events(part).await) {
                    Verdict::Accepted => {
                        mark_sent(kiosk, part).await?;
                        progress.sent += part.len();
                        plan.stored();
                    }
                    Verdict::Refused(reason) => plan.refused(reason),
                    Verdict::TooLarge(e) => {
                        if plan.too_large().is_err() {
                            // Ours are far under the back office's own limit:
                            // a proxy's limit is at fault, not the event.
                            let seq = part[0].seq;
                            tracing::warn!(seq, "one event alone is over a body limit on the way; it waits");
                            return Err(e);
                        }
                    }
                    Verdict::Unauthorized(e) | Verdict::Transient(e) => return Err(e),
                }
            }
        }
    }
}

async fn mark_sent(kiosk: &Arc<Kiosk>, part: &[OutboxEvent]) -> Result<(), LinkError> {
    let (k, seqs) = (kiosk.clone(), part.iter().map(|r| r.seq).collect::<Vec<_>>());
    tokio::task::spawn_blocking(move || outbox::mark_sent(k.store().conn_mut(), &seqs)).await??;
    Ok(())
}

/// Holds the row back; false if it was no longer unsent (nothing to hold).
async fn hold(kiosk: &Arc<Kiosk>, row: &OutboxEvent, reason: String) -> Result<bool, LinkError> {
    let (k, seq, why) = (kiosk.clone(), row.seq, reason.clone());
    let actor = Actor::Link.label(&kiosk.settings().kiosk_name);
    let held = tokio::task::spawn_blocking(move || quarantine::hold(k.store().conn_mut(), seq, &why, &actor)).await??;
    if !held {
        return Ok(false);
    }
    tracing::warn!(
        seq,
        event_id = %row.event_id,
        event_type = %row.event_type,
        %reason,
        "the back office refuses this event; it is held back in the outbox (`foyer outbox list --held`, `foyer outbox retry`)"
    );
    Ok(true)
}
