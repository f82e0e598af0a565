//! Speed targets of badge printing (issue 3):
//! - bytes on the wire, native vs raster, and the transfer time they imply
//!   at 9600 and 115200 baud (printed as a table before the benchmarks);
//! - render time of the raster badge and of the preview (goal ≤ 15 ms),
//!   with a Latin name and with a CJK one drawn from a system font (issue 15);
//! - tap-to-last-byte with a pty printer at 115200 baud (goal ≤ 20 ms);
//!   a pty moves bytes at memory speed, so this excludes wire time;
//! - label printers (issue 20): bytes and build time per badge for Brother QL
//!   raster with and without PackBits, and ZPL (goal: Brother ≤ 15 ms).

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use foyer_devices::badge::{missing_glyphs, preload_system_fonts, render_preview, LabelStyle, Orientation};
use foyer_devices::brother::{self, BrotherProfile};
use foyer_devices::printer::PrinterModel;
use foyer_devices::printer::{encode_badge, paper, EscPosPrinter, JobOptions, Profile, SerialConfig, SerialLink};
use foyer_devices::zpl::{self, ZplProfile};
use foyer_devices::{log_alarms, BadgePrinter, PrintJob};
use foyer_domain::{BadgeContent, SiteKey};
use serialport::{SerialPort, TTYPort};

fn sample() -> BadgeContent {
    BadgeContent::sample(&SiteKey::from_bytes([1; 32]))
}

fn wire_table() {
    let badge = sample();
    println!("\nbytes on the wire for the sample badge (transfer time at 8N1):");
    println!(
        "{:<18} {:>8} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "profile", "native", "raster", "ratio", "nat 9600", "ras 9600", "nat 115k", "ras 115k"
    );
    for name in ["generic-80mm", "generic-58mm", "epson-tm-t88v", "epson-tm-t88iii"] {
        let p = Profile::load(name).expect("built-in profile");
        let native = encode_badge(&badge, &p, None, false).expect("native").bytes.len();
        let raster = encode_badge(&badge, &p, None, true).expect("raster").bytes.len();
        let at = |baud: u32, bytes: usize| SerialConfig { baud, ..p.serial }.wire_seconds(bytes);
        let (n96, r96, n115, r115) = (at(9600, native), at(9600, raster), at(115_200, native), at(115_200, raster));
        println!(
            "{name:<18} {native:>8} {raster:>8} {:>6.1}x {n96:>8.2}s {r96:>8.2}s {n115:>8.3}s {r115:>8.3}s",
            raster as f64 / native as f64
        );
    }
    println!();
}

fn render(c: &mut Criterion) {
    wire_table();
    let badge = sample();
    let profile = Profile::load("generic-80mm").expect("built-in profile");
    c.bench_function("raster badge job (layout, draw, pack, GS v 0), 576 dots", |b| {
        b.iter(|| encode_badge(&badge, &profile, None, true).expect("raster"))
    });
    // The font list is read once per process: outside the timing, as the
    // kiosk reads it at start-up.
    preload_system_fonts();
    let mut cjk = sample();
    cjk.visitor_name = "王小明".into();
    if !missing_glyphs(&cjk.visitor_name).is_empty() {
        println!("no system font draws {}: the CJK bench times .notdef boxes", cjk.visitor_name);
    }
    c.bench_function("raster badge job, CJK name, 576 dots", |b| {
        b.iter(|| encode_badge(&cjk, &profile, None, true).expect("raster"))
    });
    c.bench_function("preview image, 576 dots", |b| {
        b.iter(|| render_preview(&badge, paper(&profile), None).expect("preview"))
    });
    c.bench_function("native badge job", |b| b.iter(|| encode_badge(&badge, &profile, None, false).expect("native")));
}

fn label_profiles() -> (BrotherProfile, ZplProfile) {
    let PrinterModel::BrotherQl(b) = PrinterModel::load("brother-ql-820nwb").expect("built-in") else {
        panic!("brother-ql-820nwb is a Brother profile")
    };
    let PrinterModel::Zpl(z) = PrinterModel::load("zebra-zd421-203dpi").expect("built-in") else {
        panic!("zebra-zd421-203dpi is a ZPL profile")
    };
    (b, z)
}

