//! A Brother QL on USB left idle: the printer polls `ESC i S` every
//! `poll_interval`, played on the master end of a pseudo-terminal, and
//! tells the alarm sink once when the labels run out and once when they
//! are back; it never sends a status request inside a job; with polling
//! off it starts no thread and asks nothing.
//!
//! The tests here run one at a time: one counts this process's poller
//! threads.

#[path = "support/alarms.rs"]
mod alarms;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alarms::Collected;
use foyer_devices::brother::status::{error1, reply_bytes};
use foyer_devices::brother::{BrotherQl, BrotherQlPrinter, Media};
use foyer_devices::printer::{open_printer, JobOptions, LabelDriver, LabelPrinter, Link, PrinterModel, UsbLink};
use foyer_devices::printer::{PrinterSettings, Transport};
use foyer_devices::{log_alarms, BadgePrinter, PrintJob};
use foyer_domain::{BadgeContent, SiteKey};
use serialport::{SerialPort, TTYPort};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const STATUS_REQUEST: [u8; 3] = [0x1B, 0x69, 0x53];

#[derive(Default)]
struct Seen {
    /// Every byte the kiosk side sent, in order.
    stream: Vec<u8>,
    status_requests: usize,
}

/// The played printer: answers each `ESC i S` with `answer`.
struct Played {
    answer: Arc<Mutex<[u8; 32]>>,
    seen: Arc<Mutex<Seen>>,
}

impl Played {
    /// Plays until the kiosk end closes or 30 s pass.
    fn start(mut master: TTYPort, answer: [u8; 32]) -> Self {
        let played = Self { answer: Arc::new(Mutex::new(answer)), seen: Arc::default() };
        let (a, s) = (Arc::clone(&played.answer), Arc::clone(&played.seen));
        master.set_timeout(Duration::from_millis(10)).unwrap();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            let (mut scanned, mut chunk) = (0, [0u8; 8192]);
            while Instant::now() < deadline {
                match master.read(&mut chunk) {
                    Ok(n) => s.lock().unwrap().stream.extend_from_slice(&chunk[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                    Err(_) => return,
                }
                let mut seen = s.lock().unwrap();
                while let Some(at) = seen.stream[scanned..].windows(3).position(|w| w == STATUS_REQUEST) {
                    scanned += at + 3;
                    seen.status_requests += 1;
                    master.write_all(&*a.lock().unwrap()).unwrap();
                }
                scanned = scanned.max(seen.stream.len().saturating_sub(2));
            }
        });
        played
    }

    fn set(&self, answer: [u8; 32]) {
        *self.answer.lock().unwrap() = answer;
    }

    fn requests(&self) -> usize {
        self.seen.lock().unwrap().status_requests
    }

