//! The OpenAPI schema of a kiosk event: one variant per `type`, each with
//! its own `data`, under `oneOf` (serde's adjacently tagged enum has no
//! derive). The fields carry the rules the back office checks them with
//! (`service::event_shape`); what no schema can state is said in the
//! descriptions: the times' window around the server's clock and the
//! `kiosk` that must be the sender's.

use utoipa::openapi::schema::{
    KnownFormat, Object, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::RefOr;

use crate::text_rules::{
    event_actor, event_text, free_text, invitation_code, name, optional_email, optional_phone, optional_text,
};
use foyer_domain::{PulseLength, VisitorName, VisitorType};

fn integer(min: Option<i64>, max: Option<i64>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(min)
        .maximum(max)
}

fn uuid(nullable: bool) -> Object {
    let t = if nullable { SchemaType::from_iter([Type::String, Type::Null]) } else { SchemaType::new(Type::String) };
    ObjectBuilder::new().schema_type(t).format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))).build()
}

/// Unix seconds within 90 days before and 10 minutes after the server's clock.
fn instant() -> Object {
    integer(None, None)
        .description(Some("Unix seconds, within 90 days before and 10 minutes after the server's clock"))
        .build()
}

fn object(fields: Vec<(&str, Schema)>, optional: &[&str]) -> ObjectBuilder {
    let mut o = ObjectBuilder::new().schema_type(Type::Object);
    for (field, schema) in fields {
        if !optional.contains(&field) {
            o = o.required(field);
        }
        o = o.property(field, schema);
    }
    o
}

/// `VisitSummary`, as `event_shape::summary` checks it.
fn visit_summary() -> Object {
    let types: Vec<&str> = VisitorType::ALL.iter().map(|t| t.as_str()).collect();
    let kiosk = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("^[A-Za-z0-9._-]{1,64}$"))
        .description(Some("The kiosk sending the event (its token's name)"));
    let nullable_code = {
        let mut code = invitation_code();
        code.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
        code
    };
    let version = ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(1));
    object(
        vec![
            ("visit_id", uuid(false).into()),
            ("visitor_name", name(VisitorName::MAX).into()),
            ("company", optional_text(80).into()),
            ("email", optional_email().into()),
            ("phone", optional_phone().into()),
            ("host_id", integer(Some(1), None).build().into()),
            ("host_name", free_text(120).into()),
            ("visitor_type", ObjectBuilder::new().schema_type(Type::String).enum_values(Some(types)).build().into()),
            ("arrived_at", instant().into()),
            ("kiosk", kiosk.build().into()),
            ("agreement_version", version.build().into()),
            ("invitation", nullable_code.into()),
        ],
        &["company", "email", "phone", "agreement_version", "invitation"],
    )
    .build()
}

/// The `data` of each event type.
fn data(kind: &str) -> Object {
    let visit_id = || ("visit_id", Schema::from(uuid(false)));
    let by = || ("by", Schema::from(event_actor()));
    match kind {
        "visit.arrived" => visit_summary(),
        "visit.flagged" => {
            object(vec![("visit", visit_summary().into()), ("reason", event_text(500).into())], &[]).build()
        }
        "visit.approved" | "visit.denied" => object(vec![visit_id(), by()], &[]).build(),
        "visit.departed" => object(vec![visit_id(), ("departed_at", instant().into()), by()], &[]).build(),
        "badge.printed" => object(
            vec![
                visit_id(),
                ("bytes", integer(Some(0), Some(16_000_000)).build().into()),
                ("reprint", ObjectBuilder::new().schema_type(Type::Boolean).build().into()),
            ],
            &[],
        )
        .build(),
        "printer.fault" => {
            object(vec![("visit_id", uuid(true).into()), ("problem", event_text(500).into())], &["visit_id"]).build()
        }
        "door.released" => {
            let secs = integer(Some(PulseLength::MIN_SECS as i64), Some(PulseLength::MAX_SECS as i64)).build();
            object(
                vec![
                    ("visit_id", uuid(true).into()),
                    ("reason", event_text(200).into()),
                    by(),
                    ("seconds", secs.into()),
                ],
                &["visit_id"],
            )
            .build()
        }
        "device.alarm" => {
            object(vec![("device", event_text(80).into()), ("message", event_text(500).into())], &[]).build()
        }
        other => unreachable!("no data schema for event type {other}"),
    }
}

/// `WireEvent`: `{event_id, occurred_at, type, data}`, `data` by `type`.
pub fn wire_event() -> RefOr<Schema> {
    let mut one_of = OneOfBuilder::new().description(Some("A kiosk event; `data` depends on `type`."));
    for kind in crate::EVENT_TYPES {
        let variant = ObjectBuilder::new()
            .schema_type(Type::Object)
            .title(Some(kind))
            .property("event_id", uuid(false))
            .property("occurred_at", instant())
            .property("type", ObjectBuilder::new().schema_type(Type::String).enum_values(Some([kind])))
            .property("data", data(kind))
            .required("event_id")
            .required("occurred_at")
            .required("type")
            .required("data");
        one_of = one_of.item(variant);
    }
    RefOr::T(Schema::OneOf(one_of.build()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_type_has_its_own_data_schema_under_one_of() {
        let json = serde_json::to_value(wire_event()).unwrap();
        let variants = json["oneOf"].as_array().unwrap();
        assert_eq!(variants.len(), crate::EVENT_TYPES.len());
        let door = variants.iter().find(|v| v["properties"]["type"]["enum"][0] == "door.released").unwrap();
        assert_eq!(door["properties"]["data"]["properties"]["seconds"]["maximum"], 30);
        let arrived = variants.iter().find(|v| v["properties"]["type"]["enum"][0] == "visit.arrived").unwrap();
        assert_eq!(arrived["properties"]["data"]["properties"]["host_id"]["minimum"], 1);
    }
}
