//! The visit lifecycle as a state machine.
//!
//! ```text
//!   (walk-in) ──► pending_approval ──approve──► on_site ──► departed
//!       │               │                          ▲
//!       │               └──deny──► denied          │
//!       └──────────────────────────────────────────┘
//!   expected (invited) ──► on_site | pending_approval | cancelled
//! ```

use serde::{Deserialize, Serialize};

/// Where a visit is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitState {
    /// Invited, not arrived yet.
    Expected,
    /// Arrived, but screening flagged it: waits for a receptionist.
    PendingApproval,
    /// Checked in and in the building.
    OnSite,
    /// Checked out.
    Departed,
    /// Refused entry by a receptionist.
    Denied,
    /// An invitation withdrawn before arrival.
    Cancelled,
}

/// What happens to a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitEvent {
    /// Arrival with a clean screening result.
    Arrive,
    /// Arrival that screening flagged.
    ArriveFlagged,
    Approve,
    Deny,
    Depart,
    Cancel,
}

/// An event that the visit's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a visit that is {} cannot {}", from.label(), event.verb())]
pub struct IllegalTransition {
    pub from: VisitState,
    pub event: VisitEvent,
}

impl VisitState {
    pub const ALL: [VisitState; 6] =
        [Self::Expected, Self::PendingApproval, Self::OnSite, Self::Departed, Self::Denied, Self::Cancelled];

    /// The state a walk-in visit starts in, given its screening result.
    pub fn walk_in(flagged: bool) -> Self {
        if flagged {
            Self::PendingApproval
        } else {
            Self::OnSite
        }
    }

    /// Applies an event; an event the state does not allow is an error.
    pub fn apply(self, event: VisitEvent) -> Result<Self, IllegalTransition> {
        use VisitEvent as E;
        use VisitState as S;
        let next = match (self, event) {
            (S::Expected, E::Arrive) => S::OnSite,
            (S::Expected, E::ArriveFlagged) => S::PendingApproval,
            (S::Expected, E::Cancel) => S::Cancelled,
            (S::PendingApproval, E::Approve) => S::OnSite,
            (S::PendingApproval, E::Deny) => S::Denied,
            (S::OnSite, E::Depart) => S::Departed,
            (from, event) => return Err(IllegalTransition { from, event }),
        };
        Ok(next)
    }

    /// Whether the visit is over and can change no more.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Departed | Self::Denied | Self::Cancelled)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expected => "expected",
            Self::PendingApproval => "pending_approval",
            Self::OnSite => "on_site",
            Self::Departed => "departed",
            Self::Denied => "denied",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    fn label(self) -> &'static str {
        match self {
            Self::Expected => "expected",
            Self::PendingApproval => "waiting for approval",
            Self::OnSite => "on site",
            Self::Departed => "already checked out",
            Self::Denied => "denied",
            Self::Cancelled => "cancelled",
        }
    }
}

impl VisitEvent {
    fn verb(self) -> &'static str {
        match self {
            Self::Arrive | Self::ArriveFlagged => "check in",
            Self::Approve => "be approved",
            Self::Deny => "be denied",
            Self::Depart => "check out",
            Self::Cancel => "be cancelled",
        }
    }
}

impl std::fmt::Display for VisitState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::VisitEvent as E;
    use super::VisitState as S;
    use super::*;

    const EVENTS: [VisitEvent; 6] = [E::Arrive, E::ArriveFlagged, E::Approve, E::Deny, E::Depart, E::Cancel];

    const LEGAL: [(VisitState, VisitEvent, VisitState); 6] = [
        (S::Expected, E::Arrive, S::OnSite),
        (S::Expected, E::ArriveFlagged, S::PendingApproval),
        (S::Expected, E::Cancel, S::Cancelled),
        (S::PendingApproval, E::Approve, S::OnSite),
        (S::PendingApproval, E::Deny, S::Denied),
        (S::OnSite, E::Depart, S::Departed),
    ];

    #[test]
    fn every_legal_transition_reaches_its_state() {
        for (from, event, to) in LEGAL {
            assert_eq!(from.apply(event), Ok(to), "{from:?} + {event:?}");
        }
    }

    #[test]
    fn every_other_pair_is_an_illegal_transition() {
        for from in VisitState::ALL {
            for event in EVENTS {
                if LEGAL.iter().any(|(f, e, _)| *f == from && *e == event) {
                    continue;
                }
                assert_eq!(from.apply(event), Err(IllegalTransition { from, event }), "{from:?} + {event:?}");
            }
        }
    }

    #[test]
    fn final_states_allow_nothing() {
        for s in VisitState::ALL.into_iter().filter(|s| s.is_final()) {
            assert!(EVENTS.iter().all(|e| s.apply(*e).is_err()));
        }
    }

    #[test]
    fn a_walk_in_starts_on_site_unless_flagged() {
        assert_eq!(VisitState::walk_in(false), S::OnSite);
        assert_eq!(VisitState::walk_in(true), S::PendingApproval);
    }

    #[test]
    fn the_error_reads_as_a_sentence() {
        let err = S::Departed.apply(E::Depart).unwrap_err();
        assert_eq!(err.to_string(), "a visit that is already checked out cannot check out");
    }

    #[test]
    fn state_names_round_trip() {
        for s in VisitState::ALL {
            assert_eq!(VisitState::parse(s.as_str()), Some(s));
        }
    }
}
