//! Validated details of a visitor, as typed at the kiosk or the desk.

use serde::{Deserialize, Serialize};

use super::text::{clean_optional, clean_text};
use super::ValidationError;

/// A visitor's name: trimmed, NFC, 1–80 characters, no control or bidi
/// characters. Any script is allowed; the badge falls back to raster when
/// the printer's code page cannot show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VisitorName(String);

impl VisitorName {
    /// The longest name accepted, in characters.
    pub const MAX: usize = 80;

    /// Validates a name typed by a person.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = clean_text("name", raw, Self::MAX)?;
        if !name.chars().any(char::is_alphanumeric) {
            return Err(ValidationError::invalid("name", "it must contain a letter"));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for VisitorName {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<VisitorName> for String {
    fn from(n: VisitorName) -> String {
        n.0
    }
}

impl std::fmt::Display for VisitorName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Optional contact and company details of a visitor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorDetails {
    pub company: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
}

impl VisitorDetails {
    /// Validates the optional fields; blank ones become `None`.
    pub fn parse(company: Option<&str>, email: Option<&str>, phone: Option<&str>) -> Result<Self, ValidationError> {
        Ok(Self {
            company: parse_company(company)?,
            email: match email.map(str::trim).filter(|s| !s.is_empty()) {
                Some(e) => Some(Email::parse(e)?),
                None => None,
            },
            phone: match phone.map(str::trim).filter(|s| !s.is_empty()) {
                Some(p) => Some(Phone::parse(p)?),
                None => None,
            },
        })
    }
}

/// A company name: same rules as a visitor name, optional.
pub fn parse_company(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    clean_optional("company", raw, 80)
}

/// An email address, checked for shape only (local@domain.tld); delivery is
/// the proof that it exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = clean_text("email", raw, 254)?;
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(ValidationError::invalid("email", "it needs an @"));
        };
        if local.is_empty() || local.len() > 64 {
            return Err(ValidationError::invalid("email", "the part before @ is empty or too long"));
        }
        let domain_ok =
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains("..");
        if !domain_ok {
            return Err(ValidationError::invalid("email", "the part after @ is not a domain"));
        }
        if s.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"')) {
            return Err(ValidationError::invalid(
                "email",
                "it contains spaces or punctuation that addresses cannot have",
            ));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}
impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// A phone number: digits with the usual separators, an optional leading +,
/// 6–20 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = clean_text("phone", raw, 32)?;
        let body = s.strip_prefix('+').unwrap_or(&s);
        if let Some(c) = body.chars().find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | '/')))
        {
            return Err(ValidationError::invalid("phone", format!("{c:?} is not a digit or separator")));
        }
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if !(6..=20).contains(&digits) {
            return Err(ValidationError::invalid("phone", format!("it has {digits} digits, expected 6 to 20")));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}
impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_name_is_accepted_and_trimmed() {
        assert_eq!(VisitorName::parse("  Ada Lovelace ").unwrap().as_str(), "Ada Lovelace");
    }

    #[test]
    fn empty_and_whitespace_names_are_refused() {
        for raw in ["", "   ", "\t\n"] {
            assert_eq!(VisitorName::parse(raw), Err(ValidationError::Empty { field: "name" }));
        }
    }

    #[test]
    fn a_ten_thousand_character_name_is_refused() {
        let err = VisitorName::parse(&"a".repeat(10_000)).unwrap_err();
        assert_eq!(err.field(), "name");
        assert!(err.to_string().contains("too long"));
    }

    #[test]
    fn eighty_characters_pass_and_eighty_one_do_not() {
        assert!(VisitorName::parse(&"й".repeat(80)).is_ok());
        assert!(VisitorName::parse(&"й".repeat(81)).is_err());
    }

    #[test]
    fn right_to_left_and_emoji_names_are_kept() {
        assert_eq!(VisitorName::parse("سارة").unwrap().as_str(), "سارة");
        assert_eq!(VisitorName::parse("Kim 🙂").unwrap().as_str(), "Kim 🙂");
    }

    #[test]
    fn a_name_of_only_emoji_or_punctuation_is_refused() {
        assert!(VisitorName::parse("🙂🙂").is_err());
        assert!(VisitorName::parse("--").is_err());
    }

    #[test]
    fn control_and_override_characters_are_refused() {
        assert!(VisitorName::parse("Bob\u{1b}@").is_err());
        assert!(VisitorName::parse("\u{202E}evil").is_err());
    }

    #[test]
    fn emails_are_checked_for_shape() {
        assert!(Email::parse("ada@example.org").is_ok());
        for bad in ["ada", "@example.org", "ada@", "ada@example", "a b@example.org", "a@.org"] {
            let err = Email::parse(bad).unwrap_err();
            assert_eq!(err.field(), "email", "{bad}");
        }
    }

    #[test]
    fn phones_allow_separators_but_not_letters() {
        assert!(Phone::parse("+44 (0)20 7946-0958").is_ok());
        assert!(Phone::parse("12345").is_err());
        assert!(Phone::parse("call me").is_err());
    }

    #[test]
    fn blank_optional_details_become_none() {
        let d = VisitorDetails::parse(Some(" "), Some(""), None).unwrap();
        assert_eq!(d, VisitorDetails::default());
    }
}
