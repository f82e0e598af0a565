//! Drawing a layout: into ink for the raster printer, and into a picture
//! for the kiosk screen. Both come from the same blocks, so the preview
//! shows exactly what is printed.

use image::{GrayImage, Luma, Rgba, RgbaImage};

use super::fonts;
use super::layout::{BadgeError, BadgeLayout, Block, Paper};
use super::logo::Logo;
use super::text::BadgeText;
use foyer_domain::BadgeContent;

/// Draws `blocks` one below the other into an ink image `width` dots wide
/// (0 = paper, 255 = full ink; text edges are anti-aliased).
pub fn draw_blocks(width: u32, blocks: &[Block]) -> GrayImage {
    let height = blocks.iter().map(Block::height).sum::<u32>().max(1);
    let mut ink = GrayImage::new(width, height);
    let mut top = 0;
    for block in blocks {
        match block {
            Block::Logo(logo) => {
                let x = (width.saturating_sub(logo.width())) / 2;
                image::imageops::overlay(&mut ink, logo, x as i64, top as i64);
            }
            Block::Text(t) => {
                for (i, line) in t.lines.iter().enumerate() {
                    let w = fonts::measure(t.weight, t.px, line);
                    let x = ((width as f32 - w) / 2.0).max(0.0);
                    let y = (top + i as u32 * t.line_height) as f32;
                    fonts::draw(&mut ink, t.weight, t.px, x, y, line);
                }
            }
            Block::Qr { modules, size, scale } => draw_qr(&mut ink, top, modules, *size, *scale),
            Block::Gap(_) => {}
        }
        top += block.height();
    }
    ink
}

fn draw_qr(ink: &mut GrayImage, top: u32, modules: &[bool], size: u32, scale: u32) {
    let side = (size + 8) * scale;
    let left = (ink.width().saturating_sub(side)) / 2 + 4 * scale;
    let top = top + 4 * scale;
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
