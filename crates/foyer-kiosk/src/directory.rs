//! Read-only use cases for the kiosk screens: host type-ahead, the current
//! agreement, the badge a visitor is about to get, finding yourself to
//! check out, who is on site. The screens ask a [`Reader`] (a read-only
//! connection outside the store's lock) for the ones they need while a
//! visitor types; the `Kiosk` methods serve the CLI and the tests.

use time::OffsetDateTime;
use uuid::Uuid;

use super::{Kiosk, KioskError, KioskResult};
use crate::store::visits::{self, VisitFilter, VisitRecord};
use crate::store::{agreements, hosts, Reader};
use foyer_domain::host::Host;
use foyer_domain::screening::fold_name;
use foyer_domain::{BadgeContent, Language, VisitState, VisitorName, VisitorType};
use rusqlite::Connection;

impl Kiosk {
    /// A read-only connection to this kiosk's database, for a thread that
    /// reads for the screens without waiting on the store's lock.
    pub fn reader(&self) -> KioskResult<Reader> {
        // Only the path is read under the lock; the file is opened after.
        let path = self.store().path().to_owned();
        Ok(Reader::open(&path)?)
    }
}

/// The reads a screen makes while a visitor waits, on a read-only
/// connection: the same answers as the `Kiosk` methods of the same names.
impl Reader {
    /// Hosts whose name contains `fragment` (case- and accent-insensitive).
    pub fn find_hosts(&self, fragment: &str, limit: u32) -> KioskResult<Vec<Host>> {
        Ok(hosts::search(self.conn(), fragment, limit)?)
    }

    /// The current agreement in the site's default language; a visitor is
    /// shown [`Self::agreement_for`] their language.
    pub fn agreement(&self) -> KioskResult<(i64, String)> {
        Ok(agreements::current(self.conn())?)
    }

    /// Everyone checked in and not yet out, newest first.
    pub fn on_site(&self) -> KioskResult<Vec<VisitRecord>> {
        on_site(self.conn())
    }

    /// Visitors on site whose name matches "first name and initial".
    pub fn find_on_site(&self, query: &str) -> KioskResult<Vec<VisitRecord>> {
        find_on_site(self.conn(), query)
    }
}

impl Kiosk {
    /// Hosts whose name contains `fragment` (case- and accent-insensitive).
    pub fn find_hosts(&self, fragment: &str, limit: u32) -> KioskResult<Vec<Host>> {
        // An empty fragment matches every host, still capped by `limit` in SQL.
        Ok(hosts::search(self.store().conn(), fragment, limit)?)
    }

    /// The current agreement in the site's default language; a visitor is
    /// shown [`Self::agreement_for`] their language.
    pub fn agreement(&self) -> KioskResult<(i64, String)> {
        Ok(agreements::current(self.store().conn())?)
    }

    /// The badge a walk-in will get, for the review page: the same content
    /// and layout as the printed one, with the visit id the check-in will use
    /// and the words in the language the screen is in.
    pub fn preview_badge(
        &self,
        visit_id: Uuid,
        name: &str,
        company: Option<&str>,
        host_id: i64,
        visitor_type: VisitorType,
        language: Language,
    ) -> KioskResult<BadgeContent> {
        let name = VisitorName::parse(name)?;
        let host = hosts::get(self.store().conn(), host_id)?
            .ok_or_else(|| KioskError::UnknownHost { query: format!("#{host_id}"), suggestions: vec![] })?;
        Ok(BadgeContent::new(
            self.key(),
            visit_id,
            name.as_str(),
            company.filter(|c| !c.trim().is_empty()),
            &host.name,
            visitor_type,
            OffsetDateTime::now_utc(),
            &self.settings().site_name,
        )
        .with_language(language))
    }

    /// Visitors on site whose name matches "first name and initial": every
    /// typed word must start a word of the name ("ada l" finds Ada Lovelace).
    pub fn find_on_site(&self, query: &str) -> KioskResult<Vec<VisitRecord>> {
        find_on_site(self.store().conn(), query)
    }

    /// Everyone checked in and not yet out, newest first.
    pub fn on_site(&self) -> KioskResult<Vec<VisitRecord>> {
        on_site(self.store().conn())
    }
}

/// Letters typed before check-out by name shows anyone: a passer-by who
/// types "a" must not see who is in the building and whom they visit.
const FIND_ON_SITE_MIN_LETTERS: usize = 3;

/// Whether `query` is long enough for check-out by name to look at all (a
/// shorter one finds nobody, which is no "not found").
pub fn long_enough_to_find(query: &str) -> bool {
    query.chars().filter(|c| c.is_alphanumeric()).count() >= FIND_ON_SITE_MIN_LETTERS
}

fn find_on_site(conn: &Connection, query: &str) -> KioskResult<Vec<VisitRecord>> {
    if !long_enough_to_find(query) {
        return Ok(Vec::new());
    }
    let words: Vec<String> = fold_name(query).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    Ok(on_site(conn)?
        .into_iter()
        .filter(|v| {
            let folded = fold_name(&v.visitor_name);
            let name_words: Vec<&str> = folded.split(' ').collect();
            words.iter().all(|w| name_words.iter().any(|n| n.starts_with(w.as_str())))
        })
        .collect())
}

fn on_site(conn: &Connection) -> KioskResult<Vec<VisitRecord>> {
    let filter = VisitFilter { present_only: true, ..Default::default() };
    Ok(visits::list(conn, filter)?.into_iter().filter(|v| v.state == VisitState::OnSite).collect())
}
