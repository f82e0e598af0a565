//! Operations: health, Prometheus metrics, the OpenAPI document.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;

use crate::db::{self, commands, notifications};
use crate::error::AppError;
use crate::metrics::Gauges;
use crate::state::AppState;

/// Healthy when the database answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "ops",
    responses((status = 200, description = "The service and its database work", body = String),
              (status = 500, description = "The database does not answer"))
)]
pub async fn healthz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    state.db.call(|c| db::ping(c)).await?;
    Ok("ok")
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "ops",
    responses((status = 200, description = "Metrics in the Prometheus text format", body = String))
)]
pub async fn metrics(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let (notification_queue, open_commands) =
        state.db.call(|c| Ok((notifications::queue_length(c)?, commands::open_count(c)?))).await?;
    let text = state.metrics.render(&Gauges { notification_queue, open_commands });
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text))
}

/// This API's OpenAPI document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "ops",
    responses((status = 200, description = "The OpenAPI 3.1 document (JSON)"))
)]
pub async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(super::openapi())
}
