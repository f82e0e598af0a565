//! `POST /api/v1/events`: a kiosk's events, in order.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::Json;

use crate::auth::KioskAuth;
use crate::error::{parse_json, AppError, ErrorBody};
use crate::limits::{MAX_BATCH_EVENTS, MAX_BODY_BYTES};
use crate::state::AppState;
use foyer_wire::{BatchAck, EventBatch};

/// Stores a batch of events. A repeated event id is acknowledged and not
/// applied again; a batch with any invalid event changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/events",
    tag = "kiosk",
    security(("kiosk_token" = [])),
    request_body = EventBatch,
    responses(
        (status = 200, description = "Every event is stored", body = BatchAck),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Missing, wrong or revoked token", body = ErrorBody),
        (status = 413, description = "Body larger than the limit"),
        (status = 422, description = "An unknown event type or a malformed event", body = ErrorBody),
    )
)]
pub async fn post_events(
    State(state): State<AppState>,
    KioskAuth(kiosk): KioskAuth,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<BatchAck>, AppError> {
    let started = Instant::now();
    let batch = body.map_err(AppError::from).and_then(|b| parse_batch(&b));
    let batch = match batch {
        Ok(b) => b,
        Err(e) => {
            state.metrics.batch_rejected();
            tracing::warn!(%kiosk, error = %e, "event batch refused");
            return Err(e);
        }
    };
    let routing = state.routing();
    let (ack, applied) = state.ingestor.ingest(kiosk, batch.events, routing).await?;
    state.metrics.events_applied(&applied, ack.duplicates);
    state.metrics.ingest.observe(started.elapsed());
    if ack.accepted > 0 {
        state.notifier.notify_one();
        state.lobby_changed();
    }
    Ok(Json(ack))
}

fn parse_batch(body: &[u8]) -> Result<EventBatch, AppError> {
    // The body limit layer refuses larger bodies first; this is the same
    // limit for a router used without that layer.
    if body.len() > MAX_BODY_BYTES {
        return Err(AppError::Invalid(format!("the body is over {MAX_BODY_BYTES} bytes")));
    }
    let batch: EventBatch = parse_json(body)?;
    if batch.events.len() > MAX_BATCH_EVENTS {
        return Err(AppError::Invalid(format!(
            "a batch carries at most {MAX_BATCH_EVENTS} events, this one {}",
            batch.events.len()
        )));
    }
    Ok(batch)
}
