//! The spanned, untyped syntax tree. The formatter prints it back; the compiler lowers it.

use crate::source::Span;
use crate::vocab::{FindingKind, Grade, Level, Unit};

/// A name as written, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A string literal (escapes resolved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Str {
    /// The value.
    pub value: String,
    /// Where it was written, quotes included.
    pub span: Span,
}

/// A literal kept as written (dates are checked by the compiler).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lit {
    /// The text.
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

/// A whole number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Num {
    /// The value.
    pub value: u32,
    /// Where it was written.
    pub span: Span,
}

/// A parsed rulebook file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// `rulebook …`
    pub header: Header,
    /// Declarations in source order.
    pub items: Vec<Item>,
}

/// The rulebook header.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The rulebook id.
    pub id: Ident,
    /// Its title.
    pub title: Option<Str>,
    /// `version "…"`
    pub version: Option<Str>,
    /// `effective DATE`
    pub effective: Option<Lit>,
    /// `source "…"`
    pub source: Option<Str>,
    /// `cases "dir"`: where the reference cases are, relative to the file.
    pub cases: Option<Str>,
    /// `consequence default LEVEL`: the level graded when a case gives none.
    pub consequence_default: Option<(Level, Span)>,
    /// `closed default BOOL`: whether a matter is closed when its case does not say.
    pub closed_default: Option<(bool, Span)>,
    /// `warn DURATION before`: how long before its due date a pending duty turns yellow.
    pub warn: Option<(Duration, Span)>,
    /// The whole header.
    pub span: Span,
}

/// A top-level declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `import "path"` or `import std "name"`
    Import(Target),
    /// `refine "path"` or `refine std "name"`
    Refine(Target),
    /// `calendar …`
    Calendar(CalendarDecl),
    /// `role …`
    Role(RoleDecl),
    /// `separate a, b`
    Separate(SeparateDecl),
    /// `fact …`
    Fact(FactDecl),
    /// `ladder …`
    Ladder(LadderDecl),
    /// `procedure …`
    Procedure(ProcedureDecl),
    /// `rule …`
    Rule(RuleDecl),
}

impl Item {
    /// Where the declaration starts (used to place comments).
    pub fn span(&self) -> Span {
        match self {
            Item::Import(t) | Item::Refine(t) => t.name.span,
            Item::Calendar(c) => c.span,
            Item::Role(r) => r.span,
            Item::Separate(s) => s.span,
            Item::Fact(f) => f.span,
            Item::Ladder(l) => l.span,
            Item::Procedure(p) => p.span,
            Item::Rule(r) => r.span,
        }
    }
}

/// A calendar declared inline or loaded from a data file.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarDecl {
    /// Its name.
    pub name: Ident,
    /// Its contents.
    pub body: CalendarBody,
    /// The whole declaration.
    pub span: Span,
}

/// A file named by a rulebook: a path relative to it, or a standard rulebook or calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// True for `std "NAME"`: carried in the binary, never read from the disk.
    pub std: bool,
    /// The path or the standard name.
    pub name: Str,
}

/// Where a calendar's days come from.
#[derive(Clone, Debug, PartialEq)]
pub enum CalendarBody {
    /// `from "file.json"` or `from std "name"`
    From(Target),
    /// Inline entries.
    Inline(Vec<CalendarEntry>),
}

/// One line of an inline calendar.
#[derive(Clone, Debug, PartialEq)]
pub enum CalendarEntry {
    /// `weekend sat, sun`
    Weekend(Vec<Ident>),
    /// `covers 2023 .. 2026`
    Covers(Num, Num),
    /// `zone "Asia/Shanghai"`
    Zone(Str),
    /// A set of days: holidays, notice rest days or adjusted working days.
    Days {
        /// Which set.
        kind: DayKind,
        /// First day.
        from: Lit,
        /// Last day of a range.
        to: Option<Lit>,
        /// A label.
        label: Option<Str>,
    },
}

/// The sets of days a calendar keeps apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    /// Statutory holidays.
    Holiday,
    /// Rest days moved by the annual notice.
    Rest,
    /// Adjusted working days on weekends.
    Workday,
}

