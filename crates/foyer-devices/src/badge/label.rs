//! Badges on labels: a die-cut label has a fixed length, so the layout is
//! shrunk until it fits, then drawn on a canvas exactly the label's size;
//! continuous tape is cut after the badge, so it is as long as the layout.
//! A landscape badge is drawn as it reads and turned to run along the feed.

use image::GrayImage;

use super::landscape::landscape_view;
use super::layout::{BadgeError, BadgeLayout, Extras, Paper};
use super::logo::Logo;
use super::planes::Planes;
use super::render::draw_column;
use super::style::{LabelStyle, Orientation};
use super::text::BadgeText;

/// A label's printable area in dots, in feed terms: `width_dots` across
/// the head, `length_dots` along the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelArea {
    pub width_dots: u32,
    /// `None` for continuous tape.
    pub length_dots: Option<u32>,
    pub qr_module_dots: u8,
    pub style: LabelStyle,
    /// Black/red media: bands go to the red plane.
    pub two_colour: bool,
}

impl LabelArea {
    /// A plain portrait badge on one-colour media.
    pub fn plain(width_dots: u32, length_dots: Option<u32>, qr_module_dots: u8) -> Self {
        Self { width_dots, length_dots, qr_module_dots, style: LabelStyle::default(), two_colour: false }
    }
}

/// Type scales tried for a fixed-length label, largest first.
pub const SHRINK: [f32; 6] = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5];

/// What the label style adds, for the layout.
fn extras(area: LabelArea, photo: Option<&GrayImage>) -> Extras {
    Extras {
        band: area.style.colour_band,
        slot_height: area.style.photo_slot.then_some(u32::MAX),
        photo: photo.cloned(),
    }
}

/// The portrait layout for `area`: type as large as the width allows,
/// shrunk in steps while it is longer than a die-cut label.
pub fn label_layout(text: &BadgeText, area: LabelArea, logo: Option<&Logo>) -> Result<BadgeLayout, BadgeError> {
    portrait_layout(text, area, logo, None)
}

fn portrait_layout(
    text: &BadgeText,
    area: LabelArea,
    logo: Option<&Logo>,
    photo: Option<&GrayImage>,
) -> Result<BadgeLayout, BadgeError> {
    let paper = Paper { width_dots: area.width_dots, qr_module_dots: area.qr_module_dots };
    let base = area.width_dots as f32 / 576.0;
    let extras = extras(area, photo);
    let mut layout = BadgeLayout::styled(text, paper, logo, base, &extras)?;
    if let Some(max) = area.length_dots {
        for f in SHRINK.iter().skip(1) {
            if layout.height() <= max {
                break;
            }
            layout = BadgeLayout::styled(text, paper, logo, base * f, &extras)?;
        }
    }
    Ok(layout)
}

/// The badge as it reads (a landscape badge wide), in every colour of the
/// media: what the screen shows.
pub fn label_view(
    text: &BadgeText,
    area: LabelArea,
    logo: Option<&Logo>,
    photo: Option<&GrayImage>,
) -> Result<Planes, BadgeError> {
    if area.style.orientation == Orientation::Landscape {
        return landscape_view(text, area, logo, photo);
    }
    let layout = portrait_layout(text, area, logo, photo)?;
    // A die-cut label is exactly its size: the layout at the top, cut off
    // if even the smallest type is too long.
    let length = area.length_dots.unwrap_or_else(|| layout.height());
    let mut planes = Planes::new(area.width_dots, length, area.two_colour);
    draw_column(&mut planes, (0, 0), layout.width, &layout.blocks);
    Ok(planes)
}

/// The badge as the printer feeds it: `width_dots` wide, in every colour.
pub fn label_planes(
    text: &BadgeText,
    area: LabelArea,
    logo: Option<&Logo>,
    photo: Option<&GrayImage>,
) -> Result<Planes, BadgeError> {
    let view = label_view(text, area, logo, photo)?;
    Ok(match area.style.orientation {
        Orientation::Portrait => view,
        Orientation::Landscape => view.rotated(),
    })
}

/// The badge as one ink plane in feed orientation, for one-colour printers.
pub fn label_ink(text: &BadgeText, area: LabelArea, logo: Option<&Logo>) -> Result<GrayImage, BadgeError> {
    Ok(label_planes(text, area, logo, None)?.merged())
}

/// The label as the screen shows it (as it reads, in its colours), as PNG.
pub fn label_preview_png(text: &BadgeText, area: LabelArea, logo: Option<&Logo>) -> Result<Vec<u8>, BadgeError> {
    let shown = label_view(text, area, logo, None)?.preview();
    let mut png = Vec::new();
    shown.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
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
            let area = LabelArea::plain(w, Some(l), 6);
            let ink = label_ink(&text(), area, None).unwrap();
            assert_eq!(ink.dimensions(), (w, l));
            assert!(label_layout(&text(), area, None).unwrap().height() <= l, "{w}×{l}");
        }
    }

    #[test]
    fn continuous_tape_is_as_long_as_the_layout() {
        let area = LabelArea::plain(696, None, 8);
        let layout = label_layout(&text(), area, None).unwrap();
        assert_eq!(label_ink(&text(), area, None).unwrap().height(), layout.height());
    }
}
