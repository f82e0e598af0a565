//! One badge job for a profile of any family: ESC/POS bytes, a Brother QL
//! raster job, a ZPL label or an IPP document (PWG raster or PNG at
//! [`OFFLINE_DPI`]), and the preview picture of the same badge.
//! The file printer, `foyer badge render` and the benchmarks use it.

use super::encode::{encode_badge, paper, EncodedJob};
use super::model::PrinterModel;
use image::RgbaImage;

use crate::badge::{label_view, render_preview, BadgeText, Logo};
use crate::ipp_everywhere::{self as ipp, DocumentFormat};
use crate::{brother, zpl, DeviceError};

/// The resolution of an IPP document made without a printer to ask.
pub const OFFLINE_DPI: u32 = 300;
use foyer_domain::BadgeContent;

/// The job for `model`; `force_raster` only matters for ESC/POS.
pub fn encode_for(
    model: &PrinterModel,
    content: &BadgeContent,
    logo: Option<&Logo>,
    force_raster: bool,
) -> Result<EncodedJob, DeviceError> {
    match model {
        PrinterModel::EscPos(p) => encode_badge(content, p, logo, force_raster),
        PrinterModel::BrotherQl(p) => brother::encode_badge(content, p, logo, None),
        PrinterModel::Zpl(p) => zpl::encode_badge(content, p, logo)
            .map_err(|e| DeviceError::Config(format!("badge for visit {}: {e}", content.visit_id))),
        PrinterModel::IppEverywhere(p) => {
            let plan = ipp::offline_plan(p, &p.media, OFFLINE_DPI);
            let document = ipp::encode(content, p, &plan, logo)?;
            Ok(EncodedJob { bytes: document.bytes, encoding: ipp::document::ENCODING })
        }
    }
}

/// The badge as the kiosk screen shows it for `model`: the receipt, or the
/// label as it reads (a landscape badge wide, a band in red on black/red
/// tape), drawn from the same planes the job is made of. A native ZPL
/// label is drawn with Foyer's fonts where the printer uses its own.
pub fn preview_picture_for(
    model: &PrinterModel,
    content: &BadgeContent,
    logo: Option<&Logo>,
) -> Result<RgbaImage, DeviceError> {
    let text = BadgeText::from_content(content);
    let view = |area| label_view(&text, area, logo, None).map(|planes| planes.preview());
    let shown = match model {
        PrinterModel::EscPos(p) => render_preview(content, paper(p), logo),
        PrinterModel::BrotherQl(p) => view(brother::job::label_area(p, p.media())),
        PrinterModel::Zpl(p) => view(p.label_area()),
        PrinterModel::IppEverywhere(p) => view(ipp::label_area(p, &ipp::offline_plan(p, &p.media, OFFLINE_DPI))?),
    };
    shown.map_err(|e| DeviceError::Config(format!("badge preview of visit {}: {e}", content.visit_id)))
}

/// The preview of [`preview_picture_for`] as PNG bytes.
pub fn preview_for(model: &PrinterModel, content: &BadgeContent, logo: Option<&Logo>) -> Result<Vec<u8>, DeviceError> {
    let shown = preview_picture_for(model, content, logo)?;
    let mut png = Vec::new();
    shown
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| DeviceError::Config(format!("badge preview of visit {} as PNG: {e}", content.visit_id)))?;
    Ok(png)
}

/// The usual file name ending of a job for `model`.
pub fn job_extension(model: &PrinterModel) -> &'static str {
    match model {
        PrinterModel::EscPos(_) | PrinterModel::BrotherQl(_) => "bin",
        PrinterModel::Zpl(_) => "zpl",
        PrinterModel::IppEverywhere(p) if p.document_format == DocumentFormat::Png => "png",
        PrinterModel::IppEverywhere(_) => "pwg",
    }
}
