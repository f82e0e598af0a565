//! The console's reports over a range of UTC days: visits per day, visits
//! per host, and the most visitors on site at once. A visit counts on the
//! day it arrived; visits that never arrived count nowhere.

use rusqlite::{params, Connection};
use time::Date;

use super::{days, DbError};

/// The longest range a report covers, in days (a leap year).
pub const MAX_DAYS: i64 = 366;

/// How long before the range a departed visit may have arrived and still
/// be counted on site in it. Kiosks check everyone out at the end of the
/// day, so a week is generous, and it keeps the query to an index range.
const LONGEST_STAY: i64 = 7 * 86_400;

/// The visitor states of someone still in the building.
const PRESENT: &str = "('on_site', 'pending_approval')";

/// The UTC days `from` to `to`, both included: at least one, at most
/// [`MAX_DAYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRange {
    from: Date,
    to: Date,
}

impl ReportRange {
    /// Refuses an inverted range or one longer than [`MAX_DAYS`].
    pub fn new(from: Date, to: Date) -> Result<Self, DbError> {
        let days = (to - from).whole_days() + 1;
        if days < 1 {
            return Err(DbError::Refused(format!("from: {from} is after to: {to}")));
        }
        if days > MAX_DAYS {
            return Err(DbError::Refused(format!("a report covers at most {MAX_DAYS} days; {from} to {to} is {days}")));
        }
        Ok(Self { from, to })
    }

    pub fn from(&self) -> Date {
        self.from
    }

    pub fn to(&self) -> Date {
        self.to
    }

    /// The range as unix seconds, `[start, end)`.
    fn bounds(&self) -> (i64, i64) {
        (days::start_of(self.from), days::end_of(self.to))
    }
}

/// Arrivals per day, every day of the range present (zeros included).
pub fn visits_per_day(conn: &Connection, range: &ReportRange) -> Result<Vec<(Date, u64)>, DbError> {
    let (start, end) = range.bounds();
    let mut per_day: Vec<(Date, u64)> = (start..end).step_by(86_400).map(|t| (days::day_of(t), 0)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT (arrived_at - ?1) / 86400, count(*) FROM visits WHERE arrived_at >= ?1 AND arrived_at < ?2 GROUP BY 1",
    )?;
    let counts = stmt.query_map(params![start, end], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for count in counts {
        let (day, n) = count?;
        if let Some(slot) = per_day.get_mut(day as usize) {
            slot.1 = n as u64;
        }
    }
    Ok(per_day)
}

/// The `limit` hosts with the most arrivals, most first (ties by name).
pub fn visits_per_host(conn: &Connection, range: &ReportRange, limit: u32) -> Result<Vec<(String, u64)>, DbError> {
    let (start, end) = range.bounds();
    let mut stmt = conn.prepare_cached(
        "SELECT host_name, count(*) AS n FROM visits WHERE arrived_at >= ?1 AND arrived_at < ?2
         GROUP BY host_name ORDER BY n DESC, host_name LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![start, end, limit], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The most visitors on site at once during the range, and the first
/// moment (unix seconds) that many were; `None` when nobody was. A visit is
/// on site from its arrival to its departure; one still on site (or waiting
/// for approval) stays until `now`. Denied visitors have no departure and
/// are not counted; a departure at the second of another arrival is not an
/// overlap.
pub fn peak_on_site(conn: &Connection, range: &ReportRange, now: i64) -> Result<Option<(u64, i64)>, DbError> {
    let (start, end) = range.bounds();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT arrived_at, coalesce(departed_at, CASE WHEN state IN {PRESENT} THEN ?3 END) FROM visits
         WHERE arrived_at >= ?1 AND arrived_at < ?2
         UNION ALL
         SELECT arrived_at, ?3 FROM visits WHERE state IN {PRESENT} AND departed_at IS NULL AND arrived_at < ?1"
    ))?;
    let stays = stmt.query_map(params![start - LONGEST_STAY, end, now], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
    })?;
    let mut changes = Vec::new();
    for stay in stays {
        let (arrived, left) = stay?;
        let (from, until) = (arrived.max(start), left.unwrap_or(arrived).min(end));
        if from < until {
            changes.extend([(from, 1), (until, -1)]);
        }
    }
    // At one instant, departures (-1) go before arrivals (+1).
    changes.sort_unstable();
    let (mut here, mut peak) = (0i64, None);
    for (at, change) in changes {
        here += change;
        if peak.is_none_or(|(most, _)| here > most) && here > 0 {
            peak = Some((here, at));
        }
    }
    Ok(peak.map(|(most, at)| (most as u64, at)))
}

