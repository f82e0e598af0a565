//! Reports: visits per day and per host over a chosen range, as server-side
//! SVG charts (nothing loaded from elsewhere), and the peak number of
//! visitors on site at once.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::Date;
use utoipa::{IntoParams, ToSchema};

use super::page::{render, Chrome, PageError};
use super::principal::Principal;
use super::view::Time;
use super::Routes;
use crate::db::reports::{peak_on_site, visits_per_day, visits_per_host, ReportRange};
use crate::db::{now_unix, DbError};
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use crate::svg_chart::bar_chart;

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", "/console/admin/reports", page)
}

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD`; the last 30 days by default.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// First UTC day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last UTC day, `YYYY-MM-DD`.
    pub to: Option<String>,
}

/// The figures of a report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    pub from: String,
    pub to: String,
    /// (day, arrivals), every day of the range.
    pub per_day: Vec<(String, u64)>,
    /// (host, arrivals), the 20 busiest hosts.
    pub per_host: Vec<(String, u64)>,
    /// The most visitors on site at once, and when (unix seconds).
    pub peak: Option<(u64, i64)>,
}

fn day(name: &str, raw: Option<&str>, default: Date) -> Result<Date, DbError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => Date::parse(s, format_description!("[year]-[month]-[day]"))
            .map_err(|_| DbError::Refused(format!("{name}: {s:?} is not a date like 2026-11-01"))),
    }
}

/// The report for `params`.
pub async fn report(state: &AppState, params: &ReportParams) -> Result<Report, AppError> {
    let today = time::OffsetDateTime::now_utc().date();
    let to = day("to", params.to.as_deref(), today)?;
    let from = day("from", params.from.as_deref(), to - time::Duration::days(29))?;
    let range = ReportRange::new(from, to)?;
    Ok(state
        .db
        .call(move |c| {
            Ok(Report {
                from: from.to_string(),
                to: to.to_string(),
                per_day: visits_per_day(c, &range)?.into_iter().map(|(d, n)| (d.to_string(), n)).collect(),
                per_host: visits_per_host(c, &range, 20)?,
                peak: peak_on_site(c, &range, now_unix())?,
            })
        })
        .await?)
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
            peak: r.peak.map(|(n, at)| (n, Time::of(Some(at)))),
            from: r.from,
            to: r.to,
            problem: None,
        },
        Err(AppError::Db(DbError::Refused(m))) => {
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

/// Visits per day and per host over a range, and the peak on site.
#[utoipa::path(
    get,
    path = "/api/v1/admin/reports",
    tag = "admin",
    security(("console" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A bad date or a range over 366 days", body = ErrorBody),
    )
)]
pub async fn get_report(
    State(state): State<AppState>,
    Query(params): Query<ReportParams>,
) -> Result<Json<Report>, AppError> {
    Ok(Json(report(&state, &params).await?))
}
