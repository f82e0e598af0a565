//! Checking a walk-in visitor in, and the steps every arrival shares
//! (the invitation path is in `check_in_invited`).

use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use super::admission::Admission;
use super::{Actor, Kiosk, KioskError, KioskResult};
use crate::store::hosts::{self, HostLookup};
use crate::store::visits::{self, NewVisit, VisitRecord};
use crate::store::{agreements, audit, now_unix, outbox, watchlist};
use foyer_domain::events::{KioskEvent, VisitSummary};
use foyer_domain::screening::{screen, WatchlistEntry};
use foyer_domain::visitor_type::TypeRules;
use foyer_domain::{InvitationCode, Language, VisitState, VisitorDetails, VisitorName, VisitorType};

/// How the visitor named their host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostChoice {
    /// Picked from the directory.
    Id(i64),
    /// Typed: a name or an email, matched case- and accent-insensitively.
    Name(String),
}

/// A walk-in check-in as entered at the kiosk or the desk.
#[derive(Debug, Clone)]
pub struct WalkIn {
    pub name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub host: HostChoice,
    pub visitor_type: VisitorType,
    /// The agreement version the visitor accepted on screen, if any.
    pub agreement_version: Option<i64>,
    /// The id the visit gets; the kiosk screen chooses it early so the badge
    /// preview carries the same token as the printed badge. `None`: a new one.
    pub visit_id: Option<Uuid>,
    /// The language the visitor chose on the screen: the badge's words are
    /// in it, now and when it is reprinted.
    pub language: Language,
}

/// The result of a committed check-in.
#[derive(Debug, Clone, Serialize)]
pub struct CheckInOutcome {
    pub visit: VisitRecord,
    /// Badge and door, when the visitor was let in; `None` when flagged.
    pub admission: Option<Admission>,
}

impl Kiosk {
    /// Checks a walk-in visitor in. The visit, its audit entry and its
    /// outbox event are on disk when this returns; badge and door follow.
    pub fn check_in(&self, req: &WalkIn, actor: &Actor) -> KioskResult<CheckInOutcome> {
        self.walk_in(req, actor).map_err(|e| self.in_data_dir(e))
    }

    fn walk_in(&self, req: &WalkIn, actor: &Actor) -> KioskResult<CheckInOutcome> {
        let name = VisitorName::parse(&req.name)?;
        let details = VisitorDetails::parse(req.company.as_deref(), req.email.as_deref(), req.phone.as_deref())?;
        let rules = req.visitor_type.rules();
        if rules.contact_required && details.email.is_none() && details.phone.is_none() {
            return Err(KioskError::ContactRequired(req.visitor_type.as_str()));
        }
        let visit = {
            let mut store = self.store();
            let tx = crate::store::write_tx(store.conn_mut())?;
            let host_id = resolve_host_for(&tx, &req.host)?;
            let agreement = check_agreement(&tx, rules, req.agreement_version)?;
            let hit = screen(name.as_str(), &watchlist::load(&tx)?).cloned();
            let now = now_unix();
            let state = VisitState::walk_in(hit.is_some());
            let id = req.visit_id.unwrap_or_else(Uuid::new_v4);
            visits::insert(
                &tx,
                &NewVisit {
                    id,
                    name: &name,
                    details: &details,
                    host_id,
                    visitor_type: req.visitor_type,
                    state,
                    kiosk: &self.settings().kiosk_name,
                    created_at: now,
                    arrived_at: Some(now),
                    badge_expires_at: (state == VisitState::OnSite).then_some(now + rules.badge_minutes * 60),
                    flag_reason: hit.as_ref().map(flag_reason).as_deref(),
                    language: req.language,
                },
            )?;
            self.commit_arrival(tx, id, agreement, None, hit.as_ref(), actor)?
        };
        Ok(self.after_arrival(visit, actor))
    }

