//! Random bearer secrets (kiosk tokens, API tokens, session ids) and their
//! stored form. Only a SHA-256 of a secret is stored: it is 256 random bits,
//! so a fast hash cannot be brute-forced, and a slow password hash would
//! only slow every request down.

use sha2::{Digest, Sha256};

use foyer_domain::Secret;

/// A fresh secret: `prefix` and 43 base64url characters (256 bits).
pub fn random(prefix: &str) -> Secret {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system has no random source");
    Secret::new(format!("{prefix}{}", data_encoding::BASE64URL_NOPAD.encode(&bytes)))
}

/// The stored form of a secret.
pub fn hash(secret: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_secrets_differ_and_keep_their_prefix() {
        let (a, b) = (random("fyu_"), random("fyu_"));
        assert_ne!(a, b);
        assert!(a.expose().starts_with("fyu_") && a.expose().len() == 47);
        assert_eq!(hash(a.expose()).len(), 64);
    }
}
