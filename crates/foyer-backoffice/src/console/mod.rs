//! The receptionist desk and the admin console: server-rendered pages
//! (askama templates in `templates/`) with a little script, behind a login.
//! Every action is also on the JSON API (`api::desk`, `api::admin`), and
//! both call the same use cases in `service`; this module only reads
//! forms and renders pages.
//!
//! Routes come in three groups: public (login, assets), desk (any signed-in
//! user) and admin. A group's routes are added through [`Routes`], which
//! records them, and the group is wrapped in the [`guard`] of its role, so
//! the route table that tests walk is the one the router serves.

pub mod admin_audit;
pub mod admin_directory;
pub mod admin_kiosks;
pub mod admin_page;
pub mod admin_reports;
pub mod admin_retention;
pub mod admin_tokens;
pub mod admin_users;
pub mod admin_visits;
mod assets;
mod desk_forms;
pub mod desk_lists;
pub mod desk_lobby;
mod live_session;
mod login;
pub mod page;
pub mod view;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::middleware::from_fn_with_state;
use axum::response::Redirect;
use axum::routing::{on, MethodFilter};
use axum::Router;

use crate::auth::{gate, guard};
use crate::db::users::Role;
use crate::limits::MAX_LOGIN_FORM_BYTES;
use crate::state::AppState;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    Desk,
    Admin,
}

/// A route as served: its method, path and who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

/// A group of page routes that records what it serves.
pub(crate) struct Routes {
    router: Router<AppState>,
    access: Access,
    table: Vec<RouteInfo>,
}

impl Routes {
    fn new(access: Access) -> Self {
        Self { router: Router::new(), access, table: Vec::new() }
    }

    pub(crate) fn add<H, T>(mut self, method: &'static str, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = if method == "GET" { MethodFilter::GET } else { MethodFilter::POST };
        self.router = self.router.route(path, on(filter, handler));
        self.table.push(RouteInfo { method, path, access: self.access });
        self
    }
}

fn public() -> Routes {
    Routes::new(Access::Public)
        .add("GET", "/console", || async { Redirect::to("/console/desk") })
        .add("GET", "/console/login", login::show)
        // A login form is small: a flood of huge ones must not be read.
        .add("POST", "/console/login", login::submit.layer(DefaultBodyLimit::max(MAX_LOGIN_FORM_BYTES)))
        .add("GET", "/console/assets/{file}", assets::serve)
}

fn desk() -> Routes {
    Routes::new(Access::Desk)
        .add("POST", "/console/logout", login::logout)
        .add("GET", "/console/desk", desk_lobby::page)
        .add("GET", "/console/desk/live", desk_lobby::live)
        .add("POST", "/console/desk/actions", desk_lobby::act)
        .add("GET", "/console/desk/check-in", desk_forms::check_in_form)
        .add("POST", "/console/desk/check-in", desk_forms::check_in)
        .add("GET", "/console/desk/invitations", desk_forms::invitations)
        .add("POST", "/console/desk/invitations", desk_forms::invite)
        .add("GET", "/console/desk/evacuation", desk_lists::evacuation)
        .add("GET", "/console/desk/notifications", desk_lists::notifications)
}

fn admin() -> Routes {
    let r = Routes::new(Access::Admin);
    let r = admin_directory::routes(r);
    let r = admin_visits::routes(r);
    let r = admin_reports::routes(r);
    let r = admin_kiosks::routes(r);
    let r = admin_users::routes(r);
    let r = admin_tokens::routes(r);
    let r = admin_retention::routes(r);
    admin_audit::routes(r)
}

/// Every console page route, with who may use it.
pub fn route_table() -> Vec<RouteInfo> {
    [public(), desk(), admin()].into_iter().flat_map(|g| g.table).collect()
}

/// The console's pages, each group behind its guard.
pub fn pages(state: &AppState) -> Router<AppState> {
    let desk = desk().router.layer(from_fn_with_state(gate(state, Role::Receptionist), guard));
    let admin = admin().router.layer(from_fn_with_state(gate(state, Role::Admin), guard));
    public().router.merge(desk).merge(admin)
}
