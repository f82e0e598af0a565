//! `foyer kiosks …` and `foyer backoffice hosts …` end to end: the binary in
//! its own directory with its own data dir (the default `foyer-data/`).

mod common;

use std::process::Output;

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn run(&self, args: &[&str]) -> Output {
        common::foyer_in(self.dir.path(), args)
    }

    fn ok(&self, args: &[&str]) -> String {
        common::foyer_ok(self.dir.path(), args)
    }

    fn usage_error(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stderr).unwrap()
    }
}

#[test]
fn a_kiosk_token_is_printed_once_stored_as_a_hash_and_revocable() {
    let site = Site::new();
    let token = site.ok(&["kiosks", "add", "lobby-1"]).trim().to_owned();
    assert!(token.starts_with("fyk_") && token.len() > 40, "{token}");
    assert!(site.usage_error(&["kiosks", "add", "lobby-1"]).contains("already has a token"));
    assert!(site.ok(&["kiosks", "list"]).contains("lobby-1\tactive\tlast seen never"));
    let db = std::fs::read(site.dir.path().join("foyer-data/backoffice.db")).unwrap();
    assert!(!String::from_utf8_lossy(&db).contains(&token), "the token itself is never stored");

    assert!(site.ok(&["kiosks", "revoke", "lobby-1"]).contains("revoked"));
    assert!(site.ok(&["kiosks", "list"]).contains("lobby-1\trevoked"));
    assert!(site.usage_error(&["kiosks", "revoke", "lobby-1"]).contains("no active kiosk"));
    let again = site.ok(&["kiosks", "add", "lobby-1"]).trim().to_owned();
    assert_ne!(again, token);
}

#[test]
fn hosts_and_desk_commands_are_managed_from_the_command_line() {
    let site = Site::new();
    let csv = "name,email,phone,department\nGrace Hopper,grace@example.org,,Compilers\nAlan Turing,,,\n";
    std::fs::write(site.dir.path().join("hosts.csv"), csv).unwrap();
    assert!(site.ok(&["backoffice", "hosts", "import", "hosts.csv"]).contains("imported 2 hosts: 2 added"));
    let set =
        site.ok(&["backoffice", "hosts", "notify", "1", "--webhook", "https://hooks.example.org/x", "--kind", "slack"]);
    assert!(set.contains("webhook https://hooks.example.org/x"));
    assert!(site
        .usage_error(&["backoffice", "hosts", "notify", "1", "--webhook", "https://x", "--kind", "irc"])
        .contains("irc"));
    assert!(site.usage_error(&["backoffice", "hosts", "notify", "99", "--no-email"]).contains("no host"));

    site.ok(&["kiosks", "add", "lobby-1"]);
    assert!(site.ok(&["kiosks", "command", "lobby-1", "--by", "ana", r#"{"kind":"release_door"}"#]).contains("queued"));
    assert!(site
        .usage_error(&["kiosks", "command", "lobby-1", "--by", "ana", r#"{"kind":"teleport"}"#])
        .contains("not a command"));
    assert!(site
        .usage_error(&["kiosks", "command", "lobby-9", "--by", "ana", r#"{"kind":"release_door"}"#])
        .contains("lobby-9"));
}
