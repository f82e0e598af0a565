//! Retention: how long a visitor's personal data is kept after the visit
//! ended, and the rules that follow from that period.

use serde::{Deserialize, Serialize};

use super::ValidationError;

/// What replaces a visitor's name (and other free text that could name
/// them) once the retention period is over. Fixed, so a report can count
/// anonymised visits and nobody mistakes it for a real name.
pub const ANONYMISED: &str = "(anonymised)";

const DAY: i64 = 24 * 60 * 60;

/// How many days after a visit ended its visitor's personal data is
/// anonymised. Only [`RetentionPolicy::new`] builds one, so a policy in hand
/// is always within 1–3650 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPolicy")]
pub struct RetentionPolicy {
    anonymise_after_days: u32,
}

/// The unchecked shape of a policy, so deserialising validates too.
#[derive(Deserialize)]
struct RawPolicy {
    anonymise_after_days: u32,
}

impl TryFrom<RawPolicy> for RetentionPolicy {
    type Error = ValidationError;
    fn try_from(raw: RawPolicy) -> Result<Self, Self::Error> {
        Self::new(raw.anonymise_after_days)
    }
}

impl RetentionPolicy {
    /// The shortest period: a day, so a visit is never anonymised while the
    /// desk may still need to call the visitor about it.
    pub const MIN_DAYS: u32 = 1;
    /// The longest period: ten years, beyond any legal keeping duty we know of.
    pub const MAX_DAYS: u32 = 3650;
    /// The period of a site that never set one.
    pub const DEFAULT_DAYS: u32 = 90;

    /// A policy of `days`; refused outside 1–3650 with the value named.
    pub fn new(days: u32) -> Result<Self, ValidationError> {
        if !(Self::MIN_DAYS..=Self::MAX_DAYS).contains(&days) {
            return Err(ValidationError::invalid(
                "retention period",
                format!("{days} days is outside {}–{} days", Self::MIN_DAYS, Self::MAX_DAYS),
            ));
        }
        Ok(Self { anonymise_after_days: days })
    }

    /// The number of days personal data is kept.
    pub fn anonymise_after_days(self) -> u32 {
        self.anonymise_after_days
    }

    /// Unix seconds before which a visit must have ended to be anonymised
    /// at `now` (an end exactly at the cutoff is kept one more run).
    pub fn cutoff(self, now: i64) -> i64 {
        now - i64::from(self.anonymise_after_days) * DAY
    }

    /// The first expected date (UTC) whose invitations are still kept at
    /// `now`: an invitation for an earlier day is anonymised.
    pub fn cutoff_date(self, now: i64) -> time::Date {
        // Out of range only for a `now` thousands of years away; clamp.
        time::OffsetDateTime::from_unix_timestamp(self.cutoff(now)).map(|t| t.date()).unwrap_or(if now < 0 {
            time::Date::MIN
        } else {
            time::Date::MAX
        })
    }
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        Self { anonymise_after_days: Self::DEFAULT_DAYS }
    }
}

/// Whether changing from `old` to `new` shortens the period, which would
/// anonymise visits at once: the console shows a dry run and asks first.
pub fn shortening(old: RetentionPolicy, new: RetentionPolicy) -> bool {
    new.anonymise_after_days < old.anonymise_after_days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keeps_data_for_ninety_days() {
        assert_eq!(RetentionPolicy::default().anonymise_after_days(), 90);
    }

    #[test]
    fn a_period_outside_one_to_3650_days_is_refused_naming_the_value() {
        for days in [0, 3651, 5000] {
            let err = RetentionPolicy::new(days).unwrap_err();
            assert_eq!(err.field(), "retention period");
            assert!(err.to_string().contains(&days.to_string()), "{err}");
        }
        assert!(RetentionPolicy::new(1).is_ok());
        assert!(RetentionPolicy::new(3650).is_ok());
    }

    #[test]
    fn deserialising_checks_the_period_too() {
        let ok: RetentionPolicy = serde_json::from_str(r#"{"anonymise_after_days": 30}"#).unwrap();
        assert_eq!(ok.anonymise_after_days(), 30);
        assert!(serde_json::from_str::<RetentionPolicy>(r#"{"anonymise_after_days": 0}"#).is_err());
    }

    #[test]
    fn the_cutoff_is_the_period_before_now() {
        let p = RetentionPolicy::new(2).unwrap();
        assert_eq!(p.cutoff(10 * DAY), 8 * DAY);
        assert_eq!(p.cutoff_date(10 * DAY + 5), time::macros::date!(1970 - 01 - 09));
    }

    #[test]
    fn only_a_shorter_period_counts_as_shortening() {
        let (short, long) = (RetentionPolicy::new(30).unwrap(), RetentionPolicy::new(90).unwrap());
        assert!(shortening(long, short));
        assert!(!shortening(short, long));
        assert!(!shortening(long, long));
    }
}
