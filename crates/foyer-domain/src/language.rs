//! The languages the kiosk speaks, so a badge can be printed in the
//! language its visitor chose on the screen.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ValidationError;

/// A kiosk language. Stored and sent as its lowercase ISO 639-1 code
/// (`"de"`), the same code the kiosk's translations are named by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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

    /// Parses a language code, case-insensitive. A regional tag (`de-CH`,
    /// `fr_FR`) is accepted as its language, because that is what browser
    /// and system locales look like and the badge words do not differ.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let lower = raw.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|l| l.code() == primary)
            .ok_or_else(|| ValidationError::invalid("language", format!("{raw:?} is not one of en, de, es, fr")))
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
    fn codes_round_trip_and_ignore_case_and_region() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Ok(l));
            assert_eq!(Language::parse(&l.code().to_uppercase()), Ok(l));
        }
        assert_eq!(Language::parse("de-CH"), Ok(Language::De));
        assert_eq!(Language::parse(" fr_FR "), Ok(Language::Fr));
    }

    #[test]
    fn a_bad_code_is_refused_naming_the_code_and_the_choices() {
        let err = Language::parse("xx").unwrap_err();
        assert_eq!(err.field(), "language");
        let msg = err.to_string();
        assert!(msg.contains("\"xx\"") && msg.contains("en, de, es, fr"), "{msg}");
        assert!(Language::parse("").is_err());
        assert!(Language::parse("english").is_err());
    }

    #[test]
    fn serde_uses_the_lowercase_code_and_names_a_bad_one() {
        assert_eq!(serde_json::to_string(&Language::Es).unwrap(), "\"es\"");
        assert_eq!(serde_json::from_str::<Language>("\"DE\"").unwrap(), Language::De);
        let err = serde_json::from_str::<Language>("\"pt\"").unwrap_err().to_string();
        assert!(err.contains("\"pt\" is not one of en, de, es, fr"), "{err}");
    }
}
