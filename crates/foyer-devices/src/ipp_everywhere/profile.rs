//! An IPP Everywhere printer as data (`family = "ipp_everywhere"` in
//! `hardware/printers/*.toml`). The printer says what it can do in its
//! attributes, so the profile only holds what Foyer chooses: the media,
//! the document format, the QR size and how long to wait.

use serde::Deserialize;

use super::media::MediaSize;
use crate::badge::LabelStyle;

/// Which document format to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    /// PWG raster where the printer takes it, PNG otherwise.
    Auto,
    /// `image/pwg-raster` (PWG 5102.4) only.
    PwgRaster,
    /// `image/png` only.
    Png,
}

impl DocumentFormat {
    /// The MIME type sent as `document-format`.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Auto | Self::PwgRaster => "image/pwg-raster",
        }
    }
}

/// One IPP Everywhere printer (or CUPS queue).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IppProfile {
    /// Shown in logs and on the staff screen.
    pub name: String,
    /// The PWG self-describing media name the badge is laid out on
    /// (`oe_4x3-label_4x3in`); the `[printer]` config's `media` overrides it.
    pub media: String,
    /// The format to send; `auto` asks the printer.
    pub document_format: DocumentFormat,
    /// Side of one QR module in micrometres (800 = 0.8 mm), whatever the
    /// resolution; an integer so profiles compare exactly.
    pub qr_module_um: u32,
    /// Highest resolution used even if the printer offers more (the
    /// picture grows with the square of it).
    #[serde(default = "default_max_dpi")]
    pub max_dpi: u32,
    /// One IPP request (attributes, the job) may take this long.
    #[serde(default = "default_request_timeout_ms")]
    pub request_timeout_ms: u64,
    /// From submission to `completed`; past it the job is reported failed.
    #[serde(default = "default_job_timeout_ms")]
    pub job_timeout_ms: u64,
    /// Orientation, photo slot and band (`[layout]`); bands print black.
    #[serde(default)]
    pub layout: LabelStyle,
}

fn default_max_dpi() -> u32 {
    600
}

fn default_request_timeout_ms() -> u64 {
    5_000
}

fn default_job_timeout_ms() -> u64 {
    30_000
}

impl IppProfile {
    /// Refuses values that cannot work, naming the field.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        MediaSize::parse(&self.media).map_err(|why| ("media", why))?;
        if !(200..=3000).contains(&self.qr_module_um) {
            return Err(("qr_module_um", format!("{} is outside 200–3000", self.qr_module_um)));
        }
        if !(150..=1200).contains(&self.max_dpi) {
            return Err(("max_dpi", format!("{} is outside 150–1200", self.max_dpi)));
        }
        if !(100..=60_000).contains(&self.request_timeout_ms) {
            return Err(("request_timeout_ms", format!("{} is outside 100–60000", self.request_timeout_ms)));
        }
        if !(500..=600_000).contains(&self.job_timeout_ms) {
            return Err(("job_timeout_ms", format!("{} is outside 500–600000", self.job_timeout_ms)));
        }
        Ok(())
    }

    /// Dots per QR module at `dpi`.
    pub fn qr_module_dots(&self, dpi: u32) -> u8 {
        (self.qr_module_um as f32 * dpi as f32 / 25_400.0).round().clamp(1.0, 16.0) as u8
    }
}
