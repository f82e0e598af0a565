//! What a badge shows: the content both the printer and the screen preview
//! are drawn from.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::token::{BadgeClaims, SiteKey};
use super::{Language, VisitorType};

/// Everything printed on a badge, already validated. The printer encoders
/// and the preview renderer take only this, so what is printed and what is
/// shown cannot differ in content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeContent {
    pub visit_id: Uuid,
    pub visitor_name: String,
    pub company: Option<String>,
    pub host_name: String,
    pub visitor_type: VisitorType,
    /// When the visitor checked in.
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
    /// When the badge stops being valid.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub site_name: String,
    /// The signed token the QR code carries.
    pub token: String,
    /// The language of the badge's words, the one the visitor chose at the
    /// kiosk. Absent in badges stored before there was a choice, which
    /// were English.
    #[serde(default)]
    pub language: Language,
}

impl BadgeContent {
    /// Builds the badge of a visit, signing its token with the site key.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        key: &SiteKey,
        visit_id: Uuid,
        visitor_name: &str,
        company: Option<&str>,
        host_name: &str,
        visitor_type: VisitorType,
        issued_at: OffsetDateTime,
        site_name: &str,
    ) -> Self {
        let expires_at = issued_at + time::Duration::minutes(visitor_type.rules().badge_minutes);
        let token = BadgeClaims { visit_id, expires_at: expires_at.unix_timestamp() }.sign(key);
        Self {
            visit_id,
            visitor_name: visitor_name.to_owned(),
            company: company.map(str::to_owned),
            host_name: host_name.to_owned(),
            visitor_type,
            issued_at,
            expires_at,
            site_name: site_name.to_owned(),
            token,
            language: Language::default(),
        }
    }

    /// The same badge with its words in `language`.
    pub fn with_language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// A fixed sample badge for tests, previews and `printer test`.
    pub fn sample(key: &SiteKey) -> Self {
        let issued = OffsetDateTime::from_unix_timestamp(1_795_000_000).expect("valid time");
        Self::new(
            key,
            Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef),
            "Ada Lovelace",
            Some("Analytical Engines Ltd"),
            "Charles Babbage",
            VisitorType::Guest,
            issued,
            "Foyer HQ",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_token_verifies_and_names_the_visit() {
        let key = SiteKey::from_bytes([1; 32]);
        let b = BadgeContent::sample(&key);
        let claims = BadgeClaims::verify(&b.token, &key, b.issued_at.unix_timestamp()).unwrap();
        assert_eq!(claims.visit_id, b.visit_id);
        assert_eq!(claims.expires_at, b.expires_at.unix_timestamp());
    }

    #[test]
    fn a_badge_stored_without_a_language_reads_back_as_english() {
        let b = BadgeContent::sample(&SiteKey::from_bytes([1; 32])).with_language(Language::Fr);
        let mut stored = serde_json::to_value(&b).unwrap();
        assert_eq!(stored["language"], "fr");
        assert_eq!(serde_json::from_value::<BadgeContent>(stored.clone()).unwrap(), b);
        stored.as_object_mut().unwrap().remove("language");
        let old: BadgeContent = serde_json::from_value(stored).unwrap();
        assert_eq!(old.language, Language::En);
        assert_eq!(old, b.with_language(Language::En));
    }

    #[test]
    fn a_badge_with_an_unknown_language_is_refused_naming_it() {
        let mut stored = serde_json::to_value(BadgeContent::sample(&SiteKey::from_bytes([1; 32]))).unwrap();
        stored["language"] = "tlh".into();
        let err = serde_json::from_value::<BadgeContent>(stored).unwrap_err().to_string();
        assert!(err.contains("\"tlh\" is not one of"), "{err}");
    }

    #[test]
    fn expiry_follows_the_visitor_type() {
        let key = SiteKey::from_bytes([1; 32]);
        let b = BadgeContent::sample(&key);
        assert_eq!((b.expires_at - b.issued_at).whole_minutes(), VisitorType::Guest.rules().badge_minutes);
    }
}
