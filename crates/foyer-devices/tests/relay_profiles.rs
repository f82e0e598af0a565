//! Exact bytes of every built-in relay profile, against the manufacturers'
//! documented frames (../shared/HARDWARE.md), and the refusal of malformed
//! profiles with a message naming the file and the field.

use foyer_devices::relay::{built_in, crc16_osdp, load_profile, FrameContext, RelayProfile};
use foyer_domain::PulseLength;

fn profile(name: &str) -> RelayProfile {
    built_in(name).expect("built in").expect("valid")
}

fn ctx(channel: u8, secs: Option<u64>, seq: u8) -> FrameContext {
    FrameContext { channel, pulse: secs.map(|s| PulseLength::from_secs(s).unwrap()), seq }
}

#[test]
fn lcus_1_frames_carry_the_byte_sum() {
    let p = profile("lcus-1");
    assert_eq!(p.on_frame(&ctx(1, Some(5), 1)), [0xA0, 0x01, 0x01, 0xA2]);
    assert_eq!(p.off_frame(&ctx(1, None, 1)), [0xA0, 0x01, 0x00, 0xA1]);
    assert!(p.status.is_none() && p.ack.is_none() && !p.device_timed);
    assert_eq!(p.baud, 9600);
}

#[test]
fn kmtronic_frames_and_status_query() {
    let p = profile("kmtronic");
    assert_eq!(p.on_frame(&ctx(1, Some(5), 1)), [0xFF, 0x01, 0x01]);
    assert_eq!(p.off_frame(&ctx(1, None, 1)), [0xFF, 0x01, 0x00]);
    assert_eq!(p.status_frame(&ctx(1, None, 1)).unwrap(), [0xFF, 0x01, 0x03]);
}

#[test]
fn numato_commands_are_text_with_a_carriage_return() {
    let p = profile("numato");
    assert_eq!(p.on_frame(&ctx(0, Some(5), 1)), b"relay on 0\r");
    assert_eq!(p.off_frame(&ctx(3, None, 1)), b"relay off 3\r");
    assert_eq!(p.status_frame(&ctx(0, None, 1)).unwrap(), b"relay read 0\r");
}

#[test]
fn gpio_board_is_told_the_pulse_length_and_times_it_itself() {
    let p = profile("gpio-ascii");
    assert!(p.device_timed);
    assert_eq!(p.on_frame(&ctx(0, Some(5), 1)), b"OPEN 5\n");
    assert_eq!(p.off_frame(&ctx(0, None, 1)), b"CLOSE\n");
    assert_eq!(p.status_frame(&ctx(0, None, 1)).unwrap(), b"STATE\n");
}

#[test]
fn osdp_three_second_pulse_matches_the_documented_frame() {
    let p = profile("osdp");
    assert!(p.device_timed);
    let on = p.on_frame(&ctx(0, Some(3), 1));
    assert_eq!(on, [0x53, 0x00, 0x0C, 0x00, 0x05, 0x68, 0x00, 0x05, 0x1E, 0x00, 0x71, 0x51]);
    assert_eq!(crc16_osdp(&on[..10]), 0x5171);
}

#[test]
fn osdp_off_aborts_the_timer_and_carries_the_next_sequence_number() {
    let off = profile("osdp").off_frame(&ctx(0, None, 2));
    assert_eq!(&off[..10], [0x53, 0x00, 0x0C, 0x00, 0x06, 0x68, 0x00, 0x01, 0x00, 0x00]);
    let crc = crc16_osdp(&off[..10]).to_le_bytes();
    assert_eq!(&off[10..], crc);
}

fn refused(text: &str) -> String {
    RelayProfile::from_toml(text, "custom.toml").unwrap_err().to_string()
}

const GOOD_HEAD: &str = "name = \"x\"\nencoding = \"hex\"\nchannels = { first = 1, count = 1, default = 1 }\n";

#[test]
fn a_frame_with_a_bad_hex_byte_is_refused_naming_file_and_field() {
    let err = refused(&format!("{GOOD_HEAD}on = \"A0 G1\"\noff = \"A0 00\"\n"));
    assert!(err.contains("custom.toml") && err.contains("`on`") && err.contains("G1"), "{err}");
}

#[test]
fn an_unknown_placeholder_is_refused() {
    let err = refused(&format!("{GOOD_HEAD}on = \"A0 01\"\noff = \"A0 {{chk}}\"\n"));
    assert!(err.contains("`off`") && err.contains("{chk}"), "{err}");
}

#[test]
fn a_missing_frame_and_a_misspelt_key_are_refused() {
    let err = refused(&format!("{GOOD_HEAD}on = \"A0 01\"\n"));
    assert!(err.contains("custom.toml") && err.contains("off"), "{err}");
    let err = refused(&format!("{GOOD_HEAD}on = \"A0 01\"\noff = \"A0 00\"\nstatsu = 1\n"));
    assert!(err.contains("statsu"), "{err}");
}

#[test]
fn a_device_timed_profile_must_send_the_time() {
    let err = refused(&format!("{GOOD_HEAD}device_timed = true\non = \"A0 01\"\noff = \"A0 00\"\n"));
    assert!(err.contains("`on`") && err.contains("{secs}"), "{err}");
}

#[test]
fn a_default_channel_outside_the_module_is_refused() {
    let text = "name = \"x\"\nencoding = \"hex\"\nchannels = { first = 1, count = 2, default = 4 }\non = \"01\"\noff = \"00\"\n";
    let err = refused(text);
    assert!(err.contains("channels.default") && err.contains("1–2"), "{err}");
}

#[test]
fn a_custom_profile_file_is_loaded_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-relay.toml");
    std::fs::write(&path, format!("{GOOD_HEAD}on = \"55 {{ch}} 01\"\noff = \"55 {{ch}} 00\"\n")).unwrap();
    let p = load_profile(path.to_str().unwrap()).unwrap();
    assert_eq!(p.on_frame(&ctx(1, Some(1), 1)), [0x55, 0x01, 0x01]);
    std::fs::write(&path, "name = 3\n").unwrap();
    let err = load_profile(path.to_str().unwrap()).unwrap_err().to_string();
    assert!(err.contains("my-relay.toml") && err.contains("line 1") && err.contains("`name`"), "{err}");
}