/// `role id "label" reports_to other`
#[derive(Clone, Debug, PartialEq)]
pub struct RoleDecl {
    /// Its id.
    pub name: Ident,
    /// Its label.
    pub label: Option<Str>,
    /// The role it reports to.
    pub reports_to: Option<Ident>,
    /// The whole declaration.
    pub span: Span,
}

/// `separate a, b "reason"`
#[derive(Clone, Debug, PartialEq)]
pub struct SeparateDecl {
    /// First role.
    pub a: Ident,
    /// Second role.
    pub b: Ident,
    /// Why.
    pub reason: Option<Str>,
    /// The whole declaration.
    pub span: Span,
}

/// `fact id: type "label"`
#[derive(Clone, Debug, PartialEq)]
pub struct FactDecl {
    /// Its id.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// `default VALUE` or `optional`.
    pub default: Option<FactDefault>,
    /// Its label.
    pub label: Option<Str>,
    /// The whole declaration.
    pub span: Span,
}

/// What a case that omits a fact gets.
#[derive(Clone, Debug, PartialEq)]
pub enum FactDefault {
    /// `default VALUE`
    Value(Expr),
    /// `optional`: the fact may be absent; the clauses that read it do not apply.
    Optional(Span),
}

/// A type as written.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `money`
    Money,
    /// `date`
    Date,
    /// `text`
    Text,
    /// `person` (recorded fields only)
    Person,
    /// `persons` (recorded fields only)
    Persons,
    /// `enum { a, b }`
    Enum(Vec<Ident>),
}

/// `ladder id "label" { measure … combine … }`
#[derive(Clone, Debug, PartialEq)]
pub struct LadderDecl {
    /// Its id.
    pub name: Ident,
    /// Its label.
    pub label: Option<Str>,
    /// Measures, lightest first.
    pub measures: Vec<MeasureDecl>,
    /// How several measures for one person combine.
    pub combine: Option<Combine>,
    /// The whole declaration.
    pub span: Span,
}

/// `measure warning "警告" 6 months`
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureDecl {
    /// Its id.
    pub name: Ident,
    /// Its label.
    pub label: Option<Str>,
    /// Its period in months.
    pub months: Option<Num>,
    /// The whole declaration.
    pub span: Span,
}

/// `combine heaviest, sum equal, cap 48 months`
#[derive(Clone, Debug, PartialEq)]
pub struct Combine {
    /// Periods of equal measures add up.
    pub sum_equal: bool,
    /// The longest combined period.
    pub cap_months: Option<Num>,
    /// The clause.
    pub span: Span,
}

/// `procedure id "label" { calendar c  step … }`
#[derive(Clone, Debug, PartialEq)]
pub struct ProcedureDecl {
    /// Its id.
    pub name: Ident,
    /// Its label.
    pub label: Option<Str>,
    /// The calendar its working days follow.
    pub calendar: Option<Ident>,
    /// Its steps.
    pub steps: Vec<StepDecl>,
    /// The whole declaration.
    pub span: Span,
}

/// `step id "label" { clauses }`
#[derive(Clone, Debug, PartialEq)]
pub struct StepDecl {
    /// Its id.
    pub name: Ident,
    /// Its label.
    pub label: Option<Str>,
    /// Clauses in source order.
    pub clauses: Vec<Clause>,
    /// The whole declaration.
    pub span: Span,
}

/// A duration with its unit: `20 workdays`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duration {
    /// How many (0 when a fact gives the amount).
    pub amount: Num,
    /// The int fact giving the amount, for deadlines set case by case (service commitments).
    pub fact: Option<Ident>,
    /// Of what.
    pub unit: Unit,
    /// Where it was written.
    pub span: Span,
}

/// Which end of a step an anchor names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Point {
    /// When the step started.
    Start,
    /// When the step ended.
    End,
}

/// `step`, `step.start` or `step.end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// Which event of a repeated anchor step, when written.
    pub pick: Option<Pick>,
    /// The step (or a date fact).
    pub step: Ident,
    /// Which end, when written.
    pub point: Option<Point>,
    /// Where it was written.
    pub span: Span,
}

