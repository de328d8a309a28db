//! DC0303 infeasible timing: a negative cycle in the simple temporal network.

use petgraph::algo::{find_negative_cycle, kosaraju_scc};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::graph::{self, Network, Space};
use crate::compile::model::Model;
use crate::diag::{Code, Diagnostic};
use crate::msg;

/// DC0303: the deadlines, minimum gaps, durations and precedences on a cycle of the temporal
/// network add up to less than zero days, so no schedule can meet them all.
///
/// Bellman–Ford (petgraph's `find_negative_cycle`) from an origin linked to every node; the
/// cycle found is reported with each constraint on it labelled in the source.
/// The network is built once in calendar days and once in the working days of each calendar,
/// so constraints in one unit are compared in that unit; the first impossibility is reported.
pub fn infeasible_timing(model: &Model) -> Vec<Diagnostic> {
    let spaces = std::iter::once(Space::Days).chain(graph::workday_spaces(model));
    for space in spaces {
        let net = graph::network(model, space);
        if let Some(cycle) = negative_cycle(&net) {
            return vec![report(&net, &cycle, space)];
        }
    }
    Vec::new()
}

/// A negative cycle of the network, looked for component by component: a cycle lies within one
/// strongly connected component, and in most rulebooks each is a step's start and end, so the
/// search is near-linear where one Bellman–Ford over the whole network is quadratic.
fn negative_cycle(net: &Network) -> Option<Vec<NodeIndex>> {
    let g = &net.graph;
    for comp in kosaraju_scc(g) {
        let looped = comp
            .first()
            .is_some_and(|&n| g.edges(n).any(|e| e.target() == n));
        if comp.len() < 2 && !looped {
            continue;
        }
        let mut sub: DiGraph<(), f64> = DiGraph::with_capacity(comp.len() + 1, comp.len() * 4);
        let origin = sub.add_node(());
        let mut local: foldhash::HashMap<NodeIndex, NodeIndex> = foldhash::HashMap::default();
        for &n in &comp {
            let m = sub.add_node(());
            local.insert(n, m);
            sub.add_edge(origin, m, 0.0);
        }
        for &n in &comp {
            for e in g.edges(n) {
                if let (Some(&a), Some(&b)) = (local.get(&n), local.get(&e.target())) {
                    sub.add_edge(a, b, *e.weight());
                }
            }
        }
        if let Some(cycle) = find_negative_cycle(&sub, origin) {
            // Sub-graph node i + 1 is component node i.
            return Some(
                cycle
                    .iter()
                    .filter_map(|m| comp.get(m.index().checked_sub(1)?).copied())
                    .collect(),
            );
        }
    }
    None
}

fn report(net: &Network, cycle: &[petgraph::graph::NodeIndex], space: Space) -> Diagnostic {
    let mut total = 0.0;
    let mut labels = Vec::new();
    for (i, &from) in cycle.iter().enumerate() {
        let to = cycle.get(i + 1).or(cycle.first()).copied().unwrap_or(from);
        let best = net
            .graph
            .edges(from)
            .filter(|e| e.target() == to)
            .min_by(|a, b| a.weight().total_cmp(b.weight()));
        if let Some(c) = best.and_then(|e| net.constraints.get(e.id().index())) {
            total += c.days;
            labels.push((c.span, c.text.clone()));
        }
    }
    labels.sort_by_key(|(s, _)| s.key());
    let space = match space {
        Space::Days => "days",
        Space::Workdays(_) => "workdays",
    };
    let mut d = Diagnostic::keyed(
        Code::InfeasibleTiming,
        msg!("infeasible-timing", excess = -total as i64, space = space),
    );
    for (span, text) in labels {
        d = d.label_keyed(span, text);
    }
    d.help_keyed(msg!("infeasible-timing-help"))
}
