//! The audit log, newest first, filtered by actor, action and dates, paged
//! by `seq` (keyset: "older than this entry"), so a page stays right while
//! new entries arrive.

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use utoipa::{IntoParams, ToSchema};

use crate::db::audit::{self, AuditEntry, AuditFilter};
use crate::error::AppError;
use crate::state::AppState;

/// Entries per page unless `limit` says otherwise.
pub const PAGE_SIZE: u32 = 100;
/// The most entries one request may ask for.
pub const MAX_LIMIT: u32 = 500;

/// Which entries to list; every parameter is optional and an empty one is
/// ignored (as an empty filter field sends it).
#[derive(Debug, Default, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries by this actor (a user name, or `system` for scheduled jobs), in any case.
    pub actor: Option<String>,
    /// An action or its start: `user` matches `user.add`, `user.disable`, …
    pub action: Option<String>,
    /// From this day (YYYY-MM-DD, UTC) or instant (RFC 3339), inclusive.
    #[param(schema_with = crate::schema_rules::optional_day_or_instant)]
    pub from: Option<String>,
    /// Up to this day (all of it) or instant, inclusive.
    #[param(schema_with = crate::schema_rules::optional_day_or_instant)]
    pub to: Option<String>,
    /// Only entries older than this `seq`: the `next_before` of the previous page.
    #[param(schema_with = crate::schema_rules::optional_entry_number)]
    pub before: Option<String>,
    /// Entries per page, 1–500 (default 100).
    #[param(schema_with = crate::schema_rules::optional_page_limit)]
    pub limit: Option<String>,
}

/// One page of entries, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next (older) page; absent on the last one.
    pub next_before: Option<i64>,
}

/// A parameter's value, trimmed; `None` when absent or empty.
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Unix seconds of a day's start (or, with `end`, its last second) or of an
/// RFC 3339 instant; a refusal names the parameter.
fn instant(param: &str, text: &str, end: bool) -> Result<i64, AppError> {
    if let Ok(day) = time::Date::parse(text, format_description!("[year]-[month]-[day]")) {
        let start = day.midnight().assume_utc().unix_timestamp();
        return Ok(if end { start + 86_399 } else { start });
    }
    time::OffsetDateTime::parse(text, &Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|_| AppError::Invalid(format!("{param}: {text:?} is not a date (YYYY-MM-DD) or an RFC 3339 time")))
}

impl AuditQuery {
    /// The database filter and page size, or a refusal naming the parameter.
    pub fn filter(&self) -> Result<(AuditFilter, u32), AppError> {
        let before = given(&self.before)
            .map(|b| b.parse::<i64>().map_err(|_| AppError::Invalid(format!("before: {b:?} is not an entry number"))))
            .transpose()?;
        let limit = match given(&self.limit) {
            None => PAGE_SIZE,
            Some(l) => l
                .parse::<u32>()
                .ok()
                .filter(|l| (1..=MAX_LIMIT).contains(l))
                .ok_or_else(|| AppError::Invalid(format!("limit: {l:?} is not a number from 1 to {MAX_LIMIT}")))?,
        };
        let filter = AuditFilter {
            actor: given(&self.actor).map(str::to_owned),
            action: given(&self.action).map(str::to_owned),
            from: given(&self.from).map(|f| instant("from", f, false)).transpose()?,
            to: given(&self.to).map(|t| instant("to", t, true)).transpose()?,
            before,
        };
        Ok((filter, limit))
    }
}

/// The page of entries `q` asks for.
pub async fn entries(state: &AppState, q: &AuditQuery) -> Result<AuditPage, AppError> {
    let (filter, limit) = q.filter()?;
    // One more than asked tells whether an older page exists.
    let mut entries = state.db.call(move |c| audit::list(c, &filter, limit + 1)).await?;
    let next_before = (entries.len() > limit as usize).then(|| {
        entries.truncate(limit as usize);
        entries.last().map(|e| e.seq)
    });
    Ok(AuditPage { entries, next_before: next_before.flatten() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &str) -> AuditQuery {
        serde_urlencoded::from_str(pairs).unwrap()
    }

    #[test]
    fn dates_cover_whole_days_and_empty_fields_are_ignored() {
        let (f, limit) = query("actor=&from=2026-01-02&to=2026-01-02").filter().unwrap();
        assert_eq!(f.actor, None);
        assert_eq!(f.from, Some(1_767_312_000));
        assert_eq!(f.to, Some(1_767_312_000 + 86_399));
        assert_eq!(limit, PAGE_SIZE);
        assert_eq!(query("from=2026-01-02T10:00:00Z").filter().unwrap().0.from, Some(1_767_348_000));
    }

    #[test]
    fn a_bad_parameter_is_refused_by_name() {
        for (q, name) in
            [("from=yesterday", "from"), ("to=2026-13-01", "to"), ("before=x", "before"), ("limit=0", "limit")]
        {
            let err = query(q).filter().unwrap_err().to_string();
            assert!(err.starts_with(&format!("{name}:")), "{q}: {err}");
        }
    }
}
