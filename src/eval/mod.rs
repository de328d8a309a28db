//! Stage 4: cases → findings → liability → verdicts.

pub mod batch;
pub mod case;
pub mod chain;
mod clock;
pub mod duties;
pub(crate) mod json_error;
pub mod liability;
pub mod read;
pub mod verdict;

use case::{Case, CaseError, RawCase, Text};
use verdict::{CaseFailure, ErrorBody, Record, RulebookRef, Verdict};

use crate::compile::model::{Expr, FactId, Model};
use crate::date::Day;

/// A compiled rulebook ready to evaluate cases: what every case needs is computed once.
pub struct Plan<'m> {
    model: &'m Model,
    /// The facts each step's requirement reads, by step index.
    because: Vec<Vec<FactId>>,
    /// Refuse to count into provisional calendar years.
    strict_calendar: bool,
    /// The date open matters are judged as of, when the run sets one (`--as-of`).
    as_of: Option<Day>,
    /// Today in each procedure's calendar zone, by procedure index: the as-of date of an open
    /// matter when neither the run nor the case sets one (taken once, so a batch is judged as
    /// of one day).
    today: Vec<Day>,
    /// The files the rulebook was read from, shared by every verdict's provenance.
    files: std::sync::Arc<[crate::compile::load::FileHash]>,
}

impl<'m> Plan<'m> {
    /// Prepares a valid model for evaluation.
    pub fn new(model: &'m Model) -> Plan<'m> {
        let because = model
            .steps
            .iter()
            .map(|s| {
                let mut facts = Vec::new();
                for c in s.required.iter().chain(&s.forbidden) {
                    facts_of(&c.expr, &mut facts);
                }
                facts.sort_unstable();
                facts.dedup();
                facts
            })
            .collect();
        let now = jiff::Timestamp::now();
        let today = model
            .procedures
            .iter()
            .map(|p| {
                let zone = p
                    .calendar
                    .and_then(|c| model.calendars.get(c.index()))
                    .and_then(|c| c.zone.clone())
                    .unwrap_or_else(jiff::tz::TimeZone::system);
                crate::date::day_of(now.to_zoned(zone).date())
            })
            .collect();
        Plan {
            model,
            because,
            strict_calendar: false,
            as_of: None,
            today,
            files: model.files.clone().into(),
        }
    }

    /// Judges open matters as of `day` (rather than the date the case was taken, or today).
    pub fn as_of(mut self, day: Option<Day>) -> Plan<'m> {
        self.as_of = day;
        self
    }

