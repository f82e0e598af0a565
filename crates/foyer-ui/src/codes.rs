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

/// The UI code of a field's error (empty: none) and, for a field that is
/// too long, its limit in characters (else 0), so the visitor is told
/// "at most 80 characters" rather than only "too long".
pub fn field_error_with_limit(r: Result<(), ValidationError>) -> (slint::SharedString, i32) {
    match r {
        Ok(()) => ("".into(), 0),
        Err(ValidationError::TooLong { max, .. }) => ("too-long".into(), i32::try_from(max).unwrap_or(i32::MAX)),
        Err(e) => (field_error(&e).into(), 0),
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
    fn a_too_long_field_carries_its_limit() {
        let err = ValidationError::TooLong { field: "name", len: 81, max: 80 };
        assert_eq!(field_error_with_limit(Err(err)), ("too-long".into(), 80));
        assert_eq!(field_error_with_limit(Err(ValidationError::Empty { field: "name" })), ("required".into(), 0));
        assert_eq!(field_error_with_limit(Ok(())), ("".into(), 0));
    }

    #[test]
    fn each_validation_error_has_a_code() {
        assert_eq!(field_error(&ValidationError::Empty { field: "name" }), "required");
        assert_eq!(field_error(&ValidationError::invalid("email", "x")), "invalid");
    }
}
