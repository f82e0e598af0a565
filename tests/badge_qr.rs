//! The QR code on every kind of badge is read back by an independent
//! decoder (rqrr) and the token it carries verifies with the site key.

use foyer::cli::badge_cmd::{render, RenderArgs};
use foyer_devices::badge::{preview_png, Paper};
use foyer_devices::printer::inspect::{parse, qr_data, raster_pictures};
use foyer_devices::printer::{encode_badge, Profile};
use foyer_devices::PrintEncoding;
use foyer_domain::{BadgeClaims, BadgeContent, SiteKey};
use image::GrayImage;
use time::OffsetDateTime;

fn key() -> SiteKey {
    SiteKey::from_bytes([6; 32])
}

/// Every QR code rqrr finds in the picture.
fn decode_all(img: &GrayImage) -> Vec<String> {
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(img.width() as usize, img.height() as usize, |x, y| {
            img.get_pixel(x as u32, y as u32).0[0]
        });
    prepared.detect_grids().iter().filter_map(|g| g.decode().ok()).map(|(_, text)| text).collect()
}

fn assert_verifies(token: &str, badge: &BadgeContent) {
    let claims = BadgeClaims::verify(token, &key(), badge.issued_at.unix_timestamp()).unwrap();
    assert_eq!(claims.visit_id, badge.visit_id);
}

#[test]
fn the_raster_badge_qr_decodes_to_a_verifying_token_on_every_profile() {
    let badge = BadgeContent::sample(&key());
    for profile in ["generic-80mm", "generic-58mm", "epson-tm-t88v", "epson-tm-t88iii"] {
        let job = encode_badge(&badge, &Profile::load(profile).unwrap(), None, true).unwrap();
        let pictures = raster_pictures(&parse(&job.bytes).unwrap());
        assert_eq!(pictures.len(), 1, "{profile}");
        let found = decode_all(&pictures[0]);
        assert_eq!(found, std::slice::from_ref(&badge.token), "{profile}");
        assert_verifies(&found[0], &badge);
    }
}

#[test]
fn the_tm_t88iii_raster_qr_between_native_text_decodes() {
    let badge = BadgeContent::sample(&key());
    let job = encode_badge(&badge, &Profile::load("epson-tm-t88iii").unwrap(), None, false).unwrap();
    let pictures = raster_pictures(&parse(&job.bytes).unwrap());
    assert_eq!(decode_all(pictures.last().unwrap()), std::slice::from_ref(&badge.token));
}

#[test]
fn the_preview_png_qr_decodes_to_the_same_token() {
    let badge = BadgeContent::sample(&key());
    let png = preview_png(&badge, Paper { width_dots: 576, qr_module_dots: 6 }, None).unwrap();
    let img = image::load_from_memory(&png).unwrap().to_luma8();
    let found = decode_all(&img);
    assert_eq!(found, std::slice::from_ref(&badge.token));
    assert_verifies(&found[0], &badge);
}

#[test]
fn the_native_job_stores_the_token_for_the_printer_qr() {
    let badge = BadgeContent::sample(&key());
    let job = encode_badge(&badge, &Profile::load("epson-tm-t20iii").unwrap(), None, false).unwrap();
    let data = qr_data(&parse(&job.bytes).unwrap()).unwrap();
    assert_verifies(std::str::from_utf8(&data).unwrap(), &badge);
}

#[test]
fn badge_render_writes_a_valid_job_and_preview_whose_qr_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let now = OffsetDateTime::now_utc();
    for raster in [false, true] {
        let args = RenderArgs {
            printer: "generic-80mm".into(),
            name: "Grace Hopper".into(),
            company: Some("US Navy".into()),
            host: "Ada Lovelace".into(),
            visitor_type: "contractor".into(),
            raster,
            logo: None,
            out: dir.path().join("badge.bin"),
            preview: Some(dir.path().join("badge.png")),
        };
        let done = render(&args, &key(), "Foyer HQ", now).unwrap();
        let job = std::fs::read(&args.out).unwrap();
        assert_eq!(job.len(), done.bytes);
        let ops = parse(&job).unwrap();
        let token = if raster {
            assert_eq!(done.encoding, PrintEncoding::Raster);
            decode_all(&raster_pictures(&ops)[0]).pop().unwrap()
        } else {
            assert_eq!(done.encoding, PrintEncoding::Native);
            String::from_utf8(qr_data(&ops).unwrap()).unwrap()
        };
        assert_verifies(&token, &done.badge);
        let preview = image::open(args.preview.as_ref().unwrap()).unwrap().to_luma8();
        assert_eq!(decode_all(&preview), [token]);
    }
}
