//! The HTTP API: every route is registered through `utoipa_axum::routes!`,
//! which adds it to the router and to the OpenAPI document in one step, so
//! the document cannot list a route the router lacks or miss one it has.

mod admin_audit;
mod admin_directory;
mod admin_kiosks;
mod admin_reports;
mod admin_retention;
mod admin_tokens;
mod admin_users;
mod admin_visits;
mod commands;
mod desk;
mod doc_statuses;
mod events;
mod extract;
mod notifications;
mod ops;
mod sync;

use std::sync::OnceLock;

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::state::AppState;

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
        // `backoffice.metrics_token`, when one is configured.
        components.add_security_scheme("metrics_token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

pub(crate) fn kiosk_api() -> OpenApiRouter<AppState> {
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
pub(crate) fn desk_api() -> OpenApiRouter<AppState> {
    desk::routes()
}

/// The admin console's JSON routes (admins only).
pub(crate) fn admin_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(admin_kiosks::routes())
        .merge(admin_users::routes())
        .merge(admin_tokens::routes())
        .merge(admin_retention::routes())
        .merge(admin_audit::routes())
        .merge(admin_visits::routes())
        .merge(admin_reports::routes())
        .merge(admin_directory::routes())
}

/// The OpenAPI document of every route of [`router`].
pub fn openapi() -> &'static OpenApiDoc {
    static DOC: OnceLock<OpenApiDoc> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = kiosk_api().merge(desk_api()).merge(admin_api()).into_openapi();
        doc_statuses::add_input_statuses(&mut doc);
        doc
    })
}
