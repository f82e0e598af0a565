//! The outgoing HTTP client of both sides (webhooks, the kiosk's link):
//! rustls with the ring provider, so no C toolchain beyond cc is needed.

use std::time::Duration;

/// A client with `timeout` per request. Plain http works as well as https.
pub fn client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    // reqwest is built without a crypto provider; ring is ours. Installing
    // twice is harmless (the first one stays).
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().timeout(timeout).connect_timeout(timeout.min(Duration::from_secs(5))).build()
}
