//! Triggered duties → findings. Every duty of the case's procedure is evaluated against the
//! events; each broken one becomes a finding citing its article.

use std::collections::BTreeMap;

use serde::Serialize;

use super::case::{Case, CaseError, FieldVal, Text, UNKNOWN};
use super::clock::Clock;
use crate::compile::calendar::OutOfRange;
use crate::compile::model::{
    Applies, At, Deadline, DeemedWhen, Dur, FactDefault, FactId, Limit, Model, Origin, RoleId,
    Step, StepId, Val,
};
use crate::compile::value::{self, Env};
use crate::date::{self, Day};
use crate::diag::Code;
use crate::msg;
use crate::parse::ast::{AggOp, Pick, Point};
use crate::vocab::{FindingKind, Unit};

/// Measurements behind a finding, in the limit's unit. Absent fields are left out.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Detail {
    /// The other step involved (the predecessor, or the anchor of a limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// A deadline in calendar days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_days: Option<i64>,
    /// A deadline in working days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_workdays: Option<i64>,
    /// A minimum in calendar days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_days: Option<i64>,
    /// A minimum in working days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_workdays: Option<i64>,
    /// A deadline in months (a limit in years is given in months).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_months: Option<i64>,
    /// A minimum in months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_months: Option<i64>,
    /// What the case took, in the same unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub took: Option<i64>,
    /// Units not counted while the clock was stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<i64>,
    /// Units added by an extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended: Option<i64>,
    /// The last allowed day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Text>,
    /// The first allowed day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<Text>,
    /// The roles that may perform the step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_roles: Option<Vec<String>>,
    /// The person who acted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<Text>,
    /// The holder who failed a duty that falls on each holder of a role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<Text>,
    /// Two roles kept apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// How often the step occurred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// The fewest occurrences allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// The most occurrences allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The condition that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// A broken duty.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// What kind of duty was broken.
    pub kind: FindingKind,
    /// The step.
    pub step: Text,
    /// The legal article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Text>,
    /// The facts that triggered the duty.
    pub because: BTreeMap<String, serde_json::Value>,
    /// Indexes of the events involved.
    pub events: Vec<usize>,
    /// Limit and actual value.
    pub detail: Detail,
    /// One sentence for people.
    pub message: String,
    /// The step's id.
    #[serde(skip)]
    pub step_id: StepId,
    /// The other step involved (predecessor of an out-of-order step).
    #[serde(skip)]
    pub other: Option<StepId>,
    /// The holder who failed a duty that falls on each holder of a role.
    #[serde(skip)]
    pub holder: Option<u32>,
    /// The day of the conduct (the latest day of its events).
    #[serde(skip)]
    pub day: Option<Day>,
}

/// Facts as an environment for conditions (recorded fields of one event when given).
pub struct CaseEnv<'a> {
    /// The case.
    pub case: &'a Case,
    /// The event whose fields are visible.
    pub event: Option<usize>,
    /// The steps deemed done, with their days (a deemed act counts as an event).
    pub deemed: &'a [(StepId, Day)],
    /// What a case's conditions compute once (role holders, aggregates), when there is a place
    /// to keep it: a condition on every one of many events then costs no more than one.
    pub memo: Option<&'a Memo>,
}

/// Case-wide values a condition may read, computed at most once per case.
#[derive(Default)]
pub struct Memo {
    holders: std::cell::OnceCell<Vec<i64>>,
    events: std::cell::OnceCell<Vec<i64>>,
    aggregates: std::cell::RefCell<Vec<Aggregate>>,
}

/// An aggregate computed for a case: the operation, the step, the field and the value.
type Aggregate = (AggOp, StepId, u32, Option<Val>);

impl Env for CaseEnv<'_> {
    fn fact(&self, id: FactId) -> Option<Val> {
        self.case.facts.get(id.index()).cloned().flatten()
    }
    fn field(&self, index: u32) -> Option<Val> {
        match self.event_field(index)? {
            FieldVal::Val(v) => Some(v.clone()),
            _ => None,
        }
    }
    fn count(&self, index: u32, holding: Option<RoleId>) -> Option<i64> {
        let people: &[u32] = match self.event_field(index)? {
            FieldVal::Persons(p) => p,
            FieldVal::Person(p) => std::slice::from_ref(p),
            FieldVal::Val(_) => return None,
        };
        let holds = |p: &&u32| {
            holding.is_none_or(|r| {
                self.case
                    .people
                    .get(**p as usize)
                    .is_some_and(|x| x.roles.contains(&r))
            })
        };
        i64::try_from(people.iter().filter(holds).count()).ok()
    }
    fn holders(&self, role: RoleId) -> i64 {
        let count = |r: RoleId| {
            self.case
                .people
                .iter()
                .filter(|p| p.roles.contains(&r))
                .count() as i64
        };
        match self.memo {
            Some(m) => m
                .holders
                .get_or_init(|| {
                    let mut n = Vec::new();
                    for r in self.case.people.iter().flat_map(|p| &p.roles) {
                        if n.len() <= r.index() {
                            n.resize(r.index() + 1, 0);
                        }
                        if let Some(c) = n.get_mut(r.index()) {
                            *c += 1;
                        }
                    }
                    n
                })
                .get(role.index())
                .copied()
                .unwrap_or(0),
            None => count(role),
        }
    }
    fn events(&self, step: StepId) -> i64 {
        let n = match self.memo {
            Some(m) => m
                .events
                .get_or_init(|| {
                    let mut n = Vec::new();
                    for e in &self.case.events {
                        if n.len() <= e.step.index() {
                            n.resize(e.step.index() + 1, 0);
                        }
                        if let Some(c) = n.get_mut(e.step.index()) {
                            *c += 1;
                        }
                    }
                    n
                })
                .get(step.index())
                .copied()
                .unwrap_or(0),
            None => self.case.events.iter().filter(|e| e.step == step).count() as i64,
        };
        let deemed = self.deemed.iter().any(|(s, _)| *s == step);
        if n == 0 && deemed { 1 } else { n }
    }
    fn aggregate(&self, op: AggOp, step: StepId, index: u32) -> Option<Val> {
        let key =
            |&(o, s, i, _): &(AggOp, StepId, u32, Option<Val>)| (o, s, i) == (op, step, index);
        if let Some(hit) = self.memo.and_then(|m| {
            m.aggregates
                .borrow()
                .iter()
                .find(|x| key(x))
                .map(|x| x.3.clone())
        }) {
            return hit;
        }
        let values = self
            .case
            .events
            .iter()
            .filter(|e| e.step == step)
            .filter_map(|e| match e.fields.get(index as usize)? {
                Some(FieldVal::Val(v)) => Some(v.clone()),
                _ => None,
            });
        let v = value::fold(op, values);
        if let Some(m) = self.memo {
            m.aggregates.borrow_mut().push((op, step, index, v.clone()));
        }
        v
    }
}

