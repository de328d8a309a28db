//! Findings → liability: accountability rules applied, the trace up `reports_to`, grades,
//! exemptions and reductions, and measures graded by consequence.

use std::fmt::Write;

use serde::Serialize;

use super::case::Case;
use super::duties::Finding;
use crate::check::answers;
use crate::compile::model::{AccRule, Model, Penalty, PersonTerm, Persons, RoleId, StepId};
use crate::vocab::{FindingKind, Grade};

/// A measure after grading.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MeasureOut {
    /// The ladder.
    pub ladder: String,
    /// The measure (None: no measure, 免予处分).
    pub measure: Option<String>,
    /// Its label.
    pub label: String,
    /// Its period in months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// How it was graded.
    pub grading: String,
}

/// A reduction applied.
#[derive(Debug, Clone, Serialize)]
pub struct Reduced {
    /// Steps down the ladder.
    pub by: u32,
    /// Why.
    pub reason: String,
}

/// One person answering under one rule at one grade.
#[derive(Debug, Clone, Serialize)]
pub struct Liability {
    /// Person id.
    pub person: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The role through which they were reached.
    pub role: String,
    /// Responsibility grade.
    pub grade: Grade,
    /// The accountability rule.
    pub rule: String,
    /// Its article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// Indexes of the findings answered.
    pub findings: Vec<usize>,
    /// Measures after grading (empty when exempt).
    pub measures: Vec<MeasureOut>,
    /// Why the person is exempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exempt: Option<String>,
    /// A reduction and its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reduced: Option<Reduced>,
    /// How the person was reached: finding → step → role → person → reports_to …
    pub trace: Vec<String>,
    /// Index of the person in the case.
    #[serde(skip)]
    pub person_index: u32,
}

/// Several measures for one person on one ladder, combined by the ladder's rule.
#[derive(Debug, Clone, Serialize)]
pub struct Combined {
    /// Person id.
    pub person: String,
    /// The ladder.
    pub ladder: String,
    /// The measure that applies.
    pub measure: String,
    /// Its label.
    pub label: String,
    /// The combined period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Indexes of the liability entries combined.
    pub from: Vec<usize>,
    /// How they were combined.
    pub rule: String,
}

/// A measure index and the (liability entry, months) pairs that reached it.
type Heaviest = (usize, Vec<(usize, Option<u32>)>);

/// A person reached, with the role and the path.
struct Reached {
    person: u32,
    role: Option<RoleId>,
    via: Via,
}

/// How a person was reached; rendered into the trace only for the entries kept.
#[derive(Clone, Copy)]
enum Via {
    /// They performed the finding's own event.
    Performed,
    /// The step is the duty of a role they hold.
    Duty(RoleId),
    /// A role the rule names, which they hold, answers for the step.
    Answers(RoleId),
    /// The first role reports to the second, which they hold.
    ReportsTo(RoleId, RoleId),
    /// They are listed in a recorded field (step, field, event).
    Listed(StepId, u32, usize),
}

impl Reached {
    /// The trace lines after the finding: step → role → person → reports_to …
    fn trace(&self, model: &Model, case: &Case, f: &Finding) -> Vec<String> {
        let who = case
            .people
            .get(self.person as usize)
            .map_or("?", |p| p.id.as_str());
        let held = |role: RoleId| format!("`{}` is held by `{who}`", model.role_name(role));
        match self.via {
            Via::Performed => vec![format!("`{}` was performed by `{who}`", f.step)],
            Via::Duty(r) => vec![
                format!("`{}` is the duty of `{}`", f.step, model.role_name(r)),
                held(r),
            ],
            Via::Answers(r) => vec![
                format!("`{}` answers for `{}`", model.role_name(r), f.step),
                held(r),
            ],
            Via::ReportsTo(from, to) => vec![
                format!(
                    "`{}` reports to `{}`",
                    model.role_name(from),
                    model.role_name(to)
                ),
                held(to),
            ],
            Via::Listed(step, field, event) => {
                let field = model
                    .step(step)
                    .and_then(|s| s.fields.get(field as usize))
                    .map_or("?", |x| x.name.as_str());
                vec![format!(
                    "`{who}` is listed in `{field}` of `{}` (event {event})",
                    model.step_name(step)
                )]
            }
        }
    }
}

