//! The directory's JSON API (`/api/v1/admin/…`, admins only): hosts (with
//! CSV import) here, the watchlist, agreement and visitor types in
//! [`lists`]. Every handler calls the same operation as the console's page.

mod lists;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::{ApiPath, ApiQuery, JsonBody};
use crate::auth::Principal;
use crate::error::{AppError, ErrorBody};
use crate::service::directory::host_input::HostInput;
use crate::service::directory::hosts::{self as host_ops, HostPage, HostQuery, HostRow, HostSaved};
use crate::service::directory::import::{self, ImportOutcome};
use crate::state::AppState;

/// The directory's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_hosts, add_host))
        .routes(routes!(get_host, update_host))
        .routes(routes!(deactivate_host))
        .routes(routes!(reactivate_host))
        .routes(routes!(import_hosts))
        .merge(lists::routes())
}

/// Which hosts to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HostsParams {
    /// Part of a name (ignoring case and accents), an email or a department.
    #[param(nullable = false)]
    q: Option<String>,
    /// The `next_after_id` of the previous page.
    #[param(nullable = false)]
    after_id: Option<i64>,
    /// At most this many hosts (1–200, default 50).
    #[param(minimum = 1, maximum = 200, nullable = false)]
    limit: Option<u32>,
    /// List deactivated hosts too (default true).
    #[param(nullable = false)]
    include_inactive: Option<bool>,
}

/// Hosts by id, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/admin/hosts",
    tag = "admin",
    security(("console" = [])),
    params(HostsParams),
    responses(
        (status = 200, description = "A page of hosts", body = HostPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn list_hosts(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<HostsParams>,
) -> Result<Json<HostPage>, AppError> {
    let query = HostQuery {
        search: p.q,
        after_id: p.after_id,
        limit: match p.limit.unwrap_or(50) {
            n @ 1..=crate::db::hosts_admin::MAX_PAGE => n,
            n => return Err(AppError::BadParameter(format!("query: limit: {n} is not from 1 to 200"))),
        },
        include_inactive: p.include_inactive.unwrap_or(true),
    };
    Ok(Json(host_ops::list(&state, query).await?))
}

/// Adds a host; `notify` is optional (by default a host with an email is told by email).
#[utoipa::path(
    post,
    path = "/api/v1/admin/hosts",
    tag = "admin",
    security(("console" = [])),
    request_body = HostInput,
    responses(
        (status = 200, description = "Added", body = HostSaved),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 409, description = "The email is another host's", body = ErrorBody),
        (status = 422, description = "A field is wrong (named)", body = ErrorBody),
    )
)]
pub async fn add_host(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(input): JsonBody<HostInput>,
) -> Result<Json<HostSaved>, AppError> {
    Ok(Json(host_ops::add(&state, &p, input).await?))
}

/// One host, active or not.
#[utoipa::path(
    get,
    path = "/api/v1/admin/hosts/{id}",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The host's id")),
    responses(
        (status = 200, description = "The host", body = HostRow),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such host", body = ErrorBody),
    )
)]
pub async fn get_host(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<HostRow>, AppError> {
    Ok(Json(host_ops::get(&state, id).await?))
}

/// Replaces a host's name, email, phone and department, and its
/// notification preferences when `notify` is given.
#[utoipa::path(
    post,
    path = "/api/v1/admin/hosts/{id}",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The host's id")),
    request_body = HostInput,
    responses(
        (status = 200, description = "Saved (or nothing changed)", body = HostSaved),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No host has the id", body = ErrorBody),
        (status = 409, description = "The email is another host's", body = ErrorBody),
        (status = 422, description = "A field is wrong (named)", body = ErrorBody),
    )
)]
pub async fn update_host(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
    JsonBody(input): JsonBody<HostInput>,
) -> Result<Json<HostSaved>, AppError> {
    Ok(Json(host_ops::update(&state, &p, id, input).await?))
}

/// Takes a host out of the kiosks' directory (the visit history stays).
#[utoipa::path(
    post,
    path = "/api/v1/admin/hosts/{id}/deactivate",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The host's id")),
    responses(
        (status = 200, description = "Inactive", body = HostSaved),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No host has the id", body = ErrorBody),
    )
)]
pub async fn deactivate_host(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<HostSaved>, AppError> {
    Ok(Json(host_ops::set_active(&state, &p, id, false).await?))
}

/// Puts a deactivated host back in the kiosks' directory.
#[utoipa::path(
    post,
    path = "/api/v1/admin/hosts/{id}/reactivate",
    tag = "admin",
    security(("console" = [])),
    params(("id" = i64, Path, description = "The host's id")),
    responses(
        (status = 200, description = "Active", body = HostSaved),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 404, description = "No host has the id", body = ErrorBody),
    )
)]
pub async fn reactivate_host(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<HostSaved>, AppError> {
    Ok(Json(host_ops::set_active(&state, &p, id, true).await?))
}

/// Imports hosts from CSV (`name,email,phone,department` with that header):
/// all rows or none; a bad row names its line.
#[utoipa::path(
    post,
    path = "/api/v1/admin/hosts/import",
    tag = "admin",
    security(("console" = [])),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, description = "Imported", body = ImportOutcome),
        (status = 400, description = "Not UTF-8 text", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 415, description = "Not sent as text/csv", body = ErrorBody),
        (status = 422, description = "A row is wrong (its line is named); nothing was imported", body = ErrorBody),
    )
)]
pub async fn import_hosts(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/csv"));
    if !csv {
        let error = ErrorBody::new("send the file with Content-Type: text/csv");
        return Ok((StatusCode::UNSUPPORTED_MEDIA_TYPE, Json(error)).into_response());
    }
    let text =
        String::from_utf8(body?.to_vec()).map_err(|_| AppError::Malformed("the CSV is not UTF-8 text".into()))?;
    Ok(Json(import::import(&state, &p, text).await?).into_response())
}
