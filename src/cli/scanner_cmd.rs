//! `foyer scanner listen`: prints each scan and what the kiosk would make of
//! it, so an installer can check the scanner's port, baud and suffix.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};

use foyer_devices::scanner::{ScannerSettings, SerialScanner};
use foyer_devices::{DeviceError, Scanner};
use foyer_domain::scan::ScannedCode;

/// `foyer scanner …`
#[derive(Debug, Parser)]
#[command(name = "scanner", about = "Test the QR scanner")]
pub struct ScannerArgs {
    #[command(subcommand)]
    pub command: ScannerCommand,
}

/// What to do with the scanner.
#[derive(Debug, Subcommand)]
pub enum ScannerCommand {
    /// Print each scan as a badge (check-out) or an invitation (check-in).
    Listen(ListenArgs),
}

/// `foyer scanner listen`
#[derive(Debug, Clone, Args)]
pub struct ListenArgs {
    /// The serial device, e.g. /dev/ttyACM0.
    #[arg(long, value_name = "PATH")]
    pub port: PathBuf,
    /// Line speed (ignored by USB CDC scanners).
    #[arg(long, default_value_t = 9600)]
    pub baud: u32,
    /// Silence that ends a scan sent without a line end.
    #[arg(long, default_value_t = 50)]
    pub idle_gap_ms: u64,
    /// Stop after this many scans (default: until interrupted).
    #[arg(long)]
    pub count: Option<u32>,
    /// Stop after this many seconds (default: until interrupted).
    #[arg(long)]
    pub seconds: Option<u64>,
}

/// Runs the command, printing to standard output.
pub fn run(args: ScannerArgs) -> anyhow::Result<()> {
    run_to(args, &mut std::io::stdout())
}

/// Runs the command, printing to `out`.
pub fn run_to(args: ScannerArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let ScannerCommand::Listen(listen) = args.command;
    let settings = ScannerSettings {
        port: Some(listen.port.clone()),
        baud: listen.baud,
        idle_gap_ms: listen.idle_gap_ms,
        ..ScannerSettings::default()
    };
    let mut scanner = SerialScanner::open(&listen.port.to_string_lossy(), listen.baud, settings.framer_config()?)?;
    writeln!(out, "listening on {}", scanner.describe())?;
    let until = listen.seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let mut seen = 0;
    while listen.count.is_none_or(|c| seen < c) && until.is_none_or(|t| Instant::now() < t) {
        let line = match scanner.next_scan(Duration::from_millis(200)) {
            Ok(None) => continue,
            Ok(Some(scan)) => describe(&scan),
            Err(DeviceError::BadScan(why)) => format!("refused     {why}"),
            Err(e) => return Err(e.into()),
        };
        seen += 1;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// One output line: what the kiosk would do with this scan.
pub fn describe(scan: &str) -> String {
    match ScannedCode::classify(scan) {
        Ok(ScannedCode::Badge(token)) => format!("badge       {token} (check-out)"),
        Ok(ScannedCode::Invitation(code)) => format!("invitation  {} (check-in)", code.display()),
        Err(why) => format!("unknown     {scan:?}: {why}"),
    }
}
