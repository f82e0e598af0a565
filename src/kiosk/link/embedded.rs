//! What `foyer kiosk` runs beside the kiosk: the link to the configured back
//! office or, when no `url` is configured (the one-command quick start), a
//! back office in this process and the link to it.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

use super::{run_link, LinkSettings};
use crate::backoffice::{start_in_process, BackofficeSettings};
use crate::kiosk::Kiosk;

/// Runs until `shutdown` completes. With an in-process back office, the
/// link stops first (so nothing is left half-sent), then the back office.
pub async fn run_with_backoffice(
    kiosk: Arc<Kiosk>,
    settings: &BackofficeSettings,
    data_dir: &Path,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    if !settings.url.trim().is_empty() {
        if settings.token.is_empty() {
            anyhow::bail!("[backoffice] url is set but token is empty; create one with `foyer kiosks add NAME`");
        }
        return Ok(run_link(kiosk, LinkSettings::from_backoffice(settings), shutdown).await?);
    }
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let name = kiosk.settings().kiosk_name.clone();
    let (url, token, backoffice) = start_in_process(settings, data_dir, &name, async move {
        let _ = stopped.await;
    })
    .await
    .context("starting the in-process back office")?;
    tracing::info!(%url, "back office running in this process");
    let link = LinkSettings { url, token, ..LinkSettings::from_backoffice(settings) };
    let linked = run_link(kiosk, link, shutdown).await;
    let _ = stop.send(());
    backoffice.await.context("the in-process back office")??;
    Ok(linked?)
}
