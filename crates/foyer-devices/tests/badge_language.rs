//! A badge is printed in its visitor's language on every path: the native
//! receipt text (through each code page), the raster and preview layout,
//! and ZPL labels; and every fixed word of every language is printable as
//! native text in every code page, so no language forces a raster badge.

use foyer_devices::badge::{BadgeLayout, BadgeText, Block};
use foyer_devices::printer::inspect::{parse, Op};
use foyer_devices::printer::{encode_badge, paper, CodePage, PrinterModel, Profile};
use foyer_devices::PrintEncoding;
use foyer_domain::calendar::{long_month, short_month};
use foyer_domain::{BadgeContent, BadgeWords, Language, SiteKey};
use time::macros::datetime;
use time::Month;

/// A badge issued on 3 March, when the month's name differs in every
/// language (a November badge reads "Nov" in English and German alike).
fn march_badge(lang: Language) -> BadgeContent {
    let mut b = BadgeContent::sample(&SiteKey::from_bytes([7; 32])).with_language(lang);
    b.issued_at = datetime!(2027-03-03 09:00 UTC);
    b.expires_at = datetime!(2027-03-03 21:00 UTC);
    b
}

/// (host line, issued line, visitor-type label) each language must print.
fn expected(lang: Language) -> [&'static str; 3] {
    match lang {
        Language::En => ["Host: Charles Babbage", "Issued 3 Mar 2027 09:00", "GUEST"],
        Language::De => ["Gastgeber: Charles Babbage", "Ausgestellt 3. Mär 2027 09:00", "GAST"],
        Language::Es => ["Anfitrión: Charles Babbage", "Emitido 3 mar 2027 09:00", "VISITANTE"],
        Language::Fr => ["Hôte : Charles Babbage", "Émis le 3 mars 2027 09:00", "VISITEUR"],
    }
}

#[test]
fn native_receipts_print_each_language_through_each_code_page() {
    for profile in ["generic-80mm", "generic-58mm", "epson-tm-t20iii", "epson-tm-t88v"] {
        let profile = Profile::load(profile).unwrap();
        for lang in Language::ALL {
            let job = encode_badge(&march_badge(lang), &profile, None, false).unwrap();
            assert_eq!(job.encoding, PrintEncoding::Native, "{} {lang}", profile.name);
            let ops = parse(&job.bytes).unwrap();
            let joined: Vec<u8> = ops
                .iter()
                .filter_map(|op| if let Op::Text(t) = op { Some(t.as_slice()) } else { None })
                .collect::<Vec<_>>()
                .join(&b' ');
            for line in expected(lang) {
                let bytes = profile.code_page.encode(line).unwrap();
                assert!(joined.windows(bytes.len()).any(|w| w == bytes), "{} {lang}: {line:?}", profile.name);
            }
        }
    }
}

#[test]
fn a_german_badge_in_cp437_spells_gastgeber_and_maerz_with_the_pages_umlaut() {
    let job = encode_badge(&march_badge(Language::De), &Profile::load("generic-80mm").unwrap(), None, false).unwrap();
    let ops = parse(&job.bytes).unwrap();
    assert!(ops.contains(&Op::Text(b"Gastgeber: Charles Babbage".to_vec())));
    // CP437 0x84 is ä.
    assert!(ops.contains(&Op::Text(b"Ausgestellt 3. M\x84r 2027 09:00".to_vec())));
    assert!(ops.contains(&Op::Text(b"G\x81ltig bis 3. M\x84r 2027 21:00".to_vec())));
}

#[test]
fn the_raster_and_preview_layout_carries_the_badge_language() {
    let profile = Profile::load("generic-80mm").unwrap();
    let layout = BadgeLayout::new(&BadgeText::from_content(&march_badge(Language::De)), paper(&profile), None).unwrap();
    let text: Vec<String> = layout
        .blocks
        .iter()
        .filter_map(|b| if let Block::Text(t) = b { Some(t.lines.join(" ")) } else { None })
        .collect();
    assert!(text.contains(&"Gastgeber: Charles Babbage".to_owned()), "{text:?}");
    assert!(text.iter().any(|l| l.starts_with("Gültig bis 3. Mär 2027")), "{text:?}");
    assert!(text.contains(&"GAST".to_owned()), "{text:?}");
}

#[test]
fn a_zpl_label_carries_the_badge_language() {
    let PrinterModel::Zpl(p) = PrinterModel::load("zebra-zd421-203dpi").unwrap() else { panic!("zpl") };
    let job = foyer_devices::zpl::encode_badge(&march_badge(Language::Fr), &p, None).unwrap();
    let zpl = String::from_utf8(job.bytes).unwrap();
    assert!(zpl.contains("^FDHôte : Charles Babbage^FS"), "{zpl}");
    assert!(zpl.contains("^FDValable jusqu'au 3 mars 2027 21:00^FS"), "{zpl}");
}

#[test]
fn every_badge_word_and_month_of_every_language_is_in_every_code_page() {
    for page in [CodePage::Cp437, CodePage::Cp858, CodePage::Cp1252] {
        for lang in Language::ALL {
            let mut words = BadgeWords::of(lang).all_words();
            for n in 1..=12u8 {
                let m = Month::try_from(n).unwrap();
                words.extend([short_month(m, lang), long_month(m, lang)]);
            }
            for w in words {
                let bytes = page.encode(w).unwrap_or_else(|c| panic!("{page:?} {lang}: {c:?} of {w:?}"));
                assert!(bytes.iter().all(|b| *b >= 0x20 && *b != 0x7F), "{page:?} {w:?}");
            }
        }
    }
}
