//! Opening a relay from the `[relay]` settings: simulated mode, and the
//! settings mistakes an installer makes, refused with what to fix.

use std::path::PathBuf;

use foyer_devices::relay::{open_relay, open_serial_relay, RelaySettings};
use foyer_devices::{log_alarms, RelayState};
use foyer_domain::PulseLength;

fn settings(profile: &str, port: Option<&str>, channel: Option<u8>) -> RelaySettings {
    RelaySettings {
        profile: profile.into(),
        port: port.map(PathBuf::from),
        channel,
        pulse_secs: PulseLength::default(),
    }
}

#[test]
fn the_default_settings_give_the_simulated_relay() {
    let relay = open_relay(&RelaySettings::default(), log_alarms()).unwrap();
    assert_eq!(relay.describe(), "simulated relay");
    relay.pulse(PulseLength::from_secs(1).unwrap()).unwrap();
    assert_eq!(relay.state().unwrap(), RelayState::On);
}

#[test]
fn a_hardware_profile_without_a_port_is_refused() {
    let err = open_relay(&settings("kmtronic", None, None), log_alarms()).err().unwrap().to_string();
    assert!(err.contains("[relay] port is missing") && err.contains("kmtronic"), "{err}");
}

#[test]
fn a_channel_the_module_does_not_have_is_refused() {
    let (_device, slave) = serialport::TTYPort::pair().unwrap();
    let path = serialport::SerialPort::name(&slave).unwrap();
    let err = open_serial_relay(&settings("numato", Some(&path), Some(8)), log_alarms()).err().unwrap().to_string();
    assert!(err.contains("channel 8") && err.contains("0–7"), "{err}");
}

#[test]
fn a_port_that_does_not_exist_is_named() {
    let err = open_relay(&settings("lcus-1", Some("/dev/no-such-relay"), None), log_alarms()).err().unwrap();
    assert!(err.to_string().contains("/dev/no-such-relay"), "{err}");
}

#[test]
fn a_malformed_custom_profile_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("door.toml");
    std::fs::write(&path, "name = \"door\"\nencoding = \"hex\"\nchannels = { first = 1, count = 1, default = 1 }\non = \"A0 {ch} 01 {sum}\"\noff = \"A0 {ch} 00\"\n").unwrap();
    let s = settings(path.to_str().unwrap(), Some("/dev/null"), None);
    let err = open_relay(&s, log_alarms()).err().unwrap().to_string();
    assert!(err.contains("door.toml") && err.contains("`on`") && err.contains("{sum}"), "{err}");
}