/// Applies the accountability rules to the findings.
pub fn liability(model: &Model, case: &Case, findings: &[Finding]) -> Vec<Liability> {
    let mut matched: Vec<Vec<usize>> = Vec::with_capacity(model.rules.len());
    for rule in &model.rules {
        matched.push(
            findings
                .iter()
                .enumerate()
                .filter(|(_, f)| direct_match(rule, f))
                .map(|(i, _)| i)
                .collect(),
        );
    }
    let mut out = Vec::new();
    for (ri, rule) in model.rules.iter().enumerate() {
        let mut answered: Vec<usize> = matched.get(ri).cloned().unwrap_or_default();
        for other in &rule.on_rules {
            answered.extend(matched.get(other.index()).into_iter().flatten());
        }
        answered.sort_unstable();
        answered.dedup();
        if answered.is_empty() {
            continue;
        }
        apply(model, case, findings, rule, &answered, &mut out);
    }
    out
}

fn direct_match(rule: &AccRule, f: &Finding) -> bool {
    let pred = f.other.filter(|_| f.kind == FindingKind::OutOfOrder);
    answers(rule, f.kind, f.step_id, pred.as_slice())
}

fn apply(
    model: &Model,
    case: &Case,
    findings: &[Finding],
    rule: &AccRule,
    answered: &[usize],
    out: &mut Vec<Liability>,
) {
    // Who each exemption or reduction reaches, per answered finding: once per rule.
    let relieved: Vec<Vec<(usize, Vec<u32>)>> = rule
        .reliefs
        .iter()
        .map(|relief| {
            answered
                .iter()
                .filter_map(|&fi| {
                    let f = findings.get(fi)?;
                    Some((
                        fi,
                        reach(model, case, f, &relief.persons)
                            .iter()
                            .map(|r| r.person)
                            .collect(),
                    ))
                })
                .collect()
        })
        .collect();
    for l in &rule.liable {
        let start = out.len();
        for &fi in answered {
            let Some(f) = findings.get(fi) else { continue };
            for r in reach(model, case, f, &l.persons) {
                if let Some(entry) = out
                    .get_mut(start..)
                    .and_then(|s| s.iter_mut().find(|e| e.person_index == r.person))
                {
                    if !entry.findings.contains(&fi) {
                        entry.findings.push(fi);
                    }
                    continue;
                }
                let Some(p) = case.people.get(r.person as usize) else {
                    continue;
                };
                let mut trace = vec![format!("finding #{fi}: {} of `{}`", f.kind, f.step)];
                trace.extend(r.trace(model, case, f));
                out.push(Liability {
                    person: p.id.clone(),
                    name: p.name.clone(),
                    role: r.role.map_or_else(
                        || {
                            p.roles
                                .first()
                                .map_or(String::new(), |x| model.role_name(*x).to_owned())
                        },
                        |x| model.role_name(x).to_owned(),
                    ),
                    grade: l.grade,
                    rule: rule.name.clone(),
                    cite: rule.cite.clone(),
                    findings: vec![fi],
                    measures: Vec::new(),
                    exempt: None,
                    reduced: None,
                    trace,
                    person_index: r.person,
                });
            }
        }
        for entry in out.get_mut(start..).into_iter().flatten() {
            for (relief, hits) in rule.reliefs.iter().zip(&relieved) {
                let hit = hits.iter().any(|(fi, people)| {
                    entry.findings.contains(fi) && people.contains(&entry.person_index)
                });
                if !hit {
                    continue;
                }
                match relief.by {
                    None => entry.exempt = Some(relief.reason.clone()),
                    Some(by) => {
                        entry.reduced = Some(Reduced {
                            by,
                            reason: relief.reason.clone(),
                        })
                    }
                }
            }
            if entry.exempt.is_none() {
                let person = case.people.get(entry.person_index as usize);
                let prior = person.map_or(0, |p| p.prior_offences);
                let corrected = person.is_some_and(|p| p.self_corrected);
                let reduce = entry.reduced.as_ref().map_or(0, |r| r.by);
                entry.measures = rule
                    .penalties
                    .iter()
                    .map(|p| grade(model, case, p, entry.grade, prior, corrected, reduce))
                    .collect();
            }
        }
    }
}

/// The people a person set reaches for one finding.
fn reach(model: &Model, case: &Case, f: &Finding, persons: &Persons) -> Vec<Reached> {
    let mut found = term(model, case, f, &persons.include);
    for ex in &persons.except {
        let out: Vec<u32> = term(model, case, f, ex).iter().map(|r| r.person).collect();
        found.retain(|r| !out.contains(&r.person));
    }
    found
}

