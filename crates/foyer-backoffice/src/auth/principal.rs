//! Who a console request comes from, set by the guard for every console
//! route; handlers take it as `Extension<Principal>`.

use crate::db::users::{Role, User};

/// How the request proved who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A browser session cookie; `csrf` is the session's form token.
    Session { csrf: String },
    /// An API token in `Authorization: Bearer fyu_…` (scripts: no cookie,
    /// so no cross-site request can carry it and no CSRF token is needed).
    /// `id` is the token's, so a request can tell its own token.
    Token { id: i64 },
}

/// The signed-in user of a console request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    pub via: Via,
}

impl Principal {
    pub fn name(&self) -> &str {
        &self.user.name
    }

    pub fn is_admin(&self) -> bool {
        self.user.role.allows(Role::Admin)
    }

    /// The token forms must carry (empty for API tokens, which need none).
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf } => csrf,
            Via::Token { .. } => "",
        }
    }
}