    fn wait_for_requests(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.requests() < n {
            assert!(Instant::now() < deadline, "fewer than {n} status requests within 5 s");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// A USB link whose printer stops taking data for a while in the middle
/// of every job (as when it cuts), so a job holds the link long enough
/// for many polls to come due. Status requests (a few hundred bytes) pass.
struct PausingLink(UsbLink);

const PAUSE: Duration = Duration::from_millis(400);

impl Link for PausingLink {
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if bytes.len() < 2000 {
            return self.0.send(bytes);
        }
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        self.0.send(first)?;
        std::thread::sleep(PAUSE);
        self.0.send(rest)
    }
    fn recv(&mut self, deadline: Instant) -> std::io::Result<Option<u8>> {
        self.0.recv(deadline)
    }
    fn discard_input(&mut self) -> std::io::Result<()> {
        self.0.discard_input()
    }
    fn describe(&self) -> String {
        self.0.describe()
    }
}

fn ready() -> [u8; 32] {
    reply_bytes(Media::by_id("dk-11202"), 0, 0)
}

fn driver() -> BrotherQl {
    match PrinterModel::load("brother-ql-820nwb").unwrap() {
        PrinterModel::BrotherQl(profile) => BrotherQl { profile, bidirectional: true },
        other => panic!("{other:?}"),
    }
}

fn setup(every: Duration, alarms: &Collected) -> (BrotherQlPrinter, Played, TTYPort) {
    let (master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let link = UsbLink::open(&slave.name().unwrap()).expect("the slave opens like /dev/usb/lp0");
    let options = JobOptions { expiry: Duration::from_secs(60), force_raster: false, poll_interval: Some(every) };
    let printer = LabelPrinter::new(Box::new(PausingLink(link)), driver(), None, options, alarms.sink());
    (printer, Played::start(master, ready()), slave)
}

/// This process's status poller threads (named "poll <printer>").
fn poller_threads() -> usize {
    let tasks = std::fs::read_dir("/proc/self/task").unwrap().filter_map(Result::ok);
    tasks.filter(|t| std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.starts_with("poll "))).count()
}

/// Waits (up to 2 s) for `n` poller threads: a new thread names itself
/// once it runs, a moment after it was started.
fn wait_for_poller_threads(n: usize) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while poller_threads() != n {
        assert!(Instant::now() < deadline, "{} poller threads, not {n}", poller_threads());
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn labels_running_out_while_idle_are_told_once_and_their_return_once() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let alarms = Collected::default();
    let (printer, played, _slave) = setup(Duration::from_millis(50), &alarms);
    played.wait_for_requests(3);
    assert!(alarms.messages().is_empty(), "a ready printer is not news: {:?}", alarms.messages());
    played.set(reply_bytes(None, error1::NO_MEDIA, 0));
    let got = alarms.wait_for(1, Duration::from_secs(5));
    assert_eq!(got, ["printer cannot print: paper end"]);
    let asked = played.requests();
    alarms.assert_exactly_after(Duration::from_millis(400), &["printer cannot print: paper end"]);
    assert!(played.requests() >= asked + 3, "the poller kept polling");
    played.set(ready());
    alarms.wait_for(2, Duration::from_secs(5));
    alarms.assert_exactly_after(
        Duration::from_millis(400),
        &["printer cannot print: paper end", "printer status is now: ready"],
    );
    let device = &alarms.all()[0].device;
    assert_eq!(device, &printer.describe());
    assert!(device.contains("Brother QL-820NWB"), "{device}");
}

#[test]
fn no_status_request_goes_out_while_a_job_is_being_written() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let alarms = Collected::default();
    let every = Duration::from_millis(20);
    let (printer, played, _slave) = setup(every, &alarms);
    played.wait_for_requests(2);
    let badge = BadgeContent::sample(&SiteKey::from_bytes([8; 32]));
    let job = printer.driver().encode(&badge, None).unwrap().bytes;
    let started = Instant::now();
    printer.print(&PrintJob::new(badge)).unwrap();
    // Many polls came due while the job held the link.
    assert!(started.elapsed() >= PAUSE && PAUSE >= every * 10);
    let after_job = played.requests();
    played.wait_for_requests(after_job + 2);
    let seen = played.seen.lock().unwrap();
    let whole = seen.stream.windows(job.len()).any(|w| w == job.as_slice());
    assert!(whole, "the job's {} bytes did not arrive in one piece: a request was put inside", job.len());
    assert!(alarms.messages().is_empty(), "{:?}", alarms.messages());
}

#[test]
fn with_polling_off_no_thread_starts_and_nothing_is_asked() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let open = |poll_secs: u64| {
        let (master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
        let settings = PrinterSettings {
            profile: "brother-ql-820nwb".into(),
            transport: Transport::Serial(slave.name().unwrap()),
            status_poll_secs: poll_secs,
            ..PrinterSettings::default()
        };
        let printer = open_printer(&settings, dir.path(), log_alarms()).unwrap();
        (printer, Played::start(master, ready()), slave)
    };
    let (off, played_off, _slave_off) = open(0);
    assert_eq!(poller_threads(), 0);
    // Longer than the shortest interval the settings allow (1 s).
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!((poller_threads(), played_off.requests()), (0, 0));
    drop(off);
    // The same count sees the thread of a printer that polls, and sees it
    // end when the printer is dropped.
    let (on, played_on, _slave_on) = open(1);
    wait_for_poller_threads(1);
    played_on.wait_for_requests(1);
    drop(on);
    assert_eq!(poller_threads(), 0, "the poller outlived its printer");
}
