//! Running the service: on a listener until a shutdown signal, and the
//! in-process back office of the one-command quick start.

use std::future::Future;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::Context as _;
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::app::router;
use super::db::{kiosks, Db, Tuning};
use super::notify::{spawn_worker, Senders};
use super::settings::BackofficeSettings;
use super::state::AppState;
use foyer_domain::Secret;

/// The file of the in-process back office's kiosk token, in the data dir.
pub const IN_PROCESS_TOKEN_FILE: &str = "backoffice-kiosk.token";

/// Serves on `listener` with the database of the settings until `shutdown`
/// completes. Stopping loses nothing: requests in flight finish, every
/// acknowledged event is committed, and undelivered notifications stay queued.
pub async fn serve(
    settings: BackofficeSettings,
    data_dir: &Path,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let path = settings.db_path(data_dir);
    let db = Db::open(&path).with_context(|| format!("opening the back-office database {}", path.display()))?;
    serve_state(AppState::new(db, settings), listener, shutdown).await
}

/// As [`serve`], with the state built by the caller (tests issue commands
/// through it).
pub async fn serve_state(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let senders = Senders::new(&state.settings).context("setting up the notification channels")?;
    let worker = spawn_worker(state.clone(), senders);
    let retention = super::retention_job::spawn(state.clone());
    tracing::info!(listen = %listener.local_addr()?, "back office serving");
    let stopping = state.clone();
    // Small JSON answers go out at once, not after a delayed ACK.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    // With the peer's address: the login throttle counts by it, and only a
    // trusted proxy may name another (`auth::client_addr`).
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            // Long polls return now rather than holding the stop for 25 s.
            stopping.begin_shutdown();
        })
        .await?;
    worker.stop().await;
    retention.stop().await;
    tracing::info!("back office stopped");
    Ok(())
}

/// Runs the back office inside the kiosk process (no `url` configured):
/// opens its database, makes sure `kiosk_name` has a token (kept 0600 in
/// the data dir so a restart reuses it), binds `listen` and serves until
/// `shutdown`. Returns the URL and token for the kiosk's link.
pub async fn start_in_process(
    settings: &BackofficeSettings,
    data_dir: &Path,
    kiosk_name: &str,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<(String, Secret, JoinHandle<anyhow::Result<()>>)> {
    let path = settings.db_path(data_dir);
    let db = Db::open_tuned(&path, Tuning::IN_PROCESS)
        .with_context(|| format!("opening the back-office database {}", path.display()))?;
    let token = ensure_token(&db, data_dir, kiosk_name)?;
    let listener =
        TcpListener::bind(settings.listen).await.with_context(|| format!("listening on {}", settings.listen))?;
    let url = format!("http://{}", listener.local_addr()?);
    let state = AppState::new(db, settings.clone());
    let handle = tokio::spawn(serve_state(state, listener, shutdown));
    Ok((url, token, handle))
}

fn ensure_token(db: &Db, data_dir: &Path, kiosk_name: &str) -> anyhow::Result<Secret> {
    let file = data_dir.join(IN_PROCESS_TOKEN_FILE);
    if let Ok(saved) = std::fs::read_to_string(&file) {
        let saved = saved.trim().to_owned();
        if db.with(|c| kiosks::token_is_current(c, kiosk_name, &saved))? {
            return Ok(Secret::new(saved));
        }
    }
    let token = db.with(|c| {
        kiosks::revoke(c, kiosk_name)?;
        kiosks::add(c, kiosk_name)
    })?;
    write_private(&file, token.expose()).with_context(|| format!("saving the kiosk token to {}", file.display()))?;
    Ok(token)
}

/// Writes a secret file readable by the owner only, replacing it atomically.
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
    f.write_all(content.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}
