//! The badge preview on the review page: the badge module's drawing of the
//! content, one pixel per printer dot, turned into a Slint image.

use slint::{Image, Rgba8Pixel, SharedPixelBuffer};

use super::options::UiOptions;
use foyer_domain::BadgeContent;

/// The preview image, or an empty image (logged) when the badge cannot be
/// drawn: the visitor can still check in, the printer reports its own error.
pub fn badge_image(badge: &BadgeContent, options: &UiOptions) -> Image {
    match foyer_devices::badge::render_preview(badge, options.paper, options.badge_logo.as_ref()) {
        Ok(img) => to_slint(&img),
        Err(e) => {
            tracing::error!(error = %e, "badge preview could not be drawn");
            Image::default()
        }
    }
}

/// Copies an RGBA image into a Slint image.
pub fn to_slint(img: &image::RgbaImage) -> Image {
    let buffer = SharedPixelBuffer::<Rgba8Pixel>::clone_from_slice(img.as_raw(), img.width(), img.height());
    Image::from_rgba8(buffer)
}
