//! The text fields of a badge as blocks: each field's weight and the sizes
//! it may shrink through, the visitor type as a band where the label asks
//! for one, and what a label adds to the plain badge (band, photo slot).

use image::GrayImage;

use super::fonts::{self, Weight};
use super::layout::{Block, TextBlock, BAND_PAD};
use super::text::{BadgeText, Role};
use super::wrap::fit;

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

/// What a label adds to the plain badge.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The visitor type as a band.
    pub band: bool,
    /// Keep a photo slot beside the QR, at most this tall.
    pub slot_height: Option<u32>,
    /// The visitor's photo for the slot.
    pub photo: Option<GrayImage>,
}

/// The text fields as blocks for a column `usable` dots wide, type `k`
/// times the 576-dot sizes.
pub fn text_blocks(text: &BadgeText, usable: u32, k: f32, band: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (role, s) in &text.lines {
        let (weight, sizes, max_lines) = style(*role);
        let sizes: Vec<f32> = sizes.iter().map(|px| (px * k).max(14.0).round()).collect();
        let is_band = band && *role == Role::VisitorType;
        // The band's words sit inside its padding.
        let room = if is_band { usable.saturating_sub(2 * BAND_PAD) } else { usable } as f32;
        let (px, lines) = fit(s, &sizes, max_lines, room, |px, t| fonts::measure(weight, px, t));
        let line_height = fonts::line_height(weight, px).ceil() as u32;
        let block = TextBlock { role: *role, weight, px, lines, line_height };
        blocks.push(if is_band { Block::Band(block) } else { Block::Text(block) });
        blocks.push(Block::Gap(if *role == Role::VisitorType { 12 } else { 6 }));
    }
    blocks
}
