//! The login against anonymous callers, over real HTTP: progressive delay
//! per name and address instead of a lock-out of the real user, client
//! addresses believed only from a trusted proxy, an admin clearing a delay,
//! capped and refused inputs, and who may read `/metrics`.

mod backoffice_support;

use backoffice_support::console::{add_user, client, location, login_via, Desk, PASSWORD};
use backoffice_support::{settings, Backoffice};
use foyer_backoffice::db::{api_tokens, audit, users::Role};
use foyer_backoffice::BackofficeSettings;
use foyer_domain::Secret;
use reqwest::StatusCode;

const ATTACKER: &str = "203.0.113.7";
const RITAS_DESK: &str = "198.51.100.2";

/// A back office behind a proxy on loopback, with rita and the admin adam.
async fn behind_proxy() -> (Backoffice, tempfile::TempDir) {
    let mut s = settings(None, None);
    s.trusted_proxies =
        toml::from_str::<BackofficeSettings>("trusted_proxies = [\"127.0.0.1\"]").unwrap().trusted_proxies;
    started(s).await
}

async fn started(s: BackofficeSettings) -> (Backoffice, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(s, dir.path()).await;
    add_user(&bo, "rita", Role::Receptionist);
    add_user(&bo, "adam", Role::Admin);
    (bo, dir)
}

async fn login_from(bo: &Backoffice, addr: &str, name: &str, password: &str) -> reqwest::Response {
    login_via(&bo.url, name, password, &[("x-forwarded-for", addr)]).await.0
}

/// Fails `name`'s login from `addr` until the server answers 429 (at most
/// `limit` tries); returns how many attempts were refused as wrong first.
async fn fail_until_delayed(bo: &Backoffice, addr: &str, name: &str, limit: usize) -> usize {
    for tried in 0..limit {
        let r = login_from(bo, addr, name, "not the password").await;
        match r.status() {
            StatusCode::UNAUTHORIZED => assert!(r.text().await.unwrap().contains("Wrong user name or password.")),
            StatusCode::TOO_MANY_REQUESTS => {
                let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
                assert!((1..=900).contains(&retry), "Retry-After {retry}");
                assert!(r.text().await.unwrap().contains("Too many failed logins. Wait"));
                return tried;
            }
            other => panic!("attempt {tried}: {other}"),
        }
    }
    panic!("{limit} failed logins for {name} from {addr} were never delayed")
}

#[tokio::test]
async fn a_guesser_is_delayed_and_the_real_user_from_another_address_is_not() {
    let (bo, _dir) = behind_proxy().await;
    let refused = fail_until_delayed(&bo, ATTACKER, "RITA ", 8).await;
    // Failures are timed to the second, so a wait can end a second early.
    assert!(
        (4..=5).contains(&refused),
        "three free failures, a fourth after a one-second wait, then a refusal: {refused}"
    );
    let real = login_from(&bo, RITAS_DESK, "rita", PASSWORD).await;
    assert_eq!(real.status(), StatusCode::SEE_OTHER, "rita at her own desk is not locked out");
    let entries = bo.state.db.with(|c| audit::list(c, &Default::default(), 50)).unwrap();
    let failed: Vec<_> = entries.iter().filter(|e| e.action == "login.failed").collect();
    assert_eq!(failed.len(), refused, "refused-unchecked attempts are not audited one by one");
    assert!(
        failed
            .iter()
            .all(|e| e.actor.eq_ignore_ascii_case("rita") && e.detail.starts_with(&format!("from {ATTACKER}"))),
        "{failed:?}"
    );
    assert!(failed[0].detail.contains("waits"), "the last failure says the next attempt waits: {}", failed[0].detail);
    assert!(entries.iter().any(|e| e.action == "login" && e.detail == format!("from {RITAS_DESK}")));
    bo.stop().await;
}

