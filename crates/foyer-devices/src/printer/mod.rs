//! Badge printers: profiles as data (ESC/POS, Brother QL, ZPL), the ESC/POS
//! native and raster encoders, status, transports (serial, USB, TCP, file)
//! and job rules.
//!
//! The kiosk calls [`open_printer`] with its [`PrinterSettings`] and gets a
//! `BadgePrinter`. Encoding is pure ([`encode_badge`] turns a badge into
//! the exact bytes), transports only move bytes ([`Link`]), so every
//! command is tested byte for byte and every transport can be played by a
//! test on the other end of a pty or a loopback socket.

pub mod any_job;
pub mod codepage;
pub mod commands;
pub mod encode;
pub mod escpos_buffer;
pub mod escpos_printer;
pub mod file_printer;
pub mod inspect;
pub mod kept_prints;
pub mod label_printer;
pub mod link;
pub mod model;
pub mod native_qr;
pub mod native_text;
pub mod open;
pub mod poller;
pub mod profile;
pub mod raster;
pub mod serial_config;
pub mod serial_link;
pub mod settings;
pub mod status;
pub mod status_watch;
pub mod tcp_link;
pub mod usb_link;

pub use any_job::{encode_for, job_extension, preview_for, preview_picture_for};
pub use codepage::CodePage;
pub use encode::{encode_badge, paper, EncodedJob};
pub use escpos_printer::{EscPosPrinter, JobOptions};
pub use file_printer::FilePrinter;
pub use label_printer::{LabelDriver, LabelPrinter};
pub use link::Link;
pub use model::{PrinterModel, BUILT_IN_LABELS};
pub use open::{label_link, open_printer, preview_setup};
pub use profile::{CutKind, Profile, QrSupport, StatusSupport};
pub use serial_config::{FlowControl, SerialConfig};
pub use serial_link::SerialLink;
pub use settings::{PrinterSettings, Transport};
pub use status_watch::StatusWatch;
pub use tcp_link::TcpLink;
pub use usb_link::UsbLink;
