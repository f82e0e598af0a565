//! Cleaning of free text typed by people: the common rules under every
//! name-like field.

use unicode_normalization::UnicodeNormalization;

use super::ValidationError;

/// Trims, NFC-normalises and checks a free-text field.
///
/// Refuses control characters (C0, C1, DEL), bidirectional overrides and
/// isolates (they can make a badge or a log line read differently from what
/// is stored), zero-width format characters other than ZWJ/ZWNJ, and
/// unassigned-looking private-use characters. The length limit counts
/// characters after normalisation.
pub fn clean_text(field: &'static str, raw: &str, max: usize) -> Result<String, ValidationError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::Empty { field });
    }
    // Check the raw length first so a 10 MB paste is not normalised.
    let raw_len = trimmed.chars().count();
    if raw_len > max * 4 {
        return Err(ValidationError::TooLong { field, len: raw_len, max });
    }
    let normalised: String = trimmed.nfc().collect();
    if let Some(ch) = normalised.chars().find(|c| is_forbidden(*c)) {
        return Err(ValidationError::ForbiddenChar { field, ch });
    }
    let len = normalised.chars().count();
    if len > max {
        return Err(ValidationError::TooLong { field, len, max });
    }
    Ok(normalised)
}

/// Cleans an optional field: `None`, empty or white space become `None`.
pub fn clean_optional(field: &'static str, raw: Option<&str>, max: usize) -> Result<Option<String>, ValidationError> {
    match raw {
        Some(s) if !s.trim().is_empty() => clean_text(field, s, max).map(Some),
        _ => Ok(None),
    }
}

/// Characters that never belong in a name, a company or a host field.
pub fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'             // zero width space
            | '\u{200E}' | '\u{200F}' // LRM, RLM
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{FEFF}'             // BOM
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
            | '\u{E000}'..='\u{F8FF}' // private use
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_composes_to_nfc() {
        let decomposed = "  Zoe\u{0301} ";
        assert_eq!(clean_text("name", decomposed, 80).unwrap(), "Zoé");
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(clean_text("name", " \t ", 80), Err(ValidationError::Empty { field: "name" }));
    }

    #[test]
    fn bidi_override_is_refused() {
        let err = clean_text("name", "abc\u{202E}fed", 80).unwrap_err();
        assert!(matches!(err, ValidationError::ForbiddenChar { ch: '\u{202E}', .. }));
    }

    #[test]
    fn control_characters_are_refused() {
        for raw in ["a\u{1b}[2J", "a\nb", "a\u{0}b", "a\u{85}b", "a\u{7f}"] {
            assert!(clean_text("name", raw, 80).is_err(), "{raw:?}");
        }
    }

    #[test]
    fn huge_input_is_refused_without_normalising() {
        let raw = "x".repeat(10_000);
        let err = clean_text("name", &raw, 80).unwrap_err();
        assert!(matches!(err, ValidationError::TooLong { len: 10_000, .. }));
    }

    #[test]
    fn optional_blank_becomes_none() {
        assert_eq!(clean_optional("company", Some("  "), 80).unwrap(), None);
        assert_eq!(clean_optional("company", None, 80).unwrap(), None);
    }
}
