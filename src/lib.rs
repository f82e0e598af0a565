//! Foyer: a self-hosted visitor-management system: the lobby kiosk (front
//! office) and the back office. See DESIGN.md in the repository for the
//! architecture; `domain` holds the rules, everything else is IO around it.

pub mod backoffice;
pub mod badge;
pub mod cli;
pub mod config;
pub mod devices;
pub mod doctor;
pub mod domain;
pub mod kiosk;
pub mod store;
pub mod ui;
