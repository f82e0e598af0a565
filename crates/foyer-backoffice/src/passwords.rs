//! Passwords the back office makes up for a new user or a reset, shown once
//! to the admin who hands them over. Readable rather than dense: people type
//! them, so the alphabet leaves out letters that look alike (i, l, o, u).

use super::db::users::MIN_PASSWORD_CHARS;
use foyer_domain::Secret;

/// 32 symbols, so one random byte masked to 5 bits picks one without bias.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// Groups of five, separated by '-': four groups are 100 random bits.
const GROUPS: usize = 4;
const GROUP_LEN: usize = 5;

/// A fresh random password such as `k7m2q-9xr4t-ab3cd-ef5gh` (100 bits).
pub fn generate() -> Secret {
    let mut bytes = [0u8; GROUPS * GROUP_LEN];
    getrandom::fill(&mut bytes).expect("the operating system has no random source");
    let groups: Vec<String> = bytes
        .chunks(GROUP_LEN)
        .map(|chunk| chunk.iter().map(|b| char::from(ALPHABET[usize::from(b & 31)])).collect())
        .collect();
    let password = groups.join("-");
    debug_assert!(password.chars().count() >= MIN_PASSWORD_CHARS);
    Secret::new(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_password_is_four_groups_of_five_unambiguous_symbols() {
        let p = generate();
        let groups: Vec<&str> = p.expose().split('-').collect();
        assert_eq!(groups.len(), 4);
        for g in groups {
            assert_eq!(g.len(), 5);
            assert!(g.bytes().all(|b| ALPHABET.contains(&b)), "{g}");
        }
        assert!(!p.expose().contains(['i', 'l', 'o', 'u']));
    }

    #[test]
    fn two_generated_passwords_differ_and_are_long_enough_to_be_accepted() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(crate::db::users::hash_password(a.expose()).is_ok());
    }
}
