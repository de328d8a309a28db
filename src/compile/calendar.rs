//! Working-day calendars: versioned sets of days, compiled into an index where counting working
//! days is O(1).
//!
//! Counting convention (Civil Code Arts. 201, 203; Administrative Licensing Law Art. 82): the
//! day of the triggering event is not counted; N working days after day `a` end on the N-th
//! working day after `a`; a limit in calendar days whose last day is not a working day ends on
//! the next working day.

use crate::date::{self, Day};
use crate::diag::Msg;
use crate::msg;
use crate::source::Span;

/// A day the calendar does not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    /// The day.
    pub day: Day,
}

/// The sets a calendar is built from.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarData {
    /// Name of the data set.
    #[serde(default)]
    pub name: Option<String>,
    /// Where the dates come from.
    #[serde(default)]
    pub source: Option<String>,
    /// The time zone whose local date a date-time with an offset is converted to (IANA name).
    #[serde(default)]
    pub zone: Option<String>,
    /// Weekend days: `mon` … `sun`.
    pub weekend: Vec<String>,
    /// First and last covered year.
    pub covers: [i16; 2],
    /// Statutory holidays.
    #[serde(default)]
    pub holidays: Vec<DayRange>,
    /// Rest days moved by the annual notice.
    #[serde(default)]
    pub rest: Vec<DayRange>,
    /// Adjusted working days (weekend days on which offices work).
    #[serde(default)]
    pub workdays: Vec<DayRange>,
    /// The last covered years, which no annual notice covers yet: their statutory holidays are
    /// derived from the holiday regulation, and counting in them is provisional.
    #[serde(default)]
    pub provisional: Option<[i16; 2]>,
}

/// An inclusive range of dates with a label.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayRange {
    /// First day.
    pub from: String,
    /// Last day (defaults to `from`).
    #[serde(default)]
    pub to: Option<String>,
    /// What it is.
    #[serde(default)]
    pub label: Option<String>,
}

/// A compiled calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Its name in the rulebook.
    pub name: String,
    /// Where it was declared.
    pub span: Span,
    /// Where its dates come from.
    pub source: Option<String>,
    /// First covered year.
    pub first_year: i16,
    /// Last covered year.
    pub last_year: i16,
    /// The zone of its local dates.
    pub zone: Option<jiff::tz::TimeZone>,
    /// The longest run of days that are not working days (days a limit may roll forward).
    pub longest_rest: i64,
    first_day: Day,
    working: Vec<bool>,
    /// The first provisional day: from here on holidays are derived, not announced.
    pub provisional_from: Option<Day>,
    /// `cum[i]`: working days among covered days `0..=i`.
    cum: Vec<u32>,
    /// `nth[k]`: index of the (k+1)-th working day.
    nth: Vec<u32>,
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The statutory holidays of the provisional years, derived from the regulation. The provisional
/// years must be the last covered ones.
fn derived_holidays(data: &CalendarData) -> Result<Vec<DayRange>, Msg> {
    let Some([from, to]) = data.provisional else {
        return Ok(Vec::new());
    };
    let [first, last] = data.covers;
    if from > to || from < first || to != last {
        return Err(msg!(
            "cal-provisional-last",
            from = from,
            to = to,
            first = first,
            last = last
        ));
    }
    let mut out = Vec::new();
    for year in from..=to {
        for (a, b, name) in super::holidays::statutory(year)? {
            out.push(DayRange {
                from: date::date_of(a).to_string(),
                to: Some(date::date_of(b).to_string()),
                label: Some(name.to_owned()),
            });
        }
    }
    Ok(out)
}

/// A calendar that lists statutory holidays must list some in every year it covers: a covered
/// year without any is a year whose notice is missing, and counting in it would be a guess.
fn uncovered_year(first: i16, last: i16, first_day: Day, holidays: &[bool]) -> Result<(), Msg> {
    for year in first..=last {
        let (lo, hi) = (
            year_start(year)? - first_day,
            year_start(year + 1)? - first_day,
        );
        let (lo, hi) = (
            usize::try_from(lo).unwrap_or(0),
            usize::try_from(hi).unwrap_or(0),
        );
        if !holidays
            .get(lo..hi)
            .is_some_and(|days| days.contains(&true))
        {
            return Err(msg!(
                "cal-year-unlisted",
                first = first,
                last = last,
                year = year
            ));
        }
    }
    Ok(())
}

