//! The statuses every operation can answer because of its inputs, added to
//! the document in one place rather than repeated on each handler: an
//! operation with path or query parameters or a body can answer 400 (a value
//! that cannot be parsed, `api::extract`), one with a body 413 (over the
//! limit), one with a JSON body 415 (not declared as JSON). Each answers
//! with the JSON error body.

use utoipa::openapi::path::Operation;
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response};

/// Adds the input statuses to every operation of `doc` that lacks them.
pub fn add_input_statuses(doc: &mut OpenApi) {
    for item in doc.paths.paths.values_mut() {
        let ops = [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
        for op in ops.into_iter().flatten() {
            add_to(op);
        }
    }
}

fn add_to(op: &mut Operation) {
    let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let body = match &op.request_body {
        Some(RefOr::T(b)) => Some(b.content.keys().cloned().collect::<Vec<_>>()),
        _ => None,
    };
    if has_params || body.is_some() {
        ensure(op, "400", "A path or query value, or the body, cannot be parsed; the message names it");
    }
    if let Some(types) = body {
        ensure(op, "413", "The body is larger than this operation's limit");
        let what =
            if types.iter().any(|t| t == "application/json") { "application/json" } else { "its documented type" };
        ensure(op, "415", &format!("The body is not declared as {what} (Content-Type)"));
    }
}

fn ensure(op: &mut Operation, status: &str, description: &str) {
    op.responses.responses.entry(status.to_owned()).or_insert_with(|| {
        let mut r = Response::new(description);
        r.content.insert("application/json".into(), RefOr::T(Content::new(Some(Ref::from_schema_name("ErrorBody")))));
        RefOr::T(r)
    });
}

#[cfg(test)]
mod tests {

    #[test]
    fn only_operations_with_inputs_gain_input_statuses() {
        let doc = super::super::openapi();
        let statuses = |path: &str, post: bool| {
            let item = &doc.paths.paths[path];
            let op = if post { item.post.as_ref() } else { item.get.as_ref() }.unwrap();
            op.responses.responses.keys().cloned().collect::<Vec<_>>()
        };
        let healthz = statuses("/healthz", false);
        assert!(!healthz.contains(&"400".to_owned()), "{healthz:?}");
        let sync = statuses("/api/v1/sync", false);
        assert!(sync.contains(&"400".to_owned()) && !sync.contains(&"415".to_owned()), "{sync:?}");
        let events = statuses("/api/v1/events", true);
        for s in ["400", "413", "415"] {
            assert!(events.contains(&s.to_owned()), "{s} missing from {events:?}");
        }
    }
}
