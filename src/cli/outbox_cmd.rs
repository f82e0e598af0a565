//! `foyer outbox …`: the kiosk's outbox as the installer sees it: what
//! waits for the back office, what the back office refused (held back), and
//! sending held events again once the back office is fixed or upgraded.
//! Safe while the kiosk runs: its forwarder picks released events up.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{Context, UsageError};
use foyer_kiosk::store::quarantine::{self, OutboxEntry, Release};
use foyer_kiosk::store::visit_export::rfc3339;
use foyer_kiosk::Actor;

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// List the events not yet sent, oldest first: seq, event id, type,
    /// created, and why the back office refused it ("-" while it waits).
    List {
        /// Only the events held back because the back office refused them.
        #[arg(long)]
        held: bool,
    },
    /// Send held-back events again: the one with this seq, or --all.
    #[command(override_usage = "foyer outbox retry <SEQ|--all>")]
    Retry(RetryArgs),
}

#[derive(Debug, Args)]
pub struct RetryArgs {
    /// The seq of a held-back event (first column of `foyer outbox list --held`).
    #[arg(value_name = "SEQ", required_unless_present = "all", conflicts_with = "all")]
    seq: Option<i64>,
    /// Every held-back event.
    #[arg(long)]
    all: bool,
}

pub fn run(ctx: &Context, cmd: OutboxCommand) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    let actor = Actor::Cli.label(&ctx.config.kiosk.name);
    match cmd {
        OutboxCommand::List { held } => {
            let entries = quarantine::unsent(store.conn(), held)?;
            let mut out = std::io::stdout().lock();
            for e in &entries {
                writeln!(out, "{}", line(e))?;
            }
            let held_back = entries.iter().filter(|e| e.held.is_some()).count();
            if held {
                eprintln!("{held_back} held back");
            } else {
                eprintln!("{} waiting, {held_back} held back", entries.len() - held_back);
            }
        }
        OutboxCommand::Retry(RetryArgs { all: true, .. }) => {
            let n = quarantine::release_all(store.conn_mut(), &actor)?;
            println!("{n} held-back events released; the kiosk sends them again");
        }
        OutboxCommand::Retry(RetryArgs { seq: Some(seq), .. }) => {
            let refusal = match quarantine::release(store.conn_mut(), seq, &actor)? {
                Release::Released => {
                    println!("event {seq} released; the kiosk sends it again");
                    return Ok(());
                }
                Release::Waiting => format!("SEQ {seq}: that event is not held back; it waits to be sent"),
                Release::Sent(at) => format!("SEQ {seq}: that event was sent at {}", rfc3339(at)),
                Release::Missing => {
                    format!("SEQ {seq}: no outbox event has this seq; `foyer outbox list --held` shows the held ones")
                }
            };
            return Err(UsageError(refusal).into());
        }
        OutboxCommand::Retry(RetryArgs { seq: None, all: false }) => {
            return Err(UsageError("outbox retry needs a SEQ or --all".into()).into());
        }
    }
    Ok(())
}

/// One tab-separated line; the back office's message may hold any
/// character, so control characters become spaces to keep one line a row.
fn line(e: &OutboxEntry) -> String {
    let reason = e.held.as_ref().map_or("-", |(_, r)| r.as_str());
    let reason: String = reason.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("{}\t{}\t{}\t{}\t{reason}", e.seq, e.event_id, e.event_type, rfc3339(e.created_at))
}