impl Calendar {
    /// Builds a calendar; the error says what is wrong with the data.
    pub fn build(name: &str, span: Span, data: &CalendarData) -> Result<Calendar, Msg> {
        let zone = data
            .zone
            .as_deref()
            .map(|z| jiff::tz::TimeZone::get(z).map_err(|_| msg!("cal-not-zone", zone = z)))
            .transpose()?;
        let [first_year, last_year] = data.covers;
        if first_year > last_year || first_year < 1900 || last_year > 2200 {
            let (first, last) = (first_year, last_year);
            return Err(msg!("cal-covers-range", first = first, last = last));
        }
        let mut weekend = [false; 7];
        for w in &data.weekend {
            let i = WEEKDAYS
                .iter()
                .position(|d| d.eq_ignore_ascii_case(w))
                .ok_or_else(|| msg!("cal-not-weekday", day = w))?;
            if let Some(slot) = weekend.get_mut(i) {
                *slot = true;
            }
        }
        let first_day = year_start(first_year)?;
        let end_day = year_start(last_year + 1)?;
        let len = usize::try_from(end_day - first_day).map_err(|_| msg!("cal-empty"))?;
        let mut working: Vec<bool> = (0..len)
            .map(|i| {
                let dow = date::date_of(first_day + i32::try_from(i).unwrap_or(0)).weekday();
                !weekend
                    .get(usize::try_from(dow.to_monday_zero_offset()).unwrap_or(0))
                    .copied()
                    .unwrap_or(false)
            })
            .collect();
        // Each set is marked by where its ranges start and end (a difference array), then swept
        // once: the cost is the covered days plus the ranges, however many and however long.
        let marks = |ranges: &[DayRange], what: &str| -> Result<Vec<bool>, Msg> {
            let mut diff = vec![0i64; len + 1];
            for r in ranges {
                let from = date::parse(&r.from)?;
                let to = r.to.as_deref().map_or(Ok(from), date::parse)?;
                if to < from {
                    let to = r.to.as_deref().unwrap_or("");
                    return Err(msg!("cal-backwards", what = what, from = r.from, to = to));
                }
                // Days outside the covered years (Dec 31 of the year before) are ignored.
                let lo = usize::try_from(i64::from(from) - i64::from(first_day)).unwrap_or(0);
                let hi = usize::try_from(i64::from(to) - i64::from(first_day) + 1).unwrap_or(0);
                let (lo, hi) = (lo.min(len), hi.min(len));
                if lo < hi {
                    if let Some(d) = diff.get_mut(lo) {
                        *d += 1;
                    }
                    if let Some(d) = diff.get_mut(hi) {
                        *d -= 1;
                    }
                }
            }
            let mut depth = 0i64;
            Ok(diff
                .iter()
                .take(len)
                .map(|d| {
                    depth += d;
                    depth > 0
                })
                .collect())
        };
        let derived = derived_holidays(data)?;
        let holidays = marks(&[data.holidays.as_slice(), &derived].concat(), "holiday")?;
        let rest = marks(&data.rest, "rest")?;
        let adjusted = marks(&data.workdays, "working")?;
        for (i, w) in working.iter_mut().enumerate() {
            let off =
                holidays.get(i).copied().unwrap_or(false) || rest.get(i).copied().unwrap_or(false);
            let on = adjusted.get(i).copied().unwrap_or(false);
            if off && on {
                let day = date::date_of(first_day + i32::try_from(i).unwrap_or(0));
                return Err(msg!("cal-both", day = day));
            }
            *w = (*w && !off) || on;
        }
        if !data.holidays.is_empty() {
            uncovered_year(first_year, last_year, first_day, &holidays)?;
        }
        let mut longest_rest = 0i64;
        let mut run = 0i64;
        for &w in &working {
            run = if w { 0 } else { run + 1 };
            longest_rest = longest_rest.max(run);
        }
        let mut cum = Vec::with_capacity(len);
        let mut nth = Vec::new();
        let mut count = 0u32;
        for (i, &w) in working.iter().enumerate() {
            if w {
                nth.push(u32::try_from(i).unwrap_or(u32::MAX));
                count += 1;
            }
            cum.push(count);
        }
        Ok(Calendar {
            name: name.to_owned(),
            span,
            source: data.source.clone(),
            first_year,
            last_year,
            zone,
            longest_rest,
            first_day,
            provisional_from: data
                .provisional
                .map(|[from, _]| year_start(from))
                .transpose()?,
            working,
            cum,
            nth,
        })
    }

