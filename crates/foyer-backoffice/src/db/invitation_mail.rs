//! The invitation email to a visitor, queued in the notification queue like
//! every other notification, so it is retried with backoff and survives a
//! restart. The desk calls [`queue_invitation_email`] right after
//! [`super::directory::invite`], in the same transaction.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::Date;
use uuid::Uuid;

use super::notifications::{enqueue, Notice, Target, INVITATION_CHANNEL};
use super::DbError;
use foyer_domain::visitor::Email;
use foyer_domain::{InvitationCode, VisitorType};

/// What the invitation email says beyond the [`Notice`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationNotice {
    /// The code as stored (`K7M2QX9P`): exactly what the QR code holds.
    pub code: String,
    /// The day the visitor is expected, as `YYYY-MM-DD`.
    #[serde(with = "iso_date")]
    pub expected_on: Date,
    pub visitor_type: VisitorType,
}

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// The stored invitation, with its host's name.
struct Invitation {
    visit_id: String,
    visitor_name: String,
    company: Option<String>,
    email: Option<String>,
    host_id: i64,
    host_name: String,
    visitor_type: String,
    expected_on: String,
    cancelled: bool,
    created_at: i64,
}

fn load(conn: &Connection, code: &InvitationCode) -> Result<Option<Invitation>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT i.visit_id, i.visitor_name, i.company, i.email, i.host_id, h.name, i.visitor_type,
             i.expected_on, i.cancelled, i.created_at FROM invitations i JOIN hosts h ON h.id = i.host_id
             WHERE i.code = ?1",
        )?
        .query_row([code.as_str()], |r| {
            Ok(Invitation {
                visit_id: r.get(0)?,
                visitor_name: r.get(1)?,
                company: r.get(2)?,
                email: r.get(3)?,
                host_id: r.get(4)?,
                host_name: r.get(5)?,
                visitor_type: r.get(6)?,
                expected_on: r.get(7)?,
                cancelled: r.get(8)?,
                created_at: r.get(9)?,
            })
        })
        .optional()?)
}

