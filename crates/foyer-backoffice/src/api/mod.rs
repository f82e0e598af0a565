//! The HTTP API: every route is registered through `utoipa_axum::routes!`,
//! which adds it to the router and to the OpenAPI document in one step, so
//! the document cannot list a route the router lacks or miss one it has.

mod admin_audit;
mod admin_directory;
mod admin_kiosks;
mod admin_retention;
mod admin_tokens;
mod admin_users;
mod admin_visits;
mod commands;
mod desk;
mod events;
mod notifications;
mod ops;
mod sync;

use std::sync::OnceLock;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error::AppError;
use super::state::AppState;

/// The largest request body accepted (an event batch of a few hundred).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The most events one batch may carry.
pub const MAX_BATCH_EVENTS: usize = 1000;

#[derive(OpenApi)]
#[openapi(
    info(title = "Foyer back office", description = "Kiosk API, directory sync, desk commands and notifications."),
    modifiers(&KioskToken),
    tags((name = "kiosk", description = "Used by lobby kiosks, with their bearer token"),
         (name = "desk", description = "The receptionist desk: any console user, by session (with the X-CSRF-Token header on changes) or API token"),
         (name = "admin", description = "The admin console: admins only, by session or API token"),
         (name = "ops", description = "Health, metrics and this document"))
)]
struct ApiDoc;

/// Declares the `kiosk_token` bearer scheme the kiosk routes name.
struct KioskToken;

impl Modify for KioskToken {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("kiosk_token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        // A console API token (`fyu_…`, made by an admin) or the session cookie.
        components.add_security_scheme("console", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(events::post_events))
        .routes(routes!(sync::get_sync))
        .routes(routes!(commands::poll_commands))
        .routes(routes!(commands::ack_command))
        .routes(routes!(notifications::list_notifications))
        .routes(routes!(ops::healthz))
        .routes(routes!(ops::metrics))
        .routes(routes!(ops::openapi_json))
}

/// The desk's JSON routes (any console user).
fn desk_api() -> OpenApiRouter<AppState> {
    desk::routes()
}

/// The admin console's JSON routes (admins only).
fn admin_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(admin_kiosks::routes())
        .merge(admin_users::routes())
        .merge(admin_tokens::routes())
        .merge(admin_retention::routes())
        .merge(admin_audit::routes())
        .merge(admin_visits::routes())
        .routes(utoipa_axum::routes!(super::console::admin_reports::get_report))
        .merge(admin_directory::routes())
}

/// The OpenAPI document of every route of [`router`].
pub fn openapi() -> &'static OpenApiDoc {
    static DOC: OnceLock<OpenApiDoc> = OnceLock::new();
    DOC.get_or_init(|| api().merge(desk_api()).merge(admin_api()).into_openapi())
}

/// The whole HTTP service, testable without a socket. The desk and admin
/// groups are each wrapped in the console guard of their role.
pub fn router(state: AppState) -> Router {
    use super::console::{gate, guard::guard};
    use super::db::users::Role;
    use axum::middleware::from_fn_with_state;
    let desk = desk_api().layer(from_fn_with_state(gate(&state, Role::Receptionist), guard));
    let admin = admin_api().layer(from_fn_with_state(gate(&state, Role::Admin), guard));
    let (router, _) = api().merge(desk).merge(admin).split_for_parts();
    router
        .merge(super::console::pages(&state))
        .fallback(|| async { AppError::NotFound("no such route".into()) })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
