//! The admin console over real HTTP: kiosks (token shown once, revocable),
//! users (generated password, disable, never yourself, reset), API tokens,
//! retention (a shorter period asks first; run now; the daily job) and the
//! audit log (filters, keyset paging), as pages and as JSON.

mod backoffice_support;

use std::time::Duration;

use backoffice_support::console::{add_user, client, location, login_response, Desk, PASSWORD};
use backoffice_support::{eventually, settings, Backoffice};
use foyer_backoffice::db::audit::{self, AuditEntry, AuditFilter};
use foyer_backoffice::db::users::{self, Role};
use foyer_backoffice::db::{now_unix, retention};
use reqwest::StatusCode;
use serde_json::{json, Value};

const DAY: i64 = 86_400;

/// A back office with admin `adam` and receptionist `rita`; the daily
/// retention job's first run comes `first_run_secs` after start.
async fn started(first_run_secs: u64) -> (Backoffice, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(None, None);
    s.retention_first_run_secs = first_run_secs;
    let bo = Backoffice::start(s, dir.path()).await;
    add_user(&bo, "adam", Role::Admin);
    add_user(&bo, "rita", Role::Receptionist);
    (bo, dir)
}

/// The secret of a "shown once" page.
fn secret(html: &str) -> String {
    let start = html.find("id=\"secret\">").expect("the page shows a secret") + "id=\"secret\">".len();
    html[start..start + html[start..].find("</code>").unwrap()].to_owned()
}

fn entries(bo: &Backoffice, action: &str) -> Vec<AuditEntry> {
    let filter = AuditFilter { action: Some(action.into()), ..Default::default() };
    bo.state.db.with(|c| audit::list(c, &filter, 500)).unwrap()
}

fn user_id(bo: &Backoffice, name: &str) -> i64 {
    bo.state.db.with(|c| Ok(users::by_name(c, name)?.unwrap().id)).unwrap()
}

async fn sync_status(bo: &Backoffice, token: &str) -> StatusCode {
    client().get(format!("{}/api/v1/sync?since=0", bo.url)).bearer_auth(token).send().await.unwrap().status()
}

