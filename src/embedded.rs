//! What `foyer kiosk` runs beside the kiosk: the link to the configured back
//! office or, when no `url` is configured (the one-command quick start), a
//! back office in this process and the link to it. The only place where the
//! kiosk and the back office meet outside `foyer_wire`.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use foyer_backoffice::{start_in_process, BackofficeSettings};
use foyer_kiosk::link::run_link;
use foyer_kiosk::Kiosk;

use crate::config::KioskLinkConfig;

/// Runs until `shutdown` completes. With an in-process back office, the
/// link stops first (so nothing is left half-sent), then the back office.
pub async fn run_with_backoffice(
    kiosk: Arc<Kiosk>,
    link: &KioskLinkConfig,
    settings: &BackofficeSettings,
    data_dir: &Path,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    if let Some(remote) = link.link_settings() {
        if remote.token.is_empty() {
            anyhow::bail!("[backoffice] url is set but token is empty; create one with `foyer kiosks add NAME`");
        }
        return Ok(run_link(kiosk, remote, shutdown).await?);
    }
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let name = kiosk.settings().kiosk_name.clone();
    {
        let db = crate::embedded_hosts::open_backoffice(settings, data_dir)?;
        crate::embedded_hosts::share(&mut kiosk.store(), &db, &name)?;
    }
    let (url, token, backoffice) = start_in_process(settings, data_dir, &name, async move {
        let _ = stopped.await;
    })
    .await
    .context("starting the in-process back office")?;
    tracing::info!(%url, "back office running in this process");
    let linked = run_link(kiosk, link.link_to(&url, token), shutdown).await;
    let _ = stop.send(());
    backoffice.await.context("the in-process back office")??;
    Ok(linked?)
}
