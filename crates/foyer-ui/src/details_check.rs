//! The details page's check when the visitor continues: each field by its
//! domain type, then the name and company, which the badge prints, for
//! characters no font on this kiosk can draw. Such a name is refused here,
//! where the visitor can still retype it, rather than printed as boxes.

use slint::{ComponentHandle, SharedString};

use super::codes::field_error_with_limit;
use super::context::UiContext;
use super::{AppWindow, CheckInAdapter};
use foyer_domain::visitor::{parse_company, Email, Phone};
use foyer_domain::{ValidationError, VisitorName};

/// A field's error code (empty: none), its limit when too long, and the
/// characters the badge cannot draw when the code is "unprintable".
#[derive(Debug, PartialEq)]
struct FieldCheck {
    code: SharedString,
    max: i32,
    missing: SharedString,
}

/// Checks a printed field: the domain's verdict first; a value it accepts
/// is then looked up in the badge's fonts (cached after the first lookup
/// of a character, and the font list is read at start-up: fast enough
/// for the UI thread).
fn printed_field(parsed: Result<Option<String>, ValidationError>) -> FieldCheck {
    let printed = match parsed {
        Ok(value) => value,
        Err(e) => {
            let (code, max) = field_error_with_limit(Err(e));
            return FieldCheck { code, max, missing: "".into() };
        }
    };
    let missing = printed.as_deref().map(foyer_devices::badge::missing_glyphs).unwrap_or_default();
    if missing.is_empty() {
        return FieldCheck { code: "".into(), max: 0, missing: "".into() };
    }
    // Spaced, so the visitor can tell the characters apart.
    let listed: Vec<String> = missing.iter().map(char::to_string).collect();
    FieldCheck { code: "unprintable".into(), max: 0, missing: listed.join(" ").into() }
}

/// Validates the typed details; sets an error code under each bad field.
pub fn validate_details(w: &AppWindow, c: &UiContext) -> bool {
    let ci = w.global::<CheckInAdapter>();
    let (name, company, email, phone) = (ci.get_name(), ci.get_company(), ci.get_email(), ci.get_phone());
    let checked = printed_field(VisitorName::parse(&name).map(|n| Some(String::from(n))));
    ci.set_name_error(checked.code);
    ci.set_name_max(checked.max);
    ci.set_name_missing(checked.missing);
    let checked = printed_field(parse_company(Some(&company)));
    ci.set_company_error(checked.code);
    ci.set_company_max(checked.max);
    ci.set_company_missing(checked.missing);
    let (code, max) =
        field_error_with_limit(if email.trim().is_empty() { Ok(()) } else { Email::parse(&email).map(drop) });
    ci.set_email_error(code);
    ci.set_email_max(max);
    let (code, max) =
        field_error_with_limit(if phone.trim().is_empty() { Ok(()) } else { Phone::parse(&phone).map(drop) });
    ci.set_phone_error(code);
    ci.set_phone_max(max);
    let contact_missing = c.draft.borrow().visitor_type.is_some_and(|t| t.rules().contact_required)
        && email.trim().is_empty()
        && phone.trim().is_empty();
    if contact_missing {
        ci.set_email_error("contact-required".into());
    }
    [ci.get_name_error(), ci.get_company_error(), ci.get_email_error(), ci.get_phone_error()]
        .iter()
        .all(|e| e.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_name_passes_and_no_company_needs_no_font() {
        let ok = FieldCheck { code: "".into(), max: 0, missing: "".into() };
        assert_eq!(printed_field(Ok(Some("Zoë Ångström".into()))), ok);
        assert_eq!(printed_field(Ok(None)), ok);
    }

    #[test]
    fn characters_no_font_draws_are_named_once_each_spaced() {
        let checked = printed_field(Ok(Some("Ada \u{10FFFD}\u{10FFFC}\u{10FFFD}".into())));
        assert_eq!(checked.code, "unprintable");
        assert_eq!(checked.missing, "\u{10FFFD} \u{10FFFC}");
    }

    #[test]
    fn the_domain_error_comes_first_with_its_limit() {
        let too_long = Err(ValidationError::TooLong { field: "name", len: 81, max: 80 });
        assert_eq!(printed_field(too_long), FieldCheck { code: "too-long".into(), max: 80, missing: "".into() });
    }
}
