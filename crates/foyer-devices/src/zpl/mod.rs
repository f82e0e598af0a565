//! Zebra ZPL II label printers (ZD421, GK420d and similar, 203 and 300
//! dpi): the label as ZPL text with the printer's own QR code (the logo,
//! and layouts beyond the printer's fields, as `^GFA` graphics), visitor
//! text escaped so it can never be a command, and `~HS` host status. The
//! printer is a [`crate::printer::LabelPrinter`] with the [`Zpl`] driver.

pub mod driver;
pub mod escape;
pub mod graphic;
pub mod host_status;
pub mod job;
pub mod profile;

pub use driver::{Zpl, ZplPrinter};
pub use host_status::HostStatus;
pub use job::encode_badge;
pub use profile::{ZplProfile, ZplStatusSupport};
