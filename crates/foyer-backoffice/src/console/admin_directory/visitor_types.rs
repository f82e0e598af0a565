//! `/console/admin/visitor-types`: the visitor types and their rules,
//! read-only because they are built into the kiosk.

use askama::Template;
use axum::response::Response;
use axum::Extension;

use super::{DirNav, NAV};
use crate::auth::Principal;
use crate::console::page::{render, Chrome, PageError};
use crate::console::Routes;
use crate::service::directory::visitor_types::{all, VisitorTypeView};

const PATH: &str = "/console/admin/visitor-types";

pub(super) fn routes(r: Routes) -> Routes {
    r.add("GET", PATH, page)
}

#[derive(Template)]
#[template(path = "admin/visitor_types.html")]
struct VisitorTypesPage {
    chrome: Chrome,
    dirnav: DirNav,
    types: Vec<VisitorTypeView>,
}

pub async fn page(Extension(p): Extension<Principal>) -> Result<Response, PageError> {
    render(&VisitorTypesPage { chrome: Chrome::new(&p, NAV, None), dirnav: DirNav::at(PATH), types: all() })
}
