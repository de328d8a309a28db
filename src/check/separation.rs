//! DC0309: separations of duty that a step makes impossible.

use crate::compile::model::Model;
use crate::diag::{Code, Diagnostic};

/// DC0309: `separate a, a` can never be kept apart, and a step performed `by a, b` for a
/// separated pair lets one person act in both roles at once.
pub fn impossible_separations(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for sep in &model.separations {
        let (a, b) = (model.role_name(sep.a), model.role_name(sep.b));
        if sep.a == sep.b {
            out.push(
                Diagnostic::new(
                    Code::ImpossibleSeparation,
                    format!("role `{a}` is separated from itself"),
                )
                .label(sep.span, "no one could ever hold this role")
                .help("name two different roles"),
            );
            continue;
        }
        for step in &model.steps {
            if step.by.contains(&sep.a) && step.by.contains(&sep.b) {
                let mut d = Diagnostic::new(
                    Code::ImpossibleSeparation,
                    format!(
                        "step `{}` may be performed by `{a}` or `{b}`, which must be kept apart",
                        step.name
                    ),
                );
                if let Some(by) = step.by_span {
                    d = d.label(by, "both separated roles");
                }
                out.push(
                    d.label(sep.span, "separated here")
                        .help("let one of the two roles perform the step"),
                );
            }
        }
    }
    out
}
