//! Times in the export: RFC 3339 UTC to the second, written without
//! allocating or parsing a format description, since a big export writes
//! two of them for each of a million rows.

use time::OffsetDateTime;

/// The length of [`iso8601`]'s text: `2024-05-31T09:30:00Z`.
pub const TIME_LEN: usize = 20;

/// `unix` seconds as `2024-05-31T09:30:00Z`, written into `buf`. A time
/// outside what `time` can represent is written as the epoch.
pub fn iso8601(unix: i64, buf: &mut [u8; TIME_LEN]) -> &str {
    let t = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let fields = [
        (0, t.year().clamp(0, 9_999) as u32, 4),
        (5, u32::from(u8::from(t.month())), 2),
        (8, u32::from(t.day()), 2),
        (11, u32::from(t.hour()), 2),
        (14, u32::from(t.minute()), 2),
        (17, u32::from(t.second()), 2),
    ];
    *buf = *b"0000-00-00T00:00:00Z";
    for (at, mut value, width) in fields {
        for i in (at..at + width).rev() {
            buf[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    // Only ASCII digits and separators were written.
    std::str::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_rfc3339_utc() {
        use time::format_description::well_known::Rfc3339;
        for t in [0, 951_782_400, 1_717_147_800, 4_102_444_799] {
            let mut buf = [0; TIME_LEN];
            assert_eq!(iso8601(t, &mut buf), OffsetDateTime::from_unix_timestamp(t).unwrap().format(&Rfc3339).unwrap());
        }
    }
}
