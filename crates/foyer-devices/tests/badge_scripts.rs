//! Every visitor's name on the badge: Chinese, Japanese, Korean and Thai
//! names drawn from the system's Noto fonts rather than as empty boxes,
//! Arabic right to left in joined forms, a mixed name with its Latin on
//! the left, and the badge's QR still read by rqrr. The tests that need
//! fonts-noto-core and fonts-noto-cjk skip with a message where they are
//! not installed, and fail instead under FOYER_CI_REQUIRE_FONTS=1 (CI).

#[path = "support/qr.rs"]
mod qr;

use foyer_devices::badge::fonts::{self, Weight};
use foyer_devices::badge::layout::TextBlock;
use foyer_devices::badge::shape::{shape_line, ShapedLine};
use foyer_devices::badge::{draw_blocks, missing_glyphs, BadgeLayout, BadgeText, Block, Paper, Role};
use foyer_domain::{BadgeContent, SiteKey};
use image::GrayImage;

const NAMES: [(&str, &str); 5] = [
    ("Chinese", "王小明"),
    ("Japanese", "山田 さくら"),
    ("Korean", "김민준"),
    ("Thai", "สมชาย ใจดี"),
    ("Arabic", "محمد علي"),
];

/// Whether the system fonts draw every test name; if not, skips (false)
/// or, where CI requires the fonts, fails.
fn fonts_installed(test: &str) -> bool {
    let missing: Vec<char> = NAMES.iter().flat_map(|(_, n)| missing_glyphs(n)).collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!("no system font draws {missing:?} (install fonts-noto-core fonts-noto-cjk)");
    assert!(std::env::var("FOYER_CI_REQUIRE_FONTS").as_deref() != Ok("1"), "{why}, and FOYER_CI_REQUIRE_FONTS=1");
    eprintln!("skipping {test}: {why}");
    false
}

fn badge(name: &str) -> (SiteKey, BadgeContent) {
    let key = SiteKey::from_bytes([7; 32]);
    let mut content = BadgeContent::sample(&key);
    content.visitor_name = name.to_owned();
    (key, content)
}

fn name_block(layout: &BadgeLayout) -> &TextBlock {
    let name = layout.blocks.iter().find_map(|b| match b {
        Block::Text(t) if t.role == Role::Name => Some(t),
        _ => None,
    });
    name.expect("the badge has a name block")
}

/// The ink of `text` drawn alone on a strip.
fn ink_of(text: &str) -> GrayImage {
    let mut ink = GrayImage::new(700, 120);
    fonts::draw(&mut ink, Weight::Bold, 64.0, 10.0, 10.0, text);
    ink
}

#[test]
fn each_script_s_name_is_drawn_in_real_glyphs_and_the_badge_qr_still_reads() {
    if !fonts_installed("each_script_s_name_is_drawn_in_real_glyphs") {
        return;
    }
    for (script, name) in NAMES {
        let (key, content) = badge(name);
        let layout =
            BadgeLayout::new(&BadgeText::from_content(&content), Paper { width_dots: 576, qr_module_dots: 6 }, None)
                .unwrap();
        let block = name_block(&layout);
        assert_eq!(block.lines.join(" "), name, "{script}: the name is on the badge whole");
        for line in &block.lines {
            let shaped = shape_line(block.weight, block.px, line);
            assert!(shaped.glyphs.iter().all(|g| g.glyph_id != 0), "{script}: a .notdef box in {line}");
            assert!(shaped.width <= 560.0, "{script}: {line} is wider than the paper");
        }
        // The same number of characters no font has draw boxes: the name's
        // ink must look nothing like them.
        let boxes: String = name.chars().map(|c| if c == ' ' { ' ' } else { '\u{FFFF}' }).collect();
        let (drawn, notdef) = (ink_of(name), ink_of(&boxes));
        let inked = drawn.pixels().filter(|p| p.0[0] > 127).count();
        let differ = drawn.pixels().zip(notdef.pixels()).filter(|(a, b)| (a.0[0] > 127) != (b.0[0] > 127)).count();
        assert!(inked > 300, "{script}: {inked} dark pixels");
        assert!(differ * 2 > inked, "{script}: the name looks like .notdef boxes ({differ} of {inked} differ)");

        let ink = draw_blocks(layout.width, &layout.blocks);
        let decoded = qr::decode_ink(&ink);
        assert_eq!(decoded, std::slice::from_ref(&content.token), "{script}: the QR reads");
        qr::assert_verifies(&decoded[0], &key, &content);
    }
}

