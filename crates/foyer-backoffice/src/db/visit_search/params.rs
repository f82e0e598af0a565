//! The visit list's query string, as the HTTP layer receives it, parsed into
//! a [`VisitQuery`] with errors that name the parameter at fault.

use serde::Deserialize;
use time::macros::format_description;
use time::Date;
use utoipa::IntoParams;

use super::{Cursor, VisitQuery, VisitSort};
use crate::db::DbError;

/// The most rows one page may ask for.
pub const MAX_LIMIT: u32 = 500;

/// `?q=&from=&to=&state=&type=&sort=&after=&limit=`, every value as sent.
/// An empty value counts as absent, as a filter form sends its blank fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VisitParams {
    /// Text to find in the visitor's name, company or host name.
    pub q: Option<String>,
    /// First UTC day of arrival, `YYYY-MM-DD`.
    #[param(schema_with = crate::schema_rules::optional_date)]
    pub from: Option<String>,
    /// Last UTC day of arrival, `YYYY-MM-DD`.
    #[param(schema_with = crate::schema_rules::optional_date)]
    pub to: Option<String>,
    /// `expected`, `pending_approval`, `on_site`, `departed`, `denied` or `cancelled`.
    #[param(schema_with = crate::schema_rules::optional_visit_state)]
    pub state: Option<String>,
    /// `guest`, `contractor`, `interview` or `delivery`.
    #[serde(rename = "type")]
    #[param(rename = "type", schema_with = crate::schema_rules::optional_visitor_type)]
    pub visitor_type: Option<String>,
    /// `arrived_desc` (the default), `arrived_asc` or `name_asc`.
    #[param(schema_with = crate::schema_rules::optional_visit_sort)]
    pub sort: Option<String>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// Rows per page, 1 to 500; 50 by default.
    #[param(schema_with = crate::schema_rules::optional_page_limit)]
    pub limit: Option<String>,
}

impl VisitQuery {
    /// Parses and validates the query string's values.
    pub fn from_params(p: &VisitParams) -> Result<Self, DbError> {
        let sort = match given(&p.sort) {
            None => VisitSort::default(),
            Some(s) => VisitSort::parse(s).ok_or_else(|| {
                let known: Vec<_> = VisitSort::ALL.iter().map(|s| s.as_str()).collect();
                refused("sort", s, &format!("is not one of {}", known.join(", ")))
            })?,
        };
        let limit = match given(&p.limit) {
            None => VisitQuery::default().limit,
            Some(l) => l
                .parse()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| refused("limit", l, &format!("is not a whole number from 1 to {MAX_LIMIT}")))?,
        };
        let query = Self {
            text: given(&p.q).map(str::to_owned),
            from: given(&p.from).map(|d| date("from", d)).transpose()?,
            to: given(&p.to).map(|d| date("to", d)).transpose()?,
            state: given(&p.state).map(str::to_owned),
            visitor_type: given(&p.visitor_type).map(str::to_owned),
            sort,
            after: given(&p.after).map(Cursor::parse).transpose()?,
            limit,
        };
        query.validate()?;
        Ok(query)
    }
}

/// The trimmed value, unless it is missing or blank.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn date(name: &str, raw: &str) -> Result<Date, DbError> {
    Date::parse(raw, format_description!("[year]-[month]-[day]"))
        .map_err(|_| refused(name, raw, "is not a date like 2024-05-31"))
}

fn refused(name: &str, raw: &str, why: &str) -> DbError {
    DbError::Refused(format!("{name}: {raw:?} {why}"))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn params(pairs: &[(&str, &str)]) -> VisitParams {
        let mut p = VisitParams::default();
        for (k, v) in pairs {
            let slot = match *k {
                "q" => &mut p.q,
                "from" => &mut p.from,
                "to" => &mut p.to,
                "state" => &mut p.state,
                "type" => &mut p.visitor_type,
                "sort" => &mut p.sort,
                "after" => &mut p.after,
                "limit" => &mut p.limit,
                other => panic!("no parameter {other}"),
            };
            *slot = Some((*v).to_owned());
        }
        p
    }

    fn refusal(pairs: &[(&str, &str)]) -> String {
        match VisitQuery::from_params(&params(pairs)) {
            Err(DbError::Refused(m)) => m,
            other => panic!("{pairs:?} gave {other:?}"),
        }
    }

    #[test]
    fn every_parameter_is_read_and_blank_ones_are_absent() {
        let q = VisitQuery::from_params(&params(&[
            ("q", " Acme "),
            ("from", "2024-05-01"),
            ("to", "2024-05-31"),
            ("state", "on_site"),
            ("type", "contractor"),
            ("sort", "name_asc"),
            ("after", ""),
            ("limit", "20"),
        ]))
        .unwrap();
        assert_eq!(q.text.as_deref(), Some("Acme"));
        assert_eq!((q.from, q.to), (Some(date!(2024 - 05 - 01)), Some(date!(2024 - 05 - 31))));
        assert_eq!((q.state.as_deref(), q.visitor_type.as_deref()), (Some("on_site"), Some("contractor")));
        assert_eq!((q.sort, q.after, q.limit), (VisitSort::NameAsc, None, 20));
        assert_eq!(VisitQuery::from_params(&params(&[("state", ""), ("q", " ")])).unwrap(), VisitQuery::default());
    }

    #[test]
    fn the_visitor_type_arrives_as_the_type_parameter() {
        let p: VisitParams = serde_json::from_value(serde_json::json!({"type": "guest", "q": "Ada"})).unwrap();
        assert_eq!((p.visitor_type.as_deref(), p.q.as_deref()), (Some("guest"), Some("Ada")));
    }

    #[test]
    fn each_bad_value_is_refused_naming_its_parameter() {
        assert!(refusal(&[("from", "2024-02-30")]).starts_with("from: \"2024-02-30\""));
        assert!(refusal(&[("to", "yesterday")]).starts_with("to: \"yesterday\""));
        assert!(refusal(&[("state", "gone")]).starts_with("state: \"gone\" is not one of expected"));
        assert!(refusal(&[("type", "Guest")]).starts_with("type: \"Guest\" is not one of guest"));
        assert!(refusal(&[("sort", "best")]).starts_with("sort: \"best\""));
        assert!(refusal(&[("limit", "0")]).starts_with("limit: \"0\""));
        assert!(refusal(&[("limit", "10000")]).starts_with("limit: \"10000\""));
        assert!(refusal(&[("after", "not-a-cursor")]).starts_with("bad page cursor \"not-a-cursor\""));
        assert!(refusal(&[("from", "2024-05-02"), ("to", "2024-05-01")]).starts_with("from: 2024-05-02 is after"));
    }
}
