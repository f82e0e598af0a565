//! `POST /api/v1/events`: a kiosk's events, in order.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;

use crate::api::extract::is_json;
use crate::auth::KioskAuth;
use crate::db::{audit, now_unix, DbError};
use crate::error::{parse_json, AppError, ErrorBody};
use crate::limits::{MAX_BATCH_EVENTS, MAX_BODY_BYTES};
use crate::service::event_shape;
use crate::state::AppState;
use foyer_wire::{BatchAck, EventBatch};

/// Stores a batch of events. A repeated event id is acknowledged and not
/// applied again; a batch with any invalid event changes nothing. Every
/// event is checked as the kiosk's own domain types would check it, against
/// the visit's lifecycle, and against the visits this kiosk may change.
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
        (status = 403, description = "An event changes a visit this kiosk may not change (`refused_event` names it); audited", body = ErrorBody),
        (status = 413, description = "Body larger than the limit"),
        (status = 422, description = "An unknown event type, a malformed event or one the visit's state refuses (`refused_event` names it, `error` the field)", body = ErrorBody),
    )
)]
pub async fn post_events(
    State(state): State<AppState>,
    KioskAuth(kiosk): KioskAuth,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<BatchAck>, AppError> {
    let started = Instant::now();
    let batch = is_json(&headers)
        .and(body.map_err(AppError::from))
        .and_then(|b| parse_batch(&b))
        .and_then(|b| check_shapes(b, &kiosk));
    let batch = match batch {
        Ok(b) => b,
        Err(e) => return Err(refused(&state, &kiosk, e)),
    };
    let routing = state.routing();
    let stored = state.ingestor.ingest(kiosk.clone(), batch.events, routing).await;
    let (ack, applied) = match stored {
        Ok(done) => done,
        Err(e @ DbError::EventRefused { out_of_scope, .. }) => {
            if out_of_scope {
                // The batch was rolled back; the attempt is kept on its own.
                let (k, why) = (kiosk.clone(), e.to_string());
                let actor = format!("kiosk:{kiosk}");
                state.db.call(move |c| audit::record(c, &actor, "kiosk.out_of_scope", Some(&k), &why)).await?;
            }
            return Err(refused(&state, &kiosk, e.into()));
        }
        Err(e) => return Err(e.into()),
    };
    state.metrics.events_applied(&applied, ack.duplicates);
    state.metrics.ingest.observe(started.elapsed());
    if ack.accepted > 0 {
        state.notifier.notify_one();
        state.lobby_changed();
    }
    Ok(Json(ack))
}

/// Counts and logs a refused batch, and gives its error back.
fn refused(state: &AppState, kiosk: &str, e: AppError) -> AppError {
    state.metrics.batch_rejected();
    tracing::warn!(%kiosk, error = %e, "event batch refused");
    e
}

/// Every event of the batch must have a valid shape (`event_shape`).
fn check_shapes(batch: EventBatch, kiosk: &str) -> Result<EventBatch, AppError> {
    let now = now_unix();
    for (i, e) in batch.events.iter().enumerate() {
        event_shape::check(i, e, kiosk, now)
            .map_err(|message| AppError::EventInvalid { event_id: e.event_id, message })?;
    }
    Ok(batch)
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
