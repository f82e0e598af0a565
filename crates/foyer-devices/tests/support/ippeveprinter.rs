//! A real IPP Everywhere printer for tests: CUPS' `ippeveprinter` on
//! 127.0.0.1 at a free port with its own spool directory, killed when the
//! guard drops. Its DNS-SD code needs a D-Bus system bus, so the guard
//! starts a private `dbus-daemon` for it as well.
//!
//! Where it is not installed the tests say they skipped, unless
//! `FOYER_CI_REQUIRE_IPP=1` (CI), where a missing printer fails them.

#![allow(dead_code)] // each test binary uses part of it

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const START_LIMIT: Duration = Duration::from_secs(10);

/// A running ippeveprinter and its bus.
pub struct IppEvePrinter {
    printer: Child,
    bus: Child,
    port: u16,
    spool: PathBuf,
    dir: tempfile::TempDir,
}

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).chain(["/usr/sbin".into(), "/usr/bin".into()]).collect();
    names.iter().flat_map(|n| dirs.iter().map(move |d| d.join(n))).find(|p| p.is_file())
}

/// The two programs, or `None` (said on stderr) when the test must skip.
fn programs() -> Option<(PathBuf, PathBuf)> {
    match (find(&["ippeveprinter"]), find(&["dbus-daemon"])) {
        (Some(p), Some(d)) => Some((p, d)),
        missing => {
            let what = format!("ippeveprinter (cups-ipp-utils) or dbus-daemon is missing: {missing:?}");
            if std::env::var("FOYER_CI_REQUIRE_IPP").as_deref() == Ok("1") {
                panic!("{what}, and FOYER_CI_REQUIRE_IPP=1");
            }
            eprintln!("skipped: {what}");
            None
        }
    }
}

fn wait_until(what: &str, mut ready: impl FnMut() -> bool, child: &mut Child, log: &Path) {
    let started = Instant::now();
    while !ready() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited ({status}): {}", std::fs::read_to_string(log).unwrap_or_default());
        }
        assert!(started.elapsed() < START_LIMIT, "{what} not up after {START_LIMIT:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl IppEvePrinter {
    /// Starts one; `attributes` is the text of an `-a` attributes file
    /// (`None`: ippeveprinter's own office printer). Jobs run `/bin/true`,
    /// so they complete at once instead of after ippeveprinter's simulated
    /// 5–15 s, and `-k` keeps each document in the spool directory.
    pub fn start(attributes: Option<&str>) -> Option<Self> {
        let (ippeve, dbus) = programs()?;
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("bus");
        let bus_log = dir.path().join("bus.log");
        let mut bus = Command::new(dbus)
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address=unix:path={}", socket.display()))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&bus_log).unwrap())
            .spawn()
            .unwrap();
        wait_until("dbus-daemon", || socket.exists(), &mut bus, &bus_log);
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let spool = dir.path().join("spool");
        std::fs::create_dir(&spool).unwrap();
        let log = dir.path().join("printer.log");
        let mut cmd = Command::new(ippeve);
        // -n localhost: it listens on IPv4 and IPv6 of that name.
        cmd.args(["-r", "off", "-n", "localhost", "-k", "-c", "/bin/true", "-p", &port.to_string()]);
        cmd.arg("-d").arg(&spool);
        if let Some(text) = attributes {
            let file = dir.path().join("printer.conf");
            std::fs::write(&file, text).unwrap();
            cmd.arg("-a").arg(file);
        }
        let printer = cmd
            .arg("Foyer Test")
            .env("DBUS_SYSTEM_BUS_ADDRESS", format!("unix:path={}", socket.display()))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut me = Self { printer, bus, port, spool, dir };
        let addr = format!("127.0.0.1:{port}");
        wait_until("ippeveprinter", || TcpStream::connect(&addr).is_ok(), &mut me.printer, &log);
        Some(me)
    }

    /// The printer's URI.
    pub fn uri(&self) -> String {
        format!("ipp://127.0.0.1:{}/ipp/print", self.port)
    }

    /// The documents it received so far (not the `.prn` files in which it
    /// keeps what the print command wrote).
    pub fn documents(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&self.spool)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "prn"))
            .collect();
        found.sort();
        found
    }

    /// Empties every tray through ippeveprinter's own media page (a GET
    /// form meant for testing), so it reports `media-empty`.
    pub fn empty_the_trays(&self) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            s,
            "GET /media?size1=na_letter_8.5x11in&level1=0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        assert!(reply.starts_with("HTTP/1.1 200"), "media form: {}", reply.lines().next().unwrap_or(""));
    }

    /// Its log so far, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("printer.log")).unwrap_or_default()
    }
}

impl Drop for IppEvePrinter {
    fn drop(&mut self) {
        for child in [&mut self.printer, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
