//! Where relay profiles come from: the ones built into the binary, so a
//! deployed kiosk needs no copy of the repository, or a TOML file on disk.

use std::path::Path;

use super::profile::RelayProfile;
use crate::DeviceError;

/// Profiles shipped with Foyer, by the name used in `[relay] profile`.
/// Shipping another module means one TOML file and one line here; a site
/// can also point `profile` at its own file without rebuilding.
const BUILT_IN: &[(&str, &str)] = &[
    ("lcus-1", include_str!("../../../../hardware/relays/lcus-1.toml")),
    ("kmtronic", include_str!("../../../../hardware/relays/kmtronic.toml")),
    ("numato", include_str!("../../../../hardware/relays/numato.toml")),
    ("gpio-ascii", include_str!("../../../../hardware/relays/gpio-ascii.toml")),
    ("osdp", include_str!("../../../../hardware/relays/osdp.toml")),
];

/// The names of the built-in profiles.
pub fn built_in_names() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(name, _)| *name)
}

/// A built-in profile by name (`"kmtronic"`).
pub fn built_in(name: &str) -> Option<Result<RelayProfile, DeviceError>> {
    BUILT_IN
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(n, text)| RelayProfile::from_toml(text, &format!("hardware/relays/{n}.toml (built in)")))
}

/// Loads `reference`: a built-in name, or a path to a `.toml` file (any
/// reference with a `/` or ending in `.toml` is taken as a path).
pub fn load_profile(reference: &str) -> Result<RelayProfile, DeviceError> {
    let looks_like_path = reference.contains('/') || reference.ends_with(".toml");
    if !looks_like_path {
        return built_in(reference).unwrap_or_else(|| {
            let known: Vec<_> = built_in_names().collect();
            Err(DeviceError::Config(format!(
                "unknown relay profile {reference:?}: built-in profiles are {}, or give the path of a .toml file",
                known.join(", ")
            )))
        });
    }
    let path = Path::new(reference);
    let text = std::fs::read_to_string(path)
        .map_err(|e| DeviceError::Config(format!("relay profile {}: cannot be read: {e}", path.display())))?;
    RelayProfile::from_toml(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_profile_is_valid() {
        for name in built_in_names() {
            let profile = built_in(name).unwrap();
            assert!(profile.is_ok(), "{name}: {:?}", profile.err());
        }
    }

    #[test]
    fn an_unknown_name_lists_the_built_in_profiles() {
        let err = load_profile("lcus-9").unwrap_err().to_string();
        assert!(err.contains("lcus-9") && err.contains("kmtronic"), "{err}");
    }

    #[test]
    fn a_missing_file_is_named_in_the_error() {
        let err = load_profile("/nonexistent/relay.toml").unwrap_err().to_string();
        assert!(err.contains("/nonexistent/relay.toml"), "{err}");
    }
}
