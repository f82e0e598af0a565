//! Checks of what the kiosk talks to over the network: the back office (is
//! it up, does it take this kiosk's token) and the SMTP server (connect and
//! EHLO; no mail is sent).

use std::time::Duration;

use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::extension::ClientId;

use super::Check;
use foyer_backoffice::notify::email::tls_parameters;
use foyer_backoffice::settings::TlsMode;
use foyer_backoffice::BackofficeSettings;

use crate::config::KioskLinkConfig;

const TIMEOUT: Duration = Duration::from_secs(5);

/// The back office at `url` answers, accepts the kiosk's token, and the
/// token is `kiosk_name`'s (the back office refuses events that name
/// another kiosk than the token's).
pub async fn check_backoffice(link: &KioskLinkConfig, settings: &BackofficeSettings, kiosk_name: &str) -> Check {
    let url = link.url.trim().trim_end_matches('/');
    if url.is_empty() {
        return Check::ok("back office", format!("runs inside the kiosk on {}", settings.listen));
    }
    let client = match foyer_backoffice::http::client(TIMEOUT) {
        Ok(c) => c,
        Err(e) => return Check::fail("back office", e.to_string(), "report this: the HTTP client cannot start"),
    };
    match client.get(format!("{url}/healthz")).send().await {
        Ok(r) if r.status().is_success() => {}
        Ok(r) => {
            return Check::fail(
                "back office",
                format!("{url}/healthz answered {}", r.status()),
                "is backoffice.url the back office, not the proxy's front page?",
            )
        }
        Err(e) => {
            return Check::fail(
                "back office",
                format!("{url}: {e}"),
                "is it running, and is backoffice.url right? (curl {url}/healthz)",
            )
        }
    }
    if link.token.is_empty() {
        return Check::fail(
            "back office",
            "backoffice.token is empty",
            "create one on the back office: foyer kiosks add NAME",
        );
    }
    let sync = client.get(format!("{url}/api/v1/sync?since=0")).bearer_auth(link.token.expose()).send().await;
    match sync {
        Ok(r) if r.status().is_success() => {
            token_owner(url, r.json::<foyer_wire::SyncResponse>().await.ok().and_then(|s| s.kiosk), kiosk_name)
        }
        Ok(r) if r.status() == reqwest::StatusCode::UNAUTHORIZED => Check::fail(
            "back office",
            format!("{url} refuses this kiosk's token (401)"),
            "the token is wrong or revoked: foyer kiosks add NAME on the back office, then set backoffice.token",
        ),
        Ok(r) => Check::fail(
            "back office",
            format!("{url}/api/v1/sync answered {}", r.status()),
            "check the back office's log",
        ),
        Err(e) => Check::fail("back office", format!("{url}: {e}"), "check the network between kiosk and back office"),
    }
}

/// Whether the token the sync answered for (`owner`, as the back office
/// names it) is this kiosk's.
fn token_owner(url: &str, owner: Option<String>, kiosk_name: &str) -> Check {
    match owner {
        Some(owner) if owner == kiosk_name => {
            Check::ok("back office", format!("{url} is up and accepts this kiosk's token (kiosk {owner})"))
        }
        Some(owner) => Check::fail(
            "back office",
            format!("the token is kiosk {owner:?}'s, but kiosk.name is {kiosk_name:?}: the back office refuses its arrivals"),
            format!("set kiosk.name = {owner:?}, or create a token named {kiosk_name:?}: foyer kiosks add {kiosk_name}"),
        ),
        None => Check::warn(
            "back office",
            format!("{url} accepts this kiosk's token but does not say whose (an older back office)"),
            "make sure the token was created with this kiosk's kiosk.name",
        ),
    }
}

/// Connects to the SMTP server and says EHLO (STARTTLS or TLS as set).
pub async fn check_smtp(settings: &BackofficeSettings) -> Check {
    let smtp = &settings.smtp;
    if smtp.host.trim().is_empty() {
        return Check::warn("smtp", "no SMTP server: hosts get no email", "set [backoffice.smtp] host, port and from");
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let tls = match smtp.tls {
        TlsMode::None => None,
        // The same roots as the sender's, `ca_file` included.
        TlsMode::Starttls | TlsMode::Tls => match tls_parameters(smtp) {
            Ok(p) => Some(p),
            Err(e) => return Check::fail("smtp", e.to_string(), "check backoffice.smtp.host"),
        },
    };
    let hello = ClientId::Domain("foyer-doctor".into());
    let implicit = if smtp.tls == TlsMode::Tls { tls.clone() } else { None };
    let connect =
        AsyncSmtpConnection::connect_tokio1((smtp.host.as_str(), smtp.port), Some(TIMEOUT), &hello, implicit, None);
    let where_ = format!("{}:{}", smtp.host, smtp.port);
    match tokio::time::timeout(TIMEOUT * 2, connect).await {
        Ok(Ok(mut conn)) => {
            if smtp.tls == TlsMode::Starttls {
                if let Some(params) = tls {
                    if let Err(e) = conn.starttls(params, &hello).await {
                        return Check::fail(
                            "smtp",
                            format!("{where_}: STARTTLS failed: {e}"),
                            "try tls = \"tls\" on port 465, or check the certificate and backoffice.smtp.ca_file",
                        );
                    }
                }
            }
            let _ = conn.quit().await;
            Check::ok("smtp", format!("{where_} answers EHLO"))
        }
        Ok(Err(e)) => {
            Check::fail("smtp", format!("{where_}: {e}"), "check host, port and tls; is outbound SMTP allowed?")
        }
        Err(_) => Check::fail(
            "smtp",
            format!("{where_}: no answer in {} s", (TIMEOUT * 2).as_secs()),
            "a firewall may drop SMTP",
        ),
    }
}
