//! Findings → liability: accountability rules applied, the trace up `reports_to`, grades,
//! exemptions and reductions, and measures graded by consequence.

use std::cell::{Cell, RefCell};
use std::fmt::Write;

use serde::Serialize;

use super::case::{Case, CaseError, Person, Text};
use super::chain::{Combination, Link};
use super::clock::Clock;
use super::duties::CaseEnv;
use super::duties::Finding;
use crate::check::answers;
use crate::compile::model::Applies;
use crate::compile::model::{AccRule, Model, Penalty, PersonTerm, Persons, RoleId, StepId};
use crate::compile::value;
use crate::date::{self, Day};
use crate::diag::Code;
use crate::msg;
use crate::vocab::{FindingKind, Grade, Level};

/// A measure after grading.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct MeasureOut {
    /// The ladder.
    pub ladder: Text,
    /// The measure (None: no measure, 免予处分).
    pub measure: Option<Text>,
    /// Its label.
    pub label: Text,
    /// Its period in months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// How it was graded.
    pub grading: String,
    /// Its place on the ladder (-1: no measure).
    #[serde(skip)]
    pub rank: i64,
}

/// A reduction applied.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Reduced {
    /// Steps down the ladder.
    pub by: u32,
    /// Why.
    pub reason: String,
}

/// One person answering under one rule at one grade.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Liability {
    /// Person id.
    pub person: Text,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// The role through which they were reached.
    pub role: Text,
    /// The unit the person works in, when the case says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// Responsibility grade.
    pub grade: Grade,
    /// The accountability rule.
    pub rule: Text,
    /// Its article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Text>,
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
    pub trace: Vec<Link>,
    /// Index of the person in the case.
    #[serde(skip)]
    pub person_index: u32,
}

/// Several measures for one person on one ladder, combined by the ladder's rule.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Combined {
    /// Person id.
    pub person: Text,
    /// The ladder.
    pub ladder: Text,
    /// The measure that applies.
    pub measure: Text,
    /// Its label.
    pub label: Text,
    /// The combined period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Indexes of the liability entries combined.
    pub from: Vec<usize>,
    /// How they were combined.
    pub rule: Combination,
}

/// A measure index and the (liability entry, months) pairs that reached it.
type Heaviest = (usize, Vec<(usize, Option<u32>)>);

/// A person reached, with the role and the path.
#[derive(Clone, Copy)]
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
    /// They are the case's recorded direct superior of this person.
    Superior(u32),
    /// The duty fell on them as a holder of the role (`required for each`).
    Holder(RoleId),
}

impl Reached {
    /// The links after the finding: step → role → person → reports_to …
    fn trace(&self, model: &Model, case: &Case, f: &Finding) -> Vec<Link> {
        let person = || {
            case.people
                .get(self.person as usize)
                .map_or_else(|| Text::from("?"), |p| p.id.clone())
        };
        let role = |r: RoleId| Text::from(model.role_name(r));
        let held = |r: RoleId| Link::Held {
            role: role(r),
            person: person(),
        };
        let step = || f.step.clone();
        match self.via {
            Via::Performed => vec![Link::Performed {
                step: step(),
                person: person(),
            }],
            Via::Duty(r) => vec![
                Link::Duty {
                    step: step(),
                    role: role(r),
                },
                held(r),
            ],
            Via::Answers(r) => vec![
                Link::Answers {
                    role: role(r),
                    step: step(),
                },
                held(r),
            ],
            Via::ReportsTo(from, to) => vec![
                Link::ReportsTo {
                    from: role(from),
                    to: role(to),
                },
                held(to),
            ],
            Via::Superior(of) => vec![Link::Superior {
                person: person(),
                of: case
                    .people
                    .get(of as usize)
                    .map_or_else(|| Text::from("?"), |p| p.id.clone()),
            }],
            Via::Holder(r) => vec![Link::Holder {
                step: step(),
                role: role(r),
                person: person(),
            }],
            Via::Listed(s, field, event) => vec![Link::Listed {
                person: person(),
                field: model
                    .step(s)
                    .and_then(|x| x.fields.get(field as usize))
                    .map_or("?", |x| x.name.as_str())
                    .into(),
                step: model.step_name(s).into(),
                event,
            }],
        }
    }
}

