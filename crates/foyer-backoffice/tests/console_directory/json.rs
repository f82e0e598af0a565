//! The directory's JSON API: with an API token (no CSRF) and with a session
//! (the X-CSRF-Token header), refusals naming the field, audit naming the user.

use foyer_backoffice::db::{api_tokens, users};
use reqwest::header::{CONTENT_TYPE, COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};

use super::backoffice_support::console::{add_user, client};
use super::{audited, kiosk_sync, started};

/// A script with an API token of user `name`.
struct Script {
    url: String,
    token: String,
}

impl Script {
    fn of(bo: &super::Backoffice, name: &str) -> Self {
        let id = bo.state.db.with(|c| Ok(users::by_name(c, name)?.unwrap().id)).unwrap();
        let (_, token) = bo.state.db.with(|c| api_tokens::create(c, id, "directory script")).unwrap();
        Self { url: bo.url.clone(), token: token.expose().to_owned() }
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = client().get(format!("{}{path}", self.url)).bearer_auth(&self.token).send().await.unwrap();
        (r.status(), r.json().await.unwrap())
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let r = client().post(format!("{}{path}", self.url)).bearer_auth(&self.token).json(&body).send().await.unwrap();
        (r.status(), r.json().await.unwrap())
    }

    async fn post_csv(&self, content_type: &str, csv: &str) -> (StatusCode, Value) {
        let r = client()
            .post(format!("{}/api/v1/admin/hosts/import", self.url))
            .bearer_auth(&self.token)
            .header(CONTENT_TYPE, content_type)
            .body(csv.to_owned())
            .send()
            .await
            .unwrap();
        (r.status(), r.json().await.unwrap())
    }
}

#[tokio::test]
async fn hosts_are_managed_with_an_api_token() {
    let (bo, _dir, _adam) = started().await;
    let kiosk = bo.add_kiosk("lobby-1");
    let script = Script::of(&bo, "adam");
    let (status, added) =
        script.post("/api/v1/admin/hosts", json!({"name": "Grace Hopper", "email": "grace@example.org"})).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    let id = added["host"]["id"].as_i64().unwrap();
    assert_eq!((&added["host"]["active"], &added["host"]["notify_email"]), (&json!(true), &json!(true)));

    let (status, refused) = script.post("/api/v1/admin/hosts", json!({"name": "", "email": "x@example.org"})).await;
    assert_eq!(
        (status, refused["error"].as_str().unwrap()),
        (StatusCode::UNPROCESSABLE_ENTITY, "host name is required")
    );
    let (status, _) = script.post("/api/v1/admin/hosts", json!({"email": 3})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let notify = json!({"email": false, "webhook_kind": "teams", "webhook_url": "https://teams.example.org/hook"});
    let body = json!({"name": "Grace B. Hopper", "email": "grace@example.org", "notify": notify});
    let (status, saved) = script.post(&format!("/api/v1/admin/hosts/{id}"), body).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["host"]["webhook_kind"], "teams");
    let (_, one) = script.get(&format!("/api/v1/admin/hosts/{id}")).await;
    assert_eq!((&one["name"], &one["notify_email"]), (&json!("Grace B. Hopper"), &json!(false)));
    assert_eq!(script.get("/api/v1/admin/hosts/999").await.0, StatusCode::NOT_FOUND);

    let (_, off) = script.post(&format!("/api/v1/admin/hosts/{id}/deactivate"), json!({})).await;
    assert_eq!(off["host"]["active"], false);
    let (_, active_only) = script.get("/api/v1/admin/hosts?include_inactive=false").await;
    assert_eq!(active_only["hosts"], json!([]));
    let (_, on) = script.post(&format!("/api/v1/admin/hosts/{id}/reactivate"), json!({})).await;
    assert_eq!(on["host"]["active"], true);

    let csv = "name,email,phone,department\nAda Lovelace,ada@example.org,,\nAlan Turing,,,Bletchley\n";
    let (status, done) = script.post_csv("text/csv; charset=utf-8", csv).await;
    assert_eq!((status, done["message"].as_str().unwrap()), (StatusCode::OK, "2 added, 0 updated"));
    let broken = "name,email,phone,department\nBob,bob@example.org,,\nEve,not-an-email,,\n";
    let (status, refused) = script.post_csv("text/csv", broken).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused["error"].as_str().unwrap().starts_with("CSV line 3: email"), "{refused}");
    assert_eq!(script.post_csv("application/json", csv).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let (_, first) = script.get("/api/v1/admin/hosts?limit=2").await;
    assert_eq!(first["hosts"].as_array().unwrap().len(), 2);
    let after = first["next_after_id"].as_i64().unwrap();
    let (_, rest) = script.get(&format!("/api/v1/admin/hosts?limit=2&after_id={after}")).await;
    assert_eq!((rest["hosts"][0]["name"].as_str(), &rest["next_after_id"]), (Some("Alan Turing"), &Value::Null));
    let (_, found) = script.get("/api/v1/admin/hosts?q=bletchley").await;
    assert_eq!(found["hosts"][0]["name"], "Alan Turing");
    assert_eq!(kiosk_sync(&bo, &kiosk, 0).await["hosts"].as_array().unwrap().len(), 3);

    for action in ["host.add", "host.update", "host.notify", "host.deactivate", "host.reactivate", "hosts.import"] {
        assert_eq!(audited(&bo, action).iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), ["adam"], "{action}");
    }
    bo.stop().await;
}

