//! `GET /api/v1/sync?since=N`: the directory changes a kiosk has not seen.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::extract::ApiQuery;
use crate::auth::KioskAuth;
use crate::db::sync;
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use foyer_wire::SyncResponse;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SyncQuery {
    /// The `version` of the kiosk's last sync; 0 (default) for everything.
    #[serde(default)]
    since: i64,
}

/// Hosts, invitations, watchlist and agreement changed after `since`.
#[utoipa::path(
    get,
    path = "/api/v1/sync",
    tag = "kiosk",
    security(("kiosk_token" = [])),
    params(SyncQuery),
    responses(
        (status = 200, description = "Changes after `since`, with tombstones", body = SyncResponse),
        (status = 401, description = "Missing, wrong or revoked token", body = ErrorBody),
    )
)]
pub async fn get_sync(
    State(state): State<AppState>,
    KioskAuth(kiosk): KioskAuth,
    ApiQuery(q): ApiQuery<SyncQuery>,
) -> Result<Json<SyncResponse>, AppError> {
    let since = q.since.max(0);
    let changes = state.db.call(move |c| sync::changes_since(c, since)).await?;
    Ok(Json(SyncResponse { kiosk: Some(kiosk), ..changes }))
}
