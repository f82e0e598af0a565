//! The `foyer-backoffice` command line: the back office's commands without
//! the kiosk's, so the binary needs no display library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use super::{exit_code, hosts, kiosks, serve, users, ServerConfig};

/// The Foyer back office: the kiosk API, host notifications, the visit log,
/// the desk and admin console.
#[derive(Debug, Parser)]
#[command(name = "foyer-backoffice", version, propagate_version = true)]
struct Cli {
    /// Settings file (TOML). Default: ./foyer.toml when it exists, else built-in defaults.
    #[arg(long, global = true, env = "FOYER_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// A subcommand is required: `serve` is spelled out, so a typo in a
/// management command never starts a second server.
#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the back office until SIGTERM or Ctrl-C (what the systemd unit runs).
    Serve,
    /// The hosts directory, synced to every kiosk: import, notify.
    #[command(subcommand)]
    Hosts(hosts::HostsCommand),
    /// Kiosks allowed to talk to the back office: add (prints the token once), revoke, list.
    #[command(subcommand)]
    Kiosks(kiosks::KiosksCommand),
    /// Console users: add (prints a generated password once), list, disable, unlock.
    #[command(subcommand)]
    Users(users::UsersCommand),
}

/// Parses the command line, runs the command, exits 0, 1 or 2 (see
/// [`exit_code`]).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    exit_code(run(cli))
}

/// `FOYER_LOG` (an env-filter, e.g. `debug` or `foyer_backoffice=trace`),
/// `info` by default; logs go to standard error, which is the journal under
/// systemd: colours only on a terminal, so the journal gets plain text.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FOYER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let config = ServerConfig::load(cli.config.as_deref())?;
    let (settings, data_dir) = (&config.backoffice, config.data_dir.as_path());
    match cli.command {
        Command::Serve => serve::run(settings, data_dir),
        Command::Hosts(c) => hosts::run(settings, data_dir, c),
        Command::Kiosks(c) => kiosks::run(settings, data_dir, c),
        Command::Users(c) => users::run(settings, data_dir, c),
    }
}
