//! Where everything goes on the badge, in printer dots: the visitor's name
//! largest, every line wrapped or shrunk to the paper width, the QR code
//! last. Raster printing and the screen preview both draw this layout.

use image::GrayImage;
use qrcode::{Color, EcLevel, QrCode};

pub use super::fields::{text_blocks, Extras};
use super::fonts::Weight;
use super::logo::Logo;
use super::text::{BadgeText, Role};
/// The paper a badge is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paper {
    /// Printable width in dots (576 for 80 mm at 203 dpi).
    pub width_dots: u32,
    /// Dots per QR module.
    pub qr_module_dots: u8,
}

/// Which kind of content a block holds; the encoder prints each kind
/// natively or as raster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Logo,
    Text,
    Qr,
}

/// Lines of one badge field at one size.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    pub role: Role,
    pub weight: Weight,
    pub px: f32,
    pub lines: Vec<String>,
    pub line_height: u32,
}

/// One horizontal strip of the badge.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The dithered logo as ink (255 = dot).
    Logo(GrayImage),
    /// One field's lines.
    Text(TextBlock),
    /// QR modules row by row (`true` = dark), `size` per side, drawn with a
    /// 4-module quiet zone at `scale` dots per module; with a photo slot
    /// to its left when the label style keeps one.
    Qr { modules: Vec<bool>, size: u32, scale: u32, slot: Option<Slot> },
    /// The visitor type cut out of a solid band across the badge.
    Band(TextBlock),
    /// White space of this many dots.
    Gap(u32),
}

/// Room kept for the visitor's photo, 3:4, with the photo (already scaled
/// to fit, 255 = ink) when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub width: u32,
    pub height: u32,
    pub photo: Option<GrayImage>,
}

impl Slot {
    /// A slot `height` dots high, holding `photo` scaled into it.
    pub fn new(height: u32, photo: Option<&GrayImage>) -> Self {
        let width = height * 3 / 4;
        let photo = photo.map(|p| super::logo::Logo::from_grey(p.clone()).to_ink(width - 4, height - 4));
        Self { width, height, photo }
    }
}

/// Horizontal margin on each side, in dots.
pub const MARGIN: u32 = 8;
/// The quiet zone around a QR code, in modules (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: u32 = 4;
/// Space between the photo slot and the QR code, and inside a band.
pub const BAND_PAD: u32 = 6;

/// Side of a QR block of `size` modules at `scale`, quiet zone included.
pub fn qr_side(size: u32, scale: u32) -> u32 {
    (size + 2 * QUIET_ZONE) * scale
}

impl Block {
    /// Height of the strip in dots.
    pub fn height(&self) -> u32 {
        match self {
            Block::Logo(ink) => ink.height(),
            Block::Text(t) => t.line_height * t.lines.len() as u32,
            Block::Qr { size, scale, slot, .. } => qr_side(*size, *scale).max(slot.as_ref().map_or(0, |s| s.height)),
            Block::Band(t) => t.line_height * t.lines.len() as u32 + 2 * BAND_PAD,
            Block::Gap(h) => *h,
        }
    }

    /// The kind of content; gaps belong to the text, a band is a picture.
    pub fn part(&self) -> Part {
        match self {
            Block::Logo(_) | Block::Band(_) => Part::Logo,
            Block::Qr { .. } => Part::Qr,
            Block::Text(_) | Block::Gap(_) => Part::Text,
        }
    }
}

/// Why a badge could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum BadgeError {
    #[error("the badge token does not fit in a QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    #[error("the badge preview could not be encoded as PNG: {0}")]
    Png(#[from] image::ImageError),
}

/// A laid-out badge.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeLayout {
    /// Paper width in dots.
    pub width: u32,
    /// The strips, top to bottom.
    pub blocks: Vec<Block>,
}

