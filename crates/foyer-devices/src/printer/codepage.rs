//! Single-byte code pages of ESC/POS printers, used to turn visitor text
//! into bytes the printer shows as characters.
//!
//! Only printable ASCII (0x20–0x7E) and the printable upper half of a page
//! are ever produced, so text can never contain a control byte (ESC, GS,
//! DLE, NUL …) that the printer would read as a command. A character
//! outside the page is an error, and the badge falls back to raster.

use serde::Deserialize;

/// The code pages Foyer maps text to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodePage {
    /// IBM PC (US); every ESC/POS printer has it.
    Cp437,
    /// IBM multilingual Latin 1 with the euro sign.
    Cp858,
    /// Windows Latin 1 (Epson's WPC1252).
    Cp1252,
}

/// Upper halves (0x80–0xFF) of each page; `\0` marks an unassigned byte.
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐\
└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}";
// 0xF0 (soft hyphen) is left out: it prints as nothing on some firmware.
const CP858_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐\
└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\0±‗¾¶§÷¸°¨·¹³²■\u{A0}";
const CP1252_HIGH: &str = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ\u{A0}¡¢£¤¥¦§¨©ª«¬\u{AD}®¯°±²³´µ¶·¸¹º»¼½¾¿\
ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ";

impl CodePage {
    /// Epson's `ESC t` number for this page (0 = PC437, 16 = WPC1252,
    /// 19 = PC858); other makers may differ, so profiles can override it.
    pub fn epson_number(self) -> u8 {
        match self {
            Self::Cp437 => 0,
            Self::Cp1252 => 16,
            Self::Cp858 => 19,
        }
    }

    /// The `escpos` crate's name for the same page, to cross-check tables.
    #[cfg(test)]
    pub(crate) fn escpos_page(self) -> escpos::utils::PageCode {
        match self {
            Self::Cp437 => escpos::utils::PageCode::PC437,
            Self::Cp858 => escpos::utils::PageCode::PC858,
            Self::Cp1252 => escpos::utils::PageCode::WPC1252,
        }
    }

    fn high(self) -> &'static str {
        match self {
            Self::Cp437 => CP437_HIGH,
            Self::Cp858 => CP858_HIGH,
            Self::Cp1252 => CP1252_HIGH,
        }
    }

    /// The byte showing `c`, if this page has it. Never a control byte.
    pub fn byte_of(self, c: char) -> Option<u8> {
        if (' '..='~').contains(&c) {
            return Some(c as u8);
        }
        if c == '\0' {
            return None;
        }
        self.high().chars().position(|h| h == c).map(|i| 0x80 + i as u8)
    }

    /// Encodes `text`, or names the first character the page lacks.
    pub fn encode(self, text: &str) -> Result<Vec<u8>, char> {
        text.chars().map(|c| self.byte_of(c).ok_or(c)).collect()
    }

    /// Every character this page can print, with its byte.
    pub fn characters(self) -> impl Iterator<Item = (char, u8)> {
        let ascii = (0x20u8..=0x7E).map(|b| (b as char, b));
        let high = self.high().chars().enumerate().filter(|(_, c)| *c != '\0');
        ascii.chain(high.map(|(i, c)| (c, 0x80 + i as u8)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [CodePage; 3] = [CodePage::Cp437, CodePage::Cp858, CodePage::Cp1252];

    #[test]
    fn each_upper_half_has_exactly_128_positions() {
        for page in ALL {
            assert_eq!(page.high().chars().count(), 128, "{page:?}");
        }
    }

    #[test]
    fn no_character_maps_to_a_control_byte() {
        for page in ALL {
            for (c, b) in page.characters() {
                assert!(b >= 0x20 && b != 0x7F, "{page:?} {c:?} -> {b:#04x}");
            }
            for c in ['\u{1b}', '\u{1d}', '\u{10}', '\0', '\n', '\u{7f}', '\u{85}'] {
                assert_eq!(page.byte_of(c), None, "{page:?} {c:?}");
            }
        }
    }

    #[test]
    fn well_known_letters_land_on_their_documented_bytes() {
        assert_eq!(CodePage::Cp437.encode("Zoë"), Ok(vec![b'Z', b'o', 0x89]));
        assert_eq!(CodePage::Cp858.byte_of('€'), Some(0xD5));
        assert_eq!(CodePage::Cp1252.byte_of('€'), Some(0x80));
        assert_eq!(CodePage::Cp1252.byte_of('ÿ'), Some(0xFF));
        assert_eq!(CodePage::Cp437.byte_of('€'), None);
    }

    #[test]
    fn cyrillic_is_refused_with_the_first_missing_character() {
        assert_eq!(CodePage::Cp1252.encode("Ana Иванова"), Err('И'));
    }
}
