//! Which part of a batch to send next. Pure: the forwarder sends and
//! reports the answer; the plan only decides.
//!
//! A refused batch (400/422) holds at least one event the back office
//! refuses. The plan sends the first half of the suspect range: stored, and
//! the culprit is in the second half; refused, and it is in the first. When
//! the suspect range is one event that was refused on its own, that event is
//! held back and the rest of the batch goes on, still in order. One bad
//! event among n costs at most ⌈log2 n⌉ + 2 requests up to its hold.
//!
//! An event is held back only when the back office refused it alone, so a
//! refusal that no single event explains (a batch-count limit, say) ends
//! with every event stored in smaller parts rather than one set aside.

use std::ops::Range;

/// What to do next with the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send these events (indexes into the batch) in one request.
    Send(Range<usize>),
    /// Hold back this event: the back office refused it alone, for `reason`.
    Hold { index: usize, reason: String },
    /// Every event of the batch is stored or held.
    Done,
}

/// One event alone is over the back office's body limit: splitting cannot
/// help, and the cause is a limit in between (our events are far smaller
/// than the back office's own limit), so the forwarder retries later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Oversized;

/// The state of one batch: what is settled, what is suspect.
#[derive(Debug)]
pub struct Plan {
    len: usize,
    /// The first event not yet stored or held; all before it are.
    start: usize,
    /// The most events per request (halved on 413).
    size: usize,
    /// A refused range `start..end` holds a refused event; `refused` keeps
    /// the reason while that exact range was the one refused.
    suspect: Option<(usize, Option<String>)>,
    /// The range last handed out by `next_step`.
    sent: Range<usize>,
}

impl Plan {
    /// A plan for `len` events, at most `size` (at least 1) per request.
    pub fn new(len: usize, size: usize) -> Self {
        Self { len, start: 0, size: size.max(1), suspect: None, sent: 0..0 }
    }

    /// What to do next; after a `Send`, report the answer with `stored`,
    /// `refused` or `too_large` before asking again.
    pub fn next_step(&mut self) -> Step {
        if self.start >= self.len {
            return Step::Done;
        }
        let end = match &mut self.suspect {
            Some((end, refused)) if *end - self.start == 1 => match refused.take() {
                Some(reason) => {
                    let index = self.start;
                    self.start += 1;
                    self.suspect = None;
                    return Step::Hold { index, reason };
                }
                // Known to hold the culprit only by elimination: make the
                // back office say so (and why) before holding it.
                None => self.start + 1,
            },
            Some((end, _)) => self.start + (*end - self.start) / 2,
            None => self.len,
        };
        self.sent = self.start..end.min(self.start + self.size);
        Step::Send(self.sent.clone())
    }

    /// The back office stored the range last sent.
    pub fn stored(&mut self) {
        self.start = self.sent.end;
        self.suspect = match self.suspect.take() {
            Some((end, _)) if end > self.start => Some((end, None)),
            _ => None,
        };
    }

    /// The back office refused the range last sent as a whole.
    pub fn refused(&mut self, reason: String) {
        self.suspect = Some((self.sent.end, Some(reason)));
    }

    /// The range last sent was too large (413): send half as many.
    pub fn too_large(&mut self) -> Result<(), Oversized> {
        if self.sent.len() <= 1 {
            return Err(Oversized);
        }
        self.size = self.sent.len() / 2;
        Ok(())
    }
}

#[cfg(test)]
#[path = "bisect_tests.rs"]
mod tests;
