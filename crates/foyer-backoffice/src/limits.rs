//! How much a caller may send: anything a caller controls is capped before
//! it is read into memory or stored. The API's body layer, the event batch
//! check and the console guard's form read all take their caps from here,
//! so one number cannot drift apart from another.

/// The largest request body accepted (an event batch of a few hundred).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The most events one batch may carry.
pub const MAX_BATCH_EVENTS: usize = 1000;
/// The most a login form may hold: a name, a password and two tokens.
pub const MAX_LOGIN_FORM_BYTES: usize = 4 * 1024;
/// The longest user name kept in the audit log or a log line.
pub const MAX_LOGGED_NAME_CHARS: usize = 80;
/// The longest audit target (a user, visit, host or file name) kept.
pub const MAX_LOGGED_TARGET_CHARS: usize = 200;
/// The longest free-text detail kept in the audit log.
pub const MAX_LOGGED_DETAIL_CHARS: usize = 1000;

/// `text` cut to `max` characters, marked as cut so a reader knows it was
/// longer (and by how much), for anything a caller typed that is stored or
/// logged.
pub fn capped(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some((end, _)) => format!("{}… [cut: {} characters in all]", &text[..end], text.chars().count()).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_character_boundary_and_says_so() {
        assert_eq!(capped("rita", 80), "rita");
        let long = "é".repeat(100);
        let cut = capped(&long, MAX_LOGGED_NAME_CHARS);
        assert!(cut.starts_with(&"é".repeat(80)) && !cut.starts_with(&"é".repeat(81)), "{cut}");
        assert!(cut.ends_with("… [cut: 100 characters in all]"), "{cut}");
        assert_eq!(capped(&"a".repeat(80), 80), "a".repeat(80));
    }
}