/// A liable clause that reached nobody in the case: reported, never silent.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Unassigned {
    /// The accountability rule.
    pub rule: String,
    /// The grade nobody answers at.
    pub grade: Grade,
    /// Who the clause names.
    pub persons: String,
    /// Indexes of the findings it answers.
    pub findings: Vec<usize>,
}

/// Who answers, and the liable clauses that reached nobody.
#[derive(Default)]
pub struct Outcome {
    /// The liability entries.
    pub entries: Vec<Liability>,
    /// Liable clauses nobody in the case holds.
    pub unassigned: Vec<Unassigned>,
}

/// Applies the accountability rules to the findings.
pub fn liability(
    model: &Model,
    case: &Case,
    findings: &[Finding],
    level: Option<Level>,
) -> Result<Outcome, CaseError> {
    if findings.is_empty() {
        // No rule answers nothing: a compliant case takes no work here.
        return Ok(Outcome::default());
    }
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
    let mut out = Outcome::default();
    let ctx = Ctx {
        model,
        case,
        findings,
        level,
        listed: RefCell::default(),
        pairs: Cell::new(0),
    };
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
        ctx.apply(rule, &answered, &mut out)?;
    }
    Ok(out)
}

/// What applying a rule reads.
struct Ctx<'a> {
    model: &'a Model,
    case: &'a Case,
    findings: &'a [Finding],
    level: Option<Level>,
    /// The people each recorded field lists across the case's events (step, field), found
    /// once however many findings ask: a case of many findings and events stays linear.
    listed: RefCell<foldhash::HashMap<(StepId, u32), Vec<Reached>>>,
    /// The (person, finding) pairs reached so far (see [`Ctx::count`]).
    pairs: Cell<usize>,
}

/// The most (person, finding) pairs one case may reach, counted per rule and clause, unless
/// [`PAIRS_PER_FINDING`] allows more: a verdict lists them all, so without a bound a small
/// record of many people and many findings would take memory and time of their product.
pub const MAX_PAIRS: usize = 1 << 18;

/// The pairs each finding may reach whatever their number: a case of many findings and few
/// people grows its verdict only in step with its record.
pub const PAIRS_PER_FINDING: usize = 16;

fn direct_match(rule: &AccRule, f: &Finding) -> bool {
    let pred = f.other.filter(|_| f.kind == FindingKind::OutOfOrder);
    answers(rule, f.kind, f.step_id, pred.as_slice())
}

