//! The lowered model: every name resolved to an index id, every type checked, spans kept for
//! diagnostics. Checks and the evaluator read only this.

use foldhash::HashMap;

use rust_decimal::Decimal;

use super::calendar::Calendar;
use crate::date::Day;
use crate::parse::ast::{AggOp, ArithOp, CmpOp, Pick, Point};
use crate::source::Span;
use crate::vocab::{FindingKind, Grade, Level, Unit};

macro_rules! ids {
    ($($(#[$m:meta])* $name:ident;)+) => {$(
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the model's table.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the `i`-th entry.
            pub fn of(i: usize) -> $name {
                $name(u32::try_from(i).unwrap_or(u32::MAX))
            }
        }
    )+};
}

ids! {
    /// A role.
    RoleId;
    /// A fact.
    FactId;
    /// A step (unique across the rulebook's procedures).
    StepId;
    /// A procedure.
    ProcId;
    /// An accountability rule.
    RuleId;
    /// A penalty ladder.
    LadderId;
    /// A calendar.
    CalId;
}

/// A compiled rulebook.
#[derive(Debug, Default)]
pub struct Model {
    /// Rulebook id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Version text.
    pub version: Option<String>,
    /// Effective date.
    pub effective: Option<String>,
    /// The regulation it encodes.
    pub source: Option<String>,
    /// Its reference cases: a directory relative to the rulebook file.
    pub cases: Option<String>,
    /// The consequence level graded when a case gives none (`consequence default`).
    pub consequence_default: Option<Level>,
    /// Whether a matter is closed when its case does not say (`closed default`).
    pub closed_default: Option<bool>,
    /// How long before its due date a pending duty is in its warning window (`warn … before`).
    pub warn: Option<Dur>,
    /// Every file the rulebook was read from, with its hash.
    pub files: Vec<super::load::FileHash>,
    /// Where the header is.
    pub span: Span,
    /// Roles.
    pub roles: Vec<Role>,
    /// Separation-of-duty pairs.
    pub separations: Vec<Separation>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Calendars.
    pub calendars: Vec<Calendar>,
    /// Penalty ladders.
    pub ladders: Vec<Ladder>,
    /// Procedures.
    pub procedures: Vec<Procedure>,
    /// Steps of all procedures.
    pub steps: Vec<Step>,
    /// Accountability rules.
    pub rules: Vec<AccRule>,
    /// The superior rulebook this one refines, compiled on its own.
    pub superior: Option<Box<Model>>,
    /// Name → index of steps, procedures, roles, facts and rules.
    names: Names,
}

/// Hash indexes of names, so lookups stay O(1) in large rulebooks.
#[derive(Debug, Default)]
struct Names {
    steps: HashMap<String, u32>,
    procedures: HashMap<String, u32>,
    roles: HashMap<String, u32>,
    facts: HashMap<String, u32>,
    rules: HashMap<String, u32>,
}

fn index<'a>(names: impl Iterator<Item = &'a String>) -> HashMap<String, u32> {
    let mut map = HashMap::default();
    for (i, n) in names.enumerate() {
        // The first declaration keeps the name (a repeat is reported as a duplicate).
        map.entry(n.clone())
            .or_insert(u32::try_from(i).unwrap_or(u32::MAX));
    }
    map
}

impl Model {
    /// Rebuilds the name indexes after declarations were added.
    pub fn reindex(&mut self) {
        self.names = Names {
            steps: index(self.steps.iter().map(|x| &x.name)),
            procedures: index(self.procedures.iter().map(|x| &x.name)),
            roles: index(self.roles.iter().map(|x| &x.name)),
            facts: index(self.facts.iter().map(|x| &x.name)),
            rules: index(self.rules.iter().map(|x| &x.name)),
        };
    }

    /// Finds a step by name.
    pub fn step_named(&self, name: &str) -> Option<StepId> {
        self.names.steps.get(name).map(|&i| StepId(i))
    }

    /// Finds a procedure by name.
    pub fn procedure_named(&self, name: &str) -> Option<ProcId> {
        self.names.procedures.get(name).map(|&i| ProcId(i))
    }

