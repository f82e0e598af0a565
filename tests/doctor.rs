//! `foyer doctor` against devices played on pseudo-terminals: OK when they
//! answer, FAIL with a useful hint for a missing port or a silent printer.

use std::io::{Read, Write};
use std::process::Command;
use std::time::{Duration, Instant};

use serialport::{SerialPort, TTYPort};

/// A pty whose slave path the code under test opens; the master answers
/// DLE EOT status queries with `reply` (None: stays silent) for up to 20 s.
fn pty_device(reply: Option<u8>) -> String {
    let (mut master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let path = slave.name().expect("the slave has a path");
    drop(slave);
    master.set_timeout(Duration::from_millis(10)).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let (mut buf, mut chunk) = (Vec::new(), [0u8; 256]);
        while Instant::now() < deadline {
            match master.read(&mut chunk) {
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
            while buf.len() >= 3 {
                if buf[..2] == [0x10, 0x04] {
                    if let Some(r) = reply {
                        let _ = master.write_all(&[r]);
                    }
                    buf.drain(..3);
                } else {
                    buf.remove(0);
                }
            }
        }
    });
    path
}

fn doctor(dir: &std::path::Path, printer: &str, relay: &str, scanner: &str) -> (i32, String) {
    let config = format!(
        "data_dir = \"{data}\"\ndevices = \"hardware\"\n[printer]\nprofile = \"epson-tm-t20iii\"\ntransport = \"{printer}\"\nstatus_poll_secs = 0\n[relay]\nprofile = \"lcus-1\"\nport = \"{relay}\"\n[scanner]\nport = \"{scanner}\"\n",
        data = dir.join("data").display()
    );
    std::fs::write(dir.join("foyer.toml"), config).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_foyer"))
        .args(["doctor", "--config", "foyer.toml"])
        .current_dir(dir)
        .env("FOYER_LOG", "error")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn line<'a>(report: &'a str, name: &str) -> &'a str {
    report.lines().find(|l| l[5..].starts_with(name)).unwrap_or_else(|| panic!("no {name} line in:\n{report}"))
}

#[test]
fn answering_devices_pass() {
    let dir = tempfile::tempdir().unwrap();
    let (code, report) = doctor(dir.path(), &pty_device(Some(0x12)), &pty_device(None), &pty_device(None));
    assert!(line(&report, "printer").starts_with("OK"), "{report}");
    assert!(line(&report, "relay").starts_with("OK"), "{report}");
    assert!(line(&report, "scanner").starts_with("OK"), "{report}");
    assert!(line(&report, "data dir").starts_with("OK"), "{report}");
    assert!(line(&report, "database").starts_with("OK"), "{report}");
    assert_eq!(code, 0, "{report}");
}

#[test]
fn a_missing_port_and_a_silent_printer_fail_with_hints() {
    let dir = tempfile::tempdir().unwrap();
    let (code, report) = doctor(dir.path(), &pty_device(None), "/dev/foyer-no-such-relay", &pty_device(None));
    let printer = line(&report, "printer");
    assert!(printer.starts_with("FAIL") && printer.contains("no answer") && printer.contains("baud"), "{report}");
    let relay = line(&report, "relay");
    assert!(
        relay.starts_with("FAIL") && relay.contains("/dev/foyer-no-such-relay") && relay.contains("udev"),
        "{report}"
    );
    assert_eq!(code, 1);
}

#[test]
fn a_bad_config_is_a_failed_check_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("foyer.toml"), "[relay]\npulse_secs = 99\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_foyer"))
        .args(["doctor", "--config", "foyer.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.starts_with("FAIL config") && report.contains("relay.pulse_secs"), "{report}");
    assert_eq!(out.status.code(), Some(1));
}

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;

#[tokio::test]
async fn the_back_office_check_passes_with_this_kiosks_token_and_fails_with_a_wrong_or_another_kiosks() {
    use foyer::doctor::{check_backoffice, Level};
    let dir = tempfile::tempdir().unwrap();
    let bo = backoffice_support::Backoffice::start(backoffice_support::settings(None, None), dir.path()).await;
    let token = bo.add_kiosk("lobby-1");
    let service = foyer_backoffice::BackofficeSettings::default();
    let mut kiosk_side = foyer::config::KioskLinkConfig { url: bo.url.clone(), token, ..Default::default() };
    let ok = check_backoffice(&kiosk_side, &service, "lobby-1").await;
    assert_eq!(ok.level, Level::Ok, "{ok}");
    // The token works, but its events would name another kiosk and be refused.
    let other = check_backoffice(&kiosk_side, &service, "lobby-2").await;
    assert_eq!(other.level, Level::Fail, "{other}");
    assert!(other.to_string().contains("\"lobby-1\"") && other.hint.contains("kiosk.name = \"lobby-1\""), "{other}");
    kiosk_side.token = foyer_domain::Secret::new("not-the-token");
    let wrong = check_backoffice(&kiosk_side, &service, "lobby-1").await;
    assert_eq!(wrong.level, Level::Fail, "{wrong}");
    assert!(wrong.to_string().contains("401") && wrong.hint.contains("foyer kiosks add"), "{wrong}");
    bo.stop().await;
    let down = check_backoffice(&kiosk_side, &service, "lobby-1").await;
    assert_eq!(down.level, Level::Fail, "{down}");
    assert!(down.hint.contains("running"), "{down}");
}

#[tokio::test]
async fn the_smtp_check_says_ehlo_without_sending_mail() {
    use foyer::doctor::{check_smtp, Level};
    let server = backoffice_support::smtp::SmtpServer::start(&[]);
    let settings = backoffice_support::settings(Some(server.port), None);
    let ok = check_smtp(&settings).await;
    assert_eq!(ok.level, Level::Ok, "{ok}");
    assert!(server.mails().is_empty(), "the check must not send mail");
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let refused = check_smtp(&backoffice_support::settings(Some(closed), None)).await;
    assert_eq!(refused.level, Level::Fail, "{refused}");
}

#[tokio::test]
async fn the_smtp_check_trusts_the_same_ca_file_as_the_sender() {
    use backoffice_support::smtp::{Options, Security, SmtpServer};
    use backoffice_support::tls_certs::TestCa;
    use foyer::doctor::{check_smtp, Level};
    use foyer_backoffice::settings::{CaFile, TlsMode};
    let ca = TestCa::new("Doctor test CA");
    let server =
        SmtpServer::start_with(Options { security: Security::Starttls(ca.server_config()), ..Options::default() });
    let mut settings = backoffice_support::settings(Some(server.port), None);
    settings.smtp.tls = TlsMode::Starttls;
    let untrusted = check_smtp(&settings).await;
    assert_eq!(untrusted.level, Level::Fail, "{untrusted}");
    assert!(untrusted.to_string().contains("STARTTLS failed"), "{untrusted}");
    let dir = tempfile::tempdir().unwrap();
    settings.smtp.ca_file = Some(CaFile::load(ca.write_pem(dir.path(), "relay-ca.pem")).unwrap());
    let ok = check_smtp(&settings).await;
    assert_eq!(ok.level, Level::Ok, "{ok}");
    assert!(server.mails().is_empty(), "the check must not send mail");
}