impl Ctx<'_> {
    /// Counts `n` more (person, finding) pairs; past [`MAX_PAIRS`], or [`PAIRS_PER_FINDING`]
    /// for each finding where that is more, the case is refused.
    fn count(&self, n: usize) -> Result<(), CaseError> {
        let pairs = self.pairs.get().saturating_add(n);
        self.pairs.set(pairs);
        let limit = MAX_PAIRS.max(PAIRS_PER_FINDING.saturating_mul(self.findings.len()));
        if pairs <= limit {
            return Ok(());
        }
        Err(CaseError::keyed(
            Code::LiabilityTooLarge,
            "liability",
            msg!("liability-too-large", limit = limit),
            Some(msg!("liability-too-large-help")),
        ))
    }

    /// The day of the conduct behind some findings (the latest of their days).
    fn conduct(&self, fis: &[usize]) -> Option<Day> {
        fis.iter()
            .filter_map(|&i| self.findings.get(i)?.day)
            .max()
            .or_else(|| self.case.events.iter().map(|e| e.end).max())
    }

    /// Whether a guarded clause applies to conduct on `day`.
    fn applies(&self, a: &Applies, day: Option<Day>) -> Result<bool, CaseError> {
        if day.is_some_and(|d| !a.in_force(d)) {
            return Ok(false);
        }
        let Some(c) = &a.cond else { return Ok(true) };
        let env = CaseEnv {
            case: self.case,
            event: None,
            deemed: &[],
            memo: None,
        };
        value::truth(&c.expr, &env).map_err(|u| match u {
            value::Undefined::Fact(f) => super::duties::missing_fact(self.model, f, "rule"),
            _ => super::duties::unevaluable("facts"),
        })
    }

    fn apply(
        &self,
        rule: &AccRule,
        answered: &[usize],
        out: &mut Outcome,
    ) -> Result<(), CaseError> {
        let (model, case, findings) = (self.model, self.case, self.findings);
        let day = self.conduct(answered);
        // Who each exemption or reduction reaches, per answered finding: once per rule.
        // (finding, person) pairs each relief reaches, so an entry is matched in its own length.
        let mut relieved: Vec<foldhash::HashSet<(usize, u32)>> =
            Vec::with_capacity(rule.reliefs.len());
        for relief in &rule.reliefs {
            let mut hits = foldhash::HashSet::default();
            if self.applies(&relief.applies, day)? {
                for &fi in answered {
                    let Some(f) = findings.get(fi) else { continue };
                    let reached = self.reach(f, &relief.persons);
                    self.count(reached.len())?;
                    hits.extend(reached.iter().map(|r| (fi, r.person)));
                }
            }
            relieved.push(hits);
        }
        for l in &rule.liable {
            if !self.applies(&l.applies, day)? {
                continue;
            }
            let start = out.entries.len();
            let mut clause = Clause {
                rule,
                grade: l.grade,
                start,
                index: foldhash::HashMap::default(),
            };
            let mut nobody = Vec::new();
            for &fi in answered {
                let Some(f) = findings.get(fi) else { continue };
                let reached = self.reach(f, &l.persons);
                self.count(reached.len())?;
                if reached.is_empty() {
                    nobody.push(fi);
                }
                for r in reached {
                    add(model, case, out, &mut clause, fi, f, &r);
                }
            }
            // A set drawn from a recorded field is empty when nobody was listed; one drawn from
            // roles is empty only when nobody in the case holds them, which is said.
            if !nobody.is_empty() && role_based(&l.persons.include) {
                out.unassigned.push(Unassigned {
                    rule: rule.name.clone(),
                    grade: l.grade,
                    persons: describe(model, &l.persons),
                    findings: nobody,
                });
            }
            for entry in out.entries.get_mut(start..).into_iter().flatten() {
                self.relieve(rule, &relieved, entry);
                if entry.exempt.is_none() {
                    entry.measures = self.measures(rule, entry)?;
                }
            }
        }
        Ok(())
    }

    fn relieve(
        &self,
        rule: &AccRule,
        relieved: &[foldhash::HashSet<(usize, u32)>],
        entry: &mut Liability,
    ) {
        for (relief, hits) in rule.reliefs.iter().zip(relieved) {
            let hit = entry
                .findings
                .iter()
                .any(|fi| hits.contains(&(*fi, entry.person_index)));
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
    }

    /// The measures of an entry: per ladder, the table in force at the conduct, or a later one
    /// that is lighter (从旧兼从轻).
    fn measures(&self, rule: &AccRule, entry: &Liability) -> Result<Vec<MeasureOut>, CaseError> {
        if rule.penalties.is_empty() {
            return Ok(Vec::new());
        }
        let Some(level) = self.level else {
            return Err(CaseError::keyed(
                Code::WrongCaseType,
                "outcome.consequence",
                msg!("missing-consequence", rule = rule.name),
                None,
            ));
        };
        let day = self.conduct(&entry.findings);
        let person = self.case.people.get(entry.person_index as usize);
        let mut out: Vec<MeasureOut> = Vec::new();
        for p in &rule.penalties {
            let later = day.is_some_and(|d| p.applies.since.is_some_and(|s| s > d));
            if !(p.applies.in_force(day.unwrap_or(Day::MAX)) || later) {
                continue;
            }
            let mut m = grade(self.model, p, level, entry, person, day);
            if p.applies.dated() {
                let since = p
                    .applies
                    .since
                    .map_or("the start".to_owned(), |d| date::show(d).to_string());
                let _ = write!(m.grading, "; table in force since {since}");
            }
            match out.iter_mut().find(|x| x.ladder == m.ladder) {
                Some(x) if m.rank < x.rank => {
                    m.grading
                        .push_str("; the later, lighter table applies (从旧兼从轻)");
                    *x = m;
                }
                Some(_) => {}
                None => out.push(m),
            }
        }
        Ok(out)
    }

    /// The people a person set reaches for one finding.
    fn reach(&self, f: &Finding, persons: &Persons) -> Vec<Reached> {
        let case = self.case;
        let mut found = self.term(f, &persons.include);
        if let Some(role) = persons.holding {
            found.retain(|r| {
                case.people
                    .get(r.person as usize)
                    .is_some_and(|p| p.roles.contains(&role))
            });
        }
        for ex in &persons.except {
            let mut out = Found::default();
            for r in self.term(f, ex) {
                out.push(r);
            }
            found.retain(|r| !out.has(r.person));
        }
        found
    }

    /// The people one term of a person set reaches for one finding.
    fn term(&self, f: &Finding, t: &PersonTerm) -> Vec<Reached> {
        let (model, case) = (self.model, self.case);
        let step = model.step(f.step_id);
        match t {
            PersonTerm::Actor => {
                if let (Some(h), Some(role)) = (f.holder, step.and_then(|s| s.each)) {
                    return vec![Reached {
                        person: h,
                        role: Some(role),
                        via: Via::Holder(role),
                    }];
                }
                let mut out = Found::default();
                for e in f
                    .events
                    .iter()
                    .filter_map(|i| case.events.get(*i))
                    .filter(|e| e.step == f.step_id)
                {
                    if out.has(e.by) {
                        continue;
                    }
                    let Some(p) = case.people.get(e.by as usize) else {
                        continue;
                    };
                    let role =
                        step.and_then(|s| s.by.iter().find(|r| p.roles.contains(r)).copied());
                    out.push(Reached {
                        person: e.by,
                        role,
                        via: Via::Performed,
                    });
                }
                if out.list.is_empty() {
                    // Nobody performed it (a missing step): the holders of the post it names first,
                    // which is charged with it; the other roles may perform it too.
                    if let Some(r) = step.and_then(|s| s.by.first()) {
                        return holders(case, *r, Via::Duty(*r)).collect();
                    }
                }
                out.list
            }
            PersonTerm::Role(r) => holders(case, *r, Via::Answers(*r)).collect(),
            PersonTerm::Leader(inner) => {
                // Each person the inner term reached answers to their recorded direct superior
                // (问责条例 Art. 6: the leader who directly supervised the work); without one, to the
                // holders of the role theirs reports to — those of their own unit when units are
                // recorded; when it reached nobody, up from the roles it names.
                let mut out = Found::default();
                let reached = self.term(f, inner);
                // The distinct (role, unit) pairs to go up from: few, however many were reached.
                let mut from: Vec<(RoleId, Option<&str>)> = Vec::new();
                for r in &reached {
                    let person = case.people.get(r.person as usize);
                    match person.and_then(|p| p.superior) {
                        Some(s) => out.push(superior(model, case, r, s)),
                        None => {
                            let pair = r.role.map(|x| (x, person.and_then(|p| p.unit.as_deref())));
                            if let Some(pair) = pair.filter(|p| !from.contains(p)) {
                                from.push(pair);
                            }
                        }
                    }
                }
                if reached.is_empty() {
                    from = roles_of(model, f, inner)
                        .into_iter()
                        .map(|r| (r, None))
                        .collect();
                }
                for (role, unit) in from {
                    let Some(up) = model.roles.get(role.index()).and_then(|r| r.reports_to) else {
                        continue;
                    };
                    let via = Via::ReportsTo(role, up);
                    let same_unit = |x: &Reached| {
                        unit.is_some()
                            && case
                                .people
                                .get(x.person as usize)
                                .and_then(|p| p.unit.as_deref())
                                == unit
                    };
                    let narrow = holders(case, up, via).any(|x| same_unit(&x));
                    for r in holders(case, up, via).filter(|x| !narrow || same_unit(x)) {
                        out.push(r);
                    }
                }
                out.list
            }
            PersonTerm::Field(sid, fi) => self
                .listed
                .borrow_mut()
                .entry((*sid, *fi))
                .or_insert_with(|| listed(case, *sid, *fi))
                .clone(),
        }
    }
}