#[tokio::test]
async fn watchlist_agreements_and_visitor_types_are_served_as_json() {
    let (bo, _dir, _adam) = started().await;
    let script = Script::of(&bo, "adam");
    let (_, added) = script.post("/api/v1/admin/watchlist", json!({"name": "Eve Mallory", "reason": "trespass"})).await;
    let id = added["entry"]["id"].as_i64().unwrap();
    let (status, _) = script.post(&format!("/api/v1/admin/watchlist/{id}"), json!({"name": "Eve", "reason": ""})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    script.post(&format!("/api/v1/admin/watchlist/{id}"), json!({"name": "Eve A. Mallory", "reason": "x"})).await;
    assert_eq!(script.get("/api/v1/admin/watchlist").await.1[0]["name"], "Eve A. Mallory");
    let (status, _) = script.post(&format!("/api/v1/admin/watchlist/{id}/delete"), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(script.get("/api/v1/admin/watchlist").await.1, json!([]));

    let (_, v1) = script.post("/api/v1/admin/agreements", json!({"text": "Wear your badge."})).await;
    let (_, v2) = script.post("/api/v1/admin/agreements", json!({"text": "Wear your badge. Be kind."})).await;
    assert_eq!((&v1["version"], &v2["version"]), (&json!(1), &json!(2)));
    let (_, all) = script.get("/api/v1/admin/agreements").await;
    assert_eq!((&all["current"]["version"], &all["history"][1]["text"]), (&json!(2), &json!("Wear your badge.")));

    let (_, types) = script.get("/api/v1/admin/visitor-types").await;
    let delivery = types.as_array().unwrap().iter().find(|t| t["key"] == "delivery").unwrap().clone();
    assert_eq!((&delivery["badge_minutes"], &delivery["needs_agreement"]), (&json!(30), &json!(false)));
    for action in ["watchlist.add", "watchlist.update", "watchlist.remove", "agreement.publish"] {
        assert!(audited(&bo, action).iter().all(|e| e.0 == "adam") && !audited(&bo, action).is_empty(), "{action}");
    }
    bo.stop().await;
}

#[tokio::test]
async fn a_session_needs_the_csrf_header_and_a_receptionist_is_refused() {
    let (bo, _dir, adam) = started().await;
    let r = adam.post_json("/api/v1/admin/hosts", &json!({"name": "Grace Hopper"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let without = client()
        .post(format!("{}/api/v1/admin/hosts", bo.url))
        .header(COOKIE, format!("foyer_session={}", adam.cookie))
        .json(&json!({"name": "Alan Turing"}))
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(bo.count("SELECT count(*) FROM hosts"), 1);
    assert_eq!(audited(&bo, "host.add")[0].0, "adam");

    add_user(&bo, "rita", users::Role::Receptionist);
    let rita = Script::of(&bo, "rita");
    assert_eq!(rita.get("/api/v1/admin/hosts").await.0, StatusCode::FORBIDDEN);
    assert_eq!(rita.post("/api/v1/admin/agreements", json!({"text": "x"})).await.0, StatusCode::FORBIDDEN);
    bo.stop().await;
}

#[tokio::test]
async fn an_agreement_in_a_kiosk_language_is_published_listed_and_synced_and_a_bad_code_is_refused() {
    let (bo, _dir, _adam) = started().await;
    let kiosk = bo.add_kiosk("lobby-1");
    let script = Script::of(&bo, "adam");
    let (status, body) = script.post("/api/v1/admin/agreements", json!({"text": "Seid nett.", "language": "de"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "a language before the default: {body}");
    let (_, v1) = script.post("/api/v1/admin/agreements", json!({"text": "Be kind.", "language": null})).await;
    let (_, v2) = script.post("/api/v1/admin/agreements", json!({"text": "Seid nett.", "language": "de"})).await;
    assert_eq!((&v1["version"], &v2["version"]), (&json!(1), &json!(2)));
    for bad in ["xx", "DE", ""] {
        let (status, body) =
            script.post("/api/v1/admin/agreements", json!({"text": "Soyez gentils.", "language": bad})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert!(body["error"].as_str().unwrap().starts_with("language is not valid"), "{body}");
    }
    let (_, all) = script.get("/api/v1/admin/agreements").await;
    assert_eq!((&all["current"]["version"], &all["current"]["language"]), (&json!(1), &Value::Null));
    assert_eq!((&all["by_language"][0]["version"], &all["by_language"][0]["language"]), (&json!(2), &json!("de")));
    assert_eq!(all["history"].as_array().unwrap().len(), 2);

    let synced = kiosk_sync(&bo, &kiosk, 0).await;
    assert_eq!(synced["agreement"], json!({"version": 1, "text": "Be kind."}), "an older kiosk reads the default");
    let sent: Vec<_> = synced["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["version"].clone(), a["language"].clone()))
        .collect();
    assert_eq!(sent, [(json!(1), Value::Null), (json!(2), json!("de"))]);
    // After the German one, nothing changed: nothing is sent again.
    let later = kiosk_sync(&bo, &kiosk, synced["version"].as_i64().unwrap()).await;
    assert_eq!((&later["agreement"], &later["agreements"]), (&Value::Null, &json!([])));
    let details: Vec<_> = audited(&bo, "agreement.publish").into_iter().map(|e| e.2).collect();
    assert_eq!(details, ["version 2 in de", "version 1"]);
    bo.stop().await;
}
