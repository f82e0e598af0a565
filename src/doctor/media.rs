//! What labels the printer has loaded, against what the badge is laid out
//! on: a Brother QL answers with its roll in the 32-byte status (over USB
//! only), an IPP printer lists `media-ready`. A mismatch is a warning with
//! the fix, since the first visitor of the day would otherwise find it.

use super::Check;
use foyer_devices::brother::BrotherQl;
use foyer_devices::ipp_everywhere::IppPrinter;
use foyer_devices::printer::{label_link, PrinterModel, PrinterSettings, Transport};

const NAME: &str = "labels";

/// The loaded-media check, for printers that can say (`None` for the
/// others, and when the printer did not answer: the printer check says so).
pub fn check_media(settings: &PrinterSettings) -> Option<Check> {
    let model = PrinterModel::load(&settings.profile).ok()?;
    match (model, &settings.transport) {
        (PrinterModel::BrotherQl(profile), Transport::Tcp(_)) => Some(Check::warn(
            NAME,
            format!("{} sends no status over TCP 9100: the roll loaded cannot be checked", profile.name),
            "connect it by USB (/dev/usb/lp0) for status before each badge",
        )),
        (PrinterModel::BrotherQl(profile), Transport::Serial(_)) => brother(settings, profile),
        (PrinterModel::IppEverywhere(profile), Transport::Ipp(uri)) => ipp(settings, profile, uri),
        _ => None,
    }
}

fn brother(settings: &PrinterSettings, profile: foyer_devices::brother::BrotherProfile) -> Option<Check> {
    let mut link = label_link(settings).ok()?;
    link.ensure_connected().ok()?;
    let driver = BrotherQl { profile, bidirectional: true };
    let status = driver.read_status(link.as_mut()).ok()??;
    let expected = driver.profile.media();
    let loaded = match status.media() {
        Some(m) => m.label.to_owned(),
        None if status.media_kind.is_none() => return Some(Check::fail(NAME, "no roll loaded", "load a roll")),
        None => format!("{} mm × {} mm, a roll Foyer does not know", status.media_width_mm, status.media_length_mm),
    };
    if status.matches(expected) {
        return Some(Check::ok(NAME, format!("loaded: {loaded}, as the profile expects")));
    }
    Some(Check::warn(
        NAME,
        format!("loaded: {loaded}; the profile expects {}", expected.label),
        format!("load {}, or set `media` in the printer profile to the roll you have", expected.label),
    ))
}

fn ipp(settings: &PrinterSettings, profile: foyer_devices::ipp_everywhere::IppProfile, uri: &str) -> Option<Check> {
    let printer = IppPrinter::new(uri, profile, settings.media.clone(), None, settings.job_options()).ok()?;
    let caps = printer.capabilities().ok()?;
    let wanted = printer.media().to_owned();
    if caps.media_ready.is_empty() {
        return Some(Check::warn(
            NAME,
            format!("{uri} does not report the media loaded; the badge is laid out on {wanted}"),
            "check the labels by eye, or print a test badge: foyer printer test --ipp URI",
        ));
    }
    let loaded = caps.media_ready.join(", ");
    if caps.media_ready.contains(&wanted) {
        return Some(Check::ok(NAME, format!("loaded: {loaded}; the badge is laid out on {wanted}")));
    }
    Some(Check::warn(
        NAME,
        format!("loaded: {loaded}; the badge is laid out on {wanted}"),
        format!("load {wanted}, or set printer.media to what is loaded"),
    ))
}
