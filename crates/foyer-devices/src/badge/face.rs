//! One font face, readable by both libraries the badge needs: harfrust
//! shapes text with it (ligatures, Arabic joining, Thai mark placement)
//! and ab_glyph draws the glyphs harfrust chose. Both read the same bytes,
//! which live for the whole process (compiled in, or a leaked memory map).

use ab_glyph::{Font, FontRef, PxScale};
use harfrust::{Direction, GlyphBuffer, ShapeOptions, ShaperData, UnicodeBuffer};

/// A parsed face with what shaping it needs cached.
pub struct Face {
    /// Family name, for tests and logs.
    pub family: String,
    draw: FontRef<'static>,
    shape: harfrust::FontRef<'static>,
    shaper: ShaperData,
    units_per_em: f32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("family", &self.family).finish_non_exhaustive()
    }
}

impl Face {
    /// Parses face `index` of `data`; `None` when either library cannot
    /// read it (such a font is skipped, not an error).
    pub fn parse(family: String, data: &'static [u8], index: u32) -> Option<Self> {
        let draw = FontRef::try_from_slice_and_index(data, index).ok()?;
        let shape = harfrust::FontRef::from_index(data, index).ok()?;
        let units_per_em = draw.units_per_em()?;
        let shaper = ShaperData::new(&shape);
        Some(Self { family, draw, shape, shaper, units_per_em })
    }

    /// Whether the face has a real glyph (not .notdef) for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.draw.glyph_id(c).0 != 0
    }

    /// The font for drawing outlines.
    pub fn outlines(&self) -> &FontRef<'static> {
        &self.draw
    }

    /// Font units to pixels when the em square is `em_px` wide.
    pub fn unit_scale(&self, em_px: f32) -> f32 {
        em_px / self.units_per_em
    }

    /// ab_glyph's scale for an em of `em_px`: ab_glyph sizes by ascent to
    /// descent, which differs between faces, so faces mixed on one line
    /// would otherwise come out at different sizes.
    pub fn px_scale(&self, em_px: f32) -> PxScale {
        PxScale::from(em_px * self.draw.height_unscaled() / self.units_per_em)
    }

    /// The em size at which ab_glyph's `px` (ascent to descent) falls.
    pub fn em_of_px(&self, px: f32) -> f32 {
        px * self.units_per_em / self.draw.height_unscaled()
    }

    /// Shapes `text[range]` in `direction`, with the text around it as
    /// context so a run cut by a font change still joins (Arabic). The
    /// result is in font units and in visual order, left to right.
    pub fn shape(&self, text: &str, range: std::ops::Range<usize>, direction: Direction) -> GlyphBuffer {
        let mut buffer = UnicodeBuffer::new();
        buffer.set_pre_context(&text[..range.start]);
        buffer.push_str(&text[range.clone()]);
        buffer.set_post_context(&text[range.end..]);
        buffer.set_direction(direction);
        buffer.guess_segment_properties();
        let shaper = self.shaper.shaper(&self.shape).build();
        shaper.shape(buffer, ShapeOptions::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static DEJAVU: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");

    #[test]
    fn the_shaper_and_the_rasteriser_agree_on_glyph_ids() {
        let face = Face::parse("DejaVu Sans".into(), DEJAVU, 0).unwrap();
        let shaped = face.shape("Ab", 0..2, Direction::LeftToRight);
        let ids: Vec<u16> = shaped.glyph_infos().iter().map(|g| g.glyph_id as u16).collect();
        assert_eq!(ids, [face.outlines().glyph_id('A').0, face.outlines().glyph_id('b').0]);
        assert!(face.has_glyph('Ж') && !face.has_glyph('\u{E000}'));
    }

    #[test]
    fn px_and_em_convert_both_ways() {
        let face = Face::parse("DejaVu Sans".into(), DEJAVU, 0).unwrap();
        let em = face.em_of_px(48.0);
        assert!((face.px_scale(em).y - 48.0).abs() < 1e-3, "{em}");
        assert!(em < 48.0, "DejaVu's ascent to descent is taller than its em");
    }
}
