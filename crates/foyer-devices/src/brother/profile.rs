//! A Brother QL model as data (`family = "brother_ql"` in
//! `hardware/printers/*.toml`). What Brother's reference leaves open per
//! model (invalidate length, compression, the wide models' head offset)
//! is a field here rather than a guess in code.

use serde::Deserialize;

use super::media::{Media, MediaId};
use crate::badge::LabelStyle;

/// Whether the printer answers `ESC i S`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BrotherStatusSupport {
    /// The 32-byte reply, on the USB printer class device (not over TCP 9100).
    EscIS,
    None,
}

/// One Brother QL model.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrotherProfile {
    /// Shown in logs and on the staff screen.
    pub name: String,
    /// Dots in one raster line: 720 (90 bytes) on the QL-5xx/7xx/8xx,
    /// 1296 (162 bytes) on the QL-1100 family.
    pub head_dots: u32,
    /// Bytes of `00` in the invalidate command: 200, or 400 on the QL-800 family.
    pub invalidate_bytes: usize,
    /// Whether the model takes `M 02` (PackBits) lines.
    pub compression: bool,
    /// The roll the kiosk expects; a job on any other is refused.
    pub media: MediaId,
    /// Rolls the model takes (for `doctor` and the CLI).
    pub media_supported: Vec<MediaId>,
    /// Dots added to each medium's right offset (some wide models shift the
    /// printable area; 0 where the reference gives none).
    #[serde(default)]
    pub extra_right_offset_dots: u32,
    /// Whether status can be asked (USB only).
    pub status: BrotherStatusSupport,
    /// Cut after every label.
    pub auto_cut: bool,
    /// Cut after the last label of a job.
    pub cut_at_end: bool,
    /// Dots per QR module at 300 dpi.
    pub qr_module_dots: u8,
    /// How long to wait for the 32-byte reply.
    #[serde(default = "default_status_timeout_ms")]
    pub status_timeout_ms: u64,
    /// Orientation, photo slot and colour band (`[layout]`).
    #[serde(default)]
    pub layout: LabelStyle,
}

fn default_status_timeout_ms() -> u64 {
    1000
}

impl BrotherProfile {
    /// The expected roll.
    pub fn media(&self) -> &'static Media {
        self.media.0
    }

    /// Bytes in one raster line.
    pub fn line_bytes(&self) -> usize {
        self.head_dots.div_ceil(8) as usize
    }

    /// Refuses values that cannot work, naming the field.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if !matches!(self.head_dots, 720 | 1296) {
            return Err(("head_dots", format!("{} is neither 720 nor 1296", self.head_dots)));
        }
        if !(1..=1000).contains(&self.invalidate_bytes) {
            return Err(("invalidate_bytes", format!("{} is outside 1–1000", self.invalidate_bytes)));
        }
        let m = self.media();
        if m.width_dots + m.right_offset_dots + self.extra_right_offset_dots > self.head_dots {
            return Err(("media", format!("{} is wider than the {}-dot head", m.id, self.head_dots)));
        }
        if !self.media_supported.contains(&self.media) {
            return Err(("media", format!("{} is not in media_supported", m.id)));
        }
        if !(1..=16).contains(&self.qr_module_dots) {
            return Err(("qr_module_dots", format!("{} is outside 1–16", self.qr_module_dots)));
        }
        if !(10..=10_000).contains(&self.status_timeout_ms) {
            return Err(("status_timeout_ms", format!("{} is outside 10–10000", self.status_timeout_ms)));
        }
        Ok(())
    }
}
