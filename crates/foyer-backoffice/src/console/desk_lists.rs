//! The desk's read-only lists: the evacuation list (everyone on site,
//! grouped by host, made to be printed) and whether each arrival's host was
//! reached, by which channel.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::Extension;
use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use super::page::{render, Chrome, PageError};
use super::principal::Principal;
use super::view::{Time, VisitView};
use crate::db::{lobby, DbError};
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
    let everyone = state.db.call(lobby::on_site_unbounded).await?;
    let total = everyone.len();
    let mut groups: Vec<HostGroup> = Vec::new();
    for v in everyone {
        match groups.last_mut() {
            Some(g) if g.host == v.host_name => g.visitors.push(v.into()),
            _ => groups.push(HostGroup { host: v.host_name.clone(), visitors: vec![v.into()] }),
        }
    }
    let printed_at = Time::of(Some(crate::db::now_unix()));
    render(&EvacuationPage { chrome: Chrome::new(&p, "/console/desk/evacuation", None), groups, total, printed_at })
}

/// One channel's delivery for an arrival.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Delivery {
    /// `email`, `slack`, `teams`, `webhook` or `reception`.
    pub channel: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub error: Option<String>,
    /// Used because the host could not be reached otherwise.
    pub fallback: bool,
    /// Unix milliseconds.
    pub sent_at: Option<i64>,
}

/// An arrival and how its host was told.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArrivalNotice {
    pub visit_id: String,
    pub visitor_name: String,
    pub host_name: String,
    pub arrived_at: Option<i64>,
    pub deliveries: Vec<Delivery>,
}

impl ArrivalNotice {
    /// In words: reached (by which channels), pending, or not reached.
    pub fn summary(&self) -> String {
        let sent: Vec<&str> =
            self.deliveries.iter().filter(|d| d.status == "sent").map(|d| d.channel.as_str()).collect();
        if !sent.is_empty() {
            format!("reached by {}", sent.join(", "))
        } else if self.deliveries.iter().any(|d| d.status == "queued" || d.status == "sending") {
            "being notified".to_owned()
        } else {
            "not reached".to_owned()
        }
    }

    pub fn reached(&self) -> bool {
        self.deliveries.iter().any(|d| d.status == "sent")
    }
}

/// The newest `limit` arrivals with their deliveries.
pub fn arrivals(conn: &mut Connection, limit: u32) -> Result<Vec<ArrivalNotice>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.visitor_name, v.host_name, v.arrived_at, n.channel, n.status, n.last_error, n.is_fallback,
                n.sent_at
         FROM (SELECT id, visitor_name, host_name, arrived_at FROM visits WHERE arrived_at IS NOT NULL
               ORDER BY arrived_at DESC LIMIT ?1) v
         LEFT JOIN notifications n ON n.visit_id = v.id
         ORDER BY v.arrived_at DESC, v.id, n.id",
    )?;
    let mut out: Vec<ArrivalNotice> = Vec::new();
    let mut rows = stmt.query([limit])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        if out.last().is_none_or(|a| a.visit_id != id) {
            out.push(ArrivalNotice {
                visit_id: id,
                visitor_name: r.get(1)?,
                host_name: r.get(2)?,
                arrived_at: r.get(3)?,
                deliveries: Vec::new(),
            });
        }
        if let Some(channel) = r.get::<_, Option<String>>(4)? {
            let d = Delivery { channel, status: r.get(5)?, error: r.get(6)?, fallback: r.get(7)?, sent_at: r.get(8)? };
            out.last_mut().expect("pushed above").deliveries.push(d);
        }
    }
    Ok(out)
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
    let list = state.db.call(|c| arrivals(c, 100)).await?;
    let arrivals = list.into_iter().map(|a| (Time::of(a.arrived_at), a)).map(|(t, a)| (a, t)).collect();
    render(&NotificationsPage { chrome: Chrome::new(&p, "/console/desk/notifications", None), arrivals })
}
