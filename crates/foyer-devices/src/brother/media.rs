//! The Brother DK media Foyer prints badges on, at 300 dpi.
//!
//! Dots from the printable-area table of Brother's raster reference
//! ("Media and print area"), as also listed by `brother_ql` (`labels.py`):
//! 62 mm tape prints 696 dots, 12 dots in from the right end of the
//! 720-dot head line; DK-11202 prints 696 × 1109; DK-11201 306 × 991,
//! 6 dots in; 102 mm (QL-1100 family) 1164 dots, 12 in.

use serde::Deserialize;

use super::commands::MediaKind;

/// One kind of label roll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Media {
    /// The name profiles and the config use ("dk-11202").
    pub id: &'static str,
    /// What the roll is called on the box.
    pub label: &'static str,
    pub kind: MediaKind,
    /// Tape width as the status reply gives it (byte 10) and `ESC i z` wants it.
    pub width_mm: u8,
    /// Label length; 0 for continuous tape (status byte 17).
    pub length_mm: u8,
    /// Printable width in dots.
    pub width_dots: u32,
    /// Printable length in dots; 0 for continuous tape.
    pub length_dots: u32,
    /// Blank dots between the printable area and the right end of the head.
    pub right_offset_dots: u32,
    /// The `ESC i d` feed margin in dots.
    pub margin_dots: u16,
    /// Black/red tape (DK-22251): the job sends a red plane too.
    pub two_colour: bool,
}

/// Media by id, as profiles name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct MediaId(pub &'static Media);

/// Every roll Foyer knows.
pub const MEDIA: [Media; 5] = [
    Media {
        id: "dk-22205",
        label: "DK-22205 62 mm continuous",
        kind: MediaKind::Continuous,
        width_mm: 62,
        length_mm: 0,
        width_dots: 696,
        length_dots: 0,
        right_offset_dots: 12,
        margin_dots: 35,
        two_colour: false,
    },
    Media {
        id: "dk-11202",
        label: "DK-11202 62 × 100 mm die-cut",
        kind: MediaKind::DieCut,
        width_mm: 62,
        length_mm: 100,
        width_dots: 696,
        length_dots: 1109,
        right_offset_dots: 12,
        margin_dots: 0,
        two_colour: false,
    },
    Media {
        id: "dk-11201",
        label: "DK-11201 29 × 90 mm die-cut",
        kind: MediaKind::DieCut,
        width_mm: 29,
        length_mm: 90,
        width_dots: 306,
        length_dots: 991,
        right_offset_dots: 6,
        margin_dots: 0,
        two_colour: false,
    },
    Media {
        id: "dk-22243",
        label: "DK-22243 102 mm continuous",
        kind: MediaKind::Continuous,
        width_mm: 102,
        length_mm: 0,
        width_dots: 1164,
        length_dots: 0,
        right_offset_dots: 12,
        margin_dots: 35,
        two_colour: false,
    },
    Media {
        id: "dk-22251",
        label: "DK-22251 62 mm continuous, black/red",
        kind: MediaKind::Continuous,
        width_mm: 62,
        length_mm: 0,
        width_dots: 696,
        length_dots: 0,
        right_offset_dots: 12,
        margin_dots: 35,
        two_colour: true,
    },
];

impl Media {
    /// The roll with this id.
    pub fn by_id(id: &str) -> Option<&'static Media> {
        MEDIA.iter().find(|m| m.id.eq_ignore_ascii_case(id))
    }

    /// The roll a status reply describes, if Foyer knows it. The reply
    /// gives kind and size only, so 62 mm black/red tape reads as the plain
    /// 62 mm roll (DK-22205), which comes first.
    pub fn by_reply(kind: MediaKind, width_mm: u8, length_mm: u8) -> Option<&'static Media> {
        MEDIA.iter().find(|m| m.kind == kind && m.width_mm == width_mm && m.length_mm == length_mm)
    }
}

impl TryFrom<String> for MediaId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Media::by_id(&s).map(MediaId).ok_or_else(|| {
            let ids: Vec<&str> = MEDIA.iter().map(|m| m.id).collect();
            format!("unknown Brother media {s:?}: use one of {}", ids.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_badge_label_is_696_by_1109_dots() {
        let m = Media::by_id("DK-11202").unwrap();
        assert_eq!((m.width_dots, m.length_dots, m.kind), (696, 1109, MediaKind::DieCut));
        assert_eq!(Media::by_reply(MediaKind::DieCut, 62, 100), Some(m));
    }

    #[test]
    fn continuous_tape_feeds_35_dots_and_every_area_fits_its_head() {
        assert_eq!(Media::by_id("dk-22205").unwrap().margin_dots, 35);
        for m in MEDIA {
            let head = if m.width_mm > 62 { 1296 } else { 720 };
            assert!(m.width_dots + m.right_offset_dots <= head, "{}", m.id);
        }
        assert!(MediaId::try_from("dk-99999".to_owned()).unwrap_err().contains("dk-11202"));
    }
}
