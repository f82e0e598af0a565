//! The delivery loop: claim due rows, send each on its own task (bounded
//! in number), record the outcome, sleep until the next row is due.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{watch, Semaphore};
use tokio::task::{JoinHandle, JoinSet};

use super::Senders;
use crate::db::notifications::{self, Delivery};
use crate::db::now_ms;
use crate::state::AppState;

/// Deliveries in flight at once: enough that a few dead endpoints (each
/// holding its task until its timeout) never starve the others.
const IN_FLIGHT: usize = 64;
/// The longest wait between two looks at the queue.
const IDLE_RECHECK: Duration = Duration::from_millis(500);
/// How long a stop waits for deliveries in flight.
const DRAIN: Duration = Duration::from_secs(15);
/// The longest wait between two retries.
const MAX_BACKOFF_MS: i64 = 5 * 60 * 1000;

/// The running worker.
pub struct Worker {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl Worker {
    /// Stops claiming rows and waits (bounded) for deliveries in flight;
    /// whatever is left stays queued for the next start.
    pub async fn stop(self) {
        self.stop.send_replace(true);
        if let Err(e) = self.handle.await {
            tracing::error!(error = %e, "the notification worker panicked");
        }
    }
}

/// Starts the worker. Rows left `sending` by an earlier stop are queued again.
pub fn spawn_worker(state: AppState, senders: Senders) -> Worker {
    let (stop, stop_rx) = watch::channel(false);
    let handle = tokio::spawn(run(state, senders, stop_rx));
    Worker { stop, handle }
}

async fn run(state: AppState, senders: Senders, mut stop: watch::Receiver<bool>) {
    if let Err(e) = state.db.call(|c| notifications::requeue_interrupted(c)).await {
        tracing::error!(error = %e, "cannot requeue interrupted notifications");
    }
    let permits = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = JoinSet::new();
    while !*stop.borrow() {
        let free = permits.available_permits() as u32;
        let due = match state.db.call(move |c| notifications::claim_due(c, now_ms(), free)).await {
            Ok(due) => due,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the notification queue");
                Vec::new()
            }
        };
        let claimed = due.len();
        for d in due {
            let Ok(permit) = permits.clone().acquire_owned().await else { break };
            let (state, senders) = (state.clone(), senders.clone());
            tasks.spawn(async move {
                deliver(&state, &senders, d).await;
                drop(permit);
            });
        }
        while tasks.try_join_next().is_some() {}
        if claimed > 0 && claimed == free as usize {
            continue; // more may be due right now
        }
        let wait = next_wait(&state).await;
        tokio::select! {
            _ = state.notifier.notified() => {}
            _ = stop.changed() => {}
            // A finished delivery frees a slot for a row that waits for one.
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
    if tokio::time::timeout(DRAIN, async { while tasks.join_next().await.is_some() {} }).await.is_err() {
        tracing::warn!("stopping with deliveries in flight; they are sent again at the next start");
    }
}

async fn next_wait(state: &AppState) -> Duration {
    match state.db.call(|c| notifications::next_due(c)).await {
        Ok(Some(at)) => Duration::from_millis((at - now_ms()).clamp(0, IDLE_RECHECK.as_millis() as i64) as u64),
        _ => IDLE_RECHECK,
    }
}

/// One attempt, and its outcome written back.
async fn deliver(state: &AppState, senders: &Senders, d: Delivery) {
    let limit = Duration::from_secs(state.settings.smtp.timeout_secs.max(state.settings.webhooks.timeout_secs) + 5);
    let result = match tokio::time::timeout(limit, senders.send(&d)).await {
        Ok(r) => r,
        Err(_) => Err(super::SendError::Timeout(limit.as_secs())),
    };
    let (id, attempts, channel) = (d.id, d.attempts, d.channel.clone());
    let now = now_ms();
    let outcome = match result {
        Ok(()) => {
            state.metrics.delivery.observe(Duration::from_millis((now - d.created_at).max(0) as u64));
            state.db.call(move |c| notifications::mark_sent(c, id, now)).await.map(|_| "sent")
        }
        Err(e) if attempts < i64::from(state.settings.notify_retries) => {
            let error = e.to_string();
            tracing::warn!(id, %channel, attempt = attempts + 1, %error, "notification failed; will retry");
            let base = state.settings.notify_backoff_ms.max(1) as i64;
            let next = now + base.saturating_mul(1 << attempts.min(20)).min(MAX_BACKOFF_MS);
            state.db.call(move |c| notifications::mark_retry(c, id, &error, next)).await.map(|_| "retry")
        }
        Err(e) => {
            let error = e.to_string();
            tracing::warn!(id, %channel, %error, "notification failed for good");
            let reception = state.routing().reception_target().map(|t| t.address);
            let marked =
                state.db.call(move |c| notifications::mark_failed(c, id, &error, reception.as_deref(), now)).await;
            if matches!(marked, Ok(true)) {
                state.notifier.notify_one(); // the fallback is due now
            }
            marked.map(|_| "failed")
        }
    };
    match outcome {
        Ok(o) => state.metrics.notification(&channel, o),
        Err(e) => tracing::error!(id, error = %e, "cannot record a notification's outcome"),
    }
}
