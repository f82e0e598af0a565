//! Which family a printer profile belongs to. ESC/POS profiles have no
//! `family` key (they came first); label profiles say
//! `family = "brother_ql"` or `"zpl"`. One loader serves the kiosk, the CLI
//! and `doctor`, so a profile name means the same printer everywhere.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::profile::{Profile, BUILT_IN};
use crate::brother::BrotherProfile;
use crate::ipp_everywhere::IppProfile;
use crate::zpl::ZplProfile;
use crate::DeviceError;

/// A printer profile of any family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterModel {
    EscPos(Profile),
    BrotherQl(BrotherProfile),
    Zpl(ZplProfile),
    /// Any IPP Everywhere printer or CUPS queue.
    IppEverywhere(IppProfile),
}

/// The label printer profiles shipped with Foyer.
pub const BUILT_IN_LABELS: [(&str, &str); 4] = [
    ("brother-ql-820nwb", include_str!("../../../../hardware/printers/brother-ql-820nwb.toml")),
    ("brother-ql-1110nwb", include_str!("../../../../hardware/printers/brother-ql-1110nwb.toml")),
    ("zebra-zd421-203dpi", include_str!("../../../../hardware/printers/zebra-zd421-203dpi.toml")),
    ("ipp-everywhere", include_str!("../../../../hardware/printers/ipp-everywhere.toml")),
];

impl PrinterModel {
    /// A built-in profile by name, or a `.toml` file.
    pub fn load(name_or_path: &str) -> Result<Self, DeviceError> {
        if let Some((name, text)) = BUILT_IN_LABELS.iter().find(|(n, _)| *n == name_or_path) {
            return Self::parse(&format!("built-in profile {name}"), text);
        }
        if BUILT_IN.iter().any(|(n, _)| *n == name_or_path) {
            return Profile::load(name_or_path).map(Self::EscPos);
        }
        let path = Path::new(name_or_path);
        if path.extension().is_none_or(|e| e != "toml") {
            let names: Vec<&str> = BUILT_IN.iter().chain(BUILT_IN_LABELS.iter()).map(|(n, _)| *n).collect();
            return Err(DeviceError::Config(format!(
                "unknown printer profile {name_or_path:?}: use one of {} or a path to a .toml file",
                names.join(", ")
            )));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| DeviceError::Config(format!("cannot read printer profile {}: {e}", path.display())))?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// Parses a profile of any family; `origin` names it in errors.
    pub fn parse(origin: &str, text: &str) -> Result<Self, DeviceError> {
        let refuse =
            |field: &str, why: String| DeviceError::Config(format!("printer profile {origin}: field `{field}`: {why}"));
        let mut table: toml::Table = toml::from_str(text).map_err(|e| refuse("?", e.to_string()))?;
        let family = match table.remove("family") {
            None => return Profile::parse(origin, text).map(Self::EscPos),
            Some(toml::Value::String(f)) => f,
            Some(other) => return Err(refuse("family", format!("{other} is not a string"))),
        };
        match family.as_str() {
            "escpos" => Profile::parse(origin, &toml::to_string(&table).unwrap_or_default()).map(Self::EscPos),
            "brother_ql" => {
                let p: BrotherProfile = typed(table).map_err(|(f, why)| refuse(&f, why))?;
                p.check().map_err(|(f, why)| refuse(f, why))?;
                Ok(Self::BrotherQl(p))
            }
            "zpl" => {
                let p: ZplProfile = typed(table).map_err(|(f, why)| refuse(&f, why))?;
                p.check().map_err(|(f, why)| refuse(f, why))?;
                Ok(Self::Zpl(p))
            }
            "ipp_everywhere" => {
                let p: IppProfile = typed(table).map_err(|(f, why)| refuse(&f, why))?;
                p.check().map_err(|(f, why)| refuse(f, why))?;
                Ok(Self::IppEverywhere(p))
            }
            other => Err(refuse("family", format!("{other:?} is not one of escpos, brother_ql, zpl, ipp_everywhere"))),
        }
    }

    /// The model's name.
    pub fn name(&self) -> &str {
        match self {
            Self::EscPos(p) => &p.name,
            Self::BrotherQl(p) => &p.name,
            Self::Zpl(p) => &p.name,
            Self::IppEverywhere(p) => &p.name,
        }
    }

    /// The ESC/POS profile, or an error saying which family this is.
    pub fn escpos(self) -> Result<Profile, DeviceError> {
        match self {
            Self::EscPos(p) => Ok(p),
            other => Err(DeviceError::Config(format!("{} is a label printer, not ESC/POS", other.name()))),
        }
    }
}

fn typed<T: DeserializeOwned>(table: toml::Table) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(toml::Value::Table(table))
        .map_err(|e| (e.path().to_string(), e.into_inner().message().trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_label_profile_parses_into_its_family() {
        assert!(matches!(PrinterModel::load("brother-ql-820nwb").unwrap(), PrinterModel::BrotherQl(_)));
        assert!(matches!(PrinterModel::load("brother-ql-1110nwb").unwrap(), PrinterModel::BrotherQl(_)));
        assert!(matches!(PrinterModel::load("zebra-zd421-203dpi").unwrap(), PrinterModel::Zpl(_)));
        assert!(matches!(PrinterModel::load("ipp-everywhere").unwrap(), PrinterModel::IppEverywhere(_)));
        assert!(matches!(PrinterModel::load("epson-tm-t20iii").unwrap(), PrinterModel::EscPos(_)));
    }

    #[test]
    fn a_bad_label_field_is_refused_naming_it() {
        let text = BUILT_IN_LABELS[0].1.replace("dk-11202\"", "dk-1\"");
        let err = PrinterModel::parse("mine.toml", &text).unwrap_err().to_string();
        assert!(err.contains("mine.toml") && err.contains("`media`") && err.contains("dk-11202"), "{err}");
        let text = BUILT_IN_LABELS[0].1.replace("brother_ql", "dymo");
        assert!(PrinterModel::parse("x", &text).unwrap_err().to_string().contains("`family`"));
    }
}
