//! Reports: visits per day and per host over a chosen range, as server-side
//! SVG charts (nothing loaded from elsewhere), and the peak number of
//! visitors on site at once.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Extension;

use super::page::{render, Chrome, PageError};
use super::view::Time;
use super::Routes;
use crate::auth::Principal;
use crate::db::DbError;
use crate::error::AppError;
use crate::service::reports::{report, ReportParams};
use crate::state::AppState;
use crate::svg_chart::bar_chart;

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", "/console/admin/reports", page)
}

#[derive(Template)]
#[template(path = "admin/reports.html")]
struct ReportsPage {
    chrome: Chrome,
    from: String,
    to: String,
    problem: Option<String>,
    total: u64,
    per_day_svg: String,
    per_host_svg: String,
    peak: Option<(u64, Time)>,
}

pub async fn page(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(params): Query<ReportParams>,
) -> Result<Response, PageError> {
    let chrome = Chrome::new(&p, "/console/admin/reports", None);
    let (from, to) = (params.from.clone().unwrap_or_default(), params.to.clone().unwrap_or_default());
    let page = match report(&state, &params).await {
        Ok(r) => ReportsPage {
            chrome,
            total: r.per_day.iter().map(|(_, n)| n).sum(),
            per_day_svg: bar_chart(&format!("Visits per day, {} to {}", r.from, r.to), &r.per_day, 900, 280),
            per_host_svg: bar_chart("Visits per host (the 20 busiest)", &r.per_host, 900, 320),
            peak: r.peak.map(|p| (p.visitors, Time::of(Some(p.at)))),
            from: r.from,
            to: r.to,
            problem: None,
        },
        Err(AppError::Db(DbError::Refused(m) | DbError::Missing(m) | DbError::Conflict(m))) => {
            let mut r = render(&ReportsPage {
                chrome,
                from,
                to,
                problem: Some(m),
                total: 0,
                per_day_svg: String::new(),
                per_host_svg: String::new(),
                peak: None,
            })?;
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(r);
        }
        Err(e) => return Err(e.into()),
    };
    render(&page)
}
