//! How a text search is answered quickly.
//!
//! The text matches the visitor's name, company or host name as a
//! case-insensitive substring. No B-tree index serves `%text%`, and a LIKE
//! scan of a million visits takes a few hundred milliseconds on a small
//! server, with the database lock held all along. So migration 3 keeps an
//! FTS5 trigram index of those three columns: a phrase query of three or
//! more characters is exactly a substring match, case-folded. Evaluating it
//! costs about half a microsecond per match, too much for a text that
//! matches a sixth of the log, so a search first counts the matches only up
//! to [`FEW`] (figures in `benches/console_data.rs`):
//! - fewer: the index yields them and they are sorted (cost ∝ matches);
//! - more: the list walks its order index testing rows with LIKE for a
//!   window of rows; a text that common usually fills the page in it. When
//!   it does not, the matches are sparse here after all, and the walk goes
//!   on keeping rows whose rowid is in the index's answer.
//!
//! LIKE folds ASCII case only, so a non-ASCII text skips the LIKE window.
//! Text shorter than a trigram can only be tested with LIKE: after a sparse
//! window, one pass over the table finds the rest; one or two non-ASCII
//! characters match their case as typed.

use rusqlite::{params, Connection};

use crate::db::DbError;

/// Below this many matches, sorting the matches beats walking the order.
const FEW: i64 = 2_000;

/// The plan for one text search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TextPlan {
    /// The FTS index yields the matches; they are sorted.
    Drive { phrase: String },
    /// The order walk keeps rows whose rowid the FTS index yields.
    Probe { phrase: String },
    /// The order walk tests a window of rows with this LIKE pattern; if
    /// they hold too few matches, it probes with `then` (or, for a text too
    /// short for the index, makes one pass over the table).
    Scan { pattern: String, then: Option<String> },
}

impl TextPlan {
    /// Chooses the plan for `text` (trimmed, not empty) from the match count.
    pub(super) fn choose(conn: &Connection, text: &str) -> Result<Self, DbError> {
        if text.chars().count() < 3 {
            return Ok(Self::forced(Kind::Scan, text));
        }
        let matches: i64 = conn
            .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM visits_text WHERE visits_text MATCH ?1 LIMIT ?2)")?
            .query_row(params![fts_phrase(text), FEW], |r| r.get(0))?;
        Ok(Self::forced(Kind::decide(matches, text.is_ascii()), text))
    }

    /// The plan of `kind` for `text`, whatever the counts (tests run every
    /// plan on small data).
    pub(super) fn forced(kind: Kind, text: &str) -> Self {
        let phrase = (text.chars().count() >= 3).then(|| fts_phrase(text));
        match (kind, phrase) {
            (Kind::Drive, Some(phrase)) => Self::Drive { phrase },
            (Kind::Probe, Some(phrase)) => Self::Probe { phrase },
            (_, then) => Self::Scan { pattern: like_pattern(text), then },
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
    /// `matches` is the count, capped at [`FEW`].
    fn decide(matches: i64, ascii: bool) -> Self {
        if matches < FEW {
            Self::Drive
        } else if ascii {
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
    fn few_matches_drive_and_many_scan_unless_like_would_miss_a_case() {
        assert_eq!(Kind::decide(10, true), Kind::Drive);
        assert_eq!(Kind::decide(FEW, true), Kind::Scan);
        assert_eq!(Kind::decide(FEW, false), Kind::Probe, "LIKE would miss other cases of é");
        let short = TextPlan::forced(Kind::Drive, "é");
        assert_eq!(short, TextPlan::Scan { pattern: "%é%".into(), then: None }, "too short for the index");
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
