//! The printer's own QR code keeps the 4-module quiet zone of ISO/IEC
//! 18004, computed from the job's bytes alone: the module size (`GS ( k`
//! fn 167), the symbol's side from the stored data's length, the centring
//! across the paper and the blank lines fed above and below it.

use foyer_devices::printer::inspect::{parse, qr_data, Op};
use foyer_devices::printer::{encode_badge, Profile};
use foyer_domain::{BadgeContent, SiteKey};

/// The smallest height of an `ESC d` line: font A's 24-dot character. The
/// default spacing after `ESC @` is 1/6 inch (30–33 dots), so this errs
/// on the short side.
const LINE_DOTS: u32 = 24;

/// Byte-mode capacity at error correction M of versions 1–20 (ISO/IEC
/// 18004 table 7): the largest symbol a printer may choose for the data.
const BYTE_CAPACITY_M: [usize; 20] =
    [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666];

fn side_modules(data_len: usize) -> u32 {
    let v = BYTE_CAPACITY_M.iter().position(|c| data_len <= *c).expect("version up to 20") + 1;
    17 + 4 * v as u32
}

/// Blank lines fed between the last printed line before `from` (a text
/// line's own `ESC d 1` ends that line and is not blank space) and `to`.
fn blank_lines(ops: &[Op]) -> u32 {
    let mut lines = 0;
    for (i, op) in ops.iter().enumerate() {
        match op {
            Op::Feed(n) if !matches!(i.checked_sub(1).map(|j| &ops[j]), Some(Op::Text(_))) => lines += *n as u32,
            _ => {}
        }
    }
    lines
}

fn assert_quiet_zone(profile_name: &str, token: &str) -> u32 {
    let mut badge = BadgeContent::sample(&SiteKey::from_bytes([6; 32]));
    badge.token = token.into();
    let profile = Profile::load(profile_name).unwrap();
    let ops = parse(&encode_badge(&badge, &profile, None, false).unwrap().bytes).unwrap();
    let first = ops.iter().position(|op| matches!(op, Op::Qr { .. })).unwrap();
    let print = ops.iter().position(|op| matches!(op, Op::Qr { function: 0x51, .. })).unwrap();
    let module = ops[first..print]
        .iter()
        .find_map(|op| match op {
            Op::Qr { function: 0x43, params } => Some(params[0] as u32),
            _ => None,
        })
        .unwrap();
    let data = qr_data(&ops).unwrap();
    assert_eq!(data, token.as_bytes());
    let side = side_modules(data.len()) * module;
    let quiet = 4 * module;
    let ctx = format!("{profile_name}, {} bytes, {module}-dot modules", token.len());

    // Across: centred, with 4 modules left and right inside the paper.
    assert_eq!(ops[first - 1], Op::Align(1), "{ctx}");
    assert!(profile.width_dots >= side + 2 * quiet, "{ctx}: {side} + 2×{quiet} > {}", profile.width_dots);

    // Above: blank lines after the last text line.
    let last_text = ops[..first].iter().rposition(|op| matches!(op, Op::Text(_) | Op::Raster { .. })).unwrap();
    assert!(blank_lines(&ops[last_text..first]) * LINE_DOTS >= quiet, "{ctx}: above");

    // Below: a blank line fed right after the symbol, before any tear-bar
    // feed or cut, which are not counted.
    let Op::Feed(below) = ops[print + 1] else { panic!("{ctx}: no feed after the QR: {:?}", ops[print + 1]) };
    assert!(below as u32 * LINE_DOTS >= quiet, "{ctx}: below");
    module
}

#[test]
fn the_native_qr_has_four_modules_of_blank_paper_on_every_side() {
    let token = BadgeContent::sample(&SiteKey::from_bytes([6; 32])).token;
    for profile in ["generic-58mm", "generic-80mm", "epson-tm-t20iii", "epson-tm-t88v"] {
        assert_quiet_zone(profile, &token);
    }
}

#[test]
fn a_long_token_gets_smaller_modules_so_its_quiet_zone_still_fits_58mm() {
    // 400 bytes is version 15: 77 modules, 85 with the quiet zone, which
    // leaves 4 dots a module across 384 dots instead of the profile's 5.
    assert_eq!(assert_quiet_zone("generic-58mm", &"T".repeat(400)), 4);
    assert_eq!(assert_quiet_zone("generic-80mm", &"T".repeat(400)), 6);
}

#[test]
fn the_byte_capacities_give_the_standard_sides() {
    assert_eq!(side_modules(14), 21);
    assert_eq!(side_modules(62), 33);
    assert_eq!(side_modules(63), 37);
}
