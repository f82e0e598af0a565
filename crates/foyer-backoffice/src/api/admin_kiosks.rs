//! The admin JSON API for kiosks (`/api/v1/admin/kiosks…`): the same list,
//! add and revoke as the console's kiosks page, for scripts.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::{ApiPath, JsonBody};
use crate::auth::Principal;
use crate::db::kiosk_status::KioskStatus;
use crate::error::{AppError, ErrorBody};
use crate::service::kiosks::{self, instructions, kiosk_settings};
use crate::state::AppState;

/// The kiosks routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_kiosks, add_kiosk)).routes(routes!(revoke_kiosk))
}

/// What a state change did, in one line.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Done {
    pub message: String,
}

/// An answer carrying a secret: no cache may keep it.
pub(super) fn with_secret(status: StatusCode, body: impl Serialize) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// A kiosk to add.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewKiosk {
    /// 1–64 letters, digits, '-', '_' or '.'.
    #[schema(pattern = "^[A-Za-z0-9._-]{1,64}$")]
    pub name: String,
}

/// A kiosk just added, with its token: returned this once, never again.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct KioskAdded {
    pub name: String,
    /// The bearer token (`fyk_…`) for the kiosk's `[backoffice] token`.
    pub token: String,
    /// The kiosk's settings to paste.
    pub settings: String,
    pub instructions: Vec<String>,
}

/// Every kiosk with its token state, last contact, outbox lag and printer.
#[utoipa::path(
    get,
    path = "/api/v1/admin/kiosks",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "Every kiosk, by name", body = Vec<KioskStatus>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_kiosks(State(state): State<AppState>) -> Result<Json<Vec<KioskStatus>>, AppError> {
    Ok(Json(kiosks::statuses(&state).await?))
}

/// Adds a kiosk (or gives a revoked one a new token) and returns its token once.
#[utoipa::path(
    post,
    path = "/api/v1/admin/kiosks",
    tag = "admin",
    security(("console" = [])),
    request_body = NewKiosk,
    responses(
        (status = 201, description = "Added; the token is in this answer only", body = KioskAdded),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 409, description = "A kiosk of that name already has a token", body = ErrorBody),
        (status = 422, description = "A bad name", body = ErrorBody),
    )
)]
pub async fn add_kiosk(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(new): JsonBody<NewKiosk>,
) -> Result<Response, AppError> {
    let name = new.name.trim().to_owned();
    let token = kiosks::add(&state, &p, &name).await?;
    Ok(with_secret(
        StatusCode::CREATED,
        KioskAdded {
            settings: kiosk_settings(&state, &token),
            instructions: instructions(&name),
            token: token.expose().to_owned(),
            name,
        },
    ))
}

/// Revokes a kiosk's token at once: its next request is refused.
#[utoipa::path(
    post,
    path = "/api/v1/admin/kiosks/{name}/revoke",
    tag = "admin",
    security(("console" = [])),
    params(("name" = String, Path, description = "The kiosk's name")),
    responses(
        (status = 200, description = "Revoked", body = Done),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No active kiosk has that name", body = ErrorBody),
    )
)]
pub async fn revoke_kiosk(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(name): ApiPath<String>,
) -> Result<Json<Done>, AppError> {
    Ok(Json(Done { message: kiosks::revoke(&state, &p, &name).await? }))
}
