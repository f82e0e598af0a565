//! `foyer hosts …`: the hosts directory.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Subcommand;

use super::{Context, UsageError};
use crate::embedded_hosts;
use foyer_domain::host_csv::parse_hosts;
use foyer_kiosk::store::hosts;

#[derive(Debug, Subcommand)]
pub enum HostsCommand {
    /// Import hosts from a CSV file with the header name,email,phone,department.
    /// All rows or none: a bad row names its line and nothing is imported.
    /// They go into the in-process back office's directory and the kiosk's
    /// copy; a kiosk linked to a back office takes its hosts from there.
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
            // A linked kiosk's hosts are its back office's: ids made here
            // would name hosts the back office does not know.
            if !ctx.config.link.url.trim().is_empty() {
                return Err(UsageError(format!(
                    "this kiosk takes its hosts from the back office at {}: import them there \
                     (`foyer-backoffice hosts import {}` or the console's Hosts page); nothing was imported",
                    ctx.config.link.url.trim(),
                    file.display()
                ))
                .into());
            }
            let mut store = ctx.store()?;
            let db = embedded_hosts::open_backoffice(&ctx.config.backoffice, &ctx.config.data_dir)?;
            let (added, updated) = embedded_hosts::import(&mut store, &db, &ctx.config.kiosk.name, &parsed)?;
            println!("imported {} hosts: {added} added, {updated} updated", parsed.len());
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
