//! Brother QL raster commands, byte for byte.
//!
//! Source: Brother's "Raster Command Reference" for the QL-800/810W/820NWB
//! (section "Command details"), cross-checked with the open `brother_ql`
//! driver (pklaus/brother_ql, `raster.py`) and /work/shared/HARDWARE.md.

/// `00 × n`: invalidate. Clears a half-received job; 200 bytes on the
/// QL-700, 400 on the QL-800 family (a profile setting, `invalidate_bytes`).
pub fn invalidate(n: usize) -> Vec<u8> {
    vec![0; n]
}

/// `ESC @`: initialise.
pub const INITIALISE: [u8; 2] = [0x1B, 0x40];

/// `ESC i S`: status information request; the printer answers 32 bytes.
pub const STATUS_REQUEST: [u8; 3] = [0x1B, 0x69, 0x53];

/// `ESC i a 01`: switch dynamic command mode to raster.
pub const RASTER_MODE: [u8; 4] = [0x1B, 0x69, 0x61, 0x01];

/// `M 02`: TIFF (PackBits) compression of every raster line.
pub const COMPRESSION_TIFF: [u8; 2] = [0x4D, 0x02];
/// `M 00`: no compression.
pub const COMPRESSION_NONE: [u8; 2] = [0x4D, 0x00];

/// `Z`: a raster line with no dots (only valid with compression on).
pub const BLANK_LINE: u8 = 0x5A;

/// `Control-Z`: print the last page and feed.
pub const PRINT_LAST: u8 = 0x1A;

/// Media kind in `ESC i z` and in the status reply (byte 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// Continuous length tape (DK-22205): `0A`.
    Continuous = 0x0A,
    /// Die-cut labels (DK-11202, DK-11201): `0B`.
    DieCut = 0x0B,
}

/// `ESC i z n1 … n10`: print information. n1 = valid flags (`80` printer
/// recovery on, `40` quality first, `08` length, `04` width, `02` kind);
/// n2 kind, n3 width mm, n4 length mm (0 for continuous), n5–n8 raster
/// lines (little endian), n9 `00` first page, n10 `00`.
pub fn print_information(kind: MediaKind, width_mm: u8, length_mm: u8, lines: u32, first_page: bool) -> [u8; 13] {
    let flags = 0x80 | 0x40 | 0x08 | 0x04 | 0x02;
    let l = lines.to_le_bytes();
    let page = if first_page { 0 } else { 1 };
    [0x1B, 0x69, 0x7A, flags, kind as u8, width_mm, length_mm, l[0], l[1], l[2], l[3], page, 0x00]
}

/// `ESC i M n`: various mode; bit 6 = auto cut.
pub fn various_mode(auto_cut: bool) -> [u8; 4] {
    [0x1B, 0x69, 0x4D, if auto_cut { 0x40 } else { 0x00 }]
}

/// `ESC i A n`: cut every n labels (1–255).
pub fn cut_every(n: u8) -> [u8; 4] {
    [0x1B, 0x69, 0x41, n.max(1)]
}

/// `ESC i K n`: expanded mode; bit 3 = cut at end, bit 6 = high
/// resolution (300 × 600 dpi), bit 0 = two-colour printing.
pub fn expanded_mode(cut_at_end: bool, high_resolution: bool, two_colour: bool) -> [u8; 4] {
    let mut n = u8::from(two_colour);
    if cut_at_end {
        n |= 0x08;
    }
    if high_resolution {
        n |= 0x40;
    }
    [0x1B, 0x69, 0x4B, n]
}

/// `ESC i d nL nH`: feed margin in dots (35 for continuous tape, 0 for
/// die-cut labels).
pub fn margin(dots: u16) -> [u8; 5] {
    let [lo, hi] = dots.to_le_bytes();
    [0x1B, 0x69, 0x64, lo, hi]
}

/// `g 00 n d…`: one raster line of `n` (compressed or plain) bytes.
pub fn raster_line(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 3);
    out.extend_from_slice(&[0x67, 0x00, data.len() as u8]);
    out.extend_from_slice(data);
    out
}

/// `w 01 n d…` / `w 02 n d…`: one line of the black (first, high energy)
/// or red (second) plane of a two-colour job; each line sends both.
pub fn colour_line(plane: ColourPlane, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 3);
    out.extend_from_slice(&[0x77, plane as u8, data.len() as u8]);
    out.extend_from_slice(data);
    out
}

/// The planes of a two-colour line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColourPlane {
    Black = 0x01,
    Red = 0x02,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_commands_have_the_reference_bytes() {
        assert_eq!(INITIALISE, [0x1B, 0x40]);
        assert_eq!(STATUS_REQUEST, *b"\x1biS");
        assert_eq!(RASTER_MODE, *b"\x1bia\x01");
        assert_eq!(COMPRESSION_TIFF, *b"M\x02");
        assert_eq!((BLANK_LINE, PRINT_LAST), (b'Z', 0x1A));
        assert_eq!(invalidate(400).len(), 400);
        assert!(invalidate(200).iter().all(|b| *b == 0));
    }

    #[test]
    fn print_information_for_a_62x100_die_cut_label_of_1109_lines() {
        // brother_ql for DK-11202 at "quality": 1B 69 7A CE 0B 3E 64 55 04 00 00 00 00
        assert_eq!(
            print_information(MediaKind::DieCut, 62, 100, 1109, true),
            [0x1B, 0x69, 0x7A, 0xCE, 0x0B, 0x3E, 0x64, 0x55, 0x04, 0x00, 0x00, 0x00, 0x00]
        );
        assert_eq!(
            print_information(MediaKind::Continuous, 62, 0, 300, true),
            [0x1B, 0x69, 0x7A, 0xCE, 0x0A, 0x3E, 0x00, 0x2C, 0x01, 0x00, 0x00, 0x00, 0x00]
        );
    }

    #[test]
    fn modes_margins_and_lines_have_the_reference_bytes() {
        assert_eq!(various_mode(true), [0x1B, 0x69, 0x4D, 0x40]);
        assert_eq!(cut_every(1), [0x1B, 0x69, 0x41, 0x01]);
        assert_eq!(expanded_mode(true, false, false), [0x1B, 0x69, 0x4B, 0x08]);
        assert_eq!(expanded_mode(true, true, false), [0x1B, 0x69, 0x4B, 0x48]);
        // Two-colour printing is bit 0 (brother_ql: `two_color_printing << 0`).
        assert_eq!(expanded_mode(true, false, true), [0x1B, 0x69, 0x4B, 0x09]);
        assert_eq!(colour_line(ColourPlane::Red, &[0xF0]), [0x77, 0x02, 0x01, 0xF0]);
        assert_eq!(colour_line(ColourPlane::Black, &[])[..2], [0x77, 0x01]);
        assert_eq!(margin(35), [0x1B, 0x69, 0x64, 0x23, 0x00]);
        assert_eq!(margin(0), [0x1B, 0x69, 0x64, 0x00, 0x00]);
        assert_eq!(raster_line(&[0xFF, 0x00]), [0x67, 0x00, 0x02, 0xFF, 0x00]);
    }
}
