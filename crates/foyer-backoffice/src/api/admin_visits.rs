//! The visit log on the JSON API (`/api/v1/admin/visits…`): the same search,
//! detail and streamed CSV export as the admin console's pages.

use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::api::extract::{ApiPath, ApiQuery};
use crate::auth::Principal;
use crate::db::visit_detail::{self, VisitDetail};
use crate::db::visit_search::{search, VisitPage, VisitParams, VisitQuery};
use crate::error::{AppError, ErrorBody};
use crate::service::visits_export::start_export;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_visits)).routes(routes!(get_export)).routes(routes!(get_visit))
}

/// Visits matching the filter, one keyset page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/admin/visits",
    tag = "admin",
    security(("console" = [])),
    params(VisitParams),
    responses(
        (status = 200, description = "One page; ask again with `after` = `next`", body = VisitPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A parameter is not valid; the message names it", body = ErrorBody),
    )
)]
pub async fn get_visits(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<VisitParams>,
) -> Result<Json<VisitPage>, AppError> {
    let query = VisitQuery::from_params(&params)?;
    Ok(Json(state.db.call(move |c| search(c, &query)).await?))
}

/// Every visit matching the filter as CSV (RFC 4180, formula-safe), streamed.
#[utoipa::path(
    get,
    path = "/api/v1/admin/visits/export.csv",
    tag = "admin",
    security(("console" = [])),
    params(VisitParams),
    responses(
        (status = 200, description = "The CSV", content_type = "text/csv", body = String),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A parameter is not valid", body = ErrorBody),
    )
)]
pub async fn get_export(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(params): ApiQuery<VisitParams>,
) -> Result<Response, AppError> {
    start_export(&state, &p, &params).await
}

/// One visit with its timeline.
#[utoipa::path(
    get,
    path = "/api/v1/admin/visits/{id}",
    tag = "admin",
    security(("console" = [])),
    params(("id" = String, Path, description = "The visit's id")),
    responses(
        (status = 200, description = "The visit", body = VisitDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such visit", body = ErrorBody),
    )
)]
pub async fn get_visit(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<VisitDetail>, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound(format!("{id:?} is not a visit id")))?;
    let visit = state.db.call(move |c| visit_detail::detail(c, id)).await?;
    visit.map(Json).ok_or_else(|| AppError::NotFound(format!("no visit has the id {id}")))
}
