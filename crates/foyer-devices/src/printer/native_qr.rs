//! The printer's own QR code (`GS ( k`) with the quiet zone ISO/IEC 18004
//! asks for: 4 modules of blank paper on every side.
//!
//! ESC/POS printers draw the symbol alone, with no quiet zone, directly
//! under the last text line; phone cameras and the kiosk's scanner then
//! struggle to find it. So the module size is chosen so that the centred
//! symbol leaves 4 modules left and right, and blank lines are fed above
//! and below it.

use qrcode::bits::Bits;
use qrcode::{EcLevel, Version};

use super::escpos_buffer::EscposBuffer;
use crate::badge::layout::QUIET_ZONE;
use crate::DeviceError;

/// The height assumed for one `ESC d` line. After `ESC @` the line
/// spacing is the printer's default, 1/6 inch on Epson (30 dots at 180
/// dpi, 33 at 203 dpi) and never less than font A's 24-dot character on
/// any printer we know; 24 is the safe lower bound, so the quiet zone is
/// never short even where the default is smaller than Epson's.
pub const MIN_LINE_DOTS: u32 = 24;

/// How the QR of one badge is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeQr {
    /// Modules per side of the largest symbol the printer may choose.
    pub modules: u32,
    /// Dots per module (`GS ( k` fn 167).
    pub module_dots: u8,
    /// Blank lines fed above and below the symbol.
    pub feed_lines: u8,
}

impl NativeQr {
    /// The plan for `token` on paper `width_dots` wide, at the profile's
    /// module size or smaller where the symbol and its quiet zone would
    /// not fit across.
    pub fn plan(token: &str, width_dots: u32, module_dots: u8) -> Result<Self, DeviceError> {
        let modules = byte_mode_side(token)?;
        let fits = width_dots / (modules + 2 * QUIET_ZONE);
        let module = (module_dots as u32).min(fits).max(1);
        let feed = (QUIET_ZONE * module).div_ceil(MIN_LINE_DOTS);
        Ok(Self { modules, module_dots: module as u8, feed_lines: feed as u8 })
    }

    /// Blank lines, the centred symbol, blank lines.
    pub fn print(&self, job: &mut EscposBuffer, token: &str) -> Result<(), DeviceError> {
        job.feed(self.feed_lines)?.align_centre(true)?.qr(token, self.module_dots)?.feed(self.feed_lines)?;
        Ok(())
    }
}

/// Side in modules of the smallest model 2 symbol at error correction M
/// that holds `data` in byte mode. A printer picks its own version; byte
/// mode is the largest any encoding needs, so the quiet zone planned here
/// holds for whatever the firmware does.
fn byte_mode_side(data: &str) -> Result<u32, DeviceError> {
    for v in 1..=40i16 {
        let mut bits = Bits::new(Version::Normal(v));
        if bits.push_byte_data(data.as_bytes()).is_ok() && bits.push_terminator(EcLevel::M).is_ok() {
            return Ok(17 + 4 * v as u32);
        }
    }
    Err(DeviceError::Config(format!("the badge token of {} bytes does not fit in a QR code", data.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_mode_versions_follow_the_standard_capacities_at_level_m() {
        // ISO/IEC 18004 table 7, byte mode, level M: v1 14, v2 26, v3 42.
        assert_eq!(byte_mode_side(&"a".repeat(14)).unwrap(), 21);
        assert_eq!(byte_mode_side(&"a".repeat(15)).unwrap(), 25);
        assert_eq!(byte_mode_side(&"a".repeat(42)).unwrap(), 29);
        assert_eq!(byte_mode_side(&"a".repeat(43)).unwrap(), 33);
    }

    #[test]
    fn the_module_shrinks_until_the_symbol_and_its_quiet_zone_fit_across() {
        // 62 bytes is version 4, 33 modules, 41 with the quiet zone.
        let qr = NativeQr::plan(&"a".repeat(62), 384, 16).unwrap();
        assert_eq!((qr.modules, qr.module_dots), (33, 9));
        assert_eq!(qr.feed_lines, 2, "36 dots of quiet zone need two 24-dot lines");
        let qr = NativeQr::plan(&"a".repeat(62), 576, 6).unwrap();
        assert_eq!((qr.module_dots, qr.feed_lines), (6, 1));
    }
}
