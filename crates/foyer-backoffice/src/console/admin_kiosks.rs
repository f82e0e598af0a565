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
use super::view::Time;
use super::Routes;
use crate::auth::Principal;
use crate::db::kiosk_status::{KioskStatus, PrinterStatus};
use crate::service::kiosks::{add, instructions, kiosk_settings, revoke, statuses};
use crate::state::AppState;

const HERE: &str = "/console/admin/kiosks";

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("GET", HERE, list).add("POST", HERE, add_form).add("POST", "/console/admin/kiosks/{name}/revoke", revoke_form)
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
