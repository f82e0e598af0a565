//! The Rust side of the kiosk's Slint UI: thin adapters that wire the
//! callbacks of ui/adapters.slint to the kiosk use cases and convert
//! between UI values and domain types. No SQL and no device I/O here: slow
//! work runs on a worker thread and reports back to the event loop.

slint::include_modules!();

mod agreement_adapter;
pub mod app;
mod check_in_adapter;
mod check_out_adapter;
mod clock;
pub mod codes;
pub mod context;
mod details_check;
mod draft;
mod host_notice;
mod host_search;
pub mod idle;
mod invitation_adapter;
pub mod language;
pub mod options;
pub mod page;
pub mod preview;
mod reads;
mod scan_adapter;
pub mod screenshots;
mod staff_adapter;
pub mod staff_pin;
pub mod worker;

pub use app::{build_ui, KioskUi};
pub use options::UiOptions;
