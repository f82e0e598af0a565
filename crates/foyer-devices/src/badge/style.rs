//! How a label badge is arranged, as profiles state it: which way it
//! reads, whether it keeps a slot for the visitor's photo, and whether the
//! visitor type is a band (red on black/red media) rather than a line.

use serde::Deserialize;

/// Which way the badge reads on the label, relative to the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// Lines run across the print head: a tall badge on a 62 × 100 mm label.
    #[default]
    Portrait,
    /// Lines run along the feed: the picture is drawn wide and turned a
    /// quarter before printing, text on the left and the QR on the right.
    Landscape,
}

/// The arrangement of a label badge (profile keys `orientation`,
/// `photo_slot`, `colour_band`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelStyle {
    #[serde(default)]
    pub orientation: Orientation,
    /// Keep a 3:4 slot beside the QR code for the visitor's photo: framed
    /// when there is no photo, so one can be stuck on at the desk.
    #[serde(default)]
    pub photo_slot: bool,
    /// Print the visitor type as a solid band with the words cut out of it,
    /// in the second colour on two-colour media, else in black.
    #[serde(default)]
    pub colour_band: bool,
}

/// How much longer than wide a landscape badge on continuous tape is cut:
/// the shape of the usual 62 × 100 mm die-cut label.
pub const LANDSCAPE_TAPE_RATIO: f32 = 1.6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_style_defaults_to_a_plain_portrait_badge_and_names_a_wrong_key() {
        let s: LabelStyle = toml::from_str("").unwrap();
        assert_eq!(s, LabelStyle::default());
        let s: LabelStyle = toml::from_str("orientation = \"landscape\"\nphoto_slot = true").unwrap();
        assert_eq!((s.orientation, s.photo_slot, s.colour_band), (Orientation::Landscape, true, false));
        let err = toml::from_str::<LabelStyle>("orientation = \"sideways\"").unwrap_err().to_string();
        assert!(err.contains("sideways") && err.contains("landscape"), "{err}");
    }
}