fn holders(case: &Case, role: RoleId, via: Via) -> impl Iterator<Item = Reached> + '_ {
    case.people
        .iter()
        .enumerate()
        .filter(move |(_, p)| p.roles.contains(&role))
        .map(move |(i, _)| Reached {
            person: u32::try_from(i).unwrap_or(u32::MAX),
            role: Some(role),
            via,
        })
}

fn term(model: &Model, case: &Case, f: &Finding, t: &PersonTerm) -> Vec<Reached> {
    let step = model.step(f.step_id);
    match t {
        PersonTerm::Actor => {
            let mut out: Vec<Reached> = Vec::new();
            for e in f
                .events
                .iter()
                .filter_map(|i| case.events.get(*i))
                .filter(|e| e.step == f.step_id)
            {
                if out.iter().any(|r| r.person == e.by) {
                    continue;
                }
                let Some(p) = case.people.get(e.by as usize) else {
                    continue;
                };
                let role = step.and_then(|s| s.by.iter().find(|r| p.roles.contains(r)).copied());
                out.push(Reached {
                    person: e.by,
                    role,
                    via: Via::Performed,
                });
            }
            if out.is_empty() {
                // Nobody performed it (a missing step): whoever holds its role.
                for r in step.map(|s| s.by.as_slice()).unwrap_or(&[]) {
                    out.extend(holders(case, *r, Via::Duty(*r)));
                }
            }
            out
        }
        PersonTerm::Role(r) => holders(case, *r, Via::Answers(*r)).collect(),
        PersonTerm::Leader(inner) => {
            // Up from the roles through which the inner term reached someone; when it reached
            // nobody, up from the roles it names.
            let mut roles: Vec<RoleId> = Vec::new();
            for r in term(model, case, f, inner) {
                if let Some(role) = r.role.filter(|x| !roles.contains(x)) {
                    roles.push(role);
                }
            }
            if roles.is_empty() {
                roles = roles_of(model, f, inner);
            }
            let mut out: Vec<Reached> = Vec::new();
            for role in roles {
                let Some(up) = model.roles.get(role.index()).and_then(|r| r.reports_to) else {
                    continue;
                };
                for r in holders(case, up, Via::ReportsTo(role, up)) {
                    if !out.iter().any(|x| x.person == r.person) {
                        out.push(r);
                    }
                }
            }
            out
        }
        PersonTerm::Field(sid, fi) => {
            let mut out: Vec<Reached> = Vec::new();
            for (k, e) in case
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.step == *sid)
            {
                let listed: &[u32] = match e.fields.get(*fi as usize).and_then(Option::as_ref) {
                    Some(super::case::FieldVal::Persons(ps)) => ps,
                    Some(super::case::FieldVal::Person(p)) => std::slice::from_ref(p),
                    _ => &[],
                };
                for &p in listed {
                    if out.iter().any(|r| r.person == p) {
                        continue;
                    }
                    let Some(person) = case.people.get(p as usize) else {
                        continue;
                    };
                    out.push(Reached {
                        person: p,
                        role: person.roles.first().copied(),
                        via: Via::Listed(*sid, *fi, k),
                    });
                }
            }
            out
        }
    }
}

/// The roles a term names (for `leader of` when it reached nobody).
fn roles_of(model: &Model, f: &Finding, t: &PersonTerm) -> Vec<RoleId> {
    match t {
        PersonTerm::Actor => model
            .step(f.step_id)
            .map(|s| s.by.clone())
            .unwrap_or_default(),
        PersonTerm::Role(r) => vec![*r],
        PersonTerm::Leader(inner) => roles_of(model, f, inner)
            .into_iter()
            .filter_map(|r| model.roles.get(r.index()).and_then(|x| x.reports_to))
            .collect(),
        PersonTerm::Field(..) => Vec::new(),
    }
}

