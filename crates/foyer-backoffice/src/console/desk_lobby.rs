//! The live lobby: the page, its server-sent updates, and the overrides
//! posted from it.

use std::convert::Infallible;
use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use futures_util::Stream;
use serde::Deserialize;
use uuid::Uuid;

use super::live_session::{Credential, RECHECK};
use super::page::{render, Chrome, PageError};
use super::view::{CommandView, VisitView};
use crate::auth::Principal;
use crate::db::{kiosks, lobby, DbError};
use crate::error::AppError;
use crate::service::desk_actions::{perform, DeskAction};
use crate::state::AppState;

/// The lists of the lobby, rendered alone for live updates.
#[derive(Template)]
#[template(path = "desk/lobby_lists.html")]
struct LobbyLists {
    csrf: String,
    on_site: Vec<VisitView>,
    pending: Vec<VisitView>,
    expected: Vec<lobby::ExpectedVisit>,
    departed: Vec<VisitView>,
    commands: Vec<CommandView>,
}

#[derive(Template)]
#[template(path = "desk/lobby.html")]
struct LobbyPage {
    chrome: Chrome,
    kiosks: Vec<String>,
    lists: String,
}

/// `?notice=…`: the result of the action that redirected here.
#[derive(Debug, Deserialize)]
pub struct Notice {
    pub notice: Option<String>,
}

async fn lists(state: &AppState, csrf: &str) -> Result<String, AppError> {
    let l = crate::service::desk_lists::lobby(state).await?;
    let page = LobbyLists {
        csrf: csrf.to_owned(),
        on_site: l.on_site.into_iter().map(VisitView::from).collect(),
        pending: l.pending.into_iter().map(VisitView::from).collect(),
        expected: l.expected,
        departed: l.departed.into_iter().map(VisitView::from).collect(),
        commands: l.commands.into_iter().map(CommandView::from).collect(),
    };
    page.render().map_err(|source| AppError::Render { what: "the lobby", source })
}

pub async fn page(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    let lists = lists(&state, p.csrf()).await?;
    let kiosks = state
        .db
        .call(|c| Ok(kiosks::list(c)?.into_iter().filter(|k| k.revoked_at.is_none()).map(|k| k.name).collect()))
        .await?;
    render(&LobbyPage { chrome: Chrome::new(&p, "/console/desk", q.notice), kiosks, lists })
}

/// Server-sent events: the lobby's lists now, then again whenever they may
/// have changed (at most every 250 ms), until the client leaves, the
/// service stops, or the session ends (logout, expiry, user disabled).
pub async fn live(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
) -> impl IntoResponse {
    let csrf = p.csrf().to_owned();
    let credential = Credential::of(&headers);
    let mut bell = state.lobby_bell();
    let mut stopping = state.stopping();
    let mut ended = state.session_bell();
    let stream = async_stream(move |tx| async move {
        let Some(credential) = credential else { return };
        let mut recheck = tokio::time::interval(RECHECK);
        recheck.tick().await; // the first tick is now; the guard just checked
        loop {
            let html = match lists(&state, &csrf).await {
                Ok(html) => html,
                Err(e) => {
                    tracing::warn!(error = %e, "live lobby update failed");
                    return;
                }
            };
            if tx.send(Event::default().event("lobby").data(html)).await.is_err() {
                return;
            }
            // Wait for a change of the lobby, re-checking the session meanwhile.
            loop {
                tokio::select! {
                    changed = bell.changed() => if changed.is_err() { return } else { break },
                    _ = stopping.wait_for(|s| *s) => return,
                    changed = ended.changed() => if changed.is_err() { return },
                    _ = recheck.tick() => {}
                }
                if !credential.holds(&state).await {
                    return;
                }
            }
            if !credential.holds(&state).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
            bell.mark_unchanged();
        }
    });
    // nginx would otherwise hold the events back in its buffer.
    ([("x-accel-buffering", "no")], Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// A stream fed by a task: the task ends when the client goes away.
fn async_stream<F, Fut>(f: F) -> impl Stream<Item = Result<Event, Infallible>>
where
    F: FnOnce(tokio::sync::mpsc::Sender<Event>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    tokio::spawn(f(tx));
    futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|e| (Ok(e), rx)) })
}

/// The fields of the lobby's action forms.
#[derive(Debug, Deserialize)]
pub struct ActionForm {
    action: String,
    visit_id: Option<Uuid>,
    kiosk: Option<String>,
    code: Option<String>,
}

impl ActionForm {
    fn into_action(self) -> Result<DeskAction, DbError> {
        let visit = || self.visit_id.ok_or_else(|| DbError::Refused("the form names no visit".into()));
        let kiosk = || self.kiosk.clone().ok_or_else(|| DbError::Refused("the form names no kiosk".into()));
        Ok(match self.action.as_str() {
            "approve" => DeskAction::Approve { visit_id: visit()? },
            "deny" => DeskAction::Deny { visit_id: visit()? },
            "check_out" => DeskAction::CheckOut { visit_id: visit()? },
            "reprint" => DeskAction::Reprint { visit_id: visit()? },
            "release_door" => DeskAction::ReleaseDoor { kiosk: kiosk()? },
            "check_out_everyone" => DeskAction::CheckOutEveryone,
            "cancel_invitation" => DeskAction::CancelInvitation {
                code: self.code.clone().ok_or_else(|| DbError::Refused("the form names no invitation".into()))?,
            },
            other => return Err(DbError::Refused(format!("unknown desk action {other:?}"))),
        })
    }
}

/// Where to go back to after an action, with its result.
pub fn back_with(path: &str, notice: &str) -> Response {
    let q = serde_urlencoded::to_string([("notice", notice)]).unwrap_or_default();
    Redirect::to(&format!("{path}?{q}")).into_response()
}

pub async fn act(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<ActionForm>,
) -> Result<Response, PageError> {
    let action = form.into_action().map_err(AppError::Db)?;
    let outcome = perform(&state, &p, action).await?;
    Ok(back_with("/console/desk", &outcome.message))
}
