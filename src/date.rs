//! Dates as day numbers (days since 1970-01-01), parsed and printed with jiff.

use jiff::SignedDuration;
use jiff::civil::Date;

use crate::diag::Msg;
use crate::msg;

/// A calendar date as the number of days since 1970-01-01.
pub type Day = i32;

const EPOCH: Date = Date::constant(1970, 1, 1);

/// The day number of a date.
pub fn day_of(date: Date) -> Day {
    i32::try_from(date.duration_since(EPOCH).as_secs() / 86_400).unwrap_or(i32::MAX)
}

/// The date of a day number (clamped to the range of dates, 9999-12-31 at the latest).
pub fn date_of(day: Day) -> Date {
    EPOCH
        .checked_add(SignedDuration::from_hours(i64::from(day) * 24))
        .unwrap_or(if day > 0 { Date::MAX } else { Date::MIN })
}

/// The last day a count may reach (9999-12-31).
pub fn last_day() -> Day {
    day_of(Date::MAX)
}

/// `YYYY-MM-DD` of a day number.
pub fn show(day: Day) -> String {
    date_of(day).to_string()
}

/// Parses a date, or a date-time: one with an offset is converted to `zone`'s local date (when a
/// zone is given); one without an offset is already local.
pub fn parse_in(text: &str, zone: Option<&jiff::tz::TimeZone>) -> Result<Day, Msg> {
    let day = parse(text)?;
    let (Some(zone), Some(rest)) = (zone, text.get(10..)) else {
        return Ok(day);
    };
    if rest.is_empty() {
        return Ok(day);
    }
    match text.parse::<jiff::Timestamp>() {
        Ok(ts) => Ok(day_of(ts.to_zoned(zone.clone()).date())),
        Err(_) => Ok(day),
    }
}

/// Parses an ISO 8601 date, or a date-time whose date part is used.
pub fn parse(text: &str) -> Result<Day, Msg> {
    let head = text.get(..10).ok_or_else(|| bad(text))?;
    if text.len() > 10 {
        let rest_ok = matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' '))
            && (text.parse::<jiff::civil::DateTime>().is_ok()
                || text.parse::<jiff::Timestamp>().is_ok());
        if !rest_ok {
            return Err(bad(text));
        }
    }
    let b = head.as_bytes();
    if !b.iter().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            *b == b'-'
        } else {
            b.is_ascii_digit()
        }
    }) {
        return Err(bad(text));
    }
    // The digits are checked, so the fields are read directly rather than parsed again.
    let number = |r: std::ops::Range<usize>| {
        b.get(r)
            .unwrap_or_default()
            .iter()
            .fold(0i16, |n, d| n * 10 + i16::from(d - b'0'))
    };
    let (y, m, d) = (number(0..4), number(5..7), number(8..10));
    i8::try_from(m)
        .ok()
        .zip(i8::try_from(d).ok())
        .and_then(|(m, d)| Date::new(y, m, d).ok())
        .map(day_of)
        .ok_or_else(|| msg!("date-invalid", text = text))
}

fn bad(text: &str) -> Msg {
    msg!("date-not-iso", text = text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_date_times() {
        let d = parse("2024-02-29").unwrap_or_default();
        assert_eq!(show(d), "2024-02-29");
        assert_eq!(parse("2024-02-29T23:59:00+08:00"), Ok(d));
        assert_eq!(parse("2024-02-29T10:00:00"), Ok(d));
        assert!(parse("2023-02-29").is_err());
        assert!(parse("2024-2-1").is_err());
        assert!(parse("2024-02-29junk").is_err());
        assert_eq!(parse("1970-01-02"), Ok(1));
    }

    /// Reading the fields directly agrees with jiff's own parser on every month and day
    /// number, valid or not, across leap and common years.
    #[test]
    fn direct_reading_agrees_with_jiff() {
        for y in [0, 1900, 1999, 2000, 2023, 2024, 2100, 9999] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let text = format!("{y:04}-{m:02}-{d:02}");
                    let jiff = text.parse::<Date>().map(day_of).ok();
                    assert_eq!(parse(&text).ok(), jiff, "{text}");
                }
            }
        }
    }

    #[test]
    fn offsets_become_the_zone_s_local_date() {
        let Ok(shanghai) = jiff::tz::TimeZone::get("Asia/Shanghai") else {
            panic!("the bundled time zone database has Asia/Shanghai");
        };
        let z = Some(&shanghai);
        assert_eq!(parse_in("2025-03-31T18:30:00Z", z), parse("2025-04-01"));
        assert_eq!(
            parse_in("2025-03-31T18:30:00+08:00", z),
            parse("2025-03-31")
        );
        assert_eq!(parse_in("2025-03-31T23:30:00", z), parse("2025-03-31"));
        assert_eq!(parse_in("2025-03-31", z), parse("2025-03-31"));
        assert_eq!(parse_in("2025-03-31T18:30:00Z", None), parse("2025-03-31"));
    }
}
