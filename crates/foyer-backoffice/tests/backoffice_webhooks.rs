//! Chat webhooks over real sockets on 127.0.0.1: a failing endpoint's
//! secret URL never reaches the stored error, the desk, the kiosk API or
//! the log; and visitor text arrives escaped for Slack's markup.

mod backoffice_support;

use std::time::Duration;

use backoffice_support::console::{add_user, Desk};
use backoffice_support::{arrival, eventually, logs, post_events, seed_hosts, set_webhook, settings, Backoffice};
use foyer_backoffice::db::users::Role;
use foyer_wire::EventBatch;

/// The secret part of a Slack-like webhook URL.
const SECRET: &str = "T0SECRET/B0SECRET/xoxsecrettoken123";

fn batch(events: Vec<foyer_wire::WireEvent>) -> String {
    serde_json::to_string(&EventBatch { events }).unwrap()
}

/// A listener that accepts connections and closes them at once.
async fn slamming_listener() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            drop(socket);
        }
    });
    port
}

/// Whether `text` names the secret path. The log may name the host and
/// port (hyper traces its connection pool); what users see may not.
fn names_secret(text: &str) -> bool {
    text.contains("SECRET") || text.contains("xoxsecret") || text.contains("/services/")
}

fn leaks(text: &str, port: u16) -> bool {
    names_secret(text) || text.contains(&format!(":{port}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_webhooks_url_is_in_no_stored_shown_or_logged_error() {
    let logs = logs::capture();
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    let port = slamming_listener().await;
    set_webhook(&bo, 2, false, "slack", &format!("http://127.0.0.1:{port}/services/{SECRET}"));
    let token = bo.add_kiosk("lobby-1");
    assert_eq!(post_events(&bo.url, Some(token.expose()), batch(vec![arrival(2, "Ada Lovelace")])).await.status(), 200);
    eventually(Duration::from_secs(20), "the delivery to fail for good", || {
        bo.count("SELECT count(*) FROM notifications WHERE channel = 'slack' AND status = 'failed'") == 1
    })
    .await;

    let stored: String = bo
        .state
        .db
        .with(|c| Ok(c.query_row("SELECT last_error FROM notifications WHERE channel = 'slack'", [], |r| r.get(0))?))
        .unwrap();
    assert!(stored.starts_with("HTTP: "), "{stored}");
    assert!(!leaks(&stored, port) && !stored.contains("http://"), "stored: {stored}");

    add_user(&bo, "rita", Role::Receptionist);
    let rita = Desk::login(&bo.url, "rita").await;
    let page = rita.get("/console/desk/notifications").await.text().await.unwrap();
    assert!(page.contains("HTTP: "), "the desk shows why: {page}");
    let api = rita.get("/api/v1/desk/arrivals").await.text().await.unwrap();
    let kiosk = backoffice_support::http()
        .get(format!("{}/api/v1/notifications", bo.url))
        .bearer_auth(token.expose())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(kiosk.contains("HTTP: "), "{kiosk}");
    let log = logs.text();
    assert!(log.contains("notification failed"), "the failure is logged");
    assert!(log.lines().all(|l| !names_secret(l)), "the log names the webhook URL");
    for (what, text) in [("desk page", &page), ("desk API", &api), ("kiosk API", &kiosk)] {
        let line = text.lines().find(|l| leaks(l, port));
        assert!(line.is_none(), "the {what} names the webhook URL: {line:?}");
    }
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitors_markup_reaches_slack_and_teams_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    let receiver = backoffice_support::webhooks::Receiver::start().await;
    set_webhook(&bo, 2, false, "slack", &receiver.url("slack"));
    set_webhook(&bo, 1, false, "teams", &receiver.url("teams"));
    let token = bo.add_kiosk("lobby-1");
    let evil = "<!channel> *bold* <http://evil|click> & co";
    let events = batch(vec![arrival(2, evil), arrival(1, evil)]);
    assert_eq!(post_events(&bo.url, Some(token.expose()), events).await.status(), 200);
    eventually(Duration::from_secs(20), "both webhooks", || receiver.hooks().len() == 2).await;
    let hooks = receiver.hooks();
    let slack = hooks.iter().find(|h| h.name == "slack").expect("the slack call").json();
    let text = slack["text"].as_str().unwrap();
    assert!(text.starts_with("&lt;!channel&gt; *bold* &lt;http://evil|click&gt; &amp; co from Acme"), "{text}");
    assert!(!text.contains('<') && !text.contains('>'), "{text}");
    let teams = hooks.iter().find(|h| h.name == "teams").expect("the teams call").json();
    for field in ["title", "text"] {
        let v = teams[field].as_str().unwrap();
        assert!(v.contains("&lt;\\!channel&gt; \\*bold\\*") && !v.contains('<'), "{field}: {v}");
    }
    bo.stop().await;
}
