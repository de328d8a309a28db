//! DC0303 infeasible timing: a negative cycle in the simple temporal network.

use petgraph::algo::find_negative_cycle;
use petgraph::visit::EdgeRef;

use super::graph::Network;
use crate::diag::{Code, Diagnostic};

/// DC0303: the deadlines, minimum gaps, durations and precedences on a cycle of the temporal
/// network add up to less than zero days, so no schedule can meet them all.
///
/// Bellman–Ford (petgraph's `find_negative_cycle`) from an origin linked to every node; the
/// cycle found is reported with each constraint on it labelled in the source.
pub fn infeasible_timing(net: &Network) -> Vec<Diagnostic> {
    let Some(cycle) = find_negative_cycle(&net.graph, net.origin) else {
        return Vec::new();
    };
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
    let mut d = Diagnostic::new(
        Code::InfeasibleTiming,
        format!(
            "these timing constraints cannot all hold: together they need {} more day(s) than they allow",
            -total as i64
        ),
    );
    for (span, text) in labels {
        d = d.label(span, text);
    }
    vec![d.help("lengthen a deadline or shorten a minimum period on this cycle")]
}
