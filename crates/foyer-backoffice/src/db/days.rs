//! UTC days as the console's filters and reports count them.

use time::{Date, OffsetDateTime, Time};

/// The first unix second of `day` (UTC).
pub fn start_of(day: Date) -> i64 {
    day.with_time(Time::MIDNIGHT).assume_utc().unix_timestamp()
}

/// The first unix second after `day` (UTC): ranges are `[start_of, end_of)`.
pub fn end_of(day: Date) -> i64 {
    start_of(day) + 86_400
}

/// The UTC day of a unix second.
pub fn day_of(unix: i64) -> Date {
    // Out of range only for times no visit can have (year ±9999).
    OffsetDateTime::from_unix_timestamp(unix).map_or(Date::MIN, |t| t.date())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn a_day_runs_from_its_utc_midnight_to_the_next() {
        assert_eq!(start_of(date!(2024 - 03 - 01)), 1_709_251_200);
        assert_eq!(end_of(date!(2024 - 02 - 29)), 1_709_251_200);
        assert_eq!(day_of(1_709_251_199), date!(2024 - 02 - 29));
        assert_eq!(day_of(1_709_251_200), date!(2024 - 03 - 01));
    }
}
