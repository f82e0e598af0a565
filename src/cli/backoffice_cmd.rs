//! `foyer backoffice`: serve the back office, and manage its hosts
//! directory. The commands are the back office's own
//! (`foyer_backoffice::cli`), which the `foyer-backoffice` binary runs too;
//! only the shape is this binary's: `serve` is the default here.

use std::path::Path;

use clap::{Args, Subcommand};

use foyer_backoffice::cli::{hosts, serve};
use foyer_backoffice::BackofficeSettings;

#[derive(Debug, Args)]
pub struct BackofficeArgs {
    #[command(subcommand)]
    pub command: Option<BackofficeCommand>,
}

#[derive(Debug, Subcommand)]
pub enum BackofficeCommand {
    /// Serve the API until SIGTERM or Ctrl-C (the default).
    Serve,
    /// The back office's hosts directory, synced to every kiosk.
    #[command(subcommand)]
    Hosts(hosts::HostsCommand),
}

/// Runs `foyer backoffice …` with the `[backoffice]` settings.
pub fn run(settings: &BackofficeSettings, data_dir: &Path, args: BackofficeArgs) -> anyhow::Result<()> {
    match args.command.unwrap_or(BackofficeCommand::Serve) {
        BackofficeCommand::Serve => serve::run(settings, data_dir),
        BackofficeCommand::Hosts(c) => hosts::run(settings, data_dir, c),
    }
}