#[tokio::test]
async fn a_flood_of_random_names_slows_its_address_only_and_an_admin_clears_a_delay() {
    let (bo, _dir) = behind_proxy().await;
    let mut refused = 0;
    for i in 0..14 {
        match login_from(&bo, ATTACKER, &format!("random-{i}"), "guess").await.status() {
            StatusCode::UNAUTHORIZED => refused += 1,
            StatusCode::TOO_MANY_REQUESTS => break,
            other => panic!("random name {i}: {other}"),
        }
    }
    assert!(
        (11..=12).contains(&refused),
        "ten free failures, an eleventh after a wait, then the address waits: {refused}"
    );
    assert_eq!(login_from(&bo, RITAS_DESK, "rita", PASSWORD).await.status(), StatusCode::SEE_OTHER);

    // rita's own laptop at a café, after a few typos: delayed until cleared.
    let cafe = "192.0.2.44";
    fail_until_delayed(&bo, cafe, "rita", 8).await;
    let adam = Desk::login(&bo.url, "adam").await;
    let page = adam.get("/console/admin/users").await.text().await.unwrap();
    assert!(page.contains(" failed logins</span>") && page.contains("Clear login delay"), "{page}");
    let rita_id = bo.state.db.with(|c| foyer_backoffice::db::users::by_name(c, "rita")).unwrap().unwrap().id;
    let cleared = adam.post_form(&format!("/console/admin/users/{rita_id}/unlock"), &[]).await;
    assert_eq!(cleared.status(), StatusCode::SEE_OTHER);
    assert!(location(&cleared).contains("login+delay+of+rita+cleared"), "{}", location(&cleared));
    assert_eq!(login_from(&bo, cafe, "rita", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let entries = bo.state.db.with(|c| audit::list(c, &Default::default(), 100)).unwrap();
    let unlock = entries.iter().find(|e| e.action == "login.unlock").expect("the clearing is audited");
    assert_eq!((unlock.actor.as_str(), unlock.target.as_deref()), ("adam", Some("rita")));
    bo.stop().await;
}

#[tokio::test]
async fn forwarded_headers_count_only_from_a_trusted_proxy() {
    let (bo, _dir) = started(settings(None, None)).await;
    // Each attempt claims another address; with no trusted proxy they are
    // all the TCP peer, so the guesser is delayed all the same.
    let mut refused = 0;
    for i in 0..8 {
        let claimed = format!("198.51.100.{i}");
        match login_from(&bo, &claimed, "rita", "not the password").await.status() {
            StatusCode::UNAUTHORIZED => refused += 1,
            StatusCode::TOO_MANY_REQUESTS => break,
            other => panic!("{other}"),
        }
    }
    assert!((4..=5).contains(&refused), "{refused}");
    let entries = bo.state.db.with(|c| audit::list(c, &Default::default(), 50)).unwrap();
    assert!(entries.iter().filter(|e| e.action == "login.failed").all(|e| e.detail.starts_with("from 127.0.0.1")));
    // Nor is a claim of TLS believed: the session cookie is not Secure.
    let (r, _) = login_via(&bo.url, "adam", PASSWORD, &[("x-forwarded-proto", "https")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(!r.headers()["set-cookie"].to_str().unwrap().contains("Secure"));
    bo.stop().await;

    let (bo, _dir) = behind_proxy().await;
    let proxied = [("x-forwarded-for", RITAS_DESK), ("x-forwarded-proto", "https")];
    let (r, _) = login_via(&bo.url, "adam", PASSWORD, &proxied).await;
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("; Secure"), "a trusted proxy's https is believed");
    bo.stop().await;
}

#[tokio::test]
async fn huge_names_are_refused_or_capped_and_a_smuggled_redirect_is_refused() {
    let (bo, _dir) = started(settings(None, None)).await;
    let size_before = bo.count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    let huge = "x".repeat(100_000);
    let (r, _) = login_via(&bo.url, &huge, "guess", &[]).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.text().await.unwrap().contains("The login form is larger than 4 KiB."));
    let long = "é".repeat(600);
    let (r, _) = login_via(&bo.url, &long, "guess", &[]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let page = r.text().await.unwrap();
    assert!(page.contains(&"é".repeat(80)) && !page.contains(&"é".repeat(81)), "the form shows the name back capped");
    let entries = bo.state.db.with(|c| audit::list(c, &Default::default(), 10)).unwrap();
    let actor = &entries.iter().find(|e| e.action == "login.failed").unwrap().actor;
    assert!(actor.starts_with(&"é".repeat(80)) && actor.ends_with("[cut: 600 characters in all]"), "{actor}");
    let size_after = bo.count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    assert!(size_after - size_before < 64 * 1024, "the database grew by {} bytes", size_after - size_before);

    let c = client();
    let smuggled = c.get(format!("{}/console/login?next=/console%0d%0aX:y", bo.url)).send().await.unwrap();
    assert_eq!(smuggled.status(), StatusCode::BAD_REQUEST);
    assert!(smuggled.text().await.unwrap().contains("control characters"));
    bo.stop().await;
}

#[tokio::test]
async fn a_bearer_token_is_accepted_whatever_the_case_of_its_scheme() {
    let (bo, _dir) = started(settings(None, None)).await;
    let rita = bo.state.db.with(|c| foyer_backoffice::db::users::by_name(c, "rita")).unwrap().unwrap();
    let (_, token) = bo.state.db.with(|c| api_tokens::create(c, rita.id, "script")).unwrap();
    let kiosk = bo.add_kiosk("lobby-1");
    let c = client();
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let lobby = c
            .get(format!("{}/api/v1/desk/lobby", bo.url))
            .header("authorization", format!("{scheme} {}", token.expose()))
            .send()
            .await
            .unwrap();
        assert_eq!(lobby.status(), StatusCode::OK, "{scheme}");
        let sync = c
            .get(format!("{}/api/v1/sync?since=0", bo.url))
            .header("authorization", format!("{scheme}  {}", kiosk.expose()))
            .send()
            .await
            .unwrap();
        assert_eq!(sync.status(), StatusCode::OK, "kiosk token with {scheme}");
    }
    bo.stop().await;
}

#[tokio::test]
async fn metrics_need_the_token_or_this_machine_without_a_proxy() {
    let c = client();
    let (bo, _dir) = behind_proxy().await;
    let local = c.get(format!("{}/metrics", bo.url)).send().await.unwrap();
    assert_eq!(local.status(), StatusCode::OK, "this machine, directly");
    let forwarded = c.get(format!("{}/metrics", bo.url)).header("x-forwarded-for", ATTACKER).send().await.unwrap();
    assert_eq!(forwarded.status(), StatusCode::FORBIDDEN, "through the proxy");
    assert!(forwarded.text().await.unwrap().contains("backoffice.metrics_token"));
    bo.stop().await;

    let mut s = settings(None, None);
    s.metrics_token = Secret::new("scrape-me-please");
    let (bo, _dir) = started(s).await;
    let none = c.get(format!("{}/metrics", bo.url)).send().await.unwrap();
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED, "a configured token is needed even locally");
    let wrong = c.get(format!("{}/metrics", bo.url)).bearer_auth("scrape-me-pleasX").send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = c.get(format!("{}/metrics", bo.url)).header("authorization", "bearer scrape-me-please").send().await;
    let right = right.unwrap();
    assert_eq!(right.status(), StatusCode::OK);
    assert!(right.text().await.unwrap().contains("# TYPE foyer_logins_total counter"));
    bo.stop().await;
}
