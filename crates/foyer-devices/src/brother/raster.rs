//! Badge ink to Brother raster lines and back.
//!
//! Each line spans the whole print head. The printable area sits
//! `right_offset` dots in from one end and the picture is mirrored, as
//! Brother's reference draws it ("the data is sent mirrored") and
//! `brother_ql` does it: image dot x lands on head dot
//! `offset + width − 1 − x`, bit 7 of byte 0 being head dot 0.

use image::{GrayImage, Luma};

use super::commands::{colour_line, raster_line, ColourPlane, BLANK_LINE};
use super::packbits;

/// Where the printable area lies on the head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadGeometry {
    /// Dots in a raster line (720 or 1296).
    pub head_dots: u32,
    /// Printable width.
    pub width_dots: u32,
    /// Blank head dots before the (mirrored) printable area.
    pub offset_dots: u32,
}

impl HeadGeometry {
    fn line_bytes(&self) -> usize {
        self.head_dots.div_ceil(8) as usize
    }
}

/// One line of ink as head bytes; a dot is printed where ink is at least half.
pub fn head_line(ink: &GrayImage, y: u32, g: HeadGeometry) -> Vec<u8> {
    let mut line = vec![0u8; g.line_bytes()];
    for x in 0..ink.width().min(g.width_dots) {
        if ink.get_pixel(x, y).0[0] >= 128 {
            let dot = (g.offset_dots + g.width_dots - 1 - x) as usize;
            line[dot / 8] |= 0x80 >> (dot % 8);
        }
    }
    line
}

/// Every line of `ink` as `g` commands (PackBits when `compress`), with a
/// blank line as `Z` where compression allows it.
pub fn encode_lines(ink: &GrayImage, g: HeadGeometry, compress: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(ink.height() as usize * 16);
    for y in 0..ink.height() {
        let line = head_line(ink, y, g);
        if !compress {
            out.extend_from_slice(&raster_line(&line));
        } else if line.iter().all(|b| *b == 0) {
            out.push(BLANK_LINE);
        } else {
            out.extend_from_slice(&raster_line(&packbits::compress(&line)));
        }
    }
    out
}

/// Two planes line by line, black then red for each line (a two-colour
/// job has no `Z` blank lines: both planes are sent for every line).
pub fn encode_two_colour_lines(black: &GrayImage, red: &GrayImage, g: HeadGeometry, compress: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(black.height() as usize * 32);
    for y in 0..black.height() {
        for (plane, ink) in [(ColourPlane::Black, black), (ColourPlane::Red, red)] {
            let line = head_line(ink, y, g);
            let data = if compress { packbits::compress(&line) } else { line };
            out.extend_from_slice(&colour_line(plane, &data));
        }
    }
    out
}

/// Head lines (as sent, decompressed) back into the printable picture,
/// 255 = dot, for tests and `foyer badge render` checks.
pub fn picture(lines: &[Vec<u8>], g: HeadGeometry) -> GrayImage {
    let mut img = GrayImage::new(g.width_dots, lines.len().max(1) as u32);
    for (y, line) in lines.iter().enumerate() {
        for x in 0..g.width_dots {
            let dot = (g.offset_dots + g.width_dots - 1 - x) as usize;
            if line.get(dot / 8).is_some_and(|b| b & (0x80 >> (dot % 8)) != 0) {
                img.put_pixel(x, y as u32, Luma([255]));
            }
        }
    }
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    const QL800_62MM: HeadGeometry = HeadGeometry { head_dots: 720, width_dots: 696, offset_dots: 12 };

    #[test]
    fn the_leftmost_image_dot_is_the_last_printable_head_dot() {
        let mut ink = GrayImage::new(696, 1);
        ink.put_pixel(0, 0, Luma([255]));
        ink.put_pixel(695, 0, Luma([255]));
        let line = head_line(&ink, 0, QL800_62MM);
        assert_eq!(line.len(), 90);
        // x = 695 → head dot 12 (byte 1, 0x08); x = 0 → head dot 707 (byte 88, 0x10).
        assert_eq!((line[1], line[88]), (0x08, 0x10));
        assert_eq!(line.iter().filter(|b| **b != 0).count(), 2);
    }

    #[test]
    fn blank_lines_are_z_with_compression_and_90_zeros_without() {
        let ink = GrayImage::new(696, 2);
        assert_eq!(encode_lines(&ink, QL800_62MM, true), [0x5A, 0x5A]);
        let plain = encode_lines(&ink, QL800_62MM, false);
        assert_eq!(plain.len(), 2 * 93);
        assert_eq!(&plain[..3], &[0x67, 0x00, 90]);
    }

    #[test]
    fn a_full_line_compresses_to_a_few_bytes_and_decodes_back() {
        let ink = GrayImage::from_pixel(696, 1, Luma([255]));
        let bytes = encode_lines(&ink, QL800_62MM, true);
        // 12 blank dots (1.5 bytes), 696 dots, 12 blank: 00 0F FF×86 F0 00
        assert_eq!(bytes, [0x67, 0x00, 0x08, 0x01, 0x00, 0x0F, 0xAB, 0xFF, 0x01, 0xF0, 0x00]);
        let line = packbits::decompress(&bytes[3..]).unwrap();
        assert_eq!(picture(&[line], QL800_62MM), ink);
    }
}