    fn index(&self, day: Day) -> Result<usize, OutOfRange> {
        usize::try_from(day - self.first_day)
            .ok()
            .filter(|&i| i < self.working.len())
            .ok_or(OutOfRange { day })
    }

    /// Whether a day is a working day.
    pub fn is_working(&self, day: Day) -> Result<bool, OutOfRange> {
        let i = self.index(day)?;
        Ok(self.working.get(i).copied().unwrap_or(false))
    }

    /// Working days in `(a, b]` (negative when `b` is before `a`).
    pub fn workdays_between(&self, a: Day, b: Day) -> Result<i64, OutOfRange> {
        let ca = i64::from(self.cum.get(self.index(a)?).copied().unwrap_or(0));
        let cb = i64::from(self.cum.get(self.index(b)?).copied().unwrap_or(0));
        Ok(cb - ca)
    }

    /// The `n`-th working day after `a` (`a` itself is not counted; `n = 0` gives `a`).
    pub fn add_workdays(&self, a: Day, n: u32) -> Result<Day, OutOfRange> {
        if n == 0 {
            return Ok(a);
        }
        let before = self.cum.get(self.index(a)?).copied().unwrap_or(0);
        let k = before as usize + n as usize - 1;
        let i = self.nth.get(k).ok_or(OutOfRange {
            day: self.first_day + i32::try_from(self.working.len()).unwrap_or(i32::MAX),
        })?;
        Ok(self.first_day + i32::try_from(*i).unwrap_or(i32::MAX))
    }

    /// The first working day on or after `d`.
    pub fn roll_forward(&self, d: Day) -> Result<Day, OutOfRange> {
        let i = self.index(d)?;
        let before = if i == 0 {
            0
        } else {
            self.cum.get(i - 1).copied().unwrap_or(0)
        };
        let next = self.nth.get(before as usize).ok_or(OutOfRange { day: d })?;
        Ok(self.first_day + i32::try_from(*next).unwrap_or(i32::MAX))
    }

    /// Sound bounds on the calendar days `n` working days span, in constant time: each working day
    /// is a day, and before each lies at most the longest run of rest days.
    pub fn span_of_workdays_quick(&self, n: u32) -> (i64, i64) {
        let n = i64::from(n);
        (n, n.saturating_mul(self.longest_rest + 1))
    }

    /// Sound bounds on the working days among `n` consecutive days, in constant time: any run
    /// longer than the longest rest holds a working day.
    pub fn workdays_in_days_quick(&self, n: u32) -> (i64, i64) {
        let n = i64::from(n);
        (n / (self.longest_rest + 1), n)
    }

    /// The fewest and most calendar days that `n` working days can span in this calendar.
    pub fn span_of_workdays(&self, n: u32) -> (i64, i64) {
        if n == 0 {
            return (0, 0);
        }
        let mut lo = i64::MAX;
        let mut hi = 0;
        for (i, &c) in self.cum.iter().enumerate() {
            if let Some(&j) = self.nth.get(c as usize + n as usize - 1) {
                let d = i64::from(j) - i as i64;
                lo = lo.min(d);
                hi = hi.max(d);
            }
        }
        if lo == i64::MAX {
            (i64::from(n), i64::from(n) * 2 + 14)
        } else {
            (lo, hi)
        }
    }

    /// The fewest and most working days that any `n` consecutive calendar days after a day hold
    /// (the window `(a, a + n]`).
    pub fn workdays_in_days(&self, n: u32) -> (i64, i64) {
        let n = n as usize;
        let mut lo = i64::MAX;
        let mut hi = 0;
        for (i, &c) in self.cum.iter().enumerate() {
            let Some(&e) = self.cum.get(i + n) else { break };
            let k = i64::from(e) - i64::from(c);
            lo = lo.min(k);
            hi = hi.max(k);
        }
        if lo == i64::MAX {
            (0, n as i64)
        } else {
            (lo, hi)
        }
    }

    /// The covered days as `first ..= last`.
    pub fn covered(&self) -> (Day, Day) {
        (
            self.first_day,
            self.first_day + i32::try_from(self.working.len()).unwrap_or(1) - 1,
        )
    }
}

