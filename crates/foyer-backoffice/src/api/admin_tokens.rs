//! The admin JSON API for API tokens (`/api/v1/admin/api-tokens…`): the
//! same list, create and revoke as the console's users page.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::admin_kiosks::{with_secret, Done};
use crate::api::extract::{ApiPath, JsonBody};
use crate::auth::Principal;
use crate::db::api_tokens::{self, ApiTokenRow};
use crate::error::{AppError, ErrorBody};
use crate::service::tokens;
use crate::state::AppState;

/// The API token routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_tokens, create_token)).routes(routes!(revoke_token))
}

/// A token to create.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewApiToken {
    /// The user the token acts for, with their role.
    pub user_id: i64,
    /// What it is for: 1–80 printable characters.
    #[schema(schema_with = crate::schema_rules::token_label)]
    pub label: String,
}

/// A token just created, with its secret: returned this once, never again.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiTokenCreated {
    pub id: i64,
    pub user: String,
    pub label: String,
    /// `fyu_…`, for `Authorization: Bearer …`.
    pub token: String,
}

/// Every API token, newest first (never the tokens themselves).
#[utoipa::path(
    get,
    path = "/api/v1/admin/api-tokens",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "Every token, newest first", body = Vec<ApiTokenRow>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_tokens(State(state): State<AppState>) -> Result<Json<Vec<ApiTokenRow>>, AppError> {
    Ok(Json(state.db.call(|c| api_tokens::list(c)).await?))
}

/// Creates a token for a user; the secret is in this answer only.
#[utoipa::path(
    post,
    path = "/api/v1/admin/api-tokens",
    tag = "admin",
    security(("console" = [])),
    request_body = NewApiToken,
    responses(
        (status = 201, description = "Created", body = ApiTokenCreated),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No active user has that id", body = ErrorBody),
        (status = 422, description = "A bad label", body = ErrorBody),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(new): JsonBody<NewApiToken>,
) -> Result<Response, AppError> {
    let t = tokens::create(&state, &p, new.user_id, &new.label).await?;
    Ok(with_secret(
        StatusCode::CREATED,
        ApiTokenCreated { id: t.id, user: t.user, label: t.label, token: t.secret.expose().to_owned() },
    ))
}

/// Revokes a token at once.
#[utoipa::path(
    post,
    path = "/api/v1/admin/api-tokens/{id}/revoke",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The token's id")),
    responses(
        (status = 200, description = "Revoked", body = Done),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No live token has that id", body = ErrorBody),
        (status = 409, description = "The token this request is signed with", body = ErrorBody),
    )
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Done>, AppError> {
    Ok(Json(Done { message: tokens::revoke(&state, &p, id).await? }))
}
