//! The default, simulated printer: job and preview files in the data dir.

use std::time::{Duration, Instant};

use foyer::cli::printer_cmd::{print_test, LineArgs, TestArgs};
use foyer_devices::printer::inspect::{parse, raster_pictures, Op};
use foyer_devices::printer::{encode_badge, open_printer, PrinterSettings, Profile};
use foyer_devices::{log_alarms, DeviceError, PrintEncoding, PrintJob};
use foyer_domain::{BadgeContent, SiteKey};
use image::{GrayImage, Luma};

fn badge() -> BadgeContent {
    BadgeContent::sample(&SiteKey::from_bytes([3; 32]))
}

#[test]
fn the_default_printer_writes_the_exact_job_and_a_png_preview() {
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&PrinterSettings::default(), dir.path(), log_alarms()).unwrap();
    assert!(printer.describe().starts_with("simulated Generic 80 mm"));
    let report = printer.print(&PrintJob::new(badge())).unwrap();
    let prints = dir.path().join("prints");
    let bin = std::fs::read(prints.join(format!("{}.bin", badge().visit_id))).unwrap();
    let expected = encode_badge(&badge(), &Profile::load("generic-80mm").unwrap(), None, false).unwrap();
    assert_eq!(bin, expected.bytes);
    assert_eq!(report.bytes_sent, bin.len());
    let png = image::open(prints.join(format!("{}.png", badge().visit_id))).unwrap();
    assert_eq!(png.width(), 576);
}

#[test]
fn an_expired_job_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let printer = open_printer(&PrinterSettings::default(), dir.path(), log_alarms()).unwrap();
    let mut job = PrintJob::new(badge());
    job.queued_at = Instant::now() - Duration::from_secs(200);
    let err = printer.print(&job).unwrap_err();
    assert!(matches!(err, DeviceError::JobExpired { expiry_secs: 120, .. }), "{err}");
    assert!(!dir.path().join("prints").exists());
}

#[test]
fn a_logo_is_printed_as_a_dithered_raster_above_native_text() {
    let dir = tempfile::tempdir().unwrap();
    let logo_path = dir.path().join("logo.png");
    // A horizontal grey ramp: dithering must leave a mix of dots, not blocks.
    GrayImage::from_fn(256, 40, |x, _| Luma([x as u8])).save(&logo_path).unwrap();
    let settings = PrinterSettings { logo: Some(logo_path), ..PrinterSettings::default() };
    let printer = open_printer(&settings, dir.path(), log_alarms()).unwrap();
    let report = printer.print(&PrintJob::new(badge())).unwrap();
    assert_eq!(report.encoding, PrintEncoding::Native, "text and QR stay native");
    let bin = std::fs::read(dir.path().join("prints").join(format!("{}.bin", badge().visit_id))).unwrap();
    let ops = parse(&bin).unwrap();
    let first_text = ops.iter().position(|op| matches!(op, Op::Text(_))).unwrap();
    let first_raster = ops.iter().position(|op| matches!(op, Op::Raster { .. })).unwrap();
    assert!(first_raster < first_text, "the logo comes first");
    let logo = &raster_pictures(&ops)[0];
    // The middle of the ramp is about half dots.
    let mid: Vec<u8> = (0..logo.height()).map(|y| logo.get_pixel(logo.width() / 2, y).0[0]).collect();
    let black = mid.iter().filter(|v| **v == 0).count();
    assert!(black > 0 && black < mid.len(), "{black} of {}", mid.len());
}

#[test]
fn printer_test_without_a_line_prints_a_verifiable_badge_to_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let args = TestArgs {
        line: LineArgs {
            printer: "generic-58mm".into(),
            port: None,
            tcp: None,
            ipp: None,
            baud: None,
            flow_control: None,
        },
        raster: true,
    };
    let message = print_test(&args, &SiteKey::from_bytes([3; 32]), "Foyer HQ", dir.path()).unwrap();
    assert!(message.contains("Raster"), "{message}");
    let files: Vec<_> = std::fs::read_dir(dir.path().join("prints")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 2, "{files:?}");
}

#[test]
fn the_simulated_printer_keeps_only_the_newest_badges() {
    let dir = tempfile::tempdir().unwrap();
    let settings = PrinterSettings { keep_prints: 3, ..PrinterSettings::default() };
    let printer = open_printer(&settings, dir.path(), log_alarms()).unwrap();
    let mut visits = Vec::new();
    for n in 0..5u128 {
        let mut b = badge();
        b.visit_id = uuid::Uuid::from_u128(n + 1);
        printer.print(&PrintJob::new(b.clone())).unwrap();
        visits.push(b.visit_id);
        // Distinct write times on file systems with coarse timestamps.
        std::thread::sleep(Duration::from_millis(20));
    }
    let prints = dir.path().join("prints");
    let kept: Vec<bool> = visits.iter().map(|v| prints.join(format!("{v}.png")).exists()).collect();
    assert_eq!(kept, [false, false, true, true, true]);
    assert_eq!(std::fs::read_dir(&prints).unwrap().count(), 6, "a job and a preview per kept badge");
}

#[test]
fn keep_prints_of_zero_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let settings = PrinterSettings { keep_prints: 0, ..PrinterSettings::default() };
    let err = open_printer(&settings, dir.path(), log_alarms()).err().expect("refused");
    assert!(err.to_string().contains("[printer] keep_prints = 0"), "{err}");
}
