//! Visitor text can never become a printer command: hostile strings either
//! print as harmless characters, or the badge is drawn as raster.

use foyer_devices::badge::fonts;
use foyer_devices::badge::layout::MARGIN;
use foyer_devices::badge::{BadgeLayout, BadgeText, Block, Paper, Role};
use foyer_devices::printer::inspect::{parse, raster_pictures, Op};
use foyer_devices::printer::{encode_badge, Profile};
use foyer_devices::PrintEncoding;
use foyer_domain::{BadgeContent, SiteKey, VisitorName};

fn badge_named(name: &str) -> BadgeContent {
    let mut b = BadgeContent::sample(&SiteKey::from_bytes([4; 32]));
    b.visitor_name = name.into();
    b
}

/// The job holds only our commands, one initialise, at most one cut (at
/// the end) and text made of printable bytes.
fn assert_only_our_commands(job: &[u8]) -> Vec<Op> {
    let ops = parse(job).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ops.iter().filter(|op| **op == Op::Init).count(), 1);
    let cuts = ops.iter().filter(|op| matches!(op, Op::Cut(_))).count();
    assert!(cuts == 0 || (cuts == 1 && matches!(ops.last(), Some(Op::Cut(_)))));
    for op in &ops {
        if let Op::Text(t) = op {
            assert!(t.iter().all(|b| *b >= 0x20 && *b != 0x7F), "{t:02X?}");
        }
    }
    ops
}

#[test]
fn escape_sequences_in_every_field_never_reach_the_printer_as_commands() {
    let hostile = [
        "\u{1b}@",
        "Eve\u{1b}@\u{1d}V\u{42}\u{0}",
        "\u{10}\u{4}\u{1}Bob",
        "A\u{1d}(k\u{3}\u{0}1Q0",
        "x\u{7f}\u{9b}y",
        "\u{0}\u{0}\u{0}",
    ];
    let profile = Profile::load("generic-80mm").unwrap();
    for h in hostile {
        let mut badge = badge_named(&format!("Mallory {h}"));
        badge.company = Some(h.into());
        badge.host_name = h.into();
        badge.site_name = h.into();
        let job = encode_badge(&badge, &profile, None, false).unwrap();
        let ops = assert_only_our_commands(&job.bytes);
        // The QR functions are exactly the five of one symbol.
        assert_eq!(ops.iter().filter(|op| matches!(op, Op::Qr { .. })).count(), 5, "{h:?}");
    }
}

#[test]
fn the_domain_refuses_control_characters_and_huge_names_before_printing() {
    assert!(VisitorName::parse("Eve\u{1b}@").is_err());
    assert!(VisitorName::parse(&"x".repeat(10_000)).is_err());
}

#[test]
fn a_name_the_code_page_lacks_makes_the_text_raster_and_keeps_the_qr_native() {
    let job = encode_badge(&badge_named("Ελένη Παπαδοπούλου"), &Profile::load("epson-tm-t20iii").unwrap(), None, false)
        .unwrap();
    let ops = assert_only_our_commands(&job.bytes);
    assert_eq!(job.encoding, PrintEncoding::Raster);
    assert!(ops.iter().all(|op| !matches!(op, Op::Text(_))), "no native text at all");
    assert!(ops.iter().any(|op| matches!(op, Op::Qr { function: 0x51, .. })));
}

#[test]
fn an_80_character_cyrillic_name_renders_as_raster_without_overflow() {
    let name: String =
        "Александра Константиновна Преображенская-Римская Владиславовна Щербакова-Иванова".chars().take(80).collect();
    assert_eq!(name.chars().count(), 80);
    assert!(VisitorName::parse(&name).is_ok());
    for (profile, width) in [("generic-80mm", 576u32), ("generic-58mm", 384)] {
        let p = Profile::load(profile).unwrap();
        let badge = badge_named(&name);
        // Every line of the name fits between the margins, and no letter is lost.
        let layout = BadgeLayout::new(
            &BadgeText::from_content(&badge),
            Paper { width_dots: width, qr_module_dots: p.qr_module_dots },
            None,
        )
        .unwrap();
        let block = layout
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Text(t) if t.role == Role::Name => Some(t),
                _ => None,
            })
            .unwrap();
        for line in &block.lines {
            assert!(fonts::measure(block.weight, block.px, line) <= (width - 2 * MARGIN) as f32, "{profile}: {line}");
        }
        assert_eq!(block.lines.concat().replace(' ', ""), name.replace(' ', ""));
        // The printed picture has no ink outside the paper's margins.
        let job = encode_badge(&badge, &p, None, false).unwrap();
        assert_eq!(job.encoding, PrintEncoding::Raster);
        let ops = assert_only_our_commands(&job.bytes);
        let pictures = raster_pictures(&ops);
        assert_eq!(pictures.len(), 1, "{profile}: one picture for the text");
        let pic = &pictures[0];
        assert!(pic.width() <= width);
        let inked_x: Vec<u32> = pic.enumerate_pixels().filter(|p| p.2 .0[0] == 0).map(|p| p.0).collect();
        assert!(inked_x.iter().all(|x| *x >= MARGIN / 2 && *x < width - MARGIN / 2), "{profile}: ink in the margin");
    }
}
