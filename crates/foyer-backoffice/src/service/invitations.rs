//! Invitations made at the desk: validated, stored for the kiosks' next
//! sync, and — when the visitor has an email address — an email with the
//! QR code queued in the same transaction, so an invitation never exists
//! without its email or the other way round.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::db::directory::{invite, InvitationRequest};
use crate::db::invitation_mail::queue_invitation_email;
pub use crate::db::upcoming_invitations::UpcomingInvitation;
use crate::db::{audit, now_ms, upcoming_invitations, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::visitor::VisitorDetails;
use foyer_domain::VisitorType;

/// An invitation as the desk enters it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewInvitation {
    #[schema(schema_with = crate::schema_rules::visitor_name)]
    pub visitor_name: String,
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::company)]
    pub company: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::schema_rules::optional_email)]
    pub email: Option<String>,
    pub host_id: i64,
    /// `guest`, `contractor`, `interview` or `delivery`.
    #[schema(schema_with = crate::schema_rules::visitor_type)]
    pub visitor_type: String,
    /// `YYYY-MM-DD`.
    #[schema(schema_with = crate::schema_rules::date)]
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

/// Open invitations from today on, soonest first, at most `limit`.
pub async fn upcoming(state: &AppState, limit: u32) -> Result<Vec<UpcomingInvitation>, AppError> {
    let from = super::today();
    Ok(state.db.call(move |c| upcoming_invitations::upcoming(c, &from, limit)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(expected_on: &str) -> NewInvitation {
        NewInvitation {
            visitor_name: "Ada Lovelace".into(),
            company: Some("Analytical Engines".into()),
            email: Some("ada@example.org".into()),
            host_id: 7,
            visitor_type: "guest".into(),
            expected_on: expected_on.into(),
        }
    }

    #[test]
    fn an_invitation_for_today_becomes_a_request_for_that_host_and_day() {
        let today = super::super::today();
        let request = new(&today).validate().unwrap();
        assert_eq!((request.host_id, request.expected_on.to_string()), (7, today));
        assert_eq!(request.email.as_deref(), Some("ada@example.org"));
    }

    #[test]
    fn a_date_that_is_not_a_date_or_is_past_is_refused_saying_so() {
        let err = new("next tuesday").validate().unwrap_err().to_string();
        assert!(err.contains("is not a date like 2026-12-01"), "{err}");
        let err = new("2000-01-01").validate().unwrap_err().to_string();
        assert!(err.contains("is in the past"), "{err}");
    }

    #[test]
    fn an_unknown_visitor_type_or_a_bad_email_is_refused() {
        let mut bad_type = new(&super::super::today());
        bad_type.visitor_type = "alien".into();
        assert!(bad_type.validate().is_err());
        let mut bad_email = new(&super::super::today());
        bad_email.email = Some("not an address".into());
        assert!(bad_email.validate().is_err());
    }
}
