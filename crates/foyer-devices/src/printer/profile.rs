//! Printer profiles: what a model can do, as data (`hardware/printers/*.toml`).
//!
//! The built-in profiles are compiled into the binary so a deployed kiosk
//! needs no copy of the repository; a path loads an installer's own profile.

use std::path::Path;

use serde::Deserialize;

use super::codepage::CodePage;
use super::serial_config::SerialConfig;
use crate::DeviceError;

/// How the QR code is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QrSupport {
    /// The printer's own `GS ( k` symbol.
    Native,
    /// Drawn by us and sent as `GS v 0` (printers without `GS ( k`).
    Raster,
}

/// Whether the printer answers real-time status (`DLE EOT n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusSupport {
    DleEot,
    /// The printer never answers: printing is best effort.
    None,
}

/// What the printer does at the end of a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutKind {
    Partial,
    Full,
    /// No cutter: the paper is only fed past the tear bar.
    None,
}

/// One printer model.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The model's name, shown in logs and on the staff screen.
    pub name: String,
    /// Printable width in dots (576 for 80 mm at 203 dpi, 384 for 58 mm).
    pub width_dots: u32,
    /// The code page visitor text is mapped to.
    pub code_page: CodePage,
    /// The `ESC t n` number of that code page, which differs between makers.
    #[serde(default)]
    pub code_page_number: Option<u8>,
    /// Native `GS ( k` or raster QR.
    pub qr: QrSupport,
    /// Size of one QR module in dots (native `GS ( k` fn167 and raster alike).
    pub qr_module_dots: u8,
    /// Whether the printer answers `DLE EOT`.
    pub status: StatusSupport,
    /// The cut after each badge.
    pub cut: CutKind,
    /// Lines fed (`ESC d n`) before the cut, or instead of it without a cutter.
    #[serde(default)]
    pub feed_lines_before_cut: u8,
    /// Rows per `GS v 0` block; some printers choke above 255.
    #[serde(default = "default_band_rows")]
    pub raster_band_rows: u8,
    /// How long to wait for each status reply, in milliseconds.
    #[serde(default = "default_status_timeout_ms")]
    pub status_timeout_ms: u64,
    /// Factory serial settings; the `[printer]` config may override them.
    pub serial: SerialConfig,
}

fn default_band_rows() -> u8 {
    255
}

fn default_status_timeout_ms() -> u64 {
    500
}

/// The profiles shipped with Foyer, by the name the config uses.
pub const BUILT_IN: [(&str, &str); 5] = [
    ("generic-80mm", include_str!("../../../../hardware/printers/generic-80mm.toml")),
    ("generic-58mm", include_str!("../../../../hardware/printers/generic-58mm.toml")),
    ("epson-tm-t20iii", include_str!("../../../../hardware/printers/epson-tm-t20iii.toml")),
    ("epson-tm-t88v", include_str!("../../../../hardware/printers/epson-tm-t88v.toml")),
    ("epson-tm-t88iii", include_str!("../../../../hardware/printers/epson-tm-t88iii.toml")),
];

/// The profile used when the config names none.
pub const DEFAULT_PROFILE: &str = "generic-80mm";

impl Profile {
    /// A built-in profile by name, or a `.toml` file when `name_or_path`
    /// is not one of them.
    pub fn load(name_or_path: &str) -> Result<Self, DeviceError> {
        if let Some((name, text)) = BUILT_IN.iter().find(|(n, _)| *n == name_or_path) {
            return Self::parse(&format!("built-in profile {name}"), text);
        }
        let path = Path::new(name_or_path);
        if path.extension().is_none_or(|e| e != "toml") {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            return Err(DeviceError::Config(format!(
                "unknown printer profile {name_or_path:?}: use one of {} or a path to a .toml file",
                names.join(", ")
            )));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| DeviceError::Config(format!("cannot read printer profile {}: {e}", path.display())))?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// Parses and checks a profile; `origin` names it in error messages.
    pub fn parse(origin: &str, text: &str) -> Result<Self, DeviceError> {
        let refuse =
            |field: &str, why: String| DeviceError::Config(format!("printer profile {origin}: field `{field}`: {why}"));
        let de = toml::Deserializer::parse(text).map_err(|e| refuse("?", e.to_string()))?;
        let profile: Profile = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            refuse(&field, e.into_inner().message().trim().to_owned())
        })?;
        profile.check().map_err(|(field, why)| refuse(field, why))?;
        Ok(profile)
    }

    fn check(&self) -> Result<(), (&'static str, String)> {
        if !(64..=4096).contains(&self.width_dots) || !self.width_dots.is_multiple_of(8) {
            return Err(("width_dots", format!("{} is not a multiple of 8 between 64 and 4096", self.width_dots)));
        }
        if !(1..=16).contains(&self.qr_module_dots) {
            return Err(("qr_module_dots", format!("{} is outside 1–16", self.qr_module_dots)));
        }
        if self.raster_band_rows == 0 {
            return Err(("raster_band_rows", "must be at least 1".into()));
        }
        if !(10..=10_000).contains(&self.status_timeout_ms) {
            return Err(("status_timeout_ms", format!("{} is outside 10–10000", self.status_timeout_ms)));
        }
        self.serial.check()
    }

    /// The `ESC t` number to select this profile's code page.
    pub fn code_page_select(&self) -> u8 {
        self.code_page_number.unwrap_or(self.code_page.epson_number())
    }

    /// Text columns of font A (12 dots wide) at normal size.
    pub fn columns(&self) -> usize {
        (self.width_dots / 12) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_profile_parses() {
        for (name, _) in BUILT_IN {
            let p = Profile::load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(p.width_dots == 576 || p.width_dots == 512 || p.width_dots == 384, "{name}");
        }
    }

    #[test]
    fn the_tm_t88iii_prints_its_qr_as_raster_and_the_58mm_has_no_status() {
        assert_eq!(Profile::load("epson-tm-t88iii").unwrap().qr, QrSupport::Raster);
        assert_eq!(Profile::load("generic-58mm").unwrap().status, StatusSupport::None);
    }

    #[test]
    fn a_wrong_type_is_refused_naming_file_and_field() {
        let text = BUILT_IN[0].1.replace("baud = 9600", "baud = \"fast\"");
        let err = Profile::parse("my.toml", &text).unwrap_err().to_string();
        assert!(err.contains("my.toml") && err.contains("`serial.baud`"), "{err}");
    }

    #[test]
    fn an_unknown_field_and_a_bad_width_are_refused_by_name() {
        let text = BUILT_IN[0].1.replace("width_dots", "widht_dots");
        let err = Profile::parse("x.toml", &text).unwrap_err().to_string();
        assert!(err.contains("widht_dots"), "{err}");
        let text = BUILT_IN[0].1.replace("576", "570");
        let err = Profile::parse("x.toml", &text).unwrap_err().to_string();
        assert!(err.contains("`width_dots`") && err.contains("570"), "{err}");
    }

    #[test]
    fn an_unknown_name_lists_the_built_in_profiles() {
        let err = Profile::load("epson-xyz").unwrap_err().to_string();
        assert!(err.contains("generic-80mm") && err.contains("epson-tm-t88iii"), "{err}");
    }

    #[test]
    fn a_profile_file_is_loaded_from_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, BUILT_IN[1].1.replace("Generic 58 mm ESC/POS", "Mine")).unwrap();
        assert_eq!(Profile::load(path.to_str().unwrap()).unwrap().name, "Mine");
    }
}
