//! The desk's read-only pages: the evacuation list (everyone on site,
//! grouped by host, made to be printed) and whether each arrival's host was
//! reached, by which channel.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::Extension;

use super::page::{render, Chrome, PageError};
use super::view::{Time, VisitView};
use crate::auth::Principal;
use crate::service::desk_lists::{self, ArrivalNotice};
use crate::state::AppState;

/// Visitors of one host.
pub struct HostGroup {
    pub host: String,
    pub visitors: Vec<VisitView>,
}

#[derive(Template)]
#[template(path = "desk/evacuation.html")]
struct EvacuationPage {
    chrome: Chrome,
    groups: Vec<HostGroup>,
    total: usize,
    printed_at: Time,
}

pub async fn evacuation(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Response, PageError> {
    let everyone = desk_lists::evacuation(&state).await?;
    let total = everyone.len();
    let groups = desk_lists::by_host(everyone)
        .into_iter()
        .map(|g| HostGroup { host: g.host, visitors: g.visitors.into_iter().map(VisitView::from).collect() })
        .collect();
    let printed_at = Time::of(Some(crate::db::now_unix()));
    render(&EvacuationPage { chrome: Chrome::new(&p, "/console/desk/evacuation", None), groups, total, printed_at })
}

#[derive(Template)]
#[template(path = "desk/notifications.html")]
struct NotificationsPage {
    chrome: Chrome,
    arrivals: Vec<(ArrivalNotice, Time)>,
}

pub async fn notifications(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Response, PageError> {
    let list = desk_lists::arrivals(&state, 100).await?;
    let arrivals = list.into_iter().map(|a| (Time::of(a.arrived_at), a)).map(|(t, a)| (a, t)).collect();
    render(&NotificationsPage { chrome: Chrome::new(&p, "/console/desk/notifications", None), arrivals })
}
