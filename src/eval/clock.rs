//! Counting days and working days for a procedure, per the calendar's convention.

use crate::compile::calendar::{Calendar, OutOfRange};
use crate::date::Day;
use crate::vocab::Unit;

/// Counts durations in a procedure's units.
#[derive(Clone, Copy)]
pub struct Clock<'a> {
    /// The procedure's calendar, if it has one.
    pub calendar: Option<&'a Calendar>,
}

impl Clock<'_> {
    /// Units in `(a, b]` (the first day is not counted; negative when `b < a`).
    pub fn between(&self, a: Day, b: Day, unit: Unit) -> Result<i64, OutOfRange> {
        match (unit, self.calendar) {
            (Unit::Workdays, Some(c)) => c.workdays_between(a, b),
            _ => Ok(i64::from(b) - i64::from(a)),
        }
    }

    /// The last day of a limit of `n` units after `a`: the n-th working day, or `a + n` moved to
    /// the next working day when it is a rest day.
    pub fn deadline(&self, a: Day, n: i64, unit: Unit) -> Result<Day, OutOfRange> {
        let n32 = i32::try_from(n.max(0)).unwrap_or(i32::MAX);
        match (unit, self.calendar) {
            (Unit::Workdays, Some(c)) => c.add_workdays(a, u32::try_from(n32).unwrap_or(0)),
            (Unit::Days, Some(c)) => c.roll_forward(a.saturating_add(n32)),
            _ => Ok(a.saturating_add(n32)),
        }
    }

    /// The first day on which `n` units after `a` have passed.
    pub fn earliest(&self, a: Day, n: i64, unit: Unit) -> Result<Day, OutOfRange> {
        let n32 = i32::try_from(n.max(0)).unwrap_or(i32::MAX);
        match (unit, self.calendar) {
            (Unit::Workdays, Some(c)) => c.add_workdays(a, u32::try_from(n32).unwrap_or(0)),
            _ => Ok(a.saturating_add(n32)),
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
