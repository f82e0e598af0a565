//! Signed badge tokens: what the badge QR code carries.
//!
//! A token names a visit and its expiry and is signed with the site's
//! HMAC-SHA256 key, so any kiosk of the site can verify a badge offline.
//! Format: `FB1.` followed by unpadded RFC 4648 base32 of
//! `visit id (16 bytes) ‖ expiry (u32 unix seconds, big-endian) ‖ tag (16 bytes)`,
//! 62 characters, all in the QR alphanumeric set, so it fits a version 4
//! code at error correction M (capacity 90 alphanumeric characters).

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use time::OffsetDateTime;
use uuid::Uuid;

/// The prefix that tells a badge token from an invitation code.
pub const TOKEN_PREFIX: &str = "FB1.";
const TAG_LEN: usize = 16;
const BODY_LEN: usize = 16 + 4;
/// Length of an encoded token in characters.
pub const TOKEN_LEN: usize = 62;

/// The site's signing key. Its `Debug` never shows the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct SiteKey([u8; 32]);

impl SiteKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A fresh random key from the operating system.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the operating system has no random source");
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes any key length")
    }
}

impl std::fmt::Debug for SiteKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SiteKey(<hidden>)")
    }
}

/// What a verified token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadgeClaims {
    pub visit_id: Uuid,
    /// Unix seconds after which the badge is no longer valid.
    pub expires_at: i64,
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("not a badge token: {0}")]
    Malformed(&'static str),
    #[error("the badge token's signature does not match (altered, or from another site)")]
    BadSignature,
    #[error("the badge expired at {}", fmt_unix(*expired_at))]
    Expired { expired_at: i64 },
}

fn fmt_unix(secs: i64) -> String {
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| secs.to_string())
}

impl BadgeClaims {
    /// Signs the claims into a token string.
    pub fn sign(&self, key: &SiteKey) -> String {
        let body = self.body();
        let mut mac = key.mac();
        mac.update(TOKEN_PREFIX.as_bytes());
        mac.update(&body);
        let tag = mac.finalize().into_bytes();
        let mut raw = Vec::with_capacity(BODY_LEN + TAG_LEN);
        raw.extend_from_slice(&body);
        raw.extend_from_slice(&tag[..TAG_LEN]);
        let mut out = String::with_capacity(TOKEN_LEN);
        out.push_str(TOKEN_PREFIX);
        out.push_str(&BASE32_NOPAD.encode(&raw));
        out
    }

    fn body(&self) -> [u8; BODY_LEN] {
        let mut body = [0u8; BODY_LEN];
        body[..16].copy_from_slice(self.visit_id.as_bytes());
        // Expiry is stored as u32: valid until 2106, and clamped rather than wrapped.
        let exp = self.expires_at.clamp(0, u32::MAX as i64) as u32;
        body[16..].copy_from_slice(&exp.to_be_bytes());
        body
    }

    /// Verifies a token: shape, signature (constant time), then expiry
    /// against `now` (unix seconds).
    pub fn verify(token: &str, key: &SiteKey, now: i64) -> Result<Self, TokenError> {
        let claims = Self::verify_signature(token, key)?;
        if now >= claims.expires_at {
            return Err(TokenError::Expired { expired_at: claims.expires_at });
        }
        Ok(claims)
    }

    /// Verifies shape and signature only; used where an expired badge must
    /// still be recognised (checking out after the badge ran out).
    pub fn verify_signature(token: &str, key: &SiteKey) -> Result<Self, TokenError> {
        let token = token.trim();
        let encoded = token.strip_prefix(TOKEN_PREFIX).ok_or(TokenError::Malformed("it does not start with FB1."))?;
        if token.len() != TOKEN_LEN {
            return Err(TokenError::Malformed("wrong length"));
        }
        let raw = BASE32_NOPAD.decode(encoded.as_bytes()).map_err(|_| TokenError::Malformed("not base32"))?;
        let (body, tag) = raw.split_at(BODY_LEN);
        let mut mac = key.mac();
        mac.update(TOKEN_PREFIX.as_bytes());
        mac.update(body);
        mac.verify_truncated_left(tag).map_err(|_| TokenError::BadSignature)?;
        let visit_id = Uuid::from_slice(&body[..16]).map_err(|_| TokenError::Malformed("bad visit id"))?;
        let exp = u32::from_be_bytes(body[16..20].try_into().expect("4 bytes"));
        Ok(Self { visit_id, expires_at: exp as i64 })
    }
}

/// Whether a scanned string looks like a badge token (as opposed to an
/// invitation code); no signature check.
pub fn looks_like_token(s: &str) -> bool {
    s.trim().starts_with(TOKEN_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SiteKey {
        SiteKey::from_bytes([7; 32])
    }

    fn claims() -> BadgeClaims {
        BadgeClaims { visit_id: Uuid::from_u128(0x1234_5678_9abc_def0_1122_3344_5566_7788), expires_at: 2_000_000_000 }
    }

    #[test]
    fn a_signed_token_verifies_to_the_same_claims() {
        let t = claims().sign(&key());
        assert_eq!(t.len(), TOKEN_LEN);
        assert_eq!(BadgeClaims::verify(&t, &key(), 1_900_000_000), Ok(claims()));
    }

    #[test]
    fn every_character_is_in_the_qr_alphanumeric_set() {
        let t = claims().sign(&key());
        assert!(t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || " $%*+-./:".contains(c)));
    }

    #[test]
    fn changing_any_character_is_rejected() {
        let t = claims().sign(&key());
        for i in TOKEN_PREFIX.len()..t.len() {
            let mut bytes = t.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let altered = String::from_utf8(bytes).unwrap();
            assert!(BadgeClaims::verify(&altered, &key(), 0).is_err(), "position {i}");
        }
    }

    #[test]
    fn a_token_from_another_key_is_rejected() {
        let t = claims().sign(&SiteKey::from_bytes([8; 32]));
        assert_eq!(BadgeClaims::verify(&t, &key(), 0), Err(TokenError::BadSignature));
    }

    #[test]
    fn an_expired_token_is_rejected_at_and_after_expiry() {
        let t = claims().sign(&key());
        assert!(matches!(BadgeClaims::verify(&t, &key(), 2_000_000_000), Err(TokenError::Expired { .. })));
        assert!(BadgeClaims::verify(&t, &key(), 1_999_999_999).is_ok());
    }

    #[test]
    fn truncated_and_foreign_strings_are_malformed() {
        let t = claims().sign(&key());
        for s in [&t[..40], "FB1.", "hello", "", "FB1.!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"] {
            assert!(matches!(BadgeClaims::verify(s, &key(), 0), Err(TokenError::Malformed(_))), "{s}");
        }
    }

    #[test]
    fn the_key_is_not_printed_by_debug() {
        assert_eq!(format!("{:?}", key()), "SiteKey(<hidden>)");
    }
}