/// One `liable` clause being applied: its entries start at `start`; `index` finds a person's
/// entry once there are many.
struct Clause<'r> {
    rule: &'r AccRule,
    grade: Grade,
    start: usize,
    index: foldhash::HashMap<u32, usize>,
}

impl Clause<'_> {
    /// The index of a person's entry under this clause: a scan while there are few entries, the
    /// index once there are many (so a case with thousands of holders stays linear).
    fn entry_of(&mut self, out: &Outcome, person: u32) -> Option<usize> {
        let mine = out.entries.get(self.start..).unwrap_or(&[]);
        if mine.len() < 32 {
            return mine
                .iter()
                .position(|e| e.person_index == person)
                .map(|i| i + self.start);
        }
        if self.index.len() < mine.len() {
            for (i, e) in mine.iter().enumerate() {
                self.index.insert(e.person_index, i + self.start);
            }
        }
        self.index.get(&person).copied()
    }
}

/// Adds a person reached for a finding: a new entry, or the finding on their existing one.
fn add(
    model: &Model,
    case: &Case,
    out: &mut Outcome,
    clause: &mut Clause<'_>,
    fi: usize,
    f: &Finding,
    r: &Reached,
) {
    let found = clause
        .entry_of(out, r.person)
        .and_then(|i| out.entries.get_mut(i));
    if let Some(entry) = found {
        // Findings come in ascending order, so a repeat can only be the last one added.
        if entry.findings.last() != Some(&fi) {
            entry.findings.push(fi);
        }
        return;
    }
    let Some(p) = case.people.get(r.person as usize) else {
        return;
    };
    let mut trace = vec![Link::Finding {
        index: fi,
        kind: f.kind,
        step: f.step.clone(),
    }];
    trace.extend(r.trace(model, case, f));
    if !clause.index.is_empty() {
        clause.index.insert(r.person, out.entries.len());
    }
    let (rule, grade) = (clause.rule, clause.grade);
    out.entries.push(Liability {
        person: p.id.clone(),
        name: p.name.clone(),
        role: r
            .role
            .or(p.roles.first().copied())
            .map_or_else(Text::default, |x| Text::from(model.role_name(x))),
        unit: p.unit.clone(),
        grade,
        rule: Text::from(rule.name.as_str()),
        cite: rule.cite.as_deref().map(Text::from),
        findings: vec![fi],
        measures: Vec::new(),
        exempt: None,
        reduced: None,
        trace,
        person_index: r.person,
    });
}

