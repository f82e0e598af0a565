//! A strict reader for the ESC/POS jobs Foyer writes.
//!
//! It knows only the commands the encoder emits and refuses any other
//! control byte, so "this job holds nothing but our commands and printable
//! text" is something tests and `foyer badge render` can check, and raster
//! images can be put back together to be decoded.

use image::{GrayImage, Luma};

/// One command or text run of a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `ESC @`
    Init,
    /// `ESC R n`
    CharacterSet(u8),
    /// `ESC t n`
    CodePage(u8),
    /// `ESC a n`
    Align(u8),
    /// `ESC E n`
    Bold(bool),
    /// `GS ! n`
    Size(u8),
    /// `ESC d n`
    Feed(u8),
    /// Printable bytes (≥ 0x20, not 0x7F) of the selected code page.
    Text(Vec<u8>),
    /// A `GS ( k` QR function (`fn` byte) with its parameters after `cn fn`.
    Qr { function: u8, params: Vec<u8> },
    /// `GS v 0` with its data.
    Raster { width_bytes: u16, rows: u16, data: Vec<u8> },
    /// `GS V …`, all its bytes.
    Cut(Vec<u8>),
}

fn take(job: &[u8], at: usize, n: usize) -> Result<&[u8], String> {
    job.get(at..at + n).ok_or_else(|| format!("job ends inside a command at byte {at}"))
}

/// Splits a job into commands and text; an unknown command is an error
/// naming its offset.
pub fn parse(job: &[u8]) -> Result<Vec<Op>, String> {
    let mut ops = Vec::new();
    let mut i = 0;
    while i < job.len() {
        let b = job[i];
        if b >= 0x20 && b != 0x7F {
            let end = job[i..].iter().position(|b| *b < 0x20 || *b == 0x7F).map_or(job.len(), |n| i + n);
            ops.push(Op::Text(job[i..end].to_vec()));
            i = end;
            continue;
        }
        let head = take(job, i, 2)?;
        let (op, len) = match (head[0], head[1]) {
            (0x1B, 0x40) => (Op::Init, 2),
            (0x1B, 0x52) => (Op::CharacterSet(take(job, i + 2, 1)?[0]), 3),
            (0x1B, 0x74) => (Op::CodePage(take(job, i + 2, 1)?[0]), 3),
            (0x1B, 0x61) => (Op::Align(take(job, i + 2, 1)?[0]), 3),
            (0x1B, 0x45) => (Op::Bold(take(job, i + 2, 1)?[0] == 1), 3),
            (0x1B, 0x64) => (Op::Feed(take(job, i + 2, 1)?[0]), 3),
            (0x1D, 0x21) => (Op::Size(take(job, i + 2, 1)?[0]), 3),
            (0x1D, 0x28) => qr(job, i)?,
            (0x1D, 0x76) => raster(job, i)?,
            (0x1D, 0x56) => {
                let n = if matches!(take(job, i + 2, 1)?[0], 0x41 | 0x42) { 4 } else { 3 };
                (Op::Cut(take(job, i, n)?.to_vec()), n)
            }
            (a, c) => return Err(format!("unknown command {a:02X} {c:02X} at byte {i}")),
        };
        ops.push(op);
        i += len;
    }
    Ok(ops)
}

fn qr(job: &[u8], i: usize) -> Result<(Op, usize), String> {
    let h = take(job, i, 7)?;
    if h[2] != 0x6B || h[5] != 0x31 {
        return Err(format!("GS ( at byte {i} is not a QR (GS ( k cn=49) function"));
    }
    let len = u16::from_le_bytes([h[3], h[4]]) as usize;
    if len < 2 {
        return Err(format!("GS ( k at byte {i} has length {len}"));
    }
    let params = take(job, i + 7, len - 2)?.to_vec();
    Ok((Op::Qr { function: h[6], params }, 5 + len))
}

fn raster(job: &[u8], i: usize) -> Result<(Op, usize), String> {
    let h = take(job, i, 8)?;
    if h[2] != 0x30 || h[3] != 0 {
        return Err(format!("GS v at byte {i} is not GS v 0 in normal mode"));
    }
    let width_bytes = u16::from_le_bytes([h[4], h[5]]);
    let rows = u16::from_le_bytes([h[6], h[7]]);
    let n = width_bytes as usize * rows as usize;
    let data = take(job, i + 8, n)?.to_vec();
    Ok((Op::Raster { width_bytes, rows, data }, 8 + n))
}

/// The text of a job's QR store command (`fn 80`), if any.
pub fn qr_data(ops: &[Op]) -> Option<Vec<u8>> {
    ops.iter().find_map(|op| match op {
        Op::Qr { function: 0x50, params } => params.get(1..).map(<[u8]>::to_vec),
        _ => None,
    })
}

/// Consecutive raster blocks put back together as pictures (black on
/// white), one per run of blocks, for decoders and eyes.
pub fn raster_pictures(ops: &[Op]) -> Vec<GrayImage> {
    let mut pictures = Vec::new();
    let mut run: Vec<(u16, u16, &[u8])> = Vec::new();
    for op in ops.iter().chain([&Op::Init]) {
        match op {
            Op::Raster { width_bytes, rows, data } => run.push((*width_bytes, *rows, data)),
            _ if !run.is_empty() => pictures.push(picture(&std::mem::take(&mut run))),
            _ => {}
        }
    }
    pictures
}

fn picture(blocks: &[(u16, u16, &[u8])]) -> GrayImage {
    let width = blocks.iter().map(|b| b.0 as u32 * 8).max().unwrap_or(8);
    let height = blocks.iter().map(|b| b.1 as u32).sum::<u32>().max(1);
    let mut img = GrayImage::from_pixel(width, height, Luma([255]));
    let mut top = 0;
    for (w, rows, data) in blocks {
        for (i, byte) in data.iter().enumerate() {
            let (y, xb) = (top + (i / *w as usize) as u32, (i % *w as usize) as u32);
            for bit in 0..8 {
                if byte & (0x80 >> bit) != 0 {
                    img.put_pixel(xb * 8 + bit, y, Luma([0]));
                }
            }
        }
        top += *rows as u32;
    }
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_job_reads_back_as_its_commands() {
        let job = [0x1B, 0x40, b'H', b'i', 0x1B, 0x64, 1, 0x1D, 0x76, 0x30, 0, 1, 0, 1, 0, 0x80, 0x1D, 0x56, 0x42, 0];
        let ops = parse(&job).unwrap();
        assert_eq!(ops[..3], [Op::Init, Op::Text(b"Hi".to_vec()), Op::Feed(1)]);
        assert_eq!(ops[4], Op::Cut(vec![0x1D, 0x56, 0x42, 0]));
        let pics = raster_pictures(&ops);
        assert_eq!((pics.len(), pics[0].get_pixel(0, 0).0[0], pics[0].get_pixel(1, 0).0[0]), (1, 0, 255));
    }

    #[test]
    fn stray_control_bytes_and_truncated_commands_are_refused() {
        assert!(parse(b"Hi\x10\x04\x01").unwrap_err().contains("10 04 at byte 2"));
        assert!(parse(b"\x1b").is_err());
        assert!(parse(&[0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0xFF]).is_err());
    }
}
