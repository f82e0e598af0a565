//! The `foyer` binary end to end: each test runs it in its own directory
//! with its own data dir, as an admin or installer would.

use std::process::{Command, Output};

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_foyer"));
        c.args(args)
            .current_dir(self.dir.path())
            .env("FOYER_LOG", "warn")
            .env_remove("FOYER_CONFIG")
            // The in-process back office of `foyer kiosk`: any free loopback port.
            .env("FOYER_BACKOFFICE__LISTEN", "127.0.0.1:0");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn hosts(&self) {
        let csv = "name,email,phone,department\nGrace Hopper,grace@example.org,,Compilers\nCharles Babbage,charles@example.org,,Engines\n";
        std::fs::write(self.path("hosts.csv"), csv).unwrap();
        self.ok(&["hosts", "import", "hosts.csv"]);
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn field<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines().find_map(|l| l.strip_prefix(key)).map(str::trim).unwrap_or_else(|| panic!("no {key} in {out}"))
}

#[test]
fn help_lists_the_kiosk_and_the_back_office() {
    let help = Site::new().ok(&["--help"]);
    assert!(help.contains("kiosk") && help.contains("backoffice"), "{help}");
}

#[test]
fn check_in_shows_on_site_and_the_printed_token_checks_out() {
    let s = Site::new();
    s.hosts();
    let out = s.ok(&[
        "checkin",
        "--name",
        "Ada Lovelace",
        "--host",
        "grace hopper",
        "--company",
        "Engines Ltd",
        "--accept-agreement",
    ]);
    let visit = field(&out, "visit ");
    let token = field(&out, "token ");
    assert!(s.ok(&["visits", "list", "--on-site"]).contains(visit));
    assert!(s.ok(&["token", "verify", token]).contains(visit));
    assert!(s.ok(&["checkout", token]).contains("Ada Lovelace"));
    assert!(!s.ok(&["visits", "list", "--on-site"]).contains(visit));
    let again = s.run(&["checkout", token]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already checked out"));
    assert!(s.path("foyer-data/site.key").exists());
}

#[test]
fn an_unknown_host_suggests_close_matches_and_changes_nothing() {
    let s = Site::new();
    s.hosts();
    let out = s.run(&["checkin", "--name", "Ada", "--host", "Grace Hoper", "--type", "delivery"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did you mean Grace Hopper"), "{}", stderr(&out));
    assert_eq!(s.ok(&["visits", "list"]), "");
}

#[test]
fn a_badge_language_that_is_no_kiosk_language_exits_2_naming_it_and_checks_nobody_in() {
    let s = Site::new();
    s.hosts();
    let out = s.run(&["checkin", "--name", "Ada", "--host", "Grace Hopper", "--type", "delivery", "--language", "DE"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("\"DE\" is not one of en, de, es, fr"), "{}", stderr(&out));
    assert_eq!(s.ok(&["visits", "list"]), "");
    s.ok(&["checkin", "--name", "Ada", "--host", "Grace Hopper", "--type", "delivery", "--language", "de"]);
    assert!(s.ok(&["visits", "list"]).contains("Ada"));
}

#[test]
fn a_guest_without_the_agreement_is_refused_by_name() {
    let s = Site::new();
    s.hosts();
    let out = s.run(&["checkin", "--name", "Ada", "--host", "Grace Hopper"]);
    assert!(stderr(&out).contains("visitor agreement"), "{}", stderr(&out));
}

#[test]
fn a_broken_csv_row_names_its_line_and_imports_nothing() {
    let s = Site::new();
    let csv = "name,email,phone,department\nGrace Hopper,grace@example.org,,\nAlan Turing,alan(at)example.org,,\n";
    std::fs::write(s.path("bad.csv"), csv).unwrap();
    let out = s.run(&["hosts", "import", "bad.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 3") && stderr(&out).contains("email"), "{}", stderr(&out));
    assert_eq!(s.ok(&["hosts", "list"]), "");
}

#[test]
fn the_csv_export_neutralises_formulas() {
    let s = Site::new();
    s.hosts();
    s.ok(&[
        "checkin",
        "--name",
        "=HYPERLINK(\"http://x\",\"y\")",
        "--host",
        "Grace Hopper",
        "--company",
        "@SUM(A1)",
        "--type",
        "delivery",
    ]);
    s.ok(&["checkin", "--name", "Plain, \"Quoted\" Name", "--host", "Grace Hopper", "--type", "delivery"]);
    s.ok(&["visits", "export", "--csv", "--out", "log.csv"]);
    let csv = std::fs::read_to_string(s.path("log.csv")).unwrap();
    assert!(csv.starts_with("visit_id,visitor_name,company"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), "{csv}");
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(csv.contains("\"Plain, \"\"Quoted\"\" Name\""), "{csv}");
    assert!(csv.contains("\r\n"), "RFC 4180 uses CRLF");
    let stdout = s.ok(&["visits", "export", "--csv"]);
    assert_eq!(stdout, csv);
}

#[test]
fn a_bad_config_exits_2_naming_key_and_file() {
    let s = Site::new();
    std::fs::write(s.path("foyer.toml"), "[relay]\npulse_secs = 99\n").unwrap();
    let out = s.run(&["visits", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("foyer.toml") && err.contains("relay.pulse_secs"), "{err}");
    assert!(!err.contains("panicked"));
    let out = s.cmd(&["visits", "list"]).env("FOYER_DEVICES", "laser").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A CA file is read at load, so a wrong path stops every command.
    std::fs::write(s.path("foyer.toml"), "").unwrap();
    let out = s.cmd(&["visits", "list"]).env("FOYER_BACKOFFICE__SMTP__CA_FILE", "relay-ca.pem").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("FOYER_BACKOFFICE__SMTP__CA_FILE") && err.contains("cannot read relay-ca.pem"), "{err}");
}

#[test]
fn an_invitation_code_checks_in_a_delivery() {
    let s = Site::new();
    s.hosts();
    let out = s.ok(&["invite", "--name", "Parcel Courier", "--host", "charles@example.org", "--type", "delivery"]);
    let code = field(&out, "invitation ");
    assert_eq!(code.len(), 9);
    assert!(s.ok(&["visits", "list"]).contains("expected"));
    let mut child = s
        .cmd(&["kiosk", "--headless", "--scan-stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::{BufRead, Write};
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{code}").unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    assert!(line.starts_with("checked in: Parcel Courier"), "{line}");
    writeln!(stdin, "not a code").unwrap();
    assert!(lines.next().unwrap().unwrap().starts_with("refused:"));
    stop(&mut child);
    assert!(s.ok(&["visits", "list", "--on-site"]).contains("Parcel Courier"));
}

fn stop(child: &mut std::process::Child) {
    // SIGTERM, as systemd sends it; the kiosk must exit 0 within a few seconds.
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    for _ in 0..100 {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    panic!("the kiosk did not stop within 5 s of SIGTERM");
}

#[test]
fn the_headless_kiosk_checks_out_a_scanned_badge_and_stops_on_sigterm() {
    let s = Site::new();
    s.hosts();
    let out = s.ok(&["checkin", "--name", "Ada", "--host", "Grace Hopper", "--type", "delivery"]);
    let token = field(&out, "token ").to_owned();
    let mut child = s
        .cmd(&["kiosk", "--headless", "--scan-stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::{BufRead, Write};
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{token}\r").unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    assert!(line.starts_with("checked out: Ada"), "{line}");
    stop(&mut child);
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(s.ok(&["visits", "list", "--on-site"]), "");
}

#[test]
fn backup_copies_the_kiosk_database_and_never_overwrites() {
    let s = Site::new();
    s.hosts();
    s.ok(&["checkin", "--name", "Ada", "--host", "Grace Hopper", "--type", "delivery"]);
    let out = s.ok(&["backup", "copy.db"]);
    assert!(out.contains("integrity ok"), "{out}");
    let conn = rusqlite::Connection::open(s.path("copy.db")).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM visits", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
    assert_eq!(s.run(&["backup", "copy.db"]).status.code(), Some(1));
}
