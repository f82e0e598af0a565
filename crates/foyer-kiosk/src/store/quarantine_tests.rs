use super::*;
use crate::store::{outbox, Store};
use foyer_domain::events::KioskEvent;

fn store_with(n: usize) -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("k.db")).unwrap();
    for i in 0..n {
        let event = KioskEvent::DeviceAlarm { device: "printer".into(), message: format!("alarm {i}") };
        outbox::push(store.conn(), &event).unwrap();
    }
    let seqs = outbox::pending(store.conn(), 100).unwrap().iter().map(|r| r.seq).collect();
    (dir, store, seqs)
}

fn pending_seqs(store: &Store) -> Vec<i64> {
    outbox::pending(store.conn(), 100).unwrap().iter().map(|r| r.seq).collect()
}

fn actions(store: &Store) -> Vec<(String, serde_json::Value)> {
    audit::recent(store.conn(), None, 100).unwrap().into_iter().rev().map(|e| (e.action, e.detail)).collect()
}

#[test]
fn a_held_event_is_skipped_and_the_others_keep_their_order() {
    let (_dir, mut store, seqs) = store_with(4);
    assert!(hold(store.conn_mut(), seqs[1], "422 Unprocessable Entity: unknown type", "link@lobby").unwrap());
    assert_eq!(pending_seqs(&store), vec![seqs[0], seqs[2], seqs[3]]);
    assert_eq!(outbox::pending_count(store.conn()).unwrap(), 3);
    assert_eq!(held_count(store.conn()).unwrap(), 1);
    let held = unsent(store.conn(), true).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].seq, seqs[1]);
    assert_eq!(held[0].held.as_ref().unwrap().1, "422 Unprocessable Entity: unknown type");
    assert_eq!(unsent(store.conn(), false).unwrap().len(), 4, "listing all shows waiting and held");
}

#[test]
fn holding_writes_an_audit_entry_naming_the_event() {
    let (_dir, mut store, seqs) = store_with(1);
    let row = outbox::pending(store.conn(), 1).unwrap().remove(0);
    hold(store.conn_mut(), seqs[0], "400 Bad Request: not json", "link@lobby").unwrap();
    let (action, detail) = actions(&store).pop().unwrap();
    assert_eq!(action, "outbox.held");
    assert_eq!(detail["event_id"], row.event_id.to_string());
    assert_eq!(detail["type"], "device.alarm");
    assert_eq!(detail["reason"], "400 Bad Request: not json");
}

#[test]
fn a_sent_event_cannot_be_held() {
    let (_dir, mut store, seqs) = store_with(1);
    outbox::mark_sent(store.conn_mut(), &seqs).unwrap();
    assert!(!hold(store.conn_mut(), seqs[0], "late", "link@lobby").unwrap());
    assert_eq!(held_count(store.conn()).unwrap(), 0);
    assert!(actions(&store).is_empty(), "nothing held, nothing audited");
}

#[test]
fn marking_sent_leaves_a_released_event_between_them_unsent() {
    // The forwarder sent seqs 0 and 2 while seq 1 was held; it was released
    // meanwhile and has not been sent.
    let (_dir, mut store, seqs) = store_with(3);
    hold(store.conn_mut(), seqs[1], "refused", "link@lobby").unwrap();
    let batch = pending_seqs(&store);
    assert_eq!(release(store.conn_mut(), seqs[1], "cli").unwrap(), Release::Released);
    assert_eq!(outbox::mark_sent(store.conn_mut(), &batch).unwrap(), 2);
    assert_eq!(pending_seqs(&store), vec![seqs[1]]);
}

#[test]
fn release_tells_held_waiting_sent_and_missing_apart() {
    let (_dir, mut store, seqs) = store_with(3);
    hold(store.conn_mut(), seqs[0], "refused", "link@lobby").unwrap();
    outbox::mark_sent(store.conn_mut(), &[seqs[2]]).unwrap();
    assert_eq!(release(store.conn_mut(), seqs[1], "cli").unwrap(), Release::Waiting);
    assert!(matches!(release(store.conn_mut(), seqs[2], "cli").unwrap(), Release::Sent(_)));
    assert_eq!(release(store.conn_mut(), 999, "cli").unwrap(), Release::Missing);
    assert_eq!(release(store.conn_mut(), seqs[0], "cli").unwrap(), Release::Released);
    assert_eq!(pending_seqs(&store), vec![seqs[0], seqs[1]], "back in seq order");
    let (action, detail) = actions(&store).pop().unwrap();
    assert_eq!((action.as_str(), &detail["was_held_for"]), ("outbox.retry", &json!("refused")));
}

#[test]
fn release_all_releases_only_the_held_ones() {
    let (_dir, mut store, seqs) = store_with(4);
    hold(store.conn_mut(), seqs[0], "a", "link@lobby").unwrap();
    hold(store.conn_mut(), seqs[3], "b", "link@lobby").unwrap();
    assert_eq!(release_all(store.conn_mut(), "cli").unwrap(), 2);
    assert_eq!(held_count(store.conn()).unwrap(), 0);
    assert_eq!(pending_seqs(&store), seqs);
    assert_eq!(release_all(store.conn_mut(), "cli").unwrap(), 0);
    let retries = actions(&store).iter().filter(|(a, _)| a == "outbox.retry").count();
    assert_eq!(retries, 2, "one audit entry per released event");
}

#[test]
fn a_long_reason_is_cut_on_a_character_boundary() {
    let (_dir, mut store, seqs) = store_with(1);
    let long = "é".repeat(REASON_MAX_CHARS + 50);
    hold(store.conn_mut(), seqs[0], &long, "link@lobby").unwrap();
    let reason = unsent(store.conn(), true).unwrap().remove(0).held.unwrap().1;
    assert_eq!(reason.chars().count(), REASON_MAX_CHARS + 1, "the cut is marked with an ellipsis");
    assert!(reason.ends_with("é…"));
}
