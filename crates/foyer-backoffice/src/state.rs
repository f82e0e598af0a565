//! What every handler shares: the database, settings, metrics, and the
//! signals that wake the notification worker and long-polling kiosks.

use std::sync::Arc;

use tokio::sync::{watch, Notify};

use super::auth::password_gate::PasswordGate;
use super::db::group_commit::Ingestor;
use super::db::{commands, Db, DbError};
use super::metrics::Metrics;
use super::notify::plan::Routing;
use super::settings::BackofficeSettings;
use foyer_wire::CommandKind;

/// Shared state of the back office.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Writes event batches, several to a commit.
    pub ingestor: Ingestor,
    pub settings: Arc<BackofficeSettings>,
    pub metrics: Arc<Metrics>,
    /// Bounds the login password checks that run at once.
    pub passwords: PasswordGate,
    /// Wakes the notification worker when rows are queued.
    pub notifier: Arc<Notify>,
    /// Bumped when a command is queued; long polls wait on it.
    commands: Arc<watch::Sender<u64>>,
    /// Bumped when what the desk's lobby shows may have changed (an event
    /// ingested, a command queued or acknowledged); live pages wait on it.
    lobby: Arc<watch::Sender<u64>>,
    /// Set when the service stops, so long polls return at once.
    stopping: Arc<watch::Sender<bool>>,
    /// Bumped when sessions or tokens end (logout, a user disabled, a
    /// password reset); live streams check at once whether theirs is gone.
    sessions_ended: Arc<watch::Sender<u64>>,
}

impl AppState {
    pub fn new(db: Db, settings: BackofficeSettings) -> Self {
        Self {
            ingestor: Ingestor::start(db.clone()),
            db,
            settings: Arc::new(settings),
            metrics: Arc::new(Metrics::default()),
            passwords: PasswordGate::default(),
            notifier: Arc::new(Notify::new()),
            commands: Arc::new(watch::channel(0).0),
            lobby: Arc::new(watch::channel(0).0),
            stopping: Arc::new(watch::channel(false).0),
            sessions_ended: Arc::new(watch::channel(0).0),
        }
    }

    /// Where notifications can go, from the settings.
    pub fn routing(&self) -> Routing {
        Routing {
            email_enabled: !self.settings.smtp.host.is_empty(),
            reception: self.settings.reception_email.clone().filter(|r| !r.trim().is_empty()),
        }
    }

    /// Queues a desk command for `kiosk` and wakes its long poll. The
    /// library entry point for the desk console and for tests.
    pub async fn issue_command(&self, kiosk: &str, issued_by: &str, command: CommandKind) -> Result<i64, DbError> {
        let (kiosk, by) = (kiosk.to_owned(), issued_by.to_owned());
        let id = self.db.call(move |c| commands::enqueue(c, &kiosk, &by, &command)).await?;
        self.commands_queued();
        Ok(id)
    }

    /// Wakes the long polls after commands were queued in the caller's own
    /// transaction.
    pub fn commands_queued(&self) {
        self.commands.send_modify(|n| *n += 1);
    }

    /// A receiver that changes whenever a command is queued here.
    pub fn command_bell(&self) -> watch::Receiver<u64> {
        self.commands.subscribe()
    }

    /// Tells live lobby pages to refresh.
    pub fn lobby_changed(&self) {
        self.lobby.send_modify(|n| *n += 1);
    }

    /// A receiver that changes whenever the lobby may have changed.
    pub fn lobby_bell(&self) -> watch::Receiver<u64> {
        self.lobby.subscribe()
    }

    /// Tells live streams that some session or token may have ended.
    pub fn sessions_ended(&self) {
        self.sessions_ended.send_modify(|n| *n += 1);
    }

    /// A receiver that changes whenever a session or token may have ended.
    pub fn session_bell(&self) -> watch::Receiver<u64> {
        self.sessions_ended.subscribe()
    }

    /// A receiver that turns true when the service stops.
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stopping.subscribe()
    }

    /// Tells long polls and the worker that the service stops.
    pub fn begin_shutdown(&self) {
        self.stopping.send_replace(true);
    }
}