#[test]
fn cjk_and_thai_come_from_system_fonts_and_latin_from_the_bundled_one() {
    if !fonts_installed("cjk_and_thai_come_from_system_fonts") {
        return;
    }
    let family = |c: char| fonts::face_for(c, Weight::Bold).map(|f| f.family.clone()).unwrap_or_default();
    for c in ['王', 'さ', '김', 'ส'] {
        assert!(family(c).starts_with("Noto Sans"), "{c}: {}", family(c));
    }
    assert_eq!(family('A'), "DejaVu Sans Bold");
}

/// The x of the glyph drawing the character at byte `cluster`.
fn x_of(line: &ShapedLine, cluster: usize) -> f32 {
    line.glyphs.iter().find(|g| g.cluster == cluster).unwrap_or_else(|| panic!("no glyph at {cluster}")).x
}

#[test]
fn an_arabic_name_runs_right_to_left_in_joined_forms() {
    if !fonts_installed("an_arabic_name_runs_right_to_left") {
        return;
    }
    let name = "محمد علي";
    let line = shape_line(Weight::Bold, 64.0, name);
    let first = x_of(&line, 0);
    assert!(line.glyphs.iter().all(|g| g.x <= first), "the first letter is rightmost: {line:?}");
    let second_word = name.find(' ').unwrap() + 1;
    assert!(x_of(&line, second_word) < x_of(&line, 0), "the second word is left of the first");
    // A letter shaped on its own takes its isolated form; inside the word
    // most letters take another (initial, medial, final) glyph.
    let joined = name
        .char_indices()
        .filter(|(_, c)| *c != ' ')
        .filter(|(at, c)| {
            let alone = shape_line(Weight::Bold, 64.0, &c.to_string()).glyphs[0].glyph_id;
            line.glyphs.iter().find(|g| g.cluster == *at).is_some_and(|g| g.glyph_id != alone)
        })
        .count();
    assert!(joined >= 5, "only {joined} of 7 letters are joined forms");
}

#[test]
fn a_mixed_name_keeps_its_latin_on_the_left() {
    if !fonts_installed("a_mixed_name_keeps_its_latin_on_the_left") {
        return;
    }
    let line = shape_line(Weight::Bold, 64.0, "Ada محمد");
    let (a, d, a2) = (x_of(&line, 0), x_of(&line, 1), x_of(&line, 2));
    assert!(a < d && d < a2, "Ada reads left to right");
    let arabic: Vec<f32> = line.glyphs.iter().filter(|g| g.cluster >= 4).map(|g| g.x).collect();
    assert!(arabic.len() >= 4 && arabic.iter().all(|x| *x > a2), "the Arabic is right of the Latin: {line:?}");
    assert!(arabic.iter().all(|x| *x <= x_of(&line, 4)), "and right to left within itself");
}

#[test]
fn a_private_use_character_is_missing_and_script_names_are_not() {
    assert_eq!(missing_glyphs("Ada \u{E000}"), ['\u{E000}']);
    if fonts_installed("script names are not missing") {
        for (script, name) in NAMES {
            assert!(missing_glyphs(name).is_empty(), "{script}");
        }
    }
}

#[test]
fn with_no_system_font_dirs_cjk_is_missing_and_latin_still_draws() {
    let empty = tempfile::tempdir().unwrap();
    // The font list is read once per process, so the check runs in a
    // process of its own that sees only the empty directory.
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "no_fonts_child", "--ignored", "--test-threads=1"])
        .env("FOYER_BADGE_FONT_DIRS", empty.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("1 passed"), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
#[ignore = "run by with_no_system_font_dirs_cjk_is_missing_and_latin_still_draws in a process of its own"]
fn no_fonts_child() {
    let dirs = std::env::var("FOYER_BADGE_FONT_DIRS").expect("started by its parent test");
    assert!(std::fs::read_dir(dirs).unwrap().next().is_none(), "the font directory is empty");
    assert_eq!(missing_glyphs("王小明 Ada"), ['王', '小', '明']);
    let line = shape_line(Weight::Bold, 64.0, "王 Ada");
    assert_eq!(line.glyphs[0].glyph_id, 0, "a CJK character is a .notdef box without system fonts");
    assert!(line.glyphs[2..].iter().all(|g| g.glyph_id != 0), "Latin still draws");
}
