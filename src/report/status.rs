//! Where a matter stands (电子监察): every duty of its procedure, in procedure order, with its
//! state, its warning level and, once violated, who answers — read off the one evaluator's
//! verdict, so a closed matter's status is its verdict.

use std::fmt::Write;

use serde::Serialize;

use crate::compile::model::Model;
use crate::eval::duties::WarnLevel;
use crate::eval::verdict::{Record, Verdict};

/// Where a duty stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Done (or deemed done) without a finding.
    Done,
    /// A finding: overdue, missing, out of order, by the wrong person…
    Violated,
    /// Not done yet and not yet due.
    Pending,
    /// Required, but what its limit runs from has not happened.
    NotTriggered,
    /// Not required, and not done.
    NotApplicable,
}

/// The traffic light of a duty: green and yellow while pending, red once violated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    /// Pending, before its warning window.
    Green,
    /// Pending, inside its warning window.
    Yellow,
    /// Violated.
    Red,
}

/// One duty of a matter.
#[derive(Debug, Clone, Serialize)]
pub struct Duty {
    /// The step.
    pub step: String,
    /// Where it stands.
    pub state: State,
    /// Its light, when pending or violated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Light>,
    /// Its due date, when pending with a limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Working days left (calendar days without a calendar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<i64>,
    /// The verdict's findings about it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<usize>,
    /// Who answers for them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub liable: Vec<String>,
}

/// A matter's status.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Case id.
    pub case: String,
    /// Whether the matter is closed.
    pub closed: bool,
    /// The day it is judged as of.
    pub as_of: String,
    /// True while no duty is violated.
    pub compliant: bool,
    /// Every duty of its procedure, in procedure order.
    pub duties: Vec<Duty>,
}

/// The status of a judged matter.
pub fn of(v: &Verdict, model: &Model) -> Status {
    let steps = model
        .procedure_named(&v.procedure)
        .and_then(|p| model.procedures.get(p.index()))
        .map(|p| p.steps.as_slice())
        .unwrap_or_default();
    let duties = steps.iter().map(|&s| duty(v, model.step_name(s))).collect();
    Status {
        case: v.case.clone(),
        closed: v.closed,
        as_of: v.provenance.as_of.clone(),
        compliant: v.compliant,
        duties,
    }
}

fn duty(v: &Verdict, step: &str) -> Duty {
    let d = &v.duties;
    let has = |list: &[String]| list.iter().any(|s| s == step);
    let findings: Vec<usize> = v
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.step == step)
        .map(|(i, _)| i)
        .collect();
    let mut liable: Vec<String> = Vec::new();
    for l in v.liability.iter().filter(|l| l.exempt.is_none()) {
        if l.findings.iter().any(|f| findings.contains(f)) && !liable.contains(&l.person) {
            liable.push(l.person.clone());
        }
    }
    let pending = d.pending.iter().find(|p| p.step == step);
    let state = if has(&d.violated) {
        State::Violated
    } else if pending.is_some() {
        State::Pending
    } else if has(&d.done) {
        State::Done
    } else if has(&d.not_triggered) {
        State::NotTriggered
    } else {
        State::NotApplicable
    };
    let level = match (state, pending.and_then(|p| p.level)) {
        (State::Violated, _) => Some(Light::Red),
        (_, Some(WarnLevel::Yellow)) => Some(Light::Yellow),
        (_, Some(WarnLevel::Green)) => Some(Light::Green),
        _ => None,
    };
    Duty {
        step: step.to_owned(),
        state,
        level,
        due: pending.and_then(|p| p.due.clone()),
        left: pending.and_then(|p| p.workdays_left.or(p.days_left)),
        findings,
        liable,
    }
}

/// A record's status as JSON (an error record stays as it is).
pub fn json(record: &Record, model: &Model, pretty: bool) -> String {
    let text = match record {
        Record::Verdict(v) if pretty => serde_json::to_string_pretty(&of(v, model)),
        Record::Verdict(v) => serde_json::to_string(&of(v, model)),
        Record::Error(_) if pretty => serde_json::to_string_pretty(record),
        Record::Error(_) => serde_json::to_string(record),
    };
    text.unwrap_or_default()
}

/// A record's status as a table for people (an error record as `eval` shows it).
pub fn human(record: &Record, model: &Model, color: bool) -> String {
    let Record::Verdict(v) = record else {
        return super::verdict::human(record, color);
    };
    let s = of(v, model);
    let mut out = String::new();
    let state = if s.closed { "closed" } else { "open" };
    let _ = writeln!(out, "case {} · {state}, as of {}", s.case, s.as_of);
    let _ = writeln!(
        out,
        "  {:<24} {:<15} {:<7} {:<11} {:>5}  liable",
        "step", "state", "level", "due", "left"
    );
    for d in &s.duties {
        let level = d.level.map_or(String::new(), |l| {
            serde_json::to_value(l)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        });
        let state = serde_json::to_value(d.state)
            .ok()
            .and_then(|v| v.as_str().map(|x| x.replace('_', " ")))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<24} {:<15} {:<7} {:<11} {:>5}  {}",
            d.step,
            state,
            level,
            d.due.as_deref().unwrap_or(""),
            d.left.map_or(String::new(), |n| n.to_string()),
            d.liable.join(", ")
        );
    }
    super::text::visible(&out).into_owned()
}