/// True for a person term drawn from roles (not from a recorded field).
fn role_based(t: &PersonTerm) -> bool {
    match t {
        PersonTerm::Actor | PersonTerm::Role(_) => true,
        PersonTerm::Leader(inner) => role_based(inner),
        PersonTerm::Field(..) => false,
    }
}

/// A person set as the rulebook names it.
fn describe(model: &Model, p: &Persons) -> String {
    fn term(model: &Model, t: &PersonTerm) -> String {
        match t {
            PersonTerm::Actor => "actor".to_owned(),
            PersonTerm::Role(r) => model.role_name(*r).to_owned(),
            PersonTerm::Leader(inner) => format!("leader of {}", term(model, inner)),
            PersonTerm::Field(s, i) => format!(
                "{} of {}",
                model
                    .step(*s)
                    .and_then(|x| x.fields.get(*i as usize))
                    .map_or("?", |f| f.name.as_str()),
                model.step_name(*s)
            ),
        }
    }
    let mut text = term(model, &p.include);
    if let Some(r) = p.holding {
        let _ = write!(text, " holding {}", model.role_name(r));
    }
    for e in &p.except {
        let _ = write!(text, " except {}", term(model, e));
    }
    text
}

/// People reached so far, each once, in the order reached: a scan while they are few, a set once
/// they are many, so a case with thousands of holders stays linear.
#[derive(Default)]
struct Found {
    list: Vec<Reached>,
    seen: foldhash::HashSet<u32>,
}

