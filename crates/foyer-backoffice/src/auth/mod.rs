//! Who a request comes from and what it may do: kiosks by their bearer
//! token ([`kiosk_token`]); console users by session cookie or API token,
//! admitted by the one [`guard`] of every console page and console API
//! route, which hands handlers a [`principal::Principal`].

pub mod bearer;
pub mod client_addr;
pub mod guard;
pub mod kiosk_token;
mod multipart_csrf;
pub mod password_gate;
pub mod principal;
pub mod session_cookie;

pub use guard::{gate, guard, Gate};
pub use kiosk_token::KioskAuth;
pub use principal::{Principal, Via};