    /// Finds a role by name.
    pub fn role_named(&self, name: &str) -> Option<RoleId> {
        self.names.roles.get(name).map(|&i| RoleId(i))
    }

    /// Finds a fact by name.
    pub fn fact_named(&self, name: &str) -> Option<FactId> {
        self.names.facts.get(name).map(|&i| FactId(i))
    }

    /// Finds a rule by name.
    pub fn rule_named(&self, name: &str) -> Option<RuleId> {
        self.names.rules.get(name).map(|&i| RuleId(i))
    }

    /// The step behind an id.
    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.steps.get(id.index())
    }

    /// A step's name ("?" for a bad id).
    pub fn step_name(&self, id: StepId) -> &str {
        self.step(id).map_or("?", |s| s.name.as_str())
    }

    /// A limit's origin as written: `step`, `step.start` or a date fact's name.
    pub fn origin_name(&self, o: Origin) -> String {
        match o {
            Origin::Step(at, _) => {
                let step = self.step_name(at.step);
                match at.point {
                    Point::Start => format!("{step}.start"),
                    Point::End => step.to_owned(),
                }
            }
            Origin::Fact(f) => self
                .facts
                .get(f.index())
                .map_or("?".to_owned(), |x| x.name.clone()),
        }
    }

    /// A role's name ("?" for a bad id).
    pub fn role_name(&self, id: RoleId) -> &str {
        self.roles.get(id.index()).map_or("?", |r| r.name.as_str())
    }
}

/// A post or body.
#[derive(Debug, Clone)]
pub struct Role {
    /// Id.
    pub name: String,
    /// Label.
    pub label: Option<String>,
    /// The role it reports to.
    pub reports_to: Option<RoleId>,
    /// Where `reports_to` was written.
    pub reports_to_span: Span,
    /// Where it was declared.
    pub span: Span,
}

/// One person may not act in both roles in one case.
#[derive(Debug, Clone)]
pub struct Separation {
    /// First role.
    pub a: RoleId,
    /// Second role.
    pub b: RoleId,
    /// Why.
    pub reason: Option<String>,
    /// Where it was declared.
    pub span: Span,
}

/// A value type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    /// true or false.
    Bool,
    /// A whole number.
    Int,
    /// An exact decimal amount.
    Money,
    /// A calendar date.
    Date,
    /// Free text.
    Text,
    /// One of a fact's enumerated values.
    Enum(FactId),
    /// A person id.
    Person,
    /// A list of person ids.
    Persons,
}

/// A typed attribute of a case.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Id.
    pub name: String,
    /// Type.
    pub ty: Type,
    /// Enumerated values, for an enum fact.
    pub variants: Vec<String>,
    /// What a case that omits it gets.
    pub default: FactDefault,
    /// Its JSON path in a case (`facts.NAME`), shared by every verdict that lists its default.
    pub path: std::sync::Arc<str>,
    /// Label.
    pub label: Option<String>,
    /// Where it was declared.
    pub span: Span,
}

/// What a case that omits a fact gets.
#[derive(Debug, Clone, PartialEq)]
pub enum FactDefault {
    /// Nothing: a case that needs the fact must give it.
    Required,
    /// This value, reported in the verdict's `defaults`.
    Value(Val),
    /// Absence is allowed: the clauses that read it do not apply (reported as `null`).
    Optional,
}

/// A constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// A truth value.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// An amount.
    Money(Decimal),
    /// A date as days since 1970-01-01.
    Date(i32),
    /// Text.
    Text(String),
    /// An enum value: the fact and the variant's index.
    Enum(FactId, u32),
}

