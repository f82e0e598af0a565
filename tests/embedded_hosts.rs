//! The all-in-one install has one hosts directory, the in-process back
//! office's, which refuses arrivals for hosts it does not know: `foyer
//! hosts import` fills it and the kiosk's copy under the same ids, a kiosk
//! that imported hosts on its own (an older install) hands them over with
//! their ids so its queued arrivals are accepted, and a linked kiosk sends
//! the installer to its back office instead of making ids of its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use foyer_domain::host::NewHost;
use foyer_kiosk::store::{directory, hosts, Store};

fn foyer(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_foyer"));
    c.args(args)
        .current_dir(dir)
        .env("FOYER_LOG", "warn")
        .env_remove("FOYER_CONFIG")
        .env("FOYER_BACKOFFICE__LISTEN", "127.0.0.1:0")
        .envs(env.iter().copied());
    c
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out: Output = foyer(dir, args, &[]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn data(dir: &Path, file: &str) -> PathBuf {
    dir.join("foyer-data").join(file)
}

/// (id, name, active) of every host in a database's `hosts` table.
fn hosts_in(db: &Path) -> Vec<(i64, String, bool)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT id, name, active FROM hosts ORDER BY id").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn write_csv(dir: &Path, rows: &str) {
    std::fs::write(dir.join("hosts.csv"), format!("name,email,phone,department\n{rows}")).unwrap();
}

#[test]
fn an_import_fills_the_back_offices_directory_and_the_kiosks_copy_under_the_same_ids() {
    let dir = tempfile::tempdir().unwrap();
    write_csv(dir.path(), "Grace Hopper,grace@example.org,,Compilers\nCharles Babbage,charles@example.org,,Engines\n");
    assert!(ok(dir.path(), &["hosts", "import", "hosts.csv"]).contains("2 added, 0 updated"));
    write_csv(dir.path(), "Grace Hopper,grace@example.org,,Navy\nAlan Turing,,+44 161 555 0100,\n");
    assert!(ok(dir.path(), &["hosts", "import", "hosts.csv"]).contains("1 added, 1 updated"));
    let backoffice = hosts_in(&data(dir.path(), "backoffice.db"));
    assert_eq!(backoffice.len(), 3, "{backoffice:?}");
    assert_eq!(hosts_in(&data(dir.path(), "kiosk.db")), backoffice);
    assert!(ok(dir.path(), &["hosts", "list"]).contains("Navy"));
}

#[test]
fn a_linked_kiosk_refuses_a_local_import_and_names_its_back_office() {
    let dir = tempfile::tempdir().unwrap();
    write_csv(dir.path(), "Grace Hopper,grace@example.org,,Compilers\n");
    let out = foyer(dir.path(), &["hosts", "import", "hosts.csv"], &[("FOYER_BACKOFFICE__URL", "http://127.0.0.1:9")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("http://127.0.0.1:9") && err.contains("foyer-backoffice hosts import"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!data(dir.path(), "backoffice.db").exists(), "no back-office database is made for a linked kiosk");
}

#[test]
fn an_older_kiosks_own_hosts_are_handed_over_with_their_ids_and_its_queued_arrival_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("foyer-data")).unwrap();
    // As an install from before: hosts imported into the kiosk's store only,
    // one of them retired since, and a check-in waiting in the outbox.
    {
        let mut store = Store::open(&data(dir.path(), "kiosk.db")).unwrap();
        let rows = [
            NewHost::parse("Old Timer", Some("old@example.org"), None, None).unwrap(),
            NewHost::parse("Grace Hopper", Some("grace@example.org"), None, Some("Compilers")).unwrap(),
            NewHost::parse("Charles Babbage", None, None, Some("Engines")).unwrap(),
        ];
        hosts::import(store.conn_mut(), &rows).unwrap();
        directory::retire_host(store.conn(), 1).unwrap();
    }
    ok(dir.path(), &["checkin", "--name", "Ada Lovelace", "--host", "Charles Babbage", "--type", "delivery"]);

    let mut kiosk = foyer(dir.path(), &["kiosk", "--headless"], &[]).stdin(Stdio::null()).spawn().unwrap();
    let arrived = (0..200).find_map(|_| {
        std::thread::sleep(Duration::from_millis(50));
        let conn = rusqlite::Connection::open(data(dir.path(), "backoffice.db")).ok()?;
        conn.query_row("SELECT host_id, host_name FROM visits WHERE visitor_name = 'Ada Lovelace'", [], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .ok()
    });
    Command::new("kill").args(["-TERM", &kiosk.id().to_string()]).status().unwrap();
    let status = kiosk.wait().unwrap();
    assert_eq!(arrived, Some((3, "Charles Babbage".to_owned())), "the queued arrival reached the back office");
    assert!(status.success(), "{status}");
    let expected = vec![
        (1, "Old Timer".to_owned(), false),
        (2, "Grace Hopper".to_owned(), true),
        (3, "Charles Babbage".to_owned(), true),
    ];
    assert_eq!(hosts_in(&data(dir.path(), "backoffice.db")), expected);
    assert_eq!(hosts_in(&data(dir.path(), "kiosk.db")), expected);
}
