//! The admin console's directory area over real HTTP: hosts (forms, CSV
//! upload, escaping, kiosk sync), watchlist, agreement and visitor types;
//! the JSON API is in `console_directory/json.rs`, agreement languages in
//! `console_directory/agreement_languages.rs`.

#[path = "console_directory/agreement_languages.rs"]
mod agreement_languages;
mod backoffice_support;
#[path = "console_directory/json.rs"]
mod json;

use backoffice_support::console::{add_user, hidden_field, location, Desk};
use backoffice_support::{http, settings, Backoffice};
use foyer_backoffice::db::{audit, hosts_admin, users::Role};
use foyer_domain::Secret;
use reqwest::header::{CONTENT_TYPE, COOKIE};
use reqwest::{Response, StatusCode};

pub async fn started() -> (Backoffice, tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    add_user(&bo, "adam", Role::Admin);
    let adam = Desk::login(&bo.url, "adam").await;
    (bo, dir, adam)
}

/// What a kiosk with `token` gets from its sync since `since`.
pub async fn kiosk_sync(bo: &Backoffice, token: &Secret, since: i64) -> serde_json::Value {
    let r =
        http().get(format!("{}/api/v1/sync?since={since}", bo.url)).bearer_auth(token.expose()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// The audit entries with `action`, as (actor, target, detail).
pub fn audited(bo: &Backoffice, action: &str) -> Vec<(String, String, String)> {
    let all = bo.state.db.with(|c| audit::list(c, &Default::default(), 500)).unwrap();
    all.into_iter().filter(|e| e.action == action).map(|e| (e.actor, e.target.unwrap_or_default(), e.detail)).collect()
}

async fn text(r: Response) -> String {
    r.text().await.unwrap()
}

/// Follows a redirect (to read the notice it carries).
async fn follow(desk: &Desk, r: Response) -> String {
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "expected a redirect");
    text(desk.get(&location(&r)).await).await
}

fn host_id(bo: &Backoffice, name: &str) -> i64 {
    let all = bo.state.db.with(|c| hosts_admin::list(c, None, true, None, 200)).unwrap();
    all.into_iter().find(|h| h.name == name).unwrap_or_else(|| panic!("no host {name}")).id
}

#[tokio::test]
async fn a_host_added_edited_and_deactivated_through_the_forms_reaches_the_list_and_the_kiosks() {
    let (bo, _dir, adam) = started().await;
    let kiosk = bo.add_kiosk("lobby-1");
    let fields = [("name", "Grace Hopper"), ("email", "grace@example.org"), ("phone", ""), ("department", "Navy")];
    let page = follow(&adam, adam.post_form("/console/admin/hosts", &fields).await).await;
    assert!(page.contains("Grace Hopper added"), "the notice says so");
    assert!(page.contains(">Grace Hopper</a>") && page.contains("badge ok\">active"));
    assert!(page.contains("aria-current=\"page\">Hosts</a>"), "the sub-nav marks Hosts");
    let id = host_id(&bo, "Grace Hopper");
    let synced = kiosk_sync(&bo, &kiosk, 0).await;
    assert_eq!(synced["hosts"][0]["name"], "Grace Hopper");
    assert_eq!(synced["hosts"][0]["deleted"], false);

    let edit = [
        ("name", "Grace B. Hopper"),
        ("email", "grace@example.org"),
        ("phone", "+1 202 555 0100"),
        ("department", "Navy"),
        ("notify_email", "on"),
        ("webhook_kind", "slack"),
        ("webhook_url", "https://hooks.example.org/T1/B2"),
    ];
    let r = adam.post_form(&format!("/console/admin/hosts/{id}"), &edit).await;
    assert!(location(&r).starts_with(&format!("/console/admin/hosts/{id}?notice=")));
    let page = follow(&adam, r).await;
    assert!(page.contains("saved (details and notifications)"), "{page}");
    assert!(page.contains("value=\"https://hooks.example.org/T1/B2\"") && page.contains("value=\"slack\" selected"));
    let after_edit = kiosk_sync(&bo, &kiosk, synced["version"].as_i64().unwrap()).await;
    assert_eq!(after_edit["hosts"][0]["name"], "Grace B. Hopper");

    let r = adam.post_form(&format!("/console/admin/hosts/{id}/deactivate"), &[("back", "list")]).await;
    assert!(location(&r).starts_with("/console/admin/hosts?notice="));
    assert!(follow(&adam, r).await.contains("badge bad\">inactive"));
    let gone = kiosk_sync(&bo, &kiosk, after_edit["version"].as_i64().unwrap()).await;
    assert_eq!(gone["hosts"][0]["deleted"], true);
    let page = follow(&adam, adam.post_form(&format!("/console/admin/hosts/{id}/reactivate"), &[]).await).await;
    assert!(page.contains("active again"));
    assert_eq!(kiosk_sync(&bo, &kiosk, gone["version"].as_i64().unwrap()).await["hosts"][0]["deleted"], false);

    let target = format!("host {id}");
    for action in ["host.add", "host.update", "host.notify", "host.deactivate", "host.reactivate"] {
        let entries = audited(&bo, action);
        assert_eq!(entries.len(), 1, "{action}");
        assert_eq!((entries[0].0.as_str(), entries[0].1.as_str()), ("adam", target.as_str()), "{action}");
    }
    assert_eq!(audited(&bo, "host.update")[0].2, "Grace B. Hopper: changed name, phone");
    assert_eq!(audited(&bo, "host.notify")[0].2, "email on, slack webhook", "the URL stays out of the log");
    bo.stop().await;
}

#[tokio::test]
async fn a_bad_field_is_refused_by_name_and_nothing_is_written() {
    let (bo, _dir, adam) = started().await;
    let r = adam.post_form("/console/admin/hosts", &[("name", "Alan Turing"), ("email", "not-an-email")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(r).await;
    assert!(page.contains("email is not valid") && page.contains("value=\"Alan Turing\""), "refilled: {page}");
    assert_eq!(bo.count("SELECT count(*) FROM hosts"), 0);

    adam.post_form("/console/admin/hosts", &[("name", "Alan Turing")]).await;
    let id = host_id(&bo, "Alan Turing");
    let edit = [("name", "A. M. Turing"), ("webhook_kind", "generic"), ("webhook_url", "ftp://example.org/hook")];
    let r = adam.post_form(&format!("/console/admin/hosts/{id}"), &edit).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(r).await.contains("webhook URL: it must start with http:// or https://"));
    let email_without_address = [("name", "Alan Turing"), ("notify_email", "on")];
    let r = adam.post_form(&format!("/console/admin/hosts/{id}"), &email_without_address).await;
    assert!(text(r).await.contains("notify by email: the host has no email address"));
    assert_eq!(bo.state.db.with(|c| hosts_admin::get(c, id)).unwrap().unwrap().name, "Alan Turing");
    assert!(audited(&bo, "host.update").is_empty() && audited(&bo, "host.notify").is_empty());
    bo.stop().await;
}

#[tokio::test]
async fn a_script_in_a_host_name_is_shown_as_text() {
    let (bo, _dir, adam) = started().await;
    adam.post_form("/console/admin/hosts", &[("name", "<script>alert(1)</script>")]).await;
    let id = host_id(&bo, "<script>alert(1)</script>");
    for path in ["/console/admin/hosts".to_owned(), format!("/console/admin/hosts/{id}")] {
        let page = text(adam.get(&path).await).await;
        assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{path}");
        assert!(!page.contains("<script>alert"), "{path}");
    }
    bo.stop().await;
}

/// An upload with no fields at all (so no token in its body), to the
/// import route with `query` appended.
async fn empty_upload(desk: &Desk, query: &str) -> Response {
    desk.client
        .post(format!("{}/console/admin/hosts/import{query}", desk.url))
        .header(COOKIE, format!("foyer_session={}", desk.cookie))
        .header(CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body("--x--\r\n")
        .send()
        .await
        .unwrap()
}

/// Uploads `csv` through the page's import form, with the CSRF token as
/// the form's hidden field in the multipart body (`token`: another one).
async fn upload_with(desk: &Desk, csv: &str, token: Option<&str>) -> Response {
    let page = text(desk.get("/console/admin/hosts").await).await;
    let start = page.find("action=\"/console/admin/hosts/import").expect("the import form");
    let form = &page[start..start + page[start..].find("</form>").unwrap()];
    assert!(!page.contains("csrf="), "the CSRF token is in no URL");
    assert!(form.contains("enctype=\"multipart/form-data\""));
    let action = &form[8..8 + form[8..].find('"').unwrap()];
    assert_eq!(action, "/console/admin/hosts/import");
    let token = token.map(str::to_owned).unwrap_or_else(|| hidden_field(form, "csrf").expect("the form's token"));
    let boundary = "foyer-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hosts.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    desk.client
        .post(format!("{}{action}", desk.url))
        .header(COOKIE, format!("foyer_session={}", desk.cookie))
        .header(CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn upload(desk: &Desk, csv: &str) -> Response {
    upload_with(desk, csv, None).await
}

#[tokio::test]
async fn a_csv_upload_adds_and_updates_and_a_broken_line_3_imports_nothing() {
    let (bo, _dir, adam) = started().await;
    adam.post_form("/console/admin/hosts", &[("name", "Grace Hopper"), ("email", "grace@example.org")]).await;
    let good =
        "name,email,phone,department\nAda Lovelace,ada@example.org,,Engines\nGrace B. Hopper,GRACE@example.org,,Navy\n";
    let page = follow(&adam, upload(&adam, good).await).await;
    assert!(page.contains("import done: 1 added, 1 updated"), "{page}");
    assert!(page.contains("Grace B. Hopper") && page.contains("Ada Lovelace"));
    assert_eq!(bo.count("SELECT count(*) FROM hosts"), 2, "the email in other case updated Grace");
    assert_eq!(audited(&bo, "hosts.import"), [("adam".to_owned(), String::new(), "1 added, 1 updated".to_owned())]);

    let broken = "name,email,phone,department\nAlan Turing,alan@example.org,,\nEve,not-an-email,,\n";
    let r = upload(&adam, broken).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(r).await;
    assert!(page.contains("CSV line 3: email is not valid") && page.contains("nothing was imported"), "{page}");
    assert_eq!(bo.count("SELECT count(*) FROM hosts"), 2, "line 2 was not imported either");
    assert_eq!(audited(&bo, "hosts.import").len(), 1);

    let no_token = empty_upload(&adam, "").await;
    assert_eq!(no_token.status(), StatusCode::FORBIDDEN, "an upload without the token");
    let csv = "name,email,phone,department\nMallory,,,\n";
    let forged = upload_with(&adam, csv, Some("not-the-token")).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "an upload with a wrong token in its body");
    let in_url = empty_upload(&adam, &format!("?csrf={}", adam.csrf)).await;
    assert_eq!(in_url.status(), StatusCode::FORBIDDEN, "a token in the URL is not accepted");
    assert_eq!(bo.count("SELECT count(*) FROM hosts WHERE name = 'Mallory'"), 0);
    bo.stop().await;
}

#[tokio::test]
async fn watchlist_entries_are_added_edited_and_removed_for_the_kiosks() {
    let (bo, _dir, adam) = started().await;
    let kiosk = bo.add_kiosk("lobby-1");
    let page = follow(
        &adam,
        adam.post_form("/console/admin/watchlist", &[("name", "Eve Mallory"), ("reason", "trespass")]).await,
    )
    .await;
    assert!(
        page.contains("<td>Eve Mallory</td><td>trespass</td>") && page.contains("data-confirm=\"Remove Eve Mallory")
    );
    let id: i64 = bo.count("SELECT id FROM watchlist");
    let synced = kiosk_sync(&bo, &kiosk, 0).await;
    assert_eq!(synced["watchlist"][0]["name"], "Eve Mallory");

    let r = adam.post_form("/console/admin/watchlist", &[("name", " "), ("reason", "x")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(r).await.contains("watchlist name is required"));
    let edit = format!("/console/admin/watchlist/{id}");
    assert!(text(adam.get(&edit).await).await.contains("value=\"trespass\""));
    let page =
        follow(&adam, adam.post_form(&edit, &[("name", "Eve A. Mallory"), ("reason", "trespass, 2025")]).await).await;
    assert!(page.contains("<td>Eve A. Mallory</td><td>trespass, 2025</td>"));

    let page = follow(&adam, adam.post_form(&format!("{edit}/remove"), &[]).await).await;
    assert!(page.contains("Eve A. Mallory is off the watchlist") && page.contains("The watchlist is empty."));
    let after = kiosk_sync(&bo, &kiosk, synced["version"].as_i64().unwrap()).await;
    assert_eq!((&after["watchlist"][0]["id"], &after["watchlist"][0]["deleted"]), (&id.into(), &true.into()));
    for action in ["watchlist.add", "watchlist.update", "watchlist.remove"] {
        assert_eq!(audited(&bo, action)[0].0, "adam", "{action}");
    }
    bo.stop().await;
}

#[tokio::test]
async fn publishing_an_agreement_bumps_its_version_and_keeps_the_old_one_viewable() {
    let (bo, _dir, adam) = started().await;
    let kiosk = bo.add_kiosk("lobby-1");
    let page = follow(&adam, adam.post_form("/console/admin/agreement", &[("text", "Wear your badge.")]).await).await;
    assert!(page.contains("version 1 published; kiosks show it after their next sync"));
    let page =
        follow(&adam, adam.post_form("/console/admin/agreement", &[("text", "Wear your badge.\r\nBe kind.")]).await)
            .await;
    assert!(page.contains("Current: version 2") && page.contains("Wear your badge.\nBe kind."));
    assert!(page.find("Version 2</a>").unwrap() < page.find("Version 1</a>").unwrap(), "newest first");
    assert!(page.contains("after their next sync"));
    let old = text(adam.get("/console/admin/agreement/1").await).await;
    assert!(old.contains("version 1") && old.contains("Wear your badge.") && !old.contains("Be kind"));
    assert_eq!(adam.get("/console/admin/agreement/9").await.status(), StatusCode::NOT_FOUND);

    let again = adam.post_form("/console/admin/agreement", &[("text", "Wear your badge.\nBe kind.")]).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(again).await.contains("unchanged from version 2"));
    assert_eq!(kiosk_sync(&bo, &kiosk, 0).await["agreement"]["version"], 2);
    let published = audited(&bo, "agreement.publish");
    assert_eq!(
        published.iter().map(|e| (e.0.as_str(), e.2.as_str())).collect::<Vec<_>>(),
        [("adam", "version 2"), ("adam", "version 1")]
    );
    bo.stop().await;
}

#[tokio::test]
async fn the_visitor_types_page_shows_the_kiosk_rules() {
    let (bo, _dir, adam) = started().await;
    let page = text(adam.get("/console/admin/visitor-types").await).await;
    assert!(page.contains("built into the kiosk"));
    let delivery = &page[page.find("data-type=\"delivery\"").unwrap()..];
    let row = &delivery[..delivery.find("</tr>").unwrap()];
    assert!(row.contains("<td>no</td><td>30 min</td>"), "{row}");
    bo.stop().await;
}
