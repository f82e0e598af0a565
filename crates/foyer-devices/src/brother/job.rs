//! A badge as one complete Brother QL job, in the order of Brother's
//! reference (and `brother_ql`): invalidate, initialise, raster mode,
//! print information, modes, margin, compression, the lines, print.

use image::GrayImage;

use super::commands::{self as cmd, MediaKind};
use super::media::Media;
use super::profile::BrotherProfile;
use super::raster::{encode_lines, encode_two_colour_lines, HeadGeometry};
use crate::badge::{label_planes, BadgeText, LabelArea, Logo, Planes};
use crate::printer::EncodedJob;
use crate::{DeviceError, PrintEncoding};
use foyer_domain::BadgeContent;

/// Where `media` lies on the head of `profile`'s model.
pub fn geometry(profile: &BrotherProfile, media: &Media) -> HeadGeometry {
    HeadGeometry {
        head_dots: profile.head_dots,
        width_dots: media.width_dots,
        offset_dots: media.right_offset_dots + profile.extra_right_offset_dots,
    }
}

/// The printable area of `media` for the badge layout.
pub fn label_area(profile: &BrotherProfile, media: &Media) -> LabelArea {
    let length_dots = (media.kind == MediaKind::DieCut).then_some(media.length_dots);
    LabelArea {
        width_dots: media.width_dots,
        length_dots,
        qr_module_dots: profile.qr_module_dots,
        style: profile.layout,
        // A red plane only when something is red: else a plain one-colour job.
        two_colour: media.two_colour && profile.layout.colour_band,
    }
}

/// Encodes `content` for `profile` on its expected roll; `compress`
/// overrides the profile (benchmarks compare both).
pub fn encode_badge(
    content: &BadgeContent,
    profile: &BrotherProfile,
    logo: Option<&Logo>,
    compress: Option<bool>,
) -> Result<EncodedJob, DeviceError> {
    let media = profile.media();
    let text = BadgeText::from_content(content);
    let planes = label_planes(&text, label_area(profile, media), logo, None)
        .map_err(|e| DeviceError::Config(format!("badge for visit {}: {e}", content.visit_id)))?;
    let compress = compress.unwrap_or(profile.compression) && profile.compression;
    Ok(EncodedJob { bytes: encode_planes(&planes, profile, media, compress), encoding: PrintEncoding::Raster })
}

/// The job for a one-colour picture already drawn at the printable width.
pub fn encode_ink(ink: &GrayImage, profile: &BrotherProfile, media: &Media, compress: bool) -> Vec<u8> {
    encode_planes(&Planes { black: ink.clone(), red: None }, profile, media, compress)
}

/// The job for planes drawn at the printable width: a red plane makes it
/// a two-colour job (expanded mode bit 0, `w 01`/`w 02` lines).
pub fn encode_planes(planes: &Planes, profile: &BrotherProfile, media: &Media, compress: bool) -> Vec<u8> {
    let ink = &planes.black;
    let mut job = cmd::invalidate(profile.invalidate_bytes);
    job.extend_from_slice(&cmd::INITIALISE);
    job.extend_from_slice(&cmd::RASTER_MODE);
    job.extend_from_slice(&cmd::print_information(media.kind, media.width_mm, media.length_mm, ink.height(), true));
    job.extend_from_slice(&cmd::various_mode(profile.auto_cut));
    if profile.auto_cut {
        job.extend_from_slice(&cmd::cut_every(1));
    }
    job.extend_from_slice(&cmd::expanded_mode(profile.cut_at_end, false, planes.red.is_some()));
    job.extend_from_slice(&cmd::margin(media.margin_dots));
    job.extend_from_slice(if compress { &cmd::COMPRESSION_TIFF } else { &cmd::COMPRESSION_NONE });
    job.extend_from_slice(&match &planes.red {
        Some(red) => encode_two_colour_lines(ink, red, geometry(profile, media), compress),
        None => encode_lines(ink, geometry(profile, media), compress),
    });
    job.push(cmd::PRINT_LAST);
    job
}
