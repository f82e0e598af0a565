//! IPP Everywhere printers (and so every CUPS queue): the printer's
//! attributes read with Get-Printer-Attributes, the badge sent with
//! Print-Job as PWG raster or PNG at the printer's resolution on the
//! profile's media, the job followed to its end, and
//! `printer-state-reasons` mapped onto the kiosk's printer status.
//! Encoding and mapping are pure; [`IppEndpoint`] is the thin transport.

pub mod capabilities;
pub mod client;
pub mod document;
pub mod media;
pub mod printer;
pub mod profile;
pub mod pwg_raster;
pub mod reasons;

pub use capabilities::{Capabilities, PrinterState};
pub use client::IppEndpoint;
pub use document::{encode, label_area, offline_plan, plan, Document, DocumentPlan};
pub use media::MediaSize;
pub use printer::IppPrinter;
pub use profile::{DocumentFormat, IppProfile};
pub use reasons::printer_status;
