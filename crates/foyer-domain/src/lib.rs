//! Pure rules of Foyer: validated input, the visit lifecycle, badge content,
//! signed tokens, screening, retention. No IO, no Slint, no tokio.

pub mod badge;
pub mod csv_safe;
pub mod door;
pub mod error;
pub mod events;
pub mod host;
pub mod host_csv;
pub mod invitation;
pub mod language;
pub mod retention;
pub mod scan;
pub mod screening;
pub mod secret;
pub mod text;
pub mod token;
pub mod visit;
pub mod visit_csv;
pub mod visitor;
pub mod visitor_type;

pub use badge::BadgeContent;
pub use door::{DoorReason, PulseLength};
pub use error::ValidationError;
pub use invitation::InvitationCode;
pub use language::Language;
pub use secret::Secret;
pub use token::{BadgeClaims, SiteKey, TokenError};
pub use visit::{VisitEvent, VisitState};
pub use visitor::{VisitorDetails, VisitorName};
pub use visitor_type::VisitorType;
