//! `serve` (`foyer backoffice`, `foyer-backoffice serve`): the back office
//! on its configured address until systemd stops it or Ctrl-C.

use std::path::Path;

use anyhow::Context as _;

use crate::BackofficeSettings;

/// Serves the back office with the `[backoffice]` settings until SIGTERM
/// or Ctrl-C; stopping loses nothing that was acknowledged.
pub fn run(settings: &BackofficeSettings, data_dir: &Path) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("listening on {}", settings.listen))?;
        crate::serve(settings.clone(), data_dir, listener, stop_signal()).await
    })
}

/// SIGTERM (systemd) or Ctrl-C.
async fn stop_signal() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! { _ = term.recv() => {}, _ = tokio::signal::ctrl_c() => {} }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
