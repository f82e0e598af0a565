//! A browser-like client of the console for HTTP-level tests: it logs in
//! through the real login form, keeps the session cookie, and sends the
//! CSRF token the way a form (field) or a script (header) does. Redirects
//! are not followed, so tests see them.

use foyer_backoffice::db::users::{self, Role};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Response, StatusCode};

use super::Backoffice;

/// The password every test user gets.
pub const PASSWORD: &str = "correct horse battery";

/// A plain client that does not follow redirects.
pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Adds a user with [`PASSWORD`].
pub fn add_user(bo: &Backoffice, name: &str, role: Role) -> i64 {
    bo.state.db.with(|c| users::add(c, name, role, PASSWORD)).unwrap()
}

/// A signed-in browser.
pub struct Desk {
    pub url: String,
    pub client: reqwest::Client,
    pub cookie: String,
    pub csrf: String,
}

fn cookie_value(r: &Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .find_map(|(k, v)| (k == name).then_some(v))
}

/// The value of `<input … name="NAME" value="…">` in a page.
pub fn hidden_field(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// Submits the login form as a browser does; returns the response.
pub async fn login_response(url: &str, name: &str, password: &str) -> (Response, reqwest::Client) {
    login_via(url, name, password, &[]).await
}

/// As [`login_response`], with extra request headers on the form's POST
/// (e.g. the `X-Forwarded-For` a proxy adds).
pub async fn login_via(url: &str, name: &str, password: &str, headers: &[(&str, &str)]) -> (Response, reqwest::Client) {
    let client = client();
    let form = client.get(format!("{url}/console/login")).send().await.unwrap();
    let login_cookie = cookie_value(&form, "foyer_login").expect("the login page sets its form cookie");
    let token = hidden_field(&form.text().await.unwrap(), "token").expect("the login form carries its token");
    let mut post = client
        .post(format!("{url}/console/login"))
        .header(COOKIE, format!("foyer_login={login_cookie}"))
        .form(&[("name", name), ("password", password), ("token", &token), ("next", "/console/desk")]);
    for (k, v) in headers {
        post = post.header(*k, *v);
    }
    (post.send().await.unwrap(), client)
}

impl Desk {
    /// Logs `name` in with [`PASSWORD`] and reads the CSRF token off the lobby.
    pub async fn login(url: &str, name: &str) -> Self {
        let (r, client) = login_response(url, name, PASSWORD).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login of {name} failed");
        let cookie = cookie_value(&r, "foyer_session").expect("a session cookie");
        let mut desk = Self { url: url.to_owned(), client, cookie, csrf: String::new() };
        let lobby = desk.get("/console/desk").await;
        assert_eq!(lobby.status(), StatusCode::OK);
        desk.csrf = hidden_field(&lobby.text().await.unwrap(), "csrf").expect("the lobby carries the CSRF token");
        desk
    }

    pub async fn get(&self, path: &str) -> Response {
        let cookie = format!("foyer_session={}", self.cookie);
        self.client.get(format!("{}{path}", self.url)).header(COOKIE, cookie).send().await.unwrap()
    }

    /// Posts a form with the CSRF field, as the console's forms do.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut all = fields.to_vec();
        all.push(("csrf", &self.csrf));
        self.post_form_raw(path, &all).await
    }

    /// Posts a form exactly as given (no CSRF field added).
    pub async fn post_form_raw(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let cookie = format!("foyer_session={}", self.cookie);
        self.client.post(format!("{}{path}", self.url)).header(COOKIE, cookie).form(fields).send().await.unwrap()
    }

    /// Posts JSON with the CSRF header, as a script with a session does.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        let cookie = format!("foyer_session={}", self.cookie);
        self.client
            .post(format!("{}{path}", self.url))
            .header(COOKIE, cookie)
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .unwrap()
    }
}

/// Where a redirect points.
pub fn location(r: &Response) -> String {
    r.headers().get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}
