//! Operations: health, Prometheus metrics, the OpenAPI document.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::auth::bearer;
use crate::auth::client_addr::{Client, Peer};
use crate::db::{self, commands, notifications};
use crate::error::{AppError, ErrorBody};
use crate::metrics::Gauges;
use crate::settings::BackofficeSettings;
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

/// Prometheus metrics (text exposition format). They tell an outsider how
/// busy the lobby is, so they need `backoffice.metrics_token` as a bearer
/// token; without one configured they answer only this machine, and not
/// through a proxy.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "ops",
    responses((status = 200, description = "Metrics in the Prometheus text format", body = String),
              (status = 401, description = "A metrics token is configured and this is not it", body = ErrorBody),
              (status = 403, description = "No metrics token is configured and the caller is not this machine", body = ErrorBody)),
    security((), ("metrics_token" = []))
)]
pub async fn metrics(State(state): State<AppState>, peer: Peer, headers: HeaderMap) -> Result<Response, AppError> {
    if let Some(refused) = scraper_refusal(&state.settings, peer, &headers) {
        return Ok(refused);
    }
    let (notification_queue, open_commands) =
        state.db.call(|c| Ok((notifications::queue_length(c)?, commands::open_count(c)?))).await?;
    let text = state.metrics.render(&Gauges { notification_queue, open_commands });
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response())
}

/// Why this caller may not read the metrics, or `None` when it may.
fn scraper_refusal(settings: &BackofficeSettings, peer: Peer, headers: &HeaderMap) -> Option<Response> {
    let refuse = |status, error: &str| (status, Json(ErrorBody::new(error))).into_response();
    let expected = settings.metrics_token.expose();
    if !expected.is_empty() {
        return match bearer::token(headers) {
            Some(token) if bearer::same_secret(&token, expected) => None,
            _ => {
                let mut r = refuse(StatusCode::UNAUTHORIZED, "send the metrics token: Authorization: Bearer <token>");
                r.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
                Some(r)
            }
        };
    }
    // A proxy on this machine would make every caller look local, so a
    // forwarded request is never local, whoever forwarded it.
    let forwarded = headers.contains_key("x-forwarded-for") || headers.contains_key(header::FORWARDED);
    match Client::resolve(peer, headers, &settings.trusted_proxies).is_local() && !forwarded {
        true => None,
        false => Some(refuse(
            StatusCode::FORBIDDEN,
            "/metrics answers only this machine; set backoffice.metrics_token to scrape it from elsewhere",
        )),
    }
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
