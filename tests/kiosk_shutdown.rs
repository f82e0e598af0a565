//! `foyer kiosk` stops as the systemd unit expects: SIGTERM, SIGINT or
//! SIGHUP switch the door relay off (a real LCUS-1 frame on a pty), close
//! the store and exit 0, headless and in a real window under Xvfb; a second
//! kiosk on the same data directory is refused.

#[path = "../crates/foyer-devices/tests/support/relay_player.rs"]
mod relay_player;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use relay_player::{Player, Silent};
use serialport::{SerialPort, TTYPort};

const OFF: [u8; 4] = [0xA0, 0x01, 0x00, 0xA1];
const ON: [u8; 4] = [0xA0, 0x01, 0x01, 0xA2];

/// A relay played on a pty, and a config that drives it for real.
fn relay_config(dir: &Path) -> (Player, TTYPort) {
    let (master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().expect("a pty slave has a path");
    std::fs::write(
        dir.join("foyer.toml"),
        format!(
            "devices = \"hardware\"\n[relay]\nprofile = \"lcus-1\"\nport = \"{path}\"\n[backoffice]\nlisten = \"127.0.0.1:0\"\n"
        ),
    )
    .unwrap();
    (Player::start(master, Silent(4)), slave)
}

fn kiosk(dir: &Path, args: &[&str], display: Option<&str>) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_foyer"));
    cmd.arg("kiosk").args(args).current_dir(dir).env("FOYER_LOG", "info").env_remove("FOYER_CONFIG");
    cmd.env_remove("FOYER_DATA_DIR").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    match display {
        Some(d) => cmd.env("DISPLAY", d).env_remove("WAYLAND_DISPLAY"),
        None => cmd.env_remove("DISPLAY"),
    };
    cmd.spawn().unwrap()
}

fn signal(child: &Child, name: &str) {
    let ok = Command::new("kill").arg(format!("-{name}")).arg(child.id().to_string()).status().unwrap();
    assert!(ok.success());
}

/// Waits (bounded) for the child to exit; its status and standard error.
fn finish(mut child: Child, within: Duration) -> (std::process::ExitStatus, String) {
    let deadline = Instant::now() + within;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the kiosk did not stop within {within:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn stops_on(signal_name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (relay, _line) = relay_config(dir.path());
    let child = kiosk(dir.path(), &["--headless"], None);
    // Switched off when opened and again at start-up.
    relay.wait_for(2, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(300));
    let before = relay.bytes().len();
    signal(&child, signal_name);
    let (status, stderr) = finish(child, Duration::from_secs(20));
    assert_eq!(status.code(), Some(0), "{signal_name}: {stderr}");
    assert!(stderr.contains("kiosk stopped"), "{stderr}");
    let frames = relay.wait_for(before + 1, Duration::from_secs(2));
    assert!(frames.len() > before, "no OFF frame after {signal_name}: {:?}", relay.bytes());
    assert!(frames.iter().all(|f| f.bytes == OFF), "{:?}", relay.bytes());
}

#[test]
fn the_headless_kiosk_stops_cleanly_on_sigterm() {
    stops_on("TERM");
}

#[test]
fn the_headless_kiosk_stops_cleanly_on_sighup_and_sigint() {
    stops_on("HUP");
    stops_on("INT");
}

#[test]
fn a_second_kiosk_on_the_same_data_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (relay, _line) = relay_config(dir.path());
    let first = kiosk(dir.path(), &["--headless"], None);
    // The relay is switched off when it is opened and again at start-up.
    relay.wait_for(2, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(300));
    let frames_of_first = relay.bytes().len();
    let second = kiosk(dir.path(), &["--headless"], None);
    let (status, stderr) = finish(second, Duration::from_secs(20));
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("another kiosk is already running"), "{stderr}");
    assert!(stderr.contains(&format!("process {}", first.id())), "{stderr}");
    assert_eq!(relay.bytes().len(), frames_of_first, "the refused kiosk touched the relay: {:?}", relay.bytes());
    signal(&first, "TERM");
    assert_eq!(finish(first, Duration::from_secs(20)).0.code(), Some(0));
}

/// An X server of our own on a free display, stopped when dropped.
struct Xvfb(Child, String);

impl Xvfb {
    fn start() -> Option<Self> {
        let display = (90..120).find(|n| !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists())?;
        let child = Command::new("Xvfb")
            .args([format!(":{display}").as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let socket = format!("/tmp/.X11-unix/X{display}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&socket).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Self(child, format!(":{display}")))
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_windowed_kiosk_stops_cleanly_on_sigterm_under_xvfb() {
    let Some(x) = Xvfb::start() else {
        assert!(std::env::var_os("FOYER_CI_REQUIRE_XVFB").is_none(), "Xvfb is required here (Debian package xvfb)");
        eprintln!("SKIPPED: Xvfb is not installed (Debian package xvfb)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (relay, _line) = relay_config(dir.path());
    let child = kiosk(dir.path(), &[], Some(&x.1));
    relay.wait_for(2, Duration::from_secs(30));
    // The start-up OFF is sent just before the event loop starts; give it a
    // moment to draw, so the signal reaches a running window.
    std::thread::sleep(Duration::from_millis(500));
    let before = relay.bytes().len();
    assert!(before >= 1, "no start-up OFF frame");
    signal(&child, "TERM");
    let (status, stderr) = finish(child, Duration::from_secs(20));
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("kiosk stopped"), "{stderr}");
    let bytes = relay.wait_for(before + 1, Duration::from_secs(2)).into_iter().map(|f| f.bytes).collect::<Vec<_>>();
    assert!(bytes.len() > before && !bytes.contains(&ON.to_vec()), "no OFF after SIGTERM: {bytes:?}");
    assert_eq!(bytes.last().unwrap(), &OFF.to_vec());
}