/// Which event of a repeated anchor step starts a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The earliest (the default).
    First,
    /// The latest.
    Last,
    /// Every one, each with its own limit.
    Each,
}

/// A clause's exception or time of force.
#[derive(Clone, Debug, PartialEq)]
pub enum Guard {
    /// `when COND`
    When(Expr),
    /// `unless COND`
    Unless(Expr),
    /// `since DATE`
    Since(Lit),
    /// `until DATE`
    Until(Lit),
}

/// What makes a deemed act (legal fiction) hold.
#[derive(Clone, Debug, PartialEq)]
pub enum DeemedWhen {
    /// `missing, late of notice`
    Findings(Vec<KindRef>, Ident),
    /// A condition over facts.
    Cond(Expr),
}

/// `at least` or `at most`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// A minimum.
    AtLeast,
    /// A maximum.
    AtMost,
}

/// When a step is required.
#[derive(Clone, Debug, PartialEq)]
pub enum Requirement {
    /// `required`
    Always,
    /// `required when COND`
    When(Expr),
    /// `required unless COND`
    Unless(Expr),
}

/// One clause of a step, with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    /// What it says.
    pub kind: ClauseKind,
    /// The whole clause.
    pub span: Span,
}

/// What a step clause says.
#[derive(Clone, Debug, PartialEq)]
pub enum ClauseKind {
    /// The duty to perform the step, on every holder of a role when `for each` is written, in
    /// force between dates when `since`/`until` are written.
    Required(Requirement, Option<Ident>, Vec<Guard>),
    /// `forbidden [after steps] [when COND]`
    Forbidden(Vec<Ident>, Option<Expr>),
    /// `requires step, step`
    Requires(Vec<Ident>),
    /// `deemed at ANCHOR when …`
    Deemed(Anchor, DeemedWhen),
    /// `ends by FACT`
    Ends(Ident, Vec<Guard>),
    /// `by role, role`
    By(Vec<Ident>),
    /// `after step, step`
    After(Vec<Ident>),
    /// A deadline.
    Within {
        /// The limit.
        limit: Duration,
        /// Counted from.
        anchor: Anchor,
        /// Steps during which the clock stops.
        excluding: Vec<Ident>,
        /// An extension granted by a step.
        extension: Option<(Duration, Ident)>,
        /// Exceptions and time of force.
        guards: Vec<Guard>,
    },
    /// A minimum gap after another step.
    Gap {
        /// The minimum.
        min: Duration,
        /// Counted from.
        anchor: Anchor,
        /// Exceptions and time of force.
        guards: Vec<Guard>,
    },
    /// `lasts at least|at most N unit`
    Lasts(Bound, Duration, Vec<Guard>),
    /// `occurs at least|at most N`
    Occurs(Bound, Num, Vec<Guard>),
    /// `records name: type, …`
    Records(Vec<FieldDecl>),
    /// `ensure COND "message"`
    Ensure(Expr, Option<Str>, Vec<Guard>),
    /// `cite "article"`
    Cite(Str),
}

/// A recorded field: `attendees: persons`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// Its name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// The whole declaration.
    pub span: Span,
}

/// `rule id "label" { clauses }`
#[derive(Clone, Debug, PartialEq)]
pub struct RuleDecl {
    /// Its id.
    pub name: Ident,
    /// Its label.
    pub label: Option<Str>,
    /// Clauses in source order.
    pub clauses: Vec<RuleClause>,
    /// The whole declaration.
    pub span: Span,
}

/// One clause of an accountability rule, with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleClause {
    /// What it says.
    pub kind: RuleClauseKind,
    /// The whole clause.
    pub span: Span,
}

/// A finding kind as written.
#[derive(Clone, Debug, PartialEq)]
pub struct KindRef {
    /// The kind.
    pub kind: FindingKind,
    /// Where.
    pub span: Span,
}