/// A resolved, typed expression.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A constant.
    Const(Val),
    /// A fact of the case.
    Fact(FactId),
    /// A recorded field of the step's event, by index.
    Field(u32),
    /// The number of people in a recorded field, optionally only those holding a role.
    Count(u32, Option<RoleId>),
    /// The number of events of a step in the case.
    Events(StepId),
    /// `sum`, `min` or `max` of a recorded field over the events of a step.
    Agg(AggOp, StepId, u32),
    /// The number of people in the case holding a role.
    Holders(RoleId),
    /// Negation.
    Not(Box<Expr>),
    /// Conjunction.
    And(Vec<Expr>),
    /// Disjunction.
    Or(Vec<Expr>),
    /// Comparison.
    Cmp(Box<Expr>, CmpOp, Box<Expr>),
    /// Membership.
    In(Box<Expr>, Vec<Expr>),
    /// Arithmetic.
    Arith(Box<Expr>, ArithOp, Box<Expr>),
}

/// A condition with its place.
#[derive(Clone, Debug)]
pub struct Cond {
    /// The expression.
    pub expr: Expr,
    /// Where it was written.
    pub span: Span,
}

impl Cond {
    /// The always-true condition at a place.
    pub fn always(span: Span) -> Cond {
        Cond {
            expr: Expr::Const(Val::Bool(true)),
            span,
        }
    }
}

/// A duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dur {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: Unit,
}

impl std::fmt::Display for Dur {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.unit)
    }
}

/// A point in time of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct At {
    /// The step.
    pub step: StepId,
    /// Its start or end.
    pub point: Point,
}

/// When a clause applies: a condition over the case's facts and a time of force. The default
/// applies always.
#[derive(Debug, Clone, Default)]
pub struct Applies {
    /// Applies only when this holds (`when C`; `unless C` is stored negated).
    pub cond: Option<Cond>,
    /// In force for acts on or after this day.
    pub since: Option<Day>,
    /// In force for acts on or before this day.
    pub until: Option<Day>,
}

impl Applies {
    /// True when the clause is in force for an act on `day`.
    pub fn in_force(&self, day: Day) -> bool {
        self.since.is_none_or(|s| day >= s) && self.until.is_none_or(|u| day <= u)
    }

    /// True when the clause has a time of force.
    pub fn dated(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// What a limit is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// An event of a step, picked among repeats.
    Step(At, Pick),
    /// A date fact of the case.
    Fact(FactId),
}

impl Origin {
    /// The step, when counted from one.
    pub fn step(self) -> Option<At> {
        match self {
            Origin::Step(at, _) => Some(at),
            Origin::Fact(_) => None,
        }
    }
}

/// `deemed at ANCHOR when …`: a legal fiction that makes a step count as done.
#[derive(Debug, Clone)]
pub struct Deemed {
    /// The event whose day the step counts as done on.
    pub at: Origin,
    /// What makes the fiction hold.
    pub when: DeemedWhen,
    /// Where it was written.
    pub span: Span,
}

/// What makes a deemed act hold.
#[derive(Debug, Clone)]
pub enum DeemedWhen {
    /// A finding of one of these kinds about that step.
    Findings(Vec<FindingKind>, StepId),
    /// A condition over facts.
    Cond(Cond),
}

/// Which prior offences an aggravation counts.
#[derive(Debug, Clone, Default)]
pub struct PriorFilter {
    /// Only those this close before the conduct.
    pub window: Option<Dur>,
    /// Only those whose sanction period was still running at the conduct.
    pub during: bool,
    /// Only those of these kinds.
    pub kinds: Vec<FindingKind>,
}

impl PriorFilter {
    /// True when any prior offence is left out.
    pub fn filters(&self) -> bool {
        self.window.is_some() || self.during || !self.kinds.is_empty()
    }
}

/// A procedure: an ordered set of steps.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// Id.
    pub name: String,
    /// Label.
    pub label: Option<String>,
    /// The calendar counting its working days.
    pub calendar: Option<CalId>,
    /// Its steps, in declaration order.
    pub steps: Vec<StepId>,
    /// Where it was declared.
    pub span: Span,
}