    /// Refuses (DC0505) instead of counting into a calendar's provisional years, whose holidays
    /// are derived from the regulation rather than announced (`--strict-calendar`).
    pub fn strict_calendar(mut self, strict: bool) -> Plan<'m> {
        self.strict_calendar = strict;
        self
    }

    /// The model.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// Evaluates a validated case (the verdict takes over its list of defaults).
    pub fn evaluate(&self, mut case: Case, explain: bool) -> Result<Verdict, CaseError> {
        let defaults = std::mem::take(&mut case.defaults);
        let as_of = self.as_of.or(case.as_of).unwrap_or_else(|| {
            self.today
                .get(case.procedure.index())
                .copied()
                .unwrap_or(Day::MAX)
        });
        case.as_of = Some(as_of);
        after_as_of(&case, as_of)?;
        let case = &case;
        let model = self.model;
        let mut duties =
            duties::Duties::new(model, case, &self.because, explain, self.strict_calendar);
        duties.run()?;
        let mut warnings: Vec<chain::Warning> = duties
            .provisional_day()
            .map(|d| chain::Warning::Provisional(crate::date::date_of(d)))
            .into_iter()
            .collect();
        warnings.extend(unrecorded_warning(case));
        let states = duties.states();
        let mut defaults = defaults;
        if duties.warn_defaulted {
            let unit = if states.pending.iter().any(|p| p.workdays_left.is_some()) {
                "workdays"
            } else {
                "days"
            };
            let warn = format!("{} {unit} before", duties::DEFAULT_WARN);
            defaults.0.push(("warn".into(), warn.into()));
            defaults.0.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let findings = std::mem::take(&mut duties.findings);
        let deemed = std::mem::take(&mut duties.deemed);
        let mut trace = duties.trace.take();
        let outcome = liability::liability(model, case, &findings, case.consequence)?;
        let liability = outcome.entries;
        let sanctions = liability::combine(model, case, &liability);
        if let Some(t) = &mut trace {
            for l in &liability {
                t.push(format!(
                    "liability: `{}` as {} under `{}` — {}",
                    l.person,
                    l.grade,
                    l.rule,
                    l.trace
                        .iter()
                        .map(chain::Link::to_string)
                        .collect::<Vec<_>>()
                        .join(" → ")
                ));
            }
        }
        Ok(Verdict {
            case: case.id.clone(),
            title: case.title.clone(),
            rulebook: RulebookRef {
                id: model.id.as_str().into(),
                version: model.version.as_deref().map(Text::from),
            },
            procedure: model
                .procedures
                .get(case.procedure.index())
                .map_or_else(Text::default, |p| p.name.as_str().into()),
            compliant: findings.is_empty(),
            closed: case.closed,
            defaults,
            deemed,
            findings,
            duties: states,
            liability,
            unassigned: outcome.unassigned,
            sanctions,
            warnings,
            explain: trace,
            provenance: verdict::Provenance {
                schema_version: verdict::SCHEMA_VERSION,
                tool: verdict::TOOL,
                files: self.files.clone(),
                as_of: crate::date::show(as_of),
            },
        })
    }

    /// Validates and evaluates a raw case.
    pub fn evaluate_raw(&self, raw: &RawCase, explain: bool) -> Result<Verdict, CaseError> {
        let case = case::validate(self.model, raw)?;
        self.evaluate(case, explain)
    }

    /// Validates and evaluates a raw case into its record; `line` is where it began.
    pub fn evaluate_case(&self, raw: &RawCase, line: Option<usize>, explain: bool) -> Record {
        match self.evaluate_raw(raw, explain) {
            Ok(v) => Record::Verdict(Box::new(v)),
            Err(e) => failure(Some(raw.id.clone()), line, e),
        }
    }

    /// Parses, validates and evaluates one case from JSON text; `line` is its batch line.
    pub fn evaluate_json(&self, text: &str, line: Option<usize>, explain: bool) -> Record {
        let raw = match case::parse(text) {
            Ok(raw) => raw,
            Err(e) => return failure(case_id_hint(text), line, e),
        };
        self.evaluate_case(&raw, line, explain)
    }
}

fn failure(case: Option<Text>, line: Option<usize>, e: CaseError) -> Record {
    Record::Error(CaseFailure {
        case,
        line,
        error: ErrorBody {
            code: e.code.id(),
            message: e.message,
            path: e.path,
            keys: e.keys,
        },
    })
}

/// The `id` of a case whose JSON is otherwise invalid, when it can still be read.
fn case_id_hint(text: &str) -> Option<Text> {
    let v: serde_json::Value = serde_json::from_str(crate::source::without_bom(text)).ok()?;
    v.get("id")?.as_str().map(Text::from)
}

fn facts_of(e: &Expr, out: &mut Vec<FactId>) {
    match e {
        Expr::Fact(f) => out.push(*f),
        Expr::Not(x) => facts_of(x, out),
        Expr::And(xs) | Expr::Or(xs) => xs.iter().for_each(|x| facts_of(x, out)),
        Expr::Cmp(a, _, b) | Expr::Arith(a, _, b) => {
            facts_of(a, out);
            facts_of(b, out);
        }
        Expr::In(a, xs) => {
            facts_of(a, out);
            xs.iter().for_each(|x| facts_of(x, out));
        }
        Expr::Const(_)
        | Expr::Field(_)
        | Expr::Count(..)
        | Expr::Holders(_)
        | Expr::Events(_)
        | Expr::Agg(..) => {}
    }
}

/// The record of an open matter cannot hold what had not happened by the day it is judged as
/// of (a closed matter is judged whole, whenever that is).
fn after_as_of(case: &Case, as_of: Day) -> Result<(), CaseError> {
    if case.closed {
        return Ok(());
    }
    let late = case
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.start > as_of);
    match late {
        Some((i, e)) => Err(CaseError::keyed(
            crate::diag::Code::AfterAsOf,
            format!("events[{i}].start"),
            crate::msg!(
                "after-as-of",
                start = crate::date::show(e.start),
                as_of = crate::date::show(as_of)
            ),
            None,
        )),
        None => Ok(()),
    }
}

/// The warning of a verdict some of whose events record no actor.
fn unrecorded_warning(case: &Case) -> Option<chain::Warning> {
    let events: Vec<usize> = case
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.by == case::UNKNOWN)
        .map(|(i, _)| i)
        .collect();
    (!events.is_empty()).then_some(chain::Warning::Unrecorded(events))
}