impl CaseEnv<'_> {
    fn event_field(&self, index: u32) -> Option<&FieldVal> {
        self.case
            .events
            .get(self.event?)?
            .fields
            .get(index as usize)?
            .as_ref()
    }
}

/// A fact value as JSON, for `because`.
pub fn json_of(model: &Model, v: &Val) -> serde_json::Value {
    match v {
        Val::Bool(b) => (*b).into(),
        Val::Int(i) => (*i).into(),
        Val::Money(m) => m.to_string().into(),
        Val::Date(d) => date::show(*d).as_str().into(),
        Val::Text(t) => t.clone().into(),
        Val::Enum(f, i) => model
            .facts
            .get(f.index())
            .and_then(|f| f.variants.get(*i as usize))
            .cloned()
            .unwrap_or_default()
            .into(),
    }
}

/// A legal fiction that held: the step counts as done on a day (视为).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DeemedAct {
    /// The step deemed done.
    pub step: Text,
    /// The day it counts as done on.
    pub on: Text,
    /// Why the fiction holds.
    pub because: String,
    /// The step's article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Text>,
}

/// A duty of an open matter not done yet whose time has not run out (or that has no limit).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Pending {
    /// The step due.
    pub step: Text,
    /// The holder it falls on, for a duty of each holder of a role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<Text>,
    /// What its limit runs from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Text>,
    /// The last day it may be done on (none when no limit binds it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<Text>,
    /// Calendar days from the as-of date to the due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// Working days from the as-of date to the due date, when the procedure has a calendar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workdays_left: Option<i64>,
    /// Green, or yellow inside the rulebook's warning window before the due date (red is
    /// overdue: a `late` finding).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<WarnLevel>,
    /// The step's article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Text>,
    /// The step's id.
    #[serde(skip)]
    pub step_id: StepId,
}

/// How close a pending duty is to its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WarnLevel {
    /// Before the warning window.
    Green,
    /// Inside the warning window.
    Yellow,
}

/// The warning window when the rulebook declares none: 3 working days (calendar days without a
/// calendar), listed among the verdict's defaults when it was used.
pub const DEFAULT_WARN: u32 = 3;

impl Pending {
    /// A pending duty with no due date yet.
    fn undated(id: StepId, step: &Step, holder: Option<Text>) -> Pending {
        Pending {
            step: Text::from(step.name.as_str()),
            holder,
            after: None,
            due: None,
            days_left: None,
            workdays_left: None,
            level: None,
            cite: step.cite.as_deref().map(Text::from),
            step_id: id,
        }
    }
}

/// An anchor of a limit: the event (None for a deemed act or a date fact) and its day.
type Anchor = (Option<usize>, Day);

/// How a limit runs out: counted from `from` (the anchor, or later when a stop delays a count
/// in months), with `extra` stopped units added, `limit` units long, by `deadline`.
struct Due {
    from: Day,
    extra: i64,
    stopped: i64,
    extended: i64,
    limit: i64,
    deadline: Day,
}

/// Evaluates one case's duties.
pub struct Duties<'a> {
    model: &'a Model,
    case: &'a Case,
    clock: Clock<'a>,
    /// Facts each step's requirement reads, by step index.
    because_facts: &'a [Vec<FactId>],
    /// The steps deemed done, with their days (few: no allocation when there are none).
    deemed_on: Vec<(StepId, Day)>,
    /// The legal fictions that held.
    pub deemed: Vec<DeemedAct>,
    /// Case-wide values conditions read, computed once.
    memo: Memo,
    /// Findings so far.
    pub findings: Vec<Finding>,
    /// The evaluation trace, when asked for.
    pub trace: Option<Vec<String>>,
    /// The day the matter began: its earliest event (found once per case).
    opened: Option<Day>,
    /// The day an open matter is judged as of.
    as_of: Day,
    /// Duties of an open matter still running.
    pub pending: Vec<Pending>,
    /// Required steps of an open matter whose limit has not started: what it runs from has not
    /// happened yet.
    pub not_triggered: Vec<StepId>,
    /// Whether a warning level used the default window (the rulebook declares none).
    pub warn_defaulted: bool,
}

fn out_of_range(event: Option<usize>, field: &'static str) -> impl Fn(OutOfRange) -> CaseError {
    move |e| {
        CaseError::keyed(
            Code::DateOutsideCalendar,
            event.map_or_else(String::new, |i| format!("events[{i}].{field}")),
            msg!("outside-calendar", day = date::show(e.day)),
            None,
        )
    }
}

/// A required fact the case does not give; `need` says what needs it (`condition`, `rule`,
/// `limit-from`, `limit-sets`).
pub(crate) fn missing_fact(model: &Model, f: FactId, need: &'static str) -> CaseError {
    let name = super::case::fact_name(model, f);
    CaseError::keyed(
        Code::WrongCaseType,
        format!("facts.{name}"),
        msg!("missing-fact", name = name, need = need),
        None,
    )
}

/// A condition that could not be evaluated (an overflow, a field it cannot read).
pub(crate) fn unevaluable(path: &str) -> CaseError {
    CaseError::keyed(Code::WrongCaseType, path, msg!("unevaluable"), None)
}

