//! Invitation codes: short, typeable, unambiguous.

use super::ValidationError;

/// Crockford's base32 alphabet: no I, L, O, U, so a code read aloud or typed
/// from an email is hard to get wrong.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code (40 bits of randomness).
pub const CODE_LEN: usize = 8;

/// An invitation code such as `K7M2QX9P` (shown as `K7M2-QX9P`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InvitationCode(String);

impl InvitationCode {
    /// A fresh random code.
    pub fn generate() -> Self {
        let mut bytes = [0u8; CODE_LEN];
        getrandom::fill(&mut bytes).expect("the operating system has no random source");
        Self(bytes.iter().map(|b| ALPHABET[(*b & 31) as usize] as char).collect())
    }

    /// Parses a typed or scanned code: case-insensitive, dashes and spaces
    /// ignored, and the look-alikes O→0, I/L→1 mapped as Crockford says.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let mut code = String::with_capacity(CODE_LEN);
        for c in raw.trim().chars().filter(|c| !matches!(c, '-' | ' ')) {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(ValidationError::invalid("invitation code", format!("{c:?} is not a code character")));
            }
            code.push(c);
        }
        if code.len() != CODE_LEN {
            return Err(ValidationError::invalid(
                "invitation code",
                format!("it has {} characters, expected {CODE_LEN}", code.len()),
            ));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code grouped for people: `K7M2-QX9P`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_back() {
        for _ in 0..100 {
            let c = InvitationCode::generate();
            assert_eq!(InvitationCode::parse(&c.display()), Ok(c));
        }
    }

    #[test]
    fn look_alikes_and_case_are_forgiven() {
        assert_eq!(InvitationCode::parse("k7m2-qx9o").unwrap().as_str(), "K7M2QX90");
        assert_eq!(InvitationCode::parse("ilil ilil").unwrap().as_str(), "11111111");
    }

    #[test]
    fn wrong_length_and_characters_are_refused() {
        assert!(InvitationCode::parse("K7M2").is_err());
        assert!(InvitationCode::parse("K7M2QX9PP").is_err());
        assert!(InvitationCode::parse("K7M2QX9U").is_err());
        assert!(InvitationCode::parse("K7M2QX9é").is_err());
    }
}