/// Grades one penalty table for one person.
fn grade(
    model: &Model,
    case: &Case,
    p: &Penalty,
    grade: Grade,
    prior: u32,
    corrected: bool,
    reduce: u32,
) -> MeasureOut {
    let ladder = model.ladders.get(p.ladder.index());
    let ladder_name = ladder.map_or(String::new(), |l| l.name.clone());
    let level = case.consequence;
    let base = p
        .map
        .get(Penalty::level_index(level))
        .copied()
        .flatten()
        .flatten();
    let mut idx: i64 = base.map_or(-1, i64::from);
    let mut steps = String::with_capacity(64);
    let _ = write!(
        steps,
        "{level} → {}",
        base.and_then(|b| ladder.and_then(|l| l.measures.get(b as usize)))
            .map_or("nothing", |m| m.name.as_str())
    );
    let shift = i64::from(
        p.shifts
            .get(Penalty::grade_index(grade))
            .copied()
            .unwrap_or(0),
    );
    if shift != 0 {
        idx = idx.saturating_add(shift);
        let _ = write!(steps, "; {grade} {shift:+}");
    }
    if prior > 0 && p.aggravate != 0 {
        let up = i64::from(p.aggravate).saturating_mul(i64::from(prior));
        idx = idx.saturating_add(up);
        let _ = write!(steps, "; {prior} prior offence(s) {up:+}");
    }
    if corrected && p.mitigate != 0 {
        idx = idx.saturating_add(i64::from(p.mitigate));
        let _ = write!(steps, "; self-corrected {:+}", p.mitigate);
    }
    if reduce > 0 {
        idx = idx.saturating_sub(i64::from(reduce));
        let _ = write!(steps, "; reduced -{reduce}");
    }
    let len = ladder.map_or(0, |l| l.measures.len()) as i64;
    if idx >= len && len > 0 {
        idx = len - 1;
        steps.push_str("; held at the ladder's heaviest");
    }
    let measure = usize::try_from(idx)
        .ok()
        .and_then(|i| ladder.and_then(|l| l.measures.get(i)));
    match measure {
        Some(m) => MeasureOut {
            ladder: ladder_name,
            measure: Some(m.name.clone()),
            label: m.label.clone().unwrap_or_else(|| m.name.clone()),
            months: m.months,
            grading: steps,
        },
        None => MeasureOut {
            ladder: ladder_name,
            measure: None,
            label: "no measure (免予处分)".to_owned(),
            months: None,
            grading: steps,
        },
    }
}

/// Combines each person's measures per ladder: the heaviest applies; equal periods add up to
/// the ladder's cap where the ladder says so.
pub fn combine(model: &Model, case: &Case, entries: &[Liability]) -> Vec<Combined> {
    let mut out = Vec::new();
    for (pi, person) in case.people.iter().enumerate() {
        for ladder in &model.ladders {
            // The heaviest measure so far, and the (entry, months) pairs that carry it.
            let mut best: Option<Heaviest> = None;
            for (ei, e) in entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.person_index as usize == pi)
            {
                for m in e.measures.iter().filter(|m| m.ladder == ladder.name) {
                    let Some(idx) = m
                        .measure
                        .as_ref()
                        .and_then(|n| ladder.measures.iter().position(|x| x.name == *n))
                    else {
                        continue;
                    };
                    match &mut best {
                        Some((b, from)) if *b == idx => from.push((ei, m.months)),
                        Some((b, _)) if *b > idx => {}
                        _ => best = Some((idx, vec![(ei, m.months)])),
                    }
                }
            }
            let Some((idx, from)) = best else { continue };
            let Some(m) = ladder.measures.get(idx) else {
                continue;
            };
            let (months, rule) = if ladder.sum_equal && from.len() > 1 {
                let sum: u32 = from.iter().filter_map(|(_, mo)| *mo).sum();
                let capped = ladder.cap_months.map_or(sum, |c| sum.min(c));
                (
                    m.months.map(|_| capped),
                    format!(
                        "heaviest applies; {} equal periods combined{}",
                        from.len(),
                        ladder
                            .cap_months
                            .map_or(String::new(), |c| format!(", capped at {c} months"))
                    ),
                )
            } else {
                (
                    m.months,
                    if from.len() > 1 {
                        "heaviest applies".to_owned()
                    } else {
                        "single measure".to_owned()
                    },
                )
            };
            out.push(Combined {
                person: person.id.clone(),
                ladder: ladder.name.clone(),
                measure: m.name.clone(),
                label: m.label.clone().unwrap_or_else(|| m.name.clone()),
                months,
                from: from.iter().map(|(e, _)| *e).collect(),
                rule,
            });
        }
    }
    out
}
