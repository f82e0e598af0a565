//! The export's output buffer: the CSV writer writes into it, and it hands
//! the bytes on in chunks of a fixed size.

use std::io::{ErrorKind, Write};

use super::CHUNK;

/// The CSV writer's output: bytes gather into chunks of exactly [`CHUNK`]
/// bytes (the last one shorter), each handed to the sink as soon as it is
/// full, so the chunk is ours to send on without a copy. A sink that
/// answers false ends the export with `BrokenPipe`.
pub(super) struct Chunks<F> {
    chunk: Vec<u8>,
    sink: F,
    closed: bool,
}

impl<F: FnMut(Vec<u8>) -> bool> Chunks<F> {
    pub(super) fn new(sink: F) -> Self {
        Self { chunk: Vec::with_capacity(CHUNK), sink, closed: false }
    }

    /// Hands the chunk gathered so far to the sink.
    pub(super) fn hand_on(&mut self) {
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.closed = !(self.sink)(chunk);
    }
}

impl<F: FnMut(Vec<u8>) -> bool> Write for Chunks<F> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Err(ErrorKind::BrokenPipe.into());
        }
        let n = bytes.len().min(CHUNK - self.chunk.len());
        self.chunk.extend_from_slice(&bytes[..n]);
        if self.chunk.len() == CHUNK {
            self.hand_on();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
