//! The languages the kiosk speaks: a badge is printed in the language its
//! visitor chose on the screen, and content a site writes per language (the
//! visitor agreement) is tagged with one of them, or with none, meaning
//! "the site's own default language".

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ValidationError;

/// A kiosk language. Stored and sent as its lowercase ISO 639-1 code
/// (`"de"`), the same code the kiosk's translations are named by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Language {
    /// English; the default, so badges stored before languages existed
    /// read back as the English badges they were printed as.
    #[default]
    En,
    De,
    Es,
    Fr,
}

impl Language {
    /// Every language, in the order the kiosk offers them.
    pub const ALL: [Language; 4] = [Self::En, Self::De, Self::Es, Self::Fr];

    /// The codes of [`Self::ALL`], for a schema or a message.
    pub const CODES: [&'static str; 4] = ["en", "de", "es", "fr"];

    /// Parses a code exactly as the kiosk names it (`de`, not `DE` or
    /// `de-CH`). Codes are stored, sent and compared as given, and the API's
    /// schema lists exactly these, so a second spelling is refused rather
    /// than quietly read as another.
    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|l| l.code() == code).ok_or_else(|| Self::unknown(code))
    }

    /// Reads a locale as a person or a system writes it (`DE`, `de-CH`,
    /// `fr_FR`): its language, case-insensitive. For configuration and
    /// locales, never for stored or sent codes.
    pub fn from_locale(raw: &str) -> Result<Self, ValidationError> {
        let lower = raw.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or_default();
        Self::parse(primary).map_err(|_| Self::unknown(raw))
    }

    fn unknown(raw: &str) -> ValidationError {
        ValidationError::invalid("language", format!("{raw:?} is not one of {}", Self::CODES.join(", ")))
    }

    /// The lowercase ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Es => "es",
            Self::Fr => "fr",
        }
    }

    /// The language's own name, for a form's choices.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
            Self::Es => "Español",
            Self::Fr => "Français",
        }
    }
}

impl FromStr for Language {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Language {
    type Error = ValidationError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Language> for &'static str {
    fn from(l: Language) -> Self {
        l.code()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_to_its_language() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Ok(l));
        }
        assert_eq!(Language::ALL.map(Language::code), Language::CODES);
    }

    #[test]
    fn another_spelling_or_an_unknown_code_is_refused_naming_the_field() {
        for bad in ["DE", "de-CH", " de", "", "it", "english"] {
            let e = Language::parse(bad).unwrap_err();
            assert_eq!(e.field(), "language", "{bad:?}");
            assert!(e.to_string().contains(&format!("{bad:?} is not one of en, de, es, fr")), "{e}");
        }
    }

    #[test]
    fn a_locale_is_read_as_its_language_ignoring_case_and_region() {
        for l in Language::ALL {
            assert_eq!(Language::from_locale(&l.code().to_uppercase()), Ok(l));
        }
        assert_eq!(Language::from_locale("de-CH"), Ok(Language::De));
        assert_eq!(Language::from_locale(" fr_FR "), Ok(Language::Fr));
        let e = Language::from_locale("pt-BR").unwrap_err();
        assert!(e.to_string().contains("\"pt-BR\" is not one of"), "{e}");
    }

    #[test]
    fn serde_uses_the_exact_code_and_names_a_bad_one() {
        assert_eq!(serde_json::to_string(&Language::Es).unwrap(), "\"es\"");
        assert_eq!(serde_json::from_str::<Language>("\"de\"").unwrap(), Language::De);
        let err = serde_json::from_str::<Language>("\"pt\"").unwrap_err().to_string();
        assert!(err.contains("\"pt\" is not one of en, de, es, fr"), "{err}");
    }
}
