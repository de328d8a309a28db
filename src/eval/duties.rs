//! Triggered duties → findings. Every duty of the case's procedure is evaluated against the
//! events; each broken one becomes a finding citing its article.

use std::collections::BTreeMap;

use serde::Serialize;

use super::case::{Case, CaseError, FieldVal};
use super::clock::Clock;
use crate::compile::calendar::OutOfRange;
use crate::compile::model::{At, Dur, FactId, Model, RoleId, Step, StepId, Val};
use crate::compile::value::{self, Env};
use crate::date::{self, Day};
use crate::diag::Code;
use crate::parse::ast::Point;
use crate::vocab::{FindingKind, Unit};

/// Measurements behind a finding, in the limit's unit. Absent fields are left out.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
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
    pub deadline: Option<String>,
    /// The first allowed day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
    /// The roles that may perform the step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_roles: Option<Vec<String>>,
    /// The person who acted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
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
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// What kind of duty was broken.
    pub kind: FindingKind,
    /// The step.
    pub step: String,
    /// The legal article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
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
}

/// Facts as an environment for conditions (recorded fields of one event when given).
pub struct CaseEnv<'a> {
    /// The case.
    pub case: &'a Case,
    /// The event whose fields are visible.
    pub event: Option<usize>,
}

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
    fn count(&self, index: u32) -> Option<i64> {
        match self.event_field(index)? {
            FieldVal::Persons(p) => i64::try_from(p.len()).ok(),
            FieldVal::Person(_) => Some(1),
            FieldVal::Val(_) => None,
        }
    }
    fn holders(&self, role: RoleId) -> i64 {
        self.case
            .people
            .iter()
            .filter(|p| p.roles.contains(&role))
            .count() as i64
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
        Val::Date(d) => date::show(*d).into(),
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

/// Evaluates one case's duties.
pub struct Duties<'a> {
    model: &'a Model,
    case: &'a Case,
    clock: Clock<'a>,
    /// Facts each step's requirement reads, by step index.
    because_facts: &'a [Vec<FactId>],
    /// The case's events as (step, index), sorted: each step's events are one run of it.
    by_step: Vec<(StepId, usize)>,
    /// Findings so far.
    pub findings: Vec<Finding>,
    /// The evaluation trace, when asked for.
    pub trace: Option<Vec<String>>,
}

fn out_of_range(event: usize, field: &'static str) -> impl Fn(OutOfRange) -> CaseError {
    move |e| CaseError {
        code: Code::DateOutsideCalendar,
        message: format!(
            "counting reaches {}, outside the years the calendar covers",
            date::show(e.day)
        ),
        path: format!("events[{event}].{field}"),
    }
}

