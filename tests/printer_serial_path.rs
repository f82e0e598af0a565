//! A serial printer opened by its device path, as a configured kiosk and
//! `foyer printer status --port` open it: the path is the slave side of a
//! pseudo-terminal, and the test plays the printer on the master side.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use foyer::cli::printer_cmd::{status_report, LineArgs, StatusArgs};
use foyer_devices::printer::{encode_badge, open_printer, PrinterSettings, Profile, Transport};
use foyer_devices::{AlarmSink, DeviceAlarm, PrintJob};
use foyer_domain::{BadgeContent, SiteKey};
use serialport::{SerialPort, TTYPort};

const CUT: [u8; 4] = [0x1D, 0x56, 0x42, 0x00];

/// What the played printer answers (`None`: silence) and what it received.
#[derive(Default)]
struct Played {
    replies: Mutex<Option<[u8; 4]>>,
    jobs: Mutex<Vec<Vec<u8>>>,
}

/// Opens a pty, frees its slave path for the code under test, and plays a
/// printer on the master for up to 20 s. Native jobs only: a job is
/// everything up to its cut.
fn pty_printer(replies: [u8; 4]) -> (String, Arc<Played>) {
    let (mut master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let path = slave.name().expect("the slave has a path");
    // The pair's slave is opened exclusively; close it so the path can be opened.
    drop(slave);
    let played = Arc::new(Played { replies: Mutex::new(Some(replies)), jobs: Mutex::default() });
    let p = Arc::clone(&played);
    master.set_timeout(Duration::from_millis(10)).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let (mut buf, mut chunk) = (Vec::new(), [0u8; 1024]);
        while Instant::now() < deadline {
            match master.read(&mut chunk) {
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                // Nobody has the slave open (yet, or any more).
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
            while buf.len() >= 3 && buf[..2] == [0x10, 0x04] {
                let n = buf[2] as usize;
                buf.drain(..3);
                if let Some(r) = *p.replies.lock().unwrap() {
                    master.write_all(&[r[n - 1]]).unwrap();
                }
            }
            if let Some(at) = buf.windows(4).position(|w| w == CUT) {
                p.jobs.lock().unwrap().push(buf.drain(..at + 4).collect());
            }
        }
    });
    (path, played)
}

#[test]
fn printer_status_by_port_path_decodes_paper_near_end() {
    let (path, _played) = pty_printer([0x12, 0x12, 0x12, 0x1E]);
    let line = LineArgs {
        printer: "epson-tm-t20iii".into(),
        port: Some(path.clone()),
        tcp: None,
        ipp: None,
        baud: None,
        flow_control: None,
    };
    let report = status_report(&StatusArgs { line }).unwrap();
    assert_eq!(report, format!("{path}: paper near end (DLE EOT 1-4 replies: 12 12 12 1E)"));
}

#[test]
fn a_configured_serial_printer_prints_and_reports_going_silent_while_idle() {
    let (path, played) = pty_printer([0x12; 4]);
    let alarms: Arc<Mutex<Vec<DeviceAlarm>>> = Arc::default();
    let sink_alarms = Arc::clone(&alarms);
    let sink: AlarmSink = Arc::new(move |a| sink_alarms.lock().unwrap().push(a));
    let settings = PrinterSettings {
        profile: "epson-tm-t20iii".into(),
        transport: Transport::Serial(path.clone()),
        baud: Some(115_200),
        status_poll_secs: 1,
        ..PrinterSettings::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&settings, dir.path(), sink).unwrap();
    assert_eq!(printer.describe(), format!("Epson TM-T20III on {path}"));
    let badge = BadgeContent::sample(&SiteKey::from_bytes([2; 32]));
    printer.print(&PrintJob::new(badge.clone())).unwrap();
    let expected = encode_badge(&badge, &Profile::load("epson-tm-t20iii").unwrap(), None, false).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while played.jobs.lock().unwrap().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(*played.jobs.lock().unwrap(), [expected.bytes]);
    // The printer stops answering: the next idle poll raises one alarm.
    *played.replies.lock().unwrap() = None;
    let deadline = Instant::now() + Duration::from_secs(6);
    while alarms.lock().unwrap().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let alarms = alarms.lock().unwrap();
    assert_eq!(alarms.len(), 1, "{alarms:?}");
    assert_eq!(alarms[0].message, "printer cannot print: no answer");
}
