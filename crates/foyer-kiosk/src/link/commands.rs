//! The command loop: long-polls the back office for desk commands, runs
//! each once (the ledger in the kiosk's store remembers it), and
//! acknowledges it with the outcome until the back office has the ack.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::backoff::Backoff;
use super::client::{BackofficeClient, LinkError};
use super::execute::{execute, kind_name};
use crate::store::link_state::{self, CommandRecord};
use crate::Kiosk;
use foyer_wire::{Command, CommandAck};

/// How long one poll waits for a command.
pub const POLL_WAIT: Duration = Duration::from_secs(25);

/// Pulls and runs commands until `stop` turns true.
pub async fn run_commands(
    client: BackofficeClient,
    kiosk: Arc<Kiosk>,
    max_backoff: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut backoff = Backoff::new(Duration::from_millis(250).min(max_backoff), max_backoff);
    // Start from 0: commands run before a restart come again if their ack
    // was lost, and the ledger answers them without running them twice.
    let mut after = 0;
    while !*stop.borrow() {
        let polled = tokio::select! {
            _ = stop.changed() => break,
            r = client.commands(after, POLL_WAIT) => r,
        };
        let failed = match polled {
            Ok(list) => {
                backoff.reset();
                let mut failed = None;
                for command in list.commands {
                    match handle(&client, &kiosk, &command).await {
                        Ok(()) => after = command.id,
                        Err(e) => {
                            failed = Some(e);
                            break; // the same command comes again on the next poll
                        }
                    }
                }
                failed
            }
            Err(e) => Some(e),
        };
        if let Some(e) = failed {
            let wait = backoff.next_wait();
            tracing::warn!(error = %e, retry_in_ms = wait.as_millis() as u64, "desk commands unavailable");
            tokio::select! {
                _ = stop.changed() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }
}

/// Runs a command at most once and acknowledges it.
pub async fn handle(client: &BackofficeClient, kiosk: &Arc<Kiosk>, command: &Command) -> Result<(), LinkError> {
    let (k, c) = (kiosk.clone(), command.clone());
    let ack = tokio::task::spawn_blocking(move || run_once(&k, &c)).await??;
    client.ack(command.id, &ack).await?;
    let (k, id) = (kiosk.clone(), command.id);
    tokio::task::spawn_blocking(move || link_state::mark_acked(k.store().conn(), id)).await??;
    Ok(())
}

/// The outcome of a command, running it only if the ledger has never seen it.
pub fn run_once(kiosk: &Kiosk, command: &Command) -> Result<CommandAck, crate::store::StoreError> {
    let record = link_state::begin_command(kiosk.store().conn(), command.id, kind_name(&command.command))?;
    Ok(match record {
        CommandRecord::Run => {
            tracing::info!(id = command.id, kind = kind_name(&command.command), by = %command.issued_by, "desk command");
            let ack = execute(kiosk, &command.issued_by, &command.command);
            link_state::finish_command(kiosk.store().conn(), command.id, ack.ok, &ack.message)?;
            ack
        }
        CommandRecord::Done { ok, message } => CommandAck { ok, message },
        CommandRecord::Interrupted => CommandAck {
            ok: false,
            message: "the kiosk stopped while running this command; it is not run again".into(),
        },
    })
}
