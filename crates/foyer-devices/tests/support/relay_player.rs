//! Test support, included by the relay pty tests: plays a relay module on
//! the far end of a pseudo-terminal, records every frame it receives with
//! its arrival time, and answers as the module would.
//!
//! It is also built as its own (empty) test target; hence the allow.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use foyer_devices::{AlarmSink, DeviceAlarm};
use serialport::{SerialPort, TTYPort};

/// How a module cuts its input into frames and answers each one.
pub trait Module: Send + 'static {
    /// Length of the first complete frame in `pending`, if there is one.
    fn frame_len(&self, pending: &[u8]) -> Option<usize>;
    /// The module's answer to one frame (empty for none).
    fn answer(&mut self, frame: &[u8]) -> Vec<u8>;
}

/// A frame the module received and when.
#[derive(Debug, Clone)]
pub struct Received {
    pub at: Instant,
    pub bytes: Vec<u8>,
}

/// A module being played on a pty; stops when dropped or after 20 s.
pub struct Player {
    log: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    _line: Option<TTYPort>,
}

/// A pty pair: the port for the relay under test and the module playing it.
pub fn plug(module: impl Module) -> (Box<dyn SerialPort>, Player) {
    let (master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let mut player = Player::start(master, module);
    // Closing the last slave descriptor hangs the pty up and can drop bytes
    // still in flight, such as the OFF sent at shutdown: keep one open.
    player._line = Some(slave.try_clone_native().expect("a second descriptor"));
    (Box::new(slave), player)
}

impl Player {
    pub fn start(mut port: TTYPort, mut module: impl Module) -> Self {
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log2, stop2) = (Arc::clone(&log), Arc::clone(&stop));
        port.set_timeout(Duration::from_millis(10)).unwrap();
        let thread = std::thread::spawn(move || {
            let give_up = Instant::now() + Duration::from_secs(20);
            let mut pending = Vec::new();
            let mut buf = [0u8; 256];
            while !stop2.load(Ordering::SeqCst) && Instant::now() < give_up {
                match port.read(&mut buf) {
                    Ok(n) => pending.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => continue,
                    Err(_) => return, // the relay side closed
                }
                let at = Instant::now();
                while let Some(len) = module.frame_len(&pending) {
                    let bytes: Vec<u8> = pending.drain(..len).collect();
                    let answer = module.answer(&bytes);
                    log2.lock().unwrap().push(Received { at, bytes });
                    if !answer.is_empty() && port.write_all(&answer).is_err() {
                        return;
                    }
                }
            }
        });
        Self { log, stop, thread: Some(thread), _line: None }
    }

    /// The frames received so far.
    pub fn frames(&self) -> Vec<Received> {
        self.log.lock().unwrap().clone()
    }

    /// Just the bytes of the frames received so far.
    pub fn bytes(&self) -> Vec<Vec<u8>> {
        self.frames().into_iter().map(|r| r.bytes).collect()
    }

    /// Waits (at most `timeout`) until `count` frames arrived.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        while self.frames().len() < count && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.frames()
    }

    /// Unplugs the module: its end of the pty closes.
    pub fn unplug(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.join().expect("the player thread panicked");
        }
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.halt();
        }
    }
}

/// An alarm sink that keeps what it was given.
pub fn alarm_log() -> (AlarmSink, Arc<Mutex<Vec<DeviceAlarm>>>) {
    let alarms = Arc::new(Mutex::new(Vec::new()));
    let keep = Arc::clone(&alarms);
    let sink: AlarmSink = Arc::new(move |a| keep.lock().unwrap().push(a));
    (sink, alarms)
}

/// Asserts that `later` came `expected` after `earlier`, ±100 ms.
pub fn assert_gap(earlier: &Received, later: &Received, expected: Duration) {
    let gap = later.at.duration_since(earlier.at);
    let diff = gap.abs_diff(expected);
    assert!(diff <= Duration::from_millis(100), "expected {expected:?} between frames, got {gap:?}");
}

/// A module with fixed-length frames and no answers (LCUS-1).
pub struct Silent(pub usize);

impl Module for Silent {
    fn frame_len(&self, pending: &[u8]) -> Option<usize> {
        (pending.len() >= self.0).then_some(self.0)
    }
    fn answer(&mut self, _: &[u8]) -> Vec<u8> {
        Vec::new()
    }
}

/// A module of text lines ending in `end`, answered by a closure.
pub struct Lines<F>(pub u8, pub F);

impl<F: FnMut(&str) -> String + Send + 'static> Module for Lines<F> {
    fn frame_len(&self, pending: &[u8]) -> Option<usize> {
        pending.iter().position(|b| *b == self.0).map(|i| i + 1)
    }
    fn answer(&mut self, frame: &[u8]) -> Vec<u8> {
        (self.1)(std::str::from_utf8(&frame[..frame.len() - 1]).unwrap()).into_bytes()
    }
}
