//! DC0309: separations of duty that a step makes impossible.

use crate::compile::model::Model;
use crate::diag::{Code, Diagnostic};
use crate::msg;

/// DC0309: `separate a, a` can never be kept apart, and a step performed `by a, b` for a
/// separated pair lets one person act in both roles at once.
pub fn impossible_separations(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for sep in &model.separations {
        let (a, b) = (model.role_name(sep.a), model.role_name(sep.b));
        if sep.a == sep.b {
            out.push(
                Diagnostic::keyed(
                    Code::ImpossibleSeparation,
                    msg!("separated-from-itself", role = a),
                )
                .label_keyed(sep.span, msg!("separated-from-itself-label"))
                .help_keyed(msg!("separated-from-itself-help")),
            );
            continue;
        }
        for step in &model.steps {
            if step.by.contains(&sep.a) && step.by.contains(&sep.b) {
                let mut d = Diagnostic::keyed(
                    Code::ImpossibleSeparation,
                    msg!("impossible-separation", step = step.name, a = a, b = b),
                );
                if let Some(by) = step.by_span {
                    d = d.label_keyed(by, msg!("impossible-separation-both"));
                }
                out.push(
                    d.label_keyed(sep.span, msg!("impossible-separation-here"))
                        .help_keyed(msg!("impossible-separation-help")),
                );
            }
        }
    }
    out
}
