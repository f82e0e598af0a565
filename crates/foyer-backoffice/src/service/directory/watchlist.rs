//! The watchlist's changes, shared by the console's pages and the JSON
//! API. Each change reaches the kiosks at their next sync and is audited
//! naming the user (the entry's name, not the reason).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::db::watchlist_admin::{self, WatchRow};
use crate::db::{audit, DbError};
use crate::error::AppError;
use crate::state::AppState;

/// A watchlist entry in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct WatchView {
    pub id: i64,
    /// Screened against visitors' names, ignoring case and accents.
    pub name: String,
    /// Shown to the desk when a visitor matches.
    pub reason: String,
}

impl From<WatchRow> for WatchView {
    fn from(w: WatchRow) -> Self {
        Self { id: w.id, name: w.name, reason: w.reason }
    }
}

/// A new or edited entry (form or JSON).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct WatchInput {
    #[schema(schema_with = crate::schema_rules::watchlist_name)]
    pub name: String,
    #[schema(schema_with = crate::schema_rules::watchlist_reason)]
    pub reason: String,
}

/// An entry after a change, with one line saying what happened.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WatchSaved {
    pub message: String,
    pub entry: WatchView,
}

fn target(id: i64) -> String {
    format!("watchlist {id}")
}

/// The entries in force, by name.
pub async fn list(state: &AppState) -> Result<Vec<WatchView>, AppError> {
    let rows = state.db.call(|c| watchlist_admin::list(c)).await?;
    Ok(rows.into_iter().map(WatchView::from).collect())
}

/// One entry in force; 404 when there is none.
pub async fn get(state: &AppState, id: i64) -> Result<WatchView, AppError> {
    list(state)
        .await?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or_else(|| AppError::NotFound(format!("no watchlist entry in force has the id {id}")))
}

fn in_force(c: &rusqlite::Connection, id: i64) -> Result<WatchView, DbError> {
    watchlist_admin::list(c)?
        .into_iter()
        .find(|w| w.id == id)
        .map(WatchView::from)
        .ok_or_else(|| DbError::Missing(format!("no watchlist entry in force has the id {id}")))
}

pub async fn add(state: &AppState, who: &Principal, input: WatchInput) -> Result<WatchSaved, AppError> {
    let user = who.name().to_owned();
    let entry = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let id = watchlist_admin::add(&tx, &input.name, &input.reason)?;
            let entry = in_force(&tx, id)?;
            audit::record(&tx, &user, "watchlist.add", Some(&target(id)), &entry.name)?;
            tx.commit()?;
            Ok(entry)
        })
        .await?;
    Ok(WatchSaved {
        message: format!("{} is on the watchlist; kiosks screen for it after their next sync", entry.name),
        entry,
    })
}

pub async fn update(state: &AppState, who: &Principal, id: i64, input: WatchInput) -> Result<WatchSaved, AppError> {
    let user = who.name().to_owned();
    let entry = state
        .db
        .call(move |c| {
            watchlist_admin::update(c, id, &input.name, &input.reason)?;
            let entry = in_force(c, id)?;
            audit::record(c, &user, "watchlist.update", Some(&target(id)), &entry.name)?;
            Ok(entry)
        })
        .await?;
    Ok(WatchSaved { message: format!("watchlist entry {} saved", entry.name), entry })
}

pub async fn remove(state: &AppState, who: &Principal, id: i64) -> Result<WatchSaved, AppError> {
    let user = who.name().to_owned();
    let entry = state
        .db
        .call(move |c| {
            let entry = in_force(c, id)?;
            watchlist_admin::remove(c, id)?;
            audit::record(c, &user, "watchlist.remove", Some(&target(id)), &entry.name)?;
            Ok(entry)
        })
        .await?;
    Ok(WatchSaved { message: format!("{} is off the watchlist", entry.name), entry })
}
