//! Schemas for the OpenAPI document that the derive cannot state: tuples as
//! OpenAPI 3.1 `prefixItems` (the derive writes `items` as an array, which
//! 3.1 forbids), and the server's rules for a field (a date, a pattern).
//! Each is named by a field's `#[schema(schema_with = …)]`.

use utoipa::openapi::schema::{
    AnyOfBuilder, Array, ArrayItems, KnownFormat, Object, ObjectBuilder, OneOfBuilder, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::Schema;

pub use foyer_wire::text_rules::{
    company, free_text, name, optional_email, optional_phone, optional_text, visitor_name,
};
use foyer_wire::text_rules::{string, trimmed, FORBIDDEN, SPACE};

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
    let pattern = format!("^{}$", trimmed(r"\u0000-\u001f\u007f-\u009f", 80));
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).build()
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
    let words: Vec<&str> = foyer_domain::VisitorType::ALL.iter().map(|t| t.as_str()).collect();
    one_of_words(&words)
}

/// A kiosk language (`en`, `de`, `es`, `fr`), or null (or absent) for the
/// site's default language.
pub fn optional_language() -> Object {
    let codes = foyer_domain::Language::CODES.iter().map(|c| serde_json::Value::from(*c));
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(codes.chain([serde_json::Value::Null])))
        .build()
}

/// A query value that may be left empty (a form sends `from=`): `schema`,
/// or the empty string.
fn or_empty(schema: Object) -> Schema {
    let empty = ObjectBuilder::new().schema_type(Type::String).max_length(Some(0)).build();
    Schema::OneOf(OneOfBuilder::new().item(schema).item(empty).build())
}

/// A day, `YYYY-MM-DD`, or empty for the default.
pub fn optional_date() -> Schema {
    or_empty(date())
}

/// A day, or an instant in RFC 3339 (`2026-11-02T10:00:00Z`), or empty.
pub fn optional_day_or_instant() -> Schema {
    let instant =
        ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)));
    let either = Schema::AnyOf(AnyOfBuilder::new().item(date()).item(instant.build()).build());
    let empty = ObjectBuilder::new().schema_type(Type::String).max_length(Some(0)).build();
    Schema::OneOf(OneOfBuilder::new().item(either).item(empty).build())
}

fn one_of_words(words: &[&str]) -> Object {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(words.iter().copied())).build()
}

/// A visit state to filter by, or empty for any.
pub fn optional_visit_state() -> Schema {
    let words: Vec<&str> = foyer_domain::VisitState::ALL.iter().map(|s| s.as_str()).collect();
    or_empty(one_of_words(&words))
}

/// A visitor type to filter by, or empty for any.
pub fn optional_visitor_type() -> Schema {
    let words: Vec<&str> = foyer_domain::VisitorType::ALL.iter().map(|t| t.as_str()).collect();
    or_empty(one_of_words(&words))
}

/// The visit log's order, or empty for the default.
pub fn optional_visit_sort() -> Schema {
    let words: Vec<&str> = crate::db::visit_search::VisitSort::ALL.iter().map(|s| s.as_str()).collect();
    or_empty(one_of_words(&words))
}

/// A whole number from `min` to `max`, or empty for the default.
fn optional_count(min: i64, max: i64) -> Schema {
    or_empty(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(min)).maximum(Some(max)).build())
}

/// Rows of a visit-log page (or entries of an audit page): 1–500.
pub fn optional_page_limit() -> Schema {
    optional_count(1, 500)
}

/// An audit entry number (`next_before`), or empty.
pub fn optional_entry_number() -> Schema {
    or_empty(
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .build(),
    )
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
    }
}
