//! A Brother QL badge job read back: the command sequence is the one
//! Brother's raster reference gives, its lines draw the badge, and the QR
//! code rqrr finds there carries a token that verifies.

#[path = "support/qr.rs"]
mod qr;

use foyer_devices::brother::inspect::{job_picture, parse, Op};
use foyer_devices::brother::job::geometry;
use foyer_devices::brother::{encode_badge, BrotherProfile};
use foyer_devices::printer::PrinterModel;
use foyer_domain::{BadgeContent, SiteKey};

fn profile(name: &str) -> BrotherProfile {
    match PrinterModel::load(name).unwrap() {
        PrinterModel::BrotherQl(p) => p,
        other => panic!("{other:?}"),
    }
}

fn key() -> SiteKey {
    SiteKey::from_bytes([9; 32])
}

#[test]
fn the_dk11202_job_has_the_reference_header_and_its_qr_verifies() {
    let p = profile("brother-ql-820nwb");
    let badge = BadgeContent::sample(&key());
    let job = encode_badge(&badge, &p, None, None).unwrap().bytes;
    // QL-800 reference: 400 × 00, ESC @, ESC i a 01, ESC i z (die-cut, 62 mm,
    // 100 mm, 1109 lines = 55 04 00 00), ESC i M 40, ESC i A 01, ESC i K 08,
    // ESC i d 00 00, M 02.
    assert!(job[..400].iter().all(|b| *b == 0));
    let header: &[u8] = &[
        0x1B, 0x40, 0x1B, 0x69, 0x61, 0x01, 0x1B, 0x69, 0x7A, 0xCE, 0x0B, 0x3E, 0x64, 0x55, 0x04, 0x00, 0x00, 0x00,
        0x00, 0x1B, 0x69, 0x4D, 0x40, 0x1B, 0x69, 0x41, 0x01, 0x1B, 0x69, 0x4B, 0x08, 0x1B, 0x69, 0x64, 0x00, 0x00,
        0x4D, 0x02,
    ];
    assert_eq!(&job[400..400 + header.len()], header);
    assert_eq!(job.last(), Some(&0x1A));
    let ops = parse(&job).unwrap();
    let lines = ops.iter().filter(|op| matches!(op, Op::Line(_))).count();
    assert_eq!(lines, 1109);
    let picture = job_picture(&ops, geometry(&p, p.media()));
    assert_eq!(picture.dimensions(), (696, 1109));
    let found = qr::decode_ink(&picture);
    assert_eq!(found, std::slice::from_ref(&badge.token));
    qr::assert_verifies(&found[0], &key(), &badge);
}

#[test]
fn every_brother_roll_prints_a_readable_qr_with_and_without_compression() {
    let badge = BadgeContent::sample(&key());
    for name in ["brother-ql-820nwb", "brother-ql-1110nwb"] {
        let base = profile(name);
        for media in base.media_supported.clone() {
            for compress in [true, false] {
                let p = BrotherProfile { media, ..base.clone() };
                let job = encode_badge(&badge, &p, None, Some(compress)).unwrap().bytes;
                let ops = parse(&job).unwrap();
                assert!(ops.contains(&Op::Compression(if compress { 2 } else { 0 })));
                let picture = job_picture(&ops, geometry(&p, p.media()));
                let found = qr::decode_ink(&picture);
                assert_eq!(found, std::slice::from_ref(&badge.token), "{name} {} {compress}", media.0.id);
            }
        }
    }
}

#[test]
fn a_hostile_name_is_only_ink_in_the_job() {
    let mut badge = BadgeContent::sample(&key());
    badge.visitor_name = "\u{1b}iS\u{1b}@\u{1a}\u{0c}Mallory".into();
    let job = encode_badge(&badge, &profile("brother-ql-820nwb"), None, None).unwrap().bytes;
    let ops = parse(&job).unwrap();
    assert_eq!(ops.iter().filter(|op| matches!(op, Op::StatusRequest | Op::Print)).count(), 0);
    assert_eq!(ops.iter().filter(|op| **op == Op::PrintLast).count(), 1);
}
