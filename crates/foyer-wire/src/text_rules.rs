//! The rules of the kiosk's text fields (`foyer_domain::text`) as JSON
//! Schema patterns, for the OpenAPI document: the event data here and the
//! back office's request bodies. A pattern states what the domain type
//! accepts, so a fuzzer's "valid" value is one the server takes and its
//! "invalid" one is refused. (The one rule a pattern cannot state exactly:
//! a length counted after NFC normalisation.)

use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

/// What `foyer_domain::text::is_forbidden` refuses, as a regex class body:
/// controls, bidi and zero-width format characters, private use.
pub const FORBIDDEN: &str = r"\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ue000-\uf8ff";
/// What Rust's `str::trim` takes off (Unicode White_Space).
pub const SPACE: &str = r"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// Trimmed text of 1 to `max` characters that never holds one of `bad`:
/// white space around it (what `str::trim` takes off) is allowed, and the
/// length is counted without it, as the domain counts it.
pub fn trimmed(bad: &str, max: usize) -> String {
    let (edge, inside) = (format!("[^{bad}{SPACE}]"), format!("[^{bad}]"));
    let inner = max.saturating_sub(2);
    format!("[{SPACE}]*{edge}(?:{inside}{{0,{inner}}}{edge})?[{SPACE}]*")
}

/// Free text as `clean_text` takes it: trimmed, something left, at most
/// `max` characters, nothing forbidden inside.
fn text_pattern(needs_alphanumeric: bool, max: usize) -> String {
    let letter = if needs_alphanumeric { r"(?=[\s\S]*[^\W_])" } else { "" };
    format!("^{letter}{}$", trimmed(FORBIDDEN, max))
}

/// A string matching `pattern`, of at most `max` characters.
pub fn string(pattern: String, max: usize) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).max_length(Some(max))
}

fn text_string(pattern: String) -> Object {
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).build()
}

/// A required free-text field of at most `max` characters.
pub fn free_text(max: usize) -> Object {
    text_string(text_pattern(false, max))
}

/// A required name: free text with at least one letter or digit.
pub fn name(max: usize) -> Object {
    text_string(text_pattern(true, max))
}

/// An optional free-text field: absent, null, empty or white space is none.
pub fn optional_text(max: usize) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^(?:[{SPACE}]*|{})$", trimmed(FORBIDDEN, max))))
        .build()
}

/// An optional email address (`foyer_domain::visitor::Email`): its shape
/// only, local@domain.tld; empty or white space is none.
pub fn optional_email() -> Object {
    let bad = format!("{FORBIDDEN}{SPACE}<>,;\"");
    let email = format!("[^{bad}]{{1,64}}@[^{bad}@.]+(?:\\.[^{bad}@.]+)+");
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^[{SPACE}]*(?:(?=[^{SPACE}]{{1,254}}[{SPACE}]*$){email})?[{SPACE}]*$")))
        .build()
}

/// An optional phone number (`Phone`): an optional `+`, then 6–20 digits
/// with spaces, `-`, `(`, `)`, `.` or `/` between them.
pub fn optional_phone() -> Object {
    let phone = r"\+?(?:[ ()./-]*[0-9]){6,20}[ ()./-]*";
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^[{SPACE}]*(?:(?=[0-9+()./ -]{{1,32}}[{SPACE}]*$){phone})?[{SPACE}]*$")))
        .build()
}

/// Event text (`event_shape`'s `text`): not blank, and no forbidden
/// character anywhere, white space around it included.
pub fn event_text(max: usize) -> Object {
    string(format!(r"^(?=[\s\S]*[^{SPACE}])[^{FORBIDDEN}]*$"), max).build()
}

/// Who did something (`kiosk:lobby-1`, a staff name): may be empty.
pub fn event_actor() -> Object {
    string(format!("^[^{FORBIDDEN}]*$"), 80).build()
}

/// An invitation code as `InvitationCode::parse` reads it: 8 code
/// characters (Crockford base32, any case, O, I and L read as digits),
/// dashes and spaces ignored.
pub fn invitation_code() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^[{SPACE}]*(?:[- ]*[0-9A-TV-Za-tv-z]){{8}}[- ]*[{SPACE}]*$")))
        .build()
}

/// A visitor's name (`VisitorName`).
pub fn visitor_name() -> Object {
    name(foyer_domain::VisitorName::MAX)
}

/// A visitor's company (`VisitorDetails`): optional.
pub fn company() -> Object {
    optional_text(80)
}

/// A visitor type: `guest`, `contractor`, `interview` or `delivery`.
pub fn visitor_type() -> Object {
    let words: Vec<&str> = foyer_domain::VisitorType::ALL.iter().map(|t| t.as_str()).collect();
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(words)).build()
}
