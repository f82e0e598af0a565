//! The error type of the kiosk use cases.

use uuid::Uuid;

use crate::store::StoreError;
use foyer_domain::visit::IllegalTransition;
use foyer_domain::{TokenError, ValidationError};

/// Why a kiosk action was refused or failed. Nothing was changed when one
/// of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum KioskError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("no host named {query:?}{}", did_you_mean(suggestions))]
    UnknownHost { query: String, suggestions: Vec<String> },
    #[error("{} hosts are named {query:?}; choose one by id: {}", candidates.len(), candidates.join(", "))]
    AmbiguousHost { query: String, candidates: Vec<String> },
    #[error("this visitor type requires the visitor agreement (version {current}) to be accepted")]
    AgreementRequired { current: i64 },
    #[error("the visitor agreement changed: version {accepted} was accepted, version {current} is current")]
    AgreementOutdated { accepted: i64, current: i64 },
    #[error("a {0} must give an email address or a phone number")]
    ContactRequired(&'static str),
    #[error("no invitation has the code {0}")]
    UnknownInvitation(String),
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("no visit has the id {0}")]
    UnknownVisit(Uuid),
    #[error(transparent)]
    Transition(#[from] IllegalTransition),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for KioskError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(" or "))
    }
}

pub type KioskResult<T> = Result<T, KioskError>;
