//! Watchlist screening: does a visitor's name match an entry?

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::text::clean_text;
use super::ValidationError;

/// Folds a name for comparison: compatibility-decomposed, accents removed,
/// lower case, letters that do not decompose mapped to their base
/// (ø→o, ł→l, ß→ss …), punctuation dropped, words separated by one space.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for l in c.to_lowercase() {
                push_base_letter(&mut out, l);
            }
        } else if c.is_whitespace() || c == '-' || c == '.' || c == ',' {
            pending_space = true;
        }
        // Other punctuation (apostrophes …) is dropped: O'Brien = OBrien.
    }
    out
}

/// Letters that do not decompose into base + accent, written as their base.
fn push_base_letter(out: &mut String, c: char) {
    match c {
        'ø' => out.push('o'),
        'ł' => out.push('l'),
        'đ' => out.push('d'),
        'ı' => out.push('i'),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'þ' => out.push_str("th"),
        _ => out.push(c),
    }
}

/// One watchlist entry, folded once when loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchlistEntry {
    pub id: i64,
    pub name: String,
    pub reason: String,
    folded: Vec<String>,
}

impl WatchlistEntry {
    pub fn new(id: i64, name: &str, reason: &str) -> Self {
        Self {
            id,
            name: name.to_owned(),
            reason: reason.to_owned(),
            folded: fold_name(name).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect(),
        }
    }

    /// A visitor matches when every word of the entry is one of the
    /// visitor's words, in any order ("Smith, John" matches "John Smith",
    /// "José Álvarez" matches "JOSE ALVAREZ", "John Q. Smith" matches "John Smith").
    pub fn matches(&self, visitor_words: &[&str]) -> bool {
        !self.folded.is_empty() && self.folded.iter().all(|w| visitor_words.contains(&w.as_str()))
    }
}

/// A watchlist entry as an admin typed it: name and reason each trimmed,
/// NFC, 1–200 characters, free of control and bidi characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchlistInput {
    pub name: String,
    pub reason: String,
}

impl WatchlistInput {
    /// The longest name or reason accepted, in characters.
    pub const MAX: usize = 200;

    /// Validates both fields; the error names the field at fault.
    pub fn parse(name: &str, reason: &str) -> Result<Self, ValidationError> {
        let name = clean_text("watchlist name", name, Self::MAX)?;
        // A name of punctuation only folds to nothing and would match nobody.
        if fold_name(&name).is_empty() {
            return Err(ValidationError::invalid("watchlist name", "it must contain a letter or digit"));
        }
        Ok(Self { name, reason: clean_text("watchlist reason", reason, Self::MAX)? })
    }
}

/// Screens a name against the watchlist; returns the first matching entry.
pub fn screen<'a>(name: &str, watchlist: &'a [WatchlistEntry]) -> Option<&'a WatchlistEntry> {
    let folded = fold_name(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    watchlist.iter().find(|e| e.matches(&words))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<WatchlistEntry> {
        vec![
            WatchlistEntry::new(1, "José Álvarez", "trespass 2025"),
            WatchlistEntry::new(2, "Søren Łukasz", "former contractor"),
        ]
    }

    #[test]
    fn folding_removes_case_accents_and_punctuation() {
        assert_eq!(fold_name("  JOSÉ  Álvarez-Pérez "), "jose alvarez perez");
        assert_eq!(fold_name("O'Brien"), "obrien");
        assert_eq!(fold_name("Straße"), "strasse");
    }

    #[test]
    fn match_is_case_and_accent_insensitive() {
        assert_eq!(screen("jose alvarez", &list()).map(|e| e.id), Some(1));
        assert_eq!(screen("JOSE ALVAREZ", &list()).map(|e| e.id), Some(1));
        assert_eq!(screen("Soren Lukasz", &list()).map(|e| e.id), Some(2));
    }

    #[test]
    fn word_order_and_middle_names_do_not_hide_a_match() {
        assert_eq!(screen("Álvarez, José", &list()).map(|e| e.id), Some(1));
        assert_eq!(screen("José María Álvarez", &list()).map(|e| e.id), Some(1));
    }

    #[test]
    fn a_partial_name_does_not_match() {
        assert_eq!(screen("José Martínez", &list()), None);
        assert_eq!(screen("Alvarezson Jose", &list()), None);
    }

    #[test]
    fn watchlist_input_is_trimmed_and_each_field_is_named_when_refused() {
        let ok = WatchlistInput::parse("  Eve Mallory ", " trespass ").unwrap();
        assert_eq!((ok.name.as_str(), ok.reason.as_str()), ("Eve Mallory", "trespass"));
        assert_eq!(WatchlistInput::parse(" ", "x").unwrap_err().field(), "watchlist name");
        assert_eq!(WatchlistInput::parse("--", "x").unwrap_err().field(), "watchlist name");
        assert_eq!(WatchlistInput::parse("Eve", "a\u{7}b").unwrap_err().field(), "watchlist reason");
        assert_eq!(WatchlistInput::parse(&"e".repeat(201), "x").unwrap_err().field(), "watchlist name");
        assert!(WatchlistInput::parse(&"e".repeat(200), &"r".repeat(200)).is_ok());
    }

    #[test]
    fn an_empty_watchlist_matches_nothing() {
        assert_eq!(screen("Anyone", &[]), None);
    }
}
