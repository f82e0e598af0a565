//! The browser-facing security headers, over real HTTP: every GET route of
//! the console's route table (signed in as admin), the login page, a 404,
//! a guard refusal and the JSON API; and the templates hold nothing the
//! strict CSP would block (inline script, handlers or styles).

mod backoffice_support;

use backoffice_support::console::{add_user, client, Desk};
use backoffice_support::{settings, Backoffice};
use foyer_backoffice::console::route_table;
use foyer_backoffice::db::users::Role;
use reqwest::Response;

fn concrete(path: &str) -> String {
    path.split('/').map(|seg| if seg.starts_with('{') { "1" } else { seg }).collect::<Vec<_>>().join("/")
}

fn header<'a>(r: &'a Response, name: &str) -> &'a str {
    r.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// The headers every console response carries; `cached` for the assets.
fn check_console(r: &Response, what: &str, cached: bool) {
    let csp = header(r, "content-security-policy");
    for part in [
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "{what}: CSP {csp:?} lacks {part}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{what}: {csp}");
    assert_eq!(header(r, "x-content-type-options"), "nosniff", "{what}");
    assert!(["same-origin", "no-referrer", "strict-origin"].contains(&header(r, "referrer-policy")), "{what}");
    if !cached {
        assert_eq!(header(r, "cache-control"), "no-store", "{what}");
    }
}

#[tokio::test]
async fn every_console_get_route_the_login_page_and_errors_carry_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    add_user(&bo, "adam", Role::Admin);
    let adam = Desk::login(&bo.url, "adam").await;
    let mut walked = 0;
    for route in route_table().iter().filter(|r| r.method == "GET") {
        let path = match route.path {
            "/console/assets/{file}" => "/console/assets/console.css".to_owned(),
            p => concrete(p),
        };
        // Only the headers are read: the live lobby's stream never ends.
        let r = adam.get(&path).await;
        check_console(&r, &format!("GET {path} ({})", r.status()), path.starts_with("/console/assets/"));
        walked += 1;
    }
    assert!(walked >= 15, "walked only {walked} GET routes");

    let anon = client();
    let login = anon.get(format!("{}/console/login", bo.url)).send().await.unwrap();
    assert_eq!(login.status(), 200);
    check_console(&login, "the login page", false);
    let missing = adam.get("/console/no-such-page").await;
    assert_eq!(missing.status(), 404);
    check_console(&missing, "a 404", false);
    let refused = anon.get(format!("{}/console/admin/users", bo.url)).send().await.unwrap();
    check_console(&refused, "the sign-in redirect", false);
    let forged = adam.post_form_raw("/console/admin/users", &[("name", "x")]).await;
    assert_eq!(forged.status(), 403);
    check_console(&forged, "a CSRF refusal", false);

    let api = adam.get("/api/v1/desk/lobby").await;
    assert_eq!(api.status(), 200);
    assert_eq!(header(&api, "cache-control"), "no-store", "API JSON carries names too");
    assert_eq!(header(&api, "x-content-type-options"), "nosniff");
    bo.stop().await;
}

/// Every template file, with its path.
fn templates() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out
}

#[test]
fn no_template_has_inline_script_handlers_or_styles_that_the_csp_would_block() {
    let all = templates();
    assert!(all.len() > 10, "found only {} templates", all.len());
    for (path, html) in all.iter().filter(|(p, _)| !p.contains("/email/")) {
        let lower = html.to_lowercase();
        assert!(!lower.contains("style=") && !lower.contains("<style"), "{path}: inline style");
        assert!(!lower.contains("javascript:"), "{path}: javascript: URL");
        for (at, _) in lower.match_indices("<script") {
            let tag = &lower[at..at + lower[at..].find('>').unwrap()];
            assert!(tag.contains(" src="), "{path}: inline script {tag}");
        }
        for (at, _) in lower.match_indices(" on") {
            let word: String = lower[at + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            let handler = lower[at + 1 + word.len()..].starts_with('=');
            assert!(!handler, "{path}: inline handler {word}=");
        }
    }
}