#[cfg(test)]
mod tests {
    use rusqlite::params;
    use time::macros::date;

    use super::*;
    use crate::db::Db;

    /// A fresh log with visits `(host, state, arrived, departed)`.
    fn log(visits: &[(&str, &str, Option<i64>, Option<i64>)]) -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bo.db")).unwrap();
        db.with(|c| {
            for (i, (host, state, arrived, departed)) in visits.iter().enumerate() {
                c.execute(
                    "INSERT INTO visits (id, kiosk, visitor_name, host_name, visitor_type, state, arrived_at, departed_at,
                     updated_at) VALUES (?1, 'lobby', 'Ada', ?2, 'guest', ?3, ?4, ?5, 0)",
                    params![i.to_string(), host, state, arrived, departed],
                )?;
            }
            Ok(())
        })
        .unwrap();
        (dir, db)
    }

    const MAY_1: i64 = 1_714_521_600;
    const H: i64 = 3_600;

    fn may(from: u8, to: u8) -> ReportRange {
        let day = |d| Date::from_calendar_date(2024, time::Month::May, d).unwrap();
        ReportRange::new(day(from), day(to)).unwrap()
    }

    #[test]
    fn a_range_is_one_to_366_days_in_order() {
        assert!(ReportRange::new(date!(2024 - 01 - 01), date!(2024 - 12 - 31)).is_ok());
        let refused = |from, to| matches!(ReportRange::new(from, to), Err(DbError::Refused(_)));
        assert!(refused(date!(2024 - 01 - 01), date!(2025 - 01 - 01)));
        assert!(refused(date!(2024 - 05 - 02), date!(2024 - 05 - 01)));
    }

    #[test]
    fn every_day_of_the_range_is_listed_with_zeros_and_hosts_rank_by_arrivals() {
        let day = 86_400;
        let (_dir, db) = log(&[
            ("Grace", "departed", Some(MAY_1 - 1), None),
            ("Grace", "departed", Some(MAY_1 + day + 9 * H), None),
            ("Alan", "departed", Some(MAY_1 + day + 10 * H), None),
            ("Alan", "on_site", Some(MAY_1 + 3 * day), None),
            ("Alan", "expected", None, None),
            ("Edsger", "departed", Some(MAY_1 + 5 * day), None),
        ]);
        let per_day = db.with(|c| visits_per_day(c, &may(1, 5))).unwrap();
        let counts: Vec<_> = per_day.iter().map(|(d, n)| (d.day(), *n)).collect();
        assert_eq!(counts, [(1, 0), (2, 2), (3, 0), (4, 1), (5, 0)]);
        let hosts = db.with(|c| visits_per_host(c, &may(1, 6), 2)).unwrap();
        assert_eq!(hosts, [("Alan".to_owned(), 2), ("Edsger".to_owned(), 1)]);
    }

    #[test]
    fn the_peak_counts_overlapping_stays_and_visitors_still_on_site() {
        let (_dir, db) = log(&[
            ("h", "departed", Some(MAY_1 + 10 * H), Some(MAY_1 + 12 * H)),
            ("h", "departed", Some(MAY_1 + 11 * H), Some(MAY_1 + 13 * H)),
            // Leaves as the 11:00 one arrives: with it, never four at once.
            ("h", "departed", Some(MAY_1 + 9 * H), Some(MAY_1 + 11 * H)),
            ("h", "departed", Some(MAY_1 + 12 * H), Some(MAY_1 + 14 * H)),
            ("h", "denied", Some(MAY_1 + 11 * H + 30), None),
            // Arrived the evening before, still here.
            ("h", "on_site", Some(MAY_1 - 2 * H), None),
        ]);
        let now = MAY_1 + 20 * H;
        assert_eq!(db.with(|c| peak_on_site(c, &may(1, 1), now)).unwrap(), Some((3, MAY_1 + 10 * H)));
        assert_eq!(db.with(|c| peak_on_site(c, &may(2, 3), now)).unwrap(), None, "gone by now");
        assert_eq!(db.with(|c| peak_on_site(c, &may(2, 3), MAY_1 + 30 * H)).unwrap(), Some((1, MAY_1 + 24 * H)));
    }
}
