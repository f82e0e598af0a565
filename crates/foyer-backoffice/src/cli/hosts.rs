//! `hosts …` (`foyer backoffice hosts`, `foyer-backoffice hosts`): the back
//! office's hosts directory, which every kiosk syncs.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Subcommand;

use super::UsageError;
use crate::db::{directory, Db};
use crate::BackofficeSettings;
use foyer_domain::host_csv::parse_hosts;

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

/// Runs `hosts …` on the back office's database.
pub fn run(settings: &BackofficeSettings, data_dir: &Path, cmd: HostsCommand) -> anyhow::Result<()> {
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
