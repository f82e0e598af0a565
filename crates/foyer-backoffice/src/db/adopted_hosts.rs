//! Hosts a kiosk imported on its own, taken into this directory under the
//! kiosk's ids. The all-in-one install imported hosts into the kiosk's
//! store before the back office in the same process had a directory; the
//! back office now refuses arrivals for hosts it does not know, so those
//! hosts come here first, with the ids the kiosk's visits and outbox
//! already carry. From then on this directory is the one both sides use.

use rusqlite::{params, Connection, OptionalExtension};

use super::directory::tick;
use super::DbError;
use foyer_domain::host::Host;
use foyer_domain::screening::fold_name;

/// What an adoption did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Adoption {
    pub adopted: usize,
    /// Hosts left out, each with why (their email belongs to another id).
    pub skipped: Vec<String>,
}

/// Inserts each of `hosts` whose id this directory does not have yet, with
/// its id, all or none. A host whose id is already here is this
/// directory's (the kiosk got it by sync) and is left as it is.
pub fn adopt(conn: &mut Connection, hosts: &[Host]) -> Result<Adoption, DbError> {
    let tx = conn.transaction()?;
    let mut done = Adoption::default();
    for h in hosts {
        let known = tx.prepare_cached("SELECT 1 FROM hosts WHERE id = ?1")?.exists([h.id])?;
        if known {
            continue;
        }
        if let Some(email) = &h.email {
            let owner: Option<i64> = tx
                .prepare_cached("SELECT id FROM hosts WHERE email = ?1")?
                .query_row([email], |r| r.get(0))
                .optional()?;
            if let Some(owner) = owner {
                done.skipped.push(format!("host {} ({}): the email is host {owner}'s here", h.id, h.name));
                continue;
            }
        }
        let version = tick(&tx)?;
        tx.prepare_cached(
            "INSERT INTO hosts (id, name, folded_name, email, phone, department, notify_email, active, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            h.id,
            h.name,
            fold_name(&h.name),
            h.email,
            h.phone,
            h.department,
            h.notify.email && h.email.is_some(),
            h.active,
            version
        ])?;
        done.adopted += 1;
    }
    tx.commit()?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{directory, Db};
    use foyer_domain::host::NotifyPrefs;

    fn host(id: i64, name: &str, email: Option<&str>, active: bool) -> Host {
        Host {
            id,
            name: name.into(),
            email: email.map(Into::into),
            phone: None,
            department: Some("Sales".into()),
            notify: NotifyPrefs { email: true, webhook_url: None },
            active,
        }
    }

    #[test]
    fn a_kiosks_hosts_keep_their_ids_and_a_second_adoption_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        let hosts = [host(4, "Grace Hopper", Some("grace@example.com"), true), host(9, "Old Timer", None, false)];
        db.with(|c| {
            assert_eq!(adopt(c, &hosts)?, Adoption { adopted: 2, skipped: vec![] });
            assert_eq!(directory::host_contact(c, 4)?.unwrap().name, "Grace Hopper");
            // A retired host is known (its visits name it) but not notified.
            assert!(directory::host_contact(c, 9)?.is_none());
            assert_eq!(directory::host_name(c, 9)?.as_deref(), Some("Old Timer"));
            assert_eq!(adopt(c, &hosts)?, Adoption::default());
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_host_whose_email_is_taken_here_is_named_and_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            adopt(c, &[host(1, "Grace Hopper", Some("grace@example.com"), true)])?;
            let done = adopt(c, &[host(2, "G. Hopper", Some("grace@example.com"), true)])?;
            assert_eq!(done.adopted, 0);
            assert_eq!(done.skipped, ["host 2 (G. Hopper): the email is host 1's here"]);
            Ok(())
        })
        .unwrap();
    }
}
