//! `GET /api/v1/notifications`: whether hosts were reached, per channel.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::api::extract::ApiQuery;
use crate::auth::KioskAuth;
use crate::db::notifications::{self, NotificationRow};
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only the notifications of this visit.
    #[param(nullable = false)]
    visit_id: Option<Uuid>,
    /// At most this many, newest first (1–1000, default 100).
    #[param(minimum = 1, maximum = 1000, nullable = false)]
    limit: Option<u32>,
}

/// Notification deliveries with their status (queued, sending, sent, failed
/// with the reason), for the visits this kiosk checked in (staff mode shows
/// whether a host was reached). The desk sees every kiosk's through
/// `/api/v1/desk/arrivals`.
#[utoipa::path(
    get,
    path = "/api/v1/notifications",
    tag = "kiosk",
    security(("kiosk_token" = [])),
    params(NotificationQuery),
    responses(
        (status = 200, description = "Deliveries, newest first", body = Vec<NotificationRow>),
        (status = 401, description = "Missing, wrong or revoked token", body = ErrorBody),
    )
)]
pub async fn list_notifications(
    State(state): State<AppState>,
    KioskAuth(kiosk): KioskAuth,
    ApiQuery(q): ApiQuery<NotificationQuery>,
) -> Result<Json<Vec<NotificationRow>>, AppError> {
    let limit = match q.limit.unwrap_or(100) {
        n @ 1..=1000 => n,
        n => return Err(AppError::BadParameter(format!("query: limit: {n} is not from 1 to 1000"))),
    };
    let visit = q.visit_id.map(|v| v.to_string());
    Ok(Json(state.db.call(move |c| notifications::list(c, visit.as_deref(), Some(&kiosk), limit)).await?))
}
