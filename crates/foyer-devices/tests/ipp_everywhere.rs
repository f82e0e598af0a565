//! Badges printed on a real IPP Everywhere printer (CUPS' ippeveprinter):
//! the document it received is decoded and its QR read back by rqrr, the
//! token verifying; a printer with empty trays is reported out of paper
//! and gets no job.

#[path = "support/alarms.rs"]
mod alarms;
#[path = "support/ippeveprinter.rs"]
mod ippeveprinter;
#[path = "support/pwg.rs"]
mod pwg;
#[path = "support/qr.rs"]
mod qr;

use std::path::Path;
use std::time::Duration;

use alarms::Collected;

use foyer_devices::printer::model::BUILT_IN_LABELS;
use foyer_devices::printer::{open_printer, PrinterSettings, Transport};
use foyer_devices::{log_alarms, BadgePrinter, DeviceError, PrintJob, PrinterStatus};
use foyer_domain::{BadgeContent, SiteKey};
use image::GrayImage;
use ippeveprinter::IppEvePrinter;

/// A label printer: 4×3 in labels loaded, 300 dpi, PWG raster and PNG.
/// ippeveprinter adds its own document-format-supported after this one;
/// both it and Foyer use the first.
const LABEL_PRINTER: &str = "\
ATTR keyword media-supported oe_4x3-label_4x3in,na_index-4x6_4x6in
ATTR keyword media-ready oe_4x3-label_4x3in
ATTR keyword media-default oe_4x3-label_4x3in
ATTR mimeMediaType document-format-supported image/pwg-raster,image/png
ATTR resolution printer-resolution-supported 300dpi
ATTR resolution printer-resolution-default 300dpi
ATTR resolution pwg-raster-document-resolution-supported 300dpi
ATTR keyword pwg-raster-document-type-supported sgray_8
";

fn key() -> SiteKey {
    SiteKey::from_bytes([3; 32])
}

fn printer_at(uri: &str, profile: &str, dir: &Path) -> std::sync::Arc<dyn BadgePrinter> {
    let settings =
        PrinterSettings { profile: profile.into(), transport: Transport::Ipp(uri.into()), ..Default::default() };
    open_printer(&settings, dir, log_alarms()).unwrap()
}

fn only_document(printer: &IppEvePrinter) -> Vec<u8> {
    let docs = printer.documents();
    assert_eq!(docs.len(), 1, "{docs:?}\n{}", printer.log());
    std::fs::read(&docs[0]).unwrap()
}

fn ink_of(page: &GrayImage) -> GrayImage {
    let mut ink = page.clone();
    image::imageops::invert(&mut ink);
    ink
}

#[test]
fn a_badge_printed_as_pwg_raster_on_ippeveprinter_carries_a_qr_that_verifies() {
    let Some(ippeve) = IppEvePrinter::start(Some(LABEL_PRINTER)) else { return };
    let dir = tempfile::tempdir().unwrap();
    let printer = printer_at(&ippeve.uri(), "ipp-everywhere", dir.path());
    assert_eq!(printer.status().unwrap(), PrinterStatus::Ready);
    let badge = BadgeContent::sample(&key());
    let report = printer.print(&PrintJob::new(badge.clone())).unwrap_or_else(|e| panic!("{e}\n{}", ippeve.log()));
    let doc = only_document(&ippeve);
    assert_eq!(report.bytes_sent, doc.len());
    let page = pwg::decode(&doc);
    assert_eq!((page.dpi, page.points, page.color_space), ((300, 300), (288, 216), 18));
    assert_eq!(page.page_size_name, "oe_4x3-label_4x3in");
    assert_eq!(page.image.dimensions(), (1200, 900));
    let found = qr::decode_ink(&ink_of(&page.image));
    assert_eq!(found, std::slice::from_ref(&badge.token));
    qr::assert_verifies(&found[0], &key(), &badge);
}

