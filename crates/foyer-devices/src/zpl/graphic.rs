//! Pictures in ZPL: `^GFA` (graphic field, ASCII hex) for the site logo
//! on a native label, and for the whole badge when the printer's own
//! layout cannot hold it. Syntax from Zebra's "ZPL II Programming Guide":
//! `^GFA,a,b,c,data`, a = b = bytes of the picture, c = bytes per row,
//! one bit per dot, 1 = black, rows top to bottom, most significant bit
//! leftmost.

use std::fmt::Write;

use image::GrayImage;

/// `^FOx,y^GFA,…^FS` for `ink` (a dot where ink is at least half).
pub fn graphic_field(x: u32, y: u32, ink: &GrayImage) -> String {
    let row = ink.width().div_ceil(8) as usize;
    let total = row * ink.height() as usize;
    let mut out = String::with_capacity(total * 2 + 40);
    let _ = write!(out, "^FO{x},{y}^GFA,{total},{total},{row},");
    for y in 0..ink.height() {
        for byte in 0..row {
            let mut b = 0u8;
            for bit in 0..8 {
                let px = (byte * 8 + bit) as u32;
                if px < ink.width() && ink.get_pixel(px, y).0[0] >= 128 {
                    b |= 0x80 >> bit;
                }
            }
            let _ = write!(out, "{b:02X}");
        }
    }
    out.push_str("^FS\n");
    out
}

/// The pictures of every `^GFA` field of a job with its `^FO` origin, read
/// back (tests and the played printer check what a label would show).
pub fn graphic_fields(job: &str) -> Vec<((u32, u32), GrayImage)> {
    let mut found = Vec::new();
    for part in job.split("^FO").skip(1) {
        let Some((origin, rest)) = part.split_once("^GFA,") else { continue };
        let Some((x, y)) = origin.split_once(',') else { continue };
        let (Ok(x), Ok(y)) = (x.parse(), y.parse()) else { continue };
        let mut fields = rest.splitn(4, ',');
        let (Some(total), Some(_), Some(row), Some(data)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let (Ok(total), Ok(row)) = (total.parse::<usize>(), row.parse::<usize>()) else { continue };
        let hex = data.split("^FS").next().unwrap_or_default();
        if row == 0 || hex.len() != total * 2 {
            continue;
        }
        let bytes: Vec<u8> = (0..total).filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
        let height = (total / row) as u32;
        let img = GrayImage::from_fn(row as u32 * 8, height, |px, py| {
            let b = bytes[py as usize * row + px as usize / 8];
            image::Luma([if b & (0x80 >> (px % 8)) != 0 { 255 } else { 0 }])
        });
        found.push(((x, y), img));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn a_picture_becomes_hex_rows_and_reads_back() {
        let mut ink = GrayImage::new(10, 2);
        ink.put_pixel(0, 0, Luma([255]));
        ink.put_pixel(9, 1, Luma([255]));
        let field = graphic_field(5, 7, &ink);
        // Two bytes a row: 80 00 on the first, 00 40 on the second.
        assert_eq!(field, "^FO5,7^GFA,4,4,2,80000040^FS\n");
        let back = graphic_fields(&field);
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].0, (5, 7));
        let img = &back[0].1;
        assert_eq!((img.get_pixel(0, 0).0[0], img.get_pixel(9, 1).0[0], img.get_pixel(1, 0).0[0]), (255, 255, 0));
    }
}
