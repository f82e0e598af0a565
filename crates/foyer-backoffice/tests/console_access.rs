//! Console access over real HTTP: login, sessions, roles, CSRF, throttling,
//! and a walk over every console route proving none is served without the
//! right login.

mod backoffice_support;

use backoffice_support::console::{add_user, client, location, login_response, Desk, PASSWORD};
use backoffice_support::{settings, Backoffice};
use foyer_backoffice::console::{route_table, Access};
use foyer_backoffice::db::{api_tokens, audit, users::Role};
use reqwest::StatusCode;

async fn started() -> (Backoffice, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    add_user(&bo, "rita", Role::Receptionist);
    add_user(&bo, "adam", Role::Admin);
    (bo, dir)
}

/// A concrete path for a route pattern (`{id}` → 1).
fn concrete(path: &str) -> String {
    path.split('/').map(|seg| if seg.starts_with('{') { "1" } else { seg }).collect::<Vec<_>>().join("/")
}

#[tokio::test]
async fn every_console_route_needs_the_right_login() {
    let (bo, _dir) = started().await;
    let anon = client();
    let rita = Desk::login(&bo.url, "rita").await;
    let mut pages = route_table();
    // The JSON API's console routes, from the OpenAPI document the router is built from.
    for (path, item) in foyer_backoffice::openapi().paths.paths.iter() {
        let access = if path.starts_with("/api/v1/desk/") {
            Access::Desk
        } else if path.starts_with("/api/v1/admin/") {
            Access::Admin
        } else {
            continue;
        };
        let path: &'static str = Box::leak(path.clone().into_boxed_str());
        if item.get.is_some() {
            pages.push(foyer_backoffice::console::RouteInfo { method: "GET", path, access });
        }
        if item.post.is_some() {
            pages.push(foyer_backoffice::console::RouteInfo { method: "POST", path, access });
        }
    }
    assert!(pages.iter().any(|r| r.access == Access::Admin), "the walk covers admin routes");
    let mut walked = 0;
    for route in pages.iter().filter(|r| r.access != Access::Public) {
        let url = format!("{}{}", bo.url, concrete(route.path));
        let anonymous = match route.method {
            "GET" => anon.get(&url).send().await.unwrap(),
            _ => anon.post(&url).form(&[("x", "1")]).send().await.unwrap(),
        };
        let status = anonymous.status();
        if route.path.starts_with("/api/") {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{} {} without login", route.method, route.path);
        } else {
            assert_eq!(status, StatusCode::SEE_OTHER, "{} {} without login", route.method, route.path);
            assert!(location(&anonymous).starts_with("/console/login"), "{} redirects to the login", route.path);
        }
        if route.access == Access::Admin {
            let r = match route.method {
                "GET" => rita.get(&concrete(route.path)).await,
                _ => rita.post_form(&concrete(route.path), &[("x", "1")]).await,
            };
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{} {} as receptionist", route.method, route.path);
        }
        if route.method == "POST" {
            let r = rita.post_form_raw(&concrete(route.path), &[("x", "1")]).await;
            let expected = StatusCode::FORBIDDEN;
            assert_eq!(r.status(), expected, "{} {} without a CSRF token", route.method, route.path);
        }
        walked += 1;
    }
    assert!(walked >= 4, "walked only {walked} routes");
    bo.stop().await;
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_name_get_the_same_answer() {
    let (bo, _dir) = started().await;
    let (wrong, _) = login_response(&bo.url, "rita", "not the password").await;
    let (unknown, _) = login_response(&bo.url, "nobody", "not the password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let (a, b) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert!(a.contains("Wrong user name or password.") && b.contains("Wrong user name or password."));
    let entries = bo.state.db.with(|c| audit::list(c, &Default::default(), 50)).unwrap();
    assert_eq!(entries.iter().filter(|e| e.action == "login.failed").count(), 2);
    // The delays after repeated failures: tests/console_login_throttle.rs.
    Desk::login(&bo.url, "adam").await;
    bo.stop().await;
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_strict_and_logout_ends_it() {
    let (bo, _dir) = started().await;
    let (r, _) = login_response(&bo.url, "rita", PASSWORD).await;
    let set = r.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    assert!(!set.contains("Secure"), "plain http on loopback: no Secure flag");
    let desk = Desk::login(&bo.url, "rita").await;
    let out = desk.post_form("/console/logout", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let after = desk.get("/console/desk").await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER, "the old cookie no longer works");
    bo.stop().await;
}

#[tokio::test]
async fn an_api_token_acts_with_its_users_role_and_no_csrf() {
    let (bo, _dir) = started().await;
    let rita_id = bo.state.db.with(|c| Ok(foyer_backoffice::db::users::by_name(c, "rita")?.unwrap().id)).unwrap();
    let (_, token) = bo.state.db.with(|c| api_tokens::create(c, rita_id, "script")).unwrap();
    let c = client();
    let lobby = c.get(format!("{}/api/v1/desk/lobby", bo.url)).bearer_auth(token.expose()).send().await.unwrap();
    assert_eq!(lobby.status(), StatusCode::OK);
    let body: serde_json::Value = lobby.json().await.unwrap();
    assert!(body["on_site"].is_array());
    let wrong = c.get(format!("{}/api/v1/desk/lobby", bo.url)).bearer_auth("fyu_forged").send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    bo.stop().await;
}

#[tokio::test]
async fn a_login_form_posted_from_elsewhere_is_refused() {
    let (bo, _dir) = started().await;
    let r = client()
        .post(format!("{}/console/login", bo.url))
        .form(&[("name", "rita"), ("password", PASSWORD), ("token", "made-up")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap().contains("foyer_session")));
    bo.stop().await;
}
