//! Stage 3: static analyses of a compiled rulebook, before any case exists. Each check is one
//! small function with its own diagnostic code.

mod conditions;
mod cycles;
mod duties;
pub mod graph;
mod logic;
mod names;
mod penalties;
mod refinement;
mod separation;
mod timing;

pub use duties::{answers, duty_kinds};

use crate::compile::model::Model;
use crate::diag::{self, Diagnostic};

/// Runs every check and returns the diagnostics sorted by place.
pub fn check(model: &Model) -> Vec<Diagnostic> {
    let precedence = graph::precedence(model);
    let mut out = cycles::precedence_cycles(model, &precedence);
    out.extend(cycles::reports_to_cycles(model));
    out.extend(timing::infeasible_timing(model));
    out.extend(duties::no_responsible_role(model));
    out.extend(duties::unenforced_duties(model));
    out.extend(duties::unused_liable_roles(model));
    out.extend(conditions::dead_conditions(model));
    out.extend(penalties::non_monotone_penalties(model));
    out.extend(penalties::penalty_gaps(model));
    out.extend(duties::missing_cites(model));
    out.extend(names::confusable_names(model));
    out.extend(separation::impossible_separations(model));
    out.extend(refinement::weakenings(model));
    diag::sort(&mut out);
    out
}
