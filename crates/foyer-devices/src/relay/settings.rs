//! The `[relay]` section of the kiosk configuration.

use std::path::PathBuf;

use serde::Deserialize;

use foyer_domain::PulseLength;

/// The profile name that means "no hardware": the kiosk uses `FakeRelay`.
pub const SIMULATED: &str = "simulated";

/// Which relay the kiosk drives and how long it releases the door.
///
/// ```toml
/// [relay]
/// profile = "kmtronic"          # built-in name, a path to a .toml, or "simulated"
/// port = "/dev/foyer-relay"
/// channel = 1                   # optional: the profile's default channel
/// pulse_secs = 5                # 1–30
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RelaySettings {
    /// A built-in profile name (`lcus-1`, `kmtronic`, `numato`,
    /// `gpio-ascii`, `osdp`), a path to a profile file, or `simulated`.
    pub profile: String,
    /// The serial device; required unless simulated.
    pub port: Option<PathBuf>,
    /// The relay channel as the module numbers it; `None` = the profile's default.
    pub channel: Option<u8>,
    /// How long a pulse keeps the door released (checked when parsed).
    pub pulse_secs: PulseLength,
}

impl Default for RelaySettings {
    fn default() -> Self {
        Self { profile: SIMULATED.into(), port: None, channel: None, pulse_secs: PulseLength::default() }
    }
}

impl RelaySettings {
    /// Whether the kiosk runs without a relay (`profile = "simulated"`).
    pub fn is_simulated(&self) -> bool {
        self.profile.eq_ignore_ascii_case(SIMULATED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Config {
        #[serde(default)]
        relay: RelaySettings,
    }

    fn parse(text: &str) -> Result<RelaySettings, toml::de::Error> {
        toml::from_str::<Config>(text).map(|c| c.relay)
    }

    #[test]
    fn no_relay_section_means_simulated_with_a_five_second_pulse() {
        let s = parse("").unwrap();
        assert!(s.is_simulated());
        assert_eq!(s.pulse_secs.secs(), 5);
    }

    #[test]
    fn a_hardware_relay_is_read_with_its_port_and_pulse() {
        let s = parse("[relay]\nprofile = \"kmtronic\"\nport = \"/dev/ttyUSB0\"\npulse_secs = 3\n").unwrap();
        assert!(!s.is_simulated());
        assert_eq!(s.port, Some(PathBuf::from("/dev/ttyUSB0")));
        assert_eq!(s.pulse_secs.secs(), 3);
    }

    #[test]
    fn a_pulse_outside_one_to_thirty_seconds_is_refused() {
        let err = parse("[relay]\npulse_secs = 60\n").unwrap_err().to_string();
        assert!(err.contains("1–30"), "{err}");
    }

    #[test]
    fn a_misspelt_key_is_refused() {
        let err = parse("[relay]\npulse_seconds = 3\n").unwrap_err().to_string();
        assert!(err.contains("pulse_seconds"), "{err}");
    }
}