impl<'a> Duties<'a> {
    /// Prepares the evaluation of `case`.
    pub fn new(
        model: &'a Model,
        case: &'a Case,
        because_facts: &'a [Vec<FactId>],
        explain: bool,
    ) -> Duties<'a> {
        let calendar = model
            .procedures
            .get(case.procedure.index())
            .and_then(|p| p.calendar)
            .and_then(|c| model.calendars.get(c.index()));
        let mut by_step: Vec<(StepId, usize)> = case
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.step, i))
            .collect();
        by_step.sort_unstable();
        Duties {
            model,
            case,
            clock: Clock { calendar },
            because_facts,
            by_step,
            findings: Vec::new(),
            trace: explain.then(Vec::new),
        }
    }

    fn note(&mut self, line: impl FnOnce() -> String) {
        if let Some(t) = &mut self.trace {
            t.push(line());
        }
    }

    /// The indexes of a step's events, in input order.
    fn events_of(&self, step: StepId) -> impl Iterator<Item = usize> + '_ {
        let from = self.by_step.partition_point(|&(s, _)| s < step);
        let to = self.by_step.partition_point(|&(s, _)| s <= step);
        self.by_step
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .map(|&(_, i)| i)
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
        let step = self.model.step(id);
        let finding = Finding {
            kind,
            step: self.model.step_name(id).to_owned(),
            cite: step.and_then(|s| s.cite.clone()),
            because: self.because(id),
            events,
            detail,
            message,
            step_id: id,
            other,
        };
        self.note(|| {
            format!(
                "finding: {} of `{}` — {}",
                finding.kind, finding.step, finding.message
            )
        });
        self.findings.push(finding);
    }

    /// Evaluates every duty of the procedure, step by step in declaration order.
    pub fn run(&mut self) -> Result<(), CaseError> {
        let steps = self
            .model
            .procedures
            .get(self.case.procedure.index())
            .map(|p| p.steps.clone())
            .unwrap_or_default();
        for id in steps {
            let Some(step) = self.model.step(id) else {
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
            },
        )
        .map_err(|u| match u {
            value::Undefined::Fact(f) => CaseError {
                code: Code::WrongCaseType,
                message: format!(
                    "missing fact `{}`, which a condition of this rulebook needs",
                    super::case::fact_name(self.model, f)
                ),
                path: format!("facts.{}", super::case::fact_name(self.model, f)),
            },
            value::Undefined::Field(_) | value::Undefined::Overflow => CaseError {
                code: Code::WrongCaseType,
                message: "a condition could not be evaluated".to_owned(),
                path: path.to_owned(),
            },
        })
    }

    fn step(&mut self, id: StepId, step: &Step) -> Result<(), CaseError> {
        let events: Vec<usize> = self.events_of(id).collect();
        let name = &step.name;
        if let Some(req) = &step.required {
            let required = self.condition(req, None, "facts")?;
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
            if required && events.is_empty() {
                self.push(
                    FindingKind::Missing,
                    id,
                    vec![],
                    Detail::default(),
                    format!("`{name}` is required but did not happen"),
                    None,
                );
                return Ok(());
            }
        }
        if events.is_empty() {
            return Ok(());
        }
        if let Some(forb) = &step.forbidden
            && self.condition(forb, None, "facts")?
        {
            self.push(
                FindingKind::Forbidden,
                id,
                events.clone(),
                Detail::default(),
                format!("`{name}` happened although it is forbidden in this case"),
                None,
            );
        }
        for &i in &events {
            self.event(id, step, i)?;
        }
        let count = events.len() as i64;
        let too_many = step.max_occurs.is_some_and(|m| count > i64::from(m.value));
        let too_few = step.min_occurs.is_some_and(|m| count < i64::from(m.value));
        if too_many || too_few {
            let detail = Detail {
                count: Some(count),
                min: step.min_occurs.map(|m| i64::from(m.value)),
                max: step.max_occurs.map(|m| i64::from(m.value)),
                ..Detail::default()
            };
            let msg = if too_many {
                format!(
                    "`{name}` happened {count} times, at most {} allowed",
                    step.max_occurs.map_or(0, |m| m.value)
                )
            } else {
                format!(
                    "`{name}` happened {count} times, at least {} required",
                    step.min_occurs.map_or(0, |m| m.value)
                )
            };
            self.push(FindingKind::Occurrence, id, events, detail, msg, None);
        }
        Ok(())
    }

    fn event(&mut self, id: StepId, step: &Step, i: usize) -> Result<(), CaseError> {
        let Some(e) = self.case.events.get(i) else {
            return Ok(());
        };
        let name = &step.name;
        // Who acted.
        if !step.by.is_empty() {
            let holds = self
                .case
                .people
                .get(e.by as usize)
                .is_some_and(|p| p.roles.iter().any(|r| step.by.contains(r)));
            if !holds {
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
                self.push(
                    FindingKind::WrongActor,
                    id,
                    vec![i],
                    Detail {
                        expected_roles: Some(roles),
                        actor: Some(actor),
                        ..Detail::default()
                    },
                    msg,
                    None,
                );
            }
        }
        // Order.
        for &(pred, _) in &step.after {
            let latest = self
                .events_of(pred)
                .filter_map(|j| self.case.events.get(j).map(|x| (j, x.end)))
                .max_by_key(|&(_, end)| end);
            if let Some((j, end)) = latest
                && e.start < end
            {
                let pname = self.model.step_name(pred).to_owned();
                let msg = format!(
                    "`{name}` started on {} before `{pname}` ended on {}",
                    date::show(e.start),
                    date::show(end)
                );
                self.push(
                    FindingKind::OutOfOrder,
                    id,
                    vec![i, j],
                    Detail {
                        after: Some(pname),
                        ..Detail::default()
                    },
                    msg,
                    Some(pred),
                );
            }
        }
        // Duration: at least (too short) and at most (late).
        for (limit, minimum) in [(step.min_duration, true), (step.max_duration, false)] {
            let Some(l) = limit else { continue };
            let took = self
                .clock
                .between(e.start, e.end, l.value.unit)
                .map_err(out_of_range(i, "end"))?;
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
        // Deadlines.
        for dl in &step.deadlines {
            let Some((j, anchor)) = self.anchor(dl.anchor) else {
                continue;
            };
            // A limit the case sets (a service commitment) applies only when it is given.
            let base = match dl.limit_fact {
                None => dl.limit.amount,
                Some(f) => match self.case.facts.get(f.index()) {
                    Some(Some(Val::Int(n))) => u32::try_from(*n).unwrap_or(0),
                    _ => continue,
                },
            };
            let unit = dl.limit.unit;
            let mut stops: Vec<(Day, Day)> = dl
                .excluding
                .iter()
                .flat_map(|s| self.events_of(*s))
                .filter_map(|k| self.case.events.get(k).map(|x| (x.start, x.end)))
                .collect();
            let stopped = self
                .clock
                .covered(anchor, e.end, &mut stops, unit)
                .map_err(out_of_range(i, "end"))?;
            let extended = dl
                .extension
                .filter(|(_, by)| self.events_of(*by).next().is_some())
                .map_or(0, |(d, _)| i64::from(d.amount));
            let limit = i64::from(base) + extended;
            let deadline = self
                .clock
                .deadline(anchor, limit + stopped, unit)
                .map_err(out_of_range(i, "end"))?;
            let took = self
                .clock
                .between(anchor, e.end, unit)
                .map_err(out_of_range(i, "end"))?
                - stopped;
            self.note(|| {
                let over = if took > limit {
                    format!(", {} {unit} over", took - limit)
                } else {
                    String::new()
                };
                format!(
                    "deadline of `{name}`: {limit} {unit} after {} → by {}; took {took}{over}",
                    date::show(anchor),
                    date::show(deadline)
                )
            });
            if e.end > deadline {
                let mut d = limit_detail(Dur { amount: base, unit }, false);
                d.after = Some(self.model.step_name(dl.anchor.step).to_owned());
                d.took = Some(took);
                d.stopped = (stopped > 0).then_some(stopped);
                d.extended = (extended > 0).then_some(extended);
                d.deadline = Some(date::show(deadline));
                let msg = format!(
                    "`{name}` ended on {}, after its deadline of {} ({limit} {unit})",
                    date::show(e.end),
                    date::show(deadline)
                );
                self.push(
                    FindingKind::Late,
                    id,
                    vec![i, j],
                    d,
                    msg,
                    Some(dl.anchor.step),
                );
            }
        }
        // Minimum gaps.
        for g in &step.gaps {
            let Some((j, anchor)) = self.anchor(g.anchor) else {
                continue;
            };
            let unit = g.min.unit;
            let gap = self
                .clock
                .between(anchor, e.start, unit)
                .map_err(out_of_range(i, "start"))?;
            if gap < i64::from(g.min.amount) {
                let earliest = self
                    .clock
                    .earliest(anchor, i64::from(g.min.amount), unit)
                    .map_err(out_of_range(i, "start"))?;
                let mut d = limit_detail(g.min, true);
                d.after = Some(self.model.step_name(g.anchor.step).to_owned());
                d.took = Some(gap);
                d.earliest = Some(date::show(earliest));
                let msg = format!(
                    "`{name}` started {gap} {unit} after `{}`, at least {} required (not before {})",
                    self.model.step_name(g.anchor.step),
                    g.min.amount,
                    date::show(earliest)
                );
                self.push(
                    FindingKind::TooSoon,
                    id,
                    vec![i, j],
                    d,
                    msg,
                    Some(g.anchor.step),
                );
            }
        }
        // Conditions over recorded fields.
        for ens in &step.ensures {
            let holds = value::truth(
                &ens.cond.expr,
                &CaseEnv {
                    case: self.case,
                    event: Some(i),
                },
            )
            .unwrap_or(false);
            if !holds {
                let what = ens
                    .message
                    .clone()
                    .unwrap_or_else(|| "the step's recorded condition".to_owned());
                let msg = format!("`{name}` does not meet its condition: {what}");
                self.push(
                    FindingKind::Quorum,
                    id,
                    vec![i],
                    Detail {
                        condition: Some(what),
                        ..Detail::default()
                    },
                    msg,
                    None,
                );
            }
        }
        Ok(())
    }

    /// The first event of the anchor step and the day the anchor names.
    fn anchor(&self, at: At) -> Option<(usize, Day)> {
        let j = self.events_of(at.step).next()?;
        let e = self.case.events.get(j)?;
        Some((
            j,
            if at.point == Point::Start {
                e.start
            } else {
                e.end
            },
        ))
    }

    fn separations(&mut self) {
        for sep in &self.model.separations {
            let acts = |role: RoleId| -> Vec<(usize, u32)> {
                self.case
                    .events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        self.model
                            .step(e.step)
                            .is_some_and(|s| s.by.contains(&role))
                            && self
                                .case
                                .people
                                .get(e.by as usize)
                                .is_some_and(|p| p.roles.contains(&role))
                    })
                    .map(|(i, e)| (i, e.by))
                    .collect()
            };
            let (a, b) = (acts(sep.a), acts(sep.b));
            for &(i, p) in &a {
                let Some(&(j, _)) = b.iter().find(|(j, q)| *q == p && *j != i) else {
                    continue;
                };
                let (first, second) = (i.min(j), i.max(j));
                let Some(step) = self.case.events.get(second).map(|e| e.step) else {
                    continue;
                };
                let person = self
                    .case
                    .people
                    .get(p as usize)
                    .map(|x| x.id.clone())
                    .unwrap_or_default();
                let (a, b) = (self.model.role_name(sep.a), self.model.role_name(sep.b));
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
    }
}
