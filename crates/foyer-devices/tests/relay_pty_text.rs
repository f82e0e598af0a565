//! The ASCII and OSDP profiles played on pseudo-terminals: Numato's echoing
//! text protocol, a microcontroller that times the pulse itself, and an
//! OSDP peripheral that acknowledges every command.

#[path = "support/relay_player.rs"]
mod relay_player;

use std::time::{Duration, Instant};

use foyer_devices::relay::{built_in, crc16_osdp, relay_from_port, RelayProfile};
use foyer_devices::{DeviceError, DoorRelay, RelayState};
use foyer_domain::PulseLength;
use relay_player::{alarm_log, assert_gap, plug, Lines, Module};

fn profile(name: &str) -> RelayProfile {
    built_in(name).unwrap().unwrap()
}

fn one_second() -> PulseLength {
    PulseLength::from_secs(1).unwrap()
}

/// A Numato board: echoes each command, answers `relay read` with the state.
fn numato() -> impl Module {
    let mut on = false;
    Lines(b'\r', move |cmd: &str| {
        let state = match cmd {
            "relay on 0" => {
                on = true;
                String::new()
            }
            "relay off 0" => {
                on = false;
                String::new()
            }
            "relay read 0" => format!("{}\n\r", if on { "on" } else { "off" }),
            other => panic!("unexpected command {other:?}"),
        };
        format!("{cmd}\n\r{state}>")
    })
}

#[test]
fn numato_is_driven_with_text_commands_and_confirmed_by_relay_read() {
    let (port, device) = plug(numato());
    let relay = relay_from_port(profile("numato"), port, None, alarm_log().0).unwrap();
    relay.pulse(one_second()).unwrap();
    assert_eq!(relay.state().unwrap(), RelayState::On);
    assert!(relay.wait_until_off(Duration::from_secs(3)));
    let frames = device.wait_for(6, Duration::from_secs(1));
    let text: Vec<_> = frames.iter().map(|f| String::from_utf8_lossy(&f.bytes).into_owned()).collect();
    let expected =
        ["relay off 0\r", "relay read 0\r", "relay on 0\r", "relay read 0\r", "relay off 0\r", "relay read 0\r"];
    assert_eq!(text, expected);
    assert_gap(&frames[2], &frames[4], Duration::from_secs(1));
}

/// A microcontroller running the README's sketch: it closes the relay by
/// its own clock.
fn gpio_board() -> impl Module {
    let mut open_until: Option<Instant> = None;
    Lines(b'\n', move |cmd: &str| {
        if let Some(secs) = cmd.strip_prefix("OPEN ") {
            open_until = Some(Instant::now() + Duration::from_secs(secs.parse().unwrap()));
            return "OK\n".into();
        }
        match cmd {
            "CLOSE" => {
                open_until = None;
                "OK\n".into()
            }
            "STATE" if open_until.is_some_and(|t| Instant::now() < t) => "OPEN\n".into(),
            "STATE" => "CLOSED\n".into(),
            other => panic!("unexpected command {other:?}"),
        }
    })
}

#[test]
fn a_gpio_board_times_the_pulse_itself_and_is_only_checked_afterwards() {
    let (port, device) = plug(gpio_board());
    let relay = relay_from_port(profile("gpio-ascii"), port, None, alarm_log().0).unwrap();
    relay.pulse(one_second()).unwrap();
    assert!(relay.wait_until_off(Duration::from_secs(3)));
    let frames = device.wait_for(4, Duration::from_secs(1));
    let bytes: Vec<&[u8]> = frames.iter().map(|f| f.bytes.as_slice()).collect();
    assert_eq!(bytes, [&b"CLOSE\n"[..], b"STATE\n", b"OPEN 1\n", b"STATE\n"], "no CLOSE after the pulse");
    // Checked once the board's own timer ran out (1 s plus the 300 ms grace).
    assert_gap(&frames[2], &frames[3], Duration::from_millis(1300));
}

/// An OSDP peripheral at address 0 that acknowledges every valid command.
struct OsdpPeripheral;

impl Module for OsdpPeripheral {
    fn frame_len(&self, p: &[u8]) -> Option<usize> {
        let len = usize::from(u16::from_le_bytes([*p.get(2)?, *p.get(3)?]));
        (p.len() >= len).then_some(len)
    }
    fn answer(&mut self, frame: &[u8]) -> Vec<u8> {
        let (body, crc) = frame.split_at(frame.len() - 2);
        assert_eq!(crc, crc16_osdp(body).to_le_bytes(), "a command with a bad CRC");
        let mut ack = vec![0x53, 0x80, 0x08, 0x00, frame[4], 0x40];
        ack.extend_from_slice(&crc16_osdp(&ack).to_le_bytes());
        ack
    }
}

#[test]
fn osdp_pulse_is_one_timed_command_and_the_peripheral_ends_it() {
    let (port, device) = plug(OsdpPeripheral);
    let relay = relay_from_port(profile("osdp"), port, None, alarm_log().0).unwrap();
    relay.pulse(one_second()).unwrap();
    assert!(relay.wait_until_off(Duration::from_secs(3)));
    assert_eq!(device.frames().len(), 2, "nothing sent when the pulse ends");
    drop(relay);
    let frames = device.wait_for(3, Duration::from_secs(1));
    let heads: Vec<&[u8]> = frames.iter().map(|f| &f.bytes[..10]).collect();
    let off = |ctrl| [0x53, 0x00, 0x0C, 0x00, ctrl, 0x68, 0x00, 0x01, 0x00, 0x00];
    let on = [0x53, 0x00, 0x0C, 0x00, 0x06, 0x68, 0x00, 0x05, 0x0A, 0x00];
    assert_eq!(heads, [&off(0x05)[..], &on[..], &off(0x07)[..]], "sequence 1, 2, 3; 10 × 100 ms");
}

#[test]
fn an_osdp_peripheral_that_never_acknowledges_fails_the_start_with_an_alarm() {
    let (port, device) = plug(relay_player::Silent(12));
    let (alarms, raised) = alarm_log();
    let err = relay_from_port(profile("osdp"), port, None, alarms).err().expect("start refused");
    assert!(matches!(err, DeviceError::Timeout { .. }), "{err}");
    assert!(err.to_string().contains("OFF command"), "{err}");
    assert_eq!(device.frames().len(), 3, "OFF tried three times");
    assert_eq!(raised.lock().unwrap().len(), 1);
}

#[test]
fn a_second_pulse_restarts_the_boards_own_timer() {
    let (port, device) = plug(gpio_board());
    let relay = relay_from_port(profile("gpio-ascii"), port, None, alarm_log().0).unwrap();
    relay.pulse(one_second()).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    relay.pulse(one_second()).unwrap();
    assert!(relay.wait_until_off(Duration::from_secs(3)));
    let frames = device.wait_for(5, Duration::from_secs(1));
    let bytes: Vec<&[u8]> = frames.iter().map(|f| f.bytes.as_slice()).collect();
    assert_eq!(bytes, [&b"CLOSE\n"[..], b"STATE\n", b"OPEN 1\n", b"OPEN 1\n", b"STATE\n"]);
    assert_gap(&frames[3], &frames[4], Duration::from_millis(1300));
}
