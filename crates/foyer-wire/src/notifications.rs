//! `GET /api/v1/notifications`: how far the back office got in telling a
//! host of an arrival, and what a kiosk may truthfully tell the visitor
//! from it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One channel's delivery, as the desk and the kiosk see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NotificationRow {
    pub id: i64,
    pub visit_id: Option<String>,
    pub host_id: Option<i64>,
    /// `email`, `slack`, `teams`, `webhook` or `reception` (the host's
    /// arrival notice, or reception's), or `invitation` (the invitation
    /// email to the visitor, which never falls back to reception).
    pub channel: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// Used because the host had no channel or every channel failed.
    pub is_fallback: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// What the visitor may be told about their host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostNotice {
    /// The notice is on its way (in the kiosk's outbox or the back office's
    /// queue): "We are letting Grace know".
    Pending,
    /// A channel of the host's own took it: "Grace has been told by email".
    Told(Channel),
    /// Nobody will reach the host on their own channels (none, all failed,
    /// or the kiosk is offline): "Reception will let Grace know".
    Reception,
}

/// A host's own channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Slack,
    Teams,
    Webhook,
}

impl Channel {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "email" => Self::Email,
            "slack" => Self::Slack,
            "teams" => Self::Teams,
            "webhook" => Self::Webhook,
            _ => return None,
        })
    }

    /// The name the kiosk's texts use (`ui/pages/outcome_pages.slint`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Slack => "slack",
            Self::Teams => "teams",
            Self::Webhook => "webhook",
        }
    }
}

impl HostNotice {
    /// What the deliveries of one arrival say. Only the host's own channels
    /// count: a reception fallback means the host was not reached, and an
    /// invitation email went to the visitor. The first channel that
    /// delivered is named; a channel still trying keeps the notice pending
    /// even when another one failed.
    pub fn of(rows: &[NotificationRow]) -> Self {
        let own = || rows.iter().filter(|r| !r.is_fallback).filter_map(|r| Some((Channel::parse(&r.channel)?, r)));
        let told = own().filter(|(_, r)| r.status == "sent").min_by_key(|(_, r)| r.sent_at.unwrap_or(i64::MAX));
        if let Some((channel, _)) = told {
            return Self::Told(channel);
        }
        if own().any(|(_, r)| r.status == "queued" || r.status == "sending") {
            return Self::Pending;
        }
        Self::Reception
    }

    /// Whether the notice can still change.
    pub fn is_final(self) -> bool {
        self != Self::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(channel: &str, status: &str, fallback: bool, sent_at: Option<i64>) -> NotificationRow {
        NotificationRow {
            id: 1,
            visit_id: None,
            host_id: Some(1),
            channel: channel.into(),
            status: status.into(),
            attempts: 0,
            last_error: None,
            is_fallback: fallback,
            created_at: 0,
            sent_at,
        }
    }

    #[test]
    fn the_first_channel_that_delivered_is_named() {
        let rows = [row("teams", "sent", false, Some(9)), row("email", "sent", false, Some(5))];
        assert_eq!(HostNotice::of(&rows), HostNotice::Told(Channel::Email));
        let rows = [row("email", "failed", false, None), row("slack", "sent", false, Some(5))];
        assert_eq!(HostNotice::of(&rows), HostNotice::Told(Channel::Slack));
    }

    #[test]
    fn a_channel_still_trying_keeps_the_notice_pending() {
        let rows = [row("email", "failed", false, None), row("webhook", "sending", false, None)];
        assert_eq!(HostNotice::of(&rows), HostNotice::Pending);
        assert_eq!(HostNotice::of(&[row("email", "queued", false, None)]), HostNotice::Pending);
    }

    #[test]
    fn no_channel_failed_channels_and_fallbacks_mean_reception() {
        assert_eq!(HostNotice::of(&[]), HostNotice::Reception);
        assert_eq!(HostNotice::of(&[row("email", "failed", false, None)]), HostNotice::Reception);
        // Reception's own email, sent or not, did not reach the host.
        let rows = [row("reception", "sent", true, Some(1)), row("email", "sent", true, Some(1))];
        assert_eq!(HostNotice::of(&rows), HostNotice::Reception);
        assert_eq!(HostNotice::of(&[row("invitation", "sent", false, Some(1))]), HostNotice::Reception);
    }
}
