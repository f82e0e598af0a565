//! Where everything goes on the badge, in printer dots: the visitor's name
//! largest, every line wrapped or shrunk to the paper width, the QR code
//! last. Raster printing and the screen preview both draw this layout.

use image::GrayImage;
use qrcode::{Color, EcLevel, QrCode};

use super::fonts::{self, Weight};
use super::logo::Logo;
use super::text::{BadgeText, Role};
use super::wrap::fit;

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
    /// 4-module quiet zone at `scale` dots per module.
    Qr { modules: Vec<bool>, size: u32, scale: u32 },
    /// White space of this many dots.
    Gap(u32),
}

/// Horizontal margin on each side, in dots.
pub const MARGIN: u32 = 8;
const QUIET_ZONE: u32 = 4;

impl Block {
    /// Height of the strip in dots.
    pub fn height(&self) -> u32 {
        match self {
            Block::Logo(ink) => ink.height(),
            Block::Text(t) => t.line_height * t.lines.len() as u32,
            Block::Qr { size, scale, .. } => (size + 2 * QUIET_ZONE) * scale,
            Block::Gap(h) => *h,
        }
    }

    /// The kind of content; gaps belong to the text.
    pub fn part(&self) -> Part {
        match self {
            Block::Logo(_) => Part::Logo,
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

/// Sizes to try per field at 576 dots, largest first, with the lines
/// allowed. The name's smallest size is above every other field's largest,
/// so the name stays the largest text however long it is.
fn style(role: Role) -> (Weight, &'static [f32], usize) {
    match role {
        Role::Site => (Weight::Bold, &[26.0, 22.0, 18.0], 2),
        Role::VisitorType => (Weight::Bold, &[34.0, 28.0], 1),
        Role::Name => (Weight::Bold, &[80.0, 72.0, 64.0, 56.0, 48.0, 42.0, 36.0], 2),
        Role::Company => (Weight::Regular, &[32.0, 28.0, 24.0], 2),
        Role::Host => (Weight::Regular, &[28.0, 24.0, 20.0], 2),
        Role::Issued | Role::ValidUntil => (Weight::Regular, &[24.0, 20.0], 2),
    }
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
        let width = paper.width_dots;
        let usable = (width - 2 * MARGIN) as f32;
        let mut blocks = vec![Block::Gap(MARGIN)];
        if let Some(logo) = logo {
            blocks.push(Block::Logo(logo.to_ink(width - 2 * MARGIN, 120)));
            blocks.push(Block::Gap(12));
        }
        for (role, s) in &text.lines {
            let (weight, sizes, max_lines) = style(*role);
            let sizes: Vec<f32> = sizes.iter().map(|px| (px * k).max(14.0).round()).collect();
            let (px, lines) = fit(s, &sizes, max_lines, usable, |px, t| fonts::measure(weight, px, t));
            let line_height = fonts::line_height(weight, px).ceil() as u32;
            blocks.push(Block::Text(TextBlock { role: *role, weight, px, lines, line_height }));
            blocks.push(Block::Gap(if *role == Role::VisitorType { 12 } else { 6 }));
        }
        blocks.push(Block::Gap(10));
        blocks.push(qr_block(&text.token, paper)?);
        blocks.push(Block::Gap(16));
        Ok(Self { width, blocks })
    }

    /// Total height in dots.
    pub fn height(&self) -> u32 {
        self.blocks.iter().map(Block::height).sum()
    }
}

fn qr_block(token: &str, paper: Paper) -> Result<Block, BadgeError> {
    let code = QrCode::with_error_correction_level(token.as_bytes(), EcLevel::M)?;
    let size = code.width() as u32;
    let modules = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    // Smaller modules than the profile asks for if the code would not fit.
    let fits = paper.width_dots / (size + 2 * QUIET_ZONE);
    let scale = (paper.qr_module_dots as u32).min(fits).max(1);
    Ok(Block::Qr { modules, size, scale })
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