impl Found {
    fn has(&mut self, person: u32) -> bool {
        if self.list.len() < 32 {
            return self.list.iter().any(|x| x.person == person);
        }
        if self.seen.len() < self.list.len() {
            self.seen.extend(self.list.iter().map(|x| x.person));
        }
        self.seen.contains(&person)
    }

    fn push(&mut self, r: Reached) {
        if self.has(r.person) {
            return;
        }
        if !self.seen.is_empty() {
            self.seen.insert(r.person);
        }
        self.list.push(r);
    }
}

/// The people field `fi` of step `sid` lists across a case's events, each once.
fn listed(case: &Case, sid: StepId, fi: u32) -> Vec<Reached> {
    let mut out = Found::default();
    for (k, e) in case
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.step == sid)
    {
        let listed: &[u32] = match e.fields.get(fi as usize).and_then(Option::as_ref) {
            Some(super::case::FieldVal::Persons(ps)) => ps,
            Some(super::case::FieldVal::Person(p)) => std::slice::from_ref(p),
            _ => &[],
        };
        for &p in listed {
            if out.has(p) {
                continue;
            }
            let Some(person) = case.people.get(p as usize) else {
                continue;
            };
            out.push(Reached {
                person: p,
                role: person.roles.first().copied(),
                via: Via::Listed(sid, fi, k),
            });
        }
    }
    out.list
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

/// The recorded superior `s` of a reached person, in the role theirs reports to when they hold it.
fn superior(model: &Model, case: &Case, r: &Reached, s: u32) -> Reached {
    let up = r
        .role
        .and_then(|x| model.roles.get(x.index()))
        .and_then(|x| x.reports_to);
    let role = case.people.get(s as usize).and_then(|p| {
        up.filter(|u| p.roles.contains(u))
            .or(p.roles.first().copied())
    });
    Reached {
        person: s,
        role,
        via: Via::Superior(r.person),
    }
}

/// The roles a term names (for `leader of` when it reached nobody).
fn roles_of(model: &Model, f: &Finding, t: &PersonTerm) -> Vec<RoleId> {
    match t {
        PersonTerm::Actor => model
            .step(f.step_id)
            .and_then(|s| s.by.first().copied())
            .into_iter()
            .collect(),
        PersonTerm::Role(r) => vec![*r],
        PersonTerm::Leader(inner) => roles_of(model, f, inner)
            .into_iter()
            .filter_map(|r| model.roles.get(r.index()).and_then(|x| x.reports_to))
            .collect(),
        PersonTerm::Field(..) => Vec::new(),
    }
}

/// Prior offences an aggravation counts for conduct on `day`, and how they were counted.
fn priors(p: &Penalty, person: Option<&Person>, day: Option<Day>) -> (u32, String) {
    let Some(person) = person else {
        return (0, String::new());
    };
    let filter = &p.prior;
    let dated = person.priors.iter().filter(|o| {
        let Some(day) = day else { return false };
        let before = o.day < day;
        let window = filter.window.is_none_or(|w| {
            Clock::new(None, false)
                .earliest(o.day, i64::from(w.amount), w.unit)
                .is_ok_and(|end| day <= end)
        });
        let during = !filter.during || o.until.is_some_and(|u| day <= u);
        let kind = filter.kinds.is_empty() || o.kind.is_some_and(|k| filter.kinds.contains(&k));
        before && window && during && kind
    });
    let n = u32::try_from(dated.count()).unwrap_or(u32::MAX);
    let mut how = String::new();
    if let Some(w) = filter.window {
        let _ = write!(how, " within {w}");
    }
    if filter.during {
        how.push_str(" during a sanction's period");
    }
    if filter.filters() {
        // An undated count cannot be placed in a window: it does not count, and the grading says so.
        if person.prior_offences > 0 {
            let _ = write!(how, " ({} undated not counted)", person.prior_offences);
        }
        (n, how)
    } else {
        (n.saturating_add(person.prior_offences), how)
    }
}

