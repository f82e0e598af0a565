//! The optional site logo: loaded from PNG, scaled to the badge, and turned
//! into printer dots with Floyd–Steinberg error diffusion, so greys and
//! photos come out as shades instead of the blots a plain threshold makes.

use std::path::Path;

use image::imageops::FilterType;
use image::{GrayImage, Luma};

/// A site logo in grey levels (0 black … 255 white), as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo(GrayImage);

impl Logo {
    /// Decodes a PNG; transparent parts count as paper.
    pub fn from_png(bytes: &[u8]) -> Result<Self, image::ImageError> {
        let rgba = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)?.to_rgba8();
        let grey = GrayImage::from_fn(rgba.width(), rgba.height(), |x, y| {
            let [r, g, b, a] = rgba.get_pixel(x, y).0;
            let luma = (299 * r as u32 + 587 * g as u32 + 114 * b as u32) / 1000;
            // Composite over white paper.
            let a = a as u32;
            Luma([((luma * a + 255 * (255 - a)) / 255) as u8])
        });
        Ok(Self(grey))
    }

    /// Reads and decodes a PNG file; the message names the file.
    pub fn load(path: &Path) -> Result<Self, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read logo {}: {e}", path.display()))?;
        Self::from_png(&bytes).map_err(|e| format!("logo {} is not a usable PNG: {e}", path.display()))
    }

    /// Wraps grey levels already in memory.
    pub fn from_grey(grey: GrayImage) -> Self {
        Self(grey)
    }

    /// The logo scaled to fit `max_w` × `max_h` (never enlarged more than 2×)
    /// and dithered: 255 where a dot is printed, 0 where not.
    pub fn to_ink(&self, max_w: u32, max_h: u32) -> GrayImage {
        let (w, h) = self.0.dimensions();
        let scale = (max_w as f32 / w as f32).min(max_h as f32 / h as f32).min(2.0);
        let (nw, nh) = (((w as f32 * scale) as u32).max(1), ((h as f32 * scale) as u32).max(1));
        let scaled = image::imageops::resize(&self.0, nw, nh, FilterType::Triangle);
        floyd_steinberg(&scaled)
    }
}

/// Floyd–Steinberg dithering of grey levels into ink (255) and paper (0).
pub fn floyd_steinberg(grey: &GrayImage) -> GrayImage {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let mut level: Vec<i32> = grey.pixels().map(|p| p.0[0] as i32).collect();
    let mut ink = GrayImage::new(w as u32, h as u32);
    for y in 0..h {
        for x in 0..w {
            let old = level[y * w + x];
            let new = if old < 128 { 0 } else { 255 };
            if new == 0 {
                ink.put_pixel(x as u32, y as u32, Luma([255]));
            }
            let err = old - new;
            let mut spread = |dx: isize, dy: usize, weight: i32| {
                let nx = x as isize + dx;
                if nx >= 0 && (nx as usize) < w && y + dy < h {
                    level[(y + dy) * w + nx as usize] += err * weight / 16;
                }
            };
            spread(1, 0, 7);
            spread(-1, 1, 3);
            spread(0, 1, 5);
            spread(1, 1, 1);
        }
    }
    ink
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inked_share(ink: &GrayImage) -> f32 {
        ink.pixels().filter(|p| p.0[0] == 255).count() as f32 / (ink.width() * ink.height()) as f32
    }

    #[test]
    fn a_mid_grey_dithers_to_about_half_the_dots() {
        let grey = GrayImage::from_pixel(64, 64, Luma([128]));
        let share = inked_share(&floyd_steinberg(&grey));
        assert!((0.4..0.6).contains(&share), "{share}");
    }

    #[test]
    fn a_light_grey_keeps_some_dots_where_a_threshold_keeps_none() {
        let grey = GrayImage::from_pixel(64, 64, Luma([200]));
        let share = inked_share(&floyd_steinberg(&grey));
        assert!((0.15..0.35).contains(&share), "{share}");
    }

    #[test]
    fn a_logo_is_scaled_into_its_box_keeping_its_shape() {
        let logo = Logo::from_grey(GrayImage::from_pixel(400, 100, Luma([0])));
        let ink = logo.to_ink(200, 120);
        assert_eq!(ink.dimensions(), (200, 50));
        assert!(inked_share(&ink) > 0.99);
    }

    #[test]
    fn transparent_png_pixels_are_paper() {
        let img = image::RgbaImage::from_pixel(4, 4, image::Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let logo = Logo::from_png(&png).unwrap();
        assert_eq!(inked_share(&logo.to_ink(4, 4)), 0.0);
    }
}
