//! The visitor agreement's versions, shared by the console's page and the
//! JSON API. Publishing adds a version in a kiosk language or the site's
//! default (old ones never change: visits name the version they accepted);
//! kiosks show it after their next sync, to visitors of that language.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::db::agreements_admin::{self, AgreementRow};
use crate::db::{audit, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::text::is_forbidden;
use foyer_domain::Language;

/// One published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AgreementView {
    pub version: i64,
    pub text: String,
    /// The kiosk language it is written in; null for the site's default.
    #[schema(schema_with = crate::schema_rules::optional_language)]
    pub language: Option<String>,
    /// Unix seconds.
    pub published_at: i64,
}

impl From<AgreementRow> for AgreementView {
    fn from(a: AgreementRow) -> Self {
        Self { version: a.version, text: a.text, language: a.language, published_at: a.created_at }
    }
}

/// The current versions and every version, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Agreements {
    /// The current version in the site's default language: what kiosks show
    /// a visitor whose language has no version of its own.
    pub current: Option<AgreementView>,
    /// The current version of each kiosk language that has its own, in the
    /// kiosk's order (en, de, es, fr).
    pub by_language: Vec<AgreementView>,
    pub history: Vec<AgreementView>,
}

/// A new version's text, and its language.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AgreementInput {
    /// Up to 20,000 characters; line breaks and tabs, but no other control
    /// or invisible character.
    #[schema(schema_with = crate::schema_rules::agreement_text)]
    pub text: String,
    /// The kiosk language the text is written in; null or absent for the
    /// site's default language, which must be published first.
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::optional_language)]
    pub language: Option<String>,
}

impl AgreementInput {
    /// The longest text accepted, in characters (a kiosk screen of reading).
    pub const MAX: usize = 20_000;

    /// The text with Windows line ends made plain, refused when too long or
    /// when it holds an invisible or control character other than a line
    /// break or tab (a bidi override could make the kiosk show other words).
    fn parse(&self) -> Result<(String, Option<Language>), DbError> {
        let language = self.language.as_deref().map(Language::parse).transpose();
        let language = language.map_err(|e| DbError::Refused(e.to_string()))?;
        // Counted as sent, so the limit is the one the API document states.
        let len = self.text.chars().count();
        let text = self.text.replace("\r\n", "\n");
        if len > Self::MAX {
            return Err(DbError::Refused(format!("agreement text: {len} characters, at most {}", Self::MAX)));
        }
        if let Some(c) = text.chars().find(|c| !matches!(c, '\n' | '\t') && is_forbidden(*c)) {
            return Err(DbError::Refused(format!("agreement text: the character U+{:04X} is not allowed", c as u32)));
        }
        Ok((text, language))
    }
}

/// What publishing did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Published {
    pub version: i64,
    pub message: String,
}

pub async fn all(state: &AppState) -> Result<Agreements, AppError> {
    let history: Vec<AgreementView> =
        state.db.call(|c| agreements_admin::history(c)).await?.into_iter().map(AgreementView::from).collect();
    // History is newest first, so each language's first row is its current.
    let newest_in = |code: Option<&str>| history.iter().find(|a| a.language.as_deref() == code).cloned();
    let by_language = Language::ALL.into_iter().filter_map(|l| newest_in(Some(l.code()))).collect();
    Ok(Agreements { current: newest_in(None), by_language, history })
}

/// Publishes `input.text` as the next version in `input.language` (refused
/// when empty, unchanged, or in a language before the default exists).
pub async fn publish(state: &AppState, who: &Principal, input: AgreementInput) -> Result<Published, AppError> {
    let (text, language) = input.parse()?;
    let user = who.name().to_owned();
    let version = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let version = agreements_admin::publish_agreement(&tx, &text, language)?;
            let detail = match language {
                Some(l) => format!("version {version} in {}", l.code()),
                None => format!("version {version}"),
            };
            audit::record(&tx, &user, "agreement.publish", Some("agreement"), &detail)?;
            tx.commit()?;
            Ok(version)
        })
        .await?;
    let message = match language {
        Some(l) => format!("version {version} published in {}; kiosks show it after their next sync", l.name()),
        None => format!("version {version} published; kiosks show it after their next sync"),
    };
    Ok(Published { version, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<String, DbError> {
        Ok(AgreementInput { text: text.into(), language: None }.parse()?.0)
    }

    #[test]
    fn line_breaks_and_tabs_are_kept_and_windows_line_ends_made_plain() {
        assert_eq!(parse("Wear your badge.\r\n\tBe kind.").unwrap(), "Wear your badge.\n\tBe kind.");
    }

    #[test]
    fn hidden_characters_and_overlong_texts_are_refused_naming_the_field() {
        for bad in ["Sign \u{202E}here", "bell\u{7}", &"x".repeat(AgreementInput::MAX + 1)] {
            assert!(parse(bad).unwrap_err().to_string().starts_with("agreement text:"));
        }
    }

    #[test]
    fn a_kiosk_language_is_kept_and_any_other_code_is_refused_naming_the_field() {
        let input = |l: &str| AgreementInput { text: "Be kind.".into(), language: Some(l.into()) }.parse();
        assert_eq!(input("de").unwrap(), ("Be kind.".into(), Some(Language::De)));
        for bad in ["xx", "DE", ""] {
            assert!(input(bad).unwrap_err().to_string().starts_with("language is not valid"), "{bad:?}");
        }
    }
}
