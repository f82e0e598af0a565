//! The session cookie: `HttpOnly` (no script reads it), `SameSite=Strict`
//! (no other site's page sends it), `Secure` when the console is served
//! over TLS (directly or behind a trusted proxy that says so).

use axum::http::{header, HeaderMap, HeaderValue};

use super::client_addr::Client;
use crate::db::sessions::MAX_AGE_SECS;
use crate::settings::BackofficeSettings;

pub const NAME: &str = "foyer_session";

/// The session id in the request's cookies.
pub fn read(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(k, v)| (k == NAME && !v.is_empty()).then(|| v.to_owned()))
}

/// Whether the browser reached us over TLS: the configured public URL says
/// so, or a trusted proxy does ([`Client::resolve`]).
pub fn over_tls(settings: &BackofficeSettings, client: &Client) -> bool {
    settings.public_url.starts_with("https://") || client.forwarded_https
}

/// `Set-Cookie` for a new session.
pub fn set(value: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{NAME}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={MAX_AGE_SECS}{secure}"))
        .expect("a session id is base64url")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{NAME}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")).expect("ascii")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_read_among_others_and_carries_its_flags() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("theme=dark; foyer_session=fys_abc; x=y"));
        assert_eq!(read(&h).as_deref(), Some("fys_abc"));
        let c = set("fys_abc", true);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Secure"));
        assert!(!set("v", false).to_str().unwrap().contains("Secure"));
    }
}
