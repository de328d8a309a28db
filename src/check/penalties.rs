//! DC0308: penalty grading that is not monotone.

use crate::compile::LEVELS;
use crate::compile::model::{Model, Penalty};
use crate::diag::{Code, Diagnostic};
use crate::msg;

/// DC0308: a worse consequence must never map to a lighter measure (proportionality).
pub fn non_monotone_penalties(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &model.rules {
        for p in &rule.penalties {
            let ladder = model.ladders.get(p.ladder.index());
            let name = |m: Option<u32>| match (m, ladder) {
                (Some(i), Some(l)) => l
                    .measures
                    .get(i as usize)
                    .map_or("?".to_owned(), |x| format!("`{}`", x.name)),
                _ => "no measure".to_owned(),
            };
            let mut prev: Option<(usize, Option<u32>)> = None;
            for (li, level) in LEVELS.iter().enumerate() {
                let Some(Some(m)) = p.map.get(li).map(|x| x.as_ref().copied()) else {
                    continue;
                };
                if let Some((pi, pm)) = prev
                    && rank(m) < rank(pm)
                {
                    let mut d = Diagnostic::keyed(
                        Code::NonMonotonePenalty,
                        msg!(
                            "non-monotone-penalty",
                            rule = rule.name,
                            level = level,
                            lesser = LEVELS.get(pi).map_or("", |l| l.as_str())
                        ),
                    );
                    if let Some(&Some(span)) = p.map_spans.get(li) {
                        d = d.label_keyed(
                            span,
                            msg!(
                                "non-monotone-penalty-this",
                                measure = name(m),
                                level = level
                            ),
                        );
                    }
                    if let Some(&Some(span)) = p.map_spans.get(pi) {
                        d = d.label_keyed(
                            span,
                            msg!("non-monotone-penalty-lesser", measure = name(pm)),
                        );
                    }
                    out.push(d.help_keyed(msg!("non-monotone-penalty-help")));
                }
                prev = Some((li, m));
            }
        }
    }
    out
}

fn rank(m: Option<u32>) -> i64 {
    m.map_or(-1, i64::from)
}

/// The measure index a table gives a level, `-1` for none (used by refinement).
pub fn level_rank(p: &Penalty, level: usize) -> Option<i64> {
    p.map.get(level).copied().flatten().map(rank)
}

/// DC0310: a table that maps levels on both sides of one it leaves unmapped.
pub fn penalty_gaps(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &model.rules {
        for p in &rule.penalties {
            let mapped: Vec<usize> = (0..LEVELS.len())
                .filter(|&i| p.map.get(i).is_some_and(Option::is_some))
                .collect();
            let (Some(&lo), Some(&hi)) = (mapped.first(), mapped.last()) else {
                continue;
            };
            for gap in (lo..hi).filter(|i| !mapped.contains(i)) {
                let level = LEVELS.get(gap).map_or("", |l| l.as_str());
                out.push(
                    Diagnostic::keyed(
                        Code::PenaltyGap,
                        msg!("penalty-gap", rule = rule.name, level = level),
                    )
                    .label_keyed(p.span, msg!("penalty-gap-label", level = level))
                    .help_keyed(msg!("penalty-gap-help", level = level)),
                );
            }
        }
    }
    out
}
