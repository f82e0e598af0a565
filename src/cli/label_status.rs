//! `foyer printer status` for label printers: a Brother QL's 32-byte
//! reply (state, roll loaded, roll expected), a Zebra's `~HS` flags, and
//! an IPP printer's attributes.

use foyer_devices::brother::BrotherQl;
use foyer_devices::ipp_everywhere::{printer_status, IppPrinter, IppProfile};
use foyer_devices::printer::{label_link, PrinterModel, PrinterSettings, Transport};
use foyer_devices::zpl::Zpl;

/// `printer status` for a Brother QL or ZPL printer: the decoded state,
/// the media loaded (Brother) and the raw flags.
pub fn label_status_report(settings: &PrinterSettings, model: PrinterModel) -> anyhow::Result<String> {
    if let PrinterModel::IppEverywhere(profile) = model {
        return ipp_status_report(settings, profile);
    }
    if matches!(settings.transport, Transport::Ipp(_)) {
        anyhow::bail!("only the ipp-everywhere profile speaks IPP: use --printer ipp-everywhere with --ipp");
    }
    if settings.transport == Transport::File {
        anyhow::bail!("say which printer to ask: --port PATH (/dev/usb/lp0) or --tcp HOST:PORT");
    }
    let mut link = label_link(settings)?;
    link.ensure_connected().map_err(|e| foyer_devices::DeviceError::io(link.describe(), e))?;
    let at = link.describe();
    let silent = || anyhow::anyhow!("{at}: no answer to the status request (is it on, and is this its port?)");
    match model {
        PrinterModel::BrotherQl(profile) => {
            if matches!(settings.transport, Transport::Tcp(_)) {
                return Ok(format!(
                    "{at}: {} sends no status over TCP 9100; printing is best effort (use USB for status)",
                    profile.name
                ));
            }
            let driver = BrotherQl { profile, bidirectional: true };
            let s = driver.read_status(link.as_mut())?.ok_or_else(silent)?;
            let media = s.media().map_or_else(
                || format!("{} mm × {} mm, not a roll Foyer knows", s.media_width_mm, s.media_length_mm),
                |m| m.label.to_owned(),
            );
            let expected = driver.profile.media();
            let status = s.printer_status(expected);
            Ok(format!(
                "{at}: {status}; loaded: {media}; the profile expects {} (error bytes {:02X} {:02X})",
                expected.label, s.error1, s.error2
            ))
        }
        PrinterModel::Zpl(profile) => {
            let s = Zpl { profile }.read_status(link.as_mut())?.ok_or_else(silent)?;
            Ok(format!(
                "{at}: {} (~HS: paper out {}, paused {}, head open {})",
                s.printer_status(),
                s.paper_out,
                s.paused,
                s.head_up
            ))
        }
        PrinterModel::EscPos(p) => anyhow::bail!("{} is an ESC/POS printer, not a label printer", p.name),
        PrinterModel::IppEverywhere(_) => unreachable!("answered above"),
    }
}

/// What an IPP printer says of itself: its state, the media loaded against
/// the media the badge is laid out on, and the formats it takes.
fn ipp_status_report(settings: &PrinterSettings, profile: IppProfile) -> anyhow::Result<String> {
    let Transport::Ipp(uri) = &settings.transport else {
        anyhow::bail!("say which printer to ask: --ipp ipp://HOST/ipp/print");
    };
    let printer = IppPrinter::new(uri, profile, settings.media.clone(), None, settings.job_options())?;
    let caps = printer.capabilities()?;
    let status = printer_status(&caps);
    let loaded = if caps.media_ready.is_empty() { "not reported".to_owned() } else { caps.media_ready.join(", ") };
    let mismatch = if caps.media_ready.is_empty() || caps.media_ready.iter().any(|m| m == printer.media()) {
        ""
    } else {
        " (WARNING: the badge needs other labels)"
    };
    let reasons = if caps.reasons.is_empty() { "none".to_owned() } else { caps.reasons.join(", ") };
    Ok(format!(
        "{uri}: {status}; loaded: {loaded}; the badge is laid out on {}{mismatch}; reasons: {reasons}; formats: {}",
        printer.media(),
        caps.formats.join(", ")
    ))
}
