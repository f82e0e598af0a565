//! The daily retention run: a task started with the service that applies
//! the retention policy shortly after start and then every 24 hours, and
//! the run itself, which the console's "run now" shares. Each run is in the
//! audit log with its counts, as `system` when the schedule ran it.

use std::time::Duration;

use serde::Serialize;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use utoipa::ToSchema;

use super::db::retention::{self, RetentionCount};
use super::db::{audit, now_unix, DbError};
use super::state::AppState;

/// How often the schedule runs.
pub const PERIOD: Duration = Duration::from_secs(24 * 60 * 60);
/// The audit actor of scheduled runs; the console and the CLI refuse it as
/// a user name, so an entry by `system` is always the schedule's.
pub const SYSTEM: &str = "system";

/// What one run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct RetentionRun {
    /// The policy's period the run applied.
    pub days: u32,
    pub anonymised: RetentionCount,
}

impl RetentionRun {
    /// One line for the audit log and the console.
    pub fn describe(&self) -> String {
        let a = &self.anonymised;
        format!(
            "after {} days: {} visit(s), {} invitation(s), {} command(s) anonymised",
            self.days, a.visits, a.invitations, a.commands
        )
    }
}

/// Applies the stored policy now, on the blocking pool, and audits it as
/// `actor` (a user for "run now", [`SYSTEM`] for the schedule).
pub async fn run_once(state: &AppState, actor: &str) -> Result<RetentionRun, DbError> {
    let actor = actor.to_owned();
    let run = state
        .db
        .call(move |c| {
            let policy = retention::policy(c)?;
            let anonymised = retention::run(c, policy, now_unix())?;
            let run = RetentionRun { days: policy.anonymise_after_days(), anonymised };
            audit::record(c, &actor, "retention.run", None, &run.describe())?;
            Ok(run)
        })
        .await?;
    if run.anonymised != RetentionCount::default() {
        // Recent departures on the desk may now read "(anonymised)".
        state.lobby_changed();
    }
    Ok(run)
}

/// The running schedule.
pub struct RetentionJob {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl RetentionJob {
    /// Stops the schedule; a run in progress finishes first (it is one
    /// transaction, so stopping never leaves half a run).
    pub async fn stop(self) {
        self.stop.send_replace(true);
        if let Err(e) = self.handle.await {
            tracing::error!(error = %e, "the retention schedule panicked");
        }
    }
}

/// Starts the schedule: a first run `retention_first_run_secs` after start
/// (so a restart does not wait a day for it), then one every [`PERIOD`].
pub fn spawn(state: AppState) -> RetentionJob {
    let first = Duration::from_secs(state.settings.retention_first_run_secs);
    let (stop, stop_rx) = watch::channel(false);
    let handle = tokio::spawn(schedule(state, first, stop_rx));
    RetentionJob { stop, handle }
}

async fn schedule(state: AppState, first: Duration, mut stop: watch::Receiver<bool>) {
    let mut wait = first;
    loop {
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        match run_once(&state, SYSTEM).await {
            Ok(run) => tracing::info!(detail = %run.describe(), "retention run"),
            Err(e) => tracing::error!(error = %e, "the daily retention run failed; the next one is in 24 h"),
        }
        wait = PERIOD;
    }
}
