//! What a kiosk's directory sync reads: every hosts, invitations and
//! watchlist row whose change version is above the kiosk's cursor, with
//! tombstones, and each language's current agreement when it was published. Only
//! invitations a kiosk may still act on: a used one is a tombstone.

use rusqlite::Connection;
use uuid::Uuid;

use super::DbError;
use foyer_domain::VisitorType;
use foyer_wire::{SyncAgreement, SyncHost, SyncInvitation, SyncResponse, SyncWatch};

/// Everything that changed after `since`, read in one transaction so the
/// returned version covers exactly the rows returned.
pub fn changes_since(conn: &mut Connection, since: i64) -> Result<SyncResponse, DbError> {
    let tx = conn.transaction()?;
    let version: i64 = tx.query_row("SELECT version FROM sync_clock WHERE id = 1", [], |r| r.get(0))?;
    let hosts = tx
        .prepare_cached(
            "SELECT id, version, active, name, email, phone, department FROM hosts WHERE version > ?1 ORDER BY version",
        )?
        .query_map([since], |r| {
            Ok(SyncHost {
                id: r.get(0)?,
                version: r.get(1)?,
                deleted: !r.get::<_, bool>(2)?,
                name: r.get(3)?,
                email: r.get(4)?,
                phone: r.get(5)?,
                department: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let invitations = tx
        .prepare_cached(
            // A used invitation (its visit arrived) goes out as cancelled:
            // no other kiosk may check the same visitor in with it again.
            "SELECT code, visit_id, version,
                    cancelled OR EXISTS (SELECT 1 FROM visits v WHERE v.id = i.visit_id),
                    visitor_name, company, email, host_id, visitor_type, expected_on
             FROM invitations i WHERE version > ?1 ORDER BY version",
        )?
        .query_map([since], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(8)?, invitation_row(r)?)))?
        .map(|row| {
            let (id, vtype, mut inv) = row?;
            inv.visit_id = Uuid::parse_str(&id).map_err(|_| DbError::Corrupt(format!("invitation visit id {id}")))?;
            inv.visitor_type =
                VisitorType::parse(&vtype).map_err(|_| DbError::Corrupt(format!("visitor type {vtype}")))?;
            Ok(inv)
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let watchlist = tx
        .prepare_cached("SELECT id, version, deleted, name, reason FROM watchlist WHERE version > ?1 ORDER BY version")?
        .query_map([since], |r| {
            Ok(SyncWatch { id: r.get(0)?, version: r.get(1)?, deleted: r.get(2)?, name: r.get(3)?, reason: r.get(4)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    // The current version of each language (the default's too) that was
    // published after `since`; an older one replaced since needs no sending.
    let agreements = tx
        .prepare_cached(
            "SELECT version, text, language FROM agreements a
             WHERE sync_version > ?1
               AND version = (SELECT max(version) FROM agreements b WHERE b.language IS a.language)
             ORDER BY version",
        )?
        .query_map([since], |r| Ok(SyncAgreement { version: r.get(0)?, text: r.get(1)?, language: r.get(2)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    // Kiosks older than `agreements` read only this one.
    let agreement = agreements.iter().find(|a| a.language.is_none()).cloned();
    tx.commit()?;
    Ok(SyncResponse { version, hosts, invitations, watchlist, agreement, agreements, kiosk: None })
}

/// The columns of an invitation that need no parsing; the caller fills in
/// the visit id and visitor type.
fn invitation_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SyncInvitation> {
    Ok(SyncInvitation {
        code: r.get(0)?,
        visit_id: Uuid::nil(),
        version: r.get(2)?,
        cancelled: r.get(3)?,
        visitor_name: r.get(4)?,
        company: r.get(5)?,
        email: r.get(6)?,
        host_id: r.get(7)?,
        visitor_type: VisitorType::Guest,
        expected_on: r.get(9)?,
    })
}
