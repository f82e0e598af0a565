//! Door-release relays driven by TOML profiles (`hardware/relays/*.toml`).
//!
//! A profile holds the module's serial settings and its frames as data;
//! [`SerialRelay`] adds the safety rules every module gets: OFF at start-up
//! and shutdown, bounded pulses that extend rather than stack, OFF retried
//! until confirmed, and an alarm when it cannot be.

mod catalog;
mod driver;
mod frame;
mod link;
mod profile;
mod reply;
mod serial_relay;
mod settings;

use std::sync::Arc;

pub use catalog::{built_in, built_in_names, load_profile};
pub use driver::RelayDriver;
pub use frame::{crc16_osdp, Field, FrameContext, FrameTemplate};
pub use link::RelayPort;
pub use profile::{RelayProfile, StatusQuery};
pub use reply::{match_reply, Reply};
pub use serial_relay::SerialRelay;
pub use settings::{RelaySettings, SIMULATED};

use super::fake::FakeRelay;
use super::{AlarmSink, DeviceError, DoorRelay};

/// Opens the configured relay and switches it off. With
/// `profile = "simulated"` this is a [`FakeRelay`].
pub fn open_relay(settings: &RelaySettings, alarms: AlarmSink) -> Result<Arc<dyn DoorRelay>, DeviceError> {
    if settings.is_simulated() {
        return Ok(Arc::new(FakeRelay::new()));
    }
    Ok(Arc::new(open_serial_relay(settings, alarms)?))
}

/// Opens a hardware relay from its settings (the installer commands use
/// this to wait for the end of a pulse).
pub fn open_serial_relay(settings: &RelaySettings, alarms: AlarmSink) -> Result<SerialRelay, DeviceError> {
    let profile = load_profile(&settings.profile)?;
    let Some(path) = &settings.port else {
        return Err(DeviceError::Config(format!(
            "[relay] port is missing: profile {:?} needs the serial device, e.g. port = \"/dev/ttyUSB0\"",
            settings.profile
        )));
    };
    let channel = settings.channel.unwrap_or(profile.default_channel);
    let port = RelayPort::open(&path.to_string_lossy(), profile.baud)?;
    SerialRelay::start(RelayDriver::new(profile, port, channel)?, alarms)
}

/// A relay on a port that is already open (one end of a pseudo-terminal in
/// tests); switched off before it is returned.
pub fn relay_from_port(
    profile: RelayProfile,
    port: Box<dyn serialport::SerialPort>,
    channel: Option<u8>,
    alarms: AlarmSink,
) -> Result<SerialRelay, DeviceError> {
    let channel = channel.unwrap_or(profile.default_channel);
    SerialRelay::start(RelayDriver::new(profile, RelayPort::from_port(port), channel)?, alarms)
}
