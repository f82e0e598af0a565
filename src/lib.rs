//! Foyer: a self-hosted visitor-management system: the lobby kiosk (front
//! office) and the back office. The architecture is in
//! `docs/architecture.md` in the repository; this package is the `foyer`
//! binary, thin on purpose: it parses settings, builds the object graph and
//! calls into the crates under `crates/` (`foyer_domain` holds the rules,
//! everything else is IO around it).

pub mod cli;
pub mod config;
pub mod doctor;
pub mod embedded;
pub mod embedded_hosts;
pub mod heap_arenas;
