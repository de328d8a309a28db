//! pest pairs → AST. The only module that sees pest types besides the grammar.

use pest::iterators::{Pair, Pairs};

use super::ast::*;
use super::grammar::{Rule, is_token};
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::source::{FileId, Span};
use crate::vocab::{FindingKind, Grade, Level, Unit};

/// The longest chain of `not`, arithmetic terms or `leader of` accepted.
pub const MAX_CHAIN: usize = 64;
/// The deepest condition accepted (brackets, chains and operators together).
pub const MAX_EXPR_DEPTH: usize = 128;

/// Lowers a successful parse of `file`, collecting literal errors.
pub struct Lower<'t> {
    file: FileId,
    text: &'t str,
    /// The ends and starts of the source's comments, by end.
    comment_ends: Vec<(usize, usize)>,
    /// Problems with literals (numbers too large).
    pub diags: Vec<Diagnostic>,
}

type P<'i> = Pair<'i, Rule>;

/// A lowered block: its name, its label, and its clauses with their spans.
type Block<K> = (Ident, Option<Str>, Vec<(K, Span)>);

/// The meaningful children of a pair: keywords and punctuation left out.
fn kids<'i>(p: P<'i>) -> impl Iterator<Item = P<'i>> {
    p.into_inner().filter(|c| !is_token(c.as_rule()))
}

