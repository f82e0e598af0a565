//! What a printer says about itself in its Get-Printer-Attributes reply:
//! the formats, media and resolutions it takes, and its state. Read from
//! the reply's printer group into plain types, so choosing a document and
//! mapping the state are pure and tested without a printer.

use ::ipp::attribute::IppAttributes;
use ::ipp::model::DelimiterTag;
use ::ipp::value::IppValue;

/// The attributes asked for; a printer may send more, never needs to.
pub const REQUESTED: [&str; 9] = [
    "document-format-supported",
    "media-supported",
    "media-ready",
    "media-default",
    "printer-resolution-supported",
    "printer-resolution-default",
    "pwg-raster-document-resolution-supported",
    "printer-state",
    "printer-state-reasons",
];

/// `printer-state` (RFC 8011 §5.4.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterState {
    Idle,
    Processing,
    Stopped,
    /// A value outside the standard's three.
    Unknown(i32),
}

/// The printer's answer, reduced to what Foyer uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub formats: Vec<String>,
    pub media_supported: Vec<String>,
    /// Media loaded now (empty when the printer does not say).
    pub media_ready: Vec<String>,
    pub media_default: Option<String>,
    /// Dots per inch, square resolutions only.
    pub resolutions: Vec<u32>,
    pub default_resolution: Option<u32>,
    /// Resolutions the printer takes PWG raster at.
    pub pwg_resolutions: Vec<u32>,
    pub state: Option<PrinterState>,
    /// `printer-state-reasons` keywords as sent (`media-empty-error` …).
    pub reasons: Vec<String>,
}

/// Dots per inch of a resolution value (units 3 = per inch, 4 = per cm).
fn dpi(v: &IppValue) -> Option<u32> {
    match *v {
        IppValue::Resolution { cross_feed, feed, units } if cross_feed == feed && cross_feed > 0 => match units {
            3 => Some(cross_feed as u32),
            4 => Some((cross_feed as f32 * 2.54).round() as u32),
            _ => None,
        },
        _ => None,
    }
}

impl Capabilities {
    /// Reads the printer attributes group of a reply.
    pub fn from_attributes(attributes: &IppAttributes) -> Self {
        let group = attributes.groups_of(DelimiterTag::PrinterAttributes).next();
        let values = |name: &str| -> Vec<&IppValue> {
            group.and_then(|g| g.get(name)).map(|a| a.value().into_iter().collect()).unwrap_or_default()
        };
        let strings = |name: &str| -> Vec<String> {
            values(name).into_iter().filter(|v| !matches!(v, IppValue::NoValue)).map(|v| v.to_string()).collect()
        };
        let dpis = |name: &str| -> Vec<u32> { values(name).into_iter().filter_map(dpi).collect() };
        let state = values("printer-state").first().and_then(|v| v.as_enum()).map(|s| match *s {
            3 => PrinterState::Idle,
            4 => PrinterState::Processing,
            5 => PrinterState::Stopped,
            other => PrinterState::Unknown(other),
        });
        Self {
            formats: strings("document-format-supported"),
            media_supported: strings("media-supported"),
            media_ready: strings("media-ready"),
            media_default: strings("media-default").into_iter().next(),
            resolutions: dpis("printer-resolution-supported"),
            default_resolution: dpis("printer-resolution-default").into_iter().next(),
            pwg_resolutions: dpis("pwg-raster-document-resolution-supported"),
            state,
            reasons: strings("printer-state-reasons").into_iter().filter(|r| r != "none").collect(),
        }
    }

    /// Whether the printer takes documents of `mime`.
    pub fn takes(&self, mime: &str) -> bool {
        self.formats.iter().any(|f| f == mime)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::ipp::attribute::IppAttribute;

    fn reply(attrs: Vec<(&str, IppValue)>) -> IppAttributes {
        let mut all = IppAttributes::new();
        for (name, value) in attrs {
            all.add(DelimiterTag::PrinterAttributes, IppAttribute::with_name(name, value).unwrap());
        }
        all
    }

    #[test]
    fn formats_media_resolutions_and_state_are_read_from_the_printer_group() {
        let kw = |s: &str| IppValue::new_keyword(s).unwrap();
        let caps = Capabilities::from_attributes(&reply(vec![
            (
                "document-format-supported",
                IppValue::Array(vec![IppValue::new_mime_media_type("image/pwg-raster").unwrap()]),
            ),
            ("media-supported", IppValue::Array(vec![kw("oe_4x3-label_4x3in"), kw("na_letter_8.5x11in")])),
            ("media-ready", kw("oe_4x3-label_4x3in")),
            ("printer-resolution-default", IppValue::new_resolution(600, 600, 3)),
            ("pwg-raster-document-resolution-supported", IppValue::Array(vec![IppValue::new_resolution(118, 118, 4)])),
            ("printer-state", IppValue::Enum(5)),
            ("printer-state-reasons", IppValue::Array(vec![kw("media-empty-error"), kw("cover-open")])),
        ]));
        assert!(caps.takes("image/pwg-raster") && !caps.takes("image/png"));
        assert_eq!(caps.media_supported, ["oe_4x3-label_4x3in", "na_letter_8.5x11in"]);
        assert_eq!(caps.media_ready, ["oe_4x3-label_4x3in"]);
        assert_eq!((caps.default_resolution, caps.pwg_resolutions.as_slice()), (Some(600), &[300][..]));
        assert_eq!(caps.state, Some(PrinterState::Stopped));
        assert_eq!(caps.reasons, ["media-empty-error", "cover-open"]);
    }

    #[test]
    fn none_is_no_reason_and_a_missing_attribute_is_empty() {
        let caps = Capabilities::from_attributes(&reply(vec![(
            "printer-state-reasons",
            IppValue::new_keyword("none").unwrap(),
        )]));
        assert!(caps.reasons.is_empty() && caps.formats.is_empty() && caps.state.is_none());
    }
}