fn year_start(year: i16) -> Result<Day, Msg> {
    jiff::civil::Date::new(year, 1, 1)
        .map(date::day_of)
        .map_err(|e| msg!("plain", text = e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn2024() -> Calendar {
        let r = |from: &str, to: &str| DayRange {
            from: from.into(),
            to: Some(to.into()),
            label: None,
        };
        let data = CalendarData {
            weekend: vec!["sat".into(), "sun".into()],
            covers: [2024, 2024],
            rest: vec![r("2024-02-10", "2024-02-17"), r("2024-10-01", "2024-10-07")],
            workdays: vec![
                r("2024-02-04", "2024-02-04"),
                r("2024-02-18", "2024-02-18"),
                r("2024-09-29", "2024-09-29"),
                r("2024-10-12", "2024-10-12"),
            ],
            ..CalendarData::default()
        };
        Calendar::build("cn", Span::default(), &data).unwrap_or_else(|e| panic!("{e}"))
    }

    fn d(s: &str) -> Day {
        date::parse(s).unwrap_or_default()
    }

    #[test]
    fn national_day_example() {
        // 7 working days after Friday 2024-09-27 end on Saturday 2024-10-12.
        let c = cn2024();
        assert_eq!(c.add_workdays(d("2024-09-27"), 7), Ok(d("2024-10-12")));
        assert_eq!(c.workdays_between(d("2024-09-27"), d("2024-10-12")), Ok(7));
        assert_eq!(c.workdays_between(d("2024-09-27"), d("2024-10-11")), Ok(6));
    }

    #[test]
    fn spring_festival_example() {
        let c = cn2024();
        assert_eq!(c.add_workdays(d("2024-02-07"), 5), Ok(d("2024-02-20")));
        assert_eq!(c.roll_forward(d("2024-02-10")), Ok(d("2024-02-18")));
        assert_eq!(c.is_working(d("2024-02-04")), Ok(true));
    }

    #[test]
    fn outside_the_years_is_an_error() {
        let c = cn2024();
        assert!(c.add_workdays(d("2024-12-30"), 5).is_err());
        assert!(c.is_working(d("2023-12-31")).is_err());
    }

    /// Calendar data with a Saturday–Sunday weekend, the covered years and one-day holidays.
    fn weekends(covers: [i16; 2], holidays: &[&str]) -> CalendarData {
        let range = |from: &&str| DayRange {
            from: (*from).into(),
            to: None,
            label: None,
        };
        CalendarData {
            weekend: vec!["sat".into(), "sun".into()],
            covers,
            holidays: holidays.iter().map(range).collect(),
            ..CalendarData::default()
        }
    }

    /// Why the data is refused, in English (empty when it is accepted).
    fn refused(data: &CalendarData) -> String {
        Calendar::build("c", Span::default(), data)
            .err()
            .map(|m| m.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_day_is_rest_or_work_never_both() {
        let holiday = weekends([2024, 2024], &["2024-10-01"]);
        let data = CalendarData {
            workdays: holiday.holidays.clone(),
            ..holiday
        };
        let e = refused(&data);
        assert!(e.contains("2024-10-01 is both"), "{e}");
    }

    #[test]
    fn every_covered_year_has_its_holidays() {
        let e = refused(&weekends([2024, 2025], &["2024-01-01"]));
        assert!(e.contains("includes 2025, but no holiday of 2025"), "{e}");
        assert_eq!(refused(&weekends([2024, 2025], &[])), "");
    }

    #[test]
    fn provisional_years_are_the_last_covered_ones() {
        let data = CalendarData {
            provisional: Some([2027, 2028]),
            ..weekends([2025, 2028], &["2025-01-01", "2026-01-01"])
        };
        let c = Calendar::build("c", Span::default(), &data).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.provisional_from, Some(d("2027-01-01")));
        // 2027-10-01 to 10-03 are derived holidays: a Friday, then the weekend, then Monday.
        assert_eq!(c.is_working(d("2027-10-01")), Ok(false));
        assert_eq!(c.is_working(d("2027-10-04")), Ok(true));
        let early = CalendarData {
            provisional: Some([2026, 2027]),
            ..data
        };
        let e = refused(&early);
        assert!(e.contains("must be the last years"), "{e}");
    }
}