/// `within N after S`: the step must end by then.
#[derive(Debug, Clone)]
pub struct Deadline {
    /// The limit.
    pub limit: Dur,
    /// The int fact whose value is the limit, when the case sets it (a service commitment).
    pub limit_fact: Option<FactId>,
    /// Counted from.
    pub anchor: Origin,
    /// `ends by FACT`: the day itself is the last day (no counting, no moving).
    pub fixed: bool,
    /// Steps that stop the clock while they run.
    pub excluding: Vec<StepId>,
    /// An extension and the step that grants it.
    pub extension: Option<(Dur, StepId)>,
    /// When it applies.
    pub applies: Applies,
    /// Where it was written.
    pub span: Span,
}

/// `at least N after S`: the step may start only then.
#[derive(Debug, Clone)]
pub struct Gap {
    /// The minimum.
    pub min: Dur,
    /// Counted from.
    pub anchor: At,
    /// Which event of a repeated anchor.
    pub pick: Pick,
    /// When it applies.
    pub applies: Applies,
    /// Where it was written.
    pub span: Span,
}

/// A bound with its place.
#[derive(Debug, Clone)]
pub struct Limit<T> {
    /// The bound.
    pub value: T,
    /// When it applies.
    pub applies: Applies,
    /// Where it was written.
    pub span: Span,
}

/// A recorded field of a step's events.
#[derive(Debug, Clone)]
pub struct Field {
    /// Name.
    pub name: String,
    /// Type.
    pub ty: Type,
    /// Where it was declared.
    pub span: Span,
}

/// A condition over recorded fields that must hold (a quorum).
#[derive(Debug, Clone)]
pub struct Ensure {
    /// The condition.
    pub cond: Cond,
    /// What it means.
    pub message: Option<String>,
    /// When it applies.
    pub applies: Applies,
}

/// A procedural step and the duties attached to it.
#[derive(Debug, Clone)]
pub struct Step {
    /// Id.
    pub name: String,
    /// Label.
    pub label: Option<String>,
    /// Its procedure.
    pub procedure: ProcId,
    /// When it is required (None: never).
    pub required: Option<Cond>,
    /// When the duty is in force (`since`/`until` on `required`).
    pub required_in_force: Applies,
    /// The duty falls on every holder of this role (`required for each`).
    pub each: Option<RoleId>,
    /// When it is forbidden.
    pub forbidden: Option<Cond>,
    /// Forbidden only after one of these steps has ended.
    pub forbidden_after: Vec<StepId>,
    /// Steps that must have happened before it, if it happens.
    pub requires: Vec<(StepId, Span)>,
    /// Legal fictions that make it count as done.
    pub deemed: Vec<Deemed>,
    /// Some deadline's `extend … by` names this step (so it can be late itself).
    pub grants_extension: bool,
    /// The roles that may perform it.
    pub by: Vec<RoleId>,
    /// Where `by` was written.
    pub by_span: Option<Span>,
    /// Steps it must follow, each with the place it was written.
    pub after: Vec<(StepId, Span)>,
    /// Deadlines.
    pub deadlines: Vec<Deadline>,
    /// Minimum gaps after other steps.
    pub gaps: Vec<Gap>,
    /// `lasts at least`.
    pub min_duration: Option<Limit<Dur>>,
    /// `lasts at most`.
    pub max_duration: Option<Limit<Dur>>,
    /// `occurs at least`.
    pub min_occurs: Option<Limit<u32>>,
    /// `occurs at most`.
    pub max_occurs: Option<Limit<u32>>,
    /// Recorded fields.
    pub fields: Vec<Field>,
    /// Conditions over recorded fields.
    pub ensures: Vec<Ensure>,
    /// The legal article.
    pub cite: Option<String>,
    /// Where the name was written.
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
}

impl Step {
    /// The index of a recorded field.
    pub fn field(&self, name: &str) -> Option<u32> {
        self.fields
            .iter()
            .position(|f| f.name == name)
            .and_then(|i| u32::try_from(i).ok())
    }
}

