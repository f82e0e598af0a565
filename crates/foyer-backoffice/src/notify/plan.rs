//! Who is told of an arrival, by which channels: a pure rule.

use crate::db::directory::HostContact;
use crate::db::notifications::Target;

/// What the site offers: whether email works at all, and reception's address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routing {
    pub email_enabled: bool,
    pub reception: Option<String>,
}

impl Routing {
    /// Reception's channel, when there is a reception address and email.
    pub fn reception_target(&self) -> Option<Target> {
        self.reception
            .as_ref()
            .filter(|_| self.email_enabled)
            .map(|addr| Target { channel: "reception", address: addr.clone() })
    }
}

/// The host's own channels: email (when the host has an address, wants
/// email, and the site has SMTP) and the host's webhook. Empty means the
/// reception fallback.
pub fn host_targets(contact: Option<&HostContact>, routing: &Routing) -> Vec<Target> {
    let Some(c) = contact else { return Vec::new() };
    let mut targets = Vec::with_capacity(2);
    if let Some(email) = c.email.as_ref().filter(|_| routing.email_enabled) {
        targets.push(Target { channel: "email", address: email.clone() });
    }
    if let Some((kind, url)) = &c.webhook {
        let channel = match kind.as_str() {
            "slack" => "slack",
            "teams" => "teams",
            _ => "webhook",
        };
        targets.push(Target { channel, address: url.clone() });
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(email: Option<&str>, webhook: Option<(&str, &str)>) -> HostContact {
        HostContact {
            id: 1,
            name: "Grace".into(),
            email: email.map(Into::into),
            webhook: webhook.map(|(k, u)| (k.into(), u.into())),
        }
    }

    #[test]
    fn a_host_with_email_and_a_webhook_gets_both() {
        let r = Routing { email_enabled: true, reception: None };
        let t = host_targets(Some(&host(Some("g@x.org"), Some(("teams", "http://t")))), &r);
        assert_eq!(t.iter().map(|t| t.channel).collect::<Vec<_>>(), ["email", "teams"]);
    }

    #[test]
    fn without_smtp_email_is_not_a_channel() {
        let r = Routing { email_enabled: false, reception: Some("desk@x.org".into()) };
        assert!(host_targets(Some(&host(Some("g@x.org"), None)), &r).is_empty());
        assert_eq!(r.reception_target(), None, "reception is reached by email too");
    }

    #[test]
    fn an_unknown_host_has_no_channel() {
        let r = Routing { email_enabled: true, reception: Some("desk@x.org".into()) };
        assert!(host_targets(None, &r).is_empty());
        assert_eq!(r.reception_target().unwrap().address, "desk@x.org");
    }

    #[test]
    fn a_generic_webhook_is_the_webhook_channel() {
        let t = host_targets(Some(&host(None, Some(("generic", "http://g")))), &Routing::default());
        assert_eq!(t[0].channel, "webhook");
    }
}
