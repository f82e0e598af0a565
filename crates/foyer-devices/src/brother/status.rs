//! The 32-byte reply to `ESC i S`, parsed strictly, and what it means for
//! a job on the expected roll.
//!
//! Byte map from Brother's reference ("Status information"): 0 print head
//! mark `80`, 1 size `20`, 2 `42` ('B'), 3 series, 4 model, 8 error
//! information 1, 9 error information 2, 10 media width (mm), 11 media
//! type (`00` none, `0A` continuous, `0B` die-cut), 17 media length (mm),
//! 18 status type (`00` reply, `01` printing done, `02` error …), 19 phase.

use super::commands::MediaKind;
use super::media::Media;
use crate::PrinterStatus;

/// Length of every status reply.
pub const REPLY_LEN: usize = 32;

/// Error information 1 (byte 8).
pub mod error1 {
    pub const NO_MEDIA: u8 = 0x01;
    pub const END_OF_MEDIA: u8 = 0x02;
    pub const CUTTER_JAM: u8 = 0x04;
    pub const PRINTER_IN_USE: u8 = 0x10;
    pub const TURNED_OFF: u8 = 0x20;
    pub const FAN_ERROR: u8 = 0x80;
}

/// Error information 2 (byte 9).
pub mod error2 {
    pub const REPLACE_MEDIA: u8 = 0x01;
    pub const EXPANSION_BUFFER_FULL: u8 = 0x02;
    pub const COMMUNICATION_ERROR: u8 = 0x04;
    pub const COVER_OPEN: u8 = 0x10;
    pub const OVERHEATING: u8 = 0x20;
    pub const FEED_ERROR: u8 = 0x40;
    pub const SYSTEM_ERROR: u8 = 0x80;
}

/// A decoded status reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrotherStatus {
    /// Byte 4 (`41` QL-820NWB, `44` QL-1110NWB …).
    pub model_code: u8,
    pub error1: u8,
    pub error2: u8,
    pub media_width_mm: u8,
    /// `None` when no roll is loaded (or a type Foyer does not know).
    pub media_kind: Option<MediaKind>,
    pub media_length_mm: u8,
    /// Byte 18.
    pub status_type: u8,
}

impl BrotherStatus {
    /// Parses one reply; refuses anything without the fixed header bytes.
    pub fn parse(reply: &[u8]) -> Result<Self, String> {
        let r: &[u8; REPLY_LEN] = reply.try_into().map_err(|_| format!("{} bytes, not 32", reply.len()))?;
        if r[0] != 0x80 || r[1] != 0x20 || r[2] != 0x42 {
            return Err(format!("header {:02X} {:02X} {:02X}, not 80 20 42", r[0], r[1], r[2]));
        }
        let media_kind = match r[11] {
            0x0A => Some(MediaKind::Continuous),
            0x0B => Some(MediaKind::DieCut),
            _ => None,
        };
        Ok(Self {
            model_code: r[4],
            error1: r[8],
            error2: r[9],
            media_width_mm: r[10],
            media_kind,
            media_length_mm: r[17],
            status_type: r[18],
        })
    }

    /// The roll in the printer, if Foyer knows it.
    pub fn media(&self) -> Option<&'static Media> {
        Media::by_reply(self.media_kind?, self.media_width_mm, self.media_length_mm)
    }

    /// The kiosk's view, the most serious first: a roll other than
    /// `expected` is `WrongMedia`, since the badge would print wrongly sized.
    pub fn printer_status(&self, expected: &Media) -> PrinterStatus {
        let (e1, e2) = (self.error1, self.error2);
        if e2 & error2::COVER_OPEN != 0 {
            PrinterStatus::CoverOpen
        } else if e1 & (error1::NO_MEDIA | error1::END_OF_MEDIA) != 0 || self.media_kind.is_none() {
            PrinterStatus::PaperEnd
        } else if e2 & error2::REPLACE_MEDIA != 0 || !self.matches(expected) {
            PrinterStatus::WrongMedia
        } else if e1 & (error1::CUTTER_JAM | error1::FAN_ERROR) != 0
            || e2 & (error2::OVERHEATING | error2::FEED_ERROR | error2::SYSTEM_ERROR | error2::COMMUNICATION_ERROR) != 0
        {
            PrinterStatus::Error
        } else if e1 & error1::TURNED_OFF != 0 {
            PrinterStatus::Offline
        } else {
            PrinterStatus::Ready
        }
    }

    /// Whether the roll reported is the kind and size of `expected` (the
    /// reply cannot tell black/red tape from plain tape of the same size).
    pub fn matches(&self, expected: &Media) -> bool {
        self.media_kind == Some(expected.kind)
            && self.media_width_mm == expected.width_mm
            && (expected.kind == MediaKind::Continuous || self.media_length_mm == expected.length_mm)
    }
}

/// A reply as a QL-820NWB sends it (for played printers in tests):
/// `media` loaded, or none; the error bytes as given.
pub fn reply_bytes(media: Option<&Media>, error1: u8, error2: u8) -> [u8; REPLY_LEN] {
    let mut r = [0u8; REPLY_LEN];
    r[..8].copy_from_slice(&[0x80, 0x20, 0x42, 0x34, 0x41, 0x30, 0x30, 0x00]);
    r[8] = error1;
    r[9] = error2;
    if let Some(m) = media {
        r[10] = m.width_mm;
        r[11] = m.kind as u8;
        r[17] = m.length_mm;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dk11202() -> &'static Media {
        Media::by_id("dk-11202").unwrap()
    }

    #[test]
    fn a_ready_reply_with_the_badge_roll_parses_and_is_ready() {
        let bytes = reply_bytes(Some(dk11202()), 0, 0);
        assert_eq!(&bytes[..4], &[0x80, 0x20, 0x42, 0x34]);
        let s = BrotherStatus::parse(&bytes).unwrap();
        assert_eq!((s.media_width_mm, s.media_kind, s.media_length_mm), (62, Some(MediaKind::DieCut), 100));
        assert_eq!(s.media(), Some(dk11202()));
        assert_eq!(s.printer_status(dk11202()), PrinterStatus::Ready);
    }

    #[test]
    fn no_media_cover_open_wrong_media_and_jam_are_told_apart() {
        let status = |m, e1, e2| BrotherStatus::parse(&reply_bytes(m, e1, e2)).unwrap().printer_status(dk11202());
        assert_eq!(status(None, error1::NO_MEDIA, 0), PrinterStatus::PaperEnd);
        assert_eq!(status(Some(dk11202()), 0, error2::COVER_OPEN), PrinterStatus::CoverOpen);
        assert_eq!(status(Media::by_id("dk-22205"), 0, 0), PrinterStatus::WrongMedia);
        assert_eq!(status(Media::by_id("dk-11201"), 0, 0), PrinterStatus::WrongMedia);
        assert_eq!(status(Some(dk11202()), 0, error2::REPLACE_MEDIA), PrinterStatus::WrongMedia);
        assert_eq!(status(Some(dk11202()), error1::CUTTER_JAM, 0), PrinterStatus::Error);
    }

    #[test]
    fn short_replies_and_wrong_headers_are_refused() {
        assert!(BrotherStatus::parse(&[0x80; 31]).unwrap_err().contains("31 bytes"));
        let mut bytes = reply_bytes(None, 0, 0);
        bytes[0] = 0x12;
        assert!(BrotherStatus::parse(&bytes).unwrap_err().contains("header"));
    }
}