/// An ordered scale of measures.
#[derive(Debug, Clone)]
pub struct Ladder {
    /// Id.
    pub name: String,
    /// Label.
    pub label: Option<String>,
    /// Measures, lightest first.
    pub measures: Vec<Measure>,
    /// Periods of equal measures add up.
    pub sum_equal: bool,
    /// The longest combined period.
    pub cap_months: Option<u32>,
    /// Where it was declared.
    pub span: Span,
}

/// One measure of a ladder.
#[derive(Debug, Clone)]
pub struct Measure {
    /// Id.
    pub name: String,
    /// Label.
    pub label: Option<String>,
    /// Period in months.
    pub months: Option<u32>,
    /// Where it was declared.
    pub span: Span,
}

/// Which findings an accountability rule answers.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Finding kinds.
    pub kinds: Vec<FindingKind>,
    /// Steps (empty: any step).
    pub steps: Vec<StepId>,
    /// Where it was written.
    pub span: Span,
}

/// A term of a person set.
#[derive(Debug, Clone)]
pub enum PersonTerm {
    /// Who performed the finding's events, or else who holds the step's role.
    Actor,
    /// Holders of a role.
    Role(RoleId),
    /// Holders of the role a term's role reports to.
    Leader(Box<PersonTerm>),
    /// People listed in a recorded field of a step's event.
    Field(StepId, u32),
}

/// A set of people.
#[derive(Debug, Clone)]
pub struct Persons {
    /// Who is included.
    pub include: PersonTerm,
    /// Only those who hold this role.
    pub holding: Option<RoleId>,
    /// Who is taken out.
    pub except: Vec<PersonTerm>,
    /// Where it was written.
    pub span: Span,
}

/// `liable persons as grade`
#[derive(Debug, Clone)]
pub struct Liable {
    /// Who.
    pub persons: Persons,
    /// At which grade.
    pub grade: Grade,
    /// When it applies.
    pub applies: Applies,
}

/// `exempt` or `reduce`.
#[derive(Debug, Clone)]
pub struct Relief {
    /// Who.
    pub persons: Persons,
    /// Steps down the ladder (None: exempt).
    pub by: Option<u32>,
    /// Why.
    pub reason: String,
    /// When it applies.
    pub applies: Applies,
}

/// Measures on one ladder graded by consequence.
#[derive(Debug, Clone)]
pub struct Penalty {
    /// The ladder.
    pub ladder: LadderId,
    /// Per consequence level: the measure's index (None: no measure), or unset.
    pub map: [Option<Option<u32>>; 4],
    /// Where each level was mapped.
    pub map_spans: [Option<Span>; 4],
    /// Shift per grade (direct, main, important).
    pub shifts: [i32; 3],
    /// Shift per prior offence.
    pub aggravate: i32,
    /// Which prior offences count.
    pub prior: PriorFilter,
    /// Its time of force (a dated version of the table).
    pub applies: Applies,
    /// Shift when the person corrected themselves.
    pub mitigate: i32,
    /// Where it was written.
    pub span: Span,
}

impl Penalty {
    /// The index of a consequence level in [`Penalty::map`].
    pub fn level_index(level: Level) -> usize {
        match level {
            Level::None => 0,
            Level::Minor => 1,
            Level::Major => 2,
            Level::Severe => 3,
        }
    }

    /// The index of a grade in [`Penalty::shifts`].
    pub fn grade_index(grade: Grade) -> usize {
        match grade {
            Grade::Direct => 0,
            Grade::MainLeadership => 1,
            Grade::ImportantLeadership => 2,
        }
    }
}

/// What follows from a broken duty.
#[derive(Debug, Clone)]
pub struct AccRule {
    /// Id.
    pub name: String,
    /// Label.
    pub label: Option<String>,
    /// Findings it answers directly.
    pub triggers: Vec<Trigger>,
    /// Rules whose findings it also answers.
    pub on_rules: Vec<RuleId>,
    /// Who answers.
    pub liable: Vec<Liable>,
    /// Exemptions and reductions.
    pub reliefs: Vec<Relief>,
    /// Measures.
    pub penalties: Vec<Penalty>,
    /// The legal article.
    pub cite: Option<String>,
    /// Where the name was written.
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
}
