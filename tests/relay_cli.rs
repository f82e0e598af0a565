//! `foyer relay pulse|status` against relay modules played on
//! pseudo-terminals, opened by path as an installer would.

#[path = "../crates/foyer-devices/tests/support/relay_player.rs"]
mod relay_player;

use std::time::Duration;

use clap::Parser;
use foyer::cli::relay_cmd::{self, RelayArgs};
use relay_player::{assert_gap, Module, Player, Silent};
use serialport::{SerialPort, TTYPort};

/// Plays `module` on a pty and returns the path to pass as `--port`; the
/// returned port keeps the line up between openings.
fn device_at_path(module: impl Module) -> (String, Player, TTYPort) {
    let (master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().expect("a pty slave has a path");
    (path, Player::start(master, module), slave)
}

fn run(args: &[&str]) -> anyhow::Result<String> {
    let args = RelayArgs::try_parse_from([&["relay"], args].concat())?;
    let mut out = Vec::new();
    relay_cmd::run_to(args, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn relay_pulse_drives_an_lcus_board_off_on_off() {
    let (path, device, _line) = device_at_path(Silent(4));
    let out = run(&["pulse", "--relay", "lcus-1", "--port", &path, "--seconds", "1"]).unwrap();
    assert!(out.contains("ON for 1 s") && out.contains("OFF after 1."), "{out}");
    let frames = device.wait_for(4, Duration::from_secs(1));
    let on = [0xA0, 0x01, 0x01, 0xA2];
    let off = [0xA0, 0x01, 0x00, 0xA1];
    // Start-up OFF, ON, OFF at the end of the pulse, OFF at shutdown.
    assert_eq!(device.bytes(), [off, on, off, off]);
    assert_gap(&frames[1], &frames[2], Duration::from_secs(1));
}

#[test]
fn an_out_of_range_pulse_is_refused_before_anything_is_opened() {
    let err = run(&["pulse", "--relay", "lcus-1", "--port", "/dev/null", "--seconds", "60"]).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("--seconds") && msg.contains("60 is outside the allowed 1–30 seconds"), "{msg}");
    let err = run(&["pulse", "--relay", "lcus-1", "--port", "/dev/null", "--seconds", "0"]).unwrap_err();
    assert!(err.to_string().contains("1–30"), "{err}");
}

#[test]
fn an_unknown_profile_is_refused_with_the_known_ones() {
    let err = run(&["pulse", "--relay", "lcus1", "--port", "/dev/null"]).unwrap_err();
    assert!(format!("{err:#}").contains("lcus-1"), "{err:#}");
}

/// A KMTronic board left ON, that must only ever be asked its state.
struct KmTronicLeftOn;

impl Module for KmTronicLeftOn {
    fn frame_len(&self, p: &[u8]) -> Option<usize> {
        (p.len() >= 3).then_some(3)
    }
    fn answer(&mut self, frame: &[u8]) -> Vec<u8> {
        assert_eq!(frame, [0xFF, 0x01, 0x03], "only the status query");
        vec![0xFF, 0x01, 0x01]
    }
}

#[test]
fn relay_status_reads_a_kmtronic_without_switching_it() {
    let (path, device, _line) = device_at_path(KmTronicLeftOn);
    let out = run(&["status", "--relay", "kmtronic", "--port", &path]).unwrap();
    assert!(out.contains("KMTronic") && out.contains("ON (door released)"), "{out}");
    assert_eq!(device.bytes(), [[0xFF, 0x01, 0x03]]);
}

#[test]
fn relay_status_of_a_module_without_a_query_says_so() {
    let (path, device, _line) = device_at_path(Silent(4));
    let out = run(&["status", "--relay", "lcus-1", "--port", &path]).unwrap();
    assert!(out.contains("no status query"), "{out}");
    assert!(device.frames().is_empty(), "nothing sent");
}
