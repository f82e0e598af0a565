//! The watchlist, agreement and visitor types of the directory's JSON API.

use axum::extract::State;
use axum::{Extension, Json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::{ApiPath, JsonBody};
use crate::auth::Principal;
use crate::error::{AppError, ErrorBody};
use crate::service::directory::agreements::{self as agreement_ops, AgreementInput, Agreements, Published};
use crate::service::directory::visitor_types::{self, VisitorTypeView};
use crate::service::directory::watchlist::{self as watchlist_ops, WatchInput, WatchSaved, WatchView};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_watchlist, add_watch))
        .routes(routes!(update_watch))
        .routes(routes!(remove_watch))
        .routes(routes!(list_agreements, publish_agreement))
        .routes(routes!(list_visitor_types))
}

/// The watchlist entries in force, by name.
#[utoipa::path(
    get,
    path = "/api/v1/admin/watchlist",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "The entries in force", body = Vec<WatchView>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_watchlist(State(state): State<AppState>) -> Result<Json<Vec<WatchView>>, AppError> {
    Ok(Json(watchlist_ops::list(&state).await?))
}

/// Adds a watchlist entry; kiosks screen for it after their next sync.
#[utoipa::path(
    post,
    path = "/api/v1/admin/watchlist",
    tag = "admin",
    security(("console" = [])),
    request_body = WatchInput,
    responses(
        (status = 200, description = "Added", body = WatchSaved),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 422, description = "The name or reason is wrong (named)", body = ErrorBody),
    )
)]
pub async fn add_watch(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(input): JsonBody<WatchInput>,
) -> Result<Json<WatchSaved>, AppError> {
    Ok(Json(watchlist_ops::add(&state, &p, input).await?))
}

/// Replaces an entry's name and reason.
#[utoipa::path(
    post,
    path = "/api/v1/admin/watchlist/{id}",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The entry's id")),
    request_body = WatchInput,
    responses(
        (status = 200, description = "Saved", body = WatchSaved),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No entry has the id", body = ErrorBody),
        (status = 409, description = "The entry was removed", body = ErrorBody),
        (status = 422, description = "A field is wrong (named)", body = ErrorBody),
    )
)]
pub async fn update_watch(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
    JsonBody(input): JsonBody<WatchInput>,
) -> Result<Json<WatchSaved>, AppError> {
    Ok(Json(watchlist_ops::update(&state, &p, id, input).await?))
}

/// Removes an entry; kiosks stop screening for it after their next sync.
#[utoipa::path(
    post,
    path = "/api/v1/admin/watchlist/{id}/delete",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The entry's id")),
    responses(
        (status = 200, description = "Removed (the entry as it was)", body = WatchSaved),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No entry in force has the id", body = ErrorBody),
    )
)]
pub async fn remove_watch(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WatchSaved>, AppError> {
    Ok(Json(watchlist_ops::remove(&state, &p, id).await?))
}

/// The current agreement of the site's default language and of each kiosk
/// language, and every version, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/admin/agreements",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "The current version and the history", body = Agreements),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_agreements(State(state): State<AppState>) -> Result<Json<Agreements>, AppError> {
    Ok(Json(agreement_ops::all(&state).await?))
}

/// Publishes a new version in a kiosk language, or the site's default
/// language when none is given; kiosks show it after their next sync.
#[utoipa::path(
    post,
    path = "/api/v1/admin/agreements",
    tag = "admin",
    security(("console" = [])),
    request_body = AgreementInput,
    responses(
        (status = 200, description = "Published", body = Published),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 409, description = "The text is unchanged from its language's current version, or a language is given before the site's default version exists", body = ErrorBody),
        (status = 422, description = "The text is empty, too long or holds a hidden character, or the language is not en, de, es or fr", body = ErrorBody),
    )
)]
pub async fn publish_agreement(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(input): JsonBody<AgreementInput>,
) -> Result<Json<Published>, AppError> {
    Ok(Json(agreement_ops::publish(&state, &p, input).await?))
}

/// The visitor types and the rules built into the kiosk.
#[utoipa::path(
    get,
    path = "/api/v1/admin/visitor-types",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "Every type, in the kiosk's order", body = Vec<VisitorTypeView>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_visitor_types() -> Json<Vec<VisitorTypeView>> {
    Json(visitor_types::all())
}
