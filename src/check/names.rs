//! DC0312: names that look alike but differ (`head` and `hеad` with a Cyrillic е).

use unicode_security::confusable_detection::skeleton;

use crate::compile::model::Model;
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::source::Span;

/// DC0312: two declared names whose Unicode TR39 skeletons are equal are two names a reader
/// cannot tell apart; a case or a drafter will use one meaning the other.
pub fn confusable_names(model: &Model) -> Vec<Diagnostic> {
    let declared = model
        .roles
        .iter()
        .map(|r| ("role", r.name.as_str(), r.span))
        .chain(
            model
                .facts
                .iter()
                .map(|f| ("fact", f.name.as_str(), f.span)),
        )
        .chain(
            model
                .steps
                .iter()
                .map(|s| ("step", s.name.as_str(), s.name_span)),
        )
        .chain(
            model
                .rules
                .iter()
                .map(|r| ("rule", r.name.as_str(), r.name_span)),
        )
        .chain(
            model
                .procedures
                .iter()
                .map(|p| ("procedure", p.name.as_str(), p.span)),
        );
    let mut names: Vec<(String, &str, &str, Span)> = declared
        .map(|(what, name, span)| (skeleton(name).collect(), name, what, span))
        .collect();
    names.sort_by(|a, b| (&a.0, a.3.key()).cmp(&(&b.0, b.3.key())));
    let mut out = Vec::new();
    for pair in names.windows(2) {
        let [(ka, na, wa, sa), (kb, nb, wb, sb)] = pair else {
            continue;
        };
        if ka == kb && na != nb {
            out.push(
                Diagnostic::keyed(
                    Code::ConfusableNames,
                    msg!(
                        "confusable-names",
                        what = wb,
                        name = nb,
                        other_what = wa,
                        other = na
                    ),
                )
                .label_keyed(*sb, msg!("confusable-names-this"))
                .label_keyed(*sa, msg!("confusable-names-that"))
                .help_keyed(msg!(
                    "confusable-names-help",
                    name = nb,
                    spelled = spelled(nb),
                    other = na,
                    other_spelled = spelled(na)
                )),
            );
        }
    }
    out
}

/// A name letter by letter, non-ASCII letters as code points, so look-alikes show their difference.
fn spelled(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("U+{:04X}", u32::from(c))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
