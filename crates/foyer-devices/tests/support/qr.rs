//! Reading a badge's QR code back with an independent decoder (rqrr) and
//! checking its token with the site key.

use foyer_domain::{BadgeClaims, BadgeContent, SiteKey};
use image::GrayImage;

/// Every QR code rqrr finds in `ink` (255 = dot), as text.
pub fn decode_ink(ink: &GrayImage) -> Vec<String> {
    let (w, h) = (ink.width() as usize, ink.height() as usize);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| 255 - ink.get_pixel(x as u32, y as u32).0[0]);
    prepared.detect_grids().iter().filter_map(|g| g.decode().ok()).map(|(_, text)| text).collect()
}

/// Asserts that `token` verifies with `key` and names `badge`'s visit.
pub fn assert_verifies(token: &str, key: &SiteKey, badge: &BadgeContent) {
    let claims = BadgeClaims::verify(token, key, badge.issued_at.unix_timestamp()).expect("token verifies");
    assert_eq!(claims.visit_id, badge.visit_id);
}
