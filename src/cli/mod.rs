//! The `foyer` command line: the kiosk, the back office, and the tools of
//! admins and installers.

mod backoffice_cmd;
mod backup_cmd;
pub mod badge_cmd;
mod context;
mod doctor_cmd;
mod hosts_cmd;
mod kiosk_cmd;
mod label_status;
mod outbox_cmd;
pub mod printer_cmd;
pub mod relay_cmd;
pub mod scanner_cmd;
mod stop_signals;
mod ui_cmd;
mod visit_cmd;
mod visits_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use foyer_backoffice::cli::{exit_code, kiosks, users};

pub use context::Context;
/// The UI settings of a configuration, for what builds the kiosk's window
/// outside `foyer kiosk` (the soak benchmark).
pub use kiosk_cmd::ui_options;

/// Foyer: visitor management for the lobby (kiosk) and the back office.
#[derive(Debug, Parser)]
#[command(name = "foyer", version, about, propagate_version = true)]
pub struct Cli {
    /// Settings file (TOML). Default: ./foyer.toml when it exists, else built-in defaults.
    #[arg(long, global = true, env = "FOYER_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the lobby kiosk (front office).
    Kiosk(kiosk_cmd::KioskArgs),
    /// Run the back office (kiosk API, host notifications, visit log).
    Backoffice(backoffice_cmd::BackofficeArgs),
    /// Kiosks allowed to talk to the back office: add (prints the token once), revoke, list.
    #[command(subcommand)]
    Kiosks(kiosks::KiosksCommand),
    /// Console users: add (prints a generated password once), list, disable, unlock.
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Manage the hosts directory.
    #[command(subcommand)]
    Hosts(hosts_cmd::HostsCommand),
    /// List and export the visit log.
    #[command(subcommand)]
    Visits(visits_cmd::VisitsCommand),
    /// Check a visitor in (scripted desk use and testing).
    Checkin(visit_cmd::CheckinArgs),
    /// Check a visitor out by badge token or visit id.
    Checkout(visit_cmd::CheckoutArgs),
    /// Invite a visitor: prints the invitation code.
    Invite(visit_cmd::InviteArgs),
    /// Approve or deny a visitor waiting for approval.
    #[command(subcommand)]
    Review(visit_cmd::ReviewCommand),
    /// Manage the watchlist screened at check-in.
    #[command(subcommand)]
    Watchlist(visit_cmd::WatchlistCommand),
    /// Work with badge tokens.
    #[command(subcommand)]
    Token(visit_cmd::TokenCommand),
    /// Render a badge to an ESC/POS job and a PNG preview.
    Badge(badge_cmd::BadgeArgs),
    /// Check or test a badge printer (installers).
    Printer(printer_cmd::PrinterArgs),
    /// Check this installation: settings, data, devices, clock.
    Doctor,
    /// Copy the kiosk database to FILE, safely while the kiosk runs.
    Backup(backup_cmd::BackupArgs),
    /// The kiosk's outbox: list what waits for the back office or was refused
    /// by it (held back); retry held events.
    #[command(subcommand)]
    Outbox(outbox_cmd::OutboxCommand),
    /// Render every kiosk page into PNG files, without a display.
    Screenshots(ui_cmd::ScreenshotsArgs),
    /// Hash a staff PIN for `kiosk.staff_pin_hash` (reads it on standard input).
    StaffPin,
    /// Test the door-release relay (installers).
    Relay(relay_cmd::RelayArgs),
    /// Test the QR scanner (installers).
    Scanner(scanner_cmd::ScannerArgs),
}

/// A failure that should exit with code 2: bad settings or bad usage. The
/// back office's type, so the commands both binaries share and this
/// binary's own map to the same exit code.
pub use foyer_backoffice::cli::UsageError;

/// Parses the command line, runs the command, maps errors to exit codes:
/// 0 success, 1 failure, 2 bad usage or configuration.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    exit_code(run(cli))
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FOYER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

fn run(cli: Cli) -> anyhow::Result<()> {
    // Installer tools talk to one device and need no settings.
    let command = match cli.command {
        Command::Relay(args) => return relay_cmd::run(args),
        Command::Scanner(args) => return scanner_cmd::run(args),
        Command::StaffPin => return ui_cmd::staff_pin(),
        Command::Doctor => return doctor_cmd::run(cli.config.as_deref()),
        other => other,
    };
    let ctx = Context::load(cli.config.as_deref())?;
    match command {
        Command::Kiosk(args) => kiosk_cmd::run(&ctx, args),
        Command::Backoffice(a) => backoffice_cmd::run(&ctx.config.backoffice, &ctx.config.data_dir, a),
        Command::Kiosks(c) => kiosks::run(&ctx.config.backoffice, &ctx.config.data_dir, c),
        Command::Users(c) => users::run(&ctx.config.backoffice, &ctx.config.data_dir, c),
        Command::Hosts(c) => hosts_cmd::run(&ctx, c),
        Command::Visits(c) => visits_cmd::run(&ctx, c),
        Command::Checkin(a) => visit_cmd::checkin(&ctx, a),
        Command::Checkout(a) => visit_cmd::checkout(&ctx, a),
        Command::Invite(a) => visit_cmd::invite(&ctx, a),
        Command::Review(c) => visit_cmd::review(&ctx, c),
        Command::Watchlist(c) => visit_cmd::watchlist(&ctx, c),
        Command::Token(c) => visit_cmd::token(&ctx, c),
        Command::Screenshots(a) => ui_cmd::screenshots(&ctx, a),
        Command::Backup(a) => backup_cmd::run(&ctx, a),
        Command::Outbox(c) => outbox_cmd::run(&ctx, c),
        Command::Badge(a) => badge_cmd::run(a, &ctx.site_key()?, &ctx.config.site.name),
        Command::Printer(a) => printer_cmd::run(a, &ctx.site_key()?, &ctx.config.site.name, &ctx.config.data_dir),
        Command::Relay(_) | Command::Scanner(_) | Command::StaffPin | Command::Doctor => {
            unreachable!("handled before the settings are loaded")
        }
    }
}
