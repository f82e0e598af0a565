//! `foyer printer status` and `foyer printer test`: the installer's checks
//! that a printer is wired, configured and answering.

use std::path::Path;
use std::time::Duration;

use time::OffsetDateTime;
use uuid::Uuid;

use foyer_devices::printer::profile::DEFAULT_PROFILE;
use foyer_devices::printer::status::{hex, query, Reply};
use foyer_devices::printer::{
    open_printer, FlowControl, Link, PrinterModel, PrinterSettings, Profile, SerialLink, StatusSupport, TcpLink,
    Transport,
};
use foyer_devices::{log_alarms, PrintJob};
use foyer_domain::{BadgeContent, SiteKey, VisitorType};

/// `foyer printer …`
#[derive(Debug, clap::Args)]
pub struct PrinterArgs {
    #[command(subcommand)]
    pub command: PrinterCommand,
}

/// Printer subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum PrinterCommand {
    /// Ask the printer for its real-time status and print it decoded.
    Status(StatusArgs),
    /// Print a test badge (to the data dir's prints/ without --port/--tcp).
    Test(TestArgs),
}

/// Which printer, over which line.
#[derive(Debug, Clone, clap::Args)]
pub struct LineArgs {
    /// Built-in profile name or path to a profile .toml.
    #[arg(long, default_value = DEFAULT_PROFILE)]
    pub printer: String,
    /// Serial port of the printer, e.g. /dev/ttyUSB0.
    #[arg(long, conflicts_with = "tcp")]
    pub port: Option<String>,
    /// Network printer as HOST:PORT (usually port 9100).
    #[arg(long, conflicts_with = "ipp")]
    pub tcp: Option<String>,
    /// IPP Everywhere printer or CUPS queue, e.g. ipp://printer.local/ipp/print.
    #[arg(long, conflicts_with = "port")]
    pub ipp: Option<String>,
    /// Overrides the profile's baud rate.
    #[arg(long)]
    pub baud: Option<u32>,
    /// Overrides the profile's handshake: none, xon-xoff, rts-cts, dtr-dsr.
    #[arg(long, value_parser = parse_flow)]
    pub flow_control: Option<FlowControl>,
}

/// `foyer printer status --printer PROFILE --port PATH|--tcp HOST:PORT`
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub line: LineArgs,
}

/// `foyer printer test --printer PROFILE [--port PATH|--tcp HOST:PORT] [--raster]`
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    #[command(flatten)]
    pub line: LineArgs,
    /// Draw the whole badge as an image.
    #[arg(long)]
    pub raster: bool,
}

fn parse_flow(s: &str) -> Result<FlowControl, String> {
    match s.replace('_', "-").as_str() {
        "none" => Ok(FlowControl::None),
        "xon-xoff" => Ok(FlowControl::XonXoff),
        "rts-cts" => Ok(FlowControl::RtsCts),
        "dtr-dsr" => Ok(FlowControl::DtrDsr),
        _ => Err(format!("{s:?} is not one of none, xon-xoff, rts-cts, dtr-dsr")),
    }
}

impl LineArgs {
    /// The `[printer]` settings this command line stands for; no polling,
    /// since a command runs once.
    pub fn settings(&self, raster: bool) -> PrinterSettings {
        let transport = match (&self.port, &self.tcp, &self.ipp) {
            (Some(port), _, _) => Transport::Serial(port.clone()),
            (None, Some(tcp), _) => Transport::Tcp(tcp.clone()),
            (None, None, Some(uri)) => Transport::Ipp(uri.clone()),
            (None, None, None) => Transport::File,
        };
        PrinterSettings {
            profile: self.printer.clone(),
            transport,
            baud: self.baud,
            flow_control: self.flow_control,
            status_poll_secs: 0,
            force_raster: raster,
            ..PrinterSettings::default()
        }
    }
}

/// Queries the printer and describes the answer, raw bytes included. A
/// printer that does not answer at all is an error (the command exits 1).
pub fn status_report(args: &StatusArgs) -> anyhow::Result<String> {
    let settings = args.line.settings(false);
    let profile = match PrinterModel::load(&settings.profile)? {
        PrinterModel::EscPos(p) => p,
        label => return super::label_status::label_status_report(&settings, label),
    };
    escpos_status_report(&settings, profile)
}

