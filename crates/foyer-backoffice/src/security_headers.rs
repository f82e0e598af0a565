//! Headers every response carries, set in one layer around the whole
//! router so no page, error, redirect or asset can go out without them.
//! The console's pages hold personal data (visitor names, the visit log):
//! browsers must not cache them, frame them, guess their types or leak
//! their URLs to other sites, and a strict CSP keeps an injected script
//! from running even if escaping were ever missed.

use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// The console's policy: only our own script, style and images, no
/// plugins, no `<base>` rewriting, forms post only to us, never framed.
pub const CONSOLE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
                               object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// JSON and the kiosk API are never rendered as documents: allow nothing.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The static stylesheet and script: public, the same for everyone, so the
/// browser may keep them (revalidating, see `console::assets`).
fn is_asset(path: &str) -> bool {
    path.starts_with("/console/assets/")
}

fn is_console(path: &str) -> bool {
    path == "/console" || path.starts_with("/console/")
}

/// The layer: adds the headers after the handler (or guard, or fallback) ran.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    let csp = if is_console(&path) { CONSOLE_CSP } else { API_CSP };
    h.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    if !is_asset(&path) {
        // Overrides the SSE stream's `no-cache` too: it carries names.
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_console_paths_get_the_console_policy_and_only_assets_may_be_cached() {
        assert!(is_console("/console") && is_console("/console/login") && !is_console("/consolex"));
        assert!(is_asset("/console/assets/console.css") && !is_asset("/console/desk"));
        for part in ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"] {
            assert!(CONSOLE_CSP.contains(part), "{part}");
        }
        assert!(!CONSOLE_CSP.contains("unsafe-inline"));
    }
}
