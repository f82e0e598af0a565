//! The admin JSON API for retention (`/api/v1/admin/retention…`): the same
//! policy, confirmation of a shorter period and "run now" as the console's
//! retention page.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::JsonBody;
use crate::auth::Principal;
use crate::db::retention::RetentionCount;
use crate::error::{AppError, ErrorBody};
use crate::retention_job::{run_once, RetentionRun};
use crate::service::retention::{self, PolicyChange, RetentionNow};
use crate::state::AppState;

/// The retention routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_policy, set_policy)).routes(routes!(run_now))
}

/// A new period.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PolicyRequest {
    /// Days to keep personal data after a visit ended: 1–3650.
    #[schema(minimum = 1, maximum = 3650)]
    pub days: u32,
    /// Needed to shorten the period: without it, a shorter period is not
    /// saved and the answer (409) says what it would anonymise.
    #[serde(default)]
    pub confirm: bool,
}

/// The period after the request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PolicySaved {
    pub previous_days: u32,
    pub days: u32,
    pub message: String,
}

/// A shorter period asked for without `confirm`: nothing was saved.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShorteningNeedsConfirmation {
    pub error: String,
    pub previous_days: u32,
    pub days: u32,
    /// What the next run would anonymise with the shorter period.
    pub due: RetentionCount,
}

/// The policy in force and what its next run would anonymise.
#[utoipa::path(
    get,
    path = "/api/v1/admin/retention",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "The policy and a dry run of it", body = RetentionNow),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
pub async fn get_policy(State(state): State<AppState>) -> Result<Json<RetentionNow>, AppError> {
    Ok(Json(retention::current(&state).await?))
}

/// Changes the period. A shorter one needs `confirm: true`; without it the
/// answer is 409 with the dry run's counts, and nothing changes.
#[utoipa::path(
    post,
    path = "/api/v1/admin/retention",
    tag = "admin",
    security(("console" = [])),
    request_body = PolicyRequest,
    responses(
        (status = 200, description = "Saved (or already so)", body = PolicySaved),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
        (status = 409, description = "Shorter without confirm: what it would anonymise", body = ShorteningNeedsConfirmation),
        (status = 422, description = "A period outside 1–3650 days", body = ErrorBody),
    )
)]
pub async fn set_policy(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(req): JsonBody<PolicyRequest>,
) -> Result<Response, AppError> {
    Ok(match retention::change(&state, &p, req.days, req.confirm).await? {
        PolicyChange::Unchanged { days } => {
            let message = format!("the period is already {days} days");
            Json(PolicySaved { previous_days: days, days, message }).into_response()
        }
        PolicyChange::Saved { old, new } => {
            let message = format!("retention period changed from {old} to {new} days");
            Json(PolicySaved { previous_days: old, days: new, message }).into_response()
        }
        PolicyChange::NeedsConfirmation { old, new, due } => {
            let error = format!(
                "shortening the period from {old} to {new} days anonymises {} visit(s), {} invitation(s) and {} \
                 command(s) at the next run; send confirm: true to save it",
                due.visits, due.invitations, due.commands
            );
            (StatusCode::CONFLICT, Json(ShorteningNeedsConfirmation { error, previous_days: old, days: new, due }))
                .into_response()
        }
    })
}

/// Runs retention now with the policy in force; audited as the caller.
#[utoipa::path(
    post,
    path = "/api/v1/admin/retention/run",
    tag = "admin",
    security(("console" = [])),
    responses(
        (status = 200, description = "What the run anonymised", body = RetentionRun),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin, or a session without the CSRF header", body = ErrorBody),
    )
)]
pub async fn run_now(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<RetentionRun>, AppError> {
    Ok(Json(run_once(&state, p.name()).await?))
}
