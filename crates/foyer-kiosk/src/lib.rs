//! The use cases of the front office: check in, check out, approve, deny,
//! reprint, release the door. Every change commits its visit, audit entry
//! and outbox event in one transaction before the caller hears of success;
//! devices act after the commit and cannot undo it.

pub mod admission;
pub mod agreement;
pub mod alarms;
pub mod check_in;
pub mod check_in_invited;
pub mod check_out;
pub mod directory;
pub mod door;
pub mod error;
pub mod headless;
pub mod instance_lock;
pub mod invite;
pub mod link;
pub mod notice;
pub mod review;
pub mod store;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::store::Store;
use foyer_devices::{BadgePrinter, DoorRelay};
use foyer_domain::{PulseLength, SiteKey};

pub use agreement::AgreementShown;
pub use check_in_invited::InvitedArrival;
pub use error::{KioskError, KioskResult};

/// Who asked for an action, as written in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A visitor using the kiosk.
    Visitor,
    /// A receptionist at the kiosk, in staff mode (PIN entered).
    Staff,
    /// A desk user, through a back-office command.
    Desk(String),
    /// An operator on the command line.
    Cli,
    /// The kiosk's link to the back office (e.g. holding a refused event).
    Link,
}

impl Actor {
    /// The audit log's name for this actor at `kiosk`.
    pub fn label(&self, kiosk: &str) -> String {
        match self {
            Self::Visitor => format!("visitor@{kiosk}"),
            Self::Staff => format!("staff@{kiosk}"),
            Self::Desk(user) => format!("desk:{user}"),
            Self::Cli => "cli".to_owned(),
            Self::Link => format!("link@{kiosk}"),
        }
    }
}

/// Site and kiosk settings the use cases need.
#[derive(Debug, Clone)]
pub struct KioskSettings {
    pub site_name: String,
    pub kiosk_name: String,
    pub pulse: PulseLength,
}

/// The front office: its store, its site key and its devices.
pub struct Kiosk {
    store: Mutex<Store>,
    key: SiteKey,
    settings: KioskSettings,
    printer: Arc<dyn BadgePrinter>,
    relay: Arc<dyn DoorRelay>,
    /// Set by [`Kiosk::shutdown`]: no door opens after it.
    closing: AtomicBool,
    /// What recent visitors may be told about their hosts.
    notices: notice::NoticeBoard,
}

impl Kiosk {
    pub fn new(
        store: Store,
        key: SiteKey,
        settings: KioskSettings,
        printer: Arc<dyn BadgePrinter>,
        relay: Arc<dyn DoorRelay>,
    ) -> Self {
        Self {
            store: Mutex::new(store),
            key,
            settings,
            printer,
            relay,
            closing: AtomicBool::new(false),
            notices: Default::default(),
        }
    }

    /// The store, for queries. Never hold it across device I/O.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        // A panic elsewhere must not take the kiosk down; SQLite keeps the
        // data consistent on its own.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn settings(&self) -> &KioskSettings {
        &self.settings
    }

    pub fn key(&self) -> &SiteKey {
        &self.key
    }

    pub fn printer(&self) -> &Arc<dyn BadgePrinter> {
        &self.printer
    }

    pub fn relay(&self) -> &Arc<dyn DoorRelay> {
        &self.relay
    }

    /// What recent visitors may be told about their hosts.
    pub fn notices(&self) -> &notice::NoticeBoard {
        &self.notices
    }

    fn actor(&self, actor: &Actor) -> String {
        actor.label(&self.settings.kiosk_name)
    }
}

impl Kiosk {
    /// Records something a device did (or failed to do) after a commit.
    pub(crate) fn record(&self, actor: &Actor, record: DeviceRecord) {
        self.record_all(actor, &[record]);
    }

    /// Records device actions: an audit entry and an outbox event each, all
    /// in one transaction, synced within 50 ms rather than waited for. A
    /// failure here is logged, never raised: the actions it records have
    /// already happened.
    pub(crate) fn record_all(&self, actor: &Actor, records: &[DeviceRecord]) {
        if let Err(e) = self.try_record_all(actor, records) {
            let actions: Vec<&str> = records.iter().map(|r| r.action).collect();
            tracing::error!(?actions, error = %e, "could not record device actions");
        }
    }

    /// As [`Kiosk::record_all`], saying whether the records are written:
    /// for an action that must not happen unrecorded (the door).
    pub(crate) fn try_record_all(&self, actor: &Actor, records: &[DeviceRecord]) -> KioskResult<()> {
        // Relaxed: the visitor should not wait a second fsync for these
        // records (see `store::wal_sync`); a killed process keeps them.
        self.store().write_relaxed(|tx| {
            for r in records {
                let visit_id = r.event.visit_id().map(|v| v.to_string());
                crate::store::audit::append(tx, &self.actor(actor), r.action, visit_id.as_deref(), &r.detail)?;
                crate::store::outbox::push(tx, &r.event)?;
            }
            Ok(())
        })?;
        Ok(())
    }

    /// `e`, naming the data directory when the disk is full.
    pub(crate) fn in_data_dir(&self, e: KioskError) -> KioskError {
        match e {
            KioskError::Store(s) => {
                let dir = self.store().dir().to_owned();
                KioskError::Store(s.in_dir(&dir))
            }
            other => other,
        }
    }
}

/// What a device did, for the audit log and the back office.
#[derive(Debug, Clone)]
pub(crate) struct DeviceRecord {
    pub action: &'static str,
    pub event: foyer_domain::events::KioskEvent,
    pub detail: serde_json::Value,
}

impl Kiosk {
    /// Writes an audit entry for an action that changes no visit (staff
    /// login, a failed PIN, leaving staff mode).
    pub fn note(&self, actor: &Actor, action: &str, detail: serde_json::Value) {
        let result = crate::store::audit::append(self.store().conn(), &self.actor(actor), action, None, &detail);
        if let Err(e) = result {
            tracing::error!(action, error = %e, "could not write the audit log");
        }
    }

    /// Stops the kiosk safely, for a signal or the window closing: no door
    /// opens after this (a check-in in hand still commits and prints, but its
    /// release is refused), the relay is switched off, and the WAL is
    /// checkpointed into the database file so the directory is complete.
    pub fn shutdown(&self) {
        self.closing.store(true, Ordering::SeqCst);
        if let Err(e) = self.relay.off() {
            tracing::error!(error = %e, "could not switch the door relay off at shutdown");
        }
        let checkpoint = self.store().conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        if let Err(e) = checkpoint {
            tracing::warn!(error = %e, "could not checkpoint the kiosk database at shutdown");
        }
        tracing::info!("kiosk stopped");
    }

    /// Whether [`Kiosk::shutdown`] has begun.
    pub fn is_closing(&self) -> bool {
        self.closing.load(Ordering::SeqCst)
    }

    /// When the back office last answered a directory sync, if ever.
    pub fn last_backoffice_contact(&self) -> KioskResult<Option<i64>> {
        Ok(crate::store::link_state::last_contact(self.store().conn())?)
    }

    /// Events waiting for the back office (shown in staff mode).
    pub fn outbox_length(&self) -> KioskResult<i64> {
        Ok(crate::store::outbox::pending_count(self.store().conn())?)
    }

    /// Events the back office refused, held back in the outbox until an
    /// installer retries them (shown in staff mode).
    pub fn outbox_held(&self) -> KioskResult<i64> {
        Ok(crate::store::quarantine::held_count(self.store().conn())?)
    }
}
