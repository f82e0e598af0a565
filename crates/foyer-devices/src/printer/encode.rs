//! A badge as one complete ESC/POS job.
//!
//! Each part is printed natively where the profile allows: text as code-page
//! characters when every visitor string fits the page, the QR with `GS ( k`
//! when the printer has it. Everything else, and the logo always, is drawn
//! from the same layout as the preview and sent as `GS v 0`. Native is the
//! default because a raster badge is tens of kilobytes: seconds on a 9600
//! baud line.

use super::commands::cut;
use super::escpos_buffer::EscposBuffer;
use super::native_qr::NativeQr;
use super::native_text::NativeSizes;
use super::profile::{Profile, QrSupport};
use super::raster;
use crate::badge::{draw_blocks, BadgeLayout, BadgeText, Block, Logo, Paper, Part};
use crate::{DeviceError, PrintEncoding};
use foyer_domain::BadgeContent;

/// An encoded badge, ready for any transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedJob {
    /// The complete job, from `ESC @` to the cut.
    pub bytes: Vec<u8>,
    /// Native only if both text and QR went native.
    pub encoding: PrintEncoding,
}

/// The paper a profile prints on.
pub fn paper(profile: &Profile) -> Paper {
    Paper { width_dots: profile.width_dots, qr_module_dots: profile.qr_module_dots }
}

/// Encodes `content` for `profile`; `force_raster` draws the whole badge.
pub fn encode_badge(
    content: &BadgeContent,
    profile: &Profile,
    logo: Option<&Logo>,
    force_raster: bool,
) -> Result<EncodedJob, DeviceError> {
    let text = BadgeText::from_content(content);
    let layout = BadgeLayout::new(&text, paper(profile), logo)
        .map_err(|e| DeviceError::Config(format!("badge for visit {}: {e}", content.visit_id)))?;
    let text_native = !force_raster && text.lines.iter().all(|(_, s)| profile.code_page.encode(s).is_ok());
    let qr_native = !force_raster && profile.qr == QrSupport::Native;
    let sizes = NativeSizes::for_badge(&text, profile.columns());

    let mut job = EscposBuffer::new();
    job.init()?.charset_usa()?.code_page(profile.code_page_select())?;
    let mut pending: Vec<Block> = Vec::new();
    for block in layout.blocks {
        let native = match block.part() {
            Part::Logo => false,
            Part::Text => text_native,
            Part::Qr => qr_native,
        };
        if !native {
            pending.push(block);
            continue;
        }
        flush_raster(&mut job, &mut pending, profile)?;
        match block {
            Block::Text(t) => {
                let line = text.get(t.role).unwrap_or_default();
                sizes.print(&mut job, t.role, line, profile.code_page)?;
            }
            Block::Qr { .. } => {
                NativeQr::plan(&text.token, profile.width_dots, profile.qr_module_dots)?
                    .print(&mut job, &text.token)?;
            }
            // Native lines carry their own spacing.
            Block::Gap(_) | Block::Logo(_) | Block::Band(_) => {}
        }
    }
    flush_raster(&mut job, &mut pending, profile)?;
    if profile.feed_lines_before_cut > 0 {
        job.feed(profile.feed_lines_before_cut)?;
    }
    job.raw(cut(profile.cut))?;
    let encoding = if text_native && qr_native { PrintEncoding::Native } else { PrintEncoding::Raster };
    Ok(EncodedJob { bytes: job.finish()?, encoding })
}

/// Sends the raster blocks collected so far as one image.
fn flush_raster(job: &mut EscposBuffer, pending: &mut Vec<Block>, profile: &Profile) -> Result<(), DeviceError> {
    if pending.iter().all(|b| matches!(b, Block::Gap(_))) {
        pending.clear();
        return Ok(());
    }
    let ink = draw_blocks(profile.width_dots, pending);
    pending.clear();
    // The image is as wide as the paper; left alignment keeps printers that
    // apply ESC a to images from shifting it.
    job.align_centre(false)?.raw(&raster::encode(&ink, profile.raster_band_rows))?;
    Ok(())
}
