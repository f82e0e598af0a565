//! The installer's commands for label printers: `foyer badge render`
//! writes the family's job, `foyer printer status` reads a Brother QL on a
//! pty (played as `/dev/usb/lp0`) and a Zebra on loopback TCP, and fails,
//! naming a refused connection once, when nothing answers.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::time::{Duration, Instant};

use foyer::cli::badge_cmd::{render, RenderArgs};
use foyer::cli::printer_cmd::{status_report, LineArgs, StatusArgs};
use foyer_devices::brother::inspect::{job_picture, parse};
use foyer_devices::brother::job::geometry;
use foyer_devices::brother::status::reply_bytes;
use foyer_devices::brother::Media;
use foyer_devices::printer::PrinterModel;
use foyer_domain::{BadgeClaims, SiteKey};
use serialport::{SerialPort, TTYPort};
use time::OffsetDateTime;

fn render_args(printer: &str, out: std::path::PathBuf) -> RenderArgs {
    RenderArgs {
        printer: printer.into(),
        name: "Grace Hopper".into(),
        company: Some("US Navy".into()),
        host: "Ada Lovelace".into(),
        visitor_type: "contractor".into(),
        raster: false,
        logo: None,
        out,
        preview: None,
    }
}

fn line(printer: &str, port: Option<String>, tcp: Option<String>) -> LineArgs {
    LineArgs { printer: printer.into(), port, tcp, ipp: None, baud: None, flow_control: None }
}

#[test]
fn badge_render_writes_a_brother_job_whose_qr_verifies_and_a_zpl_label() {
    let dir = tempfile::tempdir().unwrap();
    let key = SiteKey::from_bytes([3; 32]);
    let out = dir.path().join("badge.bin");
    let done = render(&render_args("brother-ql-820nwb", out.clone()), &key, "HQ", OffsetDateTime::now_utc()).unwrap();
    let job = std::fs::read(&out).unwrap();
    assert_eq!(job.len(), done.bytes);
    let PrinterModel::BrotherQl(p) = PrinterModel::load("brother-ql-820nwb").unwrap() else { panic!("family") };
    let ink = job_picture(&parse(&job).unwrap(), geometry(&p, p.media()));
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(696, ink.height() as usize, |x, y| {
        255 - ink.get_pixel(x as u32, y as u32).0[0]
    });
    let token = img.detect_grids()[0].decode().unwrap().1;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    assert_eq!(BadgeClaims::verify(&token, &key, now).unwrap().visit_id, done.badge.visit_id);

    let zpl = dir.path().join("badge.zpl");
    render(&render_args("zebra-zd421-203dpi", zpl.clone()), &key, "HQ", OffsetDateTime::now_utc()).unwrap();
    let text = std::fs::read_to_string(&zpl).unwrap();
    assert!(text.starts_with("^XA") && text.contains("^BQN,2,5") && text.trim_end().ends_with("^XZ"), "{text}");
}

#[test]
fn printer_status_reads_the_brother_reply_and_names_the_media() {
    let (mut master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    let player = std::thread::spawn(move || {
        master.set_timeout(Duration::from_millis(10)).unwrap();
        let (deadline, mut seen, mut chunk) = (Instant::now() + Duration::from_secs(10), Vec::new(), [0u8; 1024]);
        while Instant::now() < deadline && !seen.ends_with(&[0x1B, 0x69, 0x53]) {
            if let Ok(n) = master.read(&mut chunk) {
                seen.extend_from_slice(&chunk[..n]);
            }
        }
        master.write_all(&reply_bytes(Media::by_id("dk-22205"), 0, 0)).unwrap();
        std::thread::sleep(Duration::from_millis(200));
    });
    let report = status_report(&StatusArgs { line: line("brother-ql-820nwb", Some(path.clone()), None) }).unwrap();
    player.join().unwrap();
    assert!(report.contains("wrong labels loaded") && report.contains("DK-22205"), "{report}");
    assert!(report.contains("expects DK-11202"), "{report}");
}

#[test]
fn printer_status_reads_a_zebra_over_tcp() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = [0u8; 3];
        s.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"~HS");
        s.write_all(&foyer_devices::zpl::host_status::reply_bytes(true, false, false)).unwrap();
        std::thread::sleep(Duration::from_millis(200));
    });
    let report = status_report(&StatusArgs { line: line("zebra-zd421-203dpi", None, Some(addr)) }).unwrap();
    assert!(report.contains("paper end") && report.contains("paper out true"), "{report}");
}

fn foyer(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_foyer"))
        .args(args)
        .current_dir(dir.path())
        .env("FOYER_LOG", "warn")
        .env_remove("FOYER_CONFIG")
        .output()
        .unwrap()
}

#[test]
fn printer_status_exits_1_when_the_printer_does_not_answer() {
    let (_master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    for profile in ["generic-80mm", "brother-ql-820nwb"] {
        let out = foyer(&["printer", "status", "--printer", profile, "--port", &path]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{profile}: {stderr}");
        assert!(stderr.contains("no answer"), "{stderr}");
    }
}

#[test]
fn a_refused_connection_is_named_once() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = foyer(&["printer", "status", "--printer", "generic-80mm", "--tcp", &format!("127.0.0.1:{port}")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("refused").count(), 1, "{stderr}");
}
