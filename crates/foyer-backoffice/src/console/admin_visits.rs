//! The admin's visit log: search and filters with keyset pages, a visit's
//! detail with its timeline, and the CSV export of the current filter,
//! streamed (and audited).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Extension;
use uuid::Uuid;

use super::page::{render, Chrome, PageError};
use super::view::Time;
use super::Routes;
use crate::auth::Principal;
use crate::db::visit_detail::{self, VisitDetail};
use crate::db::visit_search::{search, VisitParams, VisitQuery, VisitRow, VisitSort};
use crate::db::DbError;
use crate::error::AppError;
use crate::service::visits_export::{query_string, start_export};
use crate::state::AppState;
use foyer_domain::{VisitState, VisitorType};

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", "/console/admin/visits", list).add("GET", "/console/admin/visits/export.csv", export).add(
        "GET",
        "/console/admin/visits/{id}",
        detail,
    )
}

/// A row of the list, in words.
pub struct RowView {
    pub id: String,
    pub name: String,
    pub company: String,
    pub host: String,
    pub kind: String,
    pub state: String,
    pub arrived: Time,
    pub departed: Time,
}

impl From<VisitRow> for RowView {
    fn from(VisitRow { visit: v, .. }: VisitRow) -> Self {
        Self {
            id: v.id,
            name: v.visitor_name,
            company: v.company.unwrap_or_default(),
            host: v.host_name,
            kind: v.visitor_type,
            state: v.state.replace('_', " "),
            arrived: Time::of(v.arrived_at),
            departed: Time::of(v.departed_at),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/visits.html")]
struct VisitsPage {
    chrome: Chrome,
    filter: VisitParams,
    problem: Option<String>,
    rows: Vec<RowView>,
    /// The query string of the next page, when there is one.
    next: Option<String>,
    /// The query string of the export of this filter.
    export: String,
    states: Vec<&'static str>,
    types: Vec<&'static str>,
    sorts: Vec<&'static str>,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(params): Query<VisitParams>,
) -> Result<Response, PageError> {
    let query = VisitQuery::from_params(&params);
    let (rows, next, problem) = match query {
        Ok(q) => {
            let page = state.db.call(move |c| search(c, &q)).await?;
            let next = page.next.map(|n| query_string(&params, Some(n.encode())));
            (page.rows.into_iter().map(RowView::from).collect(), next, None)
        }
        Err(DbError::Refused(m)) => (Vec::new(), None, Some(m)),
        Err(e) => return Err(e.into()),
    };
    let status = if problem.is_some() { 422 } else { 200 };
    let page = VisitsPage {
        chrome: Chrome::new(&p, "/console/admin/visits", None),
        export: query_string(&params, None),
        filter: params,
        problem,
        rows,
        next,
        states: VisitState::ALL.iter().map(|s| s.as_str()).collect(),
        types: VisitorType::ALL.iter().map(|t| t.as_str()).collect(),
        sorts: VisitSort::ALL.iter().map(|s| s.as_str()).collect(),
    };
    let mut response = render(&page)?;
    *response.status_mut() = axum::http::StatusCode::from_u16(status).expect("a status");
    Ok(response)
}

pub async fn export(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(params): Query<VisitParams>,
) -> Result<Response, PageError> {
    Ok(start_export(&state, &p, &params).await?)
}

#[derive(Template)]
#[template(path = "admin/visit.html")]
struct VisitPage {
    chrome: Chrome,
    v: VisitDetail,
    arrived: Time,
    departed: Time,
    timeline: Vec<(Time, visit_detail::TimelineEntry)>,
}

pub async fn detail(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound(format!("{id:?} is not a visit id")))?;
    let v = state
        .db
        .call(move |c| visit_detail::detail(c, id))
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no visit has the id {id}")))?;
    let timeline = v.timeline.iter().cloned().map(|e| (Time::of(Some(e.at)), e)).collect();
    let (arrived, departed) = (Time::of(v.arrived_at), Time::of(v.departed_at));
    render(&VisitPage { chrome: Chrome::new(&p, "/console/admin/visits", None), v, arrived, departed, timeline })
}