impl<'a> Duties<'a> {
    /// Prepares the evaluation of `case`.
    pub fn new(
        model: &'a Model,
        case: &'a Case,
        because_facts: &'a [Vec<FactId>],
        explain: bool,
        strict_calendar: bool,
    ) -> Duties<'a> {
        let calendar = model
            .procedures
            .get(case.procedure.index())
            .and_then(|p| p.calendar)
            .and_then(|c| model.calendars.get(c.index()));
        Duties {
            model,
            case,
            clock: Clock::new(calendar, strict_calendar),
            because_facts,
            deemed_on: Vec::new(),
            deemed: Vec::new(),
            memo: Memo::default(),
            findings: Vec::new(),
            trace: explain.then(Vec::new),
            opened: case.events.iter().map(|e| e.start).min(),
            as_of: case.as_of.unwrap_or(Day::MAX),
            pending: Vec::new(),
            not_triggered: Vec::new(),
            warn_defaulted: false,
        }
    }

    fn note(&mut self, line: impl FnOnce() -> String) {
        if let Some(t) = &mut self.trace {
            t.push(line());
        }
    }

    /// The indexes of a step's events, in input order.
    fn events_of(&self, step: StepId) -> &'a [usize] {
        let case: &'a Case = self.case;
        case.by_step.of_step(step)
    }

    fn event_at(&self, i: usize, point: Point) -> Option<Day> {
        let e = self.case.events.get(i)?;
        Some(if point == Point::Start {
            e.start
        } else {
            e.end
        })
    }

    fn because(&self, step: StepId) -> BTreeMap<String, serde_json::Value> {
        let facts = self
            .because_facts
            .get(step.index())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        facts
            .iter()
            .filter_map(|f| {
                let v = self.case.facts.get(f.index())?.as_ref()?;
                Some((
                    super::case::fact_name(self.model, *f).to_owned(),
                    json_of(self.model, v),
                ))
            })
            .collect()
    }

    /// A finding about how a step stands to another (`after` names the other step), with the
    /// message made from that step's name.
    fn push_against(
        &mut self,
        kind: FindingKind,
        id: StepId,
        events: Vec<usize>,
        other: StepId,
        message: impl FnOnce(&str) -> String,
    ) {
        let name = self.model.step_name(other).to_owned();
        let msg = message(&name);
        let detail = Detail {
            after: Some(name),
            ..Detail::default()
        };
        self.push(kind, id, events, detail, msg, Some(other));
    }

    fn push(
        &mut self,
        kind: FindingKind,
        id: StepId,
        mut events: Vec<usize>,
        detail: Detail,
        message: String,
        other: Option<StepId>,
    ) {
        events.sort_unstable();
        events.dedup();
        let step = self.model.step(id);
        let day = events
            .iter()
            .filter_map(|&i| self.case.events.get(i).map(|e| e.end))
            .max();
        let finding = Finding {
            kind,
            step: Text::from(self.model.step_name(id)),
            cite: step.and_then(|s| s.cite.as_deref()).map(Text::from),
            because: self.because(id),
            events,
            detail,
            message,
            step_id: id,
            other,
            holder: None,
            day,
        };
        self.note(|| {
            format!(
                "finding: {} of `{}` — {}",
                finding.kind, finding.step, finding.message
            )
        });
        self.findings.push(finding);
    }

    /// Where each step of the procedure stands: violated (a finding), done, pending, not
    /// triggered or not applicable, each list in procedure order (in time linear in the steps,
    /// findings and pending duties together).
    pub fn states(&self) -> super::verdict::DutyStates {
        let mut out = super::verdict::DutyStates::default();
        let steps = self
            .model
            .procedures
            .get(self.case.procedure.index())
            .map_or(&[][..], |p| p.steps.as_slice());
        const VIOLATED: u8 = 1;
        const NOT_TRIGGERED: u8 = 2;
        let mut flags = vec![0u8; self.model.steps.len()];
        let marks = self.findings.iter().map(|f| (f.step_id, VIOLATED));
        for (id, flag) in marks.chain(self.not_triggered.iter().map(|&s| (s, NOT_TRIGGERED))) {
            if let Some(f) = flags.get_mut(id.index()) {
                *f |= flag;
            }
        }
        let flagged = |id: StepId, flag: u8| flags.get(id.index()).is_some_and(|f| f & flag != 0);
        // Sorted by step (stably: each step's in their order), found as `events_of` finds events.
        let mut pending: Vec<&Pending> = self.pending.iter().collect();
        pending.sort_by_key(|p| p.step_id);
        for &id in steps {
            let name = || Text::from(self.model.step_name(id));
            let from = pending.partition_point(|p| p.step_id < id);
            let to = pending.partition_point(|p| p.step_id <= id);
            let waiting = pending.get(from..to).unwrap_or(&[]);
            if flagged(id, VIOLATED) {
                out.violated.push(name());
            } else if !waiting.is_empty() {
                out.pending.extend(waiting.iter().map(|p| (*p).clone()));
            } else if !self.events_of(id).is_empty() || self.deemed_day(id).is_some() {
                out.done.push(name());
            } else if flagged(id, NOT_TRIGGERED) {
                out.not_triggered.push(name());
            } else {
                out.not_applicable.push(name());
            }
        }
        out
    }

    /// The first provisional calendar day a count reached, if any.
    pub fn provisional_day(&self) -> Option<Day> {
        self.clock.provisional.get()
    }

    /// Evaluates every duty of the procedure, step by step in declaration order.
    pub fn run(&mut self) -> Result<(), CaseError> {
        let model = self.model;
        let steps = model
            .procedures
            .get(self.case.procedure.index())
            .map_or(&[][..], |p| p.steps.as_slice());
        for &id in steps {
            let Some(step) = model.step(id) else {
                continue;
            };
            self.step(id, step)?;
        }
        self.separations();
        Ok(())
    }

    fn condition(
        &self,
        c: &crate::compile::model::Cond,
        event: Option<usize>,
        path: &str,
    ) -> Result<bool, CaseError> {
        value::truth(
            &c.expr,
            &CaseEnv {
                case: self.case,
                event,
                deemed: &self.deemed_on,
                memo: Some(&self.memo),
            },
        )
        .map_err(|u| match u {
            value::Undefined::Fact(f) => missing_fact(self.model, f, "condition"),
            value::Undefined::Field(_) | value::Undefined::Overflow => unevaluable(path),
        })
    }

    /// Whether a clause applies to an act on `day` (its exception and its time of force).
    fn applies(&self, a: &Applies, day: Option<Day>) -> Result<bool, CaseError> {
        if day.is_some_and(|d| !a.in_force(d)) {
            return Ok(false);
        }
        match &a.cond {
            Some(c) => self.condition(c, None, "facts"),
            None => Ok(true),
        }
    }

    /// The value of a date fact a limit runs from (None: optional and not given).
    fn date_fact(&self, f: FactId) -> Result<Option<Day>, CaseError> {
        self.optional_fact(f, "limit-from", |v| match v {
            Val::Date(d) => Some(*d),
            _ => None,
        })
    }

    /// A fact's value as `pick` reads it: None when the fact is optional and not given, an error
    /// naming `what` the fact is for when it is required.
    fn optional_fact<T>(
        &self,
        f: FactId,
        what: &'static str,
        pick: impl Fn(&Val) -> Option<T>,
    ) -> Result<Option<T>, CaseError> {
        if let Some(v) = self
            .case
            .facts
            .get(f.index())
            .and_then(|v| v.as_ref().and_then(&pick))
        {
            return Ok(Some(v));
        }
        let optional = self
            .model
            .facts
            .get(f.index())
            .is_some_and(|x| x.default == FactDefault::Optional);
        if optional {
            Ok(None)
        } else {
            Err(missing_fact(self.model, f, what))
        }
    }

    /// The day a step is deemed done on, if a fiction made it so.
    fn deemed_day(&self, step: StepId) -> Option<Day> {
        self.deemed_on
            .iter()
            .find(|(s, _)| *s == step)
            .map(|&(_, d)| d)
    }

    /// The events a limit may start from, by date: the step's events (a deemed act counts as
    /// one, without an event index).
    fn candidates(&self, at: At) -> impl Iterator<Item = Anchor> + '_ {
        self.events_of(at.step)
            .iter()
            .filter_map(move |&i| self.event_at(i, at.point).map(|d| (Some(i), d)))
            .chain(self.deemed_day(at.step).map(|d| (None, d)))
    }

    /// The anchor a limit starts from: the first (or, with `last`, the latest) event by date, or
    /// the date a fact gives; under `each`, the first.
    fn anchor(&self, origin: Origin) -> Result<Option<Anchor>, CaseError> {
        Ok(match origin {
            Origin::Fact(f) => self.date_fact(f)?.map(|d| (None, d)),
            Origin::Step(at, Pick::Last) => self.candidates(at).max_by_key(|&(i, d)| (d, i)),
            Origin::Step(at, _) => self.candidates(at).min_by_key(|&(i, d)| (d, i)),
        })
    }

    /// Every anchor of a limit under `each`, by date.
    fn every_anchor(&self, at: At) -> Vec<Anchor> {
        let mut all: Vec<Anchor> = self.candidates(at).collect();
        all.sort_by_key(|&(i, d)| (d, i));
        all
    }

    fn step(&mut self, id: StepId, step: &Step) -> Result<(), CaseError> {
        self.deem(id, step)?;
        let events = self.events_of(id);
        let name = &step.name;
        let deemed = self.deemed_day(id);
        if let Some(req) = &step.required {
            // A dated duty applies when it was in force on the day the matter began.
            let required = self.condition(req, None, "facts")?
                && self.applies(&step.required_in_force, self.opened)?;
            if self.trace.is_some() {
                let because: Vec<String> = self
                    .because(id)
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect();
                let from = if because.is_empty() {
                    "always".to_owned()
                } else {
                    because.join(", ")
                };
                self.note(|| {
                    format!(
                        "duty `{name}` required: {required} (from {from}); {} event(s)",
                        events.len()
                    )
                });
            }
            if required {
                self.missing(id, step, events, deemed)?;
            }
        }
        if events.is_empty() {
            return Ok(());
        }
        self.forbidden(id, step, events)?;
        for &(pred, _) in &step.requires {
            if self.events_of(pred).is_empty() && self.deemed_day(pred).is_none() {
                self.push_against(FindingKind::Unprepared, id, events.to_vec(), pred, |p| {
                    format!("`{name}` happened, but `{p}`, which it requires, never did")
                });
            }
        }
        // What every event of the step is compared with, found once per step (not per event).
        let preds: Vec<(StepId, Option<(usize, Day)>)> = step
            .after
            .iter()
            .map(|&(p, _)| (p, self.earliest_end(p)))
            .collect();
        let mut gaps = Vec::with_capacity(step.gaps.len());
        for g in &step.gaps {
            gaps.push(if g.pick == Pick::Each {
                self.every_anchor(g.anchor)
            } else {
                self.anchor(Origin::Step(g.anchor, g.pick))?
                    .into_iter()
                    .collect()
            });
        }
        for &i in events {
            self.event(id, step, i, &preds)?;
            self.gaps(id, step, i, &gaps)?;
        }
        self.deadlines(id, step, events)?;
        self.occurrences(id, step, events)
    }

    /// `missing`: the step (or, with `for each`, some holder's share of it) did not happen.
    fn missing(
        &mut self,
        id: StepId,
        step: &Step,
        events: &[usize],
        deemed: Option<Day>,
    ) -> Result<(), CaseError> {
        let name = &step.name;
        let Some(role) = step.each else {
            if events.is_empty() && deemed.is_none() {
                if !self.case.closed {
                    return self.open_duty(id, step, None);
                }
                let msg = format!("`{name}` is required but did not happen");
                self.push(
                    FindingKind::Missing,
                    id,
                    vec![],
                    Detail::default(),
                    msg,
                    None,
                );
            }
            return Ok(());
        };
        let mut done = vec![false; self.case.people.len()];
        for e in events.iter().filter_map(|&i| self.case.events.get(i)) {
            if let Some(d) = done.get_mut(e.by as usize) {
                *d = true;
            }
        }
        for (h, p) in self.case.people.iter().enumerate() {
            if !p.roles.contains(&role) || done.get(h).copied().unwrap_or(false) {
                continue;
            }
            let h = u32::try_from(h).unwrap_or(u32::MAX);
            if !self.case.closed {
                self.open_duty(id, step, Some(h))?;
                continue;
            }
            {
                let msg = format!(
                    "`{name}` is required of each `{}`, but `{}` did not perform it",
                    self.model.role_name(role),
                    p.id
                );
                let detail = Detail {
                    holder: Some(p.id.clone()),
                    ..Detail::default()
                };
                self.push(FindingKind::Missing, id, vec![], detail, msg, None);
                if let Some(f) = self.findings.last_mut() {
                    f.holder = Some(h);
                }
            }
        }
        Ok(())
    }

    /// A required step an open matter has not done yet: overdue (a `late` finding) for each of
    /// its started limits that ran out before the as-of date, else pending until the earliest
    /// runs out, and not triggered while none of its limits has started.
    fn open_duty(&mut self, id: StepId, step: &Step, holder: Option<u32>) -> Result<(), CaseError> {
        let as_of = self.as_of;
        let blame = |e: OutOfRange| CaseError {
            path: "as_of".to_owned(),
            ..out_of_range(None, "")(e)
        };
        let holder_id = holder
            .and_then(|h| self.case.people.get(h as usize))
            .map(|p| p.id.clone());
        let (mut limited, mut overdue) = (false, false);
        let mut first: Option<(Day, String)> = None;
        for dl in &step.deadlines {
            if matches!(dl.anchor, Origin::Step(_, Pick::Each)) {
                continue;
            }
            let Some(base) = self.base(dl)? else { continue };
            limited = true;
            let Some((_, anchor)) = self.anchor(dl.anchor)? else {
                continue;
            };
            if anchor > as_of || !self.applies(&dl.applies, Some(anchor))? {
                continue;
            }
            let due = self.due(dl, base, anchor, as_of, &blame)?;
            if as_of <= due.deadline {
                if first.as_ref().is_none_or(|f| due.deadline < f.0) {
                    first = Some((due.deadline, self.model.origin_name(dl.anchor)));
                }
                continue;
            }
            overdue = true;
            let took = self
                .clock
                .between(due.from, as_of, dl.limit.unit)
                .map_err(blame)?
                - due.extra;
            self.overdue(id, step, dl, (base, anchor, took), &due, holder);
        }
        if overdue {
            return Ok(());
        }
        let pending = Pending::undated(id, step, holder_id);
        match first {
            Some((due, after)) => {
                let workdays_left = match self.clock.calendar {
                    Some(_) => Some(
                        self.clock
                            .between(as_of, due, Unit::Workdays)
                            .map_err(blame)?,
                    ),
                    None => None,
                };
                let level = self.level(as_of, due).map_err(blame)?;
                self.pending.push(Pending {
                    after: Some(after.into()),
                    due: Some(date::show(due)),
                    days_left: Some(i64::from(due) - i64::from(as_of)),
                    workdays_left,
                    level: Some(level),
                    ..pending
                });
            }
            None if limited => self.not_triggered.push(id),
            None => self.pending.push(pending),
        }
        Ok(())
    }

    /// Yellow when the due date lies within the warning window after `as_of` (the rulebook's
    /// `warn … before`, else [`DEFAULT_WARN`] working days), green before it.
    fn level(&mut self, as_of: Day, due: Day) -> Result<WarnLevel, OutOfRange> {
        let window = match self.model.warn {
            Some(w) => w,
            None => {
                self.warn_defaulted = true;
                let unit = if self.clock.calendar.is_some() {
                    Unit::Workdays
                } else {
                    Unit::Days
                };
                Dur {
                    amount: DEFAULT_WARN,
                    unit,
                }
            }
        };
        let left = self.clock.between(as_of, due, window.unit)?;
        Ok(if left <= i64::from(window.amount) {
            WarnLevel::Yellow
        } else {
            WarnLevel::Green
        })
    }

    /// The `late` finding of a step an open matter has not done by its deadline: `limit` is
    /// the limit's base length, the day it ran from, and the units taken so far.
    fn overdue(
        &mut self,
        id: StepId,
        step: &Step,
        dl: &Deadline,
        (base, anchor, took): (u32, Day, i64),
        due: &Due,
        holder: Option<u32>,
    ) {
        let unit = dl.limit.unit;
        let origin = self.model.origin_name(dl.anchor);
        let mut d = late_detail(dl, base, &origin, took, due);
        d.holder = holder
            .and_then(|h| self.case.people.get(h as usize))
            .map(|p| p.id.clone());
        let msg = format!(
            "`{}` is not done as of {}, and its deadline of {} ({} {unit} after `{origin}` on {}) has passed",
            step.name,
            date::show(self.as_of),
            date::show(due.deadline),
            due.limit,
            date::show(anchor)
        );
        let other = dl.anchor.step().map(|a| a.step);
        self.push(FindingKind::Late, id, vec![], d, msg, other);
        if let Some(f) = self.findings.last_mut() {
            f.holder = holder;
        }
    }

    /// Legal fictions: a step counts as done on a day when its condition holds.
    fn deem(&mut self, id: StepId, step: &Step) -> Result<(), CaseError> {
        for d in &step.deemed {
            let because = match &d.when {
                DeemedWhen::Findings(kinds, t) => match self.failed(kinds, *t) {
                    Some(f) => format!("{} of `{}`", f.kind, f.step),
                    None => continue,
                },
                DeemedWhen::Cond(c) => {
                    if !self.condition(c, None, "facts")? {
                        continue;
                    }
                    "its condition holds".to_owned()
                }
            };
            let Some((_, day)) = self.anchor(d.at)? else {
                continue;
            };
            match self.deemed_on.iter_mut().find(|(s, _)| *s == id) {
                Some((_, x)) => *x = (*x).min(day),
                None => self.deemed_on.push((id, day)),
            }
            let on = date::show(day);
            self.note(|| format!("`{}` deemed done on {on} ({because})", step.name));
            self.deemed.push(DeemedAct {
                step: Text::from(step.name.as_str()),
                on,
                because,
                cite: step.cite.as_deref().map(Text::from),
            });
        }
        Ok(())
    }

    /// The finding that makes a fiction hold: the step was missing, or every event of it has a
    /// finding of one of the kinds (one notice given in time is enough to stop the fiction).
    fn failed(&self, kinds: &[FindingKind], step: StepId) -> Option<&Finding> {
        let mut found = self
            .findings
            .iter()
            .filter(|f| f.step_id == step && kinds.contains(&f.kind));
        let first = found.clone().next()?;
        let mut hit = vec![false; self.case.events.len()];
        for k in found.clone().flat_map(|f| f.events.iter()) {
            if let Some(h) = hit.get_mut(*k) {
                *h = true;
            }
        }
        let every = self
            .events_of(step)
            .iter()
            .all(|&k| hit.get(k).copied().unwrap_or(false));
        let missing = found.any(|f| f.kind == FindingKind::Missing);
        (missing || every).then_some(first)
    }

    /// `forbidden`: the step happened although it is forbidden (after a step, when written).
    fn forbidden(&mut self, id: StepId, step: &Step, events: &[usize]) -> Result<(), CaseError> {
        let Some(forb) = &step.forbidden else {
            return Ok(());
        };
        if !self.condition(forb, None, "facts")? {
            return Ok(());
        }
        let name = &step.name;
        if step.forbidden_after.is_empty() {
            let msg = format!("`{name}` happened although it is forbidden in this case");
            self.push(
                FindingKind::Forbidden,
                id,
                events.to_vec(),
                Detail::default(),
                msg,
                None,
            );
            return Ok(());
        }
        for &pred in &step.forbidden_after {
            let Some((j, end)) = self.earliest_end(pred) else {
                continue;
            };
            let after: Vec<usize> = events
                .iter()
                .copied()
                .filter(|&i| self.case.events.get(i).is_some_and(|e| e.start >= end))
                .collect();
            if after.is_empty() {
                continue;
            }
            let mut evs = after;
            evs.push(j);
            self.push_against(FindingKind::Forbidden, id, evs, pred, |p| {
                format!("`{name}` happened after `{p}`, which forbids it")
            });
        }
        Ok(())
    }

    /// The event of a step that ended first.
    fn earliest_end(&self, step: StepId) -> Option<(usize, Day)> {
        self.events_of(step)
            .iter()
            .filter_map(|&j| self.case.events.get(j).map(|x| (j, x.end)))
            .min_by_key(|&(j, end)| (end, j))
    }

    fn occurrences(&mut self, id: StepId, step: &Step, events: &[usize]) -> Result<(), CaseError> {
        let first = events
            .iter()
            .filter_map(|&i| self.case.events.get(i).map(|e| e.start))
            .min();
        let name = &step.name;
        let count = events.len() as i64;
        let bound = |l: &Option<Limit<u32>>| -> Result<Option<i64>, CaseError> {
            match l {
                Some(l) if self.applies(&l.applies, first)? => Ok(Some(i64::from(l.value))),
                _ => Ok(None),
            }
        };
        let (min, max) = (bound(&step.min_occurs)?, bound(&step.max_occurs)?);
        let too_many = max.is_some_and(|m| count > m);
        let too_few = min.is_some_and(|m| count < m);
        if too_few && !self.case.closed {
            // An open matter can still reach the minimum.
            self.pending.push(Pending::undated(id, step, None));
        }
        let too_few = too_few && self.case.closed;
        if too_many || too_few {
            let msg = if too_many {
                format!(
                    "`{name}` happened {count} times, at most {} allowed",
                    max.unwrap_or(0)
                )
            } else {
                format!(
                    "`{name}` happened {count} times, at least {} required",
                    min.unwrap_or(0)
                )
            };
            let detail = Detail {
                count: Some(count),
                min,
                max,
                ..Detail::default()
            };
            self.push(
                FindingKind::Occurrence,
                id,
                events.to_vec(),
                detail,
                msg,
                None,
            );
        }
        Ok(())
    }

    fn event(
        &mut self,
        id: StepId,
        step: &Step,
        i: usize,
        preds: &[(StepId, Option<(usize, Day)>)],
    ) -> Result<(), CaseError> {
        let Some(e) = self.case.events.get(i) else {
            return Ok(());
        };
        let name = &step.name;
        // Who acted.
        if !step.by.is_empty() && e.by != UNKNOWN && !self.holds(e.by, &step.by) {
            let actor = self
                .case
                .people
                .get(e.by as usize)
                .map(|p| p.id.clone())
                .unwrap_or_default();
            let roles: Vec<String> = step
                .by
                .iter()
                .map(|r| self.model.role_name(*r).to_owned())
                .collect();
            let msg = format!(
                "`{name}` was performed by `{actor}`, who holds none of its roles ({})",
                roles.join(", ")
            );
            let detail = Detail {
                expected_roles: Some(roles),
                actor: Some(actor),
                ..Detail::default()
            };
            self.push(FindingKind::WrongActor, id, vec![i], detail, msg, None);
        }
        // Order: some event of each predecessor that occurred ended before this one started.
        for &(pred, first) in preds {
            if let Some((j, end)) = first
                && e.start < end
            {
                let start = e.start;
                self.push_against(FindingKind::OutOfOrder, id, vec![i, j], pred, |p| {
                    format!(
                        "`{name}` started on {} before `{p}` ended on {}",
                        date::show(start),
                        date::show(end)
                    )
                });
            }
        }
        // Duration: at least (too short) and at most (late).
        for (limit, minimum) in [(&step.min_duration, true), (&step.max_duration, false)] {
            let Some(l) = limit else { continue };
            if !self.applies(&l.applies, Some(e.start))? {
                continue;
            }
            let took = self
                .clock
                .between(e.start, e.end, l.value.unit)
                .map_err(out_of_range(Some(i), "end"))?;
            let amount = i64::from(l.value.amount);
            if (minimum && took < amount) || (!minimum && took > amount) {
                let mut d = limit_detail(l.value, minimum);
                d.took = Some(took);
                let (kind, bound) = if minimum {
                    (FindingKind::TooShort, format!("at least {amount} required"))
                } else {
                    (FindingKind::Late, format!("at most {amount} allowed"))
                };
                let msg = format!("`{name}` lasted {took} {}, {bound}", l.value.unit);
                self.push(kind, id, vec![i], d, msg, None);
            }
        }
        // Conditions over recorded fields.
        for ens in &step.ensures {
            if !self.applies(&ens.applies, Some(e.start))? {
                continue;
            }
            let holds = value::truth(
                &ens.cond.expr,
                &CaseEnv {
                    case: self.case,
                    event: Some(i),
                    deemed: &self.deemed_on,
                    memo: Some(&self.memo),
                },
            )
            .unwrap_or(false);
            if !holds {
                let what = ens
                    .message
                    .clone()
                    .unwrap_or_else(|| "the step's recorded condition".to_owned());
                let msg = format!("`{name}` does not meet its condition: {what}");
                let detail = Detail {
                    condition: Some(what),
                    ..Detail::default()
                };
                self.push(FindingKind::Quorum, id, vec![i], detail, msg, None);
            }
        }
        Ok(())
    }

    /// Whether a person holds one of the roles.
    fn holds(&self, person: u32, roles: &[RoleId]) -> bool {
        self.case
            .people
            .get(person as usize)
            .is_some_and(|p| p.roles.iter().any(|r| roles.contains(r)))
    }

    /// Minimum gaps: the event may start only once the gap after its anchor has passed; the
    /// anchors of each gap are given, by date (one, or all under `each`).
    fn gaps(
        &mut self,
        id: StepId,
        step: &Step,
        i: usize,
        anchors: &[Vec<Anchor>],
    ) -> Result<(), CaseError> {
        let Some(start) = self.case.events.get(i).map(|e| e.start) else {
            return Ok(());
        };
        for (g, all) in step.gaps.iter().zip(anchors) {
            // Under `each`, the event follows the latest anchor before it.
            let found = all
                .iter()
                .rev()
                .find(|a| a.1 <= start)
                .or(all.first())
                .copied();
            let Some((j, anchor)) = found else {
                continue;
            };
            if !self.applies(&g.applies, Some(anchor))? {
                continue;
            }
            let unit = g.min.unit;
            let gap = self
                .clock
                .between(anchor, start, unit)
                .map_err(out_of_range(Some(i), "start"))?;
            if gap < i64::from(g.min.amount) {
                let earliest = self
                    .clock
                    .earliest(anchor, i64::from(g.min.amount), unit)
                    .map_err(out_of_range(Some(i), "start"))?;
                let mut d = limit_detail(g.min, true);
                d.after = Some(self.model.step_name(g.anchor.step).to_owned());
                d.took = Some(gap);
                d.earliest = Some(date::show(earliest));
                let msg = format!(
                    "`{}` started {gap} {unit} after `{}`, at least {} required (not before {})",
                    step.name,
                    self.model.step_name(g.anchor.step),
                    g.min.amount,
                    date::show(earliest)
                );
                let evs = std::iter::once(i).chain(j).collect();
                self.push(FindingKind::TooSoon, id, evs, d, msg, Some(g.anchor.step));
            }
        }
        Ok(())
    }

    /// Deadlines: each event against its anchor; under `each`, every anchor against the first
    /// event that ends on or after it.
    fn deadlines(&mut self, id: StepId, step: &Step, events: &[usize]) -> Result<(), CaseError> {
        for dl in &step.deadlines {
            let Some(base) = self.base(dl)? else {
                continue;
            };
            let mut pairs: Vec<(usize, Anchor)> = Vec::new();
            if let Origin::Step(at, Pick::Each) = dl.anchor {
                // Each anchor is answered by the event that ended first on or after it.
                let mut ends: Vec<(Day, usize)> = events
                    .iter()
                    .filter_map(|&i| self.case.events.get(i).map(|e| (e.end, i)))
                    .collect();
                ends.sort_unstable();
                for a in self.every_anchor(at) {
                    let answer = ends.get(ends.partition_point(|&(end, _)| end < a.1));
                    pairs.extend(answer.map(|&(_, i)| (i, a)));
                }
            } else if let Some(a) = self.anchor(dl.anchor)? {
                pairs.extend(events.iter().map(|&i| (i, a)));
            }
            for (i, a) in pairs {
                if self.applies(&dl.applies, Some(a.1))? {
                    self.deadline(id, step, dl, base, i, a)?;
                }
            }
        }
        Ok(())
    }

    /// A limit's length: the rulebook's, or the one the case sets (a service commitment), which
    /// applies only when it is given.
    fn base(&self, dl: &Deadline) -> Result<Option<u32>, CaseError> {
        let Some(f) = dl.limit_fact else {
            return Ok(Some(dl.limit.amount));
        };
        self.optional_fact(f, "limit-sets", |v| match v {
            Val::Int(n) => Some(u32::try_from(*n).unwrap_or(0)),
            _ => None,
        })
    }

    fn deadline(
        &mut self,
        id: StepId,
        step: &Step,
        dl: &Deadline,
        base: u32,
        i: usize,
        (j, anchor): Anchor,
    ) -> Result<(), CaseError> {
        let Some((start, end)) = self.case.events.get(i).map(|e| (e.start, e.end)) else {
            return Ok(());
        };
        // A count that leaves the calendar is blamed on what caused it: the date fact the limit
        // runs from when that date is itself outside, else the event's end (its start when it
        // gives no end).
        let field = if end == start { "start" } else { "end" };
        let fact_outside = match dl.anchor {
            Origin::Fact(f) if self.clock.between(anchor, anchor, Unit::Workdays).is_err() => {
                Some(super::case::fact_name(self.model, f).to_owned())
            }
            _ => None,
        };
        let blame = |e: OutOfRange| match &fact_outside {
            Some(name) => CaseError::keyed(
                Code::DateOutsideCalendar,
                format!("facts.{name}"),
                msg!(
                    "outside-calendar-from",
                    name = name,
                    from = date::show(anchor),
                    day = date::show(e.day)
                ),
                None,
            ),
            None => out_of_range(Some(i), field)(e),
        };
        let unit = dl.limit.unit;
        let due = self.due(dl, base, anchor, end, &blame)?;
        let (limit, deadline) = (due.limit, due.deadline);
        let took = self.clock.between(due.from, end, unit).map_err(blame)? - due.extra;
        let name = &step.name;
        let origin = self.model.origin_name(dl.anchor);
        self.note(|| {
            format!(
                "deadline of `{name}`: {limit} {unit} after {origin} ({}) → by {}; took {took}",
                date::show(anchor),
                date::show(deadline)
            )
        });
        if end <= deadline {
            return Ok(());
        }
        let d = late_detail(dl, base, &origin, took, &due);
        let within = if dl.fixed {
            format!("the day `{origin}` sets")
        } else {
            format!("{limit} {unit}")
        };
        let msg = format!(
            "`{name}` ended on {}, after its deadline of {} ({within})",
            date::show(end),
            date::show(deadline)
        );
        let evs = std::iter::once(i).chain(j).collect();
        let other = dl.anchor.step().map(|a| a.step);
        self.push(FindingKind::Late, id, evs, d, msg, other);
        Ok(())
    }

    /// When a limit of `base` units from `anchor` runs out, counting stop-the-clock steps and
    /// extensions up to `upto` (the act's end, or the as-of date of an open matter).
    fn due(
        &mut self,
        dl: &Deadline,
        base: u32,
        anchor: Day,
        upto: Day,
        blame: &dyn Fn(OutOfRange) -> CaseError,
    ) -> Result<Due, CaseError> {
        let unit = dl.limit.unit;
        let mut stops: Vec<(Day, Day)> = dl
            .excluding
            .iter()
            .flat_map(|s| self.events_of(*s))
            .filter_map(|&k| self.case.events.get(k).map(|x| (x.start, x.end)))
            .collect();
        let stopped = self
            .clock
            .covered(anchor, upto, &mut stops, unit)
            .map_err(blame)?;
        // Days and working days add the stopped time to the limit; months and years start later.
        let by_day = matches!(unit, Unit::Days | Unit::Workdays);
        let (from, extra) = if by_day {
            (anchor, stopped)
        } else {
            (
                anchor.saturating_add(i32::try_from(stopped).unwrap_or(0)),
                0,
            )
        };
        let extended = match dl.extension {
            Some((d, by)) => {
                let original = self
                    .clock
                    .deadline(from, i64::from(base) + extra, unit)
                    .map_err(blame)?;
                self.extension(d, by, original)?
            }
            None => 0,
        };
        let limit = i64::from(base) + extended;
        let deadline = if dl.fixed {
            anchor
        } else {
            self.clock
                .due(from, limit + extra, unit, upto)
                .map_err(blame)?
        };
        Ok(Due {
            from,
            extra,
            stopped,
            extended,
            limit,
            deadline,
        })
    }

    /// An extension counts only when a holder of its step's role granted it before the limit it
    /// extends ran out (行政许可法 Art. 42); one granted later is itself reported `late`.
    fn extension(&mut self, d: Dur, by: StepId, original: Day) -> Result<i64, CaseError> {
        let roles = self
            .model
            .step(by)
            .map(|s| s.by.clone())
            .unwrap_or_default();
        let grants = self.events_of(by);
        let mut valid = false;
        for &k in grants {
            let Some(x) = self.case.events.get(k) else {
                continue;
            };
            // An unrecorded actor cannot be shown to lack the role.
            let allowed = roles.is_empty() || x.by == UNKNOWN || self.holds(x.by, &roles);
            if allowed && x.end <= original {
                valid = true;
            } else if allowed && x.end > original {
                let dup = self
                    .findings
                    .iter()
                    .any(|f| f.step_id == by && f.kind == FindingKind::Late && f.events == [k]);
                if !dup {
                    let msg = format!(
                        "`{}` was granted on {}, after the limit it extends had run out on {}",
                        self.model.step_name(by),
                        date::show(x.end),
                        date::show(original)
                    );
                    let detail = Detail {
                        deadline: Some(date::show(original)),
                        ..Detail::default()
                    };
                    self.push(FindingKind::Late, by, vec![k], detail, msg, None);
                }
            }
        }
        Ok(if valid { i64::from(d.amount) } else { 0 })
    }

    fn separations(&mut self) {
        let (model, case): (&'a Model, &'a Case) = (self.model, self.case);
        // The (event, person) acts in a role: a step of that role done by one who holds it.
        let acts = |role: RoleId| {
            case.events
                .iter()
                .enumerate()
                .filter(move |(_, e)| {
                    model.step(e.step).is_some_and(|s| s.by.contains(&role))
                        && case
                            .people
                            .get(e.by as usize)
                            .is_some_and(|p| p.roles.contains(&role))
                })
                .map(|(i, e)| (i, e.by))
        };
        for sep in &model.separations {
            // Each person's first two acts in the second role, so the search stays linear.
            let mut firsts: Vec<[Option<usize>; 2]> = vec![[None; 2]; case.people.len()];
            for (j, q) in acts(sep.b) {
                if let Some(slot) = firsts.get_mut(q as usize) {
                    match slot {
                        [None, _] => slot[0] = Some(j),
                        [Some(_), None] => slot[1] = Some(j),
                        _ => {}
                    }
                }
            }
            for (i, p) in acts(sep.a) {
                let two = firsts.get(p as usize).copied().unwrap_or([None; 2]);
                let Some(j) = two.into_iter().flatten().find(|&j| j != i) else {
                    continue;
                };
                let (first, second) = (i.min(j), i.max(j));
                let Some(step) = case.events.get(second).map(|e| e.step) else {
                    continue;
                };
                let person = case
                    .people
                    .get(p as usize)
                    .map(|x| x.id.clone())
                    .unwrap_or_default();
                let (a, b) = (model.role_name(sep.a), model.role_name(sep.b));
                let msg = format!(
                    "`{person}` acted both as `{a}` and as `{b}`, which must be kept apart"
                );
                let roles = vec![a.to_owned(), b.to_owned()];
                self.push(
                    FindingKind::Separation,
                    step,
                    vec![first, second],
                    Detail {
                        actor: Some(person),
                        roles: Some(roles),
                        ..Detail::default()
                    },
                    msg,
                    None,
                );
                break;
            }
        }
    }
}

