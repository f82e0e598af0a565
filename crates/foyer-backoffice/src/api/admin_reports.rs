//! The admin JSON API for reports (`/api/v1/admin/reports`): the same
//! figures as the console's reports page draws.

use axum::extract::State;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::ApiQuery;
use crate::error::{AppError, ErrorBody};
use crate::service::reports::{report, Report, ReportParams};
use crate::state::AppState;

/// The reports route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_report))
}

/// Visits per day and per host over a range, and the peak on site.
#[utoipa::path(
    get,
    path = "/api/v1/admin/reports",
    tag = "admin",
    security(("console" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A bad date or a range over 366 days", body = ErrorBody),
    )
)]
pub async fn get_report(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<Report>, AppError> {
    Ok(Json(report(&state, &params).await?))
}
