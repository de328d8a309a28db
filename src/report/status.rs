//! Where a matter stands (电子监察): every duty of its procedure, in procedure order, with its
//! state, its warning level and, once violated, who answers — read off the one evaluator's
//! verdict, so a closed matter's status is its verdict.

use std::fmt::Write;

use serde::Serialize;

use crate::compile::model::Model;
use crate::diag::Lang;
use crate::eval::case::Text;
use crate::eval::duties::WarnLevel;
use crate::eval::verdict::{Record, Verdict};
use crate::msg;

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

/// The traffic light of a duty: green and yellow while pending, red once violated (ordered by
/// urgency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    /// Pending, before its warning window.
    Green,
    /// Pending, inside its warning window.
    Yellow,
    /// Violated.
    Red,
}

impl State {
    /// The state as written (`not_triggered`).
    pub fn as_str(self) -> &'static str {
        match self {
            State::Done => "done",
            State::Violated => "violated",
            State::Pending => "pending",
            State::NotTriggered => "not_triggered",
            State::NotApplicable => "not_applicable",
        }
    }
}

impl Light {
    /// The light as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }
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

impl Status {
    /// The most urgent light of its duties (None: nothing pending with a date or violated).
    pub fn worst(&self) -> Option<Light> {
        self.duties.iter().filter_map(|d| d.level).max()
    }

    /// The fewest days left of its pending duties (i64::MAX when none has a due date).
    pub fn left(&self) -> i64 {
        self.duties
            .iter()
            .filter(|d| d.state == State::Pending)
            .filter_map(|d| d.left)
            .min()
            .unwrap_or(i64::MAX)
    }

    /// The order of urgency: the worst light first, then the fewest days left.
    pub fn urgency(&self) -> (std::cmp::Reverse<Option<Light>>, i64) {
        (std::cmp::Reverse(self.worst()), self.left())
    }
}

/// A matter's status.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Case id.
    pub case: String,
    /// The procedure it follows.
    pub procedure: String,
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
        case: v.case.to_string(),
        procedure: v.procedure.to_string(),
        closed: v.closed,
        as_of: v.provenance.as_of.to_string(),
        compliant: v.compliant,
        duties,
    }
}

fn duty(v: &Verdict, step: &str) -> Duty {
    let d = &v.duties;
    let has = |list: &[Text]| list.iter().any(|s| s == step);
    let findings: Vec<usize> = v
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.step == step)
        .map(|(i, _)| i)
        .collect();
    // Linear in the liability's (person, finding) pairs, however many findings the step has.
    let of_step = |&f: &usize| v.findings.get(f).is_some_and(|x| x.step == step);
    let liable = v.liable(|l| l.findings.iter().any(of_step));
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
        due: pending.and_then(|p| p.due.as_deref().map(str::to_owned)),
        left: pending.and_then(|p| p.workdays_left.or(p.days_left)),
        findings,
        liable: liable.into_iter().map(str::to_owned).collect(),
    }
}

/// A record's status as JSON (an error record stays as it is).
pub fn json(record: &Record, model: &Model, pretty: bool) -> String {
    match record {
        Record::Verdict(v) => json_text(&of(v, model), pretty),
        Record::Error(_) => json_text(record, pretty),
    }
}

/// A value as pretty JSON, or as one compact line.
fn json_text(value: &impl serde::Serialize, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(value).unwrap_or_default()
    } else {
        super::compact::to_line(value).unwrap_or_default()
    }
}

/// A record's status as a table for people, in a language (an error record as `eval` shows
/// it).
pub fn human(record: &Record, model: &Model, color: bool, lang: Lang) -> String {
    let Record::Verdict(v) = record else {
        return super::verdict::human(record, color, lang);
    };
    let s = of(v, model);
    let t = |m: crate::diag::Msg| m.text(lang);
    let mut out = String::new();
    let state = if s.closed { "closed" } else { "open" };
    let _ = writeln!(
        out,
        "{}",
        t(msg!(
            "s-case",
            case = s.case,
            state = state,
            as_of = s.as_of
        ))
    );
    let header = [
        pad(&t(msg!("s-col-step")), 24),
        pad(&t(msg!("s-col-state")), 15),
        pad(&t(msg!("s-col-level")), 7),
        pad(&t(msg!("s-col-due")), 11),
    ];
    let _ = writeln!(
        out,
        "  {} {} {} {} {:>5}  {}",
        header[0],
        header[1],
        header[2],
        header[3],
        t(msg!("s-col-left")),
        t(msg!("s-col-liable"))
    );
    for d in &s.duties {
        let level = d
            .level
            .map_or(String::new(), |l| t(msg!("s-level", level = l.as_str())));
        let state = t(msg!("s-state", state = d.state.as_str()));
        let _ = writeln!(
            out,
            "  {} {} {} {} {:>5}  {}",
            pad(&d.step, 24),
            pad(&state, 15),
            pad(&level, 7),
            pad(d.due.as_deref().unwrap_or(""), 11),
            d.left.map_or(String::new(), |n| n.to_string()),
            d.liable.join(", ")
        );
    }
    super::text::visible(&out).into_owned()
}

/// Text padded with spaces to `width` terminal columns (a Chinese character takes two).
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = text.to_owned();
    out.push_str(&" ".repeat(width.saturating_sub(text.width())));
    out
}