fn escpos_status_report(settings: &PrinterSettings, profile: Profile) -> anyhow::Result<String> {
    let mut link: Box<dyn Link> = match &settings.transport {
        Transport::Serial(path) => {
            let serial = foyer_devices::printer::open::serial_config(settings, &profile)?;
            Box::new(SerialLink::open(path, &serial)?)
        }
        Transport::Tcp(target) => Box::new(TcpLink::connect(target)?),
        Transport::File => {
            anyhow::bail!("say which printer to ask: --port PATH or --tcp HOST:PORT")
        }
        Transport::Ipp(uri) => {
            anyhow::bail!("{} speaks ESC/POS, not IPP ({uri}): use --printer ipp-everywhere", profile.name)
        }
    };
    if profile.status == StatusSupport::None {
        return Ok(format!("{}: the {} profile has no status; printing is best effort", link.describe(), profile.name));
    }
    let timeout = Duration::from_millis(profile.status_timeout_ms);
    Ok(match query(link.as_mut(), timeout)? {
        Reply::Answered(bytes) => {
            let status = foyer_devices::printer::status::decode(bytes);
            format!("{}: {status} (DLE EOT 1-4 replies: {})", link.describe(), hex(&bytes))
        }
        Reply::Silent => anyhow::bail!(
            "{}: no answer within {} ms (wrong port, baud rate or cable?)",
            link.describe(),
            timeout.as_millis()
        ),
        Reply::Garbage(bytes) => {
            format!("{}: no status reply, only {} (wrong baud rate?)", link.describe(), hex(&bytes))
        }
    })
}

/// Prints a test badge with a freshly signed token and describes the result.
pub fn print_test(args: &TestArgs, key: &SiteKey, site_name: &str, data_dir: &Path) -> anyhow::Result<String> {
    let settings = args.line.settings(args.raster);
    let printer = open_printer(&settings, data_dir, log_alarms())?;
    let now = OffsetDateTime::now_local().unwrap_or_else(|_| OffsetDateTime::now_utc());
    let badge = BadgeContent::new(
        key,
        Uuid::new_v4(),
        "Test Badge",
        Some("Foyer"),
        "Reception",
        VisitorType::Guest,
        now,
        site_name,
    );
    let report = printer.print(&PrintJob::new(badge))?;
    Ok(format!("test badge sent to {}: {} bytes ({:?})", printer.describe(), report.bytes_sent, report.encoding))
}

/// Runs `foyer printer …`.
pub fn run(args: PrinterArgs, key: &SiteKey, site_name: &str, data_dir: &Path) -> anyhow::Result<()> {
    let message = match args.command {
        PrinterCommand::Status(s) => status_report(&s)?,
        PrinterCommand::Test(t) => print_test(&t, key, site_name, data_dir)?,
    };
    println!("{message}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        printer: PrinterArgs,
    }

    #[test]
    fn port_and_tcp_exclude_each_other() {
        assert!(Cli::try_parse_from(["p", "status", "--port", "/dev/x", "--tcp", "h:9100"]).is_err());
        let cli = Cli::try_parse_from(["p", "status", "--printer", "epson-tm-t20iii", "--tcp", "h:9100"]).unwrap();
        let PrinterCommand::Status(s) = cli.printer.command else { panic!("not status") };
        assert_eq!(s.line.settings(false).transport, Transport::Tcp("h:9100".into()));
    }

    #[test]
    fn flow_control_is_parsed_by_name() {
        let cli =
            Cli::try_parse_from(["p", "test", "--port", "/dev/x", "--flow-control", "xon-xoff", "--baud", "19200"])
                .unwrap();
        let PrinterCommand::Test(t) = cli.printer.command else { panic!("not test") };
        let s = t.line.settings(false);
        assert_eq!((s.flow_control, s.baud), (Some(FlowControl::XonXoff), Some(19_200)));
        assert!(Cli::try_parse_from(["p", "test", "--flow-control", "maybe"]).is_err());
    }

    #[test]
    fn status_without_a_line_says_what_is_missing() {
        let args = StatusArgs {
            line: LineArgs {
                printer: "generic-80mm".into(),
                port: None,
                tcp: None,
                ipp: None,
                baud: None,
                flow_control: None,
            },
        };
        assert!(status_report(&args).unwrap_err().to_string().contains("--port"));
    }
}
