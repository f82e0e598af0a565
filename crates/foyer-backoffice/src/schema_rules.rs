//! Schemas for the OpenAPI document that the derive cannot state: tuples as
//! OpenAPI 3.1 `prefixItems` (the derive writes `items` as an array, which
//! 3.1 forbids), and the server's rules for a field (a date, a pattern).
//! Each is named by a field's `#[schema(schema_with = …)]`.

use utoipa::openapi::schema::{Array, ArrayItems, KnownFormat, Object, ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::openapi::Schema;

/// What `foyer_domain::text::is_forbidden` refuses, as a regex class body:
/// controls, bidi and zero-width format characters, private use.
const FORBIDDEN: &str = r"\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ue000-\uf8ff";
/// What Rust's `str::trim` takes off (Unicode White_Space).
const SPACE: &str = r"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// Free text as `clean_text` takes it: white space around it is trimmed,
/// something must be left, and nothing forbidden inside.
fn text_pattern(needs_alphanumeric: bool) -> String {
    let letter = if needs_alphanumeric { r"(?=[\s\S]*[^\W_])" } else { "" };
    format!("^{letter}[{SPACE}]*[^{FORBIDDEN}{SPACE}](?:[^{FORBIDDEN}]*[^{FORBIDDEN}{SPACE}])?[{SPACE}]*$")
}

fn string(pattern: String, max: usize) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).max_length(Some(max))
}

/// A required free-text field of at most `max` characters.
pub fn free_text(max: usize) -> Object {
    string(text_pattern(false), max).build()
}

/// A required name: free text with at least one letter or digit.
pub fn name(max: usize) -> Object {
    string(text_pattern(true), max).build()
}

/// An optional free-text field: absent, null, empty or white space is none.
pub fn optional_text(max: usize) -> Object {
    let pattern = text_pattern(false);
    let core = &pattern[1..pattern.len() - 1];
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^(?:[{SPACE}]*|{core})$")))
        .max_length(Some(max))
        .build()
}

/// An optional email address (`foyer_domain::visitor::Email`): its shape
/// only, local@domain.tld; empty or white space is none.
pub fn optional_email() -> Object {
    let bad = format!("{FORBIDDEN}{SPACE}<>,;\"");
    let email = format!("[^{bad}]{{1,64}}@[^{bad}@.]+(?:\\.[^{bad}@.]+)+");
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^[{SPACE}]*(?:{email})?[{SPACE}]*$")))
        .max_length(Some(254))
        .build()
}

/// An optional phone number (`Phone`): an optional `+`, then 6–20 digits
/// with spaces, `-`, `(`, `)`, `.` or `/` between them.
pub fn optional_phone() -> Object {
    let phone = r"\+?(?:[ ()./-]*[0-9]){6,20}[ ()./-]*";
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^[{SPACE}]*(?:{phone})?[{SPACE}]*$")))
        .max_length(Some(32))
        .build()
}

pub fn visitor_name() -> Object {
    name(foyer_domain::VisitorName::MAX)
}
pub fn company() -> Object {
    optional_text(80)
}
pub fn host_name() -> Object {
    free_text(80)
}
pub fn department() -> Object {
    optional_text(80)
}

pub fn watchlist_name() -> Object {
    name(foyer_domain::screening::WatchlistInput::MAX)
}
pub fn watchlist_reason() -> Object {
    free_text(foyer_domain::screening::WatchlistInput::MAX)
}

/// `AgreementInput`: any text with something in it, line breaks (LF or
/// CRLF) and tabs allowed, no other forbidden character.
pub fn agreement_text() -> Object {
    let pattern = format!(r"^(?=[\s\S]*[^{FORBIDDEN}{SPACE}])(?:[^{FORBIDDEN}]|[\t\n]|\r\n)*$");
    string(pattern, 20_000).build()
}

/// A token label: 1–80 characters without control characters, once trimmed.
pub fn token_label() -> Object {
    let control = r"\u0000-\u001f\u007f-\u009f";
    string(format!("^[{SPACE}]*[^{control}{SPACE}](?:[^{control}]*[^{control}{SPACE}])?[{SPACE}]*$"), 80).build()
}

/// A password to set: at least 10 characters, or empty (or absent, or
/// white space) for a generated one.
pub fn new_password() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!(r"^(?:[{SPACE}]*|[\s\S]{{10,}})$")))
        .build()
}

/// `guest`, `contractor`, `interview` or `delivery`.
pub fn visitor_type() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(["guest", "contractor", "interview", "delivery"]))
        .build()
}

/// A two-item array: `[first, second]`, nothing more.
fn pair(first: impl Into<Schema>, second: impl Into<Schema>) -> Array {
    let mut a = Array::new(text());
    a.items = ArrayItems::False;
    a.prefix_items = vec![first.into(), second.into()];
    a.min_items = Some(2);
    a.max_items = Some(2);
    a
}

fn text() -> Object {
    Object::with_type(Type::String)
}

fn count() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(0))
        .build()
}

/// A calendar day, `YYYY-MM-DD`.
pub fn date() -> Object {
    ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))).build()
}

/// `[[day, arrivals], …]`.
pub fn day_counts() -> Array {
    Array::new(pair(date(), count()))
}

/// `[[host name, arrivals], …]`.
pub fn name_counts() -> Array {
    Array::new(pair(text(), count()))
}

/// `[visitors, unix seconds]` or null.
pub fn peak() -> Schema {
    let at =
        ObjectBuilder::new().schema_type(Type::Integer).format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)));
    let mut a = pair(count(), at.build());
    a.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    Schema::Array(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_written_with_prefix_items_and_no_further_items() {
        let json = serde_json::to_value(Schema::Array(day_counts())).unwrap();
        let inner = &json["items"];
        assert_eq!(inner["items"], serde_json::json!(false), "{json}");
        assert_eq!(inner["prefixItems"][0]["format"], "date", "{json}");
        assert_eq!(inner["prefixItems"][1]["minimum"], 0, "{json}");
        let peak = serde_json::to_value(peak()).unwrap();
        assert_eq!(peak["type"], serde_json::json!(["array", "null"]), "{peak}");
    }
}
