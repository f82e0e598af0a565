//! The live lobby's server-sent events end with their session: on logout,
//! when the user is disabled, and when the session expires, each within a
//! bounded time, over a real HTTP connection.

mod backoffice_support;

use std::time::Duration;

use backoffice_support::console::{add_user, Desk};
use backoffice_support::{settings, Backoffice};
use foyer_backoffice::db::users::Role;
use reqwest::header::COOKIE;

/// Opens the stream on the session's cookie and reads its first event.
async fn open(desk: &Desk) -> reqwest::Response {
    open_with(desk, COOKIE.as_str(), &format!("foyer_session={}", desk.cookie)).await
}

/// Opens the stream with an API token (`authorization` as given).
async fn open_with_token(desk: &Desk, authorization: &str) -> reqwest::Response {
    open_with(desk, "authorization", authorization).await
}

/// Opens the stream with `header` set to `value` and reads its first event.
async fn open_with(desk: &Desk, header: &str, value: &str) -> reqwest::Response {
    let mut r = desk
        .client
        .get(format!("{}/console/desk/live", desk.url))
        .header(header, value)
        .timeout(Duration::from_secs(120))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let first = tokio::time::timeout(Duration::from_secs(10), r.chunk()).await.unwrap().unwrap();
    assert!(first.is_some_and(|b| String::from_utf8_lossy(&b).contains("event: lobby")), "the first event");
    r
}

/// Reads until the server closes the stream; fails after `limit`.
async fn closes_within(mut r: reqwest::Response, limit: Duration, what: &str) {
    let end = tokio::time::timeout(limit, async {
        // Bounded by the timeout around it.
        loop {
            match r.chunk().await {
                Ok(Some(_)) => continue,
                _ => return,
            }
        }
    })
    .await;
    assert!(end.is_ok(), "the stream was still open {limit:?} after {what}");
}

async fn started() -> (Backoffice, tempfile::TempDir, Desk, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    add_user(&bo, "rita", Role::Receptionist);
    add_user(&bo, "adam", Role::Admin);
    let rita = Desk::login(&bo.url, "rita").await;
    let adam = Desk::login(&bo.url, "adam").await;
    (bo, dir, rita, adam)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stream_ends_on_logout_and_when_the_user_is_disabled() {
    let (bo, _dir, rita, adam) = started().await;
    let stream = open(&rita).await;
    let other = open(&adam).await;
    assert_eq!(rita.post_form("/console/logout", &[]).await.status(), 303);
    closes_within(stream, Duration::from_secs(3), "logout").await;

    let rita = Desk::login(&bo.url, "rita").await;
    let stream = open(&rita).await;
    let id = bo.count("SELECT id FROM users WHERE name = 'rita'");
    let r = adam.post_form(&format!("/console/admin/users/{id}/disable"), &[]).await;
    assert_eq!(r.status(), 303);
    closes_within(stream, Duration::from_secs(3), "the user was disabled").await;
    // adam's own stream is not affected by rita's session ending.
    let still = tokio::time::timeout(Duration::from_millis(300), async move {
        let mut other = other;
        other.chunk().await.map(|c| c.is_none())
    })
    .await;
    assert!(still.is_err(), "another user's stream stays open");
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stream_ends_when_its_session_expires() {
    let (bo, _dir, rita, _adam) = started().await;
    let stream = open(&rita).await;
    // Idle for longer than any idle timeout; no signal is sent for expiry.
    bo.state.db.with(|c| Ok(c.execute("UPDATE sessions SET last_seen_at = last_seen_at - 100000", [])?)).unwrap();
    closes_within(stream, Duration::from_secs(10), "the session expired").await;
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_on_an_api_token_of_any_scheme_case_runs_until_the_token_is_revoked() {
    let (bo, _dir, rita, _adam) = started().await;
    let rita_id = bo.state.db.with(|c| foyer_backoffice::db::users::by_name(c, "rita")).unwrap().unwrap().id;
    let (id, token) = bo.state.db.with(|c| foyer_backoffice::db::api_tokens::create(c, rita_id, "wallboard")).unwrap();
    // The guard takes `bearer` in any case; so must the stream's re-check.
    let r = open_with_token(&rita, &format!("bearer {}", token.expose())).await;
    bo.state.db.with(|c| foyer_backoffice::db::api_tokens::revoke(c, id)).unwrap();
    closes_within(r, Duration::from_secs(10), "the token was revoked").await;
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_on_an_api_token_ends_as_soon_as_an_admin_revokes_the_token() {
    let (bo, _dir, rita, _adam) = started().await;
    let db = &bo.state.db;
    let rita_id = db.with(|c| foyer_backoffice::db::users::by_name(c, "rita")).unwrap().unwrap().id;
    let adam_id = db.with(|c| foyer_backoffice::db::users::by_name(c, "adam")).unwrap().unwrap().id;
    let (id, wallboard) = db.with(|c| foyer_backoffice::db::api_tokens::create(c, rita_id, "wallboard")).unwrap();
    let (_, script) = db.with(|c| foyer_backoffice::db::api_tokens::create(c, adam_id, "ops script")).unwrap();
    let r = open_with_token(&rita, &format!("Bearer {}", wallboard.expose())).await;
    let revoked = rita
        .client
        .post(format!("{}/api/v1/admin/api-tokens/{id}/revoke", bo.url))
        .bearer_auth(script.expose())
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200, "{}", revoked.text().await.unwrap());
    // Well inside the 5 s re-check: the revocation itself ends the stream.
    closes_within(r, Duration::from_secs(3), "the token was revoked through the API").await;
    bo.stop().await;
}
