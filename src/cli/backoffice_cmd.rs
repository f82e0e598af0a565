//! `foyer backoffice`: serve the back office, and manage its hosts directory.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand};

use super::UsageError;
use foyer_backoffice::db::{directory, Db};
use foyer_backoffice::BackofficeSettings;
use foyer_domain::host_csv::parse_hosts;

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
    Hosts(HostsCommand),
}

#[derive(Debug, Subcommand)]
pub enum HostsCommand {
    /// Import hosts from a CSV file (name,email,phone,department); all rows or none.
    Import { file: PathBuf },
    /// Set how a host is notified of visitors.
    Notify {
        /// The host's id (see the import's output or the sync API).
        id: i64,
        /// Do not email this host.
        #[arg(long)]
        no_email: bool,
        /// A chat webhook URL for this host.
        #[arg(long)]
        webhook: Option<String>,
        /// The webhook's flavour: slack, teams or generic (signed JSON).
        #[arg(long, default_value = "generic", requires = "webhook")]
        kind: String,
    },
}

/// Runs `foyer backoffice …` with the `[backoffice]` settings.
pub fn run(settings: &BackofficeSettings, data_dir: &Path, args: BackofficeArgs) -> anyhow::Result<()> {
    match args.command.unwrap_or(BackofficeCommand::Serve) {
        BackofficeCommand::Serve => serve(settings, data_dir),
        BackofficeCommand::Hosts(c) => hosts(settings, data_dir, c),
    }
}

fn serve(settings: &BackofficeSettings, data_dir: &Path) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("listening on {}", settings.listen))?;
        foyer_backoffice::serve(settings.clone(), data_dir, listener, stop_signal()).await
    })
}

/// SIGTERM (systemd) or Ctrl-C.
async fn stop_signal() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! { _ = term.recv() => {}, _ = tokio::signal::ctrl_c() => {} }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

fn hosts(settings: &BackofficeSettings, data_dir: &Path, cmd: HostsCommand) -> anyhow::Result<()> {
    let db = Db::open(&settings.db_path(data_dir))?;
    match cmd {
        HostsCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let parsed =
                parse_hosts(&text).map_err(|e| UsageError(format!("{}: {e}; nothing was imported", file.display())))?;
            let (added, updated) = db.with(|c| directory::import_hosts(c, &parsed))?;
            println!("imported {} hosts: {added} added, {updated} updated", parsed.len());
        }
        HostsCommand::Notify { id, no_email, webhook, kind } => {
            let hook = webhook.as_deref().map(|url| (kind.as_str(), url));
            db.with(|c| directory::set_notify(c, id, !no_email, hook)).map_err(|e| UsageError(e.to_string()))?;
            println!(
                "host {id}: email {}, webhook {}",
                if no_email { "off" } else { "on" },
                webhook.as_deref().unwrap_or("none")
            );
        }
    }
    Ok(())
}