impl<'t> Lower<'t> {
    /// A lowering for one file of `text`.
    pub fn new(file: FileId, text: &'t str) -> Lower<'t> {
        let mut comment_ends = Vec::new();
        super::trivia::scan(text, |t| {
            if let super::trivia::Trivia::Comment(start, end) = t {
                comment_ends.push((end, start));
            }
            true
        });
        Lower {
            file,
            text,
            comment_ends,
            diags: Vec::new(),
        }
    }

    /// A pair's span, ending where its code ends: pest counts the blanks and comments skipped
    /// before an optional part that did not match as part of the rule, so they are stepped back
    /// over (a trailing comment stays outside the span it follows).
    fn span(&self, p: &P<'_>) -> Span {
        let (start, mut end) = (p.as_span().start(), p.as_span().end());
        loop {
            end = start + self.text.get(start..end).unwrap_or("").trim_end().len();
            match self.comment_ends.binary_search_by_key(&end, |&(e, _)| e) {
                Ok(i) => match self.comment_ends.get(i) {
                    Some(&(_, s)) if s >= start => end = s,
                    _ => break,
                },
                Err(_) => break,
            }
        }
        Span::new(self.file, start, end)
    }

    /// A `target`: a path string, or `std "NAME"`.
    fn target(&mut self, p: P<'_>) -> Option<Target> {
        let inner = kids(p).next()?;
        let std = inner.as_rule() == Rule::std_name;
        let name = if std { kids(inner).next()? } else { inner };
        Some(Target {
            std,
            name: self.string(name),
        })
    }

    /// Lowers the `file` rule.
    pub fn file(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<File> {
        let file = pairs.next()?;
        let mut header = None;
        let mut items = Vec::new();
        for p in kids(file) {
            match p.as_rule() {
                Rule::header => header = Some(self.header(p)),
                Rule::EOI => {}
                _ => items.extend(self.item(p)),
            }
        }
        Some(File {
            header: header?,
            items,
        })
    }

    fn ident(&self, p: P<'_>) -> Ident {
        Ident {
            name: p.as_str().to_owned(),
            span: self.span(&p),
        }
    }

    fn string(&self, p: P<'_>) -> Str {
        let span = self.span(&p);
        let raw = p.as_str();
        let inner = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .or_else(|| raw.strip_prefix('“').and_then(|r| r.strip_suffix('”')))
            .unwrap_or(raw);
        let mut value = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some(other) => value.push(other),
                    None => {}
                }
            } else {
                value.push(c);
            }
        }
        Str { value, span }
    }

    fn lit(&self, p: P<'_>) -> Lit {
        Lit {
            text: p.as_str().to_owned(),
            span: self.span(&p),
        }
    }

    fn num(&mut self, p: P<'_>) -> Num {
        let span = self.span(&p);
        let value = p.as_str().parse::<u32>().unwrap_or_else(|_| {
            self.diags.push(
                Diagnostic::keyed(
                    Code::InvalidLiteral,
                    msg!("number-too-large", number = p.as_str()),
                )
                .label_keyed(span, msg!("number-too-large-32"))
                .help_keyed(msg!("number-too-large-32-help")),
            );
            0
        });
        Num { value, span }
    }

    fn signed(&mut self, p: P<'_>) -> i32 {
        p.as_str().parse::<i32>().unwrap_or_else(|_| {
            let span = self.span(&p);
            self.diags.push(
                Diagnostic::keyed(
                    Code::InvalidLiteral,
                    msg!("shift-too-large", shift = p.as_str()),
                )
                .label_keyed(span, msg!("out-of-range")),
            );
            0
        })
    }

    fn header(&mut self, p: P<'_>) -> Header {
        let span = self.span(&p);
        let mut it = kids(p);
        let id = it.next().map(|p| self.ident(p)).unwrap_or_else(|| Ident {
            name: String::new(),
            span,
        });
        let mut h = Header {
            id,
            title: None,
            version: None,
            effective: None,
            source: None,
            cases: None,
            consequence_default: None,
            closed_default: None,
            warn: None,
            span,
        };
        for p in it {
            match p.as_rule() {
                Rule::string => h.title = Some(self.string(p)),
                Rule::header_field => {
                    for f in kids(p) {
                        let rule = f.as_rule();
                        if rule == Rule::hf_consequence {
                            let fspan = self.span(&f);
                            h.consequence_default = kids(f)
                                .next()
                                .and_then(|l| Level::parse(l.as_str()))
                                .map(|l| (l, fspan));
                            continue;
                        }
                        if rule == Rule::hf_warn {
                            let fspan = self.span(&f);
                            h.warn = kids(f)
                                .next()
                                .and_then(|d| self.duration(d))
                                .map(|d| (d, fspan));
                            continue;
                        }
                        if rule == Rule::hf_closed {
                            let fspan = self.span(&f);
                            h.closed_default = kids(f)
                                .last()
                                .map(|b| (b.as_rule() == Rule::kw_true, fspan));
                            continue;
                        }
                        let Some(v) = kids(f).next() else { continue };
                        match rule {
                            Rule::hf_version => h.version = Some(self.string(v)),
                            Rule::hf_effective => h.effective = Some(self.lit(v)),
                            Rule::hf_cases => h.cases = Some(self.string(v)),
                            _ => h.source = Some(self.string(v)),
                        }
                    }
                }
                _ => {}
            }
        }
        h
    }

    fn item(&mut self, p: P<'_>) -> Option<Item> {
        let span = self.span(&p);
        let rule = p.as_rule();
        Some(match rule {
            Rule::import | Rule::refine => {
                let s = self.target(kids(p).next()?)?;
                if rule == Rule::import {
                    Item::Import(s)
                } else {
                    Item::Refine(s)
                }
            }
            Rule::calendar => Item::Calendar(self.calendar(p, span)?),
            Rule::role => {
                let mut it = kids(p);
                let name = self.ident(it.next()?);
                let mut label = None;
                let mut reports_to = None;
                for q in it {
                    match q.as_rule() {
                        Rule::string => label = Some(self.string(q)),
                        _ => reports_to = Some(self.ident(q)),
                    }
                }
                Item::Role(RoleDecl {
                    name,
                    label,
                    reports_to,
                    span,
                })
            }
            Rule::separate => {
                let mut it = kids(p);
                let a = self.ident(it.next()?);
                let b = self.ident(it.next()?);
                let reason = it.next().map(|q| self.string(q));
                Item::Separate(SeparateDecl { a, b, reason, span })
            }
            Rule::fact => {
                let mut it = kids(p);
                let name = self.ident(it.next()?);
                let ty = self.type_expr(it.next()?);
                let mut default = None;
                let mut label = None;
                for q in it {
                    match q.as_rule() {
                        Rule::fact_default => default = self.fact_default(q),
                        _ => label = Some(self.string(q)),
                    }
                }
                Item::Fact(FactDecl {
                    name,
                    ty,
                    default,
                    label,
                    span,
                })
            }
            Rule::ladder => Item::Ladder(self.ladder(p, span)?),
            Rule::procedure => Item::Procedure(self.procedure(p, span)?),
            Rule::rule_decl => Item::Rule(self.rule(p, span)?),
            _ => return None,
        })
    }

    fn calendar(&mut self, p: P<'_>, span: Span) -> Option<CalendarDecl> {
        let mut it = kids(p);
        let name = self.ident(it.next()?);
        let body = it.next()?;
        let body = match body.as_rule() {
            Rule::calendar_from => CalendarBody::From(self.target(kids(body).next()?)?),
            _ => CalendarBody::Inline(kids(body).filter_map(|e| self.calendar_entry(e)).collect()),
        };
        Some(CalendarDecl { name, body, span })
    }

    fn fact_default(&mut self, p: P<'_>) -> Option<FactDefault> {
        let span = self.span(&p);
        let inner = p.into_inner().find(|q| q.as_rule() != Rule::kw_default)?;
        if inner.as_rule() == Rule::kw_optional {
            return Some(FactDefault::Optional(span));
        }
        let lit = inner.into_inner().next()?;
        let lspan = self.span(&lit);
        let kind = match lit.as_rule() {
            Rule::ident => ExprKind::Name(lit.as_str().to_owned()),
            _ => return self.expr(lit).map(FactDefault::Value),
        };
        Some(FactDefault::Value(Expr { kind, span: lspan }))
    }

    fn calendar_entry(&mut self, p: P<'_>) -> Option<CalendarEntry> {
        let rule = p.as_rule();
        let mut it = kids(p);
        Some(match rule {
            Rule::cal_zone => CalendarEntry::Zone(self.string(it.next()?)),
            Rule::cal_weekend => CalendarEntry::Weekend(
                it.map(|q| Ident {
                    name: super::keywords::weekday(q.as_str()).to_owned(),
                    span: self.span(&q),
                })
                .collect(),
            ),
            Rule::cal_covers => {
                let a = self.num(it.next()?);
                let b = self.num(it.next()?);
                CalendarEntry::Covers(a, b)
            }
            _ => {
                let kind = match rule {
                    Rule::cal_holiday => DayKind::Holiday,
                    Rule::cal_rest => DayKind::Rest,
                    _ => DayKind::Workday,
                };
                let mut range = kids(it.next()?);
                let from = self.lit(range.next()?);
                let to = range.next().map(|q| self.lit(q));
                let label = it.next().map(|q| self.string(q));
                CalendarEntry::Days {
                    kind,
                    from,
                    to,
                    label,
                }
            }
        })
    }

    fn type_expr(&self, p: P<'_>) -> TypeExpr {
        let Some(t) = p.into_inner().next() else {
            return TypeExpr::Text;
        };
        match t.as_rule() {
            Rule::ty_bool => TypeExpr::Bool,
            Rule::ty_int => TypeExpr::Int,
            Rule::ty_money => TypeExpr::Money,
            Rule::ty_date => TypeExpr::Date,
            Rule::ty_person => TypeExpr::Person,
            Rule::ty_persons => TypeExpr::Persons,
            Rule::ty_enum => TypeExpr::Enum(kids(t).map(|q| self.ident(q)).collect()),
            _ => TypeExpr::Text,
        }
    }

    fn ladder(&mut self, p: P<'_>, span: Span) -> Option<LadderDecl> {
        let mut it = kids(p);
        let name = self.ident(it.next()?);
        let mut ladder = LadderDecl {
            name,
            label: None,
            measures: Vec::new(),
            combine: None,
            span,
        };
        for q in it {
            let qspan = self.span(&q);
            match q.as_rule() {
                Rule::string => ladder.label = Some(self.string(q)),
                Rule::measure => {
                    let mut m = kids(q);
                    let Some(mname) = m.next() else { continue };
                    let mut decl = MeasureDecl {
                        name: self.ident(mname),
                        label: None,
                        months: None,
                        span: qspan,
                    };
                    for r in m {
                        match r.as_rule() {
                            Rule::string => decl.label = Some(self.string(r)),
                            _ => decl.months = Some(self.num(r)),
                        }
                    }
                    ladder.measures.push(decl);
                }
                _ => {
                    let mut combine = Combine {
                        sum_equal: false,
                        cap_months: None,
                        span: qspan,
                    };
                    for r in kids(q) {
                        match r.as_rule() {
                            Rule::sum_equal => combine.sum_equal = true,
                            Rule::int => combine.cap_months = Some(self.num(r)),
                            _ => {}
                        }
                    }
                    ladder.combine = Some(combine);
                }
            }
        }
        Some(ladder)
    }

    fn procedure(&mut self, p: P<'_>, span: Span) -> Option<ProcedureDecl> {
        let mut it = kids(p);
        let name = self.ident(it.next()?);
        let mut proc = ProcedureDecl {
            name,
            label: None,
            calendar: None,
            steps: Vec::new(),
            span,
        };
        for q in it {
            match q.as_rule() {
                Rule::string => proc.label = Some(self.string(q)),
                Rule::uses_calendar => proc.calendar = kids(q).next().map(|r| self.ident(r)),
                _ => {
                    let s = self.span(&q);
                    proc.steps.extend(self.step(q, s));
                }
            }
        }
        Some(proc)
    }

    /// A named block `KEYWORD name "label"? { clause* }`: its name, label and clauses, each
    /// clause lowered by `clause` and kept with its span.
    fn block<K>(
        &mut self,
        p: P<'_>,
        mut clause: impl FnMut(&mut Self, P<'_>) -> Option<K>,
    ) -> Option<Block<K>> {
        let mut it = kids(p);
        let name = self.ident(it.next()?);
        let mut label = None;
        let mut clauses = Vec::new();
        for q in it {
            if q.as_rule() == Rule::string {
                label = Some(self.string(q));
                continue;
            }
            let span = self.span(&q);
            let before = self.diags.len();
            match clause(self, q) {
                Some(kind) => clauses.push((kind, span)),
                // A clause refused with a diagnostic of its own (too deep) is reported once.
                None if self.diags.len() > before => {}
                // A clause the grammar accepted but the lowering cannot read must never vanish.
                None => self.diags.push(
                    Diagnostic::keyed(Code::SyntaxError, msg!("clause-not-read"))
                        .label_keyed(span, msg!("clause-not-read-label"))
                        .help_keyed(msg!("bug-help")),
                ),
            }
        }
        Some((name, label, clauses))
    }

    fn step(&mut self, p: P<'_>, span: Span) -> Option<StepDecl> {
        let (name, label, clauses) = self.block(p, Self::clause)?;
        let clauses = clauses
            .into_iter()
            .map(|(kind, span)| Clause { kind, span })
            .collect();
        Some(StepDecl {
            name,
            label,
            clauses,
            span,
        })
    }

    fn idents(&self, p: P<'_>) -> Vec<Ident> {
        kids(p).map(|q| self.ident(q)).collect()
    }

    fn clause(&mut self, p: P<'_>) -> Option<ClauseKind> {
        let rule = p.as_rule();
        Some(match rule {
            Rule::required_clause => {
                let mut each = None;
                let mut req = Requirement::Always;
                let mut dates = Vec::new();
                for c in kids(p) {
                    match c.as_rule() {
                        Rule::for_each => each = kids(c).next().map(|q| self.ident(q)),
                        Rule::dated => {
                            let g = kids(c).next()?;
                            let rule = g.as_rule();
                            let d = self.lit(kids(g).next()?);
                            dates.push(if rule == Rule::g_since {
                                Guard::Since(d)
                            } else {
                                Guard::Until(d)
                            });
                        }
                        Rule::required_when => req = Requirement::When(self.expr(kids(c).next()?)?),
                        _ => req = Requirement::Unless(self.expr(kids(c).next()?)?),
                    }
                }
                ClauseKind::Required(req, each, dates)
            }
            Rule::forbidden_clause => {
                let mut after = Vec::new();
                let mut cond = None;
                for c in kids(p) {
                    match c.as_rule() {
                        Rule::forbidden_after => after = self.idents(c),
                        _ => cond = Some(self.expr(c)?),
                    }
                }
                ClauseKind::Forbidden(after, cond)
            }
            Rule::requires_clause => ClauseKind::Requires(self.idents(p)),
            Rule::deemed_clause => {
                let mut it = kids(p);
                let anchor = self.anchor(it.next()?)?;
                let w = it.next()?;
                let when = if w.as_rule() == Rule::deemed_findings {
                    let (kinds, steps) = self.kinds_of(w);
                    DeemedWhen::Findings(kinds, steps.into_iter().next()?)
                } else {
                    DeemedWhen::Cond(self.expr(w)?)
                };
                ClauseKind::Deemed(anchor, when)
            }
            Rule::ends_clause => {
                let mut it = kids(p);
                let fact = self.ident(it.next()?);
                ClauseKind::Ends(fact, self.guards(it)?)
            }
            Rule::by_clause => ClauseKind::By(self.idents(p)),
            Rule::after_clause => ClauseKind::After(self.idents(p)),
            Rule::within_clause => {
                let mut it = kids(p);
                let limit = self.duration(it.next()?)?;
                let anchor = self.anchor(it.next()?)?;
                let mut excluding = Vec::new();
                let mut extension = None;
                let mut guards = Vec::new();
                for q in it {
                    match q.as_rule() {
                        Rule::excluding => excluding = self.idents(q),
                        Rule::guard => guards.push(self.guard(q)?),
                        _ => {
                            let mut e = kids(q);
                            let d = self.duration(e.next()?)?;
                            let by = self.ident(e.next()?);
                            extension = Some((d, by));
                        }
                    }
                }
                ClauseKind::Within {
                    limit,
                    anchor,
                    excluding,
                    extension,
                    guards,
                }
            }
            Rule::gap_clause => {
                let mut it = kids(p).filter(|q| q.as_rule() != Rule::at_least);
                let min = self.duration(it.next()?)?;
                let anchor = self.anchor(it.next()?)?;
                let guards = self.guards(it)?;
                ClauseKind::Gap {
                    min,
                    anchor,
                    guards,
                }
            }
            Rule::lasts_clause => {
                let mut it = kids(p);
                let bound = bound(it.next()?);
                let d = self.duration(it.next()?)?;
                ClauseKind::Lasts(bound, d, self.guards(it)?)
            }
            Rule::occurs_clause => {
                let mut it = kids(p);
                let bound = bound(it.next()?);
                let n = self.num(it.next()?);
                ClauseKind::Occurs(bound, n, self.guards(it)?)
            }
            Rule::records_clause => ClauseKind::Records(
                kids(p)
                    .filter_map(|f| {
                        let span = self.span(&f);
                        let mut it = kids(f);
                        let name = self.ident(it.next()?);
                        let ty = self.type_expr(it.next()?);
                        Some(FieldDecl { name, ty, span })
                    })
                    .collect(),
            ),
            Rule::ensure_clause => {
                let mut it = kids(p);
                let cond = self.expr(it.next()?)?;
                let mut message = None;
                let mut guards = Vec::new();
                for q in it {
                    match q.as_rule() {
                        Rule::string => message = Some(self.string(q)),
                        _ => guards.push(self.guard(q)?),
                    }
                }
                ClauseKind::Ensure(cond, message, guards)
            }
            Rule::cite => ClauseKind::Cite(self.string(kids(p).next()?)),
            _ => return None,
        })
    }

    fn duration(&mut self, p: P<'_>) -> Option<Duration> {
        let span = self.span(&p);
        let mut it = kids(p);
        let first = it.next()?;
        let (amount, fact) = if first.as_rule() == Rule::int {
            (self.num(first), None)
        } else {
            (
                Num {
                    value: 0,
                    span: self.span(&first),
                },
                Some(self.ident(first)),
            )
        };
        let unit = match it.next()?.into_inner().next()?.as_rule() {
            Rule::kw_workdays => Unit::Workdays,
            Rule::kw_months => Unit::Months,
            Rule::kw_years => Unit::Years,
            _ => Unit::Days,
        };
        Some(Duration {
            amount,
            fact,
            unit,
            span,
        })
    }

    fn anchor(&self, p: P<'_>) -> Option<Anchor> {
        let span = self.span(&p);
        let mut it = kids(p).peekable();
        let pick = match it.peek().map(|q| q.as_rule()) {
            Some(Rule::pick) => {
                it.next()
                    .and_then(|q| q.into_inner().next())
                    .map(|q| match q.as_rule() {
                        Rule::kw_last => Pick::Last,
                        Rule::kw_each => Pick::Each,
                        _ => Pick::First,
                    })
            }
            _ => None,
        };
        let step = self.ident(it.next()?);
        let point = it.next().map(|q| match q.as_rule() {
            Rule::kw_start => Point::Start,
            _ => Point::End,
        });
        Some(Anchor {
            pick,
            step,
            point,
            span,
        })
    }

    /// The guards among the remaining children of a clause.
    fn guards<'i>(&mut self, it: impl Iterator<Item = P<'i>>) -> Option<Vec<Guard>> {
        it.filter(|q| q.as_rule() == Rule::guard)
            .map(|q| self.guard(q))
            .collect()
    }

    fn guard(&mut self, p: P<'_>) -> Option<Guard> {
        let g = kids(p).next()?;
        let rule = g.as_rule();
        let inner = kids(g).next()?;
        Some(match rule {
            Rule::g_when => Guard::When(self.expr(inner)?),
            Rule::g_unless => Guard::Unless(self.expr(inner)?),
            Rule::g_since => Guard::Since(self.lit(inner)),
            _ => Guard::Until(self.lit(inner)),
        })
    }

    /// `kind, kind of step, step`: the kinds and the steps.
    fn kinds_of(&self, p: P<'_>) -> (Vec<KindRef>, Vec<Ident>) {
        let mut kinds = Vec::new();
        let mut steps = Vec::new();
        for q in kids(p) {
            match q.as_rule() {
                Rule::kind => {
                    if let Some(kind) = FindingKind::parse(q.as_str()) {
                        kinds.push(KindRef {
                            kind,
                            span: self.span(&q),
                        });
                    }
                }
                _ => steps.push(self.ident(q)),
            }
        }
        (kinds, steps)
    }

    fn rule(&mut self, p: P<'_>, span: Span) -> Option<RuleDecl> {
        let (name, label, clauses) = self.block(p, Self::rule_clause)?;
        let clauses = clauses
            .into_iter()
            .map(|(kind, span)| RuleClause { kind, span })
            .collect();
        Some(RuleDecl {
            name,
            label,
            clauses,
            span,
        })
    }

    fn rule_clause(&mut self, p: P<'_>) -> Option<RuleClauseKind> {
        let rule = p.as_rule();
        Some(match rule {
            Rule::on_clause => {
                let (kinds, steps) = self.kinds_of(p);
                RuleClauseKind::On(kinds, steps)
            }
            Rule::on_findings_of => RuleClauseKind::OnFindingsOf(self.idents(p)),
            Rule::liable => {
                let mut it = kids(p);
                let persons = self.persons(it.next()?)?;
                let grade = Grade::parse(it.next()?.as_str())?;
                RuleClauseKind::Liable(persons, grade, self.guards(it)?)
            }
            Rule::exempt => {
                let mut it = kids(p);
                let persons = self.persons(it.next()?)?;
                let reason = self.string(it.next()?);
                RuleClauseKind::Exempt(persons, reason, self.guards(it)?)
            }
            Rule::reduce => {
                let mut it = kids(p);
                let persons = self.persons(it.next()?)?;
                let by = self.num(it.next()?);
                let reason = self.string(it.next()?);
                RuleClauseKind::Reduce(persons, by, reason, self.guards(it)?)
            }
            Rule::penalty => {
                let mut it = kids(p);
                let ladder = self.ident(it.next()?);
                let mut guards = Vec::new();
                let mut entries = Vec::new();
                for q in it {
                    if q.as_rule() == Rule::guard {
                        guards.push(self.guard(q)?);
                    } else if let Some(e) = self.penalty_entry(q) {
                        entries.push(e);
                    }
                }
                RuleClauseKind::Penalty(ladder, guards, entries)
            }
            Rule::cite => RuleClauseKind::Cite(self.string(kids(p).next()?)),
            _ => return None,
        })
    }

    fn penalty_entry(&mut self, p: P<'_>) -> Option<PenaltyEntry> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut it = kids(p);
        let kind = match rule {
            Rule::grade_map => {
                let level = Level::parse(it.next()?.as_str())?;
                let target = it.next()?;
                let measure = (target.as_rule() == Rule::ident).then(|| self.ident(target));
                PenaltyEntryKind::Map(level, measure)
            }
            Rule::grade_shift => {
                let grade = Grade::parse(it.next()?.as_str())?;
                PenaltyEntryKind::Shift(grade, self.signed(it.next()?))
            }
            Rule::aggravate => {
                let n = self.signed(it.next()?);
                let mut filter = PriorFilter::default();
                for q in it {
                    match q.as_rule() {
                        Rule::prior_window => filter.window = self.duration(kids(q).next()?),
                        Rule::prior_during => filter.during = true,
                        _ => filter.kinds = self.kinds_of(q).0,
                    }
                }
                PenaltyEntryKind::Aggravate(n, filter)
            }
            _ => PenaltyEntryKind::Mitigate(self.signed(it.next()?)),
        };
        Some(PenaltyEntry { kind, span })
    }

    fn persons(&mut self, p: P<'_>) -> Option<Persons> {
        let span = self.span(&p);
        let mut it = kids(p).peekable();
        let include = self.person_term(it.next()?)?;
        let holding = match it.peek().map(|q| q.as_rule()) {
            Some(Rule::holding) => it
                .next()
                .and_then(|q| kids(q).next())
                .map(|q| self.ident(q)),
            _ => None,
        };
        let except = it.filter_map(|q| self.person_term(q)).collect();
        Some(Persons {
            include,
            holding,
            except,
            span,
        })
    }

    fn person_term(&mut self, p: P<'_>) -> Option<PersonTerm> {
        let span = self.span(&p);
        Some(match p.as_rule() {
            Rule::p_actor => PersonTerm::Actor(span),
            Rule::p_leader => {
                let levels = kids(p.clone())
                    .filter(|q| q.as_rule() == Rule::leader_of)
                    .count();
                let base = kids(p).find(|q| q.as_rule() != Rule::leader_of)?;
                if levels > MAX_CHAIN {
                    self.too_deep(span, "leader_of", levels);
                    return None;
                }
                let mut term = self.person_term(base)?;
                for _ in 0..levels {
                    term = PersonTerm::Leader(Box::new(term), span);
                }
                term
            }
            Rule::p_field => {
                let mut it = kids(p);
                let field = self.ident(it.next()?);
                PersonTerm::Field(field, self.ident(it.next()?))
            }
            _ => PersonTerm::Role(self.ident(kids(p).next()?)),
        })
    }

    /// Reports a chain or a nesting deeper than the compiler accepts.
    fn too_deep(&mut self, span: Span, what: &str, n: usize) {
        self.diags.push(
            Diagnostic::keyed(
                Code::NestingTooDeep,
                msg!("chain-too-long", chain = what, count = n, limit = MAX_CHAIN),
            )
            .label_keyed(span, msg!("too-deep-here"))
            .help_keyed(msg!("too-deep-help")),
        );
    }

    /// Lowers a condition, refusing one nested deeper than [`MAX_EXPR_DEPTH`] so that no later
    /// stage (types, logic, evaluation, formatting) recurses without bound.
    pub fn expr(&mut self, p: P<'_>) -> Option<Expr> {
        let span = self.span(&p);
        let (e, depth) = self.expr_at(p)?;
        if depth > MAX_EXPR_DEPTH {
            self.diags.push(
                Diagnostic::keyed(
                    Code::NestingTooDeep,
                    msg!("condition-too-deep", depth = depth, limit = MAX_EXPR_DEPTH),
                )
                .label_keyed(span, msg!("too-deep"))
                .help_keyed(msg!("too-deep-help")),
            );
            return None;
        }
        Some(e)
    }

    /// Lowers an expression rule (`expr` and below) with its depth.
    fn expr_at(&mut self, p: P<'_>) -> Option<(Expr, usize)> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut depth = 1;
        let kind = match rule {
            Rule::expr => return self.expr_at(kids(p).next()?),
            Rule::disj | Rule::conj => {
                let mut parts: Vec<Expr> = Vec::new();
                for q in kids(p) {
                    if let Some((x, d)) = self.expr_at(q) {
                        depth = depth.max(d + 1);
                        parts.push(x);
                    }
                }
                if parts.len() == 1 {
                    return parts.into_iter().next().map(|x| (x, depth - 1));
                }
                if rule == Rule::disj {
                    ExprKind::Or(parts)
                } else {
                    ExprKind::And(parts)
                }
            }
            Rule::neg => {
                let nots = p
                    .clone()
                    .into_inner()
                    .filter(|q| q.as_rule() == Rule::kw_not)
                    .count();
                if nots > MAX_CHAIN {
                    self.too_deep(span, "not", nots);
                    return None;
                }
                let inner = p.into_inner().find(|q| q.as_rule() != Rule::kw_not)?;
                let (mut e, d) = self.expr_at(inner)?;
                for _ in 0..nots {
                    e = Expr {
                        kind: ExprKind::Not(Box::new(e)),
                        span,
                    };
                }
                return Some((e, d + nots));
            }
            Rule::cmp => {
                let mut it = kids(p);
                let (left, ld) = self.expr_at(it.next()?)?;
                let Some(next) = it.next() else {
                    return Some((left, ld));
                };
                depth = ld + 1;
                if next.as_rule() == Rule::cmp_op {
                    let op = match next.as_str() {
                        "==" => CmpOp::Eq,
                        "!=" => CmpOp::Ne,
                        "<" => CmpOp::Lt,
                        "<=" => CmpOp::Le,
                        ">" => CmpOp::Gt,
                        _ => CmpOp::Ge,
                    };
                    let (right, rd) = self.expr_at(it.next()?)?;
                    depth = depth.max(rd + 1);
                    ExprKind::Cmp(Box::new(left), op, Box::new(right))
                } else {
                    let mut items = Vec::new();
                    for q in std::iter::once(next).chain(it) {
                        let (x, d) = self.expr_at(q)?;
                        depth = depth.max(d + 1);
                        items.push(x);
                    }
                    ExprKind::In(Box::new(left), items)
                }
            }
            Rule::sum | Rule::product => {
                let terms = p.clone().into_inner().count().div_ceil(2);
                if terms > MAX_CHAIN {
                    self.too_deep(span, "terms", terms);
                    return None;
                }
                let mut it = p.into_inner();
                let (mut acc, mut d) = self.expr_at(it.next()?)?;
                while let Some(op) = it.next() {
                    let op = match op.as_str() {
                        "+" => ArithOp::Add,
                        "-" => ArithOp::Sub,
                        _ => ArithOp::Mul,
                    };
                    let (right, rd) = self.expr_at(it.next()?)?;
                    d = d.max(rd) + 1;
                    let span = acc.span.to(right.span);
                    acc = Expr {
                        kind: ExprKind::Arith(Box::new(acc), op, Box::new(right)),
                        span,
                    };
                }
                return Some((acc, d));
            }
            Rule::paren => {
                let (inner, d) = self.expr_at(kids(p).next()?)?;
                depth = d + 1;
                ExprKind::Paren(Box::new(inner))
            }
            Rule::count_call => {
                let mut it = kids(p);
                let what = self.ident(it.next()?);
                let holding = it
                    .next()
                    .and_then(|q| kids(q).next())
                    .map(|q| self.ident(q));
                ExprKind::Count(what, holding)
            }
            Rule::agg_call => {
                let mut it = kids(p);
                let op = match it.next()?.into_inner().next()?.as_rule() {
                    Rule::kw_min => AggOp::Min,
                    Rule::kw_max => AggOp::Max,
                    _ => AggOp::Sum,
                };
                let step = self.ident(it.next()?);
                ExprKind::Agg(op, step, self.ident(it.next()?))
            }
            Rule::holders_call => ExprKind::Holders(self.ident(kids(p).next()?)),
            Rule::kw_true => ExprKind::Bool(true),
            Rule::kw_false => ExprKind::Bool(false),
            Rule::date => ExprKind::Date(p.as_str().to_owned()),
            Rule::money => ExprKind::Money(p.as_str().to_owned()),
            Rule::int => match p.as_str().parse::<i64>() {
                Ok(v) => ExprKind::Int(v),
                Err(_) => {
                    self.diags.push(
                        Diagnostic::keyed(
                            Code::InvalidLiteral,
                            msg!("number-too-large", number = p.as_str()),
                        )
                        .label_keyed(span, msg!("number-too-large-64")),
                    );
                    ExprKind::Int(0)
                }
            },
            Rule::string => ExprKind::Str(self.string(p).value),
            Rule::name => ExprKind::Name(p.as_str().to_owned()),
            _ => return None,
        };
        Some((Expr { kind, span }, depth))
    }
}

fn bound(p: P<'_>) -> Bound {
    match p.into_inner().next().map(|q| q.as_rule()) {
        Some(Rule::at_most) => Bound::AtMost,
        _ => Bound::AtLeast,
    }
}
