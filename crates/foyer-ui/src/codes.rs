//! Turns domain errors into the codes the UI shows in the visitor's
//! language (ui/messages.slint), and edits text the way keys do.

use foyer_domain::ValidationError;

/// The UI code of a field error.
pub fn field_error(e: &ValidationError) -> &'static str {
    match e {
        ValidationError::Empty { .. } => "required",
        ValidationError::TooLong { .. } => "too-long",
        ValidationError::ForbiddenChar { .. } => "bad-char",
        ValidationError::Invalid { .. } => "invalid",
    }
}

/// The text without its last character (the on-screen backspace).
pub fn erase_last(text: &str) -> String {
    let mut s = text.to_owned();
    s.pop();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_one_whole_character() {
        assert_eq!(erase_last("Zoë"), "Zo");
        assert_eq!(erase_last(""), "");
    }

    #[test]
    fn each_validation_error_has_a_code() {
        assert_eq!(field_error(&ValidationError::Empty { field: "name" }), "required");
        assert_eq!(field_error(&ValidationError::invalid("email", "x")), "invalid");
    }
}
