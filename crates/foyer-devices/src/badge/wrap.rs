//! Word wrapping with shrinking: the largest size at which a text fits in a
//! few lines, and at the smallest size any text at all, split inside words
//! if it must. Used in dots for raster and in columns for native text, so
//! nothing can run off the paper either way. `measure` is the shaped
//! width of the whole candidate line, not a sum of characters, so kerning,
//! ligatures and joined Arabic are measured as they will be drawn.

use unicode_segmentation::UnicodeSegmentation;

/// Lines of `text` no wider than `max` by `measure`, breaking at spaces and,
/// for a word wider than `max`, inside it. Returns the lines and whether a
/// word had to be split.
pub fn wrap(text: &str, max: f32, measure: impl Fn(&str) -> f32) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut split = false;
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if measure(&candidate) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if measure(word) <= max {
            line = word.to_owned();
            continue;
        }
        split = true;
        // Split between graphemes: a Thai vowel or an accent stays on the
        // line of the letter it sits on.
        for g in word.graphemes(true) {
            let longer = format!("{line}{g}");
            // A single grapheme always goes on a line, even if wider.
            if measure(&longer) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, g.to_owned()));
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    (lines, split)
}

/// Tries `sizes` from first (largest) to last and keeps the first at which
/// `text` fits in `max_lines` without splitting a word; at the last size it
/// takes the wrap as it comes. `measure(size, s)` is the width of `s`.
pub fn fit<S: Copy>(
    text: &str,
    sizes: &[S],
    max_lines: usize,
    max: f32,
    measure: impl Fn(S, &str) -> f32,
) -> (S, Vec<String>) {
    let (last, bigger) = sizes.split_last().expect("at least one size");
    for &size in bigger {
        let (lines, split) = wrap(text, max, |s| measure(size, s));
        if !split && lines.len() <= max_lines {
            return (size, lines);
        }
    }
    (*last, wrap(text, max, |s| measure(*last, s)).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn words_wrap_at_spaces_within_the_width() {
        let (lines, split) = wrap("Ada King Countess of Lovelace", 12.0, chars);
        assert_eq!(lines, ["Ada King", "Countess of", "Lovelace"]);
        assert!(!split);
    }

    #[test]
    fn a_word_longer_than_the_line_is_split_and_nothing_overflows() {
        let (lines, split) = wrap("Wolfeschlegelsteinhausenbergerdorff Sr", 10.0, chars);
        assert!(split);
        assert!(lines.iter().all(|l| chars(l) <= 10.0), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "WolfeschlegelsteinhausenbergerdorffSr");
    }

    #[test]
    fn fit_shrinks_until_the_text_takes_at_most_the_allowed_lines() {
        // Size n means each character is n units wide; the line is 28 wide.
        let (size, lines) = fit("Grace Brewster Hopper", &[3, 2, 1], 2, 28.0, |n, s| n as f32 * chars(s));
        assert_eq!(size, 2);
        assert_eq!(lines, ["Grace Brewster", "Hopper"]);
        let (size, _) = fit("Ada", &[3, 2, 1], 2, 24.0, |n, s| n as f32 * chars(s));
        assert_eq!(size, 3);
    }

    #[test]
    fn a_split_word_keeps_each_mark_with_its_letter() {
        // "ดี" is ด with the vowel ี above it: one grapheme, two chars.
        let (lines, split) = wrap("ดีดีดี", 1.0, |s| s.graphemes(true).count() as f32);
        assert!(split);
        assert_eq!(lines, ["ดี", "ดี", "ดี"]);
    }

    #[test]
    fn empty_text_gives_no_lines() {
        assert!(wrap("   ", 5.0, chars).0.is_empty());
    }
}
