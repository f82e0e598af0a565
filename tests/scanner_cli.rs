//! `foyer scanner listen` against a scanner played on a pseudo-terminal.

use std::io::Write;

use clap::Parser;
use foyer::cli::scanner_cmd::{self, ScannerArgs};
use serialport::{SerialPort, TTYPort};

fn listen(args: &[&str]) -> anyhow::Result<String> {
    let args = ScannerArgs::try_parse_from([&["scanner", "listen"], args].concat())?;
    let mut out = Vec::new();
    scanner_cmd::run_to(args, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn listen_prints_each_scan_as_badge_invitation_or_refusal() {
    let (mut device, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    device.write_all(b"FB1.abc.def\rk7m2-qx9p\r\nhttps://example.org\n\xFF\xFE\r").unwrap();
    let out = listen(&["--port", &path, "--count", "4", "--seconds", "5"]).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[0].starts_with("listening on scanner on /dev/"), "{out}");
    assert_eq!(lines[1], "badge       FB1.abc.def (check-out)");
    assert_eq!(lines[2], "invitation  K7M2-QX9P (check-in)");
    assert!(lines[3].starts_with("unknown") && lines[3].contains("neither"), "{out}");
    assert!(lines[4].starts_with("refused") && lines[4].contains("UTF-8"), "{out}");
}

#[test]
fn listen_stops_after_its_time_limit_when_nothing_is_scanned() {
    let (_device, slave) = TTYPort::pair().unwrap();
    let started = std::time::Instant::now();
    let out = listen(&["--port", &slave.name().unwrap(), "--seconds", "1"]).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
}
