//! DC0307: conditions that can never hold.

use super::logic;
use crate::compile::model::{Cond, Model};
use crate::diag::{Code, Diagnostic};

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
                    Diagnostic::new(Code::DeadCondition, format!("the {what} condition of step `{}` can never hold", step.name))
                        .label(c.span, "false for every case")
                        .help("no combination of facts satisfies it; check the comparisons and `and`/`not`"),
                );
            }
        };
        check(&step.required, "`required`");
        check(&step.forbidden, "`forbidden`");
    }
    out
}
