//! Counting days, working days, months and years for a procedure, per the calendar's convention.

use jiff::ToSpan;

use crate::compile::calendar::{Calendar, OutOfRange};
use crate::date::{self, Day};
use crate::vocab::Unit;

/// Counts durations in a procedure's units.
pub struct Clock<'a> {
    /// The procedure's calendar, if it has one.
    pub calendar: Option<&'a Calendar>,
    /// Refuse to count into the calendar's provisional years (`--strict-calendar`).
    pub strict: bool,
    /// The first provisional day a count reached, if any.
    pub provisional: std::cell::Cell<Option<Day>>,
}

/// `a` plus `n` months: the corresponding day, or the month's last day when it has none (Civil
/// Code Art. 202).
pub fn add_months(a: Day, n: i64) -> Result<Day, OutOfRange> {
    date::date_of(a)
        .checked_add(n.months())
        .map(date::day_of)
        .map_err(|_| OutOfRange {
            day: date::last_day(),
        })
}

/// Whole months from `a` to `b` (the last `n` with `a + n months <= b`).
fn months_between(a: Day, b: Day) -> Result<i64, OutOfRange> {
    let (x, y) = (date::date_of(a), date::date_of(b));
    let mut n = (i64::from(y.year()) - i64::from(x.year())) * 12 + i64::from(y.month())
        - i64::from(x.month());
    while n > 0 && add_months(a, n)? > b {
        n -= 1;
    }
    while n < 0 && add_months(a, n)? < b {
        n += 1;
    }
    Ok(n)
}

/// Months in a unit of months or years.
fn months(n: i64, unit: Unit) -> i64 {
    if unit == Unit::Years {
        n.saturating_mul(12)
    } else {
        n
    }
}

impl<'a> Clock<'a> {
    /// A clock for a calendar (or none: calendar days only).
    pub fn new(calendar: Option<&'a Calendar>, strict: bool) -> Clock<'a> {
        Clock {
            calendar,
            strict,
            provisional: std::cell::Cell::new(None),
        }
    }

    /// Notes a day a calendar count reached: a provisional one is refused when strict, and
    /// remembered otherwise.
    fn reached(&self, day: Day) -> Result<Day, OutOfRange> {
        let from = self.calendar.and_then(|c| c.provisional_from);
        if from.is_some_and(|from| day >= from) {
            if self.strict {
                return Err(OutOfRange { day });
            }
            if self.provisional.get().is_none_or(|d| day < d) {
                self.provisional.set(Some(day));
            }
        }
        Ok(day)
    }

    /// Units in `(a, b]` (the first day is not counted; negative when `b < a`).
    pub fn between(&self, a: Day, b: Day, unit: Unit) -> Result<i64, OutOfRange> {
        match (unit, self.calendar) {
            (Unit::Workdays, Some(c)) => {
                self.reached(a.max(b))?;
                c.workdays_between(a, b)
            }
            (Unit::Months, _) => months_between(a, b),
            (Unit::Years, _) => Ok(months_between(a, b)?.div_euclid(12)),
            _ => Ok(i64::from(b) - i64::from(a)),
        }
    }

    /// The last day of a limit of `n` units after `a`: the n-th working day, or the day the
    /// period ends on, moved to the next working day when it is a rest day (Civil Code Art. 203).
    pub fn deadline(&self, a: Day, n: i64, unit: Unit) -> Result<Day, OutOfRange> {
        let end = self.earliest(a, n, unit)?;
        match (unit, self.calendar) {
            (Unit::Workdays, _) | (_, None) => Ok(end),
            (_, Some(c)) => self.reached(c.roll_forward(end)?),
        }
    }

    /// The deadline for an act that ended on `end`: as [`Clock::deadline`], except that a limit in
    /// days, months or years that the act met before its last day needs no calendar to say so
    /// (moving the last day to a working day only makes it later).
    pub fn due(&self, a: Day, n: i64, unit: Unit, end: Day) -> Result<Day, OutOfRange> {
        if unit != Unit::Workdays {
            let last = self.earliest(a, n, unit)?;
            if end <= last {
                // Met by the period's last day: moving that day to a working day cannot matter,
                // so neither the calendar's reach nor its provisional years do.
                let rolled = self.calendar.and_then(|c| c.roll_forward(last).ok());
                return Ok(rolled.unwrap_or(last));
            }
        }
        self.deadline(a, n, unit)
    }

    /// The first day on which `n` units after `a` have passed.
    pub fn earliest(&self, a: Day, n: i64, unit: Unit) -> Result<Day, OutOfRange> {
        let n = n.max(0);
        match (unit, self.calendar) {
            (Unit::Workdays, Some(c)) => self.reached(c.add_workdays(
                a,
                u32::try_from(n).map_err(|_| OutOfRange {
                    day: date::last_day(),
                })?,
            )?),
            (Unit::Months | Unit::Years, _) => add_months(a, months(n, unit)),
            // Checked: a limit of billions of days reaches past the last date, not back to 1970.
            _ => i32::try_from(n)
                .ok()
                .and_then(|n| a.checked_add(n))
                .filter(|&d| d <= date::last_day())
                .ok_or(OutOfRange {
                    day: date::last_day(),
                }),
        }
    }

    /// Units of `(from, to]` covered by the inclusive day intervals (merged first).
    pub fn covered(
        &self,
        from: Day,
        to: Day,
        intervals: &mut [(Day, Day)],
        unit: Unit,
    ) -> Result<i64, OutOfRange> {
        intervals.sort_unstable();
        let unit = if unit == Unit::Workdays {
            unit
        } else {
            Unit::Days // a stopped clock is counted in days, whatever the limit's unit
        };
        let mut total = 0;
        let mut reach = from;
        for &(s, e) in intervals.iter() {
            let lo = (s - 1).max(reach);
            let hi = e.min(to);
            if hi > lo {
                total += self.between(lo, hi, unit)?;
                reach = hi;
            }
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        date::parse(s).unwrap_or_default()
    }

    #[test]
    fn months_end_on_the_corresponding_day_or_the_last() {
        assert_eq!(add_months(d("2024-01-31"), 1), Ok(d("2024-02-29")));
        assert_eq!(add_months(d("2023-01-31"), 1), Ok(d("2023-02-28")));
        assert_eq!(add_months(d("2024-03-15"), 12), Ok(d("2025-03-15")));
        assert_eq!(months_between(d("2024-01-31"), d("2024-02-29")), Ok(1));
        assert_eq!(months_between(d("2024-01-31"), d("2024-02-28")), Ok(0));
        assert_eq!(months_between(d("2024-03-15"), d("2025-03-14")), Ok(11));
    }
}
