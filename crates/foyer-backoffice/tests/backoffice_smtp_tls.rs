//! Email over TLS end to end: the real back office on loopback sends a
//! host's arrival notice through the test SMTP server, upgraded with
//! STARTTLS or encrypted from the first byte, trusting the server's
//! private CA only because `smtp.ca_file` names it.

mod backoffice_support;

use std::time::Duration;

use backoffice_support::smtp::{Login, Options, Security, SmtpServer};
use backoffice_support::tls_certs::TestCa;
use backoffice_support::{arrival, eventually, logs, post_events, seed_hosts, settings, Backoffice};
use foyer_backoffice::db::notifications::{self, NotificationRow};
use foyer_backoffice::settings::{CaFile, TlsMode};
use foyer_domain::Secret;
use foyer_wire::EventBatch;
use tempfile::TempDir;

const WAIT: Duration = Duration::from_secs(20);
const USER: &str = "foyer@example.org";
/// Distinctive, so finding it anywhere in the logs means it leaked.
const PASSWORD: &str = "tls-only-9f3c-pa55word";

/// The back office with email through `server`'s port in `mode`, trusting
/// `trust`'s CA through a `ca_file` when given, logging in when `login`.
/// The temp dir holds the database and the CA file: keep it to the end.
async fn start(
    server: Options,
    mode: TlsMode,
    trust: Option<&TestCa>,
    login: bool,
) -> (SmtpServer, Backoffice, TempDir) {
    let smtp = SmtpServer::start_with(server);
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(Some(smtp.port), Some("desk@example.org"));
    s.smtp.tls = mode;
    if let Some(ca) = trust {
        s.smtp.ca_file = Some(CaFile::load(ca.write_pem(dir.path(), "relay-ca.pem")).unwrap());
    }
    if login {
        s.smtp.username = Some(USER.into());
        s.smtp.password = Secret::new(PASSWORD);
    }
    let bo = Backoffice::start(s, dir.path()).await;
    seed_hosts(&bo);
    (smtp, bo, dir)
}

/// A kiosk reports that Ada Lovelace arrived for Grace Hopper (host 2).
async fn ada_arrives(bo: &Backoffice) -> String {
    let token = bo.add_kiosk("lobby-1");
    let body = serde_json::to_string(&EventBatch { events: vec![arrival(2, "Ada Lovelace")] }).unwrap();
    assert_eq!(post_events(&bo.url, Some(token.expose()), body).await.status(), 200);
    token.expose().to_owned()
}

fn rows(bo: &Backoffice) -> Vec<NotificationRow> {
    let mut rows = bo.state.db.with(|c| notifications::list(c, None, None, 1000)).unwrap();
    rows.sort_by_key(|r| r.id);
    rows
}

fn settled(bo: &Backoffice, status: &str, count: usize) -> bool {
    let rows = rows(bo);
    rows.len() == count && rows.iter().all(|r| r.status == status)
}

