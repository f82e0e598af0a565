//! The printer on a pseudo-terminal: the test plays the printer on the
//! master end, byte by byte, answering `DLE EOT` as a real one would in
//! each state, and the kiosk side's behaviour is asserted.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use foyer_devices::printer::inspect::{parse, Op};
use foyer_devices::printer::{encode_badge, EscPosPrinter, JobOptions, Profile, SerialLink};
use foyer_devices::{AlarmSink, BadgePrinter, DeviceAlarm, DeviceError, PrintEncoding, PrintJob, PrinterStatus};
use foyer_domain::{BadgeContent, SiteKey};
use serialport::{SerialPort, TTYPort};

/// How the played printer answers each status request.
#[derive(Clone, Debug)]
enum Answer {
    Replies([u8; 4]),
    /// XON and XOFF around every reply, as a printer with software flow control.
    WithFlowControl([u8; 4]),
    Silent,
    Garbage,
}

const NORMAL: [u8; 4] = [0x12, 0x12, 0x12, 0x12];
const NEAR_END: [u8; 4] = [0x12, 0x12, 0x12, 0x1E];
const PAPER_END: [u8; 4] = [0x1A, 0x32, 0x12, 0x7E];
const COVER_OPEN: [u8; 4] = [0x1A, 0x16, 0x12, 0x12];

#[derive(Default)]
struct Seen {
    queries: Vec<u8>,
    jobs: Vec<Vec<u8>>,
    /// Bytes that were neither a status request nor part of a valid job.
    violations: Vec<String>,
}

/// The printer end of the pty. Its thread ends when the kiosk end closes
/// (reads then fail) or after 30 s, whichever is first.
struct PlayedPrinter {
    answer: Arc<Mutex<Answer>>,
    seen: Arc<Mutex<Seen>>,
}

impl PlayedPrinter {
    fn start(mut master: TTYPort, answer: Answer) -> Self {
        let played = Self { answer: Arc::new(Mutex::new(answer)), seen: Arc::default() };
        let (a, s) = (Arc::clone(&played.answer), Arc::clone(&played.seen));
        master.set_timeout(Duration::from_millis(10)).unwrap();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            let (mut buf, mut chunk) = (Vec::new(), [0u8; 4096]);
            while Instant::now() < deadline {
                match master.read(&mut chunk) {
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                    Err(_) => return,
                }
                serve(&mut buf, &mut master, &a.lock().unwrap().clone(), &mut s.lock().unwrap());
            }
        });
        played
    }

    fn set(&self, answer: Answer) {
        *self.answer.lock().unwrap() = answer;
    }

    fn seen<T>(&self, f: impl FnOnce(&Seen) -> T) -> T {
        f(&self.seen.lock().unwrap())
    }
}

/// Consumes what it can of `buf`: status requests between jobs are
/// answered; a job is complete at its cut. A status request inside a job
/// makes the job unparsable and is recorded as a violation.
fn serve(buf: &mut Vec<u8>, port: &mut TTYPort, answer: &Answer, seen: &mut Seen) {
    loop {
        if buf.len() >= 3 && buf[0] == 0x10 && buf[1] == 0x04 && (1..=4).contains(&buf[2]) {
            let n = buf[2];
            buf.drain(..3);
            seen.queries.push(n);
            let reply: Vec<u8> = match answer {
                Answer::Replies(r) => vec![r[n as usize - 1]],
                Answer::WithFlowControl(r) => vec![0x13, 0x11, r[n as usize - 1], 0x11],
                Answer::Silent => vec![],
                Answer::Garbage => vec![0x41, 0xFF, 0x00],
            };
            port.write_all(&reply).unwrap();
            continue;
        }
        if buf.is_empty() || (buf[0] == 0x10 && buf.len() < 3) || !take_job(buf, seen) {
            return;
        }
    }
}

