//! A Zebra ZPL II model as data (`family = "zpl"` in
//! `hardware/printers/*.toml`): resolution, the label, QR size, status.

use serde::Deserialize;

use crate::badge::{LabelArea, LabelStyle};

/// Whether the printer answers `~HS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZplStatusSupport {
    /// `~HS` host status, on TCP 9100 and USB alike.
    HostStatus,
    None,
}

/// One ZPL printer with its label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZplProfile {
    /// Shown in logs and on the staff screen.
    pub name: String,
    /// 203 or 300.
    pub dpi: u32,
    /// `^PW`: label width in dots (4 in at 203 dpi = 812).
    pub width_dots: u32,
    /// `^LL`: label length in dots (3 in at 203 dpi = 609).
    pub length_dots: u32,
    /// `^BQ` magnification: dots per QR module, 1–10.
    pub qr_magnification: u8,
    pub status: ZplStatusSupport,
    /// How long to wait for the three `~HS` strings.
    #[serde(default = "default_status_timeout_ms")]
    pub status_timeout_ms: u64,
    /// Orientation, photo slot and band (`[layout]`). Any of them makes the
    /// label one graphic (`^GFA`) drawn by Foyer instead of printer text.
    #[serde(default)]
    pub layout: LabelStyle,
}

fn default_status_timeout_ms() -> u64 {
    1000
}

impl ZplProfile {
    /// The label for the badge layout (previews and graphic labels).
    pub fn label_area(&self) -> LabelArea {
        LabelArea {
            width_dots: self.width_dots,
            length_dots: Some(self.length_dots),
            qr_module_dots: self.qr_magnification,
            style: self.layout,
            two_colour: false,
        }
    }

    /// Whether the badge goes as one graphic: what the printer's own fonts
    /// and `^BQ` cannot lay out (a landscape badge, a photo slot, a band).
    pub fn graphic(&self) -> bool {
        self.layout != LabelStyle::default()
    }

    /// Refuses values that cannot work, naming the field.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if !matches!(self.dpi, 203 | 300 | 600) {
            return Err(("dpi", format!("{} is not 203, 300 or 600", self.dpi)));
        }
        if !(200..=3000).contains(&self.width_dots) {
            return Err(("width_dots", format!("{} is outside 200–3000", self.width_dots)));
        }
        if !(200..=6000).contains(&self.length_dots) {
            return Err(("length_dots", format!("{} is outside 200–6000", self.length_dots)));
        }
        if !(1..=10).contains(&self.qr_magnification) {
            return Err(("qr_magnification", format!("{} is outside 1–10", self.qr_magnification)));
        }
        if !(10..=10_000).contains(&self.status_timeout_ms) {
            return Err(("status_timeout_ms", format!("{} is outside 10–10000", self.status_timeout_ms)));
        }
        Ok(())
    }
}
