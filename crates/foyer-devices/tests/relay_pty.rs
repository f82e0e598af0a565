//! Byte-level relays played on pseudo-terminals: the exact frames, their
//! timing, extension of a pulse, a relay that never confirms OFF and a port
//! that disappears mid-pulse.

#[path = "support/relay_player.rs"]
mod relay_player;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use foyer_devices::relay::{built_in, relay_from_port, RelayProfile};
use foyer_devices::{DoorRelay, RelayState};
use foyer_domain::PulseLength;
use relay_player::{alarm_log, assert_gap, plug, Module, Silent};

const LCUS_ON: [u8; 4] = [0xA0, 0x01, 0x01, 0xA2];
const LCUS_OFF: [u8; 4] = [0xA0, 0x01, 0x00, 0xA1];
const KM_ON: [u8; 3] = [0xFF, 0x01, 0x01];
const KM_OFF: [u8; 3] = [0xFF, 0x01, 0x00];
const KM_STATUS: [u8; 3] = [0xFF, 0x01, 0x03];

fn profile(name: &str) -> RelayProfile {
    built_in(name).unwrap().unwrap()
}

fn one_second() -> PulseLength {
    PulseLength::from_secs(1).unwrap()
}

/// A KMTronic board; `stuck` makes it ignore every OFF after its first ON.
struct KmTronic {
    on: bool,
    stuck: Arc<Mutex<bool>>,
    latched: bool,
}

impl Module for KmTronic {
    fn frame_len(&self, pending: &[u8]) -> Option<usize> {
        (pending.len() >= 3).then_some(3)
    }
    fn answer(&mut self, frame: &[u8]) -> Vec<u8> {
        match frame[2] {
            0x01 => {
                self.on = true;
                self.latched = *self.stuck.lock().unwrap();
            }
            0x00 if !self.latched => self.on = false,
            0x03 => return vec![0xFF, 0x01, u8::from(self.on)],
            _ => {}
        }
        Vec::new()
    }
}

fn kmtronic(stuck: bool) -> KmTronic {
    KmTronic {
        on: true, // left on by a previous crash: start-up must switch it off
        stuck: Arc::new(Mutex::new(stuck)),
        latched: false,
    }
}

#[test]
fn lcus_is_switched_off_at_start_then_on_then_off_after_the_pulse() {
    let (port, device) = plug(Silent(4));
    let (alarms, raised) = alarm_log();
    let relay = relay_from_port(profile("lcus-1"), port, None, alarms).unwrap();
    assert_eq!(device.wait_for(1, Duration::from_secs(1)).len(), 1, "OFF at start-up");
    relay.pulse(one_second()).unwrap();
    assert!(relay.wait_until_off(Duration::from_secs(3)));
    let frames = device.wait_for(3, Duration::from_secs(1));
    assert_eq!(device.bytes(), [LCUS_OFF, LCUS_ON, LCUS_OFF]);
    assert_gap(&frames[1], &frames[2], Duration::from_secs(1));
    assert_eq!(relay.state().unwrap(), RelayState::Unknown);
    drop(relay);
    assert_eq!(device.wait_for(4, Duration::from_secs(1))[3].bytes, LCUS_OFF, "OFF at shutdown");
    assert!(raised.lock().unwrap().is_empty());
}

#[test]
fn a_second_pulse_while_open_extends_it_instead_of_stacking() {
    let (port, device) = plug(Silent(4));
    let relay = relay_from_port(profile("lcus-1"), port, None, alarm_log().0).unwrap();
    relay.pulse(one_second()).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    relay.pulse(one_second()).unwrap();
    assert!(relay.wait_until_off(Duration::from_secs(3)));
    let frames = device.wait_for(3, Duration::from_secs(1));
    assert_eq!(device.bytes(), [LCUS_OFF, LCUS_ON, LCUS_OFF], "one ON, one OFF");
    assert_gap(&frames[1], &frames[2], Duration::from_millis(1500));
}

#[test]
fn kmtronic_off_is_confirmed_by_its_status_reply() {
    let (port, device) = plug(kmtronic(false));
    let relay = relay_from_port(profile("kmtronic"), port, None, alarm_log().0).unwrap();
    relay.pulse(one_second()).unwrap();
    assert_eq!(relay.state().unwrap(), RelayState::On);
    assert!(relay.wait_until_off(Duration::from_secs(3)));
    assert_eq!(relay.state().unwrap(), RelayState::Off);
    let frames = device.wait_for(7, Duration::from_secs(1));
    assert_eq!(device.bytes(), [KM_OFF, KM_STATUS, KM_ON, KM_STATUS, KM_OFF, KM_STATUS, KM_STATUS]);
    assert_gap(&frames[2], &frames[4], Duration::from_secs(1));
}

#[test]
fn a_relay_that_never_confirms_off_raises_an_alarm_after_its_retries() {
    let (port, device) = plug(kmtronic(true));
    let (alarms, raised) = alarm_log();
    let relay = relay_from_port(profile("kmtronic"), port, None, alarms).unwrap();
    relay.pulse(one_second()).unwrap();
    assert!(relay.wait_until_off(Duration::from_secs(5)));
    let alarm = raised.lock().unwrap().first().cloned().expect("an alarm");
    assert!(alarm.message.contains("did not confirm OFF"), "{}", alarm.message);
    assert!(alarm.device.contains("KMTronic"), "{}", alarm.device);
    let offs_after_pulse = device.bytes().iter().skip(3).filter(|f| **f == KM_OFF).count();
    assert_eq!(offs_after_pulse, 3, "the profile's three attempts");
}

#[test]
fn a_port_that_disappears_mid_pulse_raises_an_alarm_and_the_next_open_switches_off() {
    let (port, device) = plug(Silent(4));
    let (alarms, raised) = alarm_log();
    let relay = relay_from_port(profile("lcus-1"), port, None, alarms).unwrap();
    relay.pulse(one_second()).unwrap();
    assert_eq!(device.wait_for(2, Duration::from_secs(1)).len(), 2);
    device.unplug();
    assert!(relay.wait_until_off(Duration::from_secs(5)));
    let alarm = raised.lock().unwrap().first().cloned().expect("an alarm for the lost OFF");
    assert!(alarm.message.contains("did not confirm OFF"), "{}", alarm.message);
    drop(relay);

    // Plugged back in (a new port): the first thing it receives is OFF.
    let (port, device) = plug(Silent(4));
    let _relay = relay_from_port(profile("lcus-1"), port, None, alarm_log().0).unwrap();
    assert_eq!(device.wait_for(1, Duration::from_secs(1))[0].bytes, LCUS_OFF);
}
