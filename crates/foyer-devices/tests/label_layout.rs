//! Label badges in every arrangement a profile can ask for: portrait and
//! landscape on die-cut and continuous labels of the usual sizes, the
//! visitor type as a red band on black/red tape, the photo slot, and the
//! logo on a Zebra label. Each picture is read back from the printer's
//! bytes and its QR decoded by rqrr; the preview is the printed picture.

#[path = "support/qr.rs"]
mod qr;

use foyer_devices::badge::{label_planes, label_view, BadgeText, LabelArea, LabelStyle, Orientation};
use foyer_devices::brother::inspect::{job_picture, job_red_picture, parse, Op};
use foyer_devices::brother::job::geometry;
use foyer_devices::brother::{encode_badge, BrotherProfile, MediaId};
use foyer_devices::printer::{preview_picture_for, PrinterModel};
use foyer_domain::{BadgeContent, SiteKey};
use image::GrayImage;

fn ql820(layout: LabelStyle, media: &str) -> BrotherProfile {
    let PrinterModel::BrotherQl(p) = PrinterModel::load("brother-ql-820nwb").unwrap() else { panic!("brother") };
    let media = MediaId::try_from(media.to_owned()).unwrap();
    BrotherProfile { layout, media, media_supported: vec![media], ..p }
}

fn key() -> SiteKey {
    SiteKey::from_bytes([12; 32])
}

fn landscape() -> LabelStyle {
    LabelStyle { orientation: Orientation::Landscape, ..LabelStyle::default() }
}

/// Share of inked dots in the rectangle.
fn ink_share(ink: &GrayImage, x: std::ops::Range<u32>, y: std::ops::Range<u32>) -> f32 {
    let n = (x.len() * y.len()) as f32;
    let inked =
        x.flat_map(|x| y.clone().map(move |y| (x, y))).filter(|(x, y)| ink.get_pixel(*x, *y).0[0] >= 128).count();
    inked as f32 / n
}

#[test]
fn a_landscape_dk11202_badge_reads_wide_and_prints_turned_along_the_feed() {
    let p = ql820(landscape(), "dk-11202");
    let badge = BadgeContent::sample(&key());
    let ops = parse(&encode_badge(&badge, &p, None, None).unwrap().bytes).unwrap();
    let printed = job_picture(&ops, geometry(&p, p.media()));
    assert_eq!(printed.dimensions(), (696, 1109), "fed as the die-cut label");
    let view = label_view(
        &BadgeText::from_content(&badge),
        foyer_devices::brother::job::label_area(&p, p.media()),
        None,
        None,
    )
    .unwrap();
    assert_eq!(view.black.dimensions(), (1109, 696), "read wide");
    // The printer gets the same picture turned (a dot where ink is at least half).
    let mut turned = image::imageops::rotate90(&view.black);
    turned.pixels_mut().for_each(|p| p.0[0] = if p.0[0] >= 128 { 255 } else { 0 });
    assert_eq!(turned, printed);
    let found = qr::decode_ink(&printed);
    assert_eq!(found, std::slice::from_ref(&badge.token));
    qr::assert_verifies(&found[0], &key(), &badge);
    // Words on the left, the code on the right: the right quarter's middle
    // is the QR, the left half carries the text.
    assert!(ink_share(&view.black, 20..550, 20..676) > 0.03);
    assert!(ink_share(&view.black, 850..1100, 200..500) > 0.25);
}

#[test]
fn continuous_tape_in_landscape_is_cut_at_the_die_cut_shape() {
    let p = ql820(landscape(), "dk-22205");
    let badge = BadgeContent::sample(&key());
    let ops = parse(&encode_badge(&badge, &p, None, None).unwrap().bytes).unwrap();
    let printed = job_picture(&ops, geometry(&p, p.media()));
    assert_eq!(printed.dimensions(), (696, 1113));
    assert_eq!(qr::decode_ink(&printed), [badge.token]);
}

