//! A label picture as ink planes: black, and on two-colour media (Brother
//! DK-22251 black/red) a second plane the printer lays in red. The print
//! job, the screen preview and the tests all read the same planes.

use image::{GrayImage, Rgba, RgbaImage};

/// Ink per colour (0 = paper, 255 = full ink).
#[derive(Debug, Clone, PartialEq)]
pub struct Planes {
    pub black: GrayImage,
    /// The second colour, on two-colour media only.
    pub red: Option<GrayImage>,
}

/// The red of the preview: what DK-22251's second colour looks like.
const RED: [u8; 3] = [0xD0, 0x10, 0x20];

impl Planes {
    /// Blank planes `width` × `height`; a red plane when `two_colour`.
    pub fn new(width: u32, height: u32, two_colour: bool) -> Self {
        Self { black: GrayImage::new(width, height), red: two_colour.then(|| GrayImage::new(width, height)) }
    }

    /// The plane bands are drawn in: red where there is one.
    pub fn band_plane(&mut self) -> &mut GrayImage {
        match &mut self.red {
            Some(red) => red,
            None => &mut self.black,
        }
    }

    /// The planes turned a quarter clockwise (landscape badges are drawn
    /// as read, then turned to run along the feed).
    pub fn rotated(&self) -> Self {
        Self { black: image::imageops::rotate90(&self.black), red: self.red.as_ref().map(image::imageops::rotate90) }
    }

    /// Every colour as one ink plane, for printers with one colour.
    pub fn merged(&self) -> GrayImage {
        let mut ink = self.black.clone();
        if let Some(red) = &self.red {
            for (p, r) in ink.pixels_mut().zip(red.pixels()) {
                p.0[0] = p.0[0].max(r.0[0]);
            }
        }
        ink
    }

    /// The picture as the screen shows it: white paper, black and red ink.
    pub fn preview(&self) -> RgbaImage {
        RgbaImage::from_fn(self.black.width(), self.black.height(), |x, y| {
            let k = self.black.get_pixel(x, y).0[0] as f32 / 255.0;
            let r = self.red.as_ref().map_or(0.0, |red| red.get_pixel(x, y).0[0] as f32 / 255.0);
            let mix = |red_ink: u8| {
                let with_red = 255.0 - r * (255.0 - red_ink as f32);
                (with_red * (1.0 - k)).round() as u8
            };
            Rgba([mix(RED[0]), mix(RED[1]), mix(RED[2]), 255])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn red_ink_previews_red_black_ink_black_and_merges_into_one_plane() {
        let mut p = Planes::new(3, 1, true);
        p.black.put_pixel(0, 0, Luma([255]));
        p.band_plane().put_pixel(1, 0, Luma([255]));
        let shown = p.preview();
        assert_eq!(shown.get_pixel(0, 0).0, [0, 0, 0, 255]);
        assert_eq!(shown.get_pixel(1, 0).0, [RED[0], RED[1], RED[2], 255]);
        assert_eq!(shown.get_pixel(2, 0).0, [255, 255, 255, 255]);
        assert_eq!(p.merged().pixels().filter(|v| v.0[0] == 255).count(), 2);
    }

    #[test]
    fn turning_a_wide_picture_makes_it_tall() {
        let mut p = Planes::new(4, 2, false);
        p.black.put_pixel(0, 0, Luma([255]));
        let r = p.rotated();
        assert_eq!(r.black.dimensions(), (2, 4));
        // The top-left corner goes to the top-right.
        assert_eq!(r.black.get_pixel(1, 0).0[0], 255);
        assert_eq!(Planes::new(1, 1, false).band_plane().dimensions(), (1, 1));
    }
}
