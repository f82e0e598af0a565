//! The admin JSON API for the audit log (`/api/v1/admin/audit`): the same
//! filter and keyset paging as the console's audit page.

use axum::extract::State;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::ApiQuery;
use crate::error::{AppError, ErrorBody};
use crate::service::audit::{self, AuditPage, AuditQuery};
use crate::state::AppState;

/// The audit log's route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_audit))
}

/// Audit entries, newest first; pass `next_before` back as `before` for
/// the next page. The log is append-only.
#[utoipa::path(
    get,
    path = "/api/v1/admin/audit",
    tag = "admin",
    security(("console" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of entries", body = AuditPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A bad date, `before` or `limit`; the message names it", body = ErrorBody),
    )
)]
pub async fn get_audit(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    Ok(Json(audit::entries(&state, &q).await?))
}
