//! Invitation emails end to end: the desk's library calls create an
//! invitation and queue its email, the real back office sends it to a real
//! SMTP server on loopback, and the QR code in it scans as the code.

mod backoffice_support;

use std::time::Duration;

use backoffice_support::mime::{self, Part};
use backoffice_support::smtp::SmtpServer;
use backoffice_support::{eventually, seed_hosts, settings, Backoffice};
use foyer_backoffice::db::directory::{self, InvitationRequest};
use foyer_backoffice::db::invitation_mail::queue_invitation_email;
use foyer_backoffice::db::notifications::{self, NotificationRow};
use foyer_backoffice::db::{now_ms, Db};
use foyer_domain::host::NewHost;
use foyer_domain::scan::ScannedCode;
use foyer_domain::{InvitationCode, VisitorType};

const WAIT: Duration = Duration::from_secs(20);

/// Invites a visitor to Grace Hopper (host 2) as the desk does: `invite`
/// then `queue_invitation_email`, in one transaction.
fn invite(db: &Db, email: Option<&str>) -> (InvitationCode, Option<i64>) {
    let request = InvitationRequest {
        visitor_name: "Ada Lovelace".into(),
        company: Some("Analytical Engines".into()),
        email: email.map(Into::into),
        host_id: 2,
        visitor_type: VisitorType::Guest,
        expected_on: time::macros::date!(2026 - 03 - 03),
    };
    db.with(|c| {
        let tx = c.transaction()?;
        let (code, _) = directory::invite(&tx, &request)?;
        let id = queue_invitation_email(&tx, &code, now_ms())?;
        tx.commit()?;
        Ok((code, id))
    })
    .unwrap()
}

fn rows(bo: &Backoffice) -> Vec<NotificationRow> {
    bo.state.db.with(|c| notifications::list(c, None, None, 100)).unwrap()
}

fn status(bo: &Backoffice, id: i64) -> String {
    bo.state.db.with(|c| notifications::get(c, id)).unwrap().expect("the row").status
}

/// Every QR code rqrr finds in the PNG.
fn scan(png: &[u8]) -> Vec<String> {
    let img = image::load_from_memory(png).unwrap().to_luma8();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(img.width() as usize, img.height() as usize, |x, y| {
            img.get_pixel(x as u32, y as u32).0[0]
        });
    prepared.detect_grids().iter().filter_map(|g| g.decode().ok()).map(|(_, text)| text).collect()
}

fn only<'a>(parts: &'a [Part], mime_type: &str) -> &'a Part {
    let found: Vec<&Part> = parts.iter().filter(|p| p.mime_type() == mime_type).collect();
    assert_eq!(found.len(), 1, "one {mime_type} part in {parts:#?}");
    found[0]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_visitor_is_emailed_a_qr_code_that_scans_as_the_invitation_code() {
    let smtp = SmtpServer::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(Some(smtp.port), Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    let (code, id) = invite(&bo.state.db, Some("ada@example.org"));
    let id = id.expect("an email is queued");
    bo.state.notifier.notify_one();
    eventually(WAIT, "the invitation email, recorded as sent", || status(&bo, id) == "sent").await;

    let mails = smtp.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["ada@example.org"]);
    let parts = mime::leaves(&mails[0].data);
    let text = only(&parts, "text/plain").text();
    assert!(text.contains(&format!("Your invitation code: {}", code.display())), "{text}");
    assert!(text.contains("Grace Hopper") && text.contains("Tuesday 3 March 2026"), "{text}");
    let html = only(&parts, "text/html").text();
    assert!(html.contains("<img src=\"cid:invitation-qr@foyer\""), "{html}");

    let pngs: Vec<&Part> = parts.iter().filter(|p| p.mime_type() == "image/png").collect();
    assert_eq!(pngs.len(), 2, "inline and attached: {parts:#?}");
    let inline = pngs.iter().find(|p| p.header("content-id") == Some("<invitation-qr@foyer>")).expect("inline");
    assert!(inline.header("content-disposition").unwrap().starts_with("inline"));
    let attached = pngs.iter().find(|p| p.header("content-id").is_none()).expect("attached");
    let disposition = attached.header("content-disposition").unwrap();
    assert_eq!(mime::parameter(disposition, "filename"), Some(format!("invitation-{}.png", code.display())));
    for png in [inline, attached] {
        let scanned = scan(&png.body);
        assert_eq!(scanned, [code.as_str()]);
        assert_eq!(ScannedCode::classify(&scanned[0]), Ok(ScannedCode::Invitation(code.clone())));
    }

    let row = bo.state.db.with(|c| notifications::get(c, id)).unwrap().unwrap();
    assert_eq!((row.channel.as_str(), row.attempts, row.is_fallback, row.last_error), ("invitation", 1, false, None));
    assert_eq!(rows(&bo).len(), 1);
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_without_an_email_queues_nothing() {
    let smtp = SmtpServer::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(Some(smtp.port), Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    let (code, id) = invite(&bo.state.db, None);
    assert_eq!(id, None);
    assert!(rows(&bo).is_empty());
    // The invitation itself was still created.
    let sql = format!("SELECT count(*) FROM invitations WHERE code = '{}'", code.as_str());
    assert_eq!(bo.count(&sql), 1);
    bo.stop().await;
    assert!(smtp.mails().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_email_disabled_the_invitation_fails_with_the_reason_and_reception_is_not_sent_it() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    let id = invite(&bo.state.db, Some("ada@example.org")).1.unwrap();
    bo.state.notifier.notify_one();
    eventually(WAIT, "the invitation email to fail", || status(&bo, id) == "failed").await;
    let rows = rows(&bo);
    assert_eq!(rows.len(), 1, "no reception fallback: {rows:?}");
    assert_eq!(rows[0].attempts, 3, "the first attempt and two retries");
    let reason = rows[0].last_error.as_deref().unwrap();
    assert!(reason.contains("email is disabled: no SMTP server is configured"), "{reason}");
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_visitor_address_is_never_redirected_to_reception() {
    let smtp = SmtpServer::start(&["ada@example.org"]);
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(Some(smtp.port), Some("desk@example.org")), dir.path()).await;
    seed_hosts(&bo);
    let id = invite(&bo.state.db, Some("ada@example.org")).1.unwrap();
    bo.state.notifier.notify_one();
    eventually(WAIT, "the invitation email to fail", || status(&bo, id) == "failed").await;
    assert_eq!(smtp.refused(), 3);
    let rows = rows(&bo);
    assert_eq!(rows.len(), 1, "no reception fallback: {rows:?}");
    assert!(rows[0].last_error.as_deref().unwrap().contains("451"), "{:?}", rows[0].last_error);
    bo.stop().await;
    assert!(smtp.mails().is_empty(), "the visitor's invitation went to nobody else");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_queued_while_the_back_office_is_down_is_sent_when_it_starts() {
    let smtp = SmtpServer::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("backoffice.db")).unwrap();
    let hosts = ["Charles Babbage", "Grace Hopper"].map(|name| NewHost::parse(name, None, None, None).unwrap());
    db.with(|c| directory::import_hosts(c, &hosts)).unwrap();
    let id = invite(&db, Some("ada@example.org")).1.unwrap();
    drop(db);
    let bo = Backoffice::start(settings(Some(smtp.port), None), dir.path()).await;
    eventually(WAIT, "the queued invitation email, sent", || status(&bo, id) == "sent").await;
    assert_eq!(smtp.mails()[0].to, ["ada@example.org"]);
    bo.stop().await;
}
