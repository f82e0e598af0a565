//! A Zebra on raw TCP, played by a listener on 127.0.0.1: it answers `~HS`
//! with the three host-status strings of its current state and records
//! every `^XA … ^XZ` label. The kiosk side is the printer `open_printer`
//! builds from the `zebra-zd421-203dpi` profile.

#[path = "support/alarms.rs"]
mod alarms;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alarms::Collected;
use foyer_devices::printer::{open_printer, PrinterSettings, Transport};
use foyer_devices::zpl::host_status::reply_bytes;
use foyer_devices::zpl::job::fields;
use foyer_devices::{log_alarms, DeviceError, PrintJob, PrinterStatus};
use foyer_domain::{BadgeClaims, BadgeContent, SiteKey};

#[derive(Default)]
struct Played {
    /// (paper out, paused, head up)
    state: (bool, bool, bool),
    queries: usize,
    labels: Vec<String>,
}

/// Serves one connection at a time until the test ends (bounded: 30 s).
fn play_zebra() -> (String, Arc<Mutex<Played>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let played = Arc::new(Mutex::new(Played::default()));
    let p = Arc::clone(&played);
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        listener.set_nonblocking(true).unwrap();
        while Instant::now() < deadline {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            stream.set_nonblocking(false).unwrap();
            stream.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
            let (mut buf, mut chunk) = (String::new(), [0u8; 4096]);
            while Instant::now() < deadline {
                match stream.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => buf.push_str(&String::from_utf8_lossy(&chunk[..n])),
                    Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                    Err(_) => break,
                }
                let mut s = p.lock().unwrap();
                if let Some(at) = buf.find("~HS") {
                    buf.drain(..at + 3);
                    s.queries += 1;
                    let (a, b, c) = s.state;
                    stream.write_all(&reply_bytes(a, b, c)).unwrap();
                }
                if let (Some(start), Some(end)) = (buf.find("^XA"), buf.find("^XZ")) {
                    s.labels.push(buf[start..end + 3].to_owned());
                    buf.drain(..end + 3);
                }
            }
        }
    });
    (addr, played)
}

fn settings(addr: &str) -> PrinterSettings {
    PrinterSettings {
        profile: "zebra-zd421-203dpi".into(),
        transport: Transport::Tcp(addr.into()),
        status_poll_secs: 0,
        ..PrinterSettings::default()
    }
}

#[test]
fn a_ready_zebra_gets_one_label_whose_qr_data_is_the_verifying_token() {
    let (addr, played) = play_zebra();
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&settings(&addr), dir.path(), log_alarms()).unwrap();
    assert_eq!(printer.status().unwrap(), PrinterStatus::Ready);
    let key = SiteKey::from_bytes([7; 32]);
    let mut badge = BadgeContent::sample(&key);
    badge.visitor_name = "Eve ^XZ~JR".into();
    printer.print(&PrintJob::new(badge.clone())).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while played.lock().unwrap().labels.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let p = played.lock().unwrap();
    assert_eq!(p.labels.len(), 1, "one label, printed once");
    let data = fields(&p.labels[0]);
    assert!(data.contains(&"Eve ^XZ~JR".to_owned()), "{data:?}");
    let token = data.iter().find_map(|f| f.strip_prefix("MA,")).expect("a ^BQ field");
    let claims = BadgeClaims::verify(token, &key, badge.issued_at.unix_timestamp()).unwrap();
    assert_eq!(claims.visit_id, badge.visit_id);
}

#[test]
fn paper_out_head_open_and_pause_refuse_the_label() {
    let (addr, played) = play_zebra();
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&settings(&addr), dir.path(), log_alarms()).unwrap();
    let badge = BadgeContent::sample(&SiteKey::from_bytes([7; 32]));
    for (state, expected) in [
        ((true, false, false), PrinterStatus::PaperEnd),
        ((false, false, true), PrinterStatus::CoverOpen),
        ((false, true, false), PrinterStatus::Offline),
    ] {
        played.lock().unwrap().state = state;
        let err = printer.print(&PrintJob::new(badge.clone())).unwrap_err();
        assert!(matches!(err, DeviceError::NotReady(s) if s == expected), "{err}");
    }
    std::thread::sleep(Duration::from_millis(50));
    let p = played.lock().unwrap();
    assert!(p.labels.is_empty());
    assert_eq!(p.queries, 3);
}

#[test]
fn paper_running_out_while_idle_raises_one_alarm() {
    let (addr, played) = play_zebra();
    let dir = tempfile::tempdir().unwrap();
    let alarms = Collected::default();
    let settings = PrinterSettings { status_poll_secs: 1, ..settings(&addr) };
    let printer = open_printer(&settings, dir.path(), alarms.sink()).unwrap();
    assert_eq!(printer.status().unwrap(), PrinterStatus::Ready);
    played.lock().unwrap().state = (true, false, false);
    let got = alarms.wait_for(1, Duration::from_secs(5));
    assert_eq!(got, ["printer cannot print: paper end"]);
    assert_eq!(alarms.all()[0].device, printer.describe());
    let asked = played.lock().unwrap().queries;
    // Two more polls find the same state and stay quiet.
    alarms.assert_exactly_after(Duration::from_millis(2300), &["printer cannot print: paper end"]);
    assert!(played.lock().unwrap().queries >= asked + 2);
    assert!(played.lock().unwrap().labels.is_empty());
}
