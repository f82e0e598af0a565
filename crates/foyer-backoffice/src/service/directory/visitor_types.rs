//! The visitor types and the rules the kiosk applies to each: read-only,
//! because they are built into the kiosk.

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::visitor_types::{self, VisitorTypeInfo};

/// A visitor type and the rules the kiosk applies to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VisitorTypeView {
    /// The stored name (`guest`, `contractor` …).
    pub key: String,
    /// The label printed on the badge.
    pub label: String,
    /// The visitor accepts the agreement before a badge prints.
    pub needs_agreement: bool,
    /// How long the badge is valid after check-in, in minutes.
    pub badge_minutes: i64,
    /// The kiosk asks for an email or a phone number.
    pub needs_contact: bool,
    /// `badge_minutes` for people: `30 min`, `8 h`.
    #[serde(skip)]
    pub lifetime: String,
}

impl From<VisitorTypeInfo> for VisitorTypeView {
    fn from(t: VisitorTypeInfo) -> Self {
        Self {
            key: t.key.to_owned(),
            label: t.label.to_owned(),
            needs_agreement: t.needs_agreement,
            badge_minutes: t.badge_minutes,
            needs_contact: t.needs_contact,
            lifetime: lifetime(t.badge_minutes),
        }
    }
}

fn lifetime(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Every visitor type, in the kiosk's order.
pub fn all() -> Vec<VisitorTypeView> {
    visitor_types::list().into_iter().map(VisitorTypeView::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_lifetimes_read_in_hours_and_minutes() {
        assert_eq!(lifetime(30), "30 min");
        assert_eq!(lifetime(480), "8 h");
        assert_eq!(lifetime(90), "1 h 30 min");
    }
}
