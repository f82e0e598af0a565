//! The desk's overrides, shared by the console's forms and its JSON API.
//! Each one checks that it makes sense for the visit's current state,
//! becomes a command for the kiosk concerned (delivered once, acknowledged)
//! and an audit entry naming the user, in that order: a command that could
//! not be queued is not audited as done.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Principal;
use crate::db::{audit, commands, directory, kiosks, visit_log, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::visitor::VisitorDetails;
use foyer_domain::InvitationCode;
use foyer_wire::{CommandKind, DeskCheckIn};

/// An override of the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum DeskAction {
    /// A walk-in entered at the desk; `kiosk` prints the badge.
    CheckIn {
        kiosk: String,
        visitor: DeskCheckIn,
    },
    /// Let a flagged visitor in: the badge prints and the door opens.
    Approve {
        visit_id: Uuid,
    },
    /// Refuse a flagged visitor: the kiosk shows a polite message.
    Deny {
        visit_id: Uuid,
    },
    CheckOut {
        visit_id: Uuid,
    },
    Reprint {
        visit_id: Uuid,
    },
    ReleaseDoor {
        kiosk: String,
    },
    CancelInvitation {
        #[schema(schema_with = foyer_wire::text_rules::invitation_code)]
        code: String,
    },
    /// End of day: every kiosk checks out everyone still on site.
    CheckOutEveryone,
}

/// What an override did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActionOutcome {
    /// One line for the desk.
    pub message: String,
    /// The kiosk commands queued (their acks show on the lobby).
    pub commands: Vec<i64>,
}

impl DeskAction {
    /// The audit action and the lobby's word for it.
    fn audit_action(&self) -> &'static str {
        match self {
            Self::CheckIn { .. } => "override.check_in",
            Self::Approve { .. } => "override.approve",
            Self::Deny { .. } => "override.deny",
            Self::CheckOut { .. } => "override.check_out",
            Self::Reprint { .. } => "override.reprint",
            Self::ReleaseDoor { .. } => "door.release",
            Self::CancelInvitation { .. } => "invitation.cancel",
            Self::CheckOutEveryone => "override.check_out_everyone",
        }
    }
}

/// The visit's kiosk, if the visit is in one of `states`.
fn visit_at(conn: &rusqlite::Connection, id: Uuid, states: &[&str], what: &str) -> Result<String, DbError> {
    let visit = visit_log::get(conn, id)?.ok_or_else(|| DbError::Missing(format!("no visit has the id {id}")))?;
    if !states.contains(&visit.state.as_str()) {
        return Err(DbError::Conflict(format!(
            "{} cannot be {what}: the visit is {}",
            visit.visitor_name,
            visit.state.replace('_', " ")
        )));
    }
    Ok(visit.kiosk)
}

/// The kiosk commands an action needs, the audit target and the desk's
/// message; refuses what makes no sense for the visit's state.
struct Plan {
    commands: Vec<(String, CommandKind)>,
    target: String,
    message: String,
}

