//! What an admin sends to change a host, and its validation. Every refusal
//! names the field as the form labels it, and nothing is stored until all
//! of the input is valid.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::directory::WEBHOOK_KINDS;
use crate::db::hosts_admin::HostRow;
use crate::db::DbError;
use foyer_domain::host::NewHost;

/// A host as added or edited (the add form, the edit form, the JSON body).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct HostInput {
    #[schema(schema_with = crate::schema_rules::host_name)]
    pub name: String,
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::optional_email)]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::optional_phone)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::department)]
    pub department: Option<String>,
    /// How the host hears of visitors. Absent: left as it is (a new host
    /// is told by email when it has an address).
    #[serde(default)]
    pub notify: Option<NotifyInput>,
}

/// How a host wants to hear that a visitor arrived.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NotifyInput {
    /// Email the host (needs the host's email address).
    pub email: bool,
    /// `slack`, `teams` or `generic`, given with `webhook_url`; neither for no webhook.
    #[serde(default)]
    pub webhook_kind: Option<String>,
    /// An http:// or https:// URL.
    #[serde(default)]
    pub webhook_url: Option<String>,
}

/// Validated notification preferences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notify {
    pub email: bool,
    /// (kind, url).
    pub webhook: Option<(String, String)>,
}

impl Notify {
    /// A host's preferences as stored.
    pub fn of(row: &HostRow) -> Self {
        Self { email: row.notify_email, webhook: row.webhook_kind.clone().zip(row.webhook_url.clone()) }
    }

    /// For the audit log: never the URL, which is a credential for most chat services.
    pub fn describe(&self) -> String {
        let email = if self.email { "email on" } else { "email off" };
        match &self.webhook {
            Some((kind, _)) => format!("{email}, {kind} webhook"),
            None => format!("{email}, no webhook"),
        }
    }
}

fn refused(message: impl Into<String>) -> DbError {
    DbError::Refused(message.into())
}

impl HostInput {
    /// Validates the host's fields and, if given, its preferences.
    pub fn parse(&self) -> Result<(NewHost, Option<Notify>), DbError> {
        let host = NewHost::parse(&self.name, self.email.as_deref(), self.phone.as_deref(), self.department.as_deref())
            .map_err(|e| refused(e.to_string()))?;
        let notify = self.notify.as_ref().map(|n| n.parse(host.email.is_some())).transpose()?;
        Ok((host, notify))
    }
}

impl NotifyInput {
    /// Validates the preferences of a host that has (or not) an email address.
    pub fn parse(&self, has_email: bool) -> Result<Notify, DbError> {
        if self.email && !has_email {
            return Err(refused("notify by email: the host has no email address"));
        }
        let present = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let webhook = match (present(&self.webhook_kind), present(&self.webhook_url)) {
            (None, None) => None,
            (Some(kind), None) => return Err(refused(format!("webhook URL: a {kind} webhook needs a URL"))),
            (None, Some(_)) => {
                return Err(refused(format!("webhook kind: choose one of {} for the URL", WEBHOOK_KINDS.join(", "))))
            }
            (Some(kind), Some(url)) => {
                if !WEBHOOK_KINDS.contains(&kind.as_str()) {
                    return Err(refused(format!("webhook kind: {kind:?} is not one of {}", WEBHOOK_KINDS.join(", "))));
                }
                Some((kind, webhook_url(&url)?))
            }
        };
        Ok(Notify { email: self.email, webhook })
    }
}

/// An absolute http(s) URL with a host, as the URL parser writes it.
fn webhook_url(raw: &str) -> Result<String, DbError> {
    let bad = |why: &str| refused(format!("webhook URL: {why}"));
    if raw.chars().count() > 2000 {
        return Err(bad("it is longer than 2000 characters"));
    }
    // The URL parser would silently drop tabs and line breaks.
    if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(bad("it contains spaces or control characters"));
    }
    let url = reqwest::Url::parse(raw).map_err(|e| bad(&format!("it is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("it must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("it names no server"));
    }
    Ok(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notify(kind: &str, url: &str) -> NotifyInput {
        NotifyInput { email: false, webhook_kind: Some(kind.into()), webhook_url: Some(url.into()) }
    }

    fn refusal(r: Result<Notify, DbError>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn an_http_or_https_webhook_is_accepted_as_parsed() {
        let n = notify("slack", " https://hooks.example.org/T1/B2 ").parse(false).unwrap();
        assert_eq!(n.webhook, Some(("slack".into(), "https://hooks.example.org/T1/B2".into())));
        assert!(notify("generic", "http://10.0.0.5:8080/hook").parse(false).is_ok());
        assert_eq!(notify("", "").parse(false).unwrap().webhook, None);
    }

    #[test]
    fn a_webhook_url_that_is_not_http_is_refused_naming_the_field() {
        for url in ["ftp://example.org/x", "javascript:alert(1)", "hooks.example.org", "http://", "http://a b.org"] {
            let message = refusal(notify("generic", url).parse(false));
            assert!(message.starts_with("webhook URL:"), "{url}: {message}");
        }
        assert!(refusal(notify("generic", "http://example.org/\nx").parse(false)).contains("control"));
    }

    #[test]
    fn kind_and_url_come_together_and_the_kind_is_known() {
        assert!(refusal(notify("slack", "").parse(false)).starts_with("webhook URL:"));
        assert!(refusal(notify("", "https://example.org").parse(false)).starts_with("webhook kind:"));
        assert!(refusal(notify("irc", "https://example.org").parse(false)).contains("slack, teams, generic"));
    }

    #[test]
    fn email_notifications_need_an_address() {
        let by_email = NotifyInput { email: true, ..Default::default() };
        assert!(refusal(by_email.parse(false)).contains("no email address"));
        assert!(by_email.parse(true).unwrap().email);
    }

    #[test]
    fn the_audit_description_leaves_the_url_out() {
        let n = Notify { email: true, webhook: Some(("teams".into(), "https://secret.example/abc".into())) };
        assert_eq!(n.describe(), "email on, teams webhook");
    }
}
