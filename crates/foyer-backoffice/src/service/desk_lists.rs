//! The desk's read-only lists: the lobby, the evacuation list (everyone on
//! site, grouped by host, made to be printed) and whether each arrival's
//! host was reached, by which channel.

use crate::db::lobby::{self, Lobby, LobbyVisit};
use crate::error::AppError;
use crate::state::AppState;

pub use crate::db::arrivals::{ArrivalNotice, Delivery};

/// The lobby for today.
pub async fn lobby(state: &AppState) -> Result<Lobby, AppError> {
    let today = super::today();
    Ok(state.db.call(move |c| lobby::lobby(c, &today)).await?)
}

/// Everyone on site now, by host then name; never cut short, since it is
/// the list a fire warden counts people against.
pub async fn evacuation(state: &AppState) -> Result<Vec<LobbyVisit>, AppError> {
    Ok(state.db.call(lobby::on_site_unbounded).await?)
}

/// The visitors of one host, for the printed evacuation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostGroup {
    pub host: String,
    pub visitors: Vec<LobbyVisit>,
}

/// Groups a list ordered by host into one group per host, in that order.
pub fn by_host(everyone: Vec<LobbyVisit>) -> Vec<HostGroup> {
    let mut groups: Vec<HostGroup> = Vec::new();
    for v in everyone {
        match groups.last_mut() {
            Some(g) if g.host == v.host_name => g.visitors.push(v),
            _ => groups.push(HostGroup { host: v.host_name.clone(), visitors: vec![v] }),
        }
    }
    groups
}

/// The newest `limit` arrivals with the deliveries of their notifications.
pub async fn arrivals(state: &AppState, limit: u32) -> Result<Vec<ArrivalNotice>, AppError> {
    Ok(state.db.call(move |c| crate::db::arrivals::arrivals(c, limit)).await?)
}

impl ArrivalNotice {
    /// In words: reached (by which channels), pending, or not reached.
    pub fn summary(&self) -> String {
        let sent: Vec<&str> =
            self.deliveries.iter().filter(|d| d.status == "sent").map(|d| d.channel.as_str()).collect();
        if !sent.is_empty() {
            format!("reached by {}", sent.join(", "))
        } else if self.deliveries.iter().any(|d| d.status == "queued" || d.status == "sending") {
            "being notified".to_owned()
        } else {
            "not reached".to_owned()
        }
    }

    /// Whether any channel delivered the notice.
    pub fn reached(&self) -> bool {
        self.deliveries.iter().any(|d| d.status == "sent")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(statuses: &[(&str, &str)]) -> ArrivalNotice {
        let deliveries = statuses
            .iter()
            .map(|(channel, status)| Delivery {
                channel: (*channel).into(),
                status: (*status).into(),
                error: None,
                fallback: false,
                sent_at: None,
            })
            .collect();
        ArrivalNotice {
            visit_id: "v".into(),
            visitor_name: "Ada".into(),
            host_name: "Grace".into(),
            arrived_at: None,
            deliveries,
        }
    }

    #[test]
    fn an_arrival_is_reached_by_the_channels_that_sent() {
        let n = notice(&[("email", "sent"), ("slack", "failed"), ("teams", "sent")]);
        assert_eq!(n.summary(), "reached by email, teams");
        assert!(n.reached());
    }

    #[test]
    fn an_arrival_with_a_queued_delivery_and_none_sent_is_being_notified() {
        let n = notice(&[("email", "failed"), ("reception", "queued")]);
        assert_eq!(n.summary(), "being notified");
        assert!(!n.reached());
    }

    #[test]
    fn an_arrival_whose_every_delivery_failed_or_that_has_none_is_not_reached() {
        assert_eq!(notice(&[("email", "failed")]).summary(), "not reached");
        assert_eq!(notice(&[]).summary(), "not reached");
    }
}
