//! What the visitor has chosen so far, on the Rust side (the typed fields
//! live in the UI's adapter properties).

use uuid::Uuid;

use foyer_domain::VisitorType;

/// The check-in being built up, page by page.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub visitor_type: Option<VisitorType>,
    pub host_id: Option<i64>,
    pub agreement_version: Option<i64>,
    /// The invitation code being confirmed, when checking in by invitation.
    pub invitation: Option<String>,
    /// The visit id chosen for the review page's badge preview.
    pub pending_visit: Option<Uuid>,
    /// The last badge this kiosk printed, for staff reprints.
    pub last_visit: Option<Uuid>,
    /// The visitor went back from the review page to change their details:
    /// the host and agreement stand, so "Next" returns to the review.
    pub changing_details: bool,
}

impl Draft {
    /// Forgets the visitor (idle timeout, cancel, done); keeps what staff need.
    pub fn clear(&mut self) {
        *self = Self { last_visit: self.last_visit, ..Self::default() };
    }
}
