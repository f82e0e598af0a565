//! `users …` (`foyer users`, `foyer-backoffice users`): console users from
//! the command line — the first admin before anyone can sign in, and a way
//! back in when nobody can. Changes are in the audit log as `cli:<login>`,
//! a name no console user can have.

use std::io::BufRead;
use std::path::Path;

use clap::Subcommand;

use super::{refused, UsageError};
use crate::console::admin_users::check_not_reserved;
use crate::console::page::when;
use crate::db::users::{self, Role};
use crate::db::{audit, Db, DbError};
use crate::{passwords, BackofficeSettings};
use foyer_domain::Secret;

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a user. A strong password is generated and printed once, unless
    /// --password-stdin gives one.
    Add {
        name: String,
        /// admin or receptionist.
        #[arg(long)]
        role: String,
        /// Read the password (at least 10 characters) from the first line of
        /// standard input, e.g. from a password manager.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the users with their role, when they were added and whether disabled.
    List,
    /// Disable a user: their sessions end and their API tokens stop working.
    Disable { name: String },
    /// Clear the login delay of a name after failed logins, so its user can
    /// sign in at once (from any address).
    Unlock { name: String },
}

/// Who the audit log names for a change made here.
fn actor() -> String {
    format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "unknown".into()))
}

fn password_from_stdin() -> anyhow::Result<Secret> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&line);
    if password.is_empty() {
        return Err(UsageError("--password-stdin: standard input has no password on its first line".into()).into());
    }
    Ok(Secret::new(password))
}

/// Runs `users …` on the back office's database.
pub fn run(settings: &BackofficeSettings, data_dir: &Path, cmd: UsersCommand) -> anyhow::Result<()> {
    match cmd {
        UsersCommand::Add { name, role, password_stdin } => {
            let role = Role::parse(&role).map_err(refused)?;
            check_not_reserved(&name).map_err(refused)?;
            let (password, generated) =
                if password_stdin { (password_from_stdin()?, false) } else { (passwords::generate(), true) };
            let db = Db::open(&settings.db_path(data_dir))?;
            db.with(|c| {
                let tx = c.transaction()?;
                users::add(&tx, &name, role, password.expose())?;
                let how = if generated { "password generated" } else { "password from standard input" };
                audit::record(&tx, &actor(), "user.add", Some(&name), &format!("role {}, {how}", role.as_str()))?;
                tx.commit()?;
                Ok(())
            })
            .map_err(refused)?;
            if generated {
                eprintln!("user {name} added as {}; their password is shown once:", role.as_str());
                println!("{}", password.expose());
            } else {
                println!("user {name} added as {}", role.as_str());
            }
        }
        UsersCommand::List => {
            let db = Db::open(&settings.db_path(data_dir))?;
            for u in db.with(|c| users::list(c))? {
                let state = if u.disabled { "disabled" } else { "active" };
                println!("{}\t{}\tadded {}\t{state}", u.name, u.role.as_str(), when(u.created_at));
            }
        }
        UsersCommand::Disable { name } => {
            let db = Db::open(&settings.db_path(data_dir))?;
            db.with(|c| {
                let user =
                    users::by_name(c, &name)?.ok_or_else(|| DbError::Refused(format!("no user is named {name}")))?;
                if user.disabled {
                    return Err(DbError::Refused(format!("{} is already disabled", user.name)));
                }
                users::disable(c, user.id)?;
                audit::record(c, &actor(), "user.disable", Some(&user.name), "sessions ended, API tokens revoked")
            })
            .map_err(refused)?;
            println!("user {name} disabled: their sessions ended and their API tokens no longer work");
        }
        UsersCommand::Unlock { name } => {
            let db = Db::open(&settings.db_path(data_dir))?;
            let cleared = db.with(|c| crate::service::login::clear_delay(c, &actor(), &name)).map_err(refused)?;
            println!("{}: login delay cleared ({cleared} recent failed logins)", name.trim());
        }
    }
    Ok(())
}
