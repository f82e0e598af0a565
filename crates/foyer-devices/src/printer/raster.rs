//! `GS v 0` raster images from our own bitmaps.
//!
//! Ink is thresholded at half coverage (text and QR are line art; the logo
//! arrives already dithered), packed MSB-first with 1 = black, and cut into
//! blocks of at most `band_rows` rows because some printers choke on taller
//! ones.

use image::GrayImage;

use super::commands::raster_header;

/// Bytes per row for an image `width` dots wide (padded to whole bytes).
pub fn row_bytes(width: u32) -> usize {
    width.div_ceil(8) as usize
}

/// Packs ink into rows of bytes: bit 7 of the first byte is the leftmost
/// dot; a dot is printed where ink is at least half.
pub fn pack(ink: &GrayImage) -> Vec<u8> {
    let stride = row_bytes(ink.width());
    let mut out = vec![0u8; stride * ink.height() as usize];
    for (x, y, p) in ink.enumerate_pixels() {
        if p.0[0] >= 128 {
            out[y as usize * stride + x as usize / 8] |= 0x80 >> (x % 8);
        }
    }
    out
}

/// The image as `GS v 0` blocks of at most `band_rows` rows each.
///
/// Blank columns on the right are left out: the image still starts at the
/// left margin, so it lands where it would at full width on every printer
/// (unlike centring with `ESC a`, which only some models apply to images).
pub fn encode(ink: &GrayImage, band_rows: u8) -> Vec<u8> {
    let stride = row_bytes(ink.width());
    let packed = pack(ink);
    let used =
        packed.chunks(stride).filter_map(|row| row.iter().rposition(|b| *b != 0)).max().map_or(1, |last| last + 1);
    let band = band_rows.max(1) as usize;
    let mut out = Vec::with_capacity(used * ink.height() as usize + 8 * (ink.height() as usize / band + 1));
    for rows in packed.chunks(stride * band) {
        out.extend_from_slice(&raster_header(used as u16, (rows.len() / stride) as u16));
        for row in rows.chunks(stride) {
            out.extend_from_slice(&row[..used]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn the_leftmost_dot_is_the_most_significant_bit_and_rows_are_padded() {
        let mut ink = GrayImage::new(10, 2);
        ink.put_pixel(0, 0, Luma([255]));
        ink.put_pixel(9, 1, Luma([200]));
        ink.put_pixel(1, 1, Luma([127])); // under half: no dot
        assert_eq!(pack(&ink), [0x80, 0x00, 0x00, 0x40]);
    }

    #[test]
    fn one_row_image_is_one_block_with_exact_header() {
        let ink = GrayImage::from_pixel(16, 1, Luma([255]));
        assert_eq!(encode(&ink, 255), [0x1D, 0x76, 0x30, 0x00, 2, 0, 1, 0, 0xFF, 0xFF]);
    }

    #[test]
    fn blank_columns_on_the_right_are_not_sent() {
        let mut ink = GrayImage::new(576, 2);
        ink.put_pixel(20, 1, Luma([255]));
        assert_eq!(encode(&ink, 255), [0x1D, 0x76, 0x30, 0x00, 3, 0, 2, 0, 0, 0, 0, 0, 0, 0x08]);
    }

    #[test]
    fn tall_images_are_cut_into_bands_of_at_most_255_rows() {
        let mut ink = GrayImage::new(576, 600);
        ink.put_pixel(575, 0, Luma([255]));
        let bytes = encode(&ink, 255);
        assert_eq!(bytes.len(), 3 * 8 + 72 * 600);
        assert_eq!(&bytes[..8], &[0x1D, 0x76, 0x30, 0x00, 72, 0, 255, 0]);
        let second = 8 + 72 * 255;
        assert_eq!(&bytes[second..second + 8], &[0x1D, 0x76, 0x30, 0x00, 72, 0, 255, 0]);
        let third = 2 * second;
        assert_eq!(&bytes[third..third + 8], &[0x1D, 0x76, 0x30, 0x00, 72, 0, 90, 0]);
    }
}
