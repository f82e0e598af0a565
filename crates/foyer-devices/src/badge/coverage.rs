//! Which characters of a name no font on this kiosk can draw, so the
//! details page can refuse the name instead of printing empty boxes on the
//! visitor's badge.

use super::fonts::{face_for, Weight};

/// The characters of `text` that neither the bundled font nor any system
/// font has a glyph for, each once, in the order they first appear.
/// White space, control and invisible formatting characters draw no ink,
/// so they never count as missing.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut missing = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() || invisible(c) || missing.contains(&c) {
            continue;
        }
        if face_for(c, Weight::Regular).is_none() {
            missing.push(c);
        }
    }
    missing
}

/// Joiners, direction marks and variation selectors: they steer shaping
/// and need no glyph of their own.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{E0100}'..='\u{E01EF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_the_bundled_scripts_misses_nothing() {
        assert!(missing_glyphs("Zoë Ångström-Łukasz Ελένη Анна\t(O'Brien)").is_empty());
    }

    #[test]
    fn a_private_use_character_is_missing_once_and_controls_are_ignored() {
        assert_eq!(missing_glyphs("A\u{E000}b\u{E000}\u{1b}\u{202E}\u{200D} "), ['\u{E000}']);
    }

    #[test]
    fn what_is_missing_is_what_the_badge_would_draw_as_boxes() {
        let text = "Zoë \u{E000}\u{F8FF}";
        let line = crate::badge::shape::shape_line(Weight::Regular, 24.0, text);
        let boxes: Vec<char> =
            line.glyphs.iter().filter(|g| g.glyph_id == 0).map(|g| text[g.cluster..].chars().next().unwrap()).collect();
        assert_eq!(missing_glyphs(text), boxes);
    }
}
