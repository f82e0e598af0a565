//! How a text search is answered quickly.
//!
//! The text matches the visitor's name, company or host name as a
//! case-insensitive substring. No B-tree index serves `%text%`, and a LIKE
//! scan of a million visits takes a few hundred milliseconds on a small
//! server, with the database lock held all along. So migration 3 keeps an
//! FTS5 trigram index of those three columns (a phrase query of three or more
//! characters is exactly a substring match, case-folded) and the search picks
//! one of three plans by how many visits match, which the index counts in
//! about a millisecond (figures in `benches/console_data.rs`):
//! - few matches: the index yields them and they are sorted (cost ∝ matches);
//! - more: the list walks its order index and keeps the rows whose rowid is
//!   in the index's answer (cost ∝ the distance walked to fill a page);
//! - very many, or text shorter than a trigram: the walk tests each row with
//!   LIKE, which is cheaper than building a huge answer set. LIKE folds ASCII
//!   case only, so non-ASCII text takes the second plan instead; one or two
//!   non-ASCII characters match their case as typed.

use rusqlite::{params, Connection};

use crate::backoffice::db::DbError;

/// Below this many matches, sorting the matches beats walking the order.
const FEW: i64 = 2_000;
/// Above this share of all visits (1 in N), testing rows as the walk meets
/// them beats collecting every match first.
const DENSE_ONE_IN: i64 = 50;

/// The plan for one text search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TextPlan {
    /// The FTS index yields the matches; they are sorted.
    Drive { phrase: String },
    /// The order walk keeps rows whose rowid the FTS index yields.
    Probe { phrase: String },
    /// The order walk tests each row with this LIKE pattern.
    Scan { pattern: String },
}

impl TextPlan {
    /// Chooses the plan for `text` (trimmed, not empty) from the match count.
    pub(super) fn choose(conn: &Connection, text: &str) -> Result<Self, DbError> {
        let chars = text.chars().count();
        if chars < 3 {
            return Ok(Self::Scan { pattern: like_pattern(text) });
        }
        let phrase = fts_phrase(text);
        let visits: i64 = conn.query_row("SELECT coalesce(max(rowid), 0) FROM visits", [], |r| r.get(0))?;
        let cap = FEW.max(visits / DENSE_ONE_IN);
        let matches: i64 = conn
            .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM visits_text WHERE visits_text MATCH ?1 LIMIT ?2)")?
            .query_row(params![phrase, cap], |r| r.get(0))?;
        Ok(match Kind::decide(matches, cap, text.is_ascii()) {
            Kind::Drive => Self::Drive { phrase },
            Kind::Probe => Self::Probe { phrase },
            Kind::Scan => Self::Scan { pattern: like_pattern(text) },
        })
    }

    /// The plan of `kind` for `text`, whatever the counts (tests run every
    /// plan on small data).
    #[cfg(test)]
    pub(super) fn forced(kind: Kind, text: &str) -> Self {
        match kind {
            Kind::Drive => Self::Drive { phrase: fts_phrase(text) },
            Kind::Probe => Self::Probe { phrase: fts_phrase(text) },
            Kind::Scan => Self::Scan { pattern: like_pattern(text) },
        }
    }
}

/// Which plan, before it is given its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Drive,
    Probe,
    Scan,
}

impl Kind {
    /// `matches` is the count capped at `cap`, the dense threshold.
    fn decide(matches: i64, cap: i64, ascii: bool) -> Self {
        if matches < FEW {
            Self::Drive
        } else if matches >= cap && ascii {
            Self::Scan
        } else {
            Self::Probe
        }
    }
}

/// `text` as one FTS5 string: every character literal, `"` doubled.
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `%text%` with LIKE's wildcards in `text` escaped by `\`.
fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_matches_drive_many_probe_and_a_dense_ascii_text_scans() {
        assert_eq!(Kind::decide(10, 20_000, true), Kind::Drive);
        assert_eq!(Kind::decide(5_000, 20_000, true), Kind::Probe);
        assert_eq!(Kind::decide(20_000, 20_000, true), Kind::Scan);
        assert_eq!(Kind::decide(20_000, 20_000, false), Kind::Probe, "LIKE would miss other cases of é");
    }

    #[test]
    fn quotes_in_the_text_stay_literal_in_the_fts_phrase() {
        assert_eq!(fts_phrase(r#"say "hi" OR x*"#), r#""say ""hi"" OR x*""#);
    }

    #[test]
    fn like_wildcards_in_the_text_are_escaped() {
        assert_eq!(like_pattern(r"50%_a\b"), r"%50\%\_a\\b%");
    }
}
