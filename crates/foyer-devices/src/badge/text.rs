//! The words on a badge, made once from `BadgeContent` so that the native
//! printer text, the raster image and the screen preview say the same thing.

use foyer_domain::text::is_forbidden;
use foyer_domain::{BadgeContent, BadgeWords};

/// Which line of the badge a piece of text is; decides its size and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Site,
    VisitorType,
    Name,
    Company,
    Host,
    Issued,
    ValidUntil,
}

/// The lines of a badge, in print order, plus the token for the QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeText {
    /// Each line's role and its cleaned text.
    pub lines: Vec<(Role, String)>,
    /// The signed token for the QR code, unchanged.
    pub token: String,
}

impl BadgeText {
    /// Builds the badge's lines. Control and invisible formatting
    /// characters are dropped even though the domain refuses them already:
    /// `BadgeContent`'s fields are public, and a printer must never be
    /// handed an ESC because some caller skipped validation.
    /// The fixed words and the dates are in the badge's language.
    pub fn from_content(c: &BadgeContent) -> Self {
        let words = BadgeWords::of(c.language);
        let mut lines = vec![
            (Role::Site, clean(&c.site_name)),
            (Role::VisitorType, words.visitor_type(c.visitor_type).to_owned()),
            (Role::Name, clean(&c.visitor_name)),
        ];
        if let Some(company) = c.company.as_deref().map(clean).filter(|s| !s.is_empty()) {
            lines.push((Role::Company, company));
        }
        // Dates as "23 Nov 2026 16:40" in the offset the kiosk stored, with
        // the month as a word: unambiguous in every lobby, short enough for
        // 58 mm paper.
        lines.push((Role::Host, words.host_line(&clean(&c.host_name))));
        lines.push((Role::Issued, words.issued_line(c.issued_at)));
        lines.push((Role::ValidUntil, words.valid_until_line(c.expires_at)));
        lines.retain(|(_, s)| !s.is_empty());
        Self { lines, token: c.token.clone() }
    }

    /// The text of the first line with `role`, if any.
    pub fn get(&self, role: Role) -> Option<&str> {
        self.lines.iter().find(|(r, _)| *r == role).map(|(_, s)| s.as_str())
    }
}

/// Drops control and formatting characters and folds runs of white space,
/// so a hostile string cannot reach the printer as a command or break lines.
pub fn clean(raw: &str) -> String {
    let kept: String =
        raw.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).filter(|c| !is_forbidden(*c)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_domain::{Language, SiteKey};

    #[test]
    fn the_sample_badge_has_every_line_in_print_order() {
        let t = BadgeText::from_content(&BadgeContent::sample(&SiteKey::from_bytes([1; 32])));
        let roles: Vec<Role> = t.lines.iter().map(|(r, _)| *r).collect();
        use Role::*;
        assert_eq!(roles, [Site, VisitorType, Name, Company, Host, Issued, ValidUntil]);
        assert_eq!(t.get(Name), Some("Ada Lovelace"));
        assert_eq!(t.get(Host), Some("Host: Charles Babbage"));
        assert!(t.get(Issued).unwrap().starts_with("Issued ") && t.get(Issued).unwrap().contains("2026"));
    }

    #[test]
    fn control_characters_are_dropped_and_whitespace_folded() {
        assert_eq!(clean("\u{1b}@Eve\u{1d}V\u{0}  \n Smith\u{10}\u{4}\u{1}"), "@EveV Smith");
        assert_eq!(clean("a\u{202E}b"), "ab");
    }

    #[test]
    fn a_german_badge_has_german_words_and_a_german_month() {
        let c = BadgeContent::sample(&SiteKey::from_bytes([1; 32])).with_language(Language::De);
        let t = BadgeText::from_content(&c);
        assert_eq!(t.get(Role::VisitorType), Some("GAST"));
        assert_eq!(t.get(Role::Host), Some("Gastgeber: Charles Babbage"));
        let issued = t.get(Role::Issued).unwrap();
        assert!(issued.starts_with("Ausgestellt ") && issued.contains(". Nov 2026 "), "{issued}");
        assert!(t.get(Role::ValidUntil).unwrap().starts_with("Gültig bis "));
    }

    #[test]
    fn a_blank_company_is_left_out() {
        let mut c = BadgeContent::sample(&SiteKey::from_bytes([1; 32]));
        c.company = Some(" \u{7} ".into());
        assert_eq!(BadgeText::from_content(&c).get(Role::Company), None);
    }
}
