//! Whether the credential behind an open live stream still holds. The
//! guard checks once, when the stream opens; a stream may then run for
//! hours, so it asks again on every "sessions ended" signal and every few
//! seconds (an idle or too old session expires with no signal).

use std::time::Duration;

use axum::http::HeaderMap;

use crate::auth::{bearer, session_cookie};
use crate::db::{api_tokens, sessions};
use crate::state::AppState;

/// How often an open stream re-checks its credential without a signal.
pub const RECHECK: Duration = Duration::from_secs(5);

/// What the request was admitted with.
pub enum Credential {
    Cookie(String),
    Token(String),
}

impl Credential {
    /// The same credential the guard read (a bearer token wins, as there).
    pub fn of(headers: &HeaderMap) -> Option<Self> {
        bearer::token(headers).map(Self::Token).or_else(|| session_cookie::read(headers).map(Self::Cookie))
    }

    /// Still live? A database failure counts as no: the stream carries
    /// personal data, and the browser reconnects through the guard.
    pub async fn holds(&self, state: &AppState) -> bool {
        let idle = state.settings.session_idle_secs();
        let result = match self {
            Self::Cookie(c) => {
                let c = c.clone();
                state.db.call(move |conn| sessions::is_live(conn, &c, idle)).await
            }
            Self::Token(t) => {
                let t = t.clone();
                state.db.call(move |conn| Ok(api_tokens::authenticate(conn, &t)?.is_some())).await
            }
        };
        result.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "cannot re-check a live stream's session; closing it");
            false
        })
    }
}