fn plan(c: &rusqlite::Connection, user: &str, action: DeskAction) -> Result<Plan, DbError> {
    let audit_action = action.audit_action();
    let (commands, target, message) = match action {
        DeskAction::CheckIn { kiosk, visitor } => {
            // The kiosk checks these again; the back office refuses them first.
            let refuse = |e: foyer_domain::ValidationError| DbError::Refused(e.to_string());
            let name = foyer_domain::VisitorName::parse(&visitor.name).map_err(refuse)?;
            VisitorDetails::parse(visitor.company.as_deref(), visitor.email.as_deref(), visitor.phone.as_deref())
                .map_err(refuse)?;
            if crate::db::hosts_admin::get(c, visitor.host_id)?.is_none() {
                return Err(DbError::Missing(format!("no host has the id {}", visitor.host_id)));
            }
            let msg = format!("{} will be checked in at {kiosk}; the badge prints there", name.as_str());
            (vec![(kiosk, CommandKind::CheckIn(visitor))], name.as_str().to_owned(), msg)
        }
        DeskAction::Approve { visit_id } => {
            let kiosk = visit_at(c, visit_id, &["pending_approval"], "approved")?;
            let msg = format!("approved; {kiosk} prints the badge and opens the door");
            (vec![(kiosk, CommandKind::Approve { visit_id })], visit_id.to_string(), msg)
        }
        DeskAction::Deny { visit_id } => {
            let kiosk = visit_at(c, visit_id, &["pending_approval"], "denied")?;
            (vec![(kiosk, CommandKind::Deny { visit_id })], visit_id.to_string(), "denied".into())
        }
        DeskAction::CheckOut { visit_id } => {
            let kiosk = visit_at(c, visit_id, &["on_site", "pending_approval"], "checked out")?;
            (vec![(kiosk, CommandKind::CheckOut { visit_id })], visit_id.to_string(), "checking out".into())
        }
        DeskAction::Reprint { visit_id } => {
            let kiosk = visit_at(c, visit_id, &["on_site"], "given a new badge")?;
            let msg = format!("the badge reprints at {kiosk}");
            (vec![(kiosk, CommandKind::Reprint { visit_id })], visit_id.to_string(), msg)
        }
        DeskAction::ReleaseDoor { kiosk } => {
            let msg = format!("the door at {kiosk} opens");
            (vec![(kiosk.clone(), CommandKind::ReleaseDoor)], kiosk, msg)
        }
        DeskAction::CancelInvitation { code } => {
            let parsed = InvitationCode::parse(&code).map_err(|e| DbError::Refused(e.to_string()))?;
            if !directory::cancel_invitation(c, &parsed)? {
                return Err(DbError::Missing(format!("no open invitation has the code {code}")));
            }
            audit::record(c, user, audit_action, Some(&code), "")?;
            (Vec::new(), code, "invitation cancelled; kiosks drop it at their next sync".into())
        }
        DeskAction::CheckOutEveryone => {
            let active: Vec<String> =
                kiosks::list(c)?.into_iter().filter(|k| k.revoked_at.is_none()).map(|k| k.name).collect();
            if active.is_empty() {
                return Err(DbError::Conflict("no active kiosk to check visitors out".into()));
            }
            let msg = format!("everyone still on site is checked out at {} kiosk(s)", active.len());
            (active.into_iter().map(|k| (k, CommandKind::CheckOutEveryone)).collect(), "all".into(), msg)
        }
    };
    Ok(Plan { commands, target, message })
}

/// Performs `action` for `who`: the check, the commands and their audit
/// entries in one transaction, so an override is either wholly recorded
/// and queued or not at all.
pub async fn perform(state: &AppState, who: &Principal, action: DeskAction) -> Result<ActionOutcome, AppError> {
    let user = who.name().to_owned();
    let audit_action = action.audit_action();
    let (message, ids) = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let Plan { commands: planned, target, message } = plan(&tx, &user, action)?;
            let mut ids = Vec::with_capacity(planned.len());
            for (kiosk, command) in planned {
                let id = commands::enqueue(&tx, &kiosk, &user, &command)?;
                audit::record(&tx, &user, audit_action, Some(&target), &format!("kiosk {kiosk}, command {id}"))?;
                ids.push(id);
            }
            tx.commit()?;
            Ok((message, ids))
        })
        .await?;
    if !ids.is_empty() {
        state.commands_queued();
    }
    state.lobby_changed();
    Ok(ActionOutcome { message, commands: ids })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn planned(action: DeskAction) -> Result<Plan, DbError> {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bo.db")).unwrap();
        db.with(|c| plan(c, "ana", action))
    }

    #[test]
    fn approving_a_visit_the_log_does_not_have_is_refused_naming_the_id() {
        let id = Uuid::from_u128(42);
        let Err(DbError::Missing(m)) = planned(DeskAction::Approve { visit_id: id }) else { panic!("not refused") };
        assert_eq!(m, format!("no visit has the id {id}"));
    }

    #[test]
    fn releasing_a_door_plans_one_command_for_that_kiosk() {
        let plan = planned(DeskAction::ReleaseDoor { kiosk: "lobby-1".into() }).unwrap();
        assert_eq!(plan.commands, vec![("lobby-1".to_owned(), CommandKind::ReleaseDoor)]);
        assert_eq!((plan.target.as_str(), plan.message.as_str()), ("lobby-1", "the door at lobby-1 opens"));
    }

    #[test]
    fn checking_everyone_out_without_an_active_kiosk_is_refused() {
        assert!(matches!(planned(DeskAction::CheckOutEveryone), Err(DbError::Conflict(_))));
    }

    #[test]
    fn every_action_is_audited_under_its_own_name() {
        let id = Uuid::nil();
        let names = [
            DeskAction::Approve { visit_id: id }.audit_action(),
            DeskAction::Deny { visit_id: id }.audit_action(),
            DeskAction::CheckOut { visit_id: id }.audit_action(),
            DeskAction::Reprint { visit_id: id }.audit_action(),
            DeskAction::ReleaseDoor { kiosk: String::new() }.audit_action(),
            DeskAction::CancelInvitation { code: String::new() }.audit_action(),
            DeskAction::CheckOutEveryone.audit_action(),
        ];
        assert_eq!(names.iter().collect::<std::collections::HashSet<_>>().len(), names.len());
    }
}
