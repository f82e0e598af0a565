//! The newest arrivals with every delivery of their host's notifications:
//! what the desk reads to see whether each host was reached.

use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use super::DbError;

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

/// The newest `limit` arrivals with their deliveries, newest first.
pub fn arrivals(conn: &Connection, limit: u32) -> Result<Vec<ArrivalNotice>, DbError> {
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
