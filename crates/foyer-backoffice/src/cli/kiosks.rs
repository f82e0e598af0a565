//! `kiosks …` (`foyer kiosks`, `foyer-backoffice kiosks`): the kiosks allowed
//! to talk to the back office.

use std::path::Path;

use clap::Subcommand;

use super::{refused, UsageError};
use crate::db::{commands, kiosks, Db};
use crate::BackofficeSettings;
use foyer_wire::CommandKind;

#[derive(Debug, Subcommand)]
pub enum KiosksCommand {
    /// Add a kiosk and print its token, once: only a hash of it is stored.
    Add { name: String },
    /// Revoke a kiosk's token at once.
    Revoke { name: String },
    /// List the kiosks with when they were last seen.
    List,
    /// Queue a desk command for a kiosk, e.g. '{"kind":"release_door"}'
    /// (scripting and tests; the desk console does this for receptionists).
    Command {
        name: String,
        /// The desk user the kiosk's audit log names.
        #[arg(long)]
        by: String,
        /// The command as JSON: {"kind": "reprint"|"release_door"|"check_in"|"approve"|"deny"|"check_out"|"check_out_everyone", …}.
        json: String,
    },
}

/// Runs `kiosks …` on the back office's database.
pub fn run(settings: &BackofficeSettings, data_dir: &Path, cmd: KiosksCommand) -> anyhow::Result<()> {
    let db = Db::open(&settings.db_path(data_dir))?;
    match cmd {
        KiosksCommand::Add { name } => {
            let token = db.with(|c| kiosks::add(c, &name)).map_err(refused)?;
            eprintln!("kiosk {name} added; its token is shown once, put it in the kiosk's [backoffice] token:");
            println!("{}", token.expose());
        }
        KiosksCommand::Revoke { name } => {
            if !db.with(|c| kiosks::revoke(c, &name))? {
                return Err(UsageError(format!("no active kiosk is named {name}")).into());
            }
            println!("kiosk {name} revoked");
        }
        KiosksCommand::List => {
            for k in db.with(|c| kiosks::list(c))? {
                let state = if k.revoked_at.is_some() { "revoked" } else { "active" };
                let seen = k.last_seen_at.map_or("never".to_owned(), |t| t.to_string());
                println!("{}\t{state}\tlast seen {seen}", k.name);
            }
        }
        KiosksCommand::Command { name, by, json } => {
            let command: CommandKind =
                serde_json::from_str(&json).map_err(|e| UsageError(format!("not a command: {e}")))?;
            let id = db.with(|c| commands::enqueue(c, &name, &by, &command)).map_err(refused)?;
            println!("command {id} queued for {name}");
        }
    }
    Ok(())
}
