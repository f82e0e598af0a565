//! The scan framer on its own: line ends, idle gap, splits, caps, UTF-8.
//! Time is passed in, so these tests need no clock and no sleeps.

use std::time::{Duration, Instant};

use foyer_devices::scanner::{FrameError, FramerConfig, ScanFramer};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn framer() -> ScanFramer {
    ScanFramer::new(FramerConfig { idle_gap: ms(50), max_len: 16 })
}

fn ok(s: &str) -> Result<String, FrameError> {
    Ok(s.to_owned())
}

#[test]
fn cr_lf_and_crlf_each_end_one_scan() {
    let t = Instant::now();
    let mut f = framer();
    let scans = f.feed(b"FB1.AAA\rK7M2-QX9P\nFB1.BBB\r\nK7M2QX9P\r\n", t);
    assert_eq!(scans, [ok("FB1.AAA"), ok("K7M2-QX9P"), ok("FB1.BBB"), ok("K7M2QX9P")]);
    assert_eq!(f.idle_deadline(), None, "nothing left over");
}

#[test]
fn a_crlf_split_between_two_reads_is_one_line_end() {
    let t = Instant::now();
    let mut f = framer();
    assert_eq!(f.feed(b"ABC\r", t), [ok("ABC")]);
    assert_eq!(f.feed(b"\nDEF\r\n", t + ms(2)), [ok("DEF")]);
}

#[test]
fn a_scan_without_suffix_ends_after_the_idle_gap() {
    let t = Instant::now();
    let mut f = framer();
    assert!(f.feed(b"K7M2", t).is_empty());
    assert!(f.feed(b"QX9P", t + ms(10)).is_empty());
    assert_eq!(f.idle_deadline(), Some(t + ms(60)));
    assert_eq!(f.poll(t + ms(59)), None);
    assert_eq!(f.poll(t + ms(60)), Some(ok("K7M2QX9P")));
    assert_eq!(f.poll(t + ms(200)), None);
}

#[test]
fn a_new_scan_after_a_pause_is_not_glued_to_the_last_one() {
    let t = Instant::now();
    let mut f = framer();
    assert!(f.feed(b"ONE", t).is_empty());
    assert_eq!(f.feed(b"TWO", t + ms(80)), [ok("ONE")]);
    assert_eq!(f.poll(t + ms(130)), Some(ok("TWO")));
}

#[test]
fn a_scan_split_across_reads_within_the_gap_is_joined() {
    let t = Instant::now();
    let mut f = framer();
    assert!(f.feed(b"FB1", t).is_empty());
    assert!(f.feed(b".AB", t + ms(20)).is_empty());
    assert_eq!(f.feed(b"C\r", t + ms(40)), [ok("FB1.ABC")]);
}

#[test]
fn an_over_long_scan_is_refused_with_its_length_and_the_next_is_read() {
    let t = Instant::now();
    let mut f = framer();
    let scans = f.feed(b"0123456789ABCDEFGHIJ\rK7M2QX9P\r", t);
    assert_eq!(scans, [Err(FrameError::TooLong { len: 20, max: 16 }), ok("K7M2QX9P")]);
    assert!(scans[0].as_ref().unwrap_err().to_string().contains("20 bytes"));
}

#[test]
fn an_over_long_scan_without_suffix_is_refused_at_the_gap() {
    let t = Instant::now();
    let mut f = framer();
    assert!(f.feed(&[b'A'; 40], t).is_empty());
    assert_eq!(f.poll(t + ms(50)), Some(Err(FrameError::TooLong { len: 40, max: 16 })));
}

#[test]
fn invalid_utf8_is_refused_naming_the_byte_and_the_next_scan_is_read() {
    let t = Instant::now();
    let mut f = framer();
    let scans = f.feed(b"AB\xFFCD\rK7M2QX9P\r", t);
    assert_eq!(scans[0], Err(FrameError::NotUtf8 { byte: 0xFF, offset: 2 }));
    assert!(scans[0].as_ref().unwrap_err().to_string().contains("0xFF"));
    assert_eq!(scans[1], ok("K7M2QX9P"));
}

#[test]
fn utf8_split_across_reads_is_kept_whole() {
    let t = Instant::now();
    let mut f = framer();
    let text = "Zoë".as_bytes();
    assert!(f.feed(&text[..3], t).is_empty());
    assert_eq!(f.feed(&[&text[3..], b"\n"].concat(), t + ms(5)), [ok("Zoë")]);
}

#[test]
fn bare_line_ends_are_not_scans() {
    let t = Instant::now();
    assert!(framer().feed(b"\r\n\n\r\r", t).is_empty());
}
