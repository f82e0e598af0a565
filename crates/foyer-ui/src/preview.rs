//! The badge preview on the review page: the same picture the configured
//! printer is sent, one pixel per printer dot, turned into a Slint image.

use slint::{Image, Rgba8Pixel, SharedPixelBuffer};

use super::options::UiOptions;
use foyer_domain::BadgeContent;

/// The preview image, or an empty image (logged) when the badge cannot be
/// drawn: the visitor can still check in, the printer reports its own error.
pub fn badge_image(badge: &BadgeContent, options: &UiOptions) -> Image {
    match foyer_devices::printer::preview_picture_for(&options.printer, badge, options.badge_logo.as_ref()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_devices::badge::{LabelStyle, Orientation};
    use foyer_devices::printer::PrinterModel;
    use foyer_domain::SiteKey;

    fn shown(printer: PrinterModel) -> (u32, u32) {
        let badge = BadgeContent::sample(&SiteKey::from_bytes([6; 32]));
        let size = badge_image(&badge, &UiOptions { printer, ..UiOptions::default() }).size();
        (size.width, size.height)
    }

    #[test]
    fn the_preview_is_the_configured_printers_picture() {
        assert_eq!(shown(PrinterModel::load("generic-58mm").unwrap()).0, 384);
        let ql = PrinterModel::load("brother-ql-820nwb").unwrap();
        assert_eq!(shown(ql.clone()), (696, 1109), "the DK-11202 label, as it feeds");
        let PrinterModel::BrotherQl(p) = ql else { panic!("brother") };
        let landscape = LabelStyle { orientation: Orientation::Landscape, ..p.layout };
        let p = foyer_devices::brother::BrotherProfile { layout: landscape, ..p };
        assert_eq!(shown(PrinterModel::BrotherQl(p)), (1109, 696), "a landscape badge reads wide");
    }
}
