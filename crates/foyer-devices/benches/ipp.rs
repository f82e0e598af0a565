//! IPP Everywhere speed: bytes and build time of one badge as PWG raster
//! and as PNG (4×3 in at 300 and 600 dpi), and a whole job on a real
//! ippeveprinter, from `print` (attributes, document, Print-Job) to the
//! printer saying `completed`. The target for the latter: 500 ms.

#[path = "../tests/support/ippeveprinter.rs"]
mod ippeveprinter;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use foyer_devices::ipp_everywhere::{encode, offline_plan, DocumentFormat, IppPrinter, IppProfile};
use foyer_devices::printer::{PrinterModel, PrinterSettings};
use foyer_devices::{BadgePrinter, PrintJob};
use foyer_domain::{BadgeContent, SiteKey};

const LABELS: &str = "\
ATTR keyword media-supported oe_4x3-label_4x3in
ATTR keyword media-ready oe_4x3-label_4x3in
ATTR mimeMediaType document-format-supported image/pwg-raster,image/png
ATTR resolution printer-resolution-supported 300dpi
ATTR resolution printer-resolution-default 300dpi
ATTR resolution pwg-raster-document-resolution-supported 300dpi
";

fn profile() -> IppProfile {
    match PrinterModel::load("ipp-everywhere").unwrap() {
        PrinterModel::IppEverywhere(p) => p,
        other => panic!("{other:?}"),
    }
}

fn documents(c: &mut Criterion) {
    let badge = BadgeContent::sample(&SiteKey::from_bytes([1; 32]));
    let mut group = c.benchmark_group("ipp document");
    for (format, name) in [(DocumentFormat::PwgRaster, "pwg"), (DocumentFormat::Png, "png")] {
        for dpi in [300, 600] {
            let p = IppProfile { document_format: format, ..profile() };
            let plan = offline_plan(&p, &p.media, dpi);
            let bytes = encode(&badge, &p, &plan, None).unwrap().bytes.len();
            println!("ipp {name} 4x3in {dpi} dpi: {bytes} bytes");
            group.bench_function(format!("{name} {dpi} dpi"), |b| b.iter(|| encode(&badge, &p, &plan, None).unwrap()));
        }
    }
    group.finish();
}

fn job_complete(c: &mut Criterion) {
    let Some(ippeve) = ippeveprinter::IppEvePrinter::start(Some(LABELS)) else { return };
    let printer =
        IppPrinter::new(&ippeve.uri(), profile(), None, None, PrinterSettings::default().job_options()).unwrap();
    let badge = BadgeContent::sample(&SiteKey::from_bytes([1; 32]));
    c.bench_function("ipp job complete on ippeveprinter (pwg 300 dpi)", |b| {
        b.iter(|| printer.print(&PrintJob::new(badge.clone())).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = documents, job_complete
}
criterion_main!(benches);
