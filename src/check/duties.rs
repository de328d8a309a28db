//! DC0304 steps with no responsible role, DC0305 unenforced duties, DC0306 liable roles that no
//! step names.

use crate::compile::model::{AccRule, Model, PersonTerm, StepId};
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::vocab::FindingKind;

/// DC0304: a step nobody is charged with cannot be traced to a responsible post (岗位责任).
pub fn no_responsible_role(model: &Model) -> Vec<Diagnostic> {
    model
        .steps
        .iter()
        .filter(|s| s.by_span.is_none())
        .map(|s| {
            Diagnostic::keyed(
                Code::NoResponsibleRole,
                msg!("no-responsible-role", step = s.name),
            )
            .label_keyed(s.name_span, msg!("no-responsible-role-label"))
            .help_keyed(msg!("no-responsible-role-help"))
        })
        .collect()
}

/// The finding kinds a step's duties can produce (role duties aside).
pub fn duty_kinds(model: &Model, id: StepId) -> Vec<FindingKind> {
    let Some(s) = model.step(id) else {
        return Vec::new();
    };
    let mut kinds = Vec::new();
    if s.required.is_some() {
        kinds.push(FindingKind::Missing);
    }
    if s.forbidden.is_some() {
        kinds.push(FindingKind::Forbidden);
    }
    if !s.deadlines.is_empty() || s.max_duration.is_some() || s.grants_extension {
        kinds.push(FindingKind::Late);
    }
    if s.min_duration.is_some() {
        kinds.push(FindingKind::TooShort);
    }
    if !s.gaps.is_empty() {
        kinds.push(FindingKind::TooSoon);
    }
    if !s.after.is_empty() {
        kinds.push(FindingKind::OutOfOrder);
    }
    if s.min_occurs.is_some() || s.max_occurs.is_some() {
        kinds.push(FindingKind::Occurrence);
    }
    if !s.ensures.is_empty() {
        kinds.push(FindingKind::Quorum);
    }
    if !s.requires.is_empty() {
        kinds.push(FindingKind::Unprepared);
    }
    kinds
}

/// True when the rule answers `kind` findings of `step`, whose `after` predecessors are `preds`.
pub fn answers(rule: &AccRule, kind: FindingKind, step: StepId, preds: &[StepId]) -> bool {
    rule.triggers.iter().any(|t| {
        t.kinds.contains(&kind)
            && (t.steps.is_empty()
                || t.steps.contains(&step)
                || (kind == FindingKind::OutOfOrder && preds.iter().any(|p| t.steps.contains(p))))
    })
}

/// DC0305: a duty whose breach no accountability rule answers is unenforceable.
pub fn unenforced_duties(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, step) in model.steps.iter().enumerate() {
        let id = StepId::of(i);
        let preds: Vec<StepId> = step.after.iter().map(|(p, _)| *p).collect();
        let open: Vec<String> = duty_kinds(model, id)
            .into_iter()
            .filter(|&k| !model.rules.iter().any(|r| answers(r, k, id, &preds)))
            .map(|k| format!("`{k}`"))
            .collect();
        if !open.is_empty() {
            out.push(
                Diagnostic::keyed(
                    Code::UnenforcedDuty,
                    msg!("unenforced-duty", kinds = open.join(", "), step = step.name),
                )
                .label_keyed(step.name_span, msg!("unenforced-duty-label"))
                .help_keyed(msg!(
                    "unenforced-duty-help",
                    kinds = open.join(", ").replace('`', ""),
                    step = step.name
                )),
            );
        }
    }
    out
}

/// DC0306: holding a role liable that no step is performed by usually means a wrong name.
pub fn unused_liable_roles(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &model.rules {
        for l in &rule.liable {
            let mut term = &l.persons.include;
            while let PersonTerm::Leader(inner) = term {
                term = inner;
            }
            let PersonTerm::Role(r) = term else { continue };
            let named = model.steps.iter().any(|s| s.by.contains(r));
            let leads = model.roles.iter().any(|x| x.reports_to == Some(*r));
            if !named && !leads {
                out.push(
                    Diagnostic::keyed(
                        Code::UnusedLiableRole,
                        msg!(
                            "unused-liable-role",
                            rule = rule.name,
                            role = model.role_name(*r)
                        ),
                    )
                    .label_keyed(l.persons.span, msg!("unused-liable-role-label"))
                    .help_keyed(msg!("unused-liable-role-help")),
                );
            }
        }
    }
    out
}

/// DC0311: every step and rule cites its article — every finding and measure promises one.
pub fn missing_cites(model: &Model) -> Vec<Diagnostic> {
    let steps = model
        .steps
        .iter()
        .filter(|s| s.cite.is_none())
        .map(|s| ("step", s.name.as_str(), s.name_span));
    let rules = model
        .rules
        .iter()
        .filter(|r| r.cite.is_none())
        .map(|r| ("rule", r.name.as_str(), r.name_span));
    steps
        .chain(rules)
        .map(|(what, name, span)| {
            Diagnostic::keyed(
                Code::MissingCite,
                msg!("missing-cite", what = what, name = name),
            )
            .label_keyed(span, msg!("missing-cite-label"))
            .help_keyed(msg!("missing-cite-help"))
        })
        .collect()
}
