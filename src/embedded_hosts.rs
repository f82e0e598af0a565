//! The all-in-one install's one hosts directory. The back office in the
//! kiosk's process keeps it, as a separate back office does: it refuses an
//! arrival for a host it does not know, and it is what tells hosts. So
//! `foyer hosts import` writes there and brings the kiosk's copy up to date
//! as the link's sync would, and a kiosk that imported hosts on its own
//! (before the back office had a directory) hands them over first, under
//! the ids its visits and outbox already carry.

use std::path::Path;

use anyhow::Context as _;
use foyer_backoffice::db::{adopted_hosts, directory, sync, Db};
use foyer_domain::host::NewHost;
use foyer_kiosk::store::{hosts, link_state, Store};

/// Opens the in-process back office's database.
pub fn open_backoffice(settings: &foyer_backoffice::BackofficeSettings, data_dir: &Path) -> anyhow::Result<Db> {
    let path = settings.db_path(data_dir);
    Db::open_tuned(&path, foyer_backoffice::db::Tuning::IN_PROCESS)
        .with_context(|| format!("opening the back-office database {}", path.display()))
}

/// Hands the kiosk's own hosts to the back office (those it lacks), then
/// gives the kiosk what the back office's directory changed since its last
/// sync. Run before the in-process back office starts and on every import.
pub fn share(store: &mut Store, db: &Db, kiosk: &str) -> anyhow::Result<()> {
    let own = hosts::all(store.conn())?;
    let done = db.with(|c| adopted_hosts::adopt(c, &own)).context("handing the kiosk's hosts to the back office")?;
    if done.adopted > 0 {
        tracing::info!(hosts = done.adopted, "the kiosk's hosts are now in the back office's directory");
    }
    for why in &done.skipped {
        tracing::warn!(%why, "a kiosk host was not handed to the back office");
    }
    pull(store, db, kiosk)
}

/// Imports `rows` into the back office's directory and the kiosk's copy.
/// Returns (added, updated) as the back office counted them.
pub fn import(store: &mut Store, db: &Db, kiosk: &str, rows: &[NewHost]) -> anyhow::Result<(usize, usize)> {
    share(store, db, kiosk)?;
    let counts = db.with(|c| directory::import_hosts(c, rows)).context("importing into the back office")?;
    pull(store, db, kiosk)?;
    Ok(counts)
}

/// What the link's directory sync does, without the HTTP in between.
fn pull(store: &mut Store, db: &Db, kiosk: &str) -> anyhow::Result<()> {
    let since = link_state::sync_version(store.conn())?;
    let changes = db.with(|c| sync::changes_since(c, since)).context("reading the back office's directory")?;
    foyer_kiosk::link::sync::apply(store, &changes, kiosk)?;
    Ok(())
}
