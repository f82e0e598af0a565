//! The whole HTTP service: the JSON API ([`crate::api`]) and the console's
//! pages ([`crate::console`]) side by side on one router. Neither of them
//! knows the other; this is the one place that puts them together, each
//! desk and admin group behind the guard of its role.

use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;

use crate::api::{admin_api, desk_api, kiosk_api};
use crate::auth::{gate, guard};
use crate::db::users::Role;
use crate::error::AppError;
use crate::limits::MAX_BODY_BYTES;
use crate::state::AppState;

/// The whole HTTP service, testable without a socket. The desk and admin
/// groups are each wrapped in the console guard of their role.
pub fn router(state: AppState) -> Router {
    let desk = desk_api().layer(from_fn_with_state(gate(&state, Role::Receptionist), guard));
    let admin = admin_api().layer(from_fn_with_state(gate(&state, Role::Admin), guard));
    let (router, _) = kiosk_api().merge(desk).merge(admin).split_for_parts();
    router
        .merge(crate::console::pages(&state))
        .fallback(|| async { AppError::NotFound("no such route".into()) })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Outermost, so guard refusals and the fallback get the headers too.
        .layer(from_fn(crate::security_headers::security_headers))
        .with_state(state)
}
