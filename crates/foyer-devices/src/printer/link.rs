//! The byte pipe to a printer, whatever carries it (serial line, TCP).
//!
//! Kept to what ESC/POS needs: send a whole job, read reply bytes with a
//! deadline, and drop replies nobody waits for any more. Every wait is
//! bounded, so a printer that stops answering cannot hang the kiosk.

use std::io;
use std::time::{Duration, Instant};

/// A bidirectional connection to one printer.
pub trait Link: Send {
    /// Re-establishes a dropped connection where the link can (TCP); called
    /// before each job and status query, never in the middle of a job.
    fn ensure_connected(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Whether `ensure_connected` can replace a connection that failed, so
    /// a failed status query is worth one more try.
    fn can_redial(&self) -> bool {
        false
    }
    /// Sends all of `bytes`, failing if the printer takes none of them for
    /// longer than the link's stall limit.
    fn send(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// The next byte from the printer, or `None` once `deadline` passed.
    fn recv(&mut self, deadline: Instant) -> io::Result<Option<u8>>;
    /// Drops whatever the printer sent that nobody read yet.
    fn discard_input(&mut self) -> io::Result<()>;
    /// "/dev/ttyUSB0", "192.168.1.50:9100" …
    fn describe(&self) -> String;
}

/// How long a send may make no progress before it fails: long enough for a
/// printer that paused the line (XOFF, DSR low) to finish a cut, short
/// enough that the visitor is told within seconds.
pub const STALL_LIMIT: Duration = Duration::from_secs(10);

/// Writes all of `bytes` with `write`, which may time out without progress;
/// gives up after `stall` without progress.
pub fn write_paced(bytes: &[u8], stall: Duration, mut write: impl FnMut(&[u8]) -> io::Result<usize>) -> io::Result<()> {
    let mut rest = bytes;
    let mut last_progress = Instant::now();
    while !rest.is_empty() {
        match write(&rest[..rest.len().min(CHUNK)]) {
            Ok(0) => return Err(io::Error::new(io::ErrorKind::WriteZero, "printer link closed")),
            Ok(n) => {
                rest = &rest[n..];
                last_progress = Instant::now();
            }
            Err(e) if is_retryable(&e) => {
                if last_progress.elapsed() >= stall {
                    return Err(stalled(bytes.len() - rest.len(), bytes.len(), stall));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Bytes per write call: small enough that DSR is checked often.
const CHUNK: usize = 256;

fn is_retryable(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted)
}

fn stalled(sent: usize, total: usize, stall: Duration) -> io::Error {
    io::Error::new(
        io::ErrorKind::TimedOut,
        format!(
            "the printer took no data for {} s after {sent} of {total} bytes (paused by flow control, or gone)",
            stall.as_secs()
        ),
    )
}

/// Time left until `deadline`, at least 1 ms so a read still polls once.
pub fn remaining(deadline: Instant) -> Duration {
    deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_writer_gets_everything_in_chunks() {
        let mut got = Vec::new();
        let data: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
        write_paced(&data, STALL_LIMIT, |c| {
            let n = c.len().min(100);
            got.extend_from_slice(&c[..n]);
            Ok(n)
        })
        .unwrap();
        assert_eq!(got, data);
    }

    #[test]
    fn a_writer_that_never_takes_data_fails_after_the_stall_limit() {
        let started = Instant::now();
        let err = write_paced(b"abc", Duration::from_millis(50), |_| {
            std::thread::sleep(Duration::from_millis(5));
            Err(io::ErrorKind::TimedOut.into())
        })
        .unwrap_err();
        assert!(err.to_string().contains("after 0 of 3 bytes"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
