//! A line of badge text as positioned glyphs. The characters are put in
//! visual order (unicode-bidi, so Arabic reads right to left inside a
//! left-to-right line and the other way round), cut into runs one face can
//! draw, and each run is shaped by harfrust (Arabic joining, Thai marks).
//! Measuring and drawing both use this, so the width the layout wrapped to
//! is the width that is drawn.

use std::ops::Range;

use harfrust::Direction;
use unicode_bidi::BidiInfo;

use super::face::Face;
use super::fonts::{bundled, face_for, Weight};

/// One glyph placed on the line, in pixels from the line's left edge.
#[derive(Debug, Clone, Copy)]
pub struct PlacedGlyph {
    pub face: &'static Face,
    /// The face's glyph index; 0 is .notdef, the empty box.
    pub glyph_id: u16,
    pub x: f32,
    /// Upwards from the baseline (Thai tone marks, Arabic dots).
    pub rise: f32,
    /// Byte offset in the line's text of the characters it draws.
    pub cluster: usize,
}

/// A shaped line: glyphs left to right and the pen's advance.
#[derive(Debug, Clone)]
pub struct ShapedLine {
    pub glyphs: Vec<PlacedGlyph>,
    pub width: f32,
    /// The em size every face on the line is drawn at.
    pub em_px: f32,
}

/// Shapes `text` in `weight` at ab_glyph size `px` of the bundled font.
pub fn shape_line(weight: Weight, px: f32, text: &str) -> ShapedLine {
    let em_px = bundled(weight).em_of_px(px);
    let mut line = ShapedLine { glyphs: Vec::new(), width: 0.0, em_px };
    let bidi = BidiInfo::new(text, None);
    for para in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(para, para.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut pieces = face_runs(text, run, weight);
            // The pieces are in logical order; right to left, the last
            // piece is the leftmost.
            if rtl {
                pieces.reverse();
            }
            for (face, range) in pieces {
                place(&mut line, face, text, range, rtl);
            }
        }
    }
    line
}

/// Splits `text[range]` into runs of one face each, in logical order.
fn face_runs(text: &str, range: Range<usize>, weight: Weight) -> Vec<(&'static Face, Range<usize>)> {
    let own = bundled(weight);
    let mut runs: Vec<(&'static Face, Range<usize>)> = Vec::new();
    for (i, c) in text[range.clone()].char_indices() {
        let (at, end) = (range.start + i, range.start + i + c.len_utf8());
        if let Some((face, r)) = runs.last_mut() {
            if stays(face, own, c) {
                r.end = end;
                continue;
            }
        }
        // Nothing draws it: the bundled font's .notdef box shows the gap.
        let face = face_for(c, weight).unwrap_or(own);
        match runs.last_mut() {
            Some((f, r)) if std::ptr::eq(*f, face) => r.end = end,
            _ => runs.push((face, at..end)),
        }
    }
    runs
}

/// Whether `c` continues the current run in `face`: spaces, punctuation
/// and marks stay with the script they sit in (a Thai vowel mark must be
/// shaped with its consonant), but a letter or digit the bundled font has
/// goes back to it, so Latin looks the same on every badge.
fn stays(face: &Face, own: &Face, c: char) -> bool {
    face.has_glyph(c) && (std::ptr::eq(face, own) || !c.is_alphanumeric() || !own.has_glyph(c))
}

fn place(line: &mut ShapedLine, face: &'static Face, text: &str, range: Range<usize>, rtl: bool) {
    let direction = if rtl { Direction::RightToLeft } else { Direction::LeftToRight };
    let shaped = face.shape(text, range.clone(), direction);
    let k = face.unit_scale(line.em_px);
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        line.glyphs.push(PlacedGlyph {
            face,
            glyph_id: info.glyph_id as u16,
            x: line.width + pos.x_offset as f32 * k,
            rise: pos.y_offset as f32 * k,
            cluster: range.start + info.cluster as usize,
        });
        line.width += pos.x_advance as f32 * k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_comes_out_left_to_right_from_the_bundled_font() {
        let line = shape_line(Weight::Regular, 24.0, "Ada");
        let clusters: Vec<usize> = line.glyphs.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters, [0, 1, 2]);
        assert!(line.glyphs.iter().all(|g| std::ptr::eq(g.face, bundled(Weight::Regular)) && g.glyph_id != 0));
        assert!(line.glyphs.windows(2).all(|w| w[0].x < w[1].x));
    }

    #[test]
    fn a_character_no_font_has_is_the_notdef_glyph_of_the_bundled_font() {
        let line = shape_line(Weight::Bold, 24.0, "A\u{E000}");
        assert_eq!(line.glyphs.len(), 2);
        assert_eq!(line.glyphs[1].glyph_id, 0);
        assert!(line.width > shape_line(Weight::Bold, 24.0, "A").width);
    }

    #[test]
    fn an_empty_line_has_no_glyphs_and_no_width() {
        let line = shape_line(Weight::Regular, 24.0, "");
        assert!(line.glyphs.is_empty() && line.width == 0.0);
    }
}
