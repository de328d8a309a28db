//! The mainland's statutory public holidays as the holiday regulation itself sets them
//! (全国年节及纪念日放假办法, as amended by State Council Decree No. 795, in force 2025-01-01),
//! for the years an annual notice (国务院办公厅关于部分节假日安排的通知) does not cover yet. The
//! notice adds bridging rest days and adjusted working days; those cannot be derived, so a
//! derived year is provisional.

use icu_calendar::Date;
use icu_calendar::cal::Iso;
use icu_calendar::types::Month;

use crate::date::{self, Day};
use crate::diag::Msg;
use crate::msg;

/// The first year the amended regulation governs.
pub const FIRST_YEAR: i16 = 2025;
/// The last year derived: the Qingming rule below holds for 2001–2099.
pub const LAST_YEAR: i16 = 2099;

/// A statutory holiday of one year: first and last day, and its name.
pub type Holiday = (Day, Day, &'static str);

/// The statutory holidays of `year` (Art. 2 of the regulation): New Year's Day 1 day; Spring
/// Festival 4 days, from the eve to the 3rd day of the first lunar month; Qingming 1; Labour
/// Day 2 (1–2 May); Dragon Boat Festival 1 (5th day of the 5th lunar month); Mid-Autumn 1 (15th
/// day of the 8th lunar month); National Day 3 (1–3 October).
pub fn statutory(year: i16) -> Result<Vec<Holiday>, Msg> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        let (first, last) = (FIRST_YEAR, LAST_YEAR);
        return Err(msg!(
            "cal-derive-range",
            first = first,
            last = last,
            year = year
        ));
    }
    derive(year).map_err(|e| msg!("plain", text = e))
}

/// The holidays of a year the regulation's rules reach.
fn derive(year: i16) -> Result<Vec<Holiday>, String> {
    let solar = |m: i8, d: i8| {
        jiff::civil::Date::new(year, m, d)
            .map(date::day_of)
            .map_err(|e| e.to_string())
    };
    let new_year = lunar(year, 1, 1)?;
    Ok(vec![
        (solar(1, 1)?, solar(1, 1)?, "元旦 New Year's Day"),
        (new_year - 1, new_year + 2, "春节 Spring Festival"),
        (
            solar(4, qingming(year))?,
            solar(4, qingming(year))?,
            "清明节 Qingming",
        ),
        (solar(5, 1)?, solar(5, 2)?, "劳动节 Labour Day"),
        (
            lunar(year, 5, 5)?,
            lunar(year, 5, 5)?,
            "端午节 Dragon Boat Festival",
        ),
        (
            lunar(year, 8, 15)?,
            lunar(year, 8, 15)?,
            "中秋节 Mid-Autumn Festival",
        ),
        (solar(10, 1)?, solar(10, 3)?, "国庆节 National Day"),
    ])
}

/// The day of a (non-leap) lunar month's day in the Chinese year that begins in `year`.
fn lunar(year: i16, month: u8, day: u8) -> Result<Day, String> {
    let iso = Date::try_new_chinese_traditional(i32::from(year), Month::new(month), day)
        .map_err(|e| format!("lunar {year}-{month}-{day}: {e:?}"))?
        .to_calendar(Iso);
    let (y, m, d) = (
        i16::try_from(iso.year().extended_year()).map_err(|e| e.to_string())?,
        i8::try_from(iso.month().ordinal).map_err(|e| e.to_string())?,
        i8::try_from(iso.day_of_month().0).map_err(|e| e.to_string())?,
    );
    jiff::civil::Date::new(y, m, d)
        .map(date::day_of)
        .map_err(|e| e.to_string())
}

/// The April day of the Qingming solar term (the sun at 15° longitude), by the standard rule for
/// 2001–2099: ⌊Y × 0.2422 + 4.81⌋ − ⌊Y / 4⌋ with Y the year's last two digits, in exact
/// integer arithmetic.
fn qingming(year: i16) -> i8 {
    let y = i32::from(year) - 2000;
    let day = (y * 2422 + 48_100) / 10_000 - y / 4;
    i8::try_from(day).unwrap_or(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(day: Day) -> String {
        date::date_of(day).to_string()
    }

    #[test]
    fn lunar_festivals_fall_on_their_known_days() {
        let h = statutory(2027).unwrap_or_default();
        let days: Vec<(String, String)> = h.iter().map(|(a, b, _)| (on(*a), on(*b))).collect();
        // 2027: Chinese New Year 6 Feb, Qingming 5 Apr, Dragon Boat 9 Jun, Mid-Autumn 15 Sep.
        assert_eq!(days[1], ("2027-02-05".into(), "2027-02-08".into()));
        assert_eq!(days[2].0, "2027-04-05");
        assert_eq!(days[4].0, "2027-06-09");
        assert_eq!(days[5].0, "2027-09-15");
    }

    #[test]
    fn outside_the_regulation_is_an_error() {
        assert!(statutory(2024).is_err());
        assert!(statutory(2100).is_err());
    }
}
