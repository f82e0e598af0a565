//! Drawing a layout: into ink for the raster printer, and into a picture
//! for the kiosk screen. Both come from the same blocks, so the preview
//! shows exactly what is printed.

use image::{GrayImage, Luma, Rgba, RgbaImage};

use super::fonts;
use super::layout::{qr_side, BadgeError, BadgeLayout, Block, Paper, Slot, TextBlock, BAND_PAD, QUIET_ZONE};
use super::logo::Logo;
use super::planes::Planes;
use super::shape::shape_line;
use super::text::BadgeText;
use foyer_domain::BadgeContent;

/// Draws `blocks` one below the other into an ink image `width` dots wide
/// (0 = paper, 255 = full ink; text edges are anti-aliased).
pub fn draw_blocks(width: u32, blocks: &[Block]) -> GrayImage {
    let height = blocks.iter().map(Block::height).sum::<u32>().max(1);
    let mut planes = Planes::new(width, height, false);
    draw_column(&mut planes, (0, 0), width, blocks);
    planes.black
}

/// Draws `blocks` one below the other in the column `width` dots wide whose
/// top-left corner is `at`, each centred in it; bands go to the band plane.
pub fn draw_column(planes: &mut Planes, at: (u32, u32), width: u32, blocks: &[Block]) {
    let (left, mut top) = at;
    for block in blocks {
        match block {
            Block::Logo(logo) => {
                let x = left + (width.saturating_sub(logo.width())) / 2;
                image::imageops::overlay(&mut planes.black, logo, x as i64, top as i64);
            }
            Block::Text(t) => draw_lines(&mut planes.black, t, left, top, width),
            Block::Band(t) => draw_band(planes.band_plane(), t, (left, top), width, block.height()),
            Block::Qr { modules, size, scale, slot } => {
                let side = qr_side(*size, *scale);
                let slot_w = slot.as_ref().map_or(0, |s| s.width + BAND_PAD);
                let x = left + width.saturating_sub(side + slot_w) / 2;
                if let Some(slot) = slot {
                    draw_slot(&mut planes.black, slot, x, top);
                }
                draw_qr(&mut planes.black, (x + slot_w, top), modules, *size, *scale);
            }
            Block::Gap(_) => {}
        }
        top += block.height();
    }
}

fn draw_lines(ink: &mut GrayImage, t: &TextBlock, left: u32, top: u32, width: u32) {
    for (i, line) in t.lines.iter().enumerate() {
        // Shaped once: the width that centres it is the width drawn.
        let shaped = shape_line(t.weight, t.px, line);
        let x = left as f32 + ((width as f32 - shaped.width) / 2.0).max(0.0);
        let y = (top + i as u32 * t.line_height) as f32;
        fonts::draw_shaped(ink, t.weight, t.px, x, y, &shaped);
    }
}

/// A solid band with the words cut out of it, so they read as paper.
fn draw_band(ink: &mut GrayImage, t: &TextBlock, at: (u32, u32), width: u32, height: u32) {
    let mut words = GrayImage::new(width, height);
    draw_lines(&mut words, t, 0, BAND_PAD, width);
    for (x, y, w) in words.enumerate_pixels() {
        let (px, py) = (at.0 + x, at.1 + y);
        if px < ink.width() && py < ink.height() {
            ink.put_pixel(px, py, Luma([255 - w.0[0]]));
        }
    }
}

/// The photo slot: the photo where there is one, else a thin frame.
pub(super) fn draw_slot(ink: &mut GrayImage, slot: &Slot, left: u32, top: u32) {
    if let Some(photo) = &slot.photo {
        let x = left + (slot.width.saturating_sub(photo.width())) / 2;
        let y = top + (slot.height.saturating_sub(photo.height())) / 2;
        image::imageops::overlay(ink, photo, x as i64, y as i64);
        return;
    }
    for x in left..left + slot.width {
        for y in top..top + slot.height {
            let edge = x < left + 2 || x + 2 >= left + slot.width || y < top + 2 || y + 2 >= top + slot.height;
            if edge && x < ink.width() && y < ink.height() {
                ink.put_pixel(x, y, Luma([255]));
            }
        }
    }
}

/// The QR code with its quiet zone, its top-left corner at `at`.
pub(super) fn draw_qr(ink: &mut GrayImage, at: (u32, u32), modules: &[bool], size: u32, scale: u32) {
    let (left, top) = (at.0 + QUIET_ZONE * scale, at.1 + QUIET_ZONE * scale);
    for (i, _) in modules.iter().enumerate().filter(|(_, dark)| **dark) {
        let (mx, my) = (i as u32 % size, i as u32 / size);
        for dy in 0..scale {
            for dx in 0..scale {
                let (x, y) = (left + mx * scale + dx, top + my * scale + dy);
                if x < ink.width() && y < ink.height() {
                    ink.put_pixel(x, y, Luma([255]));
                }
            }
        }
    }
}

/// The badge as the kiosk screen shows it: black on white, one pixel per
/// printer dot.
pub fn render_preview(content: &BadgeContent, paper: Paper, logo: Option<&Logo>) -> Result<RgbaImage, BadgeError> {
    let layout = BadgeLayout::new(&BadgeText::from_content(content), paper, logo)?;
    let ink = draw_blocks(layout.width, &layout.blocks);
    Ok(RgbaImage::from_fn(ink.width(), ink.height(), |x, y| {
        let v = 255 - ink.get_pixel(x, y).0[0];
        Rgba([v, v, v, 255])
    }))
}

/// The preview as PNG bytes (for the UI, the file printer and the CLI).
pub fn preview_png(content: &BadgeContent, paper: Paper, logo: Option<&Logo>) -> Result<Vec<u8>, BadgeError> {
    let img = render_preview(content, paper, logo)?;
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_domain::SiteKey;

    #[test]
    fn the_preview_is_as_wide_as_the_paper_and_has_ink() {
        let content = BadgeContent::sample(&SiteKey::from_bytes([2; 32]));
        let img = render_preview(&content, Paper { width_dots: 384, qr_module_dots: 5 }, None).unwrap();
        assert_eq!(img.width(), 384);
        let dark = img.pixels().filter(|p| p.0[0] < 128).count();
        assert!(dark > 5_000, "{dark} dark pixels");
    }

    #[test]
    fn the_png_starts_with_the_png_signature() {
        let content = BadgeContent::sample(&SiteKey::from_bytes([2; 32]));
        let png = preview_png(&content, Paper { width_dots: 576, qr_module_dots: 6 }, None).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}