/// One email to Grace, sent over TLS and recorded as sent; the password is
/// nowhere in what the back office shows or logs.
async fn check_one_email_over_tls(smtp: &SmtpServer, bo: &Backoffice, token: &str) {
    eventually(WAIT, "the host's email, recorded as sent", || settled(bo, "sent", 1)).await;
    let rows = rows(bo);
    assert_eq!((rows[0].channel.as_str(), rows[0].attempts, rows[0].last_error.as_deref()), ("email", 1, None));
    let mails = smtp.mails();
    assert_eq!(mails.len(), 1, "exactly one email");
    let mail = &mails[0];
    assert!(mail.over_tls, "the message came in over TLS");
    assert_eq!(mail.user.as_deref(), Some(USER), "sent by the logged-in session");
    assert_eq!(mail.to, ["grace@example.org"]);
    assert!(mail.data.contains("Subject: Ada Lovelace from Acme is here to see you"), "{}", mail.data);

    let api = backoffice_support::http().get(format!("{}/api/v1/notifications", bo.url)).bearer_auth(token);
    let api = api.send().await.unwrap().text().await.unwrap();
    assert!(api.contains("\"sent\"") && !api.contains(PASSWORD), "{api}");
    let logs = logs::capture().text();
    assert!(logs.contains("back office serving"), "the capture works:\n{logs}");
    assert!(!logs.contains(PASSWORD), "the password is in the logs:\n{logs}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_delivers_one_email_over_tls_and_logs_in_only_after_the_upgrade() {
    logs::capture();
    let ca = TestCa::new("Foyer test relay CA");
    let server =
        Options { security: Security::Starttls(ca.server_config()), auth: "PLAIN LOGIN", ..Options::default() };
    let (smtp, bo, _dir) = start(server, TlsMode::Starttls, Some(&ca), true).await;
    let token = ada_arrives(&bo).await;
    check_one_email_over_tls(&smtp, &bo, &token).await;
    let login = Login { mechanism: "PLAIN".into(), user: USER.into(), password: PASSWORD.into() };
    assert_eq!(smtp.logins(), [login]);
    // EHLO again after the upgrade (what was said in clear text no longer
    // counts), and AUTH only then.
    assert_eq!(smtp.commands(), ["EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT", "DATA"]);
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn implicit_tls_delivers_one_email_and_logs_in_over_tls() {
    logs::capture();
    let ca = TestCa::new("Foyer test relay CA");
    let server = Options { security: Security::ImplicitTls(ca.server_config()), auth: "LOGIN", ..Options::default() };
    let (smtp, bo, _dir) = start(server, TlsMode::Tls, Some(&ca), true).await;
    let token = ada_arrives(&bo).await;
    check_one_email_over_tls(&smtp, &bo, &token).await;
    let login = Login { mechanism: "LOGIN".into(), user: USER.into(), password: PASSWORD.into() };
    assert_eq!(smtp.logins(), [login]);
    assert_eq!(smtp.commands(), ["EHLO", "AUTH", "MAIL", "RCPT", "DATA"], "no STARTTLS: TLS from the first byte");
    bo.stop().await;
}

/// Without `ca_file` the test CA is unknown: every attempt stops at the
/// handshake, is retried per the queue's rules, then reception is told
/// (through the same server, so that fails the same way).
async fn an_untrusted_certificate_is_refused(security: Security, mode: TlsMode) {
    let logs = logs::capture();
    let (smtp, bo, _dir) =
        start(Options { security, auth: "PLAIN LOGIN", ..Options::default() }, mode, None, true).await;
    ada_arrives(&bo).await;
    eventually(WAIT, "the email and the reception fallback, both failed", || settled(&bo, "failed", 2)).await;
    let rows = rows(&bo);
    let summary: Vec<_> = rows.iter().map(|r| (r.channel.as_str(), r.attempts, r.is_fallback)).collect();
    assert_eq!(summary, [("email", 3, false), ("reception", 3, true)], "first attempt and two retries each");
    for row in &rows {
        let error = row.last_error.as_deref().unwrap();
        assert!(error.contains("certificate is not trusted") && error.contains("UnknownIssuer"), "{error}");
        assert!(error.contains("backoffice.smtp.ca_file"), "{error}");
    }
    eventually(WAIT, "six refused handshakes", || smtp.tls_failures() == 6).await;
    assert!(smtp.mails().is_empty() && smtp.logins().is_empty());
    assert!(!smtp.commands().iter().any(|c| c == "AUTH" || c == "MAIL"), "{:?}", smtp.commands());
    let text = logs.text();
    assert!(text.contains("will retry") && text.contains("certificate is not trusted"), "{text}");
    assert!(!text.contains(PASSWORD), "the password is in the logs:\n{text}");
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_certificate_after_starttls_fails_then_reception_is_tried() {
    let ca = TestCa::new("A CA nobody trusts");
    an_untrusted_certificate_is_refused(Security::Starttls(ca.server_config()), TlsMode::Starttls).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_certificate_on_implicit_tls_fails_then_reception_is_tried() {
    let ca = TestCa::new("A CA nobody trusts");
    an_untrusted_certificate_is_refused(Security::ImplicitTls(ca.server_config()), TlsMode::Tls).await;
}

/// No credentials here: with them, lettre would stop at "no AUTH offered"
/// even if the back office ignored the missing STARTTLS, so only a test
/// without them shows that nothing goes out in clear text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_mode_never_sends_in_clear_text_to_a_server_without_starttls() {
    let (smtp, bo, _dir) = start(Options::default(), TlsMode::Starttls, None, false).await;
    ada_arrives(&bo).await;
    eventually(WAIT, "the email and the reception fallback, both failed", || settled(&bo, "failed", 2)).await;
    for row in rows(&bo) {
        let error = row.last_error.unwrap();
        assert!(error.contains("STARTTLS is not supported"), "{error}");
    }
    eventually(WAIT, "six greetings", || smtp.commands().len() == 6).await;
    assert!(smtp.commands().iter().all(|c| c == "EHLO"), "only EHLO in clear text: {:?}", smtp.commands());
    assert!(smtp.mails().is_empty());
    bo.stop().await;
}