/// Queues the invitation email of `code` to its visitor: one `invitation`
/// row whose target is the visitor's address. Returns the row's id, or
/// `None` (queuing nothing) when the invitation has no email address.
/// Refuses an unknown or cancelled code, and an address that is not one.
///
/// Wake the worker (`AppState::notifier`) after the commit to send it at
/// once; otherwise it goes out at the worker's next look at the queue.
pub fn queue_invitation_email(conn: &Connection, code: &InvitationCode, now_ms: i64) -> Result<Option<i64>, DbError> {
    let Some(inv) = load(conn, code)? else {
        return Err(DbError::Missing(format!("no invitation has the code {}", code.display())));
    };
    if inv.cancelled {
        return Err(DbError::Conflict(format!("the invitation {} is cancelled", code.display())));
    }
    let Some(raw) = inv.email.as_deref().filter(|e| !e.trim().is_empty()) else { return Ok(None) };
    // Refused now, at the desk, rather than failing in the queue later.
    let email = Email::parse(raw)
        .map_err(|e| DbError::Refused(format!("cannot email the invitation {}: {e}", code.display())))?;
    let corrupt =
        |what: &str, e: &dyn std::fmt::Display| DbError::Corrupt(format!("invitation {}: {what}: {e}", code.as_str()));
    let visit_id = Uuid::parse_str(&inv.visit_id).map_err(|e| corrupt("visit id", &e))?;
    let visitor_type = VisitorType::parse(&inv.visitor_type).map_err(|e| corrupt("visitor type", &e))?;
    let expected_on = Date::parse(&inv.expected_on, format_description!("[year]-[month]-[day]"))
        .map_err(|e| corrupt("expected date", &e))?;
    let notice = Notice {
        event: "invitation.created".into(),
        visit_id,
        visitor_name: inv.visitor_name,
        company: inv.company,
        host_name: inv.host_name,
        kiosk: String::new(),
        at: inv.created_at,
        reason: None,
        invitation: Some(InvitationNotice { code: code.as_str().to_owned(), expected_on, visitor_type }),
    };
    let target = Target { channel: INVITATION_CHANNEL, address: email.as_str().to_owned() };
    let event_id = format!("invitation:{}", code.as_str());
    enqueue(conn, &event_id, Some(inv.host_id), &notice, &[target], false, now_ms)?;
    Ok(Some(conn.last_insert_rowid()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::directory::{cancel_invitation, import_hosts, invite, InvitationRequest};
    use crate::db::notifications::{claim_due, list, mark_failed};
    use crate::db::Db;
    use foyer_domain::host::NewHost;

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        let grace = NewHost::parse("Grace Hopper", Some("grace@example.org"), None, None).unwrap();
        db.with(|c| import_hosts(c, &[grace])).unwrap();
        (dir, db)
    }

    fn request(email: Option<&str>) -> InvitationRequest {
        InvitationRequest {
            visitor_name: "Ada Lovelace".into(),
            company: Some("Analytical Engines".into()),
            email: email.map(Into::into),
            host_id: 1,
            visitor_type: VisitorType::Interview,
            expected_on: time::macros::date!(2026 - 03 - 03),
        }
    }

    #[test]
    fn an_invitation_with_an_email_queues_one_row_to_the_visitor() {
        let (_dir, db) = db();
        db.with(|c| {
            let (code, visit_id) = invite(c, &request(Some("ada@example.org")))?;
            let id = queue_invitation_email(c, &code, 1_000)?.expect("a row");
            let rows = list(c, None, None, 10)?;
            assert_eq!(rows.len(), 1);
            assert_eq!((rows[0].id, rows[0].channel.as_str(), rows[0].status.as_str()), (id, "invitation", "queued"));
            assert_eq!((rows[0].visit_id.clone(), rows[0].host_id), (Some(visit_id.to_string()), Some(1)));
            let d = claim_due(c, 1_000, 10)?.remove(0);
            assert_eq!(d.target, "ada@example.org");
            assert_eq!((d.notice.host_name.as_str(), d.notice.visitor_name.as_str()), ("Grace Hopper", "Ada Lovelace"));
            let expected = InvitationNotice {
                code: code.as_str().into(),
                expected_on: time::macros::date!(2026 - 03 - 03),
                visitor_type: VisitorType::Interview,
            };
            assert_eq!(d.notice.invitation, Some(expected));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn an_invitation_without_an_email_queues_nothing() {
        let (_dir, db) = db();
        db.with(|c| {
            for email in [None, Some(""), Some("  ")] {
                let (code, _) = invite(c, &request(email))?;
                assert_eq!(queue_invitation_email(c, &code, 1_000)?, None);
            }
            assert!(list(c, None, None, 10)?.is_empty());
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn an_unknown_or_cancelled_code_or_a_bad_address_is_refused() {
        let (_dir, db) = db();
        db.with(|c| {
            let unknown = InvitationCode::parse("K7M2QX9P").unwrap();
            let err = queue_invitation_email(c, &unknown, 1_000).unwrap_err();
            assert!(matches!(&err, DbError::Missing(m) if m.contains("no invitation has the code K7M2-QX9P")), "{err}");
            let (code, _) = invite(c, &request(Some("ada@example.org")))?;
            assert!(cancel_invitation(c, &code)?);
            let err = queue_invitation_email(c, &code, 1_000).unwrap_err();
            assert!(matches!(&err, DbError::Conflict(m) if m.contains("is cancelled")), "{err}");
            let (code, _) = invite(c, &request(Some("ada at example.org")))?;
            let err = queue_invitation_email(c, &code, 1_000).unwrap_err();
            assert!(matches!(&err, DbError::Refused(m) if m.contains("email")), "{err}");
            assert!(list(c, None, None, 10)?.is_empty());
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_notice_stored_before_invitations_still_parses() {
        let old = r#"{"event":"visit.arrived","visit_id":"00000000-0000-0000-0000-000000000000",
            "visitor_name":"Ada","company":null,"host_name":"Grace","kiosk":"lobby-1","at":3600,"reason":null}"#;
        let notice: Notice = serde_json::from_str(old).unwrap();
        assert_eq!(notice.invitation, None);
        // And an arrival notice is stored as before, without the new key.
        assert!(!serde_json::to_string(&notice).unwrap().contains("invitation"));
    }

    #[test]
    fn the_expected_day_is_stored_as_an_iso_date() {
        let n = InvitationNotice {
            code: "K7M2QX9P".into(),
            expected_on: time::macros::date!(2026 - 03 - 03),
            visitor_type: VisitorType::Guest,
        };
        let json = serde_json::to_value(&n).unwrap();
        assert_eq!(json, serde_json::json!({"code": "K7M2QX9P", "expected_on": "2026-03-03", "visitor_type": "guest"}));
        assert_eq!(serde_json::from_value::<InvitationNotice>(json).unwrap(), n);
    }

    #[test]
    fn a_failed_invitation_email_is_never_sent_to_reception() {
        let (_dir, db) = db();
        db.with(|c| {
            let (code, _) = invite(c, &request(Some("ada@example.org")))?;
            let id = queue_invitation_email(c, &code, 1_000)?.unwrap();
            claim_due(c, 1_000, 10)?;
            assert!(!mark_failed(c, id, "SMTP: 550", Some("desk@example.org"), 2_000)?);
            let rows = list(c, None, None, 10)?;
            assert_eq!(rows.len(), 1, "no reception row: {rows:?}");
            assert_eq!((rows[0].status.as_str(), rows[0].last_error.as_deref()), ("failed", Some("SMTP: 550")));
            Ok(())
        })
        .unwrap();
    }
}
