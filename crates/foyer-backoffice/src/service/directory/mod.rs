//! The directory kiosks sync: hosts (with CSV import), the watchlist, the
//! visitor agreement and the visitor types. Each operation validates
//! everything first, then changes and audits, naming the user.

pub mod agreements;
pub mod host_input;
pub mod hosts;
pub mod import;
pub mod visitor_types;
pub mod watchlist;
