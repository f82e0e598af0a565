//! Pictures on a Zebra label: the site logo as a `^GFA` graphic above the
//! printer's own text and QR, and a landscape badge sent as one graphic
//! of the whole label whose QR rqrr reads and whose words are ink only.

#[path = "support/qr.rs"]
mod qr;

use foyer_devices::badge::{LabelStyle, Logo, Orientation};
use foyer_devices::printer::PrinterModel;
use foyer_devices::zpl::graphic::graphic_fields;
use foyer_devices::zpl::job::fields;
use foyer_devices::zpl::{encode_badge, ZplProfile};
use foyer_devices::PrintEncoding;
use foyer_domain::{BadgeContent, SiteKey};
use image::{GrayImage, Luma};

fn zd421() -> ZplProfile {
    let PrinterModel::Zpl(p) = PrinterModel::load("zebra-zd421-203dpi").unwrap() else { panic!("zpl") };
    p
}

fn key() -> SiteKey {
    SiteKey::from_bytes([13; 32])
}

#[test]
fn the_logo_is_a_graphic_above_the_printer_text() {
    let badge = BadgeContent::sample(&key());
    // A black square logo: every dot of its graphic is ink.
    let logo = Logo::from_grey(GrayImage::from_pixel(64, 64, Luma([0])));
    let job = encode_badge(&badge, &zd421(), Some(&logo)).unwrap();
    assert_eq!(job.encoding, PrintEncoding::Native);
    let job = String::from_utf8(job.bytes).unwrap();
    let graphics = graphic_fields(&job);
    assert_eq!(graphics.len(), 1, "{job}");
    let ((x, y), picture) = &graphics[0];
    assert_eq!(*y, 812 / 32, "at the top margin");
    assert!(*x > 200 && *x < 400, "centred: {x}");
    let side = 609 / 6;
    assert_eq!(picture.height(), side);
    assert!(picture.pixels().take(side as usize).all(|p| p.0[0] == 255));
    // The words are still the printer's fields, below the logo.
    assert!(fields(&job).contains(&"Ada Lovelace".to_owned()));
    let name_at = job.find("Ada Lovelace").unwrap();
    assert!(job.find("^GFA").unwrap() < name_at);
    assert!(job.contains(&format!("^FO25,{}", 25 + side + 12)), "{job}");
}

#[test]
fn a_landscape_label_is_one_graphic_with_a_readable_code_and_no_visitor_text() {
    let mut badge = BadgeContent::sample(&key());
    badge.visitor_name = "Eve^XZ^XA~JR".into();
    let p =
        ZplProfile { layout: LabelStyle { orientation: Orientation::Landscape, ..LabelStyle::default() }, ..zd421() };
    let job = encode_badge(&badge, &p, None).unwrap();
    assert_eq!(job.encoding, PrintEncoding::Raster);
    let job = String::from_utf8(job.bytes).unwrap();
    assert!(job.starts_with("^XA\n^CI28\n^PW812\n^LL609\n^LH0,0\n^FO0,0^GFA,"), "{}", &job[..60]);
    assert!(job.ends_with("^FS\n^PQ1\n^XZ\n"));
    assert_eq!(job.matches("^XA").count(), 1);
    assert!(fields(&job).is_empty(), "no field data at all");
    assert!(!job.contains('~'));
    let graphics = graphic_fields(&job);
    assert_eq!(graphics.len(), 1);
    let picture = &graphics[0].1;
    // 812 dots are 102 bytes a row; 609 rows.
    assert_eq!(picture.dimensions(), (816, 609));
    let found = qr::decode_ink(picture);
    assert_eq!(found, std::slice::from_ref(&badge.token));
    qr::assert_verifies(&found[0], &key(), &badge);
}
