//! Which agreement text a visitor is shown: the site's own version in the
//! visitor's language when it wrote one, else its default-language version,
//! marked so the screen can say that it is not in the visitor's language.
//! Check-in accepts the version shown in either case (see `check_in`).

use rusqlite::Connection;

use super::{Kiosk, KioskResult};
use crate::store::{agreements, Reader};

/// The agreement a visitor reads and accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementShown {
    /// The version to hand back to check-in when the visitor accepts.
    pub version: i64,
    pub text: String,
    /// The language the text is written in; None is the site's default.
    pub language: Option<String>,
    /// The site has no version in the language asked for, so this is the
    /// default-language one.
    pub fell_back: bool,
}

fn shown(conn: &Connection, lang: &str) -> KioskResult<AgreementShown> {
    if let Some((version, text)) = agreements::current_in(conn, lang)? {
        return Ok(AgreementShown { version, text, language: Some(lang.to_owned()), fell_back: false });
    }
    let (version, text) = agreements::current(conn)?;
    Ok(AgreementShown { version, text, language: None, fell_back: true })
}

impl Reader {
    /// The agreement for a visitor who reads `lang` (`en`, `de`, `es`, `fr`).
    pub fn agreement_for(&self, lang: &str) -> KioskResult<AgreementShown> {
        shown(self.conn(), lang)
    }
}

impl Kiosk {
    /// The agreement for a visitor who reads `lang` (`en`, `de`, `es`, `fr`).
    pub fn agreement_for(&self, lang: &str) -> KioskResult<AgreementShown> {
        shown(self.store().conn(), lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::directory::upsert_agreement;
    use crate::store::migrations::migrate;

    #[test]
    fn a_language_with_its_own_version_is_shown_it_and_another_gets_the_default() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        upsert_agreement(&conn, 2, "Tragen Sie Ihren Ausweis.", Some("de")).unwrap();
        let de = shown(&conn, "de").unwrap();
        assert_eq!(
            (de.version, de.text.as_str(), de.language.as_deref(), de.fell_back),
            (2, "Tragen Sie Ihren Ausweis.", Some("de"), false)
        );
        let fr = shown(&conn, "fr").unwrap();
        let (default_version, default_text) = agreements::current(&conn).unwrap();
        assert_eq!(
            fr,
            AgreementShown { version: default_version, text: default_text, language: None, fell_back: true }
        );
        assert_eq!(default_version, 1, "the built-in default stays");
    }
}
