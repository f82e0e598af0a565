//! Reading a Brother QL job back: the commands in order and the picture
//! its raster lines draw. Tests, `foyer badge render` and the played
//! printers use it to check what a printer would do with the bytes.

use image::GrayImage;

use super::packbits;
use super::raster::{picture, HeadGeometry};

/// One command of a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// A run of `00` bytes.
    Invalidate(usize),
    Initialise,
    StatusRequest,
    RasterMode,
    /// `ESC i z`'s ten parameter bytes.
    PrintInformation([u8; 10]),
    VariousMode(u8),
    CutEvery(u8),
    ExpandedMode(u8),
    Margin(u16),
    Compression(u8),
    /// A raster line, decompressed.
    Line(Vec<u8>),
    /// A line of one plane of a two-colour job (`w 01` black, `w 02` red), decompressed.
    ColourLine(u8, Vec<u8>),
    PrintLast,
    Print,
}

/// Splits `bytes` into commands; an error names the offset of the first
/// byte that is none (a visitor string cannot produce one: all text is ink).
pub fn parse(bytes: &[u8]) -> Result<Vec<Op>, String> {
    let mut ops = Vec::new();
    let (mut i, mut compressed) = (0, false);
    let take = |i: usize, n: usize| bytes.get(i..i + n).ok_or(format!("job truncated at byte {i}"));
    while i < bytes.len() {
        let (op, len) = match bytes[i] {
            0x00 => {
                let n = bytes[i..].iter().take_while(|b| **b == 0).count();
                (Op::Invalidate(n), n)
            }
            0x1B if bytes.get(i + 1) == Some(&0x40) => (Op::Initialise, 2),
            0x1B => match take(i, 3)? {
                [_, 0x69, 0x53] => (Op::StatusRequest, 3),
                [_, 0x69, 0x61] => (Op::RasterMode, 4),
                [_, 0x69, 0x7A] => (Op::PrintInformation(take(i + 3, 10)?.try_into().expect("10 bytes")), 13),
                [_, 0x69, 0x4D] => (Op::VariousMode(take(i + 3, 1)?[0]), 4),
                [_, 0x69, 0x41] => (Op::CutEvery(take(i + 3, 1)?[0]), 4),
                [_, 0x69, 0x4B] => (Op::ExpandedMode(take(i + 3, 1)?[0]), 4),
                [_, 0x69, 0x64] => {
                    let d = take(i + 3, 2)?;
                    (Op::Margin(u16::from_le_bytes([d[0], d[1]])), 5)
                }
                _ => return Err(format!("unknown ESC command at byte {i}")),
            },
            0x4D => {
                let m = take(i + 1, 1)?[0];
                compressed = m == 0x02;
                (Op::Compression(m), 2)
            }
            0x67 => {
                let n = take(i + 1, 2)?[1] as usize;
                let data = take(i + 3, n)?;
                let line = if compressed {
                    packbits::decompress(data).ok_or(format!("bad PackBits line at byte {i}"))?
                } else {
                    data.to_vec()
                };
                (Op::Line(line), 3 + n)
            }
            0x77 => {
                let head = take(i + 1, 2)?;
                let (plane, n) = (head[0], head[1] as usize);
                if !matches!(plane, 1 | 2) {
                    return Err(format!("two-colour line of plane {plane:02X} at byte {i}"));
                }
                let data = take(i + 3, n)?;
                let line = if compressed {
                    packbits::decompress(data).ok_or(format!("bad PackBits line at byte {i}"))?
                } else {
                    data.to_vec()
                };
                (Op::ColourLine(plane, line), 3 + n)
            }
            0x5A if compressed => (Op::Line(Vec::new()), 1),
            0x1A => (Op::PrintLast, 1),
            0x0C => (Op::Print, 1),
            b => return Err(format!("byte {b:02X} at {i} is not a Brother QL command")),
        };
        ops.push(op);
        i += len;
    }
    Ok(ops)
}

/// The picture the job's lines draw (blank `Z` lines included); the
/// black plane of a two-colour job.
pub fn job_picture(ops: &[Op], g: HeadGeometry) -> GrayImage {
    let lines: Vec<Vec<u8>> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Line(l) | Op::ColourLine(1, l) => Some(l.clone()),
            _ => None,
        })
        .collect();
    picture(&lines, g)
}

/// The red plane of a two-colour job; `None` for a one-colour job.
pub fn job_red_picture(ops: &[Op], g: HeadGeometry) -> Option<GrayImage> {
    let lines: Vec<Vec<u8>> = ops
        .iter()
        .filter_map(|op| match op {
            Op::ColourLine(2, l) => Some(l.clone()),
            _ => None,
        })
        .collect();
    (!lines.is_empty()).then(|| picture(&lines, g))
}
