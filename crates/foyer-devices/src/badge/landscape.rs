//! The landscape badge, drawn as it reads: the words in a column on the
//! left (name largest, shrunk until they fit the label's height), the QR
//! code at the bottom right and the photo slot above it.

use image::GrayImage;

use super::label::{LabelArea, SHRINK};
use super::layout::{qr_block, qr_side, text_blocks, BadgeError, Block, Paper, Slot, BAND_PAD, MARGIN};
use super::logo::Logo;
use super::planes::Planes;
use super::render::{draw_column, draw_qr, draw_slot};
use super::style::LANDSCAPE_TAPE_RATIO;
use super::text::BadgeText;

/// Slots shorter than this are no use for a photo; the QR shrinks first.
const MIN_SLOT: u32 = 96;

/// The landscape picture: as wide as the label is long (continuous tape
/// is cut [`LANDSCAPE_TAPE_RATIO`] times its width), as high as it is wide.
pub fn landscape_view(
    text: &BadgeText,
    area: LabelArea,
    logo: Option<&Logo>,
    photo: Option<&GrayImage>,
) -> Result<Planes, BadgeError> {
    let height = area.width_dots;
    let width = area.length_dots.unwrap_or((height as f32 * LANDSCAPE_TAPE_RATIO) as u32);
    let inner = height.saturating_sub(2 * MARGIN);
    let paper = Paper { width_dots: inner.min(width * 2 / 5), qr_module_dots: area.qr_module_dots };
    let Block::Qr { modules, size, mut scale, .. } = qr_block(&text.token, paper)? else {
        unreachable!("qr_block makes a QR block")
    };
    // The photo slot takes what the QR leaves of the height; the QR gives
    // up dots per module until the slot is big enough to hold a face.
    let slot = area.style.photo_slot.then(|| {
        while scale > 1 && inner.saturating_sub(qr_side(size, scale) + BAND_PAD) < MIN_SLOT {
            scale -= 1;
        }
        let h = inner.saturating_sub(qr_side(size, scale) + BAND_PAD);
        Slot::new(h.min(qr_side(size, scale) * 4 / 3).max(4), photo)
    });
    let side = qr_side(size, scale);
    let right = side.max(slot.as_ref().map_or(0, |s| s.width));
    let column = width.saturating_sub(3 * MARGIN + right);

    let mut planes = Planes::new(width, height, area.two_colour);
    let words = words(text, column, inner, logo, area.style.colour_band);
    // The words centred in the height the label leaves them.
    let top = MARGIN + inner.saturating_sub(words.iter().map(Block::height).sum()) / 2;
    draw_column(&mut planes, (MARGIN, top), column, &words);
    let x = width - MARGIN - right;
    let qr_x = x + (right - side) / 2;
    match &slot {
        Some(slot) => {
            draw_slot(&mut planes.black, slot, x + (right - slot.width) / 2, MARGIN);
            draw_qr(&mut planes.black, (qr_x, height - MARGIN - side), &modules, size, scale);
        }
        None => draw_qr(&mut planes.black, (qr_x, height.saturating_sub(side) / 2), &modules, size, scale),
    }
    Ok(planes)
}

/// The logo and the text fields for a column `column` wide, type shrunk
/// until they are no taller than `inner`.
fn words(text: &BadgeText, column: u32, inner: u32, logo: Option<&Logo>, band: bool) -> Vec<Block> {
    let base = column as f32 / 576.0;
    let mut blocks = Vec::new();
    for f in SHRINK {
        blocks.clear();
        if let Some(logo) = logo {
            blocks.push(Block::Logo(logo.to_ink(column, inner / 5)));
            blocks.push(Block::Gap(8));
        }
        blocks.extend(text_blocks(text, column, base * f, band));
        if blocks.iter().map(Block::height).sum::<u32>() <= inner {
            break;
        }
    }
    blocks
}
