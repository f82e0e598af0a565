//! The bundled badge font (DejaVu Sans, regular and bold: Latin, Greek and
//! Cyrillic, under the Bitstream Vera / DejaVu licence in
//! `assets/fonts/LICENSE-DejaVu.txt`), measured and drawn with ab_glyph.
//! Embedded so the badge looks the same on every kiosk, with or without
//! system fonts.

use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};
use image::GrayImage;

static REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The two weights a badge uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

fn font(weight: Weight) -> &'static FontRef<'static> {
    static FONTS: OnceLock<(FontRef<'static>, FontRef<'static>)> = OnceLock::new();
    let (regular, bold) = FONTS.get_or_init(|| {
        // The files are compiled in; a parse failure is a broken build.
        (
            FontRef::try_from_slice(REGULAR).expect("bundled DejaVuSans.ttf parses"),
            FontRef::try_from_slice(BOLD).expect("bundled DejaVuSans-Bold.ttf parses"),
        )
    });
    match weight {
        Weight::Regular => regular,
        Weight::Bold => bold,
    }
}

/// Advances of each character of `text` at `px`, kerning included.
fn advances(weight: Weight, px: f32, text: &str) -> impl Iterator<Item = (GlyphId, f32)> + '_ {
    let scaled = font(weight).as_scaled(PxScale::from(px));
    let mut caret = 0.0;
    let mut prev: Option<GlyphId> = None;
    text.chars().map(move |c| {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            caret += scaled.kern(p, id);
        }
        let at = caret;
        caret += scaled.h_advance(id);
        prev = Some(id);
        (id, at)
    })
}

/// Width of `text` in pixels at `px`.
pub fn measure(weight: Weight, px: f32, text: &str) -> f32 {
    let scaled = font(weight).as_scaled(PxScale::from(px));
    advances(weight, px, text).last().map(|(id, at)| at + scaled.h_advance(id)).unwrap_or(0.0)
}

/// Height of one line (ascent to descent plus the font's gap) at `px`.
pub fn line_height(weight: Weight, px: f32) -> f32 {
    let s = font(weight).as_scaled(PxScale::from(px));
    s.ascent() - s.descent() + s.line_gap()
}

/// Draws `text` with its top-left corner at (`x`, `top`) into an ink image
/// (0 = paper, 255 = full ink). Ink outside the image is clipped.
pub fn draw(ink: &mut GrayImage, weight: Weight, px: f32, x: f32, top: f32, text: &str) {
    let f = font(weight);
    let baseline = top + f.as_scaled(PxScale::from(px)).ascent();
    let (w, h) = (ink.width() as i32, ink.height() as i32);
    for (id, at) in advances(weight, px, text) {
        let glyph = id.with_scale_and_position(px, point(x + at, baseline));
        let Some(outline) = f.outline_glyph(glyph) else {
            continue; // a space
        };
        let b = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let (px_x, px_y) = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
            if (0..w).contains(&px_x) && (0..h).contains(&px_y) {
                let p = ink.get_pixel_mut(px_x as u32, px_y as u32);
                p.0[0] = p.0[0].max((coverage.clamp(0.0, 1.0) * 255.0) as u8);
            }
        });
    }
}

/// Whether the bundled font has a glyph for every character of `text`.
pub fn covers(text: &str) -> bool {
    let f = font(Weight::Regular);
    text.chars().all(|c| c.is_whitespace() || f.glyph_id(c).0 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_latin_greek_and_cyrillic() {
        assert!(covers("Zoë Ångström Łukasz Ελένη Παπαδοπούλου Анна Иванова"));
        assert!(!covers("\u{E000}"));
    }

    #[test]
    fn bold_and_bigger_text_is_wider() {
        let regular = measure(Weight::Regular, 24.0, "Ada Lovelace");
        assert!(measure(Weight::Bold, 24.0, "Ada Lovelace") > regular);
        assert!((measure(Weight::Regular, 48.0, "Ada Lovelace") - 2.0 * regular).abs() < 1.0);
    }

    #[test]
    fn drawing_puts_ink_inside_the_measured_box_only() {
        let mut ink = GrayImage::new(300, 60);
        let width = measure(Weight::Bold, 32.0, "Иван");
        draw(&mut ink, Weight::Bold, 32.0, 10.0, 5.0, "Иван");
        let inked: Vec<u32> = ink.enumerate_pixels().filter(|p| p.2 .0[0] > 0).map(|p| p.0).collect();
        assert!(!inked.is_empty());
        assert!(inked.iter().all(|x| *x >= 9 && (*x as f32) <= 11.0 + width), "ink outside");
    }
}
