//! `foyer doctor` names the labels loaded: a Brother QL on a pty (played
//! as `/dev/usb/lp0`) answering with its roll, a Brother on TCP that cannot
//! say, and a real IPP printer (ippeveprinter) listing `media-ready`; a
//! roll other than the profile's is a warning naming both and the fix.

#[path = "../crates/foyer-devices/tests/support/ippeveprinter.rs"]
mod ippeveprinter;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use foyer::doctor::{check_media, Level};
use foyer_devices::brother::status::reply_bytes;
use foyer_devices::brother::Media;
use foyer_devices::printer::{PrinterSettings, Transport};
use ippeveprinter::IppEvePrinter;
use serialport::{SerialPort, TTYPort};

/// Plays a Brother QL with `roll` loaded for one status request.
fn brother_with(roll: &'static str) -> (PrinterSettings, std::thread::JoinHandle<()>) {
    let (mut master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    let player = std::thread::spawn(move || {
        let _keep = slave;
        master.set_timeout(Duration::from_millis(10)).unwrap();
        let (deadline, mut seen, mut chunk) = (Instant::now() + Duration::from_secs(10), Vec::new(), [0u8; 1024]);
        while Instant::now() < deadline && !seen.ends_with(&[0x1B, 0x69, 0x53]) {
            if let Ok(n) = master.read(&mut chunk) {
                seen.extend_from_slice(&chunk[..n]);
            }
        }
        master.write_all(&reply_bytes(Media::by_id(roll), 0, 0)).unwrap();
        std::thread::sleep(Duration::from_millis(200));
    });
    let settings = PrinterSettings {
        profile: "brother-ql-820nwb".into(),
        transport: Transport::Serial(path),
        ..Default::default()
    };
    (settings, player)
}

#[test]
fn a_brother_with_the_profiles_roll_is_ok_and_another_roll_is_a_warning_naming_both() {
    let (settings, player) = brother_with("dk-11202");
    let check = check_media(&settings).expect("a Brother on USB says its roll");
    player.join().unwrap();
    assert_eq!(check.level, Level::Ok, "{check}");
    assert!(check.detail.contains("DK-11202"), "{check}");

    let (settings, player) = brother_with("dk-22205");
    let check = check_media(&settings).unwrap();
    player.join().unwrap();
    assert_eq!(check.level, Level::Warn, "{check}");
    assert!(check.detail.contains("loaded: DK-22205") && check.detail.contains("expects DK-11202"), "{check}");
    assert!(check.hint.contains("load DK-11202"), "{check}");
}

#[test]
fn a_brother_on_tcp_cannot_say_and_the_doctor_says_so() {
    let settings = PrinterSettings {
        profile: "brother-ql-820nwb".into(),
        transport: Transport::Tcp("127.0.0.1:9".into()),
        ..Default::default()
    };
    let check = check_media(&settings).unwrap();
    assert_eq!(check.level, Level::Warn);
    assert!(check.detail.contains("no status over TCP 9100") && check.hint.contains("USB"), "{check}");
    // ESC/POS printers have no media to report.
    assert!(check_media(&PrinterSettings::default()).is_none());
}

const LABEL_PRINTER: &str = "\
ATTR keyword media-supported oe_4x3-label_4x3in,na_index-4x6_4x6in
ATTR keyword media-ready oe_4x3-label_4x3in
ATTR keyword media-default oe_4x3-label_4x3in
ATTR mimeMediaType document-format-supported image/pwg-raster,image/png
";

#[test]
fn an_ipp_printer_reports_its_labels_against_the_badges_media() {
    let Some(ippeve) = IppEvePrinter::start(Some(LABEL_PRINTER)) else { return };
    let settings = PrinterSettings {
        profile: "ipp-everywhere".into(),
        transport: Transport::Ipp(ippeve.uri()),
        ..Default::default()
    };
    let check = check_media(&settings).expect("an IPP printer lists media-ready");
    assert_eq!(check.level, Level::Ok, "{check}\n{}", ippeve.log());
    assert!(check.detail.contains("loaded: oe_4x3-label_4x3in"), "{check}");

    let wide = PrinterSettings { media: Some("na_index-4x6_4x6in".into()), ..settings };
    let check = check_media(&wide).unwrap();
    assert_eq!(check.level, Level::Warn, "{check}");
    assert!(check.detail.contains("laid out on na_index-4x6_4x6in") && check.hint.contains("printer.media"), "{check}");
}
