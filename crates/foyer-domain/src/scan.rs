//! What a scanned or typed code is: a badge (check-out) or an invitation
//! (check-in). Shared by the serial scanner and the keyboard-wedge input.

use super::invitation::InvitationCode;
use super::token::looks_like_token;
use super::ValidationError;

/// A scan, classified by its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScannedCode {
    /// A badge token: check the visitor out (signature checked later).
    Badge(String),
    /// An invitation code: check the visitor in.
    Invitation(InvitationCode),
}

impl ScannedCode {
    /// Classifies a scanned line. Anything that is neither a token nor an
    /// invitation code is an error that says so.
    pub fn classify(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::Empty { field: "scanned code" });
        }
        if looks_like_token(s) {
            return Ok(Self::Badge(s.to_owned()));
        }
        InvitationCode::parse(s)
            .map(Self::Invitation)
            .map_err(|_| ValidationError::invalid("scanned code", "it is neither a Foyer badge nor an invitation code"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_codes_are_told_apart() {
        assert!(matches!(ScannedCode::classify("FB1.ABC"), Ok(ScannedCode::Badge(_))));
        assert!(matches!(ScannedCode::classify("K7M2-QX9P\r"), Ok(ScannedCode::Invitation(_))));
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        let err = ScannedCode::classify("https://example.org").unwrap_err();
        assert!(err.to_string().contains("neither"));
        assert!(ScannedCode::classify("  ").is_err());
    }
}