#[test]
fn a_badge_sent_as_png_on_the_profiles_media_carries_a_qr_that_verifies() {
    let Some(ippeve) = IppEvePrinter::start(Some(LABEL_PRINTER)) else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = BUILT_IN_LABELS.iter().find(|(n, _)| *n == "ipp-everywhere").unwrap();
    let profile = dir.path().join("png-labels.toml");
    let text = text.replace("document_format = \"auto\"", "document_format = \"png\"");
    std::fs::write(&profile, text.replace("oe_4x3-label_4x3in", "na_index-4x6_4x6in")).unwrap();
    let settings = PrinterSettings {
        profile: profile.to_str().unwrap().into(),
        transport: Transport::Ipp(ippeve.uri()),
        media: Some("oe_4x3-label_4x3in".into()),
        ..Default::default()
    };
    let printer = open_printer(&settings, dir.path(), log_alarms()).unwrap();
    let badge = BadgeContent::sample(&key());
    printer.print(&PrintJob::new(badge.clone())).unwrap_or_else(|e| panic!("{e}\n{}", ippeve.log()));
    let doc = only_document(&ippeve);
    assert_eq!(&doc[..8], b"\x89PNG\r\n\x1a\n");
    let page = image::load_from_memory(&doc).unwrap().to_luma8();
    // The config's media (4×3 in) won over the profile's 4×6 in.
    assert_eq!(page.dimensions(), (1200, 900));
    let found = qr::decode_ink(&ink_of(&page));
    assert_eq!(found, std::slice::from_ref(&badge.token));
    qr::assert_verifies(&found[0], &key(), &badge);
}

#[test]
fn media_the_printer_has_not_loaded_is_refused_as_wrong_labels_and_nothing_is_sent() {
    let Some(ippeve) = IppEvePrinter::start(Some(LABEL_PRINTER)) else { return };
    let dir = tempfile::tempdir().unwrap();
    let settings = PrinterSettings {
        profile: "ipp-everywhere".into(),
        transport: Transport::Ipp(ippeve.uri()),
        media: Some("na_index-4x6_4x6in".into()),
        ..Default::default()
    };
    let printer = open_printer(&settings, dir.path(), log_alarms()).unwrap();
    let err = printer.print(&PrintJob::new(BadgeContent::sample(&key()))).unwrap_err();
    assert!(matches!(err, DeviceError::NotReady(PrinterStatus::WrongMedia)), "{err}");
    assert!(ippeve.documents().is_empty());
}

#[test]
fn a_printer_reporting_media_empty_is_out_of_paper_and_gets_no_job() {
    let Some(ippeve) = IppEvePrinter::start(None) else { return };
    let dir = tempfile::tempdir().unwrap();
    let printer = printer_at(&ippeve.uri(), "ipp-everywhere", dir.path());
    assert_eq!(printer.status().unwrap(), PrinterStatus::Ready);
    ippeve.empty_the_trays();
    assert_eq!(printer.status().unwrap(), PrinterStatus::PaperEnd);
    let err = printer.print(&PrintJob::new(BadgeContent::sample(&key()))).unwrap_err();
    assert!(matches!(err, DeviceError::NotReady(PrinterStatus::PaperEnd)), "{err}");
    // The words the kiosk records and shows reception for this fault.
    assert_eq!(err.to_string(), "printer not ready: paper end");
    assert!(ippeve.documents().is_empty());
}

#[test]
fn trays_emptied_while_idle_raise_one_alarm() {
    let Some(ippeve) = IppEvePrinter::start(None) else { return };
    let dir = tempfile::tempdir().unwrap();
    let alarms = Collected::default();
    let settings = PrinterSettings {
        profile: "ipp-everywhere".into(),
        transport: Transport::Ipp(ippeve.uri()),
        status_poll_secs: 1,
        ..Default::default()
    };
    let printer = open_printer(&settings, dir.path(), alarms.sink()).unwrap();
    assert_eq!(printer.status().unwrap(), PrinterStatus::Ready);
    ippeve.empty_the_trays();
    let got = alarms.wait_for(1, Duration::from_secs(5));
    assert_eq!(got, ["printer cannot print: paper end"], "{}", ippeve.log());
    assert_eq!(alarms.all()[0].device, printer.describe());
    // Two more polls find the trays still empty and stay quiet.
    alarms.assert_exactly_after(Duration::from_millis(2300), &["printer cannot print: paper end"]);
    assert!(ippeve.documents().is_empty());
}

#[test]
fn a_printer_that_is_not_there_is_an_error_naming_its_uri() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("ipp://127.0.0.1:{port}/ipp/print");
    let err = printer_at(&uri, "ipp-everywhere", dir.path()).status().unwrap_err().to_string();
    assert!(err.contains(&uri) && err.contains("IPP request failed"), "{err}");
}