/// Moves one complete job (ending with the partial cut) from `buf` to
/// `seen.jobs`. The cut's bytes may also occur inside raster data, so each
/// occurrence is tried until the bytes before it parse as a whole job.
fn take_job(buf: &mut Vec<u8>, seen: &mut Seen) -> bool {
    let ends = (4..=buf.len()).filter(|end| buf[end - 4..*end] == [0x1D, 0x56, 0x42, 0x00]);
    let error = match ends.map(|end| (end, parse(&buf[..end]))).find(|(_, r)| !incomplete(r)) {
        Some((end, Ok(_))) => {
            seen.jobs.push(buf.drain(..end).collect());
            return true;
        }
        Some((_, Err(e))) => e,
        None => match parse(buf) {
            Err(e) if !e.contains("job ends inside") => e,
            _ => return false,
        },
    };
    seen.violations.push(error);
    buf.clear();
    false
}

/// A prefix that is not yet a whole job: cut bytes inside raster data.
fn incomplete(r: &Result<Vec<Op>, String>) -> bool {
    match r {
        Ok(ops) => !matches!(ops.last(), Some(Op::Cut(_))),
        Err(e) => e.contains("job ends inside"),
    }
}

fn wait_until(what: &str, timeout: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn options(poll: Option<Duration>, force_raster: bool) -> JobOptions {
    JobOptions { expiry: Duration::from_secs(120), force_raster, poll_interval: poll }
}

fn setup(answer: Answer, opts: JobOptions) -> (EscPosPrinter, PlayedPrinter, Arc<Mutex<Vec<DeviceAlarm>>>) {
    let (master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let alarms = Arc::new(Mutex::new(Vec::new()));
    let sink_alarms = Arc::clone(&alarms);
    let sink: AlarmSink = Arc::new(move |a| sink_alarms.lock().unwrap().push(a));
    let profile = Profile::load("epson-tm-t20iii").unwrap();
    let printer = EscPosPrinter::new(Box::new(SerialLink::from_port(Box::new(slave))), profile, None, opts, sink);
    (printer, PlayedPrinter::start(master, answer), alarms)
}

fn badge() -> BadgeContent {
    BadgeContent::sample(&SiteKey::from_bytes([8; 32]))
}

#[test]
fn a_ready_printer_gets_four_status_requests_then_exactly_the_encoded_job() {
    let (printer, played, _) = setup(Answer::Replies(NORMAL), options(None, false));
    let report = printer.print(&PrintJob::new(badge())).unwrap();
    let expected = encode_badge(&badge(), &Profile::load("epson-tm-t20iii").unwrap(), None, false).unwrap();
    assert_eq!(report.encoding, PrintEncoding::Native);
    assert_eq!(report.bytes_sent, expected.bytes.len());
    wait_until("the job", Duration::from_secs(5), || played.seen(|s| s.jobs.len() == 1));
    played.seen(|s| {
        assert_eq!(s.queries, [1, 2, 3, 4]);
        assert_eq!(s.jobs[0], expected.bytes);
        assert!(s.violations.is_empty(), "{:?}", s.violations);
    });
}

#[test]
fn paper_near_end_still_prints_and_xon_xoff_are_not_taken_for_status() {
    let (printer, played, _) = setup(Answer::WithFlowControl(NEAR_END), options(None, false));
    assert_eq!(printer.status().unwrap(), PrinterStatus::PaperNearEnd);
    printer.print(&PrintJob::new(badge())).unwrap();
    wait_until("the job", Duration::from_secs(5), || played.seen(|s| s.jobs.len() == 1));
}

#[test]
fn paper_end_and_cover_open_refuse_the_job_and_send_nothing_of_it() {
    for (replies, state) in [(PAPER_END, PrinterStatus::PaperEnd), (COVER_OPEN, PrinterStatus::CoverOpen)] {
        let (printer, played, _) = setup(Answer::Replies(replies), options(None, false));
        let err = printer.print(&PrintJob::new(badge())).unwrap_err();
        assert!(matches!(err, DeviceError::NotReady(s) if s == state), "{err}");
        // Once the printer is back, nothing is printed unless asked again.
        played.set(Answer::Replies(NORMAL));
        std::thread::sleep(Duration::from_millis(150));
        played.seen(|s| assert!(s.jobs.is_empty() && s.violations.is_empty()));
        printer.print(&PrintJob::new(badge())).unwrap();
        wait_until("the explicit reprint", Duration::from_secs(5), || played.seen(|s| s.jobs.len() == 1));
    }
}

#[test]
fn a_silent_printer_is_no_answer_within_the_timeout_and_gets_no_job() {
    let (printer, played, _) = setup(Answer::Silent, options(None, false));
    let started = Instant::now();
    let err = printer.print(&PrintJob::new(badge())).unwrap_err();
    assert!(matches!(err, DeviceError::NotReady(PrinterStatus::NoAnswer)), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    std::thread::sleep(Duration::from_millis(50));
    played.seen(|s| assert_eq!((s.queries.as_slice(), s.jobs.len()), (&[1u8][..], 0)));
}

#[test]
fn garbage_instead_of_status_is_a_protocol_error_and_no_job() {
    let (printer, played, _) = setup(Answer::Garbage, options(None, false));
    let err = printer.print(&PrintJob::new(badge())).unwrap_err();
    assert!(matches!(&err, DeviceError::Protocol { detail, .. } if detail.contains("41 FF 00")), "{err}");
    std::thread::sleep(Duration::from_millis(50));
    played.seen(|s| assert!(s.jobs.is_empty()));
}

#[test]
fn an_expired_job_is_dropped_without_touching_the_printer() {
    let (printer, played, _) = setup(Answer::Replies(NORMAL), options(None, false));
    let mut job = PrintJob::new(badge());
    job.queued_at = Instant::now() - Duration::from_secs(121);
    let err = printer.print(&job).unwrap_err();
    assert!(matches!(err, DeviceError::JobExpired { expiry_secs: 120, .. }), "{err}");
    std::thread::sleep(Duration::from_millis(50));
    played.seen(|s| assert!(s.queries.is_empty() && s.jobs.is_empty()));
}

#[test]
fn idle_polling_reports_paper_end_and_recovery_to_the_alarm_sink() {
    let (_printer, played, alarms) = setup(Answer::Replies(NORMAL), options(Some(Duration::from_millis(30)), false));
    wait_until("a first poll", Duration::from_secs(3), || played.seen(|s| s.queries.len() >= 8));
    assert!(alarms.lock().unwrap().is_empty(), "a ready printer raises no alarm");
    played.set(Answer::Replies(PAPER_END));
    wait_until("the paper-end alarm", Duration::from_secs(3), || alarms.lock().unwrap().len() == 1);
    played.set(Answer::Replies(NORMAL));
    wait_until("the recovery alarm", Duration::from_secs(3), || alarms.lock().unwrap().len() == 2);
    let alarms = alarms.lock().unwrap();
    assert!(alarms[0].message.contains("paper end"), "{:?}", alarms[0]);
    assert!(alarms[1].message.contains("ready"), "{:?}", alarms[1]);
    assert!(alarms[0].device.contains("Epson TM-T20III"));
}

#[test]
fn polling_never_puts_a_status_request_inside_a_raster_job() {
    let (printer, played, _) = setup(Answer::Replies(NORMAL), options(Some(Duration::from_millis(1)), true));
    for _ in 0..3 {
        let report = printer.print(&PrintJob::new(badge())).unwrap();
        assert_eq!(report.encoding, PrintEncoding::Raster);
        assert!(report.bytes_sent > 20_000);
    }
    wait_until("three raster jobs", Duration::from_secs(10), || played.seen(|s| s.jobs.len() == 3));
    played.seen(|s| assert!(s.violations.is_empty(), "{:?}", s.violations));
}
