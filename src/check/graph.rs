//! The rulebook as petgraph graphs: precedence between steps, and the simple temporal network
//! whose nodes are steps' starts and ends and whose edges are difference constraints.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::compile::model::{At, Dur, Model, StepId};
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
    pub text: String,
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

/// Builds the temporal network. Working days become calendar days by the calendar's own extremes:
/// a minimum uses the fewest days N working days can span, a maximum the most, so a negative
/// cycle means that no dates at all can meet the constraints.
pub fn network(model: &Model) -> Network {
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
        cache: HashMap::new(),
    };
    for (i, step) in model.steps.iter().enumerate() {
        let id = StepId::of(i);
        let start = At {
            step: id,
            point: Point::Start,
        };
        let end = At {
            step: id,
            point: Point::End,
        };
        let name = &step.name;
        let mut add = |from: At, to: At, days: i64, span: Span, text: String| {
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
            format!("`{name}` ends no earlier than it starts"),
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
                format!("`{name}` starts after `{pname}` ends"),
            );
        }
        for d in &step.deadlines {
            if !d.excluding.is_empty() || d.limit_fact.is_some() {
                continue; // the clock may stop for any time, or the case sets the limit
            }
            let mut most = spans.most(id, d.limit);
            if let Some((ext, _)) = d.extension {
                most += spans.most(id, ext);
            }
            let text = format!(
                "`{name}` ends within {} after `{}`",
                d.limit,
                point_name(model, d.anchor)
            );
            add(d.anchor, end, most, d.span, text);
        }
        for g in &step.gaps {
            let least = spans.least(id, g.min);
            let text = format!(
                "`{name}` starts at least {} after `{}`",
                g.min,
                point_name(model, g.anchor)
            );
            add(start, g.anchor, -least, g.span, text);
        }
        if let Some(l) = step.min_duration {
            add(
                end,
                start,
                -spans.least(id, l.value),
                l.span,
                format!("`{name}` lasts at least {}", l.value),
            );
        }
        if let Some(l) = step.max_duration {
            add(
                start,
                end,
                spans.most(id, l.value),
                l.span,
                format!("`{name}` lasts at most {}", l.value),
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

/// Converts durations to calendar-day bounds, caching per amount.
struct Spans<'m> {
    model: &'m Model,
    cache: HashMap<(usize, u32), (i64, i64)>,
}

impl Spans<'_> {
    fn bounds(&mut self, step: StepId, d: Dur) -> (i64, i64) {
        let cal = self
            .model
            .step(step)
            .and_then(|s| self.model.procedures.get(s.procedure.index()))
            .and_then(|p| p.calendar);
        let Some(cal_id) = cal else {
            return match d.unit {
                Unit::Days => (i64::from(d.amount), i64::from(d.amount)),
                // No calendar (already an error): assume only weekends.
                Unit::Workdays => (i64::from(d.amount), i64::from(d.amount) * 7 / 5 + 4),
            };
        };
        let Some(calendar) = self.model.calendars.get(cal_id.index()) else {
            return (i64::from(d.amount), i64::from(d.amount) * 2 + 14);
        };
        let key = (cal_id.index(), d.amount);
        let workday_span = *self
            .cache
            .entry(key)
            .or_insert_with(|| calendar.span_of_workdays(d.amount));
        match d.unit {
            Unit::Workdays => workday_span,
            // A calendar-day limit ending on a rest day runs to the next working day.
            Unit::Days => {
                let roll = *self
                    .cache
                    .entry((cal_id.index(), 1))
                    .or_insert_with(|| calendar.span_of_workdays(1));
                (i64::from(d.amount), i64::from(d.amount) + roll.1 - 1)
            }
        }
    }

    fn least(&mut self, step: StepId, d: Dur) -> i64 {
        self.bounds(step, d).0
    }

    fn most(&mut self, step: StepId, d: Dur) -> i64 {
        self.bounds(step, d).1
    }
}
