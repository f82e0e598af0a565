//! Admin: the kiosks allowed to talk to the back office. How each one is
//! doing, adding one (its token shown once, for its settings file) and
//! revoking one. The JSON API (`api::admin_kiosks`) calls the same functions.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::admin_page::{problem, shown_once, unprocessable, NoticeQuery, ShownOnce};
use super::desk_lobby::back_with;
use super::page::{render, Chrome, PageError};
use super::principal::Principal;
use super::view::Time;
use super::Routes;
use crate::db::kiosk_status::{self, KioskStatus, PrinterStatus};
use crate::db::{audit, kiosks, DbError};
use crate::error::AppError;
use crate::state::AppState;
use foyer_domain::Secret;

const HERE: &str = "/console/admin/kiosks";

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", HERE, list).add("POST", HERE, add_form).add("POST", "/console/admin/kiosks/{name}/revoke", revoke_form)
}

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
                return Err(DbError::Refused(format!("no active kiosk is named {name}")));
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

/// A kiosk row as the table shows it.
struct KioskView {
    name: String,
    active: bool,
    created: Time,
    last_seen: Time,
    last_event: Time,
    lag: String,
    printer: String,
    /// `ok`, `bad` or empty: the badge's class.
    printer_class: &'static str,
}

impl From<KioskStatus> for KioskView {
    fn from(k: KioskStatus) -> Self {
        let printer_class = match k.printer_status {
            PrinterStatus::Ok => "ok",
            PrinterStatus::Fault(_) => "bad",
            PrinterStatus::Unknown => "",
        };
        Self {
            printer: k.printer_status.to_string(),
            printer_class,
            lag: lag_text(k.outbox_lag_seconds),
            name: k.name,
            active: k.active,
            created: Time::of(Some(k.created_at)),
            last_seen: Time::of(k.last_seen_at),
            last_event: Time::of(k.last_event_at),
        }
    }
}

/// An outbox lag in words: how long the newest event took to arrive.
fn lag_text(seconds: Option<i64>) -> String {
    let Some(s) = seconds else { return "no events yet".to_owned() };
    let amount = |s: i64| match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        _ => format!("{} h {} min", s / 3600, s % 3600 / 60),
    };
    if s < 0 {
        format!("kiosk clock {} ahead", amount(-s))
    } else {
        amount(s)
    }
}

#[derive(Template)]
#[template(path = "admin/kiosks.html")]
struct KiosksPage {
    chrome: Chrome,
    problem: Option<String>,
    kiosks: Vec<KioskView>,
}

async fn page(
    state: &AppState,
    p: &Principal,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let kiosks = statuses(state).await?.into_iter().map(KioskView::from).collect();
    render(&KiosksPage { chrome: Chrome::new(p, HERE, notice), problem, kiosks })
}

async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    page(&state, &p, q.notice, None).await
}

#[derive(Debug, Deserialize)]
struct AddForm {
    #[serde(default)]
    name: String,
}

async fn add_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<AddForm>,
) -> Result<Response, PageError> {
    let name = form.name.trim().to_owned();
    match add(&state, &p, &name).await {
        Ok(token) => shown_once(
            Chrome::new(&p, HERE, None),
            ShownOnce {
                title: format!("Kiosk {name} added"),
                lead: format!("The token of kiosk {name}:"),
                snippet: Some(kiosk_settings(&state, &token)),
                secret: token,
                steps: instructions(&name),
                back: HERE,
            },
        ),
        Err(e) => Ok(unprocessable(page(&state, &p, None, Some(problem(e)?)).await?)),
    }
}

async fn revoke_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    match revoke(&state, &p, &name).await {
        Ok(notice) => Ok(back_with(HERE, &notice)),
        Err(e) => Ok(unprocessable(page(&state, &p, None, Some(problem(e)?)).await?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outbox_lag_reads_in_the_largest_sensible_unit() {
        assert_eq!(lag_text(None), "no events yet");
        assert_eq!(lag_text(Some(4)), "4 s");
        assert_eq!(lag_text(Some(185)), "3 min");
        assert_eq!(lag_text(Some(7500)), "2 h 5 min");
        assert_eq!(lag_text(Some(-30)), "kiosk clock 30 s ahead");
    }
}
