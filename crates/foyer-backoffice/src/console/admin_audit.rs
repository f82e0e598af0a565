//! Admin: the audit log, newest first, filtered by actor, action and dates,
//! paged by `seq` (keyset: "older than this entry"), so a page stays right
//! while new entries arrive. The JSON API (`api::admin_audit`) shares the
//! query and the listing.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Extension;

use super::admin_page::{problem, unprocessable};
use super::page::{render, Chrome, PageError};
use super::view::Time;
use super::Routes;
use crate::auth::Principal;
use crate::db::audit::AuditEntry;
use crate::service::audit::{entries, given, AuditPage, AuditQuery};
use crate::state::AppState;

const HERE: &str = "/console/admin/audit";

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", HERE, show)
}

/// The page URL of `q`, without its empty fields, older than entry
/// `before` if given.
fn page_url(q: &AuditQuery, before: Option<i64>) -> String {
    let keep = |v: &Option<String>| given(v).map(str::to_owned);
    let kept = AuditQuery {
        actor: keep(&q.actor),
        action: keep(&q.action),
        from: keep(&q.from),
        to: keep(&q.to),
        before: before.map(|b| b.to_string()),
        limit: keep(&q.limit),
    };
    match serde_urlencoded::to_string(&kept).unwrap_or_default() {
        query if query.is_empty() => HERE.to_owned(),
        query => format!("{HERE}?{query}"),
    }
}

struct EntryView {
    seq: i64,
    at: Time,
    actor: String,
    action: String,
    target: String,
    detail: String,
}

impl From<AuditEntry> for EntryView {
    fn from(e: AuditEntry) -> Self {
        Self {
            seq: e.seq,
            at: Time::of(Some(e.at)),
            actor: e.actor,
            action: e.action,
            target: e.target.unwrap_or_default(),
            detail: e.detail,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditLogPage {
    chrome: Chrome,
    problem: Option<String>,
    actor: String,
    action: String,
    from: String,
    to: String,
    paged: bool,
    entries: Vec<EntryView>,
    older: Option<String>,
    newest: String,
}

async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    let (listed, problem) = match entries(&state, &q).await {
        Ok(page) => (page, None),
        Err(e) => (AuditPage { entries: Vec::new(), next_before: None }, Some(problem(e)?)),
    };
    let page = AuditLogPage {
        chrome: Chrome::new(&p, HERE, None),
        problem: problem.clone(),
        actor: given(&q.actor).unwrap_or_default().to_owned(),
        action: given(&q.action).unwrap_or_default().to_owned(),
        from: given(&q.from).unwrap_or_default().to_owned(),
        to: given(&q.to).unwrap_or_default().to_owned(),
        paged: given(&q.before).is_some(),
        older: listed.next_before.map(|b| page_url(&q, Some(b))),
        newest: page_url(&q, None),
        entries: listed.entries.into_iter().map(EntryView::from).collect(),
    };
    let response = render(&page)?;
    Ok(if problem.is_some() { unprocessable(response) } else { response })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_older_link_keeps_the_filter() {
        let q: AuditQuery = serde_urlencoded::from_str("actor=ana&action=user&from=&before=99").unwrap();
        assert_eq!(page_url(&q, Some(42)), "/console/admin/audit?actor=ana&action=user&before=42");
        assert_eq!(page_url(&q, None), "/console/admin/audit?actor=ana&action=user");
    }
}
