//! The one place the kiosk gets its printer from: settings in, a
//! `BadgePrinter` out.

use std::path::Path;
use std::sync::Arc;

use super::escpos_printer::EscPosPrinter;
use super::file_printer::FilePrinter;
use super::label_printer::LabelPrinter;
use super::link::Link;
use super::model::PrinterModel;
use super::profile::Profile;
use super::serial_config::SerialConfig;
use super::serial_link::SerialLink;
use super::settings::{PrinterSettings, Transport};
use super::tcp_link::TcpLink;
use super::usb_link::UsbLink;
use crate::badge::Logo;
use crate::brother::BrotherQl;
use crate::ipp_everywhere::IppPrinter;
use crate::zpl::Zpl;
use crate::{AlarmSink, BadgePrinter, DeviceError};

/// Opens the printer the settings describe. The file transport writes into
/// `<data_dir>/prints/`; every printer that reports status (ESC/POS with
/// `DLE EOT`, a Brother QL on USB, a Zebra, IPP) is polled while idle
/// every `status_poll_secs` and reports changes to `alarms`. A network printer is dialled on first use, so the kiosk
/// starts while it is still off. For a label printer (Brother QL, ZPL) a
/// device path is the USB printer class device (`/dev/usb/lp0`).
pub fn open_printer(
    settings: &PrinterSettings,
    data_dir: &Path,
    alarms: AlarmSink,
) -> Result<Arc<dyn BadgePrinter>, DeviceError> {
    settings.check()?;
    let model = PrinterModel::load(&settings.profile)?;
    let logo = load_logo(settings)?;
    let options = settings.job_options();
    let profile = match model {
        PrinterModel::EscPos(p) => p,
        PrinterModel::IppEverywhere(profile) => {
            return match &settings.transport {
                Transport::Ipp(uri) => {
                    Ok(Arc::new(IppPrinter::watched(uri, profile, settings.media.clone(), logo, options, alarms)?))
                }
                Transport::File => {
                    let model = PrinterModel::IppEverywhere(profile);
                    Ok(Arc::new(FilePrinter::for_model(data_dir, model, logo, options).keeping(settings.keep_prints)))
                }
                other => Err(DeviceError::Config(format!(
                    "[printer] {} needs transport = \"ipp://host:631/ipp/print\", not {other:?}",
                    profile.name
                ))),
            };
        }
        label if settings.transport == Transport::File => {
            let printer = FilePrinter::for_model(data_dir, label, logo, options);
            return Ok(Arc::new(printer.keeping(settings.keep_prints)));
        }
        PrinterModel::BrotherQl(profile) => {
            // Brother printers send nothing back on TCP 9100.
            let bidirectional = !matches!(settings.transport, Transport::Tcp(_));
            let driver = BrotherQl { profile, bidirectional };
            return Ok(Arc::new(LabelPrinter::new(label_link(settings)?, driver, logo, options, alarms)));
        }
        PrinterModel::Zpl(profile) => {
            let link = label_link(settings)?;
            return Ok(Arc::new(LabelPrinter::new(link, Zpl { profile }, logo, options, alarms)));
        }
    };
    Ok(match &settings.transport {
        Transport::File => Arc::new(FilePrinter::new(data_dir, profile, logo, options).keeping(settings.keep_prints)),
        Transport::Serial(path) => {
            let serial = serial_config(settings, &profile)?;
            let link = SerialLink::open(path, &serial)?;
            Arc::new(EscPosPrinter::new(Box::new(link), profile, logo, options, alarms))
        }
        Transport::Tcp(target) => {
            let link = TcpLink::lazy(target)?;
            Arc::new(EscPosPrinter::new(Box::new(link), profile, logo, options, alarms))
        }
        Transport::Ipp(uri) => {
            return Err(DeviceError::Config(format!(
                "[printer] {uri} is an IPP printer: use profile = \"ipp-everywhere\""
            )))
        }
    })
}