#[tokio::test]
async fn a_kiosk_added_in_the_console_shows_its_token_once_and_it_works_until_revoked() {
    let (bo, _dir) = started(60).await;
    let adam = Desk::login(&bo.url, "adam").await;
    let r = adam.post_form("/console/admin/kiosks", &[("name", "lobby-7")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let page = r.text().await.unwrap();
    let token = secret(&page);
    assert!(token.starts_with("fyk_"), "{token}");
    assert!(page.contains("[backoffice]") && page.contains("only time it is shown"), "{page}");
    assert_eq!(sync_status(&bo, &token).await, StatusCode::OK);

    let list = adam.get("/console/admin/kiosks").await.text().await.unwrap();
    assert!(list.contains("lobby-7") && list.contains("active") && !list.contains(&token), "shown once only");

    let bad = adam.post_form("/console/admin/kiosks", &[("name", "lobby 7!")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("is not a kiosk name"));
    let again = adam.post_form("/console/admin/kiosks", &[("name", "lobby-7")]).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bo.count("SELECT count(*) FROM kiosks"), 1, "nothing half-written");

    let revoked = adam.post_form("/console/admin/kiosks/lobby-7/revoke", &[]).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert!(location(&revoked).starts_with("/console/admin/kiosks?notice="));
    assert_eq!(sync_status(&bo, &token).await, StatusCode::UNAUTHORIZED);
    let add = entries(&bo, "kiosk.");
    assert_eq!(
        add.iter().map(|e| (e.action.as_str(), e.actor.as_str(), e.target.as_deref())).collect::<Vec<_>>(),
        [("kiosk.revoke", "adam", Some("lobby-7")), ("kiosk.add", "adam", Some("lobby-7"))]
    );

    // The same through the JSON API.
    let r = adam.post_json("/api/v1/admin/kiosks", &json!({"name": "lobby-8"})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let added: Value = r.json().await.unwrap();
    let token8 = added["token"].as_str().unwrap().to_owned();
    assert!(added["settings"].as_str().unwrap().contains(&token8));
    assert_eq!(sync_status(&bo, &token8).await, StatusCode::OK);
    let list: Value = adam.get("/api/v1/admin/kiosks").await.json().await.unwrap();
    assert_eq!(list[0]["name"], "lobby-7");
    assert_eq!(list[0]["active"], false);
    assert_eq!(list[1]["active"], true);
    assert_eq!(list[1]["printer_status"]["state"], "unknown");
    let r = adam.post_json("/api/v1/admin/kiosks/lobby-8/revoke", &json!({})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(sync_status(&bo, &token8).await, StatusCode::UNAUTHORIZED);
    let r = adam.post_json("/api/v1/admin/kiosks/lobby-8/revoke", &json!({})).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    bo.stop().await;
}

/// The session cookie a login response sets.
fn session(r: &reqwest::Response) -> String {
    let set = r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect::<Vec<_>>();
    let cookie = set.iter().find(|c| c.starts_with("foyer_session=")).expect("a session cookie");
    cookie["foyer_session=".len()..cookie.find(';').unwrap()].to_owned()
}

#[tokio::test]
async fn a_user_added_with_a_generated_password_signs_in_until_disabled_but_no_admin_disables_themself() {
    let (bo, _dir) = started(60).await;
    let adam = Desk::login(&bo.url, "adam").await;
    let r =
        adam.post_form("/console/admin/users", &[("name", "vera"), ("role", "receptionist"), ("password", "")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let password = secret(&r.text().await.unwrap());
    assert!(password.len() >= 20, "{password}");

    let (login, c) = login_response(&bo.url, "vera", &password).await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER, "vera signs in with the generated password");
    let vera = Desk { url: bo.url.clone(), client: c, cookie: session(&login), csrf: String::new() };
    assert_eq!(vera.get("/console/desk").await.status(), StatusCode::OK);
    assert_eq!(vera.get("/console/admin/users").await.status(), StatusCode::FORBIDDEN, "a receptionist");

    let id = user_id(&bo, "vera");
    let r = adam.post_form(&format!("/console/admin/users/{id}/disable"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(vera.get("/console/desk").await.status(), StatusCode::SEE_OTHER, "her session ended");
    assert_eq!(login_response(&bo.url, "vera", &password).await.0.status(), StatusCode::UNAUTHORIZED);

    let me = user_id(&bo, "adam");
    let r = adam.post_form(&format!("/console/admin/users/{me}/disable"), &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("you cannot disable your own account"));
    assert_eq!(adam.get("/console/admin/users").await.status(), StatusCode::OK, "adam is still signed in");

    // A password set by the admin, then a reset; old sessions end.
    let rita_id = user_id(&bo, "rita");
    let rita = Desk::login(&bo.url, "rita").await;
    let r = adam
        .post_form(&format!("/console/admin/users/{rita_id}/password"), &[("password", "a new long password")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(rita.get("/console/desk").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(login_response(&bo.url, "rita", PASSWORD).await.0.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(login_response(&bo.url, "rita", "a new long password").await.0.status(), StatusCode::SEE_OTHER);
    let short = adam.post_form(&format!("/console/admin/users/{rita_id}/password"), &[("password", "short")]).await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text().await.unwrap().contains("at least 10 characters"));

    // Refused input names what is wrong, is escaped, and writes nothing.
    let users_before = bo.count("SELECT count(*) FROM users");
    let r = adam.post_form("/console/admin/users", &[("name", "<script>alert(1)</script>"), ("role", "admin")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;") && !page.contains("<script>alert"), "{page}");
    assert!(page.contains("user name"));
    let r = adam.post_form("/console/admin/users", &[("name", "olga"), ("role", "root")]).await;
    assert!(r.text().await.unwrap().contains("unknown role"));
    let r = adam.post_form("/console/admin/users", &[("name", "system"), ("role", "admin")]).await;
    assert!(r.text().await.unwrap().contains("reserved"));
    assert_eq!(bo.count("SELECT count(*) FROM users"), users_before);

    let audit = entries(&bo, "user.");
    let actions: Vec<_> = audit.iter().map(|e| (e.action.as_str(), e.target.as_deref().unwrap_or(""))).collect();
    assert_eq!(actions, [("user.password", "rita"), ("user.disable", "vera"), ("user.add", "vera")]);
    assert!(audit
        .iter()
        .all(|e| e.actor == "adam" && !e.detail.contains(&password) && !e.detail.contains("a new long")));
    assert_eq!(audit[2].detail, "role receptionist, password generated");
    bo.stop().await;
}

#[tokio::test]
async fn users_are_managed_through_the_json_api_too() {
    let (bo, _dir) = started(60).await;
    let adam = Desk::login(&bo.url, "adam").await;
    let r = adam.post_json("/api/v1/admin/users", &json!({"name": "walt", "role": "admin"})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let added: Value = r.json().await.unwrap();
    assert_eq!(added["user"]["role"], "admin");
    let password = added["password"].as_str().unwrap().to_owned();
    assert_eq!(login_response(&bo.url, "walt", &password).await.0.status(), StatusCode::SEE_OTHER);
    let r = adam
        .post_json(
            "/api/v1/admin/users",
            &json!({"name": "xena", "role": "receptionist", "password": "given long password"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(r.json::<Value>().await.unwrap()["password"], Value::Null, "a given password is not echoed");
    let r = adam.post_json("/api/v1/admin/users", &json!({"name": "yuri", "role": "root"})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let list: Value = adam.get("/api/v1/admin/users").await.json().await.unwrap();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["adam", "rita", "walt", "xena"]);
    let walt = user_id(&bo, "walt");
    let r = adam.post_json(&format!("/api/v1/admin/users/{walt}/password"), &json!({})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let new_password = r.json::<Value>().await.unwrap()["password"].as_str().unwrap().to_owned();
    assert_eq!(login_response(&bo.url, "walt", &new_password).await.0.status(), StatusCode::SEE_OTHER);
    let me = user_id(&bo, "adam");
    let r = adam.post_json(&format!("/api/v1/admin/users/{me}/disable"), &json!({})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = adam.post_json(&format!("/api/v1/admin/users/{walt}/disable"), &json!({})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(login_response(&bo.url, "walt", &new_password).await.0.status(), StatusCode::UNAUTHORIZED);
    bo.stop().await;
}

#[tokio::test]
async fn an_api_token_made_in_the_console_works_with_bearer_until_revoked_and_its_label_is_escaped() {
    let (bo, _dir) = started(60).await;
    let adam = Desk::login(&bo.url, "adam").await;
    let rita = user_id(&bo, "rita").to_string();
    let label = "<script>alert(1)</script>";
    let r = adam.post_form("/console/admin/api-tokens", &[("user_id", &rita), ("label", label)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let token = secret(&r.text().await.unwrap());
    assert!(token.starts_with("fyu_"));
    let lobby = |t: String| {
        let url = format!("{}/api/v1/desk/lobby", bo.url);
        async move { client().get(url).bearer_auth(t).send().await.unwrap().status() }
    };
    assert_eq!(lobby(token.clone()).await, StatusCode::OK);
    let admin_only = client().get(format!("{}/api/v1/admin/users", bo.url)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(admin_only.status(), StatusCode::FORBIDDEN, "it acts with rita's role");

    let escaped = "&#60;script&#62;alert(1)&#60;/script&#62;";
    for page in ["/console/admin/users", "/console/admin/audit"] {
        let html = adam.get(page).await.text().await.unwrap();
        assert!(html.contains(escaped) && !html.contains(label), "{page} escapes the label");
        assert!(!html.contains(&token), "{page} never shows the token again");
    }
    let created = entries(&bo, "api_token.create");
    assert_eq!(created[0].detail, format!("for rita: {label}"));

    let empty = adam.post_form("/console/admin/api-tokens", &[("user_id", &rita), ("label", " ")]).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().await.unwrap().contains("token label"));
    assert_eq!(bo.count("SELECT count(*) FROM api_tokens"), 1);

    let id = bo.count("SELECT max(id) FROM api_tokens");
    let r = adam.post_form(&format!("/console/admin/api-tokens/{id}/revoke"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(lobby(token.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(entries(&bo, "api_token.revoke")[0].target.as_deref(), Some(format!("token {id}").as_str()));

    // The JSON equivalent.
    let r = adam.post_json("/api/v1/admin/api-tokens", &json!({"user_id": user_id(&bo, "rita"), "label": "ci"})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let made: Value = r.json().await.unwrap();
    assert_eq!(lobby(made["token"].as_str().unwrap().to_owned()).await, StatusCode::OK);
    let list: Value = adam.get("/api/v1/admin/api-tokens").await.json().await.unwrap();
    assert_eq!(list[0]["label"], "ci");
    assert!(!list.to_string().contains("fyu_"), "the list never holds a token");
    let r = adam.post_json(&format!("/api/v1/admin/api-tokens/{}/revoke", made["id"]), &json!({})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(lobby(made["token"].as_str().unwrap().to_owned()).await, StatusCode::UNAUTHORIZED);
    bo.stop().await;
}

/// A departed visit of `name`, `days` days ago, as the kiosks' events leave it.
fn departed(bo: &Backoffice, name: &str, days: i64) {
    let (id, now) = (uuid::Uuid::new_v4().to_string(), now_unix());
    bo.state
        .db
        .with(|c| {
            c.execute(
                "INSERT INTO visits (id, kiosk, visitor_name, company, host_name, visitor_type, state, arrived_at,
                 departed_at, updated_at) VALUES (?1, 'lobby-1', ?2, 'Analytical Ltd', 'Grace Hopper', 'guest',
                 'departed', ?3, ?4, ?4)",
                rusqlite::params![id, name, now - days * DAY - 3600, now - days * DAY],
            )?;
            Ok(())
        })
        .unwrap();
}

fn visits_named(bo: &Backoffice, name: &str) -> i64 {
    bo.state
        .db
        .with(|c| Ok(c.query_row("SELECT count(*) FROM visits WHERE visitor_name = ?1", [name], |r| r.get(0))?))
        .unwrap()
}

#[tokio::test]
async fn a_shorter_retention_period_is_confirmed_first_and_run_now_anonymises() {
    let (bo, _dir) = started(0).await;
    eventually(Duration::from_secs(20), "the daily job's first run", || !entries(&bo, "retention.run").is_empty())
        .await;
    let start = entries(&bo, "retention.run");
    assert_eq!((start.len(), start[0].actor.as_str()), (1, "system"));
    assert!(start[0].detail.contains("after 90 days: 0 visit(s)"), "{}", start[0].detail);

    departed(&bo, "Ada Lovelace", 100);
    departed(&bo, "Mary Somerville", 60);
    departed(&bo, "Emmy Noether", 10);
    let adam = Desk::login(&bo.url, "adam").await;
    let page = adam.get("/console/admin/retention").await.text().await.unwrap();
    assert!(page.contains("<strong>90 days</strong>") && page.contains("would anonymise\n1 visit(s)"), "{page}");

    let r = adam.post_form("/console/admin/retention", &[("days", "30")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let confirm = r.text().await.unwrap();
    assert!(confirm.contains("from 90 to 30 days") && confirm.contains(r#"data-count="visits">2<"#), "{confirm}");
    assert_eq!(bo.state.db.with(|c| retention::policy(c)).unwrap().anonymise_after_days(), 90, "not saved yet");
    for (days, words) in [("0", "retention period"), ("ninety", "retention period")] {
        let r = adam.post_form("/console/admin/retention", &[("days", days)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(words));
    }

    let r = adam.post_form("/console/admin/retention", &[("days", "30"), ("confirm", "yes")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(bo.state.db.with(|c| retention::policy(c)).unwrap().anonymise_after_days(), 30);
    let policy = entries(&bo, "retention.policy");
    assert_eq!((policy[0].actor.as_str(), policy[0].detail.as_str()), ("adam", "90 → 30 days"));
    assert_eq!(visits_named(&bo, "Ada Lovelace"), 1, "saving the policy anonymises nothing by itself");

    let r = adam.post_form("/console/admin/retention/run", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).contains("2+visit"), "{}", location(&r));
    assert_eq!(visits_named(&bo, "Ada Lovelace"), 0);
    assert_eq!(visits_named(&bo, "Mary Somerville"), 0);
    assert_eq!(visits_named(&bo, "Emmy Noether"), 1);
    let runs = entries(&bo, "retention.run");
    assert_eq!(runs.iter().map(|e| e.actor.as_str()).collect::<Vec<_>>(), ["adam", "system"], "the job ran once");

    // The JSON equivalent: a shorter period without confirm is a 409 with the counts.
    let now: Value = adam.get("/api/v1/admin/retention").await.json().await.unwrap();
    assert_eq!(now["days"], 30);
    let r = adam.post_json("/api/v1/admin/retention", &json!({"days": 7})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(r.json::<Value>().await.unwrap()["due"]["visits"], 1);
    let r = adam.post_json("/api/v1/admin/retention", &json!({"days": 0, "confirm": true})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = adam.post_json("/api/v1/admin/retention", &json!({"days": 7, "confirm": true})).await;
    assert_eq!(r.json::<Value>().await.unwrap()["previous_days"], 30);
    let r = adam.post_json("/api/v1/admin/retention/run", &json!({})).await;
    assert_eq!(r.json::<Value>().await.unwrap()["anonymised"]["visits"], 1);
    assert_eq!(visits_named(&bo, "Emmy Noether"), 0);
    let r = adam.post_json("/api/v1/admin/retention", &json!({"days": 365})).await;
    assert_eq!(r.status(), StatusCode::OK, "a longer period needs no confirmation");
    bo.stop().await;
}

/// The `data-seq` rows of an audit page.
fn rows(html: &str) -> usize {
    html.matches("<tr data-seq=").count()
}

/// The "Older entries" link of an audit page, unescaped.
fn older(html: &str) -> Option<String> {
    let end = html.find("\" rel=\"next\"")?;
    let start = html[..end].rfind("href=\"")? + 6;
    Some(html[start..end].replace("&#38;", "&"))
}

#[tokio::test]
async fn the_audit_log_filters_by_actor_and_pages_older_entries_keeping_the_filter() {
    let (bo, _dir) = started(60).await;
    bo.state
        .db
        .with(|c| {
            for i in 0..105 {
                audit::record(c, "ana", "door.release", Some(&format!("lobby-{i}")), "")?;
            }
            for _ in 0..3 {
                audit::record(c, "bo", "override.approve", None, "")?;
            }
            Ok(())
        })
        .unwrap();
    let adam = Desk::login(&bo.url, "adam").await;
    let first = adam.get("/console/admin/audit?actor=ana&action=&from=&to=").await.text().await.unwrap();
    assert!(first.contains("append-only"));
    assert_eq!(rows(&first), 100);
    assert!(first.contains("lobby-104") && !first.contains("lobby-4<"), "newest first");
    let next = older(&first).expect("an older page");
    assert!(next.starts_with("/console/admin/audit?actor=ana&before="), "{next}");
    let second = adam.get(&next).await.text().await.unwrap();
    assert_eq!(rows(&second), 5);
    assert!(second.contains("lobby-0<") && older(&second).is_none());
    assert!(second.contains("Newest entries"));

    assert_eq!(rows(&adam.get("/console/admin/audit?actor=BO").await.text().await.unwrap()), 3);
    assert_eq!(rows(&adam.get("/console/admin/audit?action=override").await.text().await.unwrap()), 3);
    assert_eq!(rows(&adam.get("/console/admin/audit?to=2000-01-01").await.text().await.unwrap()), 0);
    let bad = adam.get("/console/admin/audit?from=yesterday").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("from: &#34;yesterday&#34; is not a date"));

    let page: Value = adam.get("/api/v1/admin/audit?actor=ana&limit=60").await.json().await.unwrap();
    assert_eq!(page["entries"].as_array().unwrap().len(), 60);
    let before = page["next_before"].as_i64().unwrap();
    let rest: Value =
        adam.get(&format!("/api/v1/admin/audit?actor=ana&limit=60&before={before}")).await.json().await.unwrap();
    assert_eq!(rest["entries"].as_array().unwrap().len(), 45);
    assert_eq!(rest["next_before"], Value::Null);
    let r = adam.get("/api/v1/admin/audit?to=2026-99-01").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json::<Value>().await.unwrap()["error"].as_str().unwrap().starts_with("to:"));
    let r = adam.get("/api/v1/admin/audit?limit=100000").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    bo.stop().await;
}
