//! The rulebook as petgraph graphs: precedence between steps, and the simple temporal network
//! whose nodes are steps' starts and ends and whose edges are difference constraints.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::compile::calendar::Calendar;
use crate::compile::model::{Applies, At, CalId, Dur, Model, StepId};
use crate::diag::Msg;
use crate::msg;
use crate::parse::ast::Point;
use crate::source::Span;
use crate::vocab::Unit;

/// Steps as nodes; an edge `a → b` for each `b after a`, weighted with where it was written.
pub fn precedence(model: &Model) -> DiGraph<StepId, Span> {
    let mut g = DiGraph::with_capacity(model.steps.len(), model.steps.len());
    for i in 0..model.steps.len() {
        g.add_node(StepId::of(i));
    }
    for (i, step) in model.steps.iter().enumerate() {
        for &(pred, span) in &step.after {
            g.add_edge(NodeIndex::new(pred.index()), NodeIndex::new(i), span);
        }
    }
    g
}

/// One difference constraint `to - from <= days`, with the clause it comes from.
#[derive(Clone, Debug)]
pub struct Constraint {
    /// The most days allowed from the edge's source to its target.
    pub days: f64,
    /// The clause.
    pub span: Span,
    /// What it says, for the diagnostic.
    pub text: Msg,
}

/// The simple temporal network: node 0 is an origin linked to every other node (so every
/// negative cycle is reachable), then each step's end and start, last step first.
pub struct Network {
    /// The graph; edge weights are days, edge `i` is described by `constraints[i]`.
    pub graph: DiGraph<At, f64>,
    /// What each edge says, by edge index.
    pub constraints: Vec<Constraint>,
    /// The origin node.
    pub origin: NodeIndex,
}

/// Node of a step's start or end among `n` steps. Most constraints point from a later step back
/// to an earlier one (precedence, gaps, durations), so numbering the last step first lets one
/// Bellman–Ford pass, which visits nodes in index order, carry them along a whole chain.
fn node(n: usize, at: At) -> NodeIndex {
    let rank = n.saturating_sub(at.step.index() + 1);
    NodeIndex::new(1 + rank * 2 + usize::from(at.point == Point::Start))
}

/// The unit a temporal network counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    /// Calendar days.
    Days,
    /// Working days of one calendar: constraints in that unit are compared exactly.
    Workdays(CalId),
}

/// The calendars some step counts working days in.
pub fn workday_spaces(model: &Model) -> Vec<Space> {
    let mut out: Vec<Space> = Vec::new();
    for p in &model.procedures {
        if let Some(c) = p.calendar
            && !out.contains(&Space::Workdays(c))
        {
            out.push(Space::Workdays(c));
        }
    }
    out
}

/// Builds the temporal network in one space. A duration in another unit becomes the space's unit
/// by the calendar's own extremes: a minimum uses the fewest units it can span, a maximum the
/// most, so a negative cycle means that no dates at all can meet the constraints. Clauses with an
/// exception or a time of force hold only in some cases and are left out.
pub fn network(model: &Model, space: Space) -> Network {
    let n = model.steps.len();
    let mut graph = DiGraph::with_capacity(2 * n + 1, 6 * n);
    let origin = graph.add_node(At {
        step: StepId(u32::MAX),
        point: Point::Start,
    });
    for i in (0..n).rev() {
        let step = StepId::of(i);
        graph.add_node(At {
            step,
            point: Point::End,
        });
        graph.add_node(At {
            step,
            point: Point::Start,
        });
    }
    let mut constraints = Vec::with_capacity(6 * n);
    let mut spans = Spans {
        model,
        space,
        cache: HashMap::new(),
    };
    for (i, step) in model.steps.iter().enumerate() {
        let id = StepId::of(i);
        if !spans.counts(id) {
            continue;
        }
        let start = At {
            step: id,
            point: Point::Start,
        };
        let end = At {
            step: id,
            point: Point::End,
        };
        let name = &step.name;
        let mut add = |from: At, to: At, days: i64, span: Span, text: Msg| {
            graph.add_edge(node(n, from), node(n, to), days as f64);
            constraints.push(Constraint {
                days: days as f64,
                span,
                text,
            });
        };
        add(
            end,
            start,
            0,
            step.name_span,
            msg!("constraint-ends-after-start", step = name),
        );
        for &(pred, span) in &step.after {
            let pname = model.step_name(pred);
            add(
                start,
                At {
                    step: pred,
                    point: Point::End,
                },
                0,
                span,
                msg!("constraint-after", step = name, before = pname),
            );
        }
        for d in &step.deadlines {
            let Some(anchor) = d.anchor.step() else {
                continue; // counted from a date the case gives
            };
            if !d.excluding.is_empty() || d.limit_fact.is_some() || !unconditional(&d.applies) {
                continue; // the clock may stop for any time, or the case sets the limit
            }
            let mut most = spans.most(id, d.limit);
            if let Some((ext, _)) = d.extension {
                most += spans.most(id, ext);
            }
            let text = msg!(
                "constraint-within",
                step = name,
                amount = d.limit.amount,
                unit = d.limit.unit,
                anchor = point_name(model, anchor)
            );
            add(anchor, end, most, d.span, text);
        }
        for g in step.gaps.iter().filter(|g| unconditional(&g.applies)) {
            let least = spans.least(id, g.min);
            let text = msg!(
                "constraint-gap",
                step = name,
                amount = g.min.amount,
                unit = g.min.unit,
                anchor = point_name(model, g.anchor)
            );
            add(start, g.anchor, -least, g.span, text);
        }
        if let Some(l) = step
            .min_duration
            .as_ref()
            .filter(|l| unconditional(&l.applies))
        {
            add(
                end,
                start,
                -spans.least(id, l.value),
                l.span,
                msg!(
                    "constraint-lasts-at-least",
                    step = name,
                    amount = l.value.amount,
                    unit = l.value.unit
                ),
            );
        }
        if let Some(l) = step
            .max_duration
            .as_ref()
            .filter(|l| unconditional(&l.applies))
        {
            add(
                start,
                end,
                spans.most(id, l.value),
                l.span,
                msg!(
                    "constraint-lasts-at-most",
                    step = name,
                    amount = l.value.amount,
                    unit = l.value.unit
                ),
            );
        }
    }
    for i in 1..=2 * n {
        graph.add_edge(origin, NodeIndex::new(i), 0.0);
    }
    Network {
        graph,
        constraints,
        origin,
    }
}

