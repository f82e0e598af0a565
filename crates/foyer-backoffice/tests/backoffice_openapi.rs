//! The OpenAPI document served at /api/openapi.json lists exactly the
//! routes the router answers: every documented operation reaches a handler,
//! and no other method is routed at a documented path. The kiosk and ops
//! routes are listed here one by one; the console's are all under
//! `/api/v1/desk/` or `/api/v1/admin/` (tests/console_access.rs walks them).

mod backoffice_support;

use std::collections::BTreeSet;

use backoffice_support::{settings, Backoffice};
use foyer_backoffice::db::api_tokens;
use foyer_backoffice::db::users::Role;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_exactly_the_routes_of_the_router() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    let client = backoffice_support::http();
    let doc: serde_json::Value =
        client.get(format!("{}/api/openapi.json", bo.url)).send().await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in METHODS {
            if item.get(m).is_some() {
                documented.insert((m.to_owned(), path.clone()));
            }
        }
    }
    let console = |p: &str| p.starts_with("/api/v1/desk/") || p.starts_with("/api/v1/admin/");
    assert!(documented.iter().filter(|(_, p)| console(p)).count() >= 20, "the console's routes are documented");
    let expected: BTreeSet<(String, String)> = [
        ("post", "/api/v1/events"),
        ("get", "/api/v1/sync"),
        ("get", "/api/v1/commands"),
        ("post", "/api/v1/commands/{id}/ack"),
        ("get", "/api/v1/notifications"),
        ("get", "/healthz"),
        ("get", "/metrics"),
        ("get", "/api/openapi.json"),
    ]
    .into_iter()
    .map(|(m, p)| (m.to_owned(), p.to_owned()))
    .collect();
    let outside: BTreeSet<_> = documented.iter().filter(|(_, p)| !console(p)).cloned().collect();
    assert_eq!(outside, expected);

    // Console routes answer only after the guard: ask as an admin.
    let admin =
        bo.state.db.with(|c| foyer_backoffice::db::users::add(c, "adam", Role::Admin, "long enough pw")).unwrap();
    let token = bo.state.db.with(|c| api_tokens::create(c, admin, "probe")).unwrap().1;

    let paths: BTreeSet<&String> = documented.iter().map(|(_, p)| p).collect();
    for path in paths {
        // Ids no row has, so no probe disables the probing admin or revokes its token.
        let concrete = path.replace("{id}", "999999").replace("{name}", "no-such-kiosk");
        for m in METHODS {
            let method = reqwest::Method::from_bytes(m.to_uppercase().as_bytes()).unwrap();
            let r = client
                .request(method, format!("{}{concrete}?wait=0", bo.url))
                .bearer_auth(token.expose())
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            if documented.contains(&(m.to_owned(), path.clone())) {
                assert!(status != 405 && !body.contains("no such route"), "{m} {path} is documented but not routed");
            } else {
                assert_eq!(status, 405, "{m} {path} is routed but not documented");
            }
        }
    }
    let r = client.get(format!("{}/api/v1/undocumented", bo.url)).send().await.unwrap();
    assert_eq!(r.status(), 404);
    bo.stop().await;
}

#[test]
fn every_api_route_names_its_bearer_scheme() {
    let doc = serde_json::to_value(foyer_backoffice::openapi()).unwrap();
    assert!(doc["components"]["securitySchemes"]["kiosk_token"].is_object());
    assert!(doc["components"]["securitySchemes"]["console"].is_object());
    for (path, item) in doc["paths"].as_object().unwrap() {
        let scheme = if path.starts_with("/api/v1/desk/") || path.starts_with("/api/v1/admin/") {
            "console"
        } else if path.starts_with("/api/v1/") {
            "kiosk_token"
        } else {
            continue;
        };
        for (_, op) in item.as_object().unwrap() {
            assert!(op["security"].to_string().contains(scheme), "{path} lacks the {scheme} scheme");
        }
    }
}

/// The agreement's language, as the document states it: a kiosk code or
/// null when publishing (what the server checks), optional on the wire so
/// kiosks and back offices from before it still match the document.
#[test]
fn the_agreement_schemas_state_the_language_and_what_may_be_left_out() {
    let doc = serde_json::to_value(foyer_backoffice::openapi()).unwrap();
    let schemas = &doc["components"]["schemas"];
    let required = |name: &str| schemas[name]["required"].as_array().cloned().unwrap_or_default();
    let language = &schemas["AgreementInput"]["properties"]["language"];
    assert_eq!(language["enum"], serde_json::json!(["en", "de", "es", "fr", null]), "{language}");
    assert!(!required("AgreementInput").contains(&"language".into()));
    assert!(schemas["SyncAgreement"]["properties"]["language"].is_object());
    assert!(!required("SyncAgreement").contains(&"language".into()));
    assert!(schemas["SyncResponse"]["properties"]["agreements"].is_object());
    assert!(!required("SyncResponse").contains(&"agreements".into()));
    assert!(schemas["Agreements"]["properties"]["by_language"].is_object());
}
