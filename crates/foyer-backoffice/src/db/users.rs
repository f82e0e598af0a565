//! Console users: receptionists and admins, with argon2id password hashes.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{now_unix, DbError};

/// What a console user may do. An admin can do everything a receptionist can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Receptionist,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Receptionist => "receptionist",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DbError> {
        match s.trim() {
            "receptionist" => Ok(Self::Receptionist),
            "admin" => Ok(Self::Admin),
            other => Err(DbError::Refused(format!("unknown role {other:?}: use receptionist or admin"))),
        }
    }

    /// Whether this role may do what `needed` may.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

/// A console user, without the hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: i64,
    pub disabled: bool,
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

fn check_name(name: &str) -> Result<(), DbError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
    if ok {
        Ok(())
    } else {
        Err(DbError::Refused(format!(
            "user name {name:?} is not allowed: 1 to 64 letters, digits, '-', '_', '.' or '@'"
        )))
    }
}

/// Hashes a password (argon2id, random salt), refusing a short one.
pub fn hash_password(password: &str) -> Result<String, DbError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(DbError::Refused(format!("a password needs at least {MIN_PASSWORD_CHARS} characters")));
    }
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DbError::Corrupt(format!("hashing a password: {e}")))
}

/// A hash to verify against when the user does not exist, so a login for an
/// unknown name takes as long as one for a known name.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy-password-never-valid").unwrap_or_default())
}

/// Adds a user.
pub fn add(conn: &Connection, name: &str, role: Role, password: &str) -> Result<i64, DbError> {
    check_name(name)?;
    let hash = hash_password(password)?;
    let taken = conn.query_row("SELECT 1 FROM users WHERE name = ?1", [name], |_| Ok(())).optional()?.is_some();
    if taken {
        return Err(DbError::Conflict(format!("a user named {name} already exists")));
    }
    conn.execute(
        "INSERT INTO users (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, role.as_str(), hash, now_unix()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// What a login is checked against: the stored hash of an enabled user.
/// `None` for an unknown name and a disabled user alike.
pub fn login_hash(conn: &Connection, name: &str) -> Result<Option<String>, DbError> {
    Ok(conn
        .query_row("SELECT password_hash FROM users WHERE name = ?1 AND disabled_at IS NULL", [name], |r| r.get(0))
        .optional()?)
}

/// Whether `password` matches `hash`. Without a hash (no such user) it
/// checks against a decoy, so an unknown name takes as long as a known one.
/// This is the slow part of a login (argon2, tens of milliseconds of CPU):
/// callers run it off the async threads and outside the database lock.
pub fn password_matches(hash: Option<&str>, password: &str) -> bool {
    let hash = hash.unwrap_or(decoy_hash());
    let matches = PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false);
    matches && hash != decoy_hash()
}

/// Checks a name and password in one go (for the CLI and tests; the
/// console's login splits it so argon2 does not run under the lock).
pub fn verify(conn: &Connection, name: &str, password: &str) -> Result<Option<User>, DbError> {
    let hash = login_hash(conn, name)?;
    match password_matches(hash.as_deref(), password) {
        true => by_name(conn, name),
        false => Ok(None),
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, i64, Option<i64>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_user(
    (id, name, role, created_at, disabled_at): (i64, String, String, i64, Option<i64>),
) -> Result<User, DbError> {
    let role = Role::parse(&role).map_err(|_| DbError::Corrupt(format!("user {name} has role {role}")))?;
    Ok(User { id, name, role, created_at, disabled: disabled_at.is_some() })
}

const SELECT: &str = "SELECT id, name, role, created_at, disabled_at FROM users";

/// A user by name (any case).
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<User>, DbError> {
    conn.query_row(&format!("{SELECT} WHERE name = ?1"), [name], from_row).optional()?.map(to_user).transpose()
}

/// A user by id.
pub fn by_id(conn: &Connection, id: i64) -> Result<Option<User>, DbError> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row).optional()?.map(to_user).transpose()
}

/// Every user, by name.
pub fn list(conn: &Connection) -> Result<Vec<User>, DbError> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY name"))?;
    let rows = stmt.query_map([], from_row)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(to_user).collect()
}

/// Disables a user and ends their sessions and API tokens at once.
pub fn disable(conn: &mut Connection, id: i64) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    let now = now_unix();
    if tx.execute("UPDATE users SET disabled_at = ?2 WHERE id = ?1 AND disabled_at IS NULL", params![id, now])? == 0 {
        return Err(DbError::Missing(format!("no active user has id {id}")));
    }
    tx.execute("DELETE FROM sessions WHERE user_id = ?1", [id])?;
    tx.execute("UPDATE api_tokens SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL", params![id, now])?;
    tx.commit()?;
    Ok(())
}

/// Sets a new password and ends the user's other sessions.
pub fn set_password(conn: &Connection, id: i64, password: &str) -> Result<(), DbError> {
    let hash = hash_password(password)?;
    if conn.execute("UPDATE users SET password_hash = ?2 WHERE id = ?1", params![id, hash])? == 0 {
        return Err(DbError::Missing(format!("no user has id {id}")));
    }
    conn.execute("DELETE FROM sessions WHERE user_id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_user_logs_in_with_the_right_password_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            add(c, "ana", Role::Admin, "correct horse battery")?;
            assert_eq!(verify(c, "ana", "correct horse battery")?.map(|u| u.role), Some(Role::Admin));
            assert_eq!(verify(c, "ANA", "correct horse battery")?.map(|u| u.name), Some("ana".to_owned()));
            assert_eq!(verify(c, "ana", "wrong password!")?, None);
            assert_eq!(verify(c, "nobody", "correct horse battery")?, None);
            let stored: String = c.query_row("SELECT password_hash FROM users", [], |r| r.get(0))?;
            assert!(stored.starts_with("$argon2id$"), "{stored}");
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_disabled_user_cannot_log_in_and_short_passwords_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        db.with(|c| {
            assert!(matches!(add(c, "bo", Role::Receptionist, "short"), Err(DbError::Refused(_))));
            assert!(matches!(add(c, "bad name", Role::Receptionist, "long enough pw"), Err(DbError::Refused(_))));
            let id = add(c, "bo", Role::Receptionist, "long enough pw")?;
            assert!(matches!(add(c, "BO", Role::Admin, "long enough pw"), Err(DbError::Conflict(_))));
            disable(c, id)?;
            assert_eq!(verify(c, "bo", "long enough pw")?, None);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn an_admin_may_do_what_a_receptionist_may_but_not_the_reverse() {
        assert!(Role::Admin.allows(Role::Receptionist));
        assert!(!Role::Receptionist.allows(Role::Admin));
        assert!(Role::parse("root").is_err());
    }
}