/// `step.start` / `step.end` / `step` as written in messages.
fn point_name(model: &Model, at: At) -> String {
    let name = model.step_name(at.step);
    match at.point {
        Point::Start => format!("{name}.start"),
        Point::End => name.to_owned(),
    }
}

/// True for a clause that holds in every case.
fn unconditional(a: &Applies) -> bool {
    a.cond.is_none() && !a.dated()
}

/// Converts durations to bounds in the network's unit, caching per amount. The first
/// [`EXACT`] distinct durations are measured on the calendar's own days; beyond them (a rulebook
/// with thousands of different limits) constant-time sound bounds keep the check near-linear.
struct Spans<'m> {
    model: &'m Model,
    space: Space,
    cache: HashMap<(Unit, u32), (i64, i64)>,
}

/// Distinct durations measured exactly on a calendar's days per network.
const EXACT: usize = 64;

impl Spans<'_> {
    fn calendar(&self, step: StepId) -> Option<CalId> {
        self.model
            .step(step)
            .and_then(|s| self.model.procedures.get(s.procedure.index()))
            .and_then(|p| p.calendar)
    }

    /// Whether a step's constraints belong in this space.
    fn counts(&self, step: StepId) -> bool {
        match self.space {
            Space::Days => true,
            Space::Workdays(c) => self.calendar(step) == Some(c),
        }
    }

    fn bounds(&mut self, step: StepId, d: Dur) -> (i64, i64) {
        let key = (d.unit, d.amount);
        if let Some(b) = self.cache.get(&key) {
            return *b;
        }
        let cal = self
            .calendar(step)
            .and_then(|c| self.model.calendars.get(c.index()));
        let exact = self.cache.len() < EXACT;
        let b = match self.space {
            Space::Days => days_bounds(cal, d, exact),
            Space::Workdays(_) => workday_bounds(cal, d, exact),
        };
        self.cache.insert(key, b);
        b
    }

    fn least(&mut self, step: StepId, d: Dur) -> i64 {
        self.bounds(step, d).0
    }

    fn most(&mut self, step: StepId, d: Dur) -> i64 {
        self.bounds(step, d).1
    }
}

/// Calendar days a duration spans at least and at most (measured on the calendar when `exact`).
fn days_bounds(cal: Option<&Calendar>, d: Dur, exact: bool) -> (i64, i64) {
    let n = i64::from(d.amount);
    // A limit ending on a rest day runs to the next working day.
    let roll = cal.map_or(0, |c| c.longest_rest);
    match d.unit {
        Unit::Days => (n, n + roll),
        Unit::Months => (n * 28, n * 31 + roll),
        Unit::Years => (n * 365, n * 366 + roll),
        Unit::Workdays => match cal {
            Some(c) if exact => c.span_of_workdays(d.amount),
            Some(c) => c.span_of_workdays_quick(d.amount),
            None => (n, n * 7 / 5 + 4),
        },
    }
}

/// Working days a duration spans at least and at most (the space's calendar is the step's).
fn workday_bounds(cal: Option<&Calendar>, d: Dur, exact: bool) -> (i64, i64) {
    let Some(c) = cal else {
        return (0, i64::MAX / 4);
    };
    if d.unit == Unit::Workdays {
        return (i64::from(d.amount), i64::from(d.amount));
    }
    let (least, most) = days_bounds(Some(c), d, exact);
    let days = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let within = |n| {
        if exact {
            c.workdays_in_days(days(n))
        } else {
            c.workdays_in_days_quick(days(n))
        }
    };
    // A limit in days that ends on a rest day reaches one working day more.
    (within(least).0, within(most).1 + 1)
}
