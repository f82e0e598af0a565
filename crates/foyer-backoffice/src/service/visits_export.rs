//! The CSV export of the visit log's current filter: audited (with the
//! filter) before the first byte goes out, then streamed, so an export of
//! a million visits starts at once and never sits in memory.

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::auth::Principal;
use crate::db::audit;
use crate::db::visit_export::export_stream;
use crate::db::visit_search::{VisitParams, VisitQuery};
use crate::error::AppError;
use crate::state::AppState;

/// The filter's query string with `after` set (or dropped) and no limit.
pub fn query_string(p: &VisitParams, after: Option<String>) -> String {
    let pairs: Vec<(&str, &str)> = [
        ("q", p.q.as_deref()),
        ("from", p.from.as_deref()),
        ("to", p.to.as_deref()),
        ("state", p.state.as_deref()),
        ("type", p.visitor_type.as_deref()),
        ("sort", p.sort.as_deref()),
        ("after", after.as_deref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
    .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// Starts the CSV export of `params` for `who`, audited before the first
/// byte goes out.
pub async fn start_export(state: &AppState, who: &Principal, params: &VisitParams) -> Result<Response, AppError> {
    let mut query = VisitQuery::from_params(params)?;
    query.after = None;
    let (user, detail) = (who.name().to_owned(), query_string(params, None));
    state.db.call(move |c| audit::record(c, &user, "export.visits", None, &detail)).await?;
    let stamp = time::OffsetDateTime::now_utc().date();
    let disposition = format!("attachment; filename=\"foyer-visits-{stamp}.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        Body::from_stream(export_stream(state.db.clone(), query)),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_string_keeps_the_filter_drops_empty_fields_and_sets_the_cursor() {
        let p = VisitParams { q: Some("ada".into()), state: Some(String::new()), ..Default::default() };
        assert_eq!(query_string(&p, None), "q=ada");
        assert_eq!(query_string(&p, Some("c1".into())), "q=ada&after=c1");
    }
}
