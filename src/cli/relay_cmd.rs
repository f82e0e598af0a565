//! `foyer relay pulse|status`: lets an installer test the door-release relay
//! with a profile and a port, before the kiosk uses it.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};

use foyer_devices::relay::{load_profile, open_serial_relay, RelayDriver, RelayPort, RelaySettings};
use foyer_devices::{AlarmSink, DeviceAlarm, DoorRelay, RelayState};
use foyer_domain::PulseLength;

/// `foyer relay …`
#[derive(Debug, Parser)]
#[command(name = "relay", about = "Test the door-release relay")]
pub struct RelayArgs {
    #[command(subcommand)]
    pub command: RelayCommand,
}

/// What to do with the relay.
#[derive(Debug, Subcommand)]
pub enum RelayCommand {
    /// Switch the relay off, on for --seconds, then off again.
    Pulse(PulseArgs),
    /// Read the relay's state without switching it.
    Status(RelayTarget),
}

/// Which relay: a profile and the port it is on.
#[derive(Debug, Clone, Args)]
pub struct RelayTarget {
    /// A built-in profile (lcus-1, kmtronic, numato, gpio-ascii, osdp) or a .toml file.
    #[arg(long = "relay", value_name = "PROFILE")]
    pub profile: String,
    /// The serial device, e.g. /dev/ttyUSB0.
    #[arg(long, value_name = "PATH")]
    pub port: PathBuf,
    /// The channel as the module numbers it (default: the profile's).
    #[arg(long)]
    pub channel: Option<u8>,
}

/// `foyer relay pulse`
#[derive(Debug, Clone, Args)]
pub struct PulseArgs {
    #[command(flatten)]
    pub target: RelayTarget,
    /// How long the door stays released, 1–30 seconds.
    #[arg(long, default_value = "5", value_parser = parse_pulse)]
    pub seconds: PulseLength,
}

fn parse_pulse(text: &str) -> Result<PulseLength, String> {
    let secs: u64 = text.parse().map_err(|_| format!("{text:?} is not a whole number of seconds"))?;
    PulseLength::from_secs(secs).map_err(|e| e.to_string())
}

/// Runs the command, printing to standard output.
pub fn run(args: RelayArgs) -> anyhow::Result<()> {
    run_to(args, &mut std::io::stdout())
}

/// Runs the command, printing to `out`.
pub fn run_to(args: RelayArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    match args.command {
        RelayCommand::Pulse(pulse) => run_pulse(pulse, out),
        RelayCommand::Status(target) => run_status(target, out),
    }
}

fn run_pulse(args: PulseArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let settings = RelaySettings {
        profile: args.target.profile,
        port: Some(args.target.port),
        channel: args.target.channel,
        pulse_secs: args.seconds,
    };
    let raised = Arc::new(Mutex::new(Vec::<DeviceAlarm>::new()));
    let keep = Arc::clone(&raised);
    let alarms: AlarmSink = Arc::new(move |a| keep.lock().unwrap_or_else(|e| e.into_inner()).push(a));
    let relay = open_serial_relay(&settings, alarms).context("opening the relay")?;
    writeln!(out, "{}: switched OFF", relay.describe())?;
    let started = Instant::now();
    relay.pulse(args.seconds).context("switching the relay on")?;
    writeln!(out, "ON for {} s", args.seconds.secs())?;
    let ended = relay.wait_until_off(args.seconds.duration() + Duration::from_secs(5));
    let shut = relay.shutdown();
    if let Some(alarm) = raised.lock().unwrap_or_else(|e| e.into_inner()).first() {
        bail!("{}: {}", alarm.device, alarm.message);
    }
    shut.context("switching the relay off at the end")?;
    if !ended {
        bail!("the pulse did not end in time; the relay was switched off at shutdown");
    }
    writeln!(out, "OFF after {:.2} s", started.elapsed().as_secs_f64())?;
    Ok(())
}

fn run_status(target: RelayTarget, out: &mut dyn Write) -> anyhow::Result<()> {
    let profile = load_profile(&target.profile)?;
    let channel = target.channel.unwrap_or(profile.default_channel);
    let port = RelayPort::open(&target.port.to_string_lossy(), profile.baud)?;
    // The driver, not SerialRelay: reading the state must not switch it off.
    let mut driver = RelayDriver::new(profile, port, channel)?;
    let state = match driver.state()? {
        RelayState::On => "ON (door released)",
        RelayState::Off => "OFF",
        RelayState::Unknown => "unknown: this module has no status query",
    };
    writeln!(out, "{}: {state}", driver.describe())?;
    Ok(())
}
