//! Admin: API tokens for scripts, listed on the users page. Creating one for
//! a user with a label (the secret shown once) and revoking one. The JSON
//! API (`api::admin_users`) calls the same functions.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::admin_page::{shown_once, ShownOnce};
use super::admin_users::{refused, HERE};
use super::desk_lobby::back_with;
use super::page::{Chrome, PageError};
use super::view::Time;
use super::Routes;
use crate::auth::Principal;
use crate::db::api_tokens::ApiTokenRow;
use crate::db::DbError;
use crate::service::tokens::{create, revoke};
use crate::state::AppState;

pub(crate) fn routes(r: Routes) -> Routes {
    r.add("POST", "/console/admin/api-tokens", create_form).add(
        "POST",
        "/console/admin/api-tokens/{id}/revoke",
        revoke_form,
    )
}

/// A token row as the users page shows it.
pub(crate) struct TokenView {
    pub id: i64,
    pub user: String,
    pub label: String,
    pub created: Time,
    pub last_used: Time,
    pub revoked: Time,
    pub live: bool,
}

impl From<ApiTokenRow> for TokenView {
    fn from(t: ApiTokenRow) -> Self {
        Self {
            id: t.id,
            user: t.user,
            label: t.label,
            created: Time::of(Some(t.created_at)),
            last_used: Time::of(t.last_used_at),
            live: t.revoked_at.is_none(),
            revoked: Time::of(t.revoked_at),
        }
    }
}

#[derive(Debug, Deserialize)]
struct CreateForm {
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    label: String,
}

async fn create_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Form(form): Form<CreateForm>,
) -> Result<Response, PageError> {
    let Ok(user_id) = form.user_id.trim().parse::<i64>() else {
        let e = DbError::Refused("user: choose the user the token acts for".into());
        return refused(&state, &p, e.into()).await;
    };
    match create(&state, &p, user_id, &form.label).await {
        Ok(t) => shown_once(
            Chrome::new(&p, HERE, None),
            ShownOnce {
                title: format!("API token {} for {}", t.id, t.user),
                lead: format!("The API token \u{201c}{}\u{201d}, acting as {} with their role:", t.label, t.user),
                snippet: Some(format!("Authorization: Bearer {}", t.secret.expose())),
                secret: t.secret,
                steps: vec![
                    "Send it in the Authorization header of each request to /api/v1/desk/… or /api/v1/admin/…, as above.".to_owned(),
                    "A script with a token needs no CSRF token. Keep it in a secret store, not in the script.".to_owned(),
                    "Revoke it on the users page when the script is retired or the token may have leaked.".to_owned(),
                ],
                back: HERE,
            },
        ),
        Err(e) => refused(&state, &p, e).await,
    }
}

async fn revoke_form(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    match revoke(&state, &p, id).await {
        Ok(notice) => Ok(back_with(HERE, &notice)),
        Err(e) => refused(&state, &p, e).await,
    }
}
