//! Running one desk command through the kiosk's use cases, as the desk
//! user who issued it. Blocking (printer, relay): call off the async threads.

use crate::admission::PrintOutcome;
use crate::check_in::{HostChoice, WalkIn};
use crate::door::DoorOutcome;
use crate::{Actor, Kiosk};
use foyer_domain::DoorReason;
use foyer_wire::{CommandAck, CommandKind};

/// The command's name in the ledger and the logs.
pub fn kind_name(c: &CommandKind) -> &'static str {
    match c {
        CommandKind::Reprint { .. } => "reprint",
        CommandKind::ReleaseDoor => "release_door",
        CommandKind::CheckIn(_) => "check_in",
        CommandKind::Approve { .. } => "approve",
        CommandKind::Deny { .. } => "deny",
        CommandKind::CheckOut { .. } => "check_out",
        CommandKind::CheckOutEveryone => "check_out_everyone",
    }
}

fn print_line(p: &PrintOutcome) -> (bool, String) {
    match p {
        PrintOutcome::Printed { .. } => (true, "badge printed".into()),
        PrintOutcome::Failed { problem } => (false, format!("badge not printed: {problem}")),
    }
}

fn door_line(d: &DoorOutcome) -> (bool, String) {
    match d {
        DoorOutcome::Released { seconds } => (true, format!("door released for {seconds} s")),
        DoorOutcome::Failed { problem } => (false, format!("door not released: {problem}")),
        DoorOutcome::KeptClosed => (true, "door kept closed".into()),
    }
}

/// Runs `command` for `user`; the answer says what happened in one line.
pub fn execute(kiosk: &Kiosk, user: &str, command: &CommandKind) -> CommandAck {
    let actor = Actor::Desk(user.to_owned());
    let result = match command {
        CommandKind::Reprint { visit_id } => kiosk.reprint(*visit_id, &actor).map(|p| print_line(&p)),
        CommandKind::ReleaseDoor => {
            Ok(door_line(&kiosk.release_door(DoorReason::DeskCommand { user: user.to_owned() }, &actor)))
        }
        CommandKind::CheckIn(c) => {
            let walk_in = WalkIn {
                name: c.name.clone(),
                company: c.company.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                host: HostChoice::Id(c.host_id),
                visitor_type: c.visitor_type,
                agreement_version: c.agreement_version,
                visit_id: None,
                // The desk's command names no language; its badge is in
                // the default one, as before languages.
                language: foyer_domain::Language::default(),
            };
            kiosk.check_in(&walk_in, &actor).map(|o| match &o.admission {
                None => (true, format!("{} checked in ({}); waiting for approval", o.visit.visitor_name, o.visit.id)),
                Some(a) => {
                    let (printed, line) = print_line(&a.print);
                    (printed, format!("{} checked in ({}); {line}", o.visit.visitor_name, o.visit.id))
                }
            })
        }
        CommandKind::Approve { visit_id } => kiosk.approve(*visit_id, &actor).map(|(v, a)| {
            let (ok, line) = print_line(&a.print);
            (ok, format!("{} approved; {line}", v.visitor_name))
        }),
        CommandKind::Deny { visit_id } => {
            kiosk.deny(*visit_id, &actor).map(|v| (true, format!("{} denied", v.visitor_name)))
        }
        CommandKind::CheckOut { visit_id } => {
            kiosk.check_out(*visit_id, &actor).map(|v| (true, format!("{} checked out", v.visitor_name)))
        }
        CommandKind::CheckOutEveryone => {
            kiosk.check_out_everyone(&actor).map(|vs| (true, format!("{} visitors checked out", vs.len())))
        }
    };
    match result {
        Ok((ok, message)) => CommandAck { ok, message },
        Err(e) => CommandAck { ok: false, message: e.to_string() },
    }
}
