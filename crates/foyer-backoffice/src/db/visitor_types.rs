//! The visitor types and their rules, for the admin console to show.
//!
//! Read-only: the types and their rules are fixed in the kiosk's domain
//! ([`VisitorType::rules`]), because every kiosk must apply the same rules
//! offline; changing one is a code change, not a setting. This module sits
//! with the database ones only so the console finds all its data in one
//! place; it reads no table.

use serde::Serialize;

use foyer_domain::VisitorType;

/// One visitor type as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitorTypeInfo {
    /// The stored name (`guest`, `contractor` …).
    pub key: &'static str,
    /// The label printed on the badge.
    pub label: &'static str,
    /// The visitor must accept the agreement before a badge prints.
    pub needs_agreement: bool,
    /// How long the badge is valid after check-in. In minutes, not hours:
    /// a delivery badge lasts half an hour.
    pub badge_minutes: i64,
    /// The kiosk asks for an email or a phone number.
    pub needs_contact: bool,
}

/// Every visitor type, in the kiosk's order.
pub fn list() -> Vec<VisitorTypeInfo> {
    VisitorType::ALL
        .into_iter()
        .map(|t| {
            let rules = t.rules();
            VisitorTypeInfo {
                key: t.as_str(),
                label: t.label(),
                needs_agreement: rules.agreement_required,
                badge_minutes: rules.badge_minutes,
                needs_contact: rules.contact_required,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_listed_with_the_kiosk_rules() {
        let types = list();
        assert_eq!(types.len(), VisitorType::ALL.len());
        let delivery = types.iter().find(|t| t.key == "delivery").unwrap();
        assert_eq!((delivery.label, delivery.needs_agreement, delivery.badge_minutes), ("DELIVERY", false, 30));
        assert!(types.iter().find(|t| t.key == "contractor").unwrap().needs_contact);
    }
}
