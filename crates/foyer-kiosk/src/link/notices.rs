//! The notice task: follows the back office's deliveries of each recent
//! arrival (`GET /api/v1/notifications?visit_id=`) until the notice is
//! final, so the done page can say "Grace has been told by email" only
//! when she has been.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use uuid::Uuid;

use super::client::{BackofficeClient, LinkError};
use crate::notice::HostNotice;
use crate::store::outbox::{self, ArrivalSent};
use crate::Kiosk;

/// How often a pending notice is asked about: the done page shows for a
/// few seconds, and a delivery takes about one.
const POLL: Duration = Duration::from_millis(300);

/// Follows notices until `stop` turns true.
pub async fn run_notices(client: BackofficeClient, kiosk: Arc<Kiosk>, mut stop: watch::Receiver<bool>) {
    while !*stop.borrow() {
        let open = kiosk.notices().open();
        if open.is_empty() {
            tokio::select! {
                _ = stop.changed() => {}
                _ = kiosk.notices().woken() => {}
                // A follow is never missed for long, even if its wake-up
                // came between `open` and `woken`.
                _ = tokio::time::sleep(POLL * 10) => {}
            }
            continue;
        }
        for visit_id in open {
            match follow_once(&client, &kiosk, visit_id).await {
                Ok(Some(notice)) => kiosk.notices().set(visit_id, notice),
                Ok(None) => {}
                Err(e) => {
                    if matches!(e, LinkError::Http(_)) {
                        kiosk.notices().set_reachable(false);
                    }
                    tracing::debug!(%visit_id, error = %e, "host notice unknown for now");
                }
            }
        }
        tokio::select! {
            _ = stop.changed() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// What the notice of one arrival is now; `None` while its event waits in
/// the outbox (the forwarder says whether the back office is reachable).
pub async fn follow_once(
    client: &BackofficeClient,
    kiosk: &Arc<Kiosk>,
    visit_id: Uuid,
) -> Result<Option<HostNotice>, LinkError> {
    let k = kiosk.clone();
    let id = visit_id.to_string();
    let sent = tokio::task::spawn_blocking(move || outbox::arrival_sent(k.store().conn(), &id)).await??;
    match sent {
        None | Some(ArrivalSent::Held) => Ok(Some(HostNotice::Reception)),
        Some(ArrivalSent::Waiting) => Ok(None),
        // The back office plans the deliveries in the transaction that
        // stores the arrival, so an empty list here means no channel.
        Some(ArrivalSent::Sent) => Ok(Some(HostNotice::of(&client.notifications(visit_id).await?))),
    }
}
