//! A Brother QL on USB, played on the master end of a pseudo-terminal:
//! the kiosk side opens the slave's path as it opens `/dev/usb/lp0`
//! (`UsbLink`), asks `ESC i S` before each job, and sends the job only when
//! the 32-byte reply says the expected roll is loaded and nothing is wrong.

#[path = "support/qr.rs"]
mod qr;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use foyer_devices::brother::inspect::{job_picture, parse, Op};
use foyer_devices::brother::job::geometry;
use foyer_devices::brother::status::{error1, error2, reply_bytes};
use foyer_devices::brother::{BrotherProfile, BrotherQl, BrotherQlPrinter, Media};
use foyer_devices::printer::{JobOptions, LabelPrinter, PrinterModel, UsbLink};
use foyer_devices::{log_alarms, BadgePrinter, DeviceError, PrintJob, PrinterStatus};
use foyer_domain::{BadgeContent, SiteKey};
use serialport::{SerialPort, TTYPort};

/// What the played printer answers to `ESC i S`; `None` stays silent.
type Answer = Option<[u8; 32]>;

#[derive(Default)]
struct Seen {
    status_requests: usize,
    jobs: Vec<Vec<u8>>,
}

struct PlayedBrother {
    answer: Arc<Mutex<Answer>>,
    seen: Arc<Mutex<Seen>>,
}

const STATUS_REQUEST: [u8; 3] = [0x1B, 0x69, 0x53];
const RASTER_MODE: [u8; 4] = [0x1B, 0x69, 0x61, 0x01];

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl PlayedBrother {
    /// Plays until the kiosk end closes or 30 s pass.
    fn start(mut master: TTYPort, answer: Answer) -> Self {
        let played = Self { answer: Arc::new(Mutex::new(answer)), seen: Arc::default() };
        let (a, s) = (Arc::clone(&played.answer), Arc::clone(&played.seen));
        master.set_timeout(Duration::from_millis(10)).unwrap();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            let (mut buf, mut chunk) = (Vec::new(), [0u8; 8192]);
            while Instant::now() < deadline {
                match master.read(&mut chunk) {
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                    Err(_) => return,
                }
                let answer = *a.lock().unwrap();
                serve(&mut buf, &mut master, answer, &mut s.lock().unwrap());
            }
        });
        played
    }

    fn set(&self, answer: Answer) {
        *self.answer.lock().unwrap() = answer;
    }
}

/// A status request outside a job is answered; a job is complete when it
/// parses and ends with `1A`.
fn serve(buf: &mut Vec<u8>, port: &mut TTYPort, answer: Answer, seen: &mut Seen) {
    let job_start = find(buf, &RASTER_MODE);
    if let Some(at) = find(buf, &STATUS_REQUEST).filter(|at| job_start.is_none_or(|j| *at < j)) {
        seen.status_requests += 1;
        buf.drain(..at + 3);
        if let Some(reply) = answer {
            port.write_all(&reply).unwrap();
        }
        return;
    }
    if job_start.is_some() && buf.last() == Some(&0x1A) {
        if let Ok(ops) = parse(buf) {
            if ops.last() == Some(&Op::PrintLast) {
                seen.jobs.push(std::mem::take(buf));
            }
        }
    }
}

fn profile() -> BrotherProfile {
    match PrinterModel::load("brother-ql-820nwb").unwrap() {
        PrinterModel::BrotherQl(p) => p,
        other => panic!("{other:?}"),
    }
}

fn setup(answer: Answer) -> (BrotherQlPrinter, PlayedBrother, TTYPort) {
    let (master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let path = slave.name().expect("the slave has a path");
    let link = UsbLink::open(&path).expect("the slave opens like /dev/usb/lp0");
    let options = JobOptions { expiry: Duration::from_secs(60), force_raster: false, poll_interval: None };
    let driver = BrotherQl { profile: profile(), bidirectional: true };
    let printer = LabelPrinter::new(Box::new(link), driver, None, options, log_alarms());
    (printer, PlayedBrother::start(master, answer), slave)
}

fn dk(id: &str) -> Option<&'static Media> {
    Media::by_id(id)
}

fn wait_for_job(played: &PlayedBrother) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(job) = played.seen.lock().unwrap().jobs.first() {
            return job.clone();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the played printer got no complete job within 10 s");
}

#[test]
fn a_ready_printer_with_the_badge_roll_gets_the_job_and_its_qr_verifies() {
    let (printer, played, _slave) = setup(Some(reply_bytes(dk("dk-11202"), 0, 0)));
    assert_eq!(printer.status().unwrap(), PrinterStatus::Ready);
    let key = SiteKey::from_bytes([8; 32]);
    let badge = BadgeContent::sample(&key);
    let report = printer.print(&PrintJob::new(badge.clone())).unwrap();
    let job = wait_for_job(&played);
    assert_eq!(job.len(), report.bytes_sent);
    let p = profile();
    let picture = job_picture(&parse(&job).unwrap(), geometry(&p, p.media()));
    let found = qr::decode_ink(&picture);
    assert_eq!(found, std::slice::from_ref(&badge.token));
    qr::assert_verifies(&found[0], &key, &badge);
    assert_eq!(played.seen.lock().unwrap().status_requests, 2);
}

#[test]
fn no_media_cover_open_and_wrong_media_refuse_the_job_and_send_nothing() {
    let (printer, played, _slave) = setup(None);
    let cases = [
        (reply_bytes(None, error1::NO_MEDIA, 0), PrinterStatus::PaperEnd),
        (reply_bytes(dk("dk-11202"), 0, error2::COVER_OPEN), PrinterStatus::CoverOpen),
        (reply_bytes(dk("dk-22205"), 0, 0), PrinterStatus::WrongMedia),
        (reply_bytes(dk("dk-11201"), 0, 0), PrinterStatus::WrongMedia),
    ];
    let badge = BadgeContent::sample(&SiteKey::from_bytes([8; 32]));
    for (reply, expected) in cases {
        played.set(Some(reply));
        assert_eq!(printer.status().unwrap(), expected);
        let err = printer.print(&PrintJob::new(badge.clone())).unwrap_err();
        assert!(matches!(err, DeviceError::NotReady(s) if s == expected), "{err}");
    }
    std::thread::sleep(Duration::from_millis(50));
    let seen = played.seen.lock().unwrap();
    assert!(seen.jobs.is_empty());
    assert_eq!(seen.status_requests, 8);
}

#[test]
fn a_silent_printer_is_no_answer_and_gets_no_job() {
    let (printer, played, _slave) = setup(None);
    let started = Instant::now();
    assert_eq!(printer.status().unwrap(), PrinterStatus::NoAnswer);
    assert!(started.elapsed() < Duration::from_secs(3));
    let err = printer.print(&PrintJob::new(BadgeContent::sample(&SiteKey::from_bytes([8; 32])))).unwrap_err();
    assert!(matches!(err, DeviceError::NotReady(PrinterStatus::NoAnswer)), "{err}");
    assert!(played.seen.lock().unwrap().jobs.is_empty());
}
