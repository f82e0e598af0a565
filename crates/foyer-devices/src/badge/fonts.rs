//! The badge's fonts: the bundled DejaVu Sans (regular and bold: Latin,
//! Greek and Cyrillic, under the Bitstream Vera / DejaVu licence in
//! `assets/fonts/LICENSE-DejaVu.txt`) first, embedded so a Latin badge looks
//! the same on every kiosk, then the system's fonts for the characters it
//! lacks (`system_fonts`). Text is shaped (`shape`) before it is measured
//! or drawn.

use std::sync::OnceLock;

use ab_glyph::{point, Font, GlyphId, ScaleFont};
use image::GrayImage;

use super::face::Face;
use super::shape::{shape_line, ShapedLine};
use super::system_fonts;

static REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The two weights a badge uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// The bundled face of `weight`.
pub fn bundled(weight: Weight) -> &'static Face {
    static FONTS: OnceLock<(Face, Face)> = OnceLock::new();
    let (regular, bold) = FONTS.get_or_init(|| {
        // The files are compiled in; a parse failure is a broken build.
        (
            Face::parse("DejaVu Sans".into(), REGULAR, 0).expect("bundled DejaVuSans.ttf parses"),
            Face::parse("DejaVu Sans Bold".into(), BOLD, 0).expect("bundled DejaVuSans-Bold.ttf parses"),
        )
    });
    match weight {
        Weight::Regular => regular,
        Weight::Bold => bold,
    }
}

/// The face that draws `c` in `weight`: the bundled one when it can, else
/// the first system font that can (bold if there is one, any weight
/// rather than none); `None` when no font can.
pub fn face_for(c: char, weight: Weight) -> Option<&'static Face> {
    let own = bundled(weight);
    if own.has_glyph(c) {
        return Some(own);
    }
    let system = system_fonts::system();
    system.face_for(c, weight).or_else(|| system.face_for(c, Weight::Regular))
}

/// Width of `text` in pixels at `px`, as shaped.
pub fn measure(weight: Weight, px: f32, text: &str) -> f32 {
    shape_line(weight, px, text).width
}

/// Height of one line (ascent to descent plus the font's gap) of the
/// bundled font at `px`; fallback glyphs sit on the same lines, so a badge
/// keeps its rhythm whatever the name's script.
pub fn line_height(weight: Weight, px: f32) -> f32 {
    let s = bundled(weight).outlines().as_scaled(px);
    s.ascent() - s.descent() + s.line_gap()
}

/// Draws `text` with its top-left corner at (`x`, `top`) into an ink image
/// (0 = paper, 255 = full ink). Ink outside the image is clipped.
pub fn draw(ink: &mut GrayImage, weight: Weight, px: f32, x: f32, top: f32, text: &str) {
    draw_shaped(ink, weight, px, x, top, &shape_line(weight, px, text));
}

/// Draws a line shaped by [`shape_line`] with `weight` and `px`.
pub fn draw_shaped(ink: &mut GrayImage, weight: Weight, px: f32, x: f32, top: f32, line: &ShapedLine) {
    let baseline = top + bundled(weight).outlines().as_scaled(px).ascent();
    let (w, h) = (ink.width() as i32, ink.height() as i32);
    for g in &line.glyphs {
        let font = g.face.outlines();
        let glyph =
            GlyphId(g.glyph_id).with_scale_and_position(g.face.px_scale(line.em_px), point(x + g.x, baseline - g.rise));
        let Some(outline) = font.outline_glyph(glyph) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_covers_latin_greek_and_cyrillic() {
        let text = "Zoë Ångström Łukasz Ελένη Παπαδοπούλου Анна Иванова";
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            assert!(std::ptr::eq(face_for(c, Weight::Bold).unwrap(), bundled(Weight::Bold)), "{c}");
        }
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
