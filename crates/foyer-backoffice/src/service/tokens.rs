//! API tokens for scripts: creating one for a user with a label (the
//! secret is returned once and stored only as a hash) and revoking one.

use crate::auth::{Principal, Via};
use crate::db::{api_tokens, audit, users, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::Secret;

/// A token just made: the secret is in nobody's hands but the caller's.
pub struct NewToken {
    pub id: i64,
    pub user: String,
    pub label: String,
    pub secret: Secret,
}

/// Creates a token acting for user `user_id`, labelled `label`.
pub async fn create(state: &AppState, who: &Principal, user_id: i64, label: &str) -> Result<NewToken, AppError> {
    let (actor, label) = (who.name().to_owned(), label.trim().to_owned());
    Ok(state
        .db
        .call(move |c| {
            let user = users::by_id(c, user_id)?.map_or_else(|| format!("#{user_id}"), |u| u.name);
            let tx = c.transaction()?;
            let (id, secret) = api_tokens::create(&tx, user_id, &label)?;
            audit::record(
                &tx,
                &actor,
                "api_token.create",
                Some(&format!("token {id}")),
                &format!("for {user}: {label}"),
            )?;
            tx.commit()?;
            Ok(NewToken { id, user, label, secret })
        })
        .await?)
}

/// Revokes token `id` at once; returns the notice.
pub async fn revoke(state: &AppState, who: &Principal, id: i64) -> Result<String, AppError> {
    // A script revoking the token it runs on would lock itself out halfway.
    if matches!(who.via, Via::Token { id: own } if own == id) {
        return Err(DbError::Conflict(format!(
            "API token {id} is the one this request is signed with: revoke it from the console or with another token"
        ))
        .into());
    }
    let actor = who.name().to_owned();
    let notice = state
        .db
        .call(move |c| {
            let row = api_tokens::list(c)?.into_iter().find(|t| t.id == id);
            let Some(row) = row.filter(|t| t.revoked_at.is_none()) else {
                return Err(DbError::Missing(format!("no live API token has id {id}")));
            };
            let tx = c.transaction()?;
            api_tokens::revoke(&tx, id)?;
            let detail = format!("of {}: {}", row.user, row.label);
            audit::record(&tx, &actor, "api_token.revoke", Some(&format!("token {id}")), &detail)?;
            tx.commit()?;
            Ok(format!("API token {id} ({}) revoked", row.label))
        })
        .await?;
    // A live lobby stream on this token stops now, not at its next check.
    state.sessions_ended();
    Ok(notice)
}
