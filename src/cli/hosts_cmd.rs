//! `foyer hosts …`: the hosts directory.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Subcommand;

use super::{Context, UsageError};
use foyer_domain::host_csv::parse_hosts;
use foyer_kiosk::store::hosts;

#[derive(Debug, Subcommand)]
pub enum HostsCommand {
    /// Import hosts from a CSV file with the header name,email,phone,department.
    /// All rows or none: a bad row names its line and nothing is imported.
    Import { file: PathBuf },
    /// List the active hosts.
    List,
}

pub fn run(ctx: &Context, cmd: HostsCommand) -> anyhow::Result<()> {
    match cmd {
        HostsCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let parsed =
                parse_hosts(&text).map_err(|e| UsageError(format!("{}: {e}; nothing was imported", file.display())))?;
            let mut store = ctx.store()?;
            let summary = hosts::import(store.conn_mut(), &parsed)?;
            println!("imported {} hosts: {} added, {} updated", parsed.len(), summary.added, summary.updated);
        }
        HostsCommand::List => {
            let store = ctx.store()?;
            for h in hosts::list(store.conn())? {
                println!(
                    "{}\t{}\t{}\t{}",
                    h.id,
                    h.name,
                    h.email.as_deref().unwrap_or("-"),
                    h.department.as_deref().unwrap_or("-")
                );
            }
        }
    }
    Ok(())
}
