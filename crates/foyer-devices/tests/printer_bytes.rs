//! Whole jobs byte for byte, built here from the bytes in HARDWARE.md (not
//! from the encoder's own helpers), for every built-in profile.

use foyer_devices::printer::inspect::{parse, Op};
use foyer_devices::printer::{encode_badge, Profile};
use foyer_devices::PrintEncoding;
use foyer_domain::{BadgeContent, SiteKey};

fn sample() -> BadgeContent {
    BadgeContent::sample(&SiteKey::from_bytes([9; 32]))
}

/// Centre, bold, size, the lines each followed by `ESC d 1`, then reset.
fn field(out: &mut Vec<u8>, bold: bool, size: u8, lines: &[&str]) {
    out.extend([0x1B, 0x61, 0x01, 0x1B, 0x45, bold as u8, 0x1D, 0x21, size]);
    for l in lines {
        out.extend(l.as_bytes());
        out.extend([0x1B, 0x64, 0x01]);
    }
    out.extend([0x1D, 0x21, 0x00, 0x1B, 0x45, 0x00]);
}

/// The QR with a blank line above and below: 4 modules of 6 dots are 24
/// dots, one line at the smallest line spacing the encoder assumes.
fn expected_native(code_page: u8, module: u8, token: &str) -> Vec<u8> {
    let mut out = vec![0x1B, 0x40, 0x1B, 0x52, 0x00, 0x1B, 0x74, code_page];
    field(&mut out, true, 0x00, &["Foyer HQ"]);
    field(&mut out, true, 0x11, &["GUEST"]);
    field(&mut out, true, 0x22, &["Ada Lovelace"]);
    field(&mut out, false, 0x00, &["Analytical Engines Ltd"]);
    field(&mut out, false, 0x00, &["Host: Charles Babbage"]);
    field(&mut out, false, 0x00, &["Issued 18 Nov 2026 11:06"]);
    field(&mut out, false, 0x00, &["Valid until 18 Nov 2026 23:06"]);
    out.extend([0x1B, 0x64, 0x01, 0x1B, 0x61, 0x01]);
    out.extend([0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]);
    out.extend([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, module]);
    out.extend([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]);
    out.extend([0x1D, 0x28, 0x6B, token.len() as u8 + 3, 0x00, 0x31, 0x50, 0x30]);
    out.extend(token.as_bytes());
    out.extend([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]);
    out.extend([0x1B, 0x64, 0x01]);
    out
}

#[test]
fn the_generic_80mm_native_job_is_exactly_the_documented_bytes() {
    let badge = sample();
    let job = encode_badge(&badge, &Profile::load("generic-80mm").unwrap(), None, false).unwrap();
    let mut expected = expected_native(0, 6, &badge.token);
    expected.extend([0x1D, 0x56, 0x42, 0x00]);
    assert_eq!(job.encoding, PrintEncoding::Native);
    assert_eq!(job.bytes, expected);
    assert!(job.bytes.len() <= 600, "{} bytes", job.bytes.len());
}

#[test]
fn epson_profiles_select_their_code_page_by_epson_number() {
    let badge = sample();
    for (profile, page) in [("epson-tm-t20iii", 16), ("epson-tm-t88v", 19)] {
        let job = encode_badge(&badge, &Profile::load(profile).unwrap(), None, false).unwrap();
        let mut expected = expected_native(page, 6, &badge.token);
        expected.extend([0x1D, 0x56, 0x42, 0x00]);
        assert_eq!(job.bytes, expected, "{profile}");
    }
}

#[test]
fn the_58mm_job_has_no_cut_but_feeds_past_the_tear_bar() {
    let badge = sample();
    let job = encode_badge(&badge, &Profile::load("generic-58mm").unwrap(), None, false).unwrap();
    let ops = parse(&job.bytes).unwrap();
    assert!(ops.iter().all(|op| !matches!(op, Op::Cut(_))));
    assert_eq!(ops.last(), Some(&Op::Feed(4)));
    // 32 columns: the name no longer fits at triple size on one line.
    assert!(ops.contains(&Op::Qr { function: 0x43, params: vec![0x05] }));
}

#[test]
fn the_tm_t88iii_gets_native_text_and_a_raster_qr_without_gs_paren_k() {
    let job = encode_badge(&sample(), &Profile::load("epson-tm-t88iii").unwrap(), None, false).unwrap();
    let ops = parse(&job.bytes).unwrap();
    assert!(ops.iter().all(|op| !matches!(op, Op::Qr { .. })));
    assert!(ops.contains(&Op::Text(b"Ada Lovelace".to_vec())));
    assert!(ops.iter().any(|op| matches!(op, Op::Raster { .. })));
    assert_eq!(job.encoding, PrintEncoding::Raster);
    assert!(job.bytes.ends_with(&[0x1D, 0x56, 0x42, 0x00]));
}

#[test]
fn a_raster_badge_is_init_code_page_left_align_bands_of_255_rows_and_cut() {
    let profile = Profile::load("generic-80mm").unwrap();
    let job = encode_badge(&sample(), &profile, None, true).unwrap();
    let ops = parse(&job.bytes).unwrap();
    assert_eq!(ops[..4], [Op::Init, Op::CharacterSet(0), Op::CodePage(0), Op::Align(0)]);
    assert_eq!(ops.last(), Some(&Op::Cut(vec![0x1D, 0x56, 0x42, 0x00])));
    let bands: Vec<(u16, u16)> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Raster { width_bytes, rows, .. } => Some((*width_bytes, *rows)),
            _ => None,
        })
        .collect();
    assert_eq!(bands.len() + 5, ops.len());
    assert!(bands.iter().all(|(w, rows)| *w <= 72 && (1..=255).contains(rows)), "{bands:?}");
    assert!(bands[..bands.len() - 1].iter().all(|(_, rows)| *rows == 255));
    assert_eq!(job.encoding, PrintEncoding::Raster);
}

#[test]
fn accented_names_are_mapped_to_each_profile_code_page() {
    let mut badge = sample();
    badge.visitor_name = "Zoë Müller".into();
    let cases = [("generic-80mm", vec![b'Z', b'o', 0x89]), ("epson-tm-t20iii", vec![b'Z', b'o', 0xEB])];
    for (profile, zoe) in cases {
        let job = encode_badge(&badge, &Profile::load(profile).unwrap(), None, false).unwrap();
        let ops = parse(&job.bytes).unwrap();
        let mut name = zoe;
        name.push(b' ');
        name.extend([b'M', if profile == "generic-80mm" { 0x81 } else { 0xFC }, b'l', b'l', b'e', b'r']);
        assert!(ops.contains(&Op::Text(name)), "{profile}");
        assert_eq!(job.encoding, PrintEncoding::Native);
    }
}
