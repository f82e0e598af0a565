//! The languages the kiosk's screens are translated into. Content a site
//! writes per language (the visitor agreement) is tagged with one of them,
//! or with none, meaning "the site's own default language".

use super::ValidationError;

/// A language the kiosk speaks, named by its ISO 639-1 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
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
    /// `de-CH`): the code is stored and compared as given, so a second
    /// spelling would make a second language.
    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|l| l.code() == code).ok_or_else(|| {
            ValidationError::invalid("language", format!("{code:?} is not one of {}", Self::CODES.join(", ")))
        })
    }

    /// The code, as stored and sent to kiosks.
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
        for bad in ["DE", "de-CH", " de", "", "it"] {
            let e = Language::parse(bad).unwrap_err();
            assert_eq!(e.field(), "language", "{bad:?}");
            assert!(e.to_string().contains("en, de, es, fr"), "{e}");
        }
    }
}
