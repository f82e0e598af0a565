//! Reports: visits per day and per host over a chosen range, and the peak
//! number of visitors on site at once.

use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::Date;
use utoipa::{IntoParams, ToSchema};

use crate::db::reports::{peak_on_site, visits_per_day, visits_per_host, ReportRange};
use crate::db::{now_unix, DbError};
use crate::error::AppError;
use crate::state::AppState;

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD`; the last 30 days by default.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// First UTC day, `YYYY-MM-DD` (at most 366 days before `to`).
    #[param(schema_with = crate::schema_rules::optional_date)]
    pub from: Option<String>,
    /// Last UTC day, `YYYY-MM-DD`.
    #[param(schema_with = crate::schema_rules::optional_date)]
    pub to: Option<String>,
}

/// The figures of a report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    pub from: String,
    pub to: String,
    /// (day, arrivals), every day of the range.
    #[schema(schema_with = crate::schema_rules::day_counts)]
    pub per_day: Vec<(String, u64)>,
    /// (host, arrivals), the 20 busiest hosts.
    #[schema(schema_with = crate::schema_rules::name_counts)]
    pub per_host: Vec<(String, u64)>,
    /// The most visitors on site at once, and when; absent when nobody came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak: Option<Peak>,
}

/// The most visitors on site at once in a report's range.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Peak {
    pub visitors: u64,
    /// When it was reached, unix seconds.
    pub at: i64,
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
                peak: peak_on_site(c, &range, now_unix())?.map(|(visitors, at)| Peak { visitors, at }),
            })
        })
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absent_or_blank_day_is_the_default_and_a_bad_one_is_refused_by_name() {
        let default = time::macros::date!(2026 - 11 - 30);
        assert_eq!(day("to", None, default).unwrap(), default);
        assert_eq!(day("to", Some("  "), default).unwrap(), default);
        assert_eq!(day("from", Some("2026-11-01"), default).unwrap(), time::macros::date!(2026 - 11 - 01));
        let err = day("from", Some("yesterday"), default).unwrap_err().to_string();
        assert!(err.starts_with("from: \"yesterday\""), "{err}");
    }
}
