//! A small PWG raster (PWG 5102.4) reader, independent of the encoder:
//! the page header's size fields and the line-repeat/PackBits lines of an
//! 8-bit page, back into a picture (0 = black, 255 = white).

use image::GrayImage;

/// What the header says, and the page.
pub struct PwgPage {
    pub dpi: (u32, u32),
    pub points: (u32, u32),
    pub color_space: u32,
    pub page_size_name: String,
    pub image: GrayImage,
}

fn be(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(b[at..at + 4].try_into().unwrap())
}

/// Decodes the first page of `stream`; panics naming what is wrong.
pub fn decode(stream: &[u8]) -> PwgPage {
    assert_eq!(&stream[..4], b"RaS2", "sync word");
    let h = &stream[4..4 + 1796];
    let (w, hgt, bpp, bpl) = (be(h, 372), be(h, 376), be(h, 388), be(h, 392));
    assert_eq!((bpp, bpl), (8, w), "only 8-bit grey pages are read");
    let name = &h[1732..1796];
    let page_size_name = String::from_utf8_lossy(&name[..name.iter().position(|b| *b == 0).unwrap_or(64)]).into();
    let mut data = stream[4 + 1796..].iter().copied();
    let mut pixels = Vec::with_capacity((w * hgt) as usize);
    while pixels.len() < (w * hgt) as usize {
        let repeat = data.next().expect("line repeat byte") as usize + 1;
        let mut line = Vec::with_capacity(w as usize);
        while line.len() < w as usize {
            let c = data.next().expect("control byte");
            match c {
                0..=127 => line.extend(std::iter::repeat_n(data.next().unwrap(), c as usize + 1)),
                128 => line.resize(w as usize, 255),
                _ => line.extend(data.by_ref().take(257 - c as usize)),
            }
        }
        assert_eq!(line.len(), w as usize, "a run crossed the end of a line");
        for _ in 0..repeat {
            pixels.extend_from_slice(&line);
        }
    }
    assert_eq!(pixels.len(), (w * hgt) as usize, "line repeats ran past the page");
    PwgPage {
        dpi: (be(h, 276), be(h, 280)),
        points: (be(h, 352), be(h, 356)),
        color_space: be(h, 400),
        page_size_name,
        image: GrayImage::from_raw(w, hgt, pixels).unwrap(),
    }
}
