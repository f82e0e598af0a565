//! Hosts: the employees visitors come to see.

use serde::{Deserialize, Serialize};

use super::text::{clean_optional, clean_text};
use super::visitor::{Email, Phone};
use super::ValidationError;

/// A validated host record, as imported from the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHost {
    pub name: String,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub department: Option<String>,
}

impl NewHost {
    /// Validates one directory entry; errors name the field.
    pub fn parse(
        name: &str,
        email: Option<&str>,
        phone: Option<&str>,
        department: Option<&str>,
    ) -> Result<Self, ValidationError> {
        let name = clean_text("host name", name, 80)?;
        let email = match email.map(str::trim).filter(|s| !s.is_empty()) {
            Some(e) => Some(Email::parse(e)?),
            None => None,
        };
        let phone = match phone.map(str::trim).filter(|s| !s.is_empty()) {
            Some(p) => Some(Phone::parse(p)?),
            None => None,
        };
        Ok(Self { name, email, phone, department: clean_optional("department", department, 80)? })
    }
}

/// How a host wants to hear that a visitor arrived.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifyPrefs {
    /// Send an email to the host's address.
    pub email: bool,
    /// A chat webhook (Slack, Teams or generic) for this host.
    pub webhook_url: Option<String>,
}

/// A host as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Host {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub department: Option<String>,
    pub notify: NotifyPrefs,
    pub active: bool,
}

/// Host names closest to a query, best first, for "did you mean …".
pub fn suggest<'a>(query: &str, names: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<&'a str> {
    let q = super::screening::fold_name(query);
    let mut scored: Vec<(f64, &str)> = names
        .into_iter()
        .map(|n| {
            let f = super::screening::fold_name(n);
            let mut score = strsim::jaro_winkler(&q, &f);
            // A query that is a word of the name ("babbage") is a strong hint.
            if f.split(' ').any(|w| w == q) || f.contains(&q) {
                score = score.max(0.95);
            }
            // A misspelt word of the name ("hoper") ranks just below an
            // exact one; a single word is held to a stricter likeness.
            if !q.contains(' ') {
                let word = f.split(' ').map(|w| strsim::jaro_winkler(&q, w)).fold(0.0, f64::max);
                if word >= 0.88 {
                    score = score.max(word.min(0.94));
                }
            }
            (score, n)
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(max).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_row_is_validated_field_by_field() {
        let h = NewHost::parse(" Grace Hopper ", Some("grace@example.org"), None, Some("")).unwrap();
        assert_eq!(h.name, "Grace Hopper");
        assert_eq!(h.department, None);
        let err = NewHost::parse("Grace", Some("not-an-email"), None, None).unwrap_err();
        assert_eq!(err.field(), "email");
    }

    #[test]
    fn suggestions_find_close_names() {
        let names = ["Charles Babbage", "Grace Hopper", "Alan Turing"];
        assert_eq!(suggest("Charles Babage", names, 3), vec!["Charles Babbage"]);
        assert_eq!(suggest("hopper", names, 3), vec!["Grace Hopper"]);
        assert_eq!(suggest("hoper", names, 3), vec!["Grace Hopper"], "a misspelt surname");
        assert_eq!(suggest("babage", names, 3), vec!["Charles Babbage"]);
        assert!(suggest("Zzyzx", names, 3).is_empty());
    }
}
