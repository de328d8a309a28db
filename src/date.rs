//! Dates as day numbers (days since 1970-01-01), parsed and printed with jiff.

use jiff::civil::Date;

use crate::diag::Msg;
use crate::msg;

/// A calendar date as the number of days since 1970-01-01.
pub type Day = i32;

/// The day number of a date, counted in the proleptic Gregorian calendar by whole 400-year
/// eras (H. Hinnant's `days_from_civil`): plain arithmetic, no duration round trip.
pub fn day_of(date: Date) -> Day {
    let (m, d) = (i32::from(date.month()), i32::from(date.day()));
    // Years run from March, so a leap day ends its year.
    let y = i32::from(date.year()) - i32::from(m <= 2);
    let (era, year_of_era) = (y.div_euclid(400), y.rem_euclid(400));
    let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day number (clamped to the range of dates, 9999-12-31 at the latest).
pub fn date_of(day: Day) -> Date {
    if day > last_day() {
        return Date::MAX;
    }
    if day < day_of(Date::MIN) {
        return Date::MIN;
    }
    // `day_of` backwards (Hinnant's `civil_from_days`).
    let z = day + 719_468;
    let (era, day_of_era) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = year_of_era + era * 400 + i32::from(m <= 2);
    let narrow = |n: i32| i8::try_from(n).unwrap_or_default();
    Date::new(i16::try_from(y).unwrap_or_default(), narrow(m), narrow(d)).unwrap_or(Date::MIN)
}

/// The last day a count may reach (9999-12-31).
pub fn last_day() -> Day {
    day_of(Date::MAX)
}

/// `YYYY-MM-DD` of a day number (as jiff prints it; years 0–9999 written here directly, the
/// others, which jiff signs and widens, by jiff).
pub fn show(day: Day) -> compact_str::CompactString {
    let date = date_of(day);
    let Ok(year) = u16::try_from(date.year()) else {
        return compact_str::ToCompactString::to_compact_string(&date);
    };
    let digit = |n: u16| b'0' + (n % 10) as u8;
    let (m, d) = (date.month().unsigned_abs(), date.day().unsigned_abs());
    let text = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        b'0' + m / 10,
        b'0' + m % 10,
        b'-',
        b'0' + d / 10,
        b'0' + d % 10,
    ];
    compact_str::CompactString::new(std::str::from_utf8(&text).unwrap_or_default())
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

    const EPOCH: Date = Date::constant(1970, 1, 1);

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

    /// The arithmetic day number is jiff's own distance from 1970-01-01, over every year
    /// jiff has, at each month's edges.
    #[test]
    fn day_numbers_agree_with_jiff() {
        for y in -9999..=9999 {
            for m in 1..=12 {
                for d in [1, 28] {
                    let date = Date::constant(y, m, d);
                    let days = date.duration_since(EPOCH).as_secs() / 86_400;
                    assert_eq!(i64::from(day_of(date)), days, "{date}");
                    assert_eq!(date_of(day_of(date)), date);
                }
                let last = Date::constant(y, m, 1).last_of_month();
                assert_eq!(date_of(day_of(last)), last);
                assert_eq!(show(day_of(last)), last.to_string(), "{last}");
            }
        }
        assert_eq!(date_of(Day::MAX), Date::MAX);
        assert_eq!(date_of(Day::MIN), Date::MIN);
        assert_eq!(date_of(last_day() + 1), Date::MAX);
        assert_eq!(show(Day::MIN), Date::MIN.to_string());
        assert_eq!(show(Day::MAX), "9999-12-31");
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
