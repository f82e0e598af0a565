//! Visitor types and the rules that differ between them.

use serde::{Deserialize, Serialize};

use super::ValidationError;

/// The kind of visit, which decides the agreement and badge rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitorType {
    Guest,
    Contractor,
    Interview,
    Delivery,
}

/// What a visitor type requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeRules {
    /// The visitor must accept the visitor agreement before a badge prints.
    pub agreement_required: bool,
    /// How long the badge is valid after check-in, in minutes.
    pub badge_minutes: i64,
    /// The kiosk asks for email or phone (at least one).
    pub contact_required: bool,
}

impl VisitorType {
    pub const ALL: [VisitorType; 4] = [Self::Guest, Self::Contractor, Self::Interview, Self::Delivery];

    /// Parses the stored or typed name (`guest`, `contractor` …), case-insensitive.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| {
            ValidationError::invalid(
                "visitor type",
                format!("{raw:?} is not one of guest, contractor, interview, delivery"),
            )
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Guest => "guest",
            Self::Contractor => "contractor",
            Self::Interview => "interview",
            Self::Delivery => "delivery",
        }
    }

    /// The label printed on the badge.
    pub fn label(self) -> &'static str {
        match self {
            Self::Guest => "GUEST",
            Self::Contractor => "CONTRACTOR",
            Self::Interview => "INTERVIEW",
            Self::Delivery => "DELIVERY",
        }
    }

    pub fn rules(self) -> TypeRules {
        match self {
            // A working day of visiting; the agreement covers NDA and safety.
            Self::Guest => TypeRules { agreement_required: true, badge_minutes: 12 * 60, contact_required: false },
            // Contractors work on site: safety briefing agreement, reachable by phone.
            Self::Contractor => TypeRules { agreement_required: true, badge_minutes: 12 * 60, contact_required: true },
            Self::Interview => TypeRules { agreement_required: true, badge_minutes: 4 * 60, contact_required: false },
            // A courier drops off and leaves: no agreement, a short badge.
            Self::Delivery => TypeRules { agreement_required: false, badge_minutes: 30, contact_required: false },
        }
    }
}

impl std::fmt::Display for VisitorType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_ignore_case() {
        for t in VisitorType::ALL {
            assert_eq!(VisitorType::parse(&t.as_str().to_uppercase()), Ok(t));
        }
    }

    #[test]
    fn an_unknown_type_names_the_choices() {
        let err = VisitorType::parse("vip").unwrap_err();
        assert!(err.to_string().contains("guest, contractor"));
    }

    #[test]
    fn deliveries_need_no_agreement_and_get_a_short_badge() {
        let r = VisitorType::Delivery.rules();
        assert!(!r.agreement_required);
        assert!(r.badge_minutes < VisitorType::Guest.rules().badge_minutes);
    }
}
