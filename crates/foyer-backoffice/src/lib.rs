//! The back office: receives every kiosk's events, keeps the central visit
//! log, notifies hosts (email, chat webhooks, reception fallback), serves
//! the directory to kiosks and queues desk commands for them.
//!
//! `foyer_wire` is the contract with the kiosk side (`foyer_kiosk::link`).
//! [`cli`] holds the back office's commands, which the `foyer-backoffice`
//! binary and the all-in-one `foyer` binary share.

pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod console;
pub mod db;
pub mod error;
pub mod http;
pub mod limits;
pub mod metrics;
pub mod notify;
pub mod passwords;
pub mod retention_job;
pub mod schema_rules;
pub mod security_headers;
pub mod server;
pub mod service;
pub mod settings;
pub mod state;
pub mod svg_chart;

pub use api::openapi;
pub use app::router;
pub use server::{serve, serve_state, start_in_process};
pub use settings::BackofficeSettings;
pub use state::AppState;
