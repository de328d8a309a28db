//! DC0301 precedence cycles and DC0302 `reports_to` cycles.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::compile::model::{Model, RoleId, StepId};
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::source::Span;

/// DC0301: steps that must each come after the other can never all happen.
///
/// Each strongly connected component of the precedence graph with more than one step (or a
/// step after itself) is reported once, with the `after` clauses that close the loop labelled.
pub fn precedence_cycles(model: &Model, graph: &DiGraph<StepId, Span>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for scc in kosaraju_scc(graph) {
        let Some(&first) = scc.iter().min() else {
            continue;
        };
        let self_loop = graph.edges(first).any(|e| e.target() == first);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        let cycle = cycle_through(graph, first, &scc);
        let names: Vec<&str> = cycle
            .iter()
            .map(|&n| model.step_name(StepId::of(n.index())))
            .collect();
        let cycle_text = format!(
            "{} → {}",
            names.join(" → "),
            names.first().copied().unwrap_or("")
        );
        let mut d = Diagnostic::keyed(
            Code::PrecedenceCycle,
            msg!("precedence-cycle", cycle = cycle_text),
        );
        for (i, &n) in cycle.iter().enumerate() {
            let next = cycle.get(i + 1).or(cycle.first()).copied().unwrap_or(n);
            if let Some(e) = graph.edges(n).find(|e| e.target() == next) {
                d = d.label_keyed(
                    *e.weight(),
                    msg!(
                        "precedence-cycle-label",
                        step = model.step_name(StepId::of(next.index())),
                        before = model.step_name(StepId::of(n.index()))
                    ),
                );
            }
        }
        out.push(d.help_keyed(msg!("precedence-cycle-help")));
    }
    out
}

/// A simple cycle through `start` within one strongly connected component (depth-first).
fn cycle_through<N, E>(
    graph: &DiGraph<N, E>,
    start: NodeIndex,
    scc: &[NodeIndex],
) -> Vec<NodeIndex> {
    // Membership as flags over node indexes, so a component of any size is walked in linear time.
    let mut inside = vec![false; graph.node_count()];
    for n in scc {
        if let Some(f) = inside.get_mut(n.index()) {
            *f = true;
        }
    }
    let mut seen = vec![false; graph.node_count()];
    let mut path = vec![start];
    let mut stack = vec![graph.neighbors(start).collect::<Vec<_>>()];
    while let Some(frontier) = stack.last_mut() {
        let Some(next) = frontier.pop() else {
            stack.pop();
            path.pop();
            continue;
        };
        if next == start {
            return path;
        }
        let fresh = inside.get(next.index()).copied().unwrap_or(false)
            && !seen.get(next.index()).copied().unwrap_or(true);
        if fresh {
            if let Some(f) = seen.get_mut(next.index()) {
                *f = true;
            }
            path.push(next);
            stack.push(graph.neighbors(next).collect());
        }
    }
    vec![start]
}

/// DC0302: a chain of command that loops back makes the liability trace endless.
pub fn reports_to_cycles(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut done = vec![false; model.roles.len()];
    // Where a role stands on the current walk, so each walk is linear.
    let mut on_path: Vec<Option<usize>> = vec![None; model.roles.len()];
    for start in 0..model.roles.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            if done.get(i).copied().unwrap_or(true) && !path.is_empty() {
                break;
            }
            if let Some(pos) = on_path.get(i).copied().flatten() {
                let cycle = path.get(pos..).unwrap_or(&[]);
                let names: Vec<&str> = cycle
                    .iter()
                    .map(|&r| model.role_name(RoleId::of(r)))
                    .collect();
                let cycle_text = format!(
                    "{} → {}",
                    names.join(" → "),
                    names.first().copied().unwrap_or("")
                );
                let mut d = Diagnostic::keyed(
                    Code::ReportsToCycle,
                    msg!("reports-to-cycle", cycle = cycle_text),
                );
                for &r in cycle {
                    if let Some(role) = model.roles.get(r) {
                        let to = role.reports_to.map_or("?", |t| model.role_name(t));
                        d = d.label_keyed(
                            role.reports_to_span,
                            msg!("reports-to-cycle-label", role = role.name, to = to),
                        );
                    }
                }
                out.push(d.help_keyed(msg!("reports-to-cycle-help")));
                break;
            }
            if let Some(slot) = on_path.get_mut(i) {
                *slot = Some(path.len());
            }
            path.push(i);
            at = model
                .roles
                .get(i)
                .and_then(|r| r.reports_to)
                .map(|r| r.index());
        }
        for i in path {
            if let Some(slot) = done.get_mut(i) {
                *slot = true;
            }
            if let Some(slot) = on_path.get_mut(i) {
                *slot = None;
            }
        }
    }
    out
}
