//! The one error type for input that fails the domain's rules.

use std::fmt;

/// Why a piece of input was refused. Every variant names the field so the
/// message can be shown to whoever typed it (a visitor, an admin, a CSV row).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// A required field was empty or only white space.
    #[error("{field} is required")]
    Empty { field: &'static str },
    /// A field was longer than its limit (counted in characters).
    #[error("{field} is too long: {len} characters, at most {max}")]
    TooLong { field: &'static str, len: usize, max: usize },
    /// A field held a character that is never allowed (control, bidi override …).
    #[error("{field} contains a character that is not allowed ({})", describe_char(*.ch))]
    ForbiddenChar { field: &'static str, ch: char },
    /// A field had the wrong shape (an email without @, a malformed token …).
    #[error("{field} is not valid: {reason}")]
    Invalid { field: &'static str, reason: String },
}

impl ValidationError {
    /// The field this error is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Empty { field }
            | Self::TooLong { field, .. }
            | Self::ForbiddenChar { field, .. }
            | Self::Invalid { field, .. } => field,
        }
    }

    pub fn invalid(field: &'static str, reason: impl fmt::Display) -> Self {
        Self::Invalid { field, reason: reason.to_string() }
    }
}

fn describe_char(ch: char) -> String {
    format!("U+{:04X}", ch as u32)
}
