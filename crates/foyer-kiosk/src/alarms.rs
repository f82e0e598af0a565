//! Where device alarms go: the audit log and the outbox (so the desk hears
//! of a relay that would not switch off, or a printer that went offline).

use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::store::{audit, outbox, Store, StoreResult};
use foyer_devices::{AlarmSink, DeviceAlarm};
use foyer_domain::events::KioskEvent;

/// An alarm sink writing to the kiosk database through its own connection,
/// so a device thread never waits on the kiosk's lock.
pub fn store_alarm_sink(db: &Path, kiosk_name: &str) -> StoreResult<AlarmSink> {
    let store = Mutex::new(Store::open(db)?);
    let actor = format!("device@{kiosk_name}");
    Ok(Arc::new(move |alarm: DeviceAlarm| {
        tracing::warn!(device = %alarm.device, "{}", alarm.message);
        let mut store = store.lock().unwrap_or_else(|e| e.into_inner());
        let result = (|| -> StoreResult<()> {
            let tx = crate::store::write_tx(store.conn_mut())?;
            let detail = serde_json::json!({ "device": alarm.device, "message": alarm.message });
            audit::append(&tx, &actor, "device.alarm", None, &detail)?;
            outbox::push(
                &tx,
                &KioskEvent::DeviceAlarm { device: alarm.device.clone(), message: alarm.message.clone() },
            )?;
            tx.commit()?;
            Ok(())
        })();
        if let Err(e) = result {
            tracing::error!(error = %e, "could not record a device alarm");
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alarm_is_audited_and_queued_for_the_back_office() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let sink = store_alarm_sink(&db, "lobby").unwrap();
        sink(DeviceAlarm { device: "relay".into(), message: "did not confirm OFF".into() });
        let store = Store::open(&db).unwrap();
        let events = outbox::pending(store.conn(), 10).unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_type, "device.alarm");
        assert_eq!(events[0].data["message"], "did not confirm OFF");
        assert_eq!(audit::recent(store.conn(), None, 10).unwrap()[0].actor, "device@lobby");
    }
}