impl BadgeLayout {
    /// Lays out `text` for `paper`, with the logo on top if there is one.
    pub fn new(text: &BadgeText, paper: Paper, logo: Option<&Logo>) -> Result<Self, BadgeError> {
        // Narrower paper gets proportionally smaller type, never below 14 px.
        Self::with_scale(text, paper, logo, paper.width_dots as f32 / 576.0)
    }

    /// Lays out `text` with type `k` times the sizes used on 576-dot paper
    /// (labels shrink `k` until the badge fits their length).
    pub fn with_scale(text: &BadgeText, paper: Paper, logo: Option<&Logo>, k: f32) -> Result<Self, BadgeError> {
        Self::styled(text, paper, logo, k, &Extras::default())
    }

    /// As [`Self::with_scale`], with a label's band and photo slot.
    pub fn styled(
        text: &BadgeText,
        paper: Paper,
        logo: Option<&Logo>,
        k: f32,
        extras: &Extras,
    ) -> Result<Self, BadgeError> {
        let width = paper.width_dots;
        let mut blocks = vec![Block::Gap(MARGIN)];
        if let Some(logo) = logo {
            blocks.push(Block::Logo(logo.to_ink(width - 2 * MARGIN, 120)));
            blocks.push(Block::Gap(12));
        }
        blocks.extend(text_blocks(text, width - 2 * MARGIN, k, extras.band));
        blocks.push(Block::Gap(10));
        let mut qr = qr_block(&text.token, paper)?;
        if let (Some(h), Block::Qr { size, scale, slot, .. }) = (extras.slot_height, &mut qr) {
            // The slot beside the QR: as tall as the code, narrower if the
            // paper cannot hold both side by side.
            let room = width.saturating_sub(2 * MARGIN + qr_side(*size, *scale) + BAND_PAD);
            let height = h.min(qr_side(*size, *scale)).min(room * 4 / 3);
            *slot = (height >= 40).then(|| Slot::new(height, extras.photo.as_ref()));
        }
        blocks.push(qr);
        blocks.push(Block::Gap(16));
        Ok(Self { width, blocks })
    }

    /// Total height in dots.
    pub fn height(&self) -> u32 {
        self.blocks.iter().map(Block::height).sum()
    }
}

/// The QR block for `token` at the paper's module size, smaller if the
/// code with its quiet zone would not fit the width.
pub fn qr_block(token: &str, paper: Paper) -> Result<Block, BadgeError> {
    let code = QrCode::with_error_correction_level(token.as_bytes(), EcLevel::M)?;
    let size = code.width() as u32;
    let modules = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    // Smaller modules than the profile asks for if the code would not fit.
    let fits = paper.width_dots / (size + 2 * QUIET_ZONE);
    let scale = (paper.qr_module_dots as u32).min(fits).max(1);
    Ok(Block::Qr { modules, size, scale, slot: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_domain::{BadgeContent, SiteKey};

    fn sample_text() -> BadgeText {
        BadgeText::from_content(&BadgeContent::sample(&SiteKey::from_bytes([3; 32])))
    }

    fn px_of(layout: &BadgeLayout, role: Role) -> f32 {
        layout
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Text(t) if t.role == role => Some(t.px),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn the_name_is_the_largest_text() {
        let layout = BadgeLayout::new(&sample_text(), Paper { width_dots: 576, qr_module_dots: 6 }, None).unwrap();
        let name = px_of(&layout, Role::Name);
        for role in [Role::Site, Role::VisitorType, Role::Company, Role::Host, Role::Issued] {
            assert!(name > px_of(&layout, role), "{role:?}");
        }
    }

    #[test]
    fn the_qr_code_is_version_4_at_the_profile_module_size() {
        let layout = BadgeLayout::new(&sample_text(), Paper { width_dots: 384, qr_module_dots: 5 }, None).unwrap();
        let qr = layout.blocks.iter().find(|b| b.part() == Part::Qr).unwrap();
        assert!(matches!(qr, Block::Qr { size: 33, scale: 5, .. }), "{qr:?}");
    }
}
