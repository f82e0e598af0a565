//! Badges on labels: a die-cut label has a fixed length, so the layout is
//! shrunk until it fits, then drawn on a canvas exactly the label's size;
//! continuous tape is cut after the badge, so it is as long as the layout.

use image::GrayImage;

use super::layout::{BadgeError, BadgeLayout, Paper};
use super::logo::Logo;
use super::render::draw_blocks;
use super::text::BadgeText;

/// A label's printable area in dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelArea {
    pub width_dots: u32,
    /// `None` for continuous tape.
    pub length_dots: Option<u32>,
    pub qr_module_dots: u8,
}

/// Type scales tried for a fixed-length label, largest first.
const SHRINK: [f32; 6] = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5];

/// The layout for `area`: type as large as the width allows, shrunk in
/// steps while it is longer than a die-cut label.
pub fn label_layout(text: &BadgeText, area: LabelArea, logo: Option<&Logo>) -> Result<BadgeLayout, BadgeError> {
    let paper = Paper { width_dots: area.width_dots, qr_module_dots: area.qr_module_dots };
    let base = area.width_dots as f32 / 576.0;
    let mut layout = BadgeLayout::with_scale(text, paper, logo, base)?;
    if let Some(max) = area.length_dots {
        for f in SHRINK.iter().skip(1) {
            if layout.height() <= max {
                break;
            }
            layout = BadgeLayout::with_scale(text, paper, logo, base * f)?;
        }
    }
    Ok(layout)
}

/// The badge as ink on the label: exactly the label's size when it has a
/// length (the layout at the top, cut off if even the smallest type is too
/// long), else as long as the layout.
pub fn label_ink(text: &BadgeText, area: LabelArea, logo: Option<&Logo>) -> Result<GrayImage, BadgeError> {
    let layout = label_layout(text, area, logo)?;
    let drawn = draw_blocks(layout.width, &layout.blocks);
    let Some(length) = area.length_dots else { return Ok(drawn) };
    let mut ink = GrayImage::new(area.width_dots, length);
    image::imageops::overlay(&mut ink, &drawn, 0, 0);
    Ok(ink)
}

/// The label as the screen shows it (black on white), as PNG bytes.
pub fn label_preview_png(text: &BadgeText, area: LabelArea, logo: Option<&Logo>) -> Result<Vec<u8>, BadgeError> {
    let mut ink = label_ink(text, area, logo)?;
    image::imageops::invert(&mut ink);
    let mut png = Vec::new();
    ink.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_domain::{BadgeContent, SiteKey};

    fn text() -> BadgeText {
        BadgeText::from_content(&BadgeContent::sample(&SiteKey::from_bytes([4; 32])))
    }

    #[test]
    fn a_die_cut_label_is_exactly_its_size_and_the_layout_fits_in_it() {
        for (w, l) in [(696, 1109), (306, 991), (812, 609), (812, 1218)] {
            let area = LabelArea { width_dots: w, length_dots: Some(l), qr_module_dots: 6 };
            let ink = label_ink(&text(), area, None).unwrap();
            assert_eq!(ink.dimensions(), (w, l));
            assert!(label_layout(&text(), area, None).unwrap().height() <= l, "{w}×{l}");
        }
    }

    #[test]
    fn continuous_tape_is_as_long_as_the_layout() {
        let area = LabelArea { width_dots: 696, length_dots: None, qr_module_dots: 8 };
        let layout = label_layout(&text(), area, None).unwrap();
        assert_eq!(label_ink(&text(), area, None).unwrap().height(), layout.height());
    }
}
