//! Kiosks and their tokens: the list with each kiosk's state, adding one
//! (its token shown once, with what to do with it) and revoking one.

use crate::auth::Principal;
use crate::db::kiosk_status::{self, KioskStatus};
use crate::db::{audit, kiosks, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::Secret;

/// Every kiosk with its state.
pub async fn statuses(state: &AppState) -> Result<Vec<KioskStatus>, AppError> {
    Ok(state.db.call(|c| kiosk_status::list(c)).await?)
}

/// Adds kiosk `name` for `who` and returns its token (shown once).
pub async fn add(state: &AppState, who: &Principal, name: &str) -> Result<Secret, AppError> {
    let (user, name) = (who.name().to_owned(), name.trim().to_owned());
    Ok(state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let token = kiosks::add(&tx, &name)?;
            audit::record(&tx, &user, "kiosk.add", Some(&name), "")?;
            tx.commit()?;
            Ok(token)
        })
        .await?)
}

/// Revokes kiosk `name`'s token at once; returns the notice.
pub async fn revoke(state: &AppState, who: &Principal, name: &str) -> Result<String, AppError> {
    let (user, name) = (who.name().to_owned(), name.to_owned());
    Ok(state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            if !kiosks::revoke(&tx, &name)? {
                return Err(DbError::Missing(format!("no active kiosk is named {name}")));
            }
            audit::record(&tx, &user, "kiosk.revoke", Some(&name), "")?;
            tx.commit()?;
            Ok(format!("kiosk {name} revoked: its token no longer works"))
        })
        .await?)
}

/// The kiosk's settings to paste: the token, and this back office's
/// address when the settings know it (`public_url`).
pub fn kiosk_settings(state: &AppState, token: &Secret) -> String {
    let url = match state.settings.public_url.trim() {
        "" => "http://BACK-OFFICE-ADDRESS:8080",
        url => url,
    };
    format!("[backoffice]\nurl = \"{url}\"\ntoken = \"{}\"", token.expose())
}

/// What to do with a new kiosk's token.
pub fn instructions(name: &str) -> Vec<String> {
    vec![
        format!("On the kiosk {name}, put the token in its settings file (foyer.toml) as `token` under `[backoffice]`, as above, and set `url` to this back office's address."),
        "Restart the kiosk: it syncs the directory and sends its events with the token.".to_owned(),
        format!("If the token is lost, revoke {name} and add it again: a new token replaces the old one."),
    ]
}
