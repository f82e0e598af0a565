//! How much a check-in writes. Every B-tree a commit touches is one 4 KiB
//! WAL frame: on a kiosk's SD card that is time and wear, and it is most of
//! what a check-in costs beyond its fsync (see the kiosk bench). A new index
//! or table on the check-in path shows up here as frames, not as a slower
//! run nobody notices.

mod common;

use common::{kiosk, walk_in};
use foyer_kiosk::Actor;

/// WAL frames per walk-in let in: 8 in the visit's commit (visitor, visit
/// and its id/arrival/presence indexes, audit entry, event and its ready
/// index), 3 in the device records' (audit entries, events, ready index),
/// plus the odd page split as the B-trees grow.
const FRAMES_PER_CHECK_IN: f64 = 12.0;

#[test]
fn a_walk_in_writes_no_more_wal_frames_than_its_rows_need() {
    let t = kiosk();
    let wal = t.dir.path().join("kiosk.db-wal");
    let page_size: i64 = {
        let store = t.kiosk.store();
        // No checkpoint may restart the WAL while it is being measured.
        store.conn().execute_batch("PRAGMA wal_autocheckpoint = 0").unwrap();
        store.conn().query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap()
    };
    let req = walk_in("Ada Lovelace", "charles babbage");
    for _ in 0..50 {
        t.kiosk.check_in(&req, &Actor::Visitor).unwrap(); // past the first splits of every tree
    }
    let before = std::fs::metadata(&wal).unwrap().len();
    let n: u32 = 200;
    for _ in 0..n {
        t.kiosk.check_in(&req, &Actor::Visitor).unwrap();
    }
    let written = (std::fs::metadata(&wal).unwrap().len() - before) as f64;
    let frames = written / (page_size + 24) as f64 / f64::from(n);
    println!("{frames:.2} WAL frames per check-in");
    assert!(frames <= FRAMES_PER_CHECK_IN, "{frames:.2} WAL frames per check-in, at most {FRAMES_PER_CHECK_IN}");
}
