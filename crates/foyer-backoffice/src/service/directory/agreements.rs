//! The visitor agreement's versions, shared by the console's page and the
//! JSON API. Publishing adds a version (old ones never change: visits name
//! the version they accepted); kiosks show it after their next sync.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::db::agreements_admin::{self, AgreementRow};
use crate::db::{audit, directory, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::text::is_forbidden;

/// One published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AgreementView {
    pub version: i64,
    pub text: String,
    /// Unix seconds.
    pub published_at: i64,
}

impl From<AgreementRow> for AgreementView {
    fn from(a: AgreementRow) -> Self {
        Self { version: a.version, text: a.text, published_at: a.created_at }
    }
}

/// Every version, newest first; the first is the one kiosks show.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Agreements {
    pub current: Option<AgreementView>,
    pub history: Vec<AgreementView>,
}

/// A new version's text.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AgreementInput {
    /// Up to 20,000 characters; line breaks and tabs, but no other control
    /// or invisible character.
    #[schema(schema_with = crate::schema_rules::agreement_text)]
    pub text: String,
}

impl AgreementInput {
    /// The longest text accepted, in characters (a kiosk screen of reading).
    pub const MAX: usize = 20_000;

    /// The text with Windows line ends made plain, refused when too long or
    /// when it holds an invisible or control character other than a line
    /// break or tab (a bidi override could make the kiosk show other words).
    fn parse(&self) -> Result<String, DbError> {
        // Counted as sent, so the limit is the one the API document states.
        let len = self.text.chars().count();
        let text = self.text.replace("\r\n", "\n");
        if len > Self::MAX {
            return Err(DbError::Refused(format!("agreement text: {len} characters, at most {}", Self::MAX)));
        }
        if let Some(c) = text.chars().find(|c| !matches!(c, '\n' | '\t') && is_forbidden(*c)) {
            return Err(DbError::Refused(format!("agreement text: the character U+{:04X} is not allowed", c as u32)));
        }
        Ok(text)
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
    Ok(Agreements { current: history.first().cloned(), history })
}

/// Publishes `input.text` as the next version (refused when empty or unchanged).
pub async fn publish(state: &AppState, who: &Principal, input: AgreementInput) -> Result<Published, AppError> {
    let text = input.parse()?;
    let user = who.name().to_owned();
    let version = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let version = directory::publish_agreement(&tx, &text)?;
            audit::record(&tx, &user, "agreement.publish", Some("agreement"), &format!("version {version}"))?;
            tx.commit()?;
            Ok(version)
        })
        .await?;
    let message = format!("version {version} published; kiosks show it after their next sync");
    Ok(Published { version, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<String, DbError> {
        AgreementInput { text: text.into() }.parse()
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
}