fn labels(c: &mut Criterion) {
    let badge = sample();
    let (ql, zd) = label_profiles();
    let continuous =
        BrotherProfile { media: brother::MediaId::try_from("dk-22205".to_owned()).expect("media"), ..ql.clone() };
    let landscape =
        BrotherProfile { layout: LabelStyle { orientation: Orientation::Landscape, ..ql.layout }, ..ql.clone() };
    let red_band = BrotherProfile {
        media: brother::MediaId::try_from("dk-22251".to_owned()).expect("media"),
        layout: LabelStyle { colour_band: true, ..ql.layout },
        ..ql.clone()
    };
    let zd_graphic =
        ZplProfile { layout: LabelStyle { orientation: Orientation::Landscape, ..zd.layout }, ..zd.clone() };
    let brother_jobs = [
        ("Brother QL DK-11202, PackBits", &ql, true),
        ("Brother QL DK-11202, uncompressed", &ql, false),
        ("Brother QL DK-22205, PackBits", &continuous, true),
        ("Brother QL DK-11202 landscape", &landscape, true),
        ("Brother QL DK-22251 red band", &red_band, true),
    ];
    println!("\nbytes per badge, label printers:");
    for (what, p, compress) in brother_jobs {
        let n = brother::encode_badge(&badge, p, None, Some(compress)).expect("job").bytes.len();
        println!("{what:<36} {n:>8}");
    }
    for (what, p) in [("ZPL ZD421 4x3 in", &zd), ("ZPL ZD421 4x3 in landscape graphic", &zd_graphic)] {
        println!("{what:<36} {:>8}", zpl::encode_badge(&badge, p, None).expect("label").bytes.len());
    }
    let mut group = c.benchmark_group("label badge job");
    for (what, p, compress) in brother_jobs {
        group.bench_function(what, |b| b.iter(|| brother::encode_badge(&badge, p, None, Some(compress)).expect("job")));
    }
    group.bench_function("ZPL ZD421 4x3 in", |b| b.iter(|| zpl::encode_badge(&badge, &zd, None).expect("label")));
    group.bench_function("ZPL ZD421 4x3 in landscape graphic", |b| {
        b.iter(|| zpl::encode_badge(&badge, &zd_graphic, None).expect("label"))
    });
    group.finish();
}

/// Plays a ready printer on the pty master: answers status, reports the
/// instant the job's last byte (the cut) arrives.
fn played_printer(mut master: TTYPort, stop: Arc<AtomicBool>, done: mpsc::Sender<Instant>) {
    master.set_timeout(Duration::from_millis(5)).expect("pty timeout");
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !stop.load(Ordering::SeqCst) {
        if let Ok(n) = master.read(&mut chunk) {
            buf.extend_from_slice(&chunk[..n]);
        }
        while buf.len() >= 3 && buf[0] == 0x10 && buf[1] == 0x04 {
            buf.drain(..3);
            master.write_all(&[0x12]).expect("status reply");
        }
        if buf.ends_with(&[0x1D, 0x56, 0x42, 0x00]) {
            buf.clear();
            let _ = done.send(Instant::now());
        }
    }
}

fn tap_to_last_byte(c: &mut Criterion) {
    let (master, mut slave) = TTYPort::pair().expect("pty pair");
    slave.set_baud_rate(115_200).expect("baud");
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let device = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || played_printer(master, stop, tx))
    };
    let options = JobOptions { expiry: Duration::from_secs(120), force_raster: false, poll_interval: None };
    let profile = Profile::load("epson-tm-t20iii").expect("built-in profile");
    let printer =
        EscPosPrinter::new(Box::new(SerialLink::from_port(Box::new(slave))), profile, None, options, log_alarms());
    let badge = sample();
    c.bench_function("tap to last byte, native badge, pty at 115200", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let tap = Instant::now();
                printer.print(&PrintJob::new(badge.clone())).expect("print");
                let last = rx.recv_timeout(Duration::from_secs(5)).expect("the job's last byte");
                total += last - tap;
            }
            total
        })
    });
    stop.store(true, Ordering::SeqCst);
    let _ = device.join();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = render, labels, tap_to_last_byte
}
criterion_main!(benches);
