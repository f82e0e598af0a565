//! View models: what templates show, with times and states already turned
//! into words, so templates stay free of logic.

use super::page::{iso, when};
use crate::db::lobby::{LobbyVisit, RecentCommand};

/// A time for a table cell: the text and the `datetime` attribute.
#[derive(Debug, Clone, Default)]
pub struct Time {
    pub text: String,
    pub iso: String,
}

impl Time {
    pub fn of(unix: Option<i64>) -> Self {
        unix.map(|t| Self { text: when(t), iso: iso(t) }).unwrap_or_default()
    }
}

/// A visit row of the lobby lists.
#[derive(Debug, Clone)]
pub struct VisitView {
    pub id: String,
    pub kiosk: String,
    pub name: String,
    pub company: String,
    pub host: String,
    pub kind: String,
    pub arrived: Time,
    pub departed: Time,
    pub reason: String,
}

impl From<LobbyVisit> for VisitView {
    fn from(LobbyVisit { visit: v, flag_reason }: LobbyVisit) -> Self {
        Self {
            id: v.id,
            kiosk: v.kiosk,
            name: v.visitor_name,
            company: v.company.unwrap_or_default(),
            host: v.host_name,
            kind: v.visitor_type,
            arrived: Time::of(v.arrived_at),
            departed: Time::of(v.departed_at),
            reason: flag_reason.unwrap_or_default(),
        }
    }
}

/// A desk command with its outcome in words.
#[derive(Debug, Clone)]
pub struct CommandView {
    pub id: i64,
    pub kiosk: String,
    pub by: String,
    pub kind: String,
    pub at: Time,
    /// `waiting`, `done` or `failed`.
    pub status: &'static str,
    pub message: String,
}

impl From<RecentCommand> for CommandView {
    fn from(c: RecentCommand) -> Self {
        let status = match c.ok {
            None => "waiting",
            Some(true) => "done",
            Some(false) => "failed",
        };
        Self {
            id: c.id,
            kiosk: c.kiosk,
            by: c.issued_by,
            kind: c.kind.replace('_', " "),
            at: Time::of(Some(c.created_at)),
            status,
            message: c.message.unwrap_or_default(),
        }
    }
}
