//! Brother QL label printers (QL-700, QL-800/810W/820NWB, QL-1100/1110NWB)
//! in raster mode: the commands, PackBits, the media table, the 32-byte
//! status reply, and the badge as one job. All pure; the printer itself is
//! a [`crate::printer::LabelPrinter`] with the [`BrotherQl`] driver.

pub mod commands;
pub mod driver;
pub mod inspect;
pub mod job;
pub mod media;
pub mod packbits;
pub mod profile;
pub mod raster;
pub mod status;

pub use commands::MediaKind;
pub use driver::{BrotherQl, BrotherQlPrinter};
pub use job::encode_badge;
pub use media::{Media, MediaId, MEDIA};
pub use profile::{BrotherProfile, BrotherStatusSupport};
pub use status::BrotherStatus;