/// Grades one penalty table for one person.
fn grade(
    model: &Model,
    p: &Penalty,
    level: Level,
    entry: &Liability,
    person: Option<&Person>,
    day: Option<Day>,
) -> MeasureOut {
    let ladder = model.ladders.get(p.ladder.index());
    let ladder_name = ladder.map_or_else(Text::default, |l| Text::from(l.name.as_str()));
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
    let grade = entry.grade;
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
    let (prior, how) = priors(p, person, day);
    if prior > 0 && p.aggravate != 0 {
        let up = i64::from(p.aggravate).saturating_mul(i64::from(prior));
        idx = idx.saturating_add(up);
        let _ = write!(steps, "; {prior} prior offence(s){how} {up:+}");
    } else if p.aggravate != 0
        && p.prior.filters()
        && person.is_some_and(|x| x.prior_offences > 0 || !x.priors.is_empty())
    {
        let _ = write!(steps, "; no prior offence{how}");
    }
    if person.is_some_and(|x| x.self_corrected) && p.mitigate != 0 {
        idx = idx.saturating_add(i64::from(p.mitigate));
        let _ = write!(steps, "; self-corrected {:+}", p.mitigate);
    }
    let reduce = entry.reduced.as_ref().map_or(0, |r| r.by);
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
            measure: Some(Text::from(m.name.as_str())),
            label: Text::from(m.label.as_deref().unwrap_or(&m.name)),
            months: m.months,
            grading: steps,
            rank: idx,
        },
        None => MeasureOut {
            ladder: ladder_name,
            measure: None,
            label: Text::from("no measure (免予处分)"),
            months: None,
            grading: steps,
            rank: -1,
        },
    }
}

/// Combines each person's measures per ladder: the heaviest applies; equal periods add up to
/// the ladder's cap where the ladder says so.
pub fn combine(model: &Model, case: &Case, entries: &[Liability]) -> Vec<Combined> {
    let mut out = Vec::new();
    // Entries grouped by person (stably, so each group keeps its order): each entry is visited
    // once per ladder, however many people the case has.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| entries.get(i).map_or(u32::MAX, |e| e.person_index));
    for group in order.chunk_by(|&a, &b| {
        entries.get(a).map(|e| e.person_index) == entries.get(b).map(|e| e.person_index)
    }) {
        let Some(person) = group
            .first()
            .and_then(|&i| entries.get(i))
            .and_then(|e| case.people.get(e.person_index as usize))
        else {
            continue;
        };
        for ladder in &model.ladders {
            // The heaviest measure so far, and the (entry, months) pairs that carry it.
            let mut best: Option<Heaviest> = None;
            for (ei, e) in group.iter().filter_map(|&i| entries.get(i).map(|e| (i, e))) {
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
                let sum: u32 = from
                    .iter()
                    .filter_map(|(_, mo)| *mo)
                    .fold(0, u32::saturating_add);
                let capped = ladder.cap_months.map_or(sum, |c| sum.min(c));
                let rule = Combination::Summed {
                    count: from.len(),
                    cap: ladder.cap_months,
                };
                (m.months.map(|_| capped), rule)
            } else if from.len() > 1 {
                (m.months, Combination::Heaviest)
            } else {
                (m.months, Combination::Single)
            };
            out.push(Combined {
                person: person.id.clone(),
                ladder: Text::from(ladder.name.as_str()),
                measure: Text::from(m.name.as_str()),
                label: Text::from(m.label.as_deref().unwrap_or(&m.name)),
                months,
                from: from.iter().map(|(e, _)| *e).collect(),
                rule,
            });
        }
    }
    out
}