/// The measurements of a limit that ran out: its length (`base` units), what it ran from, what
/// was taken, stopped and extended, and the last day.
fn late_detail(dl: &Deadline, base: u32, origin: &str, took: i64, due: &Due) -> Detail {
    let mut d = if dl.fixed {
        Detail::default()
    } else {
        limit_detail(
            Dur {
                amount: base,
                unit: dl.limit.unit,
            },
            false,
        )
    };
    d.after = Some(origin.to_owned());
    d.took = (!dl.fixed).then_some(took);
    d.stopped = (due.stopped > 0).then_some(due.stopped);
    d.extended = (due.extended > 0).then_some(due.extended);
    d.deadline = Some(date::show(due.deadline));
    d
}

fn limit_detail(d: Dur, minimum: bool) -> Detail {
    let n = Some(i64::from(d.amount));
    match (d.unit, minimum) {
        (Unit::Days, false) => Detail {
            limit_days: n,
            ..Detail::default()
        },
        (Unit::Workdays, false) => Detail {
            limit_workdays: n,
            ..Detail::default()
        },
        (Unit::Days, true) => Detail {
            min_days: n,
            ..Detail::default()
        },
        (Unit::Workdays, true) => Detail {
            min_workdays: n,
            ..Detail::default()
        },
        (Unit::Months | Unit::Years, false) => Detail {
            limit_months: Some(months(d)),
            ..Detail::default()
        },
        (Unit::Months | Unit::Years, true) => Detail {
            min_months: Some(months(d)),
            ..Detail::default()
        },
    }
}

fn months(d: Dur) -> i64 {
    let n = i64::from(d.amount);
    if d.unit == Unit::Years { n * 12 } else { n }
}
