//! A keyboard-wedge scanner as the UI sees it: one key event at a time.
//! Scanners type capitals with Shift, so the key stream holds Shift's own
//! key text (and, on some models, other modifiers) between the characters;
//! only printable characters belong to the scan. What is left goes through
//! the same [`ScanFramer`] as a serial scanner's bytes, so both share one
//! set of rules (line ends, the length cap, UTF-8).

use std::time::{Duration, Instant};

use super::framer::{Framed, FramerConfig, ScanFramer};

/// How long a half-typed scan may wait for its next key. A wedge scanner
/// types a whole code in well under a second; keys left over from a
/// visitor pressing a physical keyboard are dropped after this, rather
/// than being glued to the front of the next scan.
pub const WEDGE_STALE_AFTER: Duration = Duration::from_secs(2);

/// Collects key texts into scans that end with Enter.
#[derive(Debug, Clone)]
pub struct WedgeInput {
    config: FramerConfig,
    framer: ScanFramer,
}

impl WedgeInput {
    /// A wedge whose scans may be at most `max_len` bytes long.
    pub fn new(max_len: usize) -> Self {
        // The framer's idle gap is never what ends a wedge scan (Enter does);
        // it only tells `key` when the scan in progress went stale.
        let config = FramerConfig { idle_gap: WEDGE_STALE_AFTER, max_len };
        Self { config, framer: ScanFramer::new(config) }
    }

    /// Takes the text of one key press at `now`. Returns the finished scan
    /// (or why it was refused) when the key was Enter.
    pub fn key(&mut self, text: &str, now: Instant) -> Option<Framed> {
        if self.framer.idle_deadline().is_some_and(|stale| now >= stale) {
            self.framer = ScanFramer::new(self.config);
        }
        let mut done = None;
        for c in text.chars() {
            if c == '\n' || c == '\r' {
                done = done.or(self.framer.feed(b"\n", now).into_iter().next());
            } else if is_printable(c) {
                let mut utf8 = [0; 4];
                done = done.or(self.framer.feed(c.encode_utf8(&mut utf8).as_bytes(), now).into_iter().next());
            }
        }
        done
    }
}

impl Default for WedgeInput {
    fn default() -> Self {
        Self::new(FramerConfig::default().max_len)
    }
}

/// Whether a key's character is text. Modifier and special keys arrive as
/// control characters (Shift is U+0010 in Slint, Escape U+001B) or in the
/// private-use area (arrows, function keys: U+F700 and up).
fn is_printable(c: char) -> bool {
    !c.is_control() && !('\u{E000}'..='\u{F8FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIFT: &str = "\u{10}";

    fn typed(wedge: &mut WedgeInput, keys: &[&str], now: Instant) -> Vec<Framed> {
        keys.iter().filter_map(|k| wedge.key(k, now)).collect()
    }

    #[test]
    fn shift_between_capitals_is_not_part_of_the_scan() {
        let mut wedge = WedgeInput::default();
        let scans = typed(&mut wedge, &[SHIFT, "F", SHIFT, "B", "1", ".", SHIFT, "Q", "\n"], Instant::now());
        assert_eq!(scans, vec![Ok("FB1.Q".to_owned())]);
    }

    #[test]
    fn arrows_escape_and_tab_are_ignored() {
        let mut wedge = WedgeInput::default();
        let scans = typed(&mut wedge, &["\u{F700}", "a", "\u{1b}", "\t", "b", "\r"], Instant::now());
        assert_eq!(scans, vec![Ok("ab".to_owned())]);
    }

    #[test]
    fn a_bare_enter_is_no_scan() {
        let mut wedge = WedgeInput::default();
        assert!(typed(&mut wedge, &["\n", SHIFT, "\n"], Instant::now()).is_empty());
    }

    #[test]
    fn keys_left_over_from_long_ago_are_dropped_not_glued_to_the_next_scan() {
        let mut wedge = WedgeInput::default();
        let start = Instant::now();
        assert!(wedge.key("x", start).is_none());
        let later = start + WEDGE_STALE_AFTER + Duration::from_millis(1);
        assert!(wedge.key("A", later).is_none());
        assert_eq!(wedge.key("\n", later), Some(Ok("A".to_owned())));
    }

    #[test]
    fn a_runaway_scan_is_refused_with_its_length() {
        let mut wedge = WedgeInput::new(4);
        let now = Instant::now();
        for _ in 0..10 {
            assert!(wedge.key("Z", now).is_none());
        }
        assert!(matches!(wedge.key("\n", now), Some(Err(super::super::FrameError::TooLong { len: 10, max: 4 }))));
    }

    #[test]
    fn non_ascii_text_survives_whole() {
        let mut wedge = WedgeInput::default();
        assert_eq!(typed(&mut wedge, &["é", "漢", "\n"], Instant::now()), vec![Ok("é漢".to_owned())]);
    }
}
