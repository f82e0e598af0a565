//! `foyer users …` end to end: the binary in its own directory with its own
//! data dir, then the database it left checked directly.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use foyer_backoffice::db::{audit, users, Db};

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn run_with(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_foyer"))
            .args(args)
            .current_dir(self.dir.path())
            .env("FOYER_LOG", "warn")
            .env("FOYER_BACKOFFICE__LISTEN", "127.0.0.1:0")
            .env("USER", "installer")
            .env_remove("FOYER_CONFIG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: &str) -> (String, String) {
        let out = self.run_with(args, stdin);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }

    fn usage_error(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run_with(args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stderr).unwrap()
    }

    fn db_path(&self) -> PathBuf {
        self.dir.path().join("foyer-data/backoffice.db")
    }
}

#[test]
fn an_added_user_gets_a_generated_password_printed_once_that_signs_them_in() {
    let site = Site::new();
    let (out, err) = site.ok(&["users", "add", "ana", "--role", "admin"], "");
    let password = out.trim().to_owned();
    assert_eq!(out.lines().count(), 1, "only the password goes to stdout: {out}");
    assert!(password.len() >= 20 && err.contains("shown once"), "{password} / {err}");
    let (out, _) =
        site.ok(&["users", "add", "bo", "--role", "receptionist", "--password-stdin"], "a typed long password\n");
    assert!(out.contains("user bo added as receptionist"));
    assert!(!String::from_utf8_lossy(&std::fs::read(site.db_path()).unwrap()).contains(&password));

    let db = Db::open(&site.db_path()).unwrap();
    assert_eq!(db.with(|c| users::verify(c, "ana", &password)).unwrap().map(|u| u.name), Some("ana".into()));
    assert!(db.with(|c| users::verify(c, "bo", "a typed long password")).unwrap().is_some());
    let added = db.with(|c| audit::list(c, &Default::default(), 10)).unwrap();
    assert_eq!(added[1].actor, "cli:installer");
    assert_eq!(added[1].detail, "role admin, password generated");
    drop(db);

    let (list, _) = site.ok(&["users", "list"], "");
    let lines: Vec<&str> = list.lines().collect();
    assert!(lines[0].starts_with("ana\tadmin\tadded ") && lines[0].ends_with("\tactive"), "{list}");
    assert!(lines[1].starts_with("bo\treceptionist\t"), "{list}");
}

#[test]
fn bad_roles_names_and_passwords_are_usage_errors_and_a_user_is_disabled_once() {
    let site = Site::new();
    assert!(site.usage_error(&["users", "add", "ana", "--role", "root"], "").contains("unknown role"));
    assert!(site.usage_error(&["users", "add", "bad name", "--role", "admin"], "").contains("not allowed"));
    assert!(site.usage_error(&["users", "add", "system", "--role", "admin"], "").contains("reserved"));
    assert!(site
        .usage_error(&["users", "add", "ana", "--role", "admin", "--password-stdin"], "short\n")
        .contains("at least 10"));
    assert!(site
        .usage_error(&["users", "add", "ana", "--role", "admin", "--password-stdin"], "")
        .contains("no password"));
    assert_eq!(site.ok(&["users", "list"], "").0, "", "nothing was added");

    site.ok(&["users", "add", "ana", "--role", "admin"], "");
    assert!(site.usage_error(&["users", "add", "ANA", "--role", "admin"], "").contains("already exists"));
    assert!(site.ok(&["users", "disable", "ana"], "").0.contains("disabled"));
    assert!(site.ok(&["users", "list"], "").0.contains("\tdisabled"));
    assert!(site.usage_error(&["users", "disable", "ana"], "").contains("already disabled"));
    assert!(site.usage_error(&["users", "disable", "nobody"], "").contains("no user is named nobody"));
}
