//! DC0307: conditions that can never hold.

use super::logic;
use crate::compile::model::{Cond, Model};
use crate::diag::{Code, Diagnostic};
use crate::msg;

/// DC0307: a `required when` that never holds makes a dead duty; a `forbidden when` that never
/// holds forbids nothing. Decided exactly where every fact is compared only with constants.
pub fn dead_conditions(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for step in &model.steps {
        let mut check = |cond: &Option<Cond>, what: &str| {
            if let Some(c) = cond
                && logic::satisfiable(model, &c.expr) == Some(false)
            {
                out.push(
                    Diagnostic::keyed(
                        Code::DeadCondition,
                        msg!("dead-condition", clause = what, step = step.name),
                    )
                    .label_keyed(c.span, msg!("dead-condition-label"))
                    .help_keyed(msg!("dead-condition-help")),
                );
            }
        };
        check(&step.required, "required");
        check(&step.forbidden, "forbidden");
    }
    out
}
