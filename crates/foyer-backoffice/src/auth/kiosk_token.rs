//! Kiosk authentication: `Authorization: Bearer <token>` ([`super::bearer`]), checked against
//! the stored hashes on every request so a revocation takes effect at once.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::db::kiosks;
use crate::error::AppError;
use crate::state::AppState;

/// The kiosk a request comes from, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskAuth(pub String);

impl FromRequestParts<AppState> for KioskAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = super::bearer::token(&parts.headers).ok_or(AppError::Unauthorized)?;
        let name = state.db.call(move |c| kiosks::authenticate(c, &token)).await?;
        name.map(KioskAuth).ok_or(AppError::Unauthorized)
    }
}
