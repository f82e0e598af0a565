//! The serial scanner on a pseudo-terminal: the test types scans into the
//! far end the way a GM65-type scanner sends them.

use std::io::Write;
use std::time::{Duration, Instant};

use foyer_devices::scanner::{FramerConfig, SerialScanner};
use foyer_devices::{DeviceError, Scanner};
use serialport::TTYPort;

const WAIT: Duration = Duration::from_millis(500);

fn scanner() -> (SerialScanner, TTYPort) {
    let (master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    (SerialScanner::from_port(Box::new(slave), FramerConfig::default()), master)
}

fn refusal(result: Result<Option<String>, DeviceError>) -> String {
    match result {
        Err(DeviceError::BadScan(why)) => why,
        other => panic!("expected a refused scan, got {other:?}"),
    }
}

#[test]
fn scans_ending_in_cr_lf_and_crlf_are_read_one_by_one() {
    let (mut s, mut device) = scanner();
    device.write_all(b"FB1.AAA\rK7M2-QX9P\nFB1.BBB\r\n").unwrap();
    assert_eq!(s.next_scan(WAIT).unwrap().as_deref(), Some("FB1.AAA"));
    assert_eq!(s.next_scan(WAIT).unwrap().as_deref(), Some("K7M2-QX9P"));
    assert_eq!(s.next_scan(WAIT).unwrap().as_deref(), Some("FB1.BBB"));
    let started = Instant::now();
    assert_eq!(s.next_scan(Duration::from_millis(100)).unwrap(), None);
    assert!(started.elapsed() >= Duration::from_millis(100));
}

#[test]
fn a_scan_without_suffix_is_delivered_after_the_idle_gap() {
    let (mut s, mut device) = scanner();
    device.write_all(b"K7M2QX9P").unwrap();
    let started = Instant::now();
    assert_eq!(s.next_scan(WAIT).unwrap().as_deref(), Some("K7M2QX9P"));
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(50) && took < Duration::from_millis(300), "{took:?}");
}

#[test]
fn a_scan_split_across_writes_is_joined() {
    let (mut s, mut device) = scanner();
    let writer = std::thread::spawn(move || {
        device.write_all(b"FB1.").unwrap();
        std::thread::sleep(Duration::from_millis(15));
        device.write_all(b"ABC\r\n").unwrap();
        device
    });
    assert_eq!(s.next_scan(WAIT).unwrap().as_deref(), Some("FB1.ABC"));
    let _device = writer.join().unwrap();
    assert_eq!(s.next_scan(Duration::from_millis(60)).unwrap(), None);
}

#[test]
fn an_over_long_scan_is_refused_and_the_next_one_is_read() {
    let (mut s, mut device) = scanner();
    let mut bytes = vec![b'A'; 600];
    bytes.extend_from_slice(b"\rK7M2QX9P\r");
    device.write_all(&bytes).unwrap();
    let why = refusal(s.next_scan(WAIT));
    assert!(why.contains("600 bytes") && why.contains("512"), "{why}");
    assert_eq!(s.next_scan(WAIT).unwrap().as_deref(), Some("K7M2QX9P"));
}

#[test]
fn invalid_utf8_is_refused_and_the_next_scan_is_read() {
    let (mut s, mut device) = scanner();
    device.write_all(b"K7\xC3\x28QX9P\rFB1.OK\r").unwrap();
    let why = refusal(s.next_scan(WAIT));
    assert!(why.contains("not UTF-8") && why.contains("0xC3"), "{why}");
    assert_eq!(s.next_scan(WAIT).unwrap().as_deref(), Some("FB1.OK"));
}

#[test]
fn a_scanner_that_is_unplugged_reports_an_error() {
    let (mut s, device) = scanner();
    drop(device);
    let err = s.next_scan(WAIT).unwrap_err();
    assert!(err.to_string().contains("scanner on"), "{err}");
}
