//! Invitations made at the desk: validated, stored for the kiosks' next
//! sync, and — when the visitor has an email address — an email with the
//! QR code queued in the same transaction, so an invitation never exists
//! without its email or the other way round.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::principal::Principal;
use crate::db::directory::{invite, InvitationRequest};
use crate::db::invitation_mail::queue_invitation_email;
use crate::db::{audit, now_ms, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::visitor::VisitorDetails;
use foyer_domain::VisitorType;

/// An invitation as the desk enters it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewInvitation {
    pub visitor_name: String,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    pub host_id: i64,
    /// `guest`, `contractor`, `interview` or `delivery`.
    pub visitor_type: String,
    /// `YYYY-MM-DD`.
    pub expected_on: String,
}

/// A created invitation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CreatedInvitation {
    /// The code the visitor scans or types at the kiosk.
    pub code: String,
    pub visit_id: String,
    /// Whether an email with the QR code is on its way.
    pub emailed: bool,
}

fn refuse(e: impl std::fmt::Display) -> DbError {
    DbError::Refused(e.to_string())
}

impl NewInvitation {
    fn validate(&self) -> Result<InvitationRequest, DbError> {
        let details = VisitorDetails::parse(self.company.as_deref(), self.email.as_deref(), None).map_err(refuse)?;
        let visitor_type = VisitorType::parse(&self.visitor_type).map_err(refuse)?;
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let expected_on = time::Date::parse(self.expected_on.trim(), format)
            .map_err(|_| refuse(format!("expected date {:?} is not a date like 2026-12-01", self.expected_on)))?;
        if expected_on < time::OffsetDateTime::now_utc().date().previous_day().unwrap_or(expected_on) {
            return Err(refuse(format!("expected date {expected_on} is in the past")));
        }
        Ok(InvitationRequest {
            visitor_name: self.visitor_name.clone(),
            company: details.company,
            email: details.email.map(|e| e.as_str().to_owned()),
            host_id: self.host_id,
            visitor_type,
            expected_on,
        })
    }
}

/// Creates the invitation and queues its email, for `who`.
pub async fn create(state: &AppState, who: &Principal, new: NewInvitation) -> Result<CreatedInvitation, AppError> {
    let request = new.validate()?;
    let user = who.name().to_owned();
    let created = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let (code, visit_id) = invite(&tx, &request)?;
            let emailed = queue_invitation_email(&tx, &code, now_ms())?.is_some();
            let detail = format!("{} on {}", request.visitor_name.trim(), request.expected_on);
            audit::record(&tx, &user, "invitation.create", Some(code.as_str()), &detail)?;
            tx.commit()?;
            Ok(CreatedInvitation { code: code.display(), visit_id: visit_id.to_string(), emailed })
        })
        .await?;
    if created.emailed {
        state.notifier.notify_one();
    }
    state.lobby_changed();
    Ok(created)
}

/// An upcoming invitation, as the desk lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpcomingInvitation {
    pub code: String,
    pub visitor_name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub host_name: String,
    pub visitor_type: String,
    pub expected_on: String,
}

/// Open invitations from `from` (a date) on, soonest first.
pub fn upcoming(conn: &Connection, from: &str, limit: u32) -> Result<Vec<UpcomingInvitation>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.code, i.visitor_name, i.company, i.email, h.name, i.visitor_type, i.expected_on
         FROM invitations i JOIN hosts h ON h.id = i.host_id
         WHERE i.expected_on >= ?1 AND NOT i.cancelled
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.id = i.visit_id AND v.state <> 'expected')
         ORDER BY i.expected_on, i.visitor_name LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![from, limit], |r| {
        Ok(UpcomingInvitation {
            code: r.get(0)?,
            visitor_name: r.get(1)?,
            company: r.get(2)?,
            email: r.get(3)?,
            host_name: r.get(4)?,
            visitor_type: r.get(5)?,
            expected_on: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
