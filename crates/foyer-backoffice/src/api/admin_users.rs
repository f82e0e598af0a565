//! The admin JSON API for console users (`/api/v1/admin/users…`): the same
//! list, add, disable, password reset and login-delay clearing as the
//! console's users page.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::admin_kiosks::{with_secret, Done};
use crate::api::extract::{ApiPath, JsonBody, OptionalJsonBody};
use crate::auth::Principal;
use crate::db::users::{Role, User};
use crate::error::{AppError, ErrorBody};
use crate::service::users;
use crate::state::AppState;

/// The users routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, add_user))
        .routes(routes!(disable_user))
        .routes(routes!(set_password))
        .routes(routes!(clear_login_delay))
}

/// A user to add.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUser {
    /// 1–64 letters, digits, '-', '_', '.' or '@'.
    #[schema(pattern = r"^[\w.@-]{1,64}$")]
    pub name: String,
    pub role: Role,
    /// At least 10 characters; absent or empty: one is generated and returned.
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::new_password)]
    pub password: Option<String>,
}

/// A user just added.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserAdded {
    pub user: User,
    /// The generated password, in this answer only (absent when one was given).
    pub password: Option<String>,
}

/// A new password.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NewPassword {
    /// At least 10 characters; absent or empty: one is generated and returned.
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::new_password)]
    pub password: Option<String>,
}

/// A password was set.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PasswordSet {
    pub message: String,
    /// The generated password, in this answer only (absent when one was given).
    pub password: Option<String>,
}

/// Every console user, by name.
#[utoipa::path(
    get,
    path = "/api/v1/admin/users",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "Every user, by name", body = Vec<User>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_users(State(state): State<AppState>) -> Result<Json<Vec<User>>, AppError> {
    Ok(Json(users::list(&state).await?))
}

/// Adds a user, with the password given or a generated one (returned once).
#[utoipa::path(
    post,
    path = "/api/v1/admin/users",
    tag = "admin",
    security(("console" = [])),
    request_body = NewUser,
    responses(
        (status = 201, description = "Added", body = UserAdded),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 409, description = "The name is taken (in any case) or reserved", body = ErrorBody),
        (status = 422, description = "A bad name, an unknown role, a short password", body = ErrorBody),
    )
)]
pub async fn add_user(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(new): JsonBody<NewUser>,
) -> Result<Response, AppError> {
    let (user, password) = users::add(&state, &p, &new.name, new.role, new.password).await?;
    Ok(with_secret(StatusCode::CREATED, UserAdded { user, password: password.map(|p| p.expose().to_owned()) }))
}

/// Disables a user (not yourself): their sessions end and their API tokens
/// stop working at once.
#[utoipa::path(
    post,
    path = "/api/v1/admin/users/{id}/disable",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The user's id")),
    responses(
        (status = 200, description = "Disabled", body = Done),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No user has that id", body = ErrorBody),
        (status = 409, description = "Yourself, or a user already disabled", body = ErrorBody),
    )
)]
pub async fn disable_user(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Done>, AppError> {
    Ok(Json(Done { message: users::disable(&state, &p, id).await? }))
}

/// Sets a user's password (generated and returned once when none is
/// given); their sessions end.
#[utoipa::path(
    post,
    path = "/api/v1/admin/users/{id}/password",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The user's id")),
    request_body(content = Option<NewPassword>, description = "May be left out: a password is generated"),
    responses(
        (status = 200, description = "Set", body = PasswordSet),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No user has that id", body = ErrorBody),
        (status = 422, description = "A short password", body = ErrorBody),
    )
)]
pub async fn set_password(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
    OptionalJsonBody(new): OptionalJsonBody<NewPassword>,
) -> Result<Response, AppError> {
    let (name, password) = users::reset_password(&state, &p, id, new.password).await?;
    let message = format!("password of {name} changed; their sessions have ended");
    Ok(with_secret(StatusCode::OK, PasswordSet { message, password: password.map(|p| p.expose().to_owned()) }))
}

/// Clears a user's login delay after failed logins, so they can sign in at
/// once from anywhere (audited as `login.unlock`).
#[utoipa::path(
    post,
    path = "/api/v1/admin/users/{id}/unlock",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The user's id")),
    responses(
        (status = 200, description = "Cleared", body = Done),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No user has that id", body = ErrorBody),
    )
)]
pub async fn clear_login_delay(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Done>, AppError> {
    Ok(Json(Done { message: users::clear_login_delay(&state, &p, id).await? }))
}
