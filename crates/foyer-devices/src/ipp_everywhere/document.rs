//! The badge as an IPP document: which format, resolution and media the
//! printer's attributes allow for the profile, and the picture drawn at
//! that resolution as PWG raster or PNG. Pure: the printer only sends it.

use image::GrayImage;

use super::capabilities::Capabilities;
use super::media::MediaSize;
use super::profile::{DocumentFormat, IppProfile};
use super::pwg_raster;
use crate::badge::{label_ink, BadgeText, LabelArea, Logo};
use crate::{DeviceError, PrintEncoding, PrinterStatus};
use foyer_domain::BadgeContent;

/// What one job will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentPlan {
    /// `PwgRaster` or `Png`, never `Auto`.
    pub format: DocumentFormat,
    pub dpi: u32,
    /// The PWG media name sent as `media`.
    pub media: String,
}

/// An encoded document and what it is.
#[derive(Debug, Clone)]
pub struct Document {
    pub plan: DocumentPlan,
    pub bytes: Vec<u8>,
}

/// Chooses the job for `media` on a printer with `caps`: refuses media the
/// printer does not support (a configuration error) or has not loaded
/// (wrong labels), and a printer that takes neither format.
pub fn plan(profile: &IppProfile, media: &str, caps: &Capabilities) -> Result<DocumentPlan, DeviceError> {
    let printer = &profile.name;
    if !caps.media_supported.is_empty() && !caps.media_supported.iter().any(|m| m == media) {
        return Err(DeviceError::Config(format!(
            "{printer} does not support media {media}; it supports {}",
            caps.media_supported.join(", ")
        )));
    }
    if !caps.media_ready.is_empty() && !caps.media_ready.iter().any(|m| m == media) {
        return Err(DeviceError::NotReady(PrinterStatus::WrongMedia));
    }
    let format = match profile.document_format {
        DocumentFormat::Auto if caps.takes("image/pwg-raster") => DocumentFormat::PwgRaster,
        DocumentFormat::Auto => DocumentFormat::Png,
        chosen => chosen,
    };
    if !caps.takes(format.mime()) {
        return Err(DeviceError::Config(format!(
            "{printer} does not take {} documents; it takes {}",
            format.mime(),
            caps.formats.join(", ")
        )));
    }
    let offered = match format {
        DocumentFormat::PwgRaster if !caps.pwg_resolutions.is_empty() => &caps.pwg_resolutions,
        _ => &caps.resolutions,
    };
    Ok(DocumentPlan { format, dpi: resolution(caps.default_resolution, offered, profile.max_dpi), media: media.into() })
}

/// The plan without a printer to ask (`foyer badge render`, the file
/// printer, benchmarks): `auto` means PWG raster, at `dpi`.
pub fn offline_plan(profile: &IppProfile, media: &str, dpi: u32) -> DocumentPlan {
    let format = match profile.document_format {
        DocumentFormat::Auto => DocumentFormat::PwgRaster,
        chosen => chosen,
    };
    DocumentPlan { format, dpi, media: media.to_owned() }
}

/// The label area of `plan`, for layout and previews.
pub fn label_area(profile: &IppProfile, plan: &DocumentPlan) -> Result<LabelArea, DeviceError> {
    let size = MediaSize::parse(&plan.media).map_err(DeviceError::Config)?;
    let (width_dots, length_dots) = size.dots(plan.dpi);
    Ok(LabelArea {
        width_dots,
        length_dots: Some(length_dots),
        qr_module_dots: profile.qr_module_dots(plan.dpi),
        style: profile.layout,
        two_colour: false,
    })
}

/// The printer's default where it is offered and not above `max`, else
/// the highest offered up to `max`, else the lowest offered (300 if none).
fn resolution(default: Option<u32>, offered: &[u32], max: u32) -> u32 {
    let usable = |d: u32| d <= max && (offered.is_empty() || offered.contains(&d));
    match default.filter(|d| usable(*d)) {
        Some(d) => d,
        None => offered.iter().copied().filter(|d| *d <= max).max().or(offered.iter().copied().min()).unwrap_or(300),
    }
}

