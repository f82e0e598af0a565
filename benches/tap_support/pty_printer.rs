//! An ESC/POS printer played on the master end of a pseudo-terminal, for
//! the tap-to-last-byte bench: it answers each `DLE EOT n` status request
//! with "ready" (0x12, as an Epson does) and stamps the time of every
//! chunk of job bytes it reads, so the bench knows when the last byte of a
//! job (ending with the partial cut) arrived. A pty moves bytes at memory
//! speed whatever baud rate is set, so no wire time is in the figure.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serialport::{SerialPort, TTYPort};

/// The partial cut every Foyer ESC/POS job ends with.
const CUT: [u8; 4] = [0x1D, 0x56, 0x42, 0x00];

pub struct PtyPrinter {
    /// Arrival time of each job's last byte (a buffer ending with the cut,
    /// then quiet for `QUIET`).
    pub done: mpsc::Receiver<Instant>,
}

const QUIET: Duration = Duration::from_millis(15);

impl PtyPrinter {
    /// Plays the printer on `master` until the kiosk end closes or
    /// `lifetime` passes.
    pub fn start(mut master: TTYPort, lifetime: Duration) -> Self {
        let (tx, done) = mpsc::channel();
        master.set_timeout(Duration::from_millis(2)).unwrap();
        std::thread::spawn(move || {
            let deadline = Instant::now() + lifetime;
            let (mut job, mut chunk) = (Vec::<u8>::new(), [0u8; 8192]);
            let mut last_byte = None;
            while Instant::now() < deadline {
                match master.read(&mut chunk) {
                    Ok(n) => {
                        let at = Instant::now();
                        job.extend_from_slice(&chunk[..n]);
                        answer_status(&mut job, &mut master);
                        if !job.is_empty() {
                            last_byte = Some(at);
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                    Err(_) => return,
                }
                if let Some(at) = last_byte {
                    if job.ends_with(&CUT) && at.elapsed() >= QUIET {
                        let _ = tx.send(at);
                        job.clear();
                        last_byte = None;
                    }
                }
            }
        });
        Self { done }
    }
}

/// Answers and removes the status requests at the start of `buf` (they
/// come before a job, never inside one).
fn answer_status(buf: &mut Vec<u8>, port: &mut TTYPort) {
    while buf.len() >= 3 && buf[0] == 0x10 && buf[1] == 0x04 && (1..=4).contains(&buf[2]) {
        buf.drain(..3);
        port.write_all(&[0x12]).unwrap();
    }
}
