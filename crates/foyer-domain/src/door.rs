//! Rules for opening the door: how long, and why.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::ValidationError;

/// How long the door-release relay stays on: 1–30 seconds, 5 by default.
/// A longer hold is refused because a door left unlocked is a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct PulseLength(u64);

impl PulseLength {
    pub const MIN_SECS: u64 = 1;
    pub const MAX_SECS: u64 = 30;
    pub const DEFAULT: PulseLength = PulseLength(5);

    pub fn from_secs(secs: u64) -> Result<Self, ValidationError> {
        if (Self::MIN_SECS..=Self::MAX_SECS).contains(&secs) {
            Ok(Self(secs))
        } else {
            Err(ValidationError::invalid(
                "door pulse seconds",
                format!("{secs} is outside the allowed {}–{} seconds", Self::MIN_SECS, Self::MAX_SECS),
            ))
        }
    }

    pub fn secs(self) -> u64 {
        self.0
    }

    pub fn duration(self) -> Duration {
        Duration::from_secs(self.0)
    }
}

impl Default for PulseLength {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u64> for PulseLength {
    type Error = ValidationError;
    fn try_from(v: u64) -> Result<Self, Self::Error> {
        Self::from_secs(v)
    }
}

impl From<PulseLength> for u64 {
    fn from(p: PulseLength) -> u64 {
        p.0
    }
}

/// Why the door was opened; every opening is audited with one of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum DoorReason {
    /// An accepted check-in of this visit.
    CheckIn { visit_id: uuid::Uuid },
    /// A command from the desk, sent by this user.
    DeskCommand { user: String },
    /// Released at the kiosk in staff mode (staff PIN entered).
    StaffPin,
    /// An installer testing the relay from the command line.
    InstallerTest,
}

impl DoorReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::CheckIn { .. } => "check_in",
            Self::DeskCommand { .. } => "desk_command",
            Self::StaffPin => "staff_pin",
            Self::InstallerTest => "installer_test",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pulse_length_is_bounded_to_one_to_thirty_seconds() {
        assert!(PulseLength::from_secs(0).is_err());
        assert!(PulseLength::from_secs(1).is_ok());
        assert!(PulseLength::from_secs(30).is_ok());
        let err = PulseLength::from_secs(31).unwrap_err();
        assert!(err.to_string().contains("1–30"));
    }

    #[test]
    fn default_pulse_is_five_seconds() {
        assert_eq!(PulseLength::default().secs(), 5);
    }
}
