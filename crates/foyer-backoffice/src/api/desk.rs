//! The desk's JSON API (`/api/v1/desk/…`): the same lobby and overrides as
//! the console's pages, for scripts with an API token. Any signed-in role.

use axum::extract::State;
use axum::{Extension, Json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::JsonBody;
use crate::auth::Principal;
use crate::db::lobby::{Lobby, LobbyVisit};
use crate::error::{AppError, ErrorBody};
use crate::service::desk_actions::{perform, ActionOutcome, DeskAction};
use crate::service::desk_lists::{self, ArrivalNotice};
use crate::service::invitations::{self, CreatedInvitation, NewInvitation, UpcomingInvitation};
use crate::state::AppState;

/// The desk's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_lobby))
        .routes(routes!(post_action))
        .routes(routes!(get_evacuation))
        .routes(routes!(get_invitations, post_invitation))
        .routes(routes!(get_arrivals))
}

/// Open invitations from today on, soonest first.
#[utoipa::path(
    get,
    path = "/api/v1/desk/invitations",
    tag = "desk",
    security(("console" = [])),
    responses(
        (status = 200, description = "Upcoming invitations", body = Vec<UpcomingInvitation>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn get_invitations(State(state): State<AppState>) -> Result<Json<Vec<UpcomingInvitation>>, AppError> {
    Ok(Json(invitations::upcoming(&state, 1000).await?))
}

/// Invites a visitor; with an email address, the visitor is sent the QR
/// code and the code as text.
#[utoipa::path(
    post,
    path = "/api/v1/desk/invitations",
    tag = "desk",
    security(("console" = [])),
    request_body = NewInvitation,
    responses(
        (status = 200, description = "Created (and the email queued)", body = CreatedInvitation),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No host has the id", body = ErrorBody),
        (status = 422, description = "A field is not valid; the message names it", body = ErrorBody),
    )
)]
pub async fn post_invitation(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(new): JsonBody<NewInvitation>,
) -> Result<Json<CreatedInvitation>, AppError> {
    Ok(Json(invitations::create(&state, &p, new).await?))
}

/// The newest 100 arrivals and whether their host was reached, by channel.
#[utoipa::path(
    get,
    path = "/api/v1/desk/arrivals",
    tag = "desk",
    security(("console" = [])),
    responses(
        (status = 200, description = "Arrivals with their deliveries", body = Vec<ArrivalNotice>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn get_arrivals(State(state): State<AppState>) -> Result<Json<Vec<ArrivalNotice>>, AppError> {
    Ok(Json(desk_lists::arrivals(&state, 100).await?))
}

/// Who is on site, expected today, waiting for approval and recently gone,
/// and the latest desk commands with their outcome.
#[utoipa::path(
    get,
    path = "/api/v1/desk/lobby",
    tag = "desk",
    security(("console" = [])),
    responses(
        (status = 200, description = "The lobby now", body = Lobby),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn get_lobby(State(state): State<AppState>) -> Result<Json<Lobby>, AppError> {
    Ok(Json(desk_lists::lobby(&state).await?))
}

/// Everyone on site now, by host (the evacuation list).
#[utoipa::path(
    get,
    path = "/api/v1/desk/evacuation",
    tag = "desk",
    security(("console" = [])),
    responses(
        (status = 200, description = "Everyone on site, by host then name", body = Vec<LobbyVisit>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn get_evacuation(State(state): State<AppState>) -> Result<Json<Vec<LobbyVisit>>, AppError> {
    Ok(Json(desk_lists::evacuation(&state).await?))
}

/// An override: check in, approve, deny, check out, reprint, release the
/// door, cancel an invitation, check everyone out. Each becomes a kiosk
/// command and an audit entry naming the user.
#[utoipa::path(
    post,
    path = "/api/v1/desk/actions",
    tag = "desk",
    security(("console" = [])),
    request_body = DeskAction,
    responses(
        (status = 200, description = "Queued for the kiosk", body = ActionOutcome),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Missing CSRF token with a session", body = ErrorBody),
        (status = 404, description = "No such visit, invitation, host or active kiosk", body = ErrorBody),
        (status = 409, description = "The action does not fit the visit's state, or no kiosk is active", body = ErrorBody),
        (status = 422, description = "A field is not valid; the message names it", body = ErrorBody),
    )
)]
pub async fn post_action(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(action): JsonBody<DeskAction>,
) -> Result<Json<ActionOutcome>, AppError> {
    Ok(Json(perform(&state, &p, action).await?))
}
