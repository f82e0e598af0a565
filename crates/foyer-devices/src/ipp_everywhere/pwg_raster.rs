//! PWG raster (PWG 5102.4, `image/pwg-raster`): the format every IPP
//! Everywhere printer must accept. A file is the sync word `RaS2`, then
//! per page a 1796-byte big-endian header and the page's lines, each
//! compressed as a line-repeat byte followed by PackBits-style runs.
//!
//! Only what a badge needs is written: one 8-bit `sgray` page. Header
//! offsets follow CUPS' `cups_page_header2_t`, whose layout PWG 5102.4
//! adopted (reserved fields stay zero, as the standard asks).

use image::GrayImage;

/// The sync word of a PWG raster stream.
pub const SYNC: &[u8; 4] = b"RaS2";
/// Bytes in one page header.
pub const HEADER_LEN: usize = 1796;
/// `cupsColorSpace` for 8-bit grey where 0 is black and 255 white.
pub const SGRAY: u32 = 18;
/// Longest run one control byte can say (repeat or literal).
const MAX_RUN: usize = 128;

/// What the page header says about one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHeader {
    /// Dots per inch, the same across and along the feed.
    pub dpi: u32,
    /// Width and height in pixels.
    pub width: u32,
    pub height: u32,
    /// The PWG media name (`oe_4x3-label_4x3in`), in `PageSizeName`.
    pub media: String,
}

// Byte offsets of the fields written (PWG 5102.4 table 4).
const HW_RESOLUTION: usize = 276;
const NUM_COPIES: usize = 340;
const PAGE_SIZE: usize = 352;
const WIDTH: usize = 372;
const BITS_PER_COLOR: usize = 384;
const BYTES_PER_LINE: usize = 392;
const COLOR_SPACE: usize = 400;
const NUM_COLORS: usize = 420;
const TOTAL_PAGE_COUNT: usize = 452;
const CROSS_FEED_TRANSFORM: usize = 456;
const IMAGE_BOX: usize = 464;
const PAGE_SIZE_NAME: usize = 1732;

fn put_u32(h: &mut [u8], at: usize, v: u32) {
    h[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

impl PageHeader {
    /// The 1796 header bytes for an 8-bit sgray page.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut h = vec![0u8; HEADER_LEN];
        h[192..192 + 7].copy_from_slice(b"graphic"); // PrintContentOptimize
        put_u32(&mut h, HW_RESOLUTION, self.dpi);
        put_u32(&mut h, HW_RESOLUTION + 4, self.dpi);
        put_u32(&mut h, NUM_COPIES, 1);
        // PageSize is in points (1/72 in), rounded as CUPS does.
        put_u32(&mut h, PAGE_SIZE, (self.width * 72 + self.dpi / 2) / self.dpi);
        put_u32(&mut h, PAGE_SIZE + 4, (self.height * 72 + self.dpi / 2) / self.dpi);
        put_u32(&mut h, WIDTH, self.width);
        put_u32(&mut h, WIDTH + 4, self.height);
        put_u32(&mut h, BITS_PER_COLOR, 8);
        put_u32(&mut h, BITS_PER_COLOR + 4, 8); // BitsPerPixel
        put_u32(&mut h, BYTES_PER_LINE, self.width);
        put_u32(&mut h, COLOR_SPACE, SGRAY);
        put_u32(&mut h, NUM_COLORS, 1);
        put_u32(&mut h, TOTAL_PAGE_COUNT, 1);
        put_u32(&mut h, CROSS_FEED_TRANSFORM, 1);
        put_u32(&mut h, CROSS_FEED_TRANSFORM + 4, 1); // FeedTransform
        put_u32(&mut h, IMAGE_BOX + 8, self.width); // ImageBoxRight
        put_u32(&mut h, IMAGE_BOX + 12, self.height); // ImageBoxBottom
        let name = self.media.as_bytes();
        let n = name.len().min(63);
        h[PAGE_SIZE_NAME..PAGE_SIZE_NAME + n].copy_from_slice(&name[..n]);
        h
    }
}

/// One line's pixels as PackBits-style runs: `n` 0–127 repeats the next
/// pixel n+1 times, `257 − n` (129–255) copies the next n pixels.
fn encode_line(line: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < line.len() {
        let run = line[i..].iter().take(MAX_RUN).take_while(|p| **p == line[i]).count();
        if run >= 2 {
            out.push((run - 1) as u8);
            out.push(line[i]);
            i += run;
            continue;
        }
        // Literals until two equal pixels start a run.
        let start = i;
        while i < line.len() && i - start < MAX_RUN && !(i + 1 < line.len() && line[i] == line[i + 1]) {
            i += 1;
        }
        out.push((257 - (i - start)) as u8);
        out.extend_from_slice(&line[start..i]);
    }
}

/// A complete one-page stream of `page` (0 = black, 255 = white).
pub fn encode_page(page: &GrayImage, dpi: u32, media: &str) -> Vec<u8> {
    let header = PageHeader { dpi, width: page.width(), height: page.height(), media: media.to_owned() };
    let mut out = Vec::with_capacity(HEADER_LEN + page.len() / 8);
    out.extend_from_slice(SYNC);
    out.extend_from_slice(&header.to_bytes());
    let rows: Vec<&[u8]> = page.as_raw().chunks(page.width().max(1) as usize).collect();
    let mut y = 0;
    while y < rows.len() {
        // The line-repeat byte: how many following lines equal this one.
        let repeats = rows[y + 1..].iter().take(255).take_while(|r| **r == rows[y]).count();
        out.push(repeats as u8);
        encode_line(rows[y], &mut out);
        y += repeats + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_becomes_runs_and_literals() {
        let mut out = Vec::new();
        encode_line(&[255, 255, 255, 0, 10, 20, 20], &mut out);
        // 3 × 255, then literals 0 10 (257 − 2 = 255), then 2 × 20.
        assert_eq!(out, [2, 255, 255, 0, 10, 1, 20]);
        let mut out = Vec::new();
        encode_line(&[7; 300], &mut out);
        assert_eq!(out, [127, 7, 127, 7, 43, 7]);
    }

    #[test]
    fn the_header_carries_resolution_size_and_colour_space_at_their_offsets() {
        let h = PageHeader { dpi: 300, width: 1200, height: 900, media: "oe_4x3-label_4x3in".into() }.to_bytes();
        let at = |o: usize| u32::from_be_bytes(h[o..o + 4].try_into().unwrap());
        assert_eq!(h.len(), 1796);
        assert_eq!((at(276), at(280)), (300, 300));
        assert_eq!((at(352), at(356)), (288, 216)); // 4 × 3 in in points
        assert_eq!((at(372), at(376), at(384), at(388), at(392)), (1200, 900, 8, 8, 1200));
        assert_eq!((at(400), at(420), at(452)), (18, 1, 1));
        assert!(h[1732..].starts_with(b"oe_4x3-label_4x3in\0"));
    }

    #[test]
    fn identical_lines_share_one_repeat_byte() {
        let page = GrayImage::from_pixel(4, 3, image::Luma([255]));
        let stream = encode_page(&page, 300, "x");
        assert_eq!(&stream[..4], b"RaS2");
        assert_eq!(&stream[4 + HEADER_LEN..], [2, 3, 255]);
    }
}