    /// Writes the agreement, audit entry and outbox event of an arrival and
    /// commits: the point after which the check-in is acknowledged.
    pub(crate) fn commit_arrival(
        &self,
        tx: rusqlite::Transaction<'_>,
        id: Uuid,
        agreement: Option<i64>,
        code: Option<&InvitationCode>,
        hit: Option<&WatchlistEntry>,
        actor: &Actor,
    ) -> KioskResult<VisitRecord> {
        let now = now_unix();
        if let Some(version) = agreement {
            agreements::accept(&tx, id, version, now)?;
        }
        let visit = visits::get(&tx, id)?.ok_or(KioskError::UnknownVisit(id))?;
        let summary = summarise(&visit, agreement, code);
        let (action, event) = match hit {
            None => ("visit.checked_in", KioskEvent::VisitArrived(summary)),
            Some(entry) => ("visit.flagged", KioskEvent::VisitFlagged { visit: summary, reason: flag_reason(entry) }),
        };
        let detail = serde_json::json!({ "invitation": code.map(|c| c.as_str()), "agreement_version": agreement });
        audit::append(&tx, &self.actor(actor), action, Some(&id.to_string()), &detail)?;
        outbox::push(&tx, &event)?;
        tx.commit()?;
        Ok(visit)
    }

    pub(crate) fn after_arrival(&self, visit: VisitRecord, actor: &Actor) -> CheckInOutcome {
        let on_site = visit.state == VisitState::OnSite;
        if on_site {
            // Followed from now: the arrival is in the outbox already.
            self.notices.follow(visit.id);
        }
        let admission = on_site.then(|| self.admit(&visit, actor));
        CheckInOutcome { visit, admission }
    }
}

pub(crate) fn flag_reason(entry: &WatchlistEntry) -> String {
    format!("watchlist: {} ({})", entry.name, entry.reason)
}

pub(crate) fn resolve_host_for(conn: &Connection, choice: &HostChoice) -> KioskResult<i64> {
    match choice {
        HostChoice::Id(id) => match hosts::get(conn, *id)? {
            Some(h) if h.active => Ok(h.id),
            _ => Err(KioskError::UnknownHost { query: format!("#{id}"), suggestions: vec![] }),
        },
        HostChoice::Name(query) => match hosts::lookup(conn, query)? {
            HostLookup::Found(h) => Ok(h.id),
            HostLookup::Ambiguous(hs) => Err(KioskError::AmbiguousHost {
                query: query.clone(),
                candidates: hs.iter().map(|h| format!("#{} {}", h.id, h.email.as_deref().unwrap_or(&h.name))).collect(),
            }),
            HostLookup::NotFound { suggestions } => Err(KioskError::UnknownHost { query: query.clone(), suggestions }),
        },
    }
}

/// The agreement version to record, or why the check-in cannot go on.
pub(crate) fn check_agreement(conn: &Connection, rules: TypeRules, accepted: Option<i64>) -> KioskResult<Option<i64>> {
    if accepted.is_none() && !rules.agreement_required {
        return Ok(None); // nothing to compare: skip the read
    }
    // The visitor may have read it in any language the site writes it in
    // (they can switch language on the way): what counts is that no newer
    // version of the same language replaced the one they accepted.
    let like = match accepted {
        Some(v) => agreements::current_like(conn, v)?,
        None => None,
    };
    match (accepted, like) {
        (Some(v), Some(current)) if v == current => Ok(Some(v)),
        (Some(v), Some(current)) => Err(KioskError::AgreementOutdated { accepted: v, current }),
        (Some(v), None) => Err(KioskError::AgreementOutdated { accepted: v, current: agreements::current(conn)?.0 }),
        (None, _) => Err(KioskError::AgreementRequired { current: agreements::current(conn)?.0 }),
    }
}

fn summarise(v: &VisitRecord, agreement: Option<i64>, code: Option<&InvitationCode>) -> VisitSummary {
    VisitSummary {
        visit_id: v.id,
        visitor_name: v.visitor_name.clone(),
        company: v.company.clone(),
        email: v.email.clone(),
        phone: v.phone.clone(),
        host_id: v.host_id,
        host_name: v.host_name.clone(),
        visitor_type: v.visitor_type,
        arrived_at: v.arrived_at.unwrap_or(v.created_at),
        kiosk: v.kiosk.clone(),
        agreement_version: agreement,
        invitation: code.map(|c| c.as_str().to_owned()),
    }
}
