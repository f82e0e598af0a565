//! Everything the test process logs, kept in memory: tracing events at every
//! level and the `log` records of rustls (through tracing-log), so a test
//! can check what the back office wrote, e.g. that a password never shows.
//! One capture per test binary: tests running at once share it.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

static CAPTURE: OnceLock<Logs> = OnceLock::new();

/// The captured log text of this process.
#[derive(Clone)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Starts capturing (once per process) and returns the capture. Panics if
/// another logger was installed first: the test would check nothing.
pub fn capture() -> Logs {
    CAPTURE
        .get_or_init(|| {
            let buffer = Arc::new(Mutex::new(Vec::new()));
            let sink = buffer.clone();
            tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_writer(move || Sink(sink.clone()))
                .try_init()
                .expect("no other logger is installed in this test binary");
            Logs(buffer)
        })
        .clone()
}
