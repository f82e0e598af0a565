//! The admin console's directory area: hosts (with CSV import), the
//! watchlist, the visitor agreement and the visitor types, as pages (the
//! `*_pages` modules) and as JSON (`api::admin_directory`). Pages and JSON
//! call the same operations (`service::directory`), which validate, change
//! and audit.

mod agreement_pages;
mod host_edit_pages;
mod host_pages;
mod visitor_types;
mod watchlist_pages;

use axum::http::StatusCode;
use axum::response::Response;

use super::page::PageError;
use super::Routes;
use crate::error::AppError;

/// The nav entry of the whole area in `base.html`.
const NAV: &str = "/console/admin/hosts";

/// Every page route of the area.
pub(crate) fn routes(r: Routes) -> Routes {
    let r = host_pages::routes(r);
    let r = host_edit_pages::routes(r);
    let r = watchlist_pages::routes(r);
    let r = agreement_pages::routes(r);
    visitor_types::routes(r)
}

/// The area's sub-nav (Hosts · Watchlist · Agreement · Visitor types).
#[derive(Debug, Clone, Copy)]
pub struct DirNav {
    here: &'static str,
}

impl DirNav {
    fn at(here: &'static str) -> Self {
        Self { here }
    }

    /// `aria-current` for the entry `path`.
    pub fn current(&self, path: &str) -> &'static str {
        if self.here == path {
            "page"
        } else {
            "false"
        }
    }
}

/// A refusal (422, or 409 for a taken email) to show beside the form, or
/// any other error to fail with.
fn form_error(e: AppError) -> Result<String, PageError> {
    if matches!(e.status(), StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT) {
        Ok(e.to_string())
    } else {
        Err(PageError(e))
    }
}

/// A rendered form page sent back with its refusal.
fn unprocessable(mut page: Response) -> Response {
    *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    page
}