#[test]
fn black_red_tape_prints_the_visitor_type_as_a_red_band_and_the_qr_in_black() {
    let p = ql820(LabelStyle { colour_band: true, ..LabelStyle::default() }, "dk-22251");
    let badge = BadgeContent::sample(&key());
    let job = encode_badge(&badge, &p, None, None).unwrap().bytes;
    let ops = parse(&job).unwrap();
    assert!(ops.contains(&Op::ExpandedMode(0x09)), "cut at end + two-colour printing");
    assert!(!ops.iter().any(|op| matches!(op, Op::Line(_))), "no one-colour lines in a two-colour job");
    let (black_lines, red_lines) = ops.iter().fold((0, 0), |(b, r), op| match op {
        Op::ColourLine(1, _) => (b + 1, r),
        Op::ColourLine(2, _) => (b, r + 1),
        _ => (b, r),
    });
    assert_eq!(black_lines, red_lines);
    let g = geometry(&p, p.media());
    let (black, red) = (job_picture(&ops, g), job_red_picture(&ops, g).expect("a red plane"));
    assert_eq!(qr::decode_ink(&black), std::slice::from_ref(&badge.token));
    assert!(qr::decode_ink(&red).is_empty());
    // The band: rows that are almost all red ink across the label, with
    // the words cut out of them, and nothing black there.
    let band_rows: Vec<u32> = (0..red.height()).filter(|y| ink_share(&red, 20..676, *y..*y + 1) > 0.6).collect();
    assert!(band_rows.len() >= 30, "{} band rows", band_rows.len());
    let (top, bottom) = (band_rows[0], *band_rows.last().unwrap());
    assert!(ink_share(&red, 20..676, top..bottom + 1) < 0.97, "the words are cut out of the band");
    assert_eq!(ink_share(&black, 0..696, top..bottom + 1), 0.0);
    // The same band is red on the screen.
    let shown = preview_picture_for(&PrinterModel::BrotherQl(p), &badge, None).unwrap();
    let px = shown.get_pixel(30, (top + bottom) / 2).0;
    assert!(px[0] > 150 && px[1] < 80 && px[2] < 80, "{px:?}");
}

#[test]
fn the_photo_slot_sits_beside_the_qr_framed_or_holding_the_photo() {
    let style = LabelStyle { photo_slot: true, ..LabelStyle::default() };
    let badge = BadgeContent::sample(&key());
    let text = BadgeText::from_content(&badge);
    for orientation in [Orientation::Portrait, Orientation::Landscape] {
        let area = LabelArea { style: LabelStyle { orientation, ..style }, ..LabelArea::plain(696, Some(1109), 8) };
        let empty = label_planes(&text, area, None, None).unwrap().black;
        let photo = GrayImage::from_pixel(300, 400, image::Luma([0])); // a dark photo: all ink
        let with = label_planes(&text, area, None, Some(&photo)).unwrap().black;
        let inked = |img: &GrayImage| img.pixels().filter(|p| p.0[0] >= 128).count();
        assert!(inked(&with) > inked(&empty) + 20_000, "{orientation:?}: the photo is drawn in the slot");
        for ink in [&empty, &with] {
            assert_eq!(qr::decode_ink(ink), std::slice::from_ref(&badge.token), "{orientation:?}");
        }
    }
}

#[test]
fn every_usual_label_in_both_orientations_fits_its_words_and_a_readable_code() {
    let badge = BadgeContent::sample(&key());
    let text = BadgeText::from_content(&badge);
    // 62 × 100 mm at 300 dpi, 4 × 3 in and 4 × 6 in at 203 and 300 dpi.
    let labels = [(696, 1109, 8), (812, 609, 5), (812, 1218, 5), (1200, 900, 8), (1200, 1800, 8)];
    for (w, l, qr_dots) in labels {
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            let area = LabelArea {
                style: LabelStyle { orientation, ..LabelStyle::default() },
                ..LabelArea::plain(w, Some(l), qr_dots)
            };
            let planes = label_planes(&text, area, None, None).unwrap();
            assert_eq!(planes.black.dimensions(), (w, l), "{w}×{l} {orientation:?}");
            assert_eq!(qr::decode_ink(&planes.black), std::slice::from_ref(&badge.token), "{w}×{l} {orientation:?}");
            // Nothing runs into the margin: the words were shrunk to fit.
            let view = label_view(&text, area, None, None).unwrap().black;
            let (vw, vh) = view.dimensions();
            assert_eq!(ink_share(&view, 0..vw, vh - 4..vh), 0.0, "{w}×{l} {orientation:?} bottom edge");
        }
    }
}
