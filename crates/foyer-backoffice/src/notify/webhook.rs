//! Chat and generic webhooks. The generic body is signed:
//! `X-Foyer-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::message;
use super::SendError;
use crate::db::notifications::Notice;
use crate::settings::WebhookSettings;
use foyer_domain::Secret;

/// The signature header of generic webhooks.
pub const SIGNATURE_HEADER: &str = "X-Foyer-Signature";

/// The header value for `body` signed with `key`.
pub fn sign(key: &[u8], body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(body);
    format!("sha256={}", data_encoding::HEXLOWER.encode(&mac.finalize().into_bytes()))
}

/// Posts webhook messages.
#[derive(Clone)]
pub struct WebhookSender {
    client: reqwest::Client,
    secret: Secret,
}

impl WebhookSender {
    pub fn new(s: &WebhookSettings) -> Result<Self, SendError> {
        let client = crate::http::client(Duration::from_secs(s.timeout_secs.max(1)))?;
        Ok(Self { client, secret: s.secret.clone() })
    }

    /// Posts the body of `channel` (`slack`, `teams` or `webhook`) to `url`;
    /// anything but a 2xx answer is a failure.
    pub async fn send(&self, channel: &str, url: &str, notice: &Notice) -> Result<(), SendError> {
        let body = match channel {
            "slack" => message::slack(notice),
            "teams" => message::teams(notice),
            _ => message::generic(notice),
        };
        let bytes = serde_json::to_vec(&body).map_err(|e| SendError::Unsendable(e.to_string()))?;
        let mut request = self.client.post(url).header(reqwest::header::CONTENT_TYPE, "application/json");
        if channel == "webhook" {
            request = request.header(SIGNATURE_HEADER, sign(self.secret.expose().as_bytes(), &bytes));
        }
        let response = request.body(bytes).send().await?;
        if !response.status().is_success() {
            return Err(SendError::Status(response.status().as_u16()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hex_hmac_of_the_body() {
        // RFC 4231 test case 2.
        let sig = sign(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(sig, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
