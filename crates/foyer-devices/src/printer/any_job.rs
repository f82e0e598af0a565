//! One badge job for a profile of any family: ESC/POS bytes, a Brother QL
//! raster job, a ZPL label or an IPP document (PWG raster or PNG at
//! [`OFFLINE_DPI`]), and the preview picture of the same badge.
//! The file printer, `foyer badge render` and the benchmarks use it.

use super::encode::{encode_badge, paper, EncodedJob};
use super::model::PrinterModel;
use crate::badge::{label_preview_png, preview_png, BadgeText, LabelArea, Logo, Paper};
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
        PrinterModel::Zpl(p) => Ok(zpl::encode_badge(content, p)),
        PrinterModel::IppEverywhere(p) => {
            let plan = ipp::offline_plan(p, &p.media, OFFLINE_DPI);
            let document = ipp::encode(content, p, &plan, logo)?;
            Ok(EncodedJob { bytes: document.bytes, encoding: ipp::document::ENCODING })
        }
    }
}

/// The printable area the badge is laid out on, for previews.
pub fn paper_for(model: &PrinterModel) -> Paper {
    match model {
        PrinterModel::EscPos(p) => paper(p),
        PrinterModel::BrotherQl(p) => Paper { width_dots: p.media().width_dots, qr_module_dots: p.qr_module_dots },
        PrinterModel::Zpl(p) => Paper { width_dots: p.width_dots, qr_module_dots: p.qr_magnification },
        PrinterModel::IppEverywhere(p) => {
            let plan = ipp::offline_plan(p, &p.media, OFFLINE_DPI);
            let (width_dots, _) = ipp::MediaSize::parse(&p.media).map(|m| m.dots(OFFLINE_DPI)).unwrap_or((1200, 900));
            Paper { width_dots, qr_module_dots: p.qr_module_dots(plan.dpi) }
        }
    }
}

/// The preview PNG of the badge as `model` prints it.
pub fn preview_for(model: &PrinterModel, content: &BadgeContent, logo: Option<&Logo>) -> Result<Vec<u8>, DeviceError> {
    let text = BadgeText::from_content(content);
    let png = match model {
        PrinterModel::EscPos(p) => preview_png(content, paper(p), logo),
        PrinterModel::BrotherQl(p) => label_preview_png(&text, brother::job::label_area(p, p.media()), logo),
        PrinterModel::Zpl(p) => {
            let area = LabelArea {
                width_dots: p.width_dots,
                length_dots: Some(p.length_dots),
                qr_module_dots: p.qr_magnification,
            };
            label_preview_png(&text, area, logo)
        }
        PrinterModel::IppEverywhere(p) => {
            let area = ipp::label_area(p, &ipp::offline_plan(p, &p.media, OFFLINE_DPI))?;
            label_preview_png(&text, area, logo)
        }
    };
    png.map_err(|e| DeviceError::Config(format!("badge preview of visit {}: {e}", content.visit_id)))
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
