//! A network printer played by a listener on 127.0.0.1: the kiosk opens it
//! through `open_printer` like a configured kiosk would.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use foyer::cli::printer_cmd::{status_report, LineArgs, StatusArgs};
use foyer_devices::printer::inspect::{parse, Op};
use foyer_devices::printer::{
    encode_badge, open_printer, EscPosPrinter, JobOptions, PrinterSettings, Profile, TcpLink, Transport,
};
use foyer_devices::{log_alarms, BadgePrinter, DeviceError, PrintJob, PrinterStatus};
use foyer_domain::{BadgeContent, SiteKey};

#[derive(Default, Debug)]
struct Seen {
    connections: usize,
    queries: Vec<u8>,
    jobs: Vec<Vec<u8>>,
}

/// Serves `connections` connections one after the other, answering status
/// with `replies`; with `hang_up_after_job` it closes each connection after
/// a job, as network printers do.
fn play(replies: [u8; 4], connections: usize, hang_up_after_job: bool) -> (String, Arc<Mutex<Seen>>, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let log = Arc::clone(&seen);
    let handle = std::thread::spawn(move || {
        for _ in 0..connections {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            log.lock().unwrap().connections += 1;
            serve(stream, replies, hang_up_after_job, &log);
        }
    });
    (addr, seen, handle)
}

fn serve(mut stream: TcpStream, replies: [u8; 4], hang_up_after_job: bool, log: &Mutex<Seen>) {
    stream.set_read_timeout(Some(Duration::from_millis(10))).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while Instant::now() < deadline {
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(_) => {}
        }
        while buf.len() >= 3 && buf[0] == 0x10 && buf[1] == 0x04 {
            let n = buf[2];
            buf.drain(..3);
            log.lock().unwrap().queries.push(n);
            stream.write_all(&[replies[n as usize - 1]]).unwrap();
        }
        if let Some(end) = job_end(&buf) {
            log.lock().unwrap().jobs.push(buf.drain(..end).collect());
            if hang_up_after_job {
                return;
            }
        }
    }
}

/// Where the first complete job in `buf` ends: the next status request
/// may arrive in the same read as the job's last bytes.
fn job_end(buf: &[u8]) -> Option<usize> {
    (4..=buf.len())
        .filter(|end| buf[end - 4..*end] == [0x1D, 0x56, 0x42, 0x00])
        .find(|end| matches!(parse(&buf[..*end]).as_deref(), Ok([.., Op::Cut(_)])))
}

fn settings(addr: &str) -> PrinterSettings {
    PrinterSettings {
        profile: "epson-tm-t88v".into(),
        transport: Transport::Tcp(addr.into()),
        status_poll_secs: 0,
        ..PrinterSettings::default()
    }
}

fn badge() -> BadgeContent {
    BadgeContent::sample(&SiteKey::from_bytes([7; 32]))
}

#[test]
fn a_network_printer_gets_status_requests_then_the_exact_job() {
    let (addr, seen, handle) = play([0x12; 4], 1, true);
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&settings(&addr), dir.path(), log_alarms()).unwrap();
    assert!(printer.describe().contains(&addr));
    printer.print(&PrintJob::new(badge())).unwrap();
    handle.join().unwrap();
    let expected = encode_badge(&badge(), &Profile::load("epson-tm-t88v").unwrap(), None, false).unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.queries, [1, 2, 3, 4]);
    assert_eq!(seen.jobs, [expected.bytes]);
}

#[test]
fn after_the_printer_hangs_up_the_next_job_redials() {
    let (addr, seen, handle) = play([0x12; 4], 2, true);
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&settings(&addr), dir.path(), log_alarms()).unwrap();
    printer.print(&PrintJob::new(badge())).unwrap();
    // The hang-up is noticed by the next status query, which redials once.
    printer.print(&PrintJob::new(badge())).unwrap();
    handle.join().unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!((seen.connections, seen.jobs.len()), (2, 2));
}

#[test]
fn paper_end_on_a_network_printer_refuses_the_job() {
    let (addr, seen, _handle) = play([0x1A, 0x32, 0x12, 0x7E], 1, false);
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&settings(&addr), dir.path(), log_alarms()).unwrap();
    let err = printer.print(&PrintJob::new(badge())).unwrap_err();
    assert!(matches!(err, DeviceError::NotReady(PrinterStatus::PaperEnd)), "{err}");
    std::thread::sleep(Duration::from_millis(50));
    assert!(seen.lock().unwrap().jobs.is_empty());
}

#[test]
fn printer_status_over_tcp_prints_the_decoded_state_and_raw_replies() {
    let (addr, _seen, _handle) = play([0x1A, 0x16, 0x12, 0x12], 1, false);
    let args = StatusArgs {
        line: LineArgs {
            printer: "epson-tm-t20iii".into(),
            port: None,
            tcp: Some(addr),
            ipp: None,
            baud: None,
            flow_control: None,
        },
    };
    let report = status_report(&args).unwrap();
    assert!(report.ends_with("cover open (DLE EOT 1-4 replies: 1A 16 12 12)"), "{report}");
}

#[test]
fn nobody_listening_is_an_error_naming_the_address() {
    let addr = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&settings(&addr), dir.path(), log_alarms()).unwrap();
    let err = printer.print(&PrintJob::new(badge())).unwrap_err();
    assert!(matches!(err, DeviceError::Io { .. }) && err.to_string().contains(&addr), "{err}");
}

#[test]
fn a_printer_built_from_an_open_stream_prints_and_reads_status() {
    let (addr, seen, handle) = play([0x12, 0x12, 0x12, 0x1E], 1, true);
    let stream = TcpStream::connect(&addr).unwrap();
    let link = TcpLink::from_stream(stream).unwrap();
    let options = JobOptions { expiry: Duration::from_secs(120), force_raster: false, poll_interval: None };
    let profile = Profile::load("generic-80mm").unwrap();
    let printer = EscPosPrinter::new(Box::new(link), profile, None, options, log_alarms());
    assert_eq!(printer.describe(), format!("Generic 80 mm ESC/POS on {addr}"));
    assert_eq!(printer.status().unwrap(), PrinterStatus::PaperNearEnd);
    printer.print(&PrintJob::new(badge())).unwrap();
    handle.join().unwrap();
    assert_eq!(seen.lock().unwrap().jobs.len(), 1);
}