/// What an accountability-rule clause says.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleClauseKind {
    /// `on kinds of steps` (no steps: any step).
    On(Vec<KindRef>, Vec<Ident>),
    /// `on findings of rule, rule`
    OnFindingsOf(Vec<Ident>),
    /// `liable persons as grade`
    Liable(Persons, Grade, Vec<Guard>),
    /// `exempt persons "reason"`
    Exempt(Persons, Str, Vec<Guard>),
    /// `reduce persons by N "reason"`
    Reduce(Persons, Num, Str, Vec<Guard>),
    /// `penalty ladder [since D] [until D] { … }`
    Penalty(Ident, Vec<Guard>, Vec<PenaltyEntry>),
    /// `cite "article"`
    Cite(Str),
}

/// A set of people: included terms minus excepted ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Persons {
    /// Who is included.
    pub include: PersonTerm,
    /// `holding ROLE`: only those who hold the role.
    pub holding: Option<Ident>,
    /// Who is taken out.
    pub except: Vec<PersonTerm>,
    /// Where it was written.
    pub span: Span,
}

/// One term of a person set.
#[derive(Clone, Debug, PartialEq)]
pub enum PersonTerm {
    /// `actor`
    Actor(Span),
    /// A role's holders.
    Role(Ident),
    /// `leader of X`
    Leader(Box<PersonTerm>, Span),
    /// `field of step`
    Field(Ident, Ident),
}

impl PersonTerm {
    /// Where the term was written.
    pub fn span(&self) -> Span {
        match self {
            PersonTerm::Actor(s) | PersonTerm::Leader(_, s) => *s,
            PersonTerm::Role(r) => r.span,
            PersonTerm::Field(f, s) => f.span.to(s.span),
        }
    }
}

/// One entry of a penalty table.
#[derive(Clone, Debug, PartialEq)]
pub struct PenaltyEntry {
    /// What it says.
    pub kind: PenaltyEntryKind,
    /// Where.
    pub span: Span,
}

/// What a penalty entry says.
#[derive(Clone, Debug, PartialEq)]
pub enum PenaltyEntryKind {
    /// `major -> demerit` (`None`: `nothing`).
    Map(Level, Option<Ident>),
    /// `main_leadership -1`
    Shift(Grade, i32),
    /// `aggravate +1 [within N unit] [during sanction] [of kinds]`
    Aggravate(i32, PriorFilter),
    /// `mitigate -1`
    Mitigate(i32),
}

/// Which prior offences an `aggravate` counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PriorFilter {
    /// Only those this close before the conduct.
    pub window: Option<Duration>,
    /// Only those whose sanction period was still running.
    pub during: bool,
    /// Only those of these kinds.
    pub kinds: Vec<KindRef>,
}

/// `sum`, `min` or `max` of a recorded field over a step's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggOp {
    /// The total.
    Sum,
    /// The least.
    Min,
    /// The greatest.
    Max,
}

impl AggOp {
    /// The spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AggOp::Sum => "sum",
            AggOp::Min => "min",
            AggOp::Max => "max",
        }
    }
}

/// A condition or value expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// As written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// An arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
}

impl ArithOp {
    /// As written.
    pub fn as_str(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
        }
    }
}

/// The forms of an expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `a or b or …`
    Or(Vec<Expr>),
    /// `a and b and …`
    And(Vec<Expr>),
    /// `not a`
    Not(Box<Expr>),
    /// `a OP b`
    Cmp(Box<Expr>, CmpOp, Box<Expr>),
    /// `a in [b, c]`
    In(Box<Expr>, Vec<Expr>),
    /// `a + b`, `a - b`, `a * b`
    Arith(Box<Expr>, ArithOp, Box<Expr>),
    /// `( a )`, kept so the formatter prints it back.
    Paren(Box<Expr>),
    /// `true` / `false`
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A decimal amount, as written.
    Money(String),
    /// A date, as written.
    Date(String),
    /// A string.
    Str(String),
    /// A fact, a recorded field or an enum value.
    Name(String),
    /// `count(field [holding role])` or `count(step)`
    Count(Ident, Option<Ident>),
    /// `sum(step.field)`, `min(…)`, `max(…)`
    Agg(AggOp, Ident, Ident),
    /// `holders(role)`
    Holders(Ident),
}
