//! Directory sync: every interval, the hosts, invitations, watchlist and
//! agreement versions (one per language) that changed in the back office are written to the kiosk's
//! store in one transaction. The kiosk works from that copy, so it keeps
//! working when the back office is away.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::client::{BackofficeClient, LinkError};
use crate::store::directory::{self, SyncedHost, SyncedInvitation};
use crate::store::{link_state, Store, StoreResult};
use crate::Kiosk;
use foyer_domain::{InvitationCode, VisitorDetails, VisitorName};
use foyer_wire::{SyncInvitation, SyncResponse};

/// What one sync changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    pub version: i64,
    pub hosts: usize,
    pub invitations: usize,
    pub watchlist: usize,
    /// Invitations that could not be used (refused by the kiosk's rules).
    pub skipped: usize,
}

/// Syncs every `interval` until `stop` turns true.
pub async fn run_sync(
    client: BackofficeClient,
    kiosk: Arc<Kiosk>,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    while !*stop.borrow() {
        match sync_once(&client, &kiosk).await {
            Ok(s) if s.hosts + s.invitations + s.watchlist > 0 => tracing::info!(?s, "directory synced"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "directory sync failed; the kiosk keeps its cached directory"),
        }
        tokio::select! {
            _ = stop.changed() => {}
            _ = tokio::time::sleep(interval) => {}
        }
    }
}

/// One sync: asks for the changes since the stored cursor and applies them
/// through the kiosk's own connection (see the forwarder for why).
pub async fn sync_once(client: &BackofficeClient, kiosk: &Arc<Kiosk>) -> Result<SyncSummary, LinkError> {
    let k = kiosk.clone();
    let since = tokio::task::spawn_blocking(move || link_state::sync_version(k.store().conn())).await??;
    let changes = client.sync(since).await?;
    let k = kiosk.clone();
    Ok(tokio::task::spawn_blocking(move || {
        let name = k.settings().kiosk_name.clone();
        apply(&mut k.store(), &changes, &name)
    })
    .await??)
}

/// Writes one sync answer and its cursor, all or nothing.
pub fn apply(store: &mut Store, changes: &SyncResponse, kiosk: &str) -> StoreResult<SyncSummary> {
    let tx = crate::store::write_tx(store.conn_mut())?;
    let mut summary = SyncSummary { version: changes.version, ..Default::default() };
    for h in &changes.hosts {
        if h.deleted {
            directory::retire_host(&tx, h.id)?;
        } else {
            let host = SyncedHost {
                id: h.id,
                name: &h.name,
                email: h.email.as_deref(),
                phone: h.phone.as_deref(),
                department: h.department.as_deref(),
            };
            directory::upsert_host(&tx, &host)?;
        }
        summary.hosts += 1;
    }
    for w in &changes.watchlist {
        if w.deleted {
            directory::remove_watch(&tx, w.id)?;
        } else {
            directory::upsert_watch(&tx, w.id, &w.name, &w.reason)?;
        }
        summary.watchlist += 1;
    }
    // An older back office sends only `agreement` (the default language);
    // a newer one sends it in `agreements` too, and writing it twice is
    // the same row.
    for a in changes.agreement.iter().chain(&changes.agreements) {
        directory::upsert_agreement(&tx, a.version, &a.text, a.language.as_deref())?;
    }
    for inv in &changes.invitations {
        if inv.cancelled {
            directory::cancel_invitation(&tx, inv.visit_id)?;
            summary.invitations += 1;
            continue;
        }
        match invitation(inv) {
            Ok((code, name, details)) => {
                let synced = SyncedInvitation {
                    code: &code,
                    visit_id: inv.visit_id,
                    name: &name,
                    details: &details,
                    host_id: inv.host_id,
                    visitor_type: inv.visitor_type,
                    expected_on: &inv.expected_on,
                    kiosk,
                };
                directory::add_invitation(&tx, &synced)?;
                summary.invitations += 1;
            }
            Err(e) => {
                tracing::warn!(code = %inv.code, error = %e, "invitation refused by the kiosk's rules");
                summary.skipped += 1;
            }
        }
    }
    link_state::set_sync_version(&tx, changes.version)?;
    link_state::set_last_contact(&tx, crate::store::now_unix())?;
    tx.commit()?;
    Ok(summary)
}

fn invitation(
    inv: &SyncInvitation,
) -> Result<(InvitationCode, VisitorName, VisitorDetails), foyer_domain::ValidationError> {
    Ok((
        InvitationCode::parse(&inv.code)?,
        VisitorName::parse(&inv.visitor_name)?,
        VisitorDetails::parse(inv.company.as_deref(), inv.email.as_deref(), None)?,
    ))
}