/// The link to a label printer: the USB printer class device for a path,
/// raw TCP for `host:port`.
pub fn label_link(settings: &PrinterSettings) -> Result<Box<dyn Link>, DeviceError> {
    Ok(match &settings.transport {
        Transport::Serial(path) => Box::new(UsbLink::open(path)?),
        Transport::Tcp(target) => Box::new(TcpLink::lazy(target)?),
        Transport::File | Transport::Ipp(_) => {
            return Err(DeviceError::Config("a Brother or Zebra label printer needs a device path or host:port".into()))
        }
    })
}

/// What the kiosk screen needs to draw badge previews that match the
/// configured printer: its paper and the site logo.
pub fn preview_setup(settings: &PrinterSettings) -> Result<(PrinterModel, Option<Logo>), DeviceError> {
    let mut model = PrinterModel::load(&settings.profile)?;
    // The IPP printer is sent the configured media, so the preview is drawn on it.
    if let (PrinterModel::IppEverywhere(p), Some(media)) = (&mut model, &settings.media) {
        p.media = media.clone();
    }
    Ok((model, load_logo(settings)?))
}

fn load_logo(settings: &PrinterSettings) -> Result<Option<Logo>, DeviceError> {
    let logo = settings.logo.as_deref().map(Logo::load).transpose();
    logo.map_err(|e| DeviceError::Config(format!("[printer] {e}")))
}

/// The profile's serial defaults with the settings' overrides applied.
pub fn serial_config(settings: &PrinterSettings, profile: &Profile) -> Result<SerialConfig, DeviceError> {
    let mut serial = profile.serial;
    if let Some(baud) = settings.baud {
        serial.baud = baud;
    }
    if let Some(flow) = settings.flow_control {
        serial.flow_control = flow;
    }
    serial.check().map_err(|(field, why)| DeviceError::Config(format!("[printer] {field}: {why}")))?;
    Ok(serial)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log_alarms;

    #[test]
    fn overrides_replace_the_profile_serial_defaults() {
        let profile = Profile::load("epson-tm-t88iii").unwrap();
        let settings = PrinterSettings { baud: Some(19_200), ..Default::default() };
        let serial = serial_config(&settings, &profile).unwrap();
        assert_eq!(serial.baud, 19_200);
        assert_eq!(serial.flow_control, profile.serial.flow_control);
        let settings = PrinterSettings { baud: Some(5), ..Default::default() };
        assert!(serial_config(&settings, &profile).unwrap_err().to_string().contains("serial.baud"));
    }

    #[test]
    fn a_missing_serial_port_and_a_missing_logo_are_errors_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        let settings =
            PrinterSettings { transport: Transport::Serial("/dev/foyer-no-such-port".into()), ..Default::default() };
        let err = open_printer(&settings, dir.path(), log_alarms()).err().unwrap().to_string();
        assert!(err.contains("/dev/foyer-no-such-port"), "{err}");
        let settings = PrinterSettings { logo: Some("/nonexistent/logo.png".into()), ..Default::default() };
        let err = open_printer(&settings, dir.path(), log_alarms()).err().unwrap().to_string();
        assert!(err.contains("/nonexistent/logo.png"), "{err}");
    }

    #[test]
    fn the_preview_setup_follows_the_configured_profile_and_logo() {
        let dir = tempfile::tempdir().unwrap();
        let logo = dir.path().join("logo.png");
        image::GrayImage::new(8, 8).save(&logo).unwrap();
        let settings = PrinterSettings { profile: "generic-58mm".into(), logo: Some(logo), ..Default::default() };
        let (model, logo) = preview_setup(&settings).unwrap();
        assert_eq!(model.name(), PrinterModel::load("generic-58mm").unwrap().name());
        assert!(logo.is_some());
        let settings = PrinterSettings {
            profile: "ipp-everywhere".into(),
            media: Some("na_index-4x6_4x6in".into()),
            ..Default::default()
        };
        match preview_setup(&settings).unwrap().0 {
            PrinterModel::IppEverywhere(p) => assert_eq!(p.media, "na_index-4x6_4x6in"),
            other => panic!("{other:?}"),
        }
    }
}
