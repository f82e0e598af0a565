//! The `foyer-backoffice` binary end to end: settings from a combined file,
//! the management commands, exit codes, and `serve` until SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A server directory with a settings file that also holds a kiosk's parts.
struct Server {
    dir: tempfile::TempDir,
}

impl Server {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let settings = format!(
            "data_dir = {:?}\ndevices = \"simulated\"\n[site]\nname = \"HQ\"\n[kiosk]\nname = \"lobby\"\n\
             [backoffice]\nlisten = \"127.0.0.1:0\"\nurl = \"http://127.0.0.1:1\"\nsync_interval_secs = 5\n",
            dir.path().join("data").display()
        );
        std::fs::write(dir.path().join("backoffice.toml"), settings).unwrap();
        Self { dir }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("backoffice.toml")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_foyer-backoffice"));
        cmd.arg("--config").arg(self.config()).args(args).current_dir(self.dir.path());
        cmd.env("FOYER_LOG", "warn").env("USER", "installer").env_remove("FOYER_CONFIG").env_remove("FOYER_DATA_DIR");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).stdin(Stdio::null()).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn usage_error(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stderr).unwrap()
    }
}

#[test]
fn users_are_added_and_listed_in_the_database_of_the_settings_file() {
    let server = Server::new();
    let password = server.ok(&["users", "add", "ana", "--role", "admin"]);
    assert_eq!(password.lines().count(), 1, "only the password goes to stdout: {password}");
    let list = server.ok(&["users", "list"]);
    assert!(list.starts_with("ana\tadmin\tadded ") && list.trim_end().ends_with("\tactive"), "{list}");
    assert!(server.dir.path().join("data/backoffice.db").exists(), "data_dir comes from the file");
    assert!(server.usage_error(&["users", "add", "ana", "--role", "root"]).contains("unknown role"));
}

#[test]
fn users_unlock_clears_a_login_delay_and_is_audited() {
    use foyer_backoffice::db::{audit, login_limit, Db};
    let server = Server::new();
    server.ok(&["users", "add", "ana", "--role", "admin"]);
    let db = Db::open(&server.dir.path().join("data/backoffice.db")).unwrap();
    db.with(|c| {
        for _ in 0..6 {
            login_limit::failed(c, "ana", "203.0.113.7")?;
        }
        Ok(())
    })
    .unwrap();
    assert!(db.with(|c| login_limit::wait_secs(c, "ana", "203.0.113.7")).unwrap() > 0);
    let out = server.ok(&["users", "unlock", " ana "]);
    assert_eq!(out.trim(), "ana: login delay cleared (6 recent failed logins)");
    assert_eq!(db.with(|c| login_limit::wait_secs(c, "ana", "203.0.113.7")).unwrap(), 0);
    let entries = db.with(|c| audit::list(c, &Default::default(), 10)).unwrap();
    let unlock = entries.iter().find(|e| e.action == "login.unlock").expect("audited");
    assert_eq!((unlock.actor.as_str(), unlock.target.as_deref()), ("cli:installer", Some("ana")));
    assert!(server.usage_error(&["users", "unlock", "  "]).contains("name the user"));
}

#[test]
fn kiosks_and_hosts_are_managed_like_with_the_foyer_binary() {
    let server = Server::new();
    let token = server.ok(&["kiosks", "add", "lobby-1"]);
    assert!(token.trim().starts_with("fyk_"), "{token}");
    assert!(server.ok(&["kiosks", "list"]).contains("lobby-1\tactive\tlast seen never"));
    assert!(server.usage_error(&["kiosks", "add", "lobby-1"]).contains("already has a token"));
    let csv = server.dir.path().join("hosts.csv");
    std::fs::write(&csv, "name,email,phone,department\nGrace Hopper,grace@example.org,,Compilers\n").unwrap();
    assert!(server.ok(&["hosts", "import", csv.to_str().unwrap()]).contains("imported 1 hosts: 1 added"));
    assert!(server.ok(&["hosts", "notify", "1", "--no-email"]).contains("host 1: email off"));
}

#[test]
fn an_unknown_key_of_backoffice_exits_2_naming_it() {
    let server = Server::new();
    let text = std::fs::read_to_string(server.config()).unwrap();
    std::fs::write(server.config(), text.replace("listen =", "lisen =")).unwrap();
    let err = server.usage_error(&["users", "list"]);
    assert!(err.contains("backoffice.toml") && err.contains("`backoffice.lisen`"), "{err}");
}

#[test]
fn a_subcommand_is_required_and_unknown_ones_are_usage_errors() {
    let server = Server::new();
    assert!(server.usage_error(&[]).contains("serve"), "the help lists the commands");
    assert!(server.usage_error(&["kiosk"]).contains("kiosk"));
}

#[test]
fn serve_answers_health_checks_and_stops_cleanly_on_sigterm() {
    let server = Server::new();
    let mut child = server.command(&["serve"]).env("FOYER_LOG", "info").stderr(Stdio::piped()).spawn().unwrap();
    let mut log = BufReader::new(child.stderr.take().unwrap());
    let address = serving_address(&mut log);
    let mut http = TcpStream::connect(&address).unwrap();
    write!(http, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    http.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    let term = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(term.success());
    assert!(child.wait().unwrap().success(), "SIGTERM is a clean stop");
    assert!(server.dir.path().join("data/backoffice.db").exists());
}

/// The address from the "back office serving" log line (the port is the
/// system's pick, `listen = 127.0.0.1:0`).
fn serving_address(log: &mut impl BufRead) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(log.read_line(&mut line).unwrap() > 0, "the server stopped before serving");
        if let Some(at) = line.find("listen=") {
            let rest = &line[at + "listen=".len()..];
            return rest.split_whitespace().next().unwrap().trim_matches('"').to_owned();
        }
    }
}
