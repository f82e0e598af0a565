//! ESC/POS commands Foyer encodes itself, because the `escpos` crate gets
//! them wrong or does not offer them:
//!
//! - its "partial cut" is `1D 56 41 01`, which is function B *full* cut
//!   after feeding one unit;
//! - its real-time status appends a stray fourth byte (`10 04 n 00`), which
//!   the printer reads as the start of the next command;
//! - its images are thresholded without dithering (we send `GS v 0` from
//!   our own dithered bitmap, see `raster`);
//! - its PC858 table is wrong in five places and its text falls back to
//!   UTF-8, control bytes included (visitor text goes through `codepage`).
//!
//! Everything else (initialise, code page, bold, size, alignment, feed, QR)
//! goes through the crate, which is right for those; `encoder` has the
//! exact-byte tests for both.

use super::profile::CutKind;

/// `DLE EOT n`: real-time status, one reply byte per request.
pub fn status_request(n: StatusQuery) -> [u8; 3] {
    [0x10, 0x04, n as u8]
}

/// The four real-time status requests, in the order Foyer sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusQuery {
    Printer = 1,
    OfflineCause = 2,
    ErrorCause = 3,
    PaperSensor = 4,
}

impl StatusQuery {
    /// All four, in the order Foyer asks them.
    pub const ALL: [StatusQuery; 4] = [Self::Printer, Self::OfflineCause, Self::ErrorCause, Self::PaperSensor];
}

/// The cut at the end of a badge: `GS V 66 0` (feed to the cutter, partial
/// cut) or `GS V 65 0` (feed to the cutter, full cut). Function B feeds by
/// itself so the QR code is not cut through; nothing for a tear bar.
pub fn cut(kind: CutKind) -> &'static [u8] {
    match kind {
        CutKind::Partial => &[0x1D, 0x56, 0x42, 0x00],
        CutKind::Full => &[0x1D, 0x56, 0x41, 0x00],
        CutKind::None => &[],
    }
}

/// Header of one `GS v 0` raster block, normal density: width in bytes and
/// height in dots, little-endian.
pub fn raster_header(width_bytes: u16, rows: u16) -> [u8; 8] {
    let [xl, xh] = width_bytes.to_le_bytes();
    let [yl, yh] = rows.to_le_bytes();
    [0x1D, 0x76, 0x30, 0x00, xl, xh, yl, yh]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_requests_are_three_bytes_with_no_trailing_zero() {
        assert_eq!(status_request(StatusQuery::Printer), [0x10, 0x04, 0x01]);
        assert_eq!(status_request(StatusQuery::OfflineCause), [0x10, 0x04, 0x02]);
        assert_eq!(status_request(StatusQuery::ErrorCause), [0x10, 0x04, 0x03]);
        assert_eq!(status_request(StatusQuery::PaperSensor), [0x10, 0x04, 0x04]);
    }

    #[test]
    fn a_partial_cut_is_function_b_66_and_a_full_cut_65() {
        assert_eq!(cut(CutKind::Partial), [0x1D, 0x56, 0x42, 0x00]);
        assert_eq!(cut(CutKind::Full), [0x1D, 0x56, 0x41, 0x00]);
        assert!(cut(CutKind::None).is_empty());
    }

    #[test]
    fn a_raster_header_carries_width_in_bytes_and_height_in_dots() {
        assert_eq!(raster_header(72, 255), [0x1D, 0x76, 0x30, 0x00, 72, 0, 255, 0]);
        assert_eq!(raster_header(300, 256), [0x1D, 0x76, 0x30, 0x00, 0x2C, 0x01, 0x00, 0x01]);
    }
}
