//! The back office's use cases: what the console's pages and the JSON API
//! both do. Each function validates its input, does its work through the
//! store (`db`) and audits it, and returns plain data; rendering a page or
//! a JSON body is left to its caller, so a page and its API route cannot
//! drift apart.

pub mod audit;
pub mod desk_actions;
pub mod desk_lists;
pub mod directory;
pub mod event_shape;
pub mod invitations;
pub mod kiosks;
pub mod login;
pub mod reports;
pub mod retention;
pub mod tokens;
pub mod users;
pub mod visits_export;

/// The site's date for "expected today": UTC, the zone the back office
/// keeps every time in.
pub fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}