/// The badge drawn for `plan` (0 = black, 255 = white).
pub fn page(
    content: &BadgeContent,
    profile: &IppProfile,
    plan: &DocumentPlan,
    logo: Option<&Logo>,
) -> Result<GrayImage, DeviceError> {
    let area = label_area(profile, plan)?;
    let mut ink = label_ink(&BadgeText::from_content(content), area, logo)
        .map_err(|e| DeviceError::Config(format!("badge for visit {}: {e}", content.visit_id)))?;
    image::imageops::invert(&mut ink);
    Ok(ink)
}

/// The complete document for one badge.
pub fn encode(
    content: &BadgeContent,
    profile: &IppProfile,
    plan: &DocumentPlan,
    logo: Option<&Logo>,
) -> Result<Document, DeviceError> {
    let picture = page(content, profile, plan, logo)?;
    let bytes = match plan.format {
        DocumentFormat::Png => {
            let mut png = Vec::new();
            picture
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .map_err(|e| DeviceError::Config(format!("badge for visit {} as PNG: {e}", content.visit_id)))?;
            png
        }
        _ => pwg_raster::encode_page(&picture, plan.dpi, &plan.media),
    };
    Ok(Document { plan: plan.clone(), bytes })
}

/// How the report names the encoding: both formats are pictures.
pub const ENCODING: PrintEncoding = PrintEncoding::Raster;

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(format: DocumentFormat) -> IppProfile {
        IppProfile {
            name: "P".into(),
            media: "oe_4x3-label_4x3in".into(),
            document_format: format,
            qr_module_um: 800,
            max_dpi: 600,
            request_timeout_ms: 1000,
            job_timeout_ms: 1000,
            layout: Default::default(),
        }
    }

    fn caps(formats: &[&str], media: &[&str], ready: &[&str]) -> Capabilities {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
        Capabilities { formats: v(formats), media_supported: v(media), media_ready: v(ready), ..Default::default() }
    }

    #[test]
    fn auto_prefers_pwg_raster_and_falls_back_to_png() {
        let m = "oe_4x3-label_4x3in";
        let p = plan(&profile(DocumentFormat::Auto), m, &caps(&["image/png", "image/pwg-raster"], &[m], &[])).unwrap();
        assert_eq!(p.format, DocumentFormat::PwgRaster);
        let p = plan(&profile(DocumentFormat::Auto), m, &caps(&["image/png"], &[m], &[m])).unwrap();
        assert_eq!((p.format, p.dpi), (DocumentFormat::Png, 300));
    }

    #[test]
    fn unsupported_media_names_the_supported_and_unloaded_media_is_wrong_media() {
        let err = plan(
            &profile(DocumentFormat::Auto),
            "oe_4x3-label_4x3in",
            &caps(&["image/png"], &["iso_a4_210x297mm"], &[]),
        );
        assert!(err.unwrap_err().to_string().contains("supports iso_a4_210x297mm"));
        let m = "oe_4x3-label_4x3in";
        let err = plan(&profile(DocumentFormat::Png), m, &caps(&["image/png"], &[m, "x_y_1x1in"], &["x_y_1x1in"]));
        assert!(matches!(err, Err(DeviceError::NotReady(PrinterStatus::WrongMedia))));
        let err = plan(&profile(DocumentFormat::PwgRaster), m, &caps(&["image/png"], &[], &[])).unwrap_err();
        assert!(err.to_string().contains("does not take image/pwg-raster"), "{err}");
    }

    #[test]
    fn the_resolution_is_the_default_when_offered_and_never_above_the_cap() {
        assert_eq!(resolution(Some(600), &[300, 600], 600), 600);
        assert_eq!(resolution(Some(600), &[300, 600], 300), 300);
        assert_eq!(resolution(Some(1200), &[300, 600], 2400), 600);
        assert_eq!(resolution(None, &[600, 1200], 300), 600);
    }
}
