//! The retention policy: the period in force with a dry run of it, and
//! changing it. A shorter period shows first how much the next run will
//! anonymise, and is saved only once confirmed.

use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::db::retention::{self, RetentionCount};
use crate::db::{audit, now_unix, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::retention::{shortening, RetentionPolicy};

/// The policy in force and what its next run would anonymise.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RetentionNow {
    /// Days a visitor's personal data is kept after the visit ended.
    pub days: u32,
    pub due_at_next_run: RetentionCount,
}

/// The policy in force, with a dry run of it.
pub async fn current(state: &AppState) -> Result<RetentionNow, AppError> {
    Ok(state
        .db
        .call(|c| {
            let policy = retention::policy(c)?;
            let due_at_next_run = retention::dry_run(c, policy, now_unix())?;
            Ok(RetentionNow { days: policy.anonymise_after_days(), due_at_next_run })
        })
        .await?)
}

/// What asking for a new period did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyChange {
    Unchanged {
        days: u32,
    },
    Saved {
        old: u32,
        new: u32,
    },
    /// A shorter period, not saved: what its next run would anonymise.
    NeedsConfirmation {
        old: u32,
        new: u32,
        due: RetentionCount,
    },
}

/// Sets the period to `days` for `who`. A shorter period is saved only when
/// `confirmed`; otherwise the dry run of it comes back.
pub async fn change(state: &AppState, who: &Principal, days: u32, confirmed: bool) -> Result<PolicyChange, AppError> {
    let new = RetentionPolicy::new(days).map_err(|e| DbError::Refused(e.to_string()))?;
    let actor = who.name().to_owned();
    Ok(state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let old_policy = retention::policy(&tx)?;
            let (old, new_days) = (old_policy.anonymise_after_days(), new.anonymise_after_days());
            if old == new_days {
                return Ok(PolicyChange::Unchanged { days: old });
            }
            if shortening(old_policy, new) && !confirmed {
                let due = retention::dry_run(&tx, new, now_unix())?;
                return Ok(PolicyChange::NeedsConfirmation { old, new: new_days, due });
            }
            retention::set_policy(&tx, new)?;
            audit::record(&tx, &actor, "retention.policy", None, &format!("{old} → {new_days} days"))?;
            tx.commit()?;
            Ok(PolicyChange::Saved { old, new: new_days })
        })
        .await?)
}

/// A number of days as typed in a form.
pub fn parse_days(text: &str) -> Result<u32, DbError> {
    text.trim()
        .parse()
        .map_err(|_| DbError::Refused(format!("retention period: {text:?} is not a whole number of days")))
}
