//! The opaque page cursor: where the previous page of the visit list ended.
//!
//! It carries the sort key of the last row shown and its id (the tie-break),
//! so the next page starts strictly after it whatever was inserted since.
//! Encoded as base64url so it sits in a query string untouched; it is not a
//! secret and not signed: forging one only pages through what a query could
//! already ask for.

use data_encoding::BASE64URL_NOPAD;
use uuid::Uuid;

use super::{VisitRow, VisitSort};
use crate::db::DbError;

/// Where a page ended, for [`super::VisitQuery::after`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub(super) sort: VisitSort,
    pub(super) key: SortKey,
    pub(super) id: String,
}

/// The sort key of the row a page ended on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SortKey {
    /// Arrived at this unix second.
    At(i64),
    /// Never arrived: these visits come after every arrival.
    NotArrived,
    /// The visitor's name (name order).
    Name(String),
}

impl Cursor {
    /// The cursor just after `row` in `sort` order.
    pub(super) fn after(sort: VisitSort, row: &VisitRow) -> Self {
        let key = match (sort, row.arrived_at) {
            (VisitSort::NameAsc, _) => SortKey::Name(row.visitor_name.clone()),
            (_, Some(at)) => SortKey::At(at),
            (_, None) => SortKey::NotArrived,
        };
        Self { sort, key, id: row.id.clone() }
    }

    /// The URL-safe text form.
    pub fn encode(&self) -> String {
        let key = match &self.key {
            SortKey::At(at) => at.to_string(),
            SortKey::NotArrived => "-".to_owned(),
            SortKey::Name(name) => name.clone(),
        };
        // The key goes last: a name may contain the separator.
        BASE64URL_NOPAD.encode(format!("{}~{}~{key}", self.sort.as_str(), self.id).as_bytes())
    }

    /// Reads back what [`Cursor::encode`] wrote; anything else is refused.
    pub fn parse(raw: &str) -> Result<Self, DbError> {
        let bad = |why: &str| DbError::Refused(format!("bad page cursor {raw:?}: {why}"));
        let bytes = BASE64URL_NOPAD.decode(raw.as_bytes()).map_err(|_| bad("not base64url"))?;
        let text = String::from_utf8(bytes).map_err(|_| bad("not text"))?;
        let mut parts = text.splitn(3, '~');
        let (Some(sort), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("not one this server made"));
        };
        let sort = VisitSort::parse(sort).ok_or_else(|| bad("unknown sort order"))?;
        let id = Uuid::parse_str(id).map_err(|_| bad("no visit id"))?.to_string();
        let key = match (sort, key) {
            (VisitSort::NameAsc, name) => SortKey::Name(name.to_owned()),
            (_, "-") => SortKey::NotArrived,
            (_, at) => SortKey::At(at.parse().map_err(|_| bad("no arrival time"))?),
        };
        Ok(Self { sort, key, id })
    }
}

impl serde::Serialize for Cursor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.encode())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(sort: VisitSort, key: SortKey) -> Cursor {
        Cursor { sort, key, id: "6f1c1d1e-8a4b-4c55-9a57-0d2b1a3c4d5e".into() }
    }

    #[test]
    fn every_kind_of_cursor_reads_back_as_written() {
        for c in [
            cursor(VisitSort::ArrivedDesc, SortKey::At(1_700_000_000)),
            cursor(VisitSort::ArrivedAsc, SortKey::NotArrived),
            cursor(VisitSort::NameAsc, SortKey::Name("Zoë ~ \"O'Brien\", & Søn".into())),
            cursor(VisitSort::NameAsc, SortKey::Name(String::new())),
        ] {
            let text = c.encode();
            assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{text}");
            assert_eq!(Cursor::parse(&text).unwrap(), c);
        }
    }

    #[test]
    fn a_cursor_not_made_here_is_refused_as_a_bad_page_cursor() {
        let forged = BASE64URL_NOPAD.encode(b"arrived_desc~not-a-uuid~12");
        let wrong_key = BASE64URL_NOPAD.encode(b"arrived_desc~6f1c1d1e-8a4b-4c55-9a57-0d2b1a3c4d5e~noon");
        for raw in ["", "%%%", "aGVsbG8", forged.as_str(), wrong_key.as_str()] {
            match Cursor::parse(raw) {
                Err(DbError::Refused(m)) => assert!(m.starts_with("bad page cursor"), "{m}"),
                other => panic!("{raw:?} gave {other:?}"),
            }
        }
    }
}
