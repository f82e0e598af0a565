//! TIFF PackBits, the compression `M 02` turns on for every raster line.
//!
//! A header byte h: 0…127 copies the next h+1 bytes; 129…255 (−127…−1)
//! repeats the next byte 257−h times; 128 is a no-op (never written).
//! Source: Apple TN1023 / TIFF 6.0 section 9, which Brother's reference cites.

/// Compresses one line.
pub fn compress(line: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(line.len() + line.len() / 128 + 1);
    let mut i = 0;
    while i < line.len() {
        let run = line[i..].iter().take(128).take_while(|b| **b == line[i]).count();
        if run >= 2 {
            out.push((257 - run) as u8);
            out.push(line[i]);
            i += run;
            continue;
        }
        // A literal stretch ends where a run of two or more starts.
        let start = i;
        while i < line.len() && i - start < 128 {
            if i + 1 < line.len() && line[i] == line[i + 1] {
                break;
            }
            i += 1;
        }
        out.push((i - start - 1) as u8);
        out.extend_from_slice(&line[start..i]);
    }
    out
}

/// Expands PackBits data; `None` when it is truncated.
pub fn decompress(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let h = data[i];
        i += 1;
        match h {
            0..=127 => {
                let n = h as usize + 1;
                out.extend_from_slice(data.get(i..i + n)?);
                i += n;
            }
            128 => {}
            _ => {
                let b = *data.get(i)?;
                out.extend(std::iter::repeat_n(b, 257 - h as usize));
                i += 1;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tiff_specification_example_round_trips() {
        // TIFF 6.0 p. 42: AA AA AA 80 00 2A AA AA AA AA 80 00 2A 22 AA AA AA AA AA AA AA AA AA AA
        let packed = [0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7, 0xAA];
        let unpacked = decompress(&packed).unwrap();
        assert_eq!(unpacked.len(), 24);
        assert_eq!(decompress(&compress(&unpacked)).unwrap(), unpacked);
    }

    #[test]
    fn a_blank_90_byte_line_is_two_bytes() {
        // 90 × 00 → A7 00 (257 − 90 = 167 = A7)
        assert_eq!(compress(&[0; 90]), [0xA7, 0x00]);
        assert_eq!(compress(&[1, 2, 3]), [0x02, 1, 2, 3]);
        assert_eq!(compress(&[0xFF; 162]), [0x81, 0xFF, 0xDF, 0xFF]);
    }

    #[test]
    fn mixed_lines_round_trip() {
        let line: Vec<u8> = (0..300u32).map(|i| if i % 7 < 3 { 0 } else { (i * 31) as u8 }).collect();
        assert_eq!(decompress(&compress(&line)).unwrap(), line);
        assert_eq!(decompress(&[0x05, 1]), None);
    }
}
