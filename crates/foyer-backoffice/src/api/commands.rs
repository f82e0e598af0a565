//! Desk commands for a kiosk: `GET /api/v1/commands` (long poll) and
//! `POST /api/v1/commands/{id}/ack`. A command is delivered on every poll
//! until its kiosk acknowledges it; the kiosk makes sure it runs once.

use std::time::Duration;

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use tokio::time::Instant;
use utoipa::IntoParams;

use crate::api::extract::{ApiPath, ApiQuery, JsonBody};
use crate::auth::KioskAuth;
use crate::db::commands;
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use foyer_wire::{CommandAck, CommandList};

/// The longest a poll waits for a command.
pub const MAX_WAIT: Duration = Duration::from_secs(25);
/// How often a waiting poll looks at the database, for commands queued by
/// another process (the CLI) that cannot ring this process's bell.
const RECHECK: Duration = Duration::from_secs(1);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommandQuery {
    /// Only commands with a higher id (default 0: every unacknowledged one).
    #[serde(default)]
    after: i64,
    /// Seconds to wait for a command when there is none (default 25, the
    /// most; the server waits at most its `command_wait_secs`).
    #[param(minimum = 0, maximum = 25, nullable = false)]
    wait: Option<u64>,
}

/// Unacknowledged commands of the calling kiosk, oldest first; waits up to
/// `wait` seconds for one when there is none.
#[utoipa::path(
    get,
    path = "/api/v1/commands",
    tag = "kiosk",
    security(("kiosk_token" = [])),
    params(CommandQuery),
    responses(
        (status = 200, description = "Commands, possibly none when the wait ran out", body = CommandList),
        (status = 401, description = "Missing, wrong or revoked token", body = ErrorBody),
    )
)]
pub async fn poll_commands(
    State(state): State<AppState>,
    KioskAuth(kiosk): KioskAuth,
    ApiQuery(q): ApiQuery<CommandQuery>,
) -> Result<Json<CommandList>, AppError> {
    let wait = match q.wait.map(Duration::from_secs) {
        Some(w) if w > MAX_WAIT => {
            return Err(AppError::BadParameter(format!("query: wait: at most {} seconds", MAX_WAIT.as_secs())))
        }
        w => w.unwrap_or(MAX_WAIT).min(Duration::from_secs(state.settings.command_wait_secs)),
    };
    let deadline = Instant::now() + wait;
    let mut bell = state.command_bell();
    let mut stopping = state.stopping();
    loop {
        bell.borrow_and_update();
        let k = kiosk.clone();
        let found = state.db.call(move |c| commands::pending(c, &k, q.after, 50)).await?;
        let now = Instant::now();
        if !found.is_empty() || now >= deadline || *stopping.borrow() {
            return Ok(Json(CommandList { commands: found }));
        }
        tokio::select! {
            _ = bell.changed() => {}
            _ = stopping.changed() => {}
            _ = tokio::time::sleep((deadline - now).min(RECHECK)) => {}
        }
    }
}

/// Records what the kiosk did with command `id`. Acknowledging twice is
/// harmless: the first outcome stays.
#[utoipa::path(
    post,
    path = "/api/v1/commands/{id}/ack",
    tag = "kiosk",
    security(("kiosk_token" = [])),
    params(("id" = i64, Path, description = "The command's id")),
    request_body = CommandAck,
    responses(
        (status = 204, description = "Acknowledged"),
        (status = 401, description = "Missing, wrong or revoked token", body = ErrorBody),
        (status = 404, description = "This kiosk has no such command", body = ErrorBody),
        (status = 422, description = "Not an acknowledgement", body = ErrorBody),
    )
)]
pub async fn ack_command(
    State(state): State<AppState>,
    KioskAuth(kiosk): KioskAuth,
    ApiPath(id): ApiPath<i64>,
    JsonBody(outcome): JsonBody<CommandAck>,
) -> Result<axum::http::StatusCode, AppError> {
    state.db.call(move |c| commands::ack(c, &kiosk, id, &outcome)).await?;
    state.lobby_changed();
    Ok(axum::http::StatusCode::NO_CONTENT)
}
