//! Gathered declarations → model: names declared once, references resolved with "did you mean",
//! conditions typed, calendars built.

use std::collections::HashMap;

use super::calendar::{Calendar, CalendarData, DayRange};
use super::load::Gathered;
use super::model::*;
use super::suggest;
use super::types::{self, Scope};
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::parse::ast::{self, ClauseKind, Pick, Point, Requirement, RuleClauseKind};
use crate::source::Span;
use crate::vocab::Level;

/// Builds the model of a gathered rulebook (and of its superior), collecting diagnostics.
pub fn resolve(g: &Gathered, diags: &mut Vec<Diagnostic>) -> Model {
    let mut r = Resolver {
        model: Model::default(),
        diags,
        names: HashMap::new(),
        superior_steps: g
            .superior
            .iter()
            .flat_map(|s| step_names(&s.items))
            .collect(),
    };
    r.header(&g.header);
    r.declare(&g.items);
    r.model.reindex();
    r.roles(&g.items);
    r.facts(&g.items);
    r.model.reindex();
    r.calendars(g);
    r.ladders(&g.items);
    r.procedures(&g.items);
    r.mark_extensions();
    r.rules(&g.items);
    let mut model = r.model;
    if let Some(sup) = &g.superior {
        let mut sup_diags = Vec::new();
        let sup = resolve(sup, &mut sup_diags);
        diags.extend(sup_diags);
        // A refining rulebook that is silent on how cases are read keeps its superior's reading.
        model.closed_default = model.closed_default.or(sup.closed_default);
        model.consequence_default = model.consequence_default.or(sup.consequence_default);
        model.warn = model.warn.or(sup.warn);
        model.superior = Some(Box::new(sup));
    }
    model
}

struct Resolver<'d> {
    model: Model,
    diags: &'d mut Vec<Diagnostic>,
    /// First declaration of each (namespace, name).
    names: HashMap<(&'static str, String), Span>,
    /// Steps of the superior rulebook: a reference to one this rulebook dropped is left to the
    /// refinement check (DC0401) rather than reported as unknown.
    superior_steps: std::collections::HashSet<String>,
}

impl Resolver<'_> {
    fn header(&mut self, h: &ast::Header) {
        self.model.id = h.id.name.clone();
        self.model.title = h.title.as_ref().map(|s| s.value.clone());
        self.model.version = h.version.as_ref().map(|s| s.value.clone());
        self.model.source = h.source.as_ref().map(|s| s.value.clone());
        self.model.cases = h.cases.as_ref().map(|s| s.value.clone());
        self.model.consequence_default = h.consequence_default.map(|(l, _)| l);
        self.model.closed_default = h.closed_default.map(|(b, _)| b);
        self.model.warn = h.warn.as_ref().map(|(d, _)| Dur {
            amount: d.amount.value,
            unit: d.unit,
        });
        self.model.span = h.id.span;
        if let Some(e) = &h.effective {
            match crate::date::parse(&e.text) {
                Ok(_) => self.model.effective = Some(e.text.clone()),
                Err(msg) => self.diags.push(
                    Diagnostic::keyed(Code::InvalidLiteral, msg)
                        .label_keyed(e.span, msg!("invalid-date")),
                ),
            }
        }
    }

    /// Records a declaration; reports the second of two with the same name.
    fn claim(&mut self, space: &'static str, name: &ast::Ident) -> bool {
        match self.names.entry((space, name.name.clone())) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(name.span);
                true
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                self.diags.push(
                    Diagnostic::keyed(
                        Code::DuplicateDeclaration,
                        msg!("declared-twice", what = space, name = name.name),
                    )
                    .label_keyed(name.span, msg!("declared-again-here"))
                    .label_keyed(*first.get(), msg!("first-declared-here"))
                    .help_keyed(msg!("declared-twice-help", what = space)),
                );
                false
            }
        }
    }
}

fn unknown(diags: &mut Vec<Diagnostic>, what: &str, name: &ast::Ident, known: Vec<&str>) {
    let help = suggest::help(what, &name.name, known.iter().copied());
    diags.push(
        Diagnostic::keyed(
            Code::UnknownName,
            msg!("unknown-name", what = what, name = name.name),
        )
        .label_keyed(name.span, msg!("unknown-name-label", what = what))
        .help_keyed(help),
    );
}

impl Resolver<'_> {
    /// Declares roles, facts, steps and rules first, so references can point forward.
    fn declare(&mut self, items: &[ast::Item]) {
        for item in items {
            match item {
                ast::Item::Role(r) if self.claim("role", &r.name) => self.model.roles.push(Role {
                    name: r.name.name.clone(),
                    label: r.label.as_ref().map(|s| s.value.clone()),
                    reports_to: None,
                    reports_to_span: r.reports_to.as_ref().map_or(r.span, |i| i.span),
                    span: r.name.span,
                }),
                ast::Item::Procedure(p) => {
                    if !self.claim("procedure", &p.name) {
                        continue;
                    }
                    let pid = ProcId::of(self.model.procedures.len());
                    let mut steps = Vec::new();
                    for s in &p.steps {
                        if !self.claim("step", &s.name) {
                            continue;
                        }
                        steps.push(StepId::of(self.model.steps.len()));
                        self.model.steps.push(empty_step(s, pid));
                    }
                    self.model.procedures.push(Procedure {
                        name: p.name.name.clone(),
                        label: p.label.as_ref().map(|s| s.value.clone()),
                        calendar: None,
                        steps,
                        span: p.name.span,
                    });
                }
                ast::Item::Rule(r) if self.claim("rule", &r.name) => {
                    self.model.rules.push(AccRule {
                        name: r.name.name.clone(),
                        label: r.label.as_ref().map(|s| s.value.clone()),
                        triggers: Vec::new(),
                        on_rules: Vec::new(),
                        liable: Vec::new(),
                        reliefs: Vec::new(),
                        penalties: Vec::new(),
                        cite: None,
                        name_span: r.name.span,
                        span: r.span,
                    })
                }
                _ => {}
            }
        }
    }

    fn role(&mut self, name: &ast::Ident) -> Option<RoleId> {
        let found = self.model.role_named(&name.name);
        if found.is_none() {
            let known = self.model.roles.iter().map(|r| r.name.as_str()).collect();
            unknown(self.diags, "role", name, known);
        }
        found
    }

    fn step_ref(&mut self, name: &ast::Ident) -> Option<StepId> {
        let found = self.model.step_named(&name.name);
        if found.is_none() && !self.superior_steps.contains(&name.name) {
            let known = self.model.steps.iter().map(|s| s.name.as_str()).collect();
            unknown(self.diags, "step", name, known);
        }
        found
    }

    fn roles(&mut self, items: &[ast::Item]) {
        for item in items {
            match item {
                ast::Item::Role(r) => {
                    let Some(to) = &r.reports_to else { continue };
                    let target = self.role(to);
                    if let Some(me) = self.model.role_named(&r.name.name)
                        && let Some(role) = self.model.roles.get_mut(me.index())
                        && role.span.same_place(r.name.span)
                    {
                        role.reports_to = target;
                    }
                }
                ast::Item::Separate(s) => {
                    let a = self.role(&s.a);
                    let b = self.role(&s.b);
                    if let (Some(a), Some(b)) = (a, b) {
                        self.model.separations.push(Separation {
                            a,
                            b,
                            reason: s.reason.as_ref().map(|r| r.value.clone()),
                            span: s.span,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    fn facts(&mut self, items: &[ast::Item]) {
        for item in items {
            let ast::Item::Fact(f) = item else { continue };
            if !self.claim("fact", &f.name) {
                continue;
            }
            let id = FactId::of(self.model.facts.len());
            let (ty, variants) = match &f.ty {
                ast::TypeExpr::Bool => (Type::Bool, vec![]),
                ast::TypeExpr::Int => (Type::Int, vec![]),
                ast::TypeExpr::Money => (Type::Money, vec![]),
                ast::TypeExpr::Date => (Type::Date, vec![]),
                ast::TypeExpr::Text => (Type::Text, vec![]),
                ast::TypeExpr::Person | ast::TypeExpr::Persons => {
                    self.diags.push(
                        Diagnostic::keyed(Code::TypeMismatch, msg!("fact-cannot-hold-people"))
                            .label_keyed(f.span, msg!("fact-cannot-hold-people-label"))
                            .help_keyed(msg!("fact-cannot-hold-people-help")),
                    );
                    continue;
                }
                ast::TypeExpr::Enum(vs) => {
                    let mut names: Vec<String> = Vec::new();
                    for v in vs {
                        if names.contains(&v.name) {
                            self.diags.push(
                                Diagnostic::keyed(
                                    Code::DuplicateDeclaration,
                                    msg!("value-listed-twice", value = v.name),
                                )
                                .label_keyed(v.span, msg!("repeated")),
                            );
                        } else {
                            names.push(v.name.clone());
                        }
                    }
                    (Type::Enum(id), names)
                }
            };
            self.model.facts.push(Fact {
                name: f.name.name.clone(),
                ty: ty.clone(),
                variants,
                default: FactDefault::Required,
                path: format!("facts.{}", f.name.name).into(),
                label: f.label.as_ref().map(|s| s.value.clone()),
                span: f.name.span,
            });
            let default = match &f.default {
                None => FactDefault::Required,
                Some(ast::FactDefault::Optional(_)) => FactDefault::Optional,
                Some(ast::FactDefault::Value(e)) => {
                    let scope = Scope {
                        model: &self.model,
                        step: None,
                    };
                    match types::constant(&scope, e, &ty, self.diags) {
                        Some(v) => FactDefault::Value(v),
                        None => continue,
                    }
                }
            };
            if let Some(fact) = self.model.facts.get_mut(id.index()) {
                fact.default = default;
            }
        }
    }

    fn calendars(&mut self, g: &Gathered) {
        for item in &g.items {
            let ast::Item::Calendar(c) = item else {
                continue;
            };
            if !self.claim("calendar", &c.name) {
                continue;
            }
            let data = match &c.body {
                ast::CalendarBody::From(s) => {
                    match g.calendar_files.get(&(s.name.span.file, s.name.span.start)) {
                        Some(Ok(data)) => data.clone(),
                        Some(Err(d)) => {
                            self.diags.push(d.clone());
                            continue;
                        }
                        None => continue,
                    }
                }
                ast::CalendarBody::Inline(entries) => inline_calendar(entries),
            };
            match Calendar::build(&c.name.name, c.name.span, &data) {
                Ok(cal) => self.model.calendars.push(cal),
                Err(msg) => self.diags.push(
                    Diagnostic::keyed(
                        Code::InvalidCalendar,
                        msg!("calendar-invalid", calendar = c.name.name; reason => msg),
                    )
                    .label_keyed(c.span, msg!("declared-here")),
                ),
            }
        }
    }

    fn ladders(&mut self, items: &[ast::Item]) {
        for item in items {
            let ast::Item::Ladder(l) = item else { continue };
            if !self.claim("ladder", &l.name) {
                continue;
            }
            let mut measures: Vec<Measure> = Vec::new();
            for m in &l.measures {
                if let Some(first) = measures.iter().find(|x| x.name == m.name.name) {
                    self.diags.push(
                        Diagnostic::keyed(
                            Code::DuplicateDeclaration,
                            msg!("measure-twice", measure = m.name.name, ladder = l.name.name),
                        )
                        .label_keyed(m.name.span, msg!("declared-again-here"))
                        .label_keyed(first.span, msg!("first-declared-here")),
                    );
                    continue;
                }
                measures.push(Measure {
                    name: m.name.name.clone(),
                    label: m.label.as_ref().map(|s| s.value.clone()),
                    months: m.months.map(|n| n.value),
                    span: m.name.span,
                });
            }
            self.model.ladders.push(Ladder {
                name: l.name.name.clone(),
                label: l.label.as_ref().map(|s| s.value.clone()),
                measures,
                sum_equal: l.combine.as_ref().is_some_and(|c| c.sum_equal),
                cap_months: l
                    .combine
                    .as_ref()
                    .and_then(|c| c.cap_months.map(|n| n.value)),
                span: l.name.span,
            });
        }
    }

    fn procedures(&mut self, items: &[ast::Item]) {
        for item in items {
            let ast::Item::Procedure(p) = item else {
                continue;
            };
            let Some(pid) = self.model.procedure_named(&p.name.name) else {
                continue;
            };
            if self
                .model
                .procedures
                .get(pid.index())
                .is_some_and(|x| !x.span.same_place(p.name.span))
            {
                continue;
            }
            let calendar = p.calendar.as_ref().and_then(|c| {
                let found = self
                    .model
                    .calendars
                    .iter()
                    .position(|x| x.name == c.name)
                    .map(CalId::of);
                if found.is_none() && !self.names.contains_key(&("calendar", c.name.clone())) {
                    let known = self
                        .model
                        .calendars
                        .iter()
                        .map(|x| x.name.as_str())
                        .collect();
                    unknown(self.diags, "calendar", c, known);
                }
                found
            });
            if let Some(proc) = self.model.procedures.get_mut(pid.index()) {
                proc.calendar = calendar;
            }
            let mut uses_workdays = None;
            for s in &p.steps {
                let Some(sid) = self.model.step_named(&s.name.name) else {
                    continue;
                };
                if self
                    .model
                    .step(sid)
                    .is_some_and(|x| !x.span.same_place(s.span))
                {
                    continue;
                }
                let step = self.step(s, sid, &mut uses_workdays);
                if let Some(slot) = self.model.steps.get_mut(sid.index()) {
                    *slot = step;
                }
            }
            if let (Some(span), None) = (uses_workdays, calendar)
                && p.calendar.is_none()
            {
                self.diags.push(
                    Diagnostic::keyed(
                        Code::MissingCalendar,
                        msg!("missing-calendar", procedure = p.name.name),
                    )
                    .label_keyed(span, msg!("missing-calendar-here"))
                    .label_keyed(p.name.span, msg!("missing-calendar-procedure"))
                    .help_keyed(msg!("missing-calendar-help")),
                );
            }
        }
    }

    /// Marks the steps that grant an extension, once for the whole rulebook.
    fn mark_extensions(&mut self) {
        let granters: Vec<StepId> = self
            .model
            .steps
            .iter()
            .flat_map(|s| &s.deadlines)
            .filter_map(|d| d.extension.map(|(_, by)| by))
            .collect();
        for id in granters {
            if let Some(s) = self.model.steps.get_mut(id.index()) {
                s.grants_extension = true;
            }
        }
    }

    fn anchor(&mut self, a: &ast::Anchor) -> Option<At> {
        Some(At {
            step: self.step_ref(&a.step)?,
            point: a.point.unwrap_or(Point::End),
        })
    }

    /// A limit's origin: a step's event, or a date fact of the case.
    fn origin(&mut self, a: &ast::Anchor) -> Option<Origin> {
        if self.model.step_named(&a.step.name).is_none()
            && let Some(f) = self.model.fact_named(&a.step.name)
        {
            return self.date_fact(&a.step, f).map(Origin::Fact);
        }
        let at = self.anchor(a)?;
        Some(Origin::Step(at, a.pick.unwrap_or(Pick::First)))
    }

    /// A fact that must be a date.
    fn date_fact(&mut self, name: &ast::Ident, f: FactId) -> Option<FactId> {
        if self
            .model
            .facts
            .get(f.index())
            .is_some_and(|x| x.ty == Type::Date)
        {
            return Some(f);
        }
        self.diags.push(
            Diagnostic::keyed(Code::TypeMismatch, msg!("limit-not-date", name = name.name))
                .label_keyed(name.span, msg!("not-a-date")),
        );
        None
    }

    /// The exceptions and time of force a clause carries.
    fn applies(&mut self, guards: &[ast::Guard]) -> Applies {
        let mut out = Applies::default();
        let mut conds = Vec::new();
        for g in guards {
            match g {
                ast::Guard::When(e) => conds.extend(self.cond(e, None)),
                ast::Guard::Unless(e) => {
                    conds.extend(self.cond(e, None).map(|x| Expr::Not(Box::new(x))))
                }
                ast::Guard::Since(d) => out.since = self.date_lit(d),
                ast::Guard::Until(d) => out.until = self.date_lit(d),
            }
        }
        let span = guards.iter().find_map(|g| match g {
            ast::Guard::When(e) | ast::Guard::Unless(e) => Some(e.span),
            _ => None,
        });
        out.cond = span.map(|span| Cond {
            expr: if conds.len() == 1 {
                conds.pop().unwrap_or(Expr::Const(Val::Bool(true)))
            } else {
                Expr::And(conds)
            },
            span,
        });
        out
    }

    fn date_lit(&mut self, d: &ast::Lit) -> Option<crate::date::Day> {
        match crate::date::parse(&d.text) {
            Ok(day) => Some(day),
            Err(msg) => {
                self.diags.push(
                    Diagnostic::keyed(Code::InvalidLiteral, msg)
                        .label_keyed(d.span, msg!("invalid-date")),
                );
                None
            }
        }
    }

    fn step(&mut self, s: &ast::StepDecl, sid: StepId, workdays: &mut Option<Span>) -> Step {
        let mut step = self
            .model
            .step(sid)
            .cloned()
            .unwrap_or_else(|| empty_step(s, ProcId(0)));
        let mut note_unit = |d: &ast::Duration| {
            if d.unit == crate::vocab::Unit::Workdays && workdays.is_none() {
                *workdays = Some(d.span);
            }
            Dur {
                amount: d.amount.value,
                unit: d.unit,
            }
        };
        // Recorded fields first: `ensure` may name them wherever it stands.
        for c in &s.clauses {
            if let ClauseKind::Records(fields) = &c.kind {
                for f in fields {
                    if step.fields.iter().any(|x| x.name == f.name.name) {
                        self.diags.push(
                            Diagnostic::keyed(
                                Code::DuplicateDeclaration,
                                msg!("field-twice", field = f.name.name),
                            )
                            .label_keyed(f.name.span, msg!("declared-again-here")),
                        );
                        continue;
                    }
                    let ty = match &f.ty {
                        ast::TypeExpr::Bool => Type::Bool,
                        ast::TypeExpr::Int => Type::Int,
                        ast::TypeExpr::Money => Type::Money,
                        ast::TypeExpr::Date => Type::Date,
                        ast::TypeExpr::Person => Type::Person,
                        ast::TypeExpr::Persons => Type::Persons,
                        ast::TypeExpr::Text | ast::TypeExpr::Enum(_) => Type::Text,
                    };
                    step.fields.push(Field {
                        name: f.name.name.clone(),
                        ty,
                        span: f.name.span,
                    });
                }
            }
        }
        for c in &s.clauses {
            match &c.kind {
                ClauseKind::Required(req, each, dates) => {
                    step.each = each.as_ref().and_then(|r| self.role(r));
                    step.required_in_force = self.applies(dates);
                    let cond = match req {
                        Requirement::Always => Some(Cond::always(c.span)),
                        Requirement::When(e) => {
                            self.cond(e, None).map(|expr| Cond { expr, span: e.span })
                        }
                        Requirement::Unless(e) => self.cond(e, None).map(|expr| Cond {
                            expr: Expr::Not(Box::new(expr)),
                            span: e.span,
                        }),
                    };
                    step.required = cond;
                }
                ClauseKind::Forbidden(after, None) => {
                    step.forbidden = Some(Cond::always(c.span));
                    step.forbidden_after = after.iter().filter_map(|x| self.step_ref(x)).collect();
                }
                ClauseKind::Forbidden(after, Some(e)) => {
                    step.forbidden = self.cond(e, None).map(|expr| Cond { expr, span: e.span });
                    step.forbidden_after = after.iter().filter_map(|x| self.step_ref(x)).collect();
                }
                ClauseKind::Requires(steps) => {
                    for t in steps {
                        if let Some(id) = self.step_ref(t) {
                            step.requires.push((id, t.span));
                        }
                    }
                }
                ClauseKind::Deemed(a, when) => {
                    let when = match when {
                        ast::DeemedWhen::Findings(kinds, s) => self.step_ref(s).map(|id| {
                            DeemedWhen::Findings(kinds.iter().map(|k| k.kind).collect(), id)
                        }),
                        ast::DeemedWhen::Cond(e) => self
                            .cond(e, None)
                            .map(|expr| DeemedWhen::Cond(Cond { expr, span: e.span })),
                    };
                    if let (Some(at), Some(when)) = (self.origin(a), when) {
                        step.deemed.push(Deemed {
                            at,
                            when,
                            span: c.span,
                        });
                    }
                }
                ClauseKind::Ends(fact, guards) => {
                    let applies = self.applies(guards);
                    let found = self.model.fact_named(&fact.name);
                    let Some(f) = found else {
                        let known = self.model.facts.iter().map(|f| f.name.as_str()).collect();
                        unknown(self.diags, "fact", fact, known);
                        continue;
                    };
                    if let Some(f) = self.date_fact(fact, f) {
                        step.deadlines.push(Deadline {
                            limit: Dur {
                                amount: 0,
                                unit: crate::vocab::Unit::Days,
                            },
                            limit_fact: None,
                            anchor: Origin::Fact(f),
                            fixed: true,
                            excluding: Vec::new(),
                            extension: None,
                            applies,
                            span: c.span,
                        });
                    }
                }
                ClauseKind::By(roles) => {
                    step.by = roles.iter().filter_map(|r| self.role(r)).collect();
                    step.by_span = Some(c.span);
                }
                ClauseKind::After(steps) => {
                    for t in steps {
                        if let Some(id) = self.step_ref(t) {
                            step.after.push((id, t.span));
                        }
                    }
                }
                ClauseKind::Within {
                    limit,
                    anchor,
                    excluding,
                    extension,
                    guards,
                } => {
                    let applies = self.applies(guards);
                    let limit_fact = limit.fact.as_ref().and_then(|f| self.int_fact(f));
                    let limit = note_unit(limit);
                    let anchor = self.origin(anchor);
                    let excluding = excluding.iter().filter_map(|x| self.step_ref(x)).collect();
                    let extension = extension.as_ref().and_then(|(d, by)| {
                        self.fixed_only(d);
                        let d = note_unit(d);
                        self.step_ref(by).map(|id| (d, id))
                    });
                    if let Some(anchor) = anchor {
                        step.deadlines.push(Deadline {
                            limit,
                            limit_fact,
                            anchor,
                            fixed: false,
                            excluding,
                            extension,
                            applies,
                            span: c.span,
                        });
                    }
                }
                ClauseKind::Gap {
                    min,
                    anchor,
                    guards,
                } => {
                    self.fixed_only(min);
                    let min = note_unit(min);
                    let applies = self.applies(guards);
                    let pick = anchor.pick.unwrap_or(Pick::First);
                    if let Some(anchor) = self.anchor(anchor) {
                        step.gaps.push(Gap {
                            min,
                            anchor,
                            pick,
                            applies,
                            span: c.span,
                        });
                    }
                }
                ClauseKind::Lasts(bound, d, guards) => {
                    self.fixed_only(d);
                    let value = note_unit(d);
                    let limit = Some(Limit {
                        value,
                        applies: self.applies(guards),
                        span: c.span,
                    });
                    match bound {
                        ast::Bound::AtLeast => step.min_duration = limit,
                        ast::Bound::AtMost => step.max_duration = limit,
                    }
                }
                ClauseKind::Occurs(bound, n, guards) => {
                    let limit = Some(Limit {
                        value: n.value,
                        applies: self.applies(guards),
                        span: c.span,
                    });
                    match bound {
                        ast::Bound::AtLeast => step.min_occurs = limit,
                        ast::Bound::AtMost => step.max_occurs = limit,
                    }
                }
                ClauseKind::Ensure(e, message, guards) => {
                    let applies = self.applies(guards);
                    if let Some(expr) = self.cond(e, Some(&step)) {
                        step.ensures.push(Ensure {
                            cond: Cond { expr, span: e.span },
                            message: message.as_ref().map(|m| m.value.clone()),
                            applies,
                        });
                    }
                }
                ClauseKind::Cite(s) => step.cite = Some(s.value.clone()),
                ClauseKind::Records(_) => {}
            }
        }
        step
    }

    /// The int fact a deadline takes its length from.
    fn int_fact(&mut self, name: &ast::Ident) -> Option<FactId> {
        let Some(id) = self.model.fact_named(&name.name) else {
            let known = self.model.facts.iter().map(|f| f.name.as_str()).collect();
            unknown(self.diags, "fact", name, known);
            return None;
        };
        if self
            .model
            .facts
            .get(id.index())
            .is_some_and(|f| f.ty != Type::Int)
        {
            self.diags.push(
                Diagnostic::keyed(Code::TypeMismatch, msg!("length-not-int", name = name.name))
                    .label_keyed(name.span, msg!("not-an-int")),
            );
            return None;
        }
        Some(id)
    }

    /// Only a deadline may take its length from a fact.
    fn fixed_only(&mut self, d: &ast::Duration) {
        if let Some(f) = &d.fact {
            self.diags.push(
                Diagnostic::keyed(
                    Code::TypeMismatch,
                    msg!("only-deadline-from-fact", name = f.name),
                )
                .label_keyed(f.span, msg!("write-a-number"))
                .help_keyed(msg!("only-deadline-from-fact-help")),
            );
        }
    }

    fn cond(&mut self, e: &ast::Expr, step: Option<&Step>) -> Option<Expr> {
        let scope = Scope {
            model: &self.model,
            step,
        };
        types::condition(&scope, e, self.diags)
    }

    fn rules(&mut self, items: &[ast::Item]) {
        for item in items {
            let ast::Item::Rule(r) = item else { continue };
            let Some(rid) = self.model.rule_named(&r.name.name) else {
                continue;
            };
            if self
                .model
                .rules
                .get(rid.index())
                .is_some_and(|x| !x.span.same_place(r.span))
            {
                continue;
            }
            let mut rule = match self.model.rules.get(rid.index()) {
                Some(x) => x.clone(),
                None => continue,
            };
            for c in &r.clauses {
                match &c.kind {
                    RuleClauseKind::On(kinds, steps) => {
                        let steps = steps.iter().filter_map(|s| self.step_ref(s)).collect();
                        rule.triggers.push(Trigger {
                            kinds: kinds.iter().map(|k| k.kind).collect(),
                            steps,
                            span: c.span,
                        });
                    }
                    RuleClauseKind::OnFindingsOf(names) => {
                        for n in names {
                            match self.model.rule_named(&n.name) {
                                Some(id) if id == rid => self.diags.push(
                                    Diagnostic::keyed(
                                        Code::UnknownName,
                                        msg!("rule-answers-itself", rule = n.name),
                                    )
                                    .label_keyed(n.span, msg!("refers-to-itself")),
                                ),
                                Some(id) => rule.on_rules.push(id),
                                None => {
                                    let known =
                                        self.model.rules.iter().map(|x| x.name.as_str()).collect();
                                    unknown(self.diags, "rule", n, known);
                                }
                            }
                        }
                    }
                    RuleClauseKind::Liable(p, grade, guards) => {
                        let applies = self.applies(guards);
                        if let Some(persons) = self.persons(p) {
                            rule.liable.push(Liable {
                                persons,
                                grade: *grade,
                                applies,
                            });
                        }
                    }
                    RuleClauseKind::Exempt(p, reason, guards) => {
                        self.relief(&mut rule, p, None, reason, guards);
                    }
                    RuleClauseKind::Reduce(p, n, reason, guards) => {
                        self.relief(&mut rule, p, Some(n.value), reason, guards);
                    }
                    RuleClauseKind::Penalty(ladder, guards, entries) => {
                        let applies = self.applies(guards);
                        if let Some(mut p) = self.penalty(ladder, entries, c.span) {
                            p.applies = applies;
                            rule.penalties.push(p);
                        }
                    }
                    RuleClauseKind::Cite(s) => rule.cite = Some(s.value.clone()),
                }
            }
            if let Some(slot) = self.model.rules.get_mut(rid.index()) {
                *slot = rule;
            }
        }
    }

    fn relief(
        &mut self,
        rule: &mut AccRule,
        p: &ast::Persons,
        by: Option<u32>,
        reason: &ast::Str,
        guards: &[ast::Guard],
    ) {
        let applies = self.applies(guards);
        if let Some(persons) = self.persons(p) {
            rule.reliefs.push(Relief {
                persons,
                by,
                reason: reason.value.clone(),
                applies,
            });
        }
    }

    fn persons(&mut self, p: &ast::Persons) -> Option<Persons> {
        let include = self.person_term(&p.include)?;
        let holding = match &p.holding {
            Some(r) => Some(self.role(r)?),
            None => None,
        };
        let except = p
            .except
            .iter()
            .filter_map(|t| self.person_term(t))
            .collect();
        Some(Persons {
            include,
            holding,
            except,
            span: p.span,
        })
    }

    fn person_term(&mut self, t: &ast::PersonTerm) -> Option<PersonTerm> {
        Some(match t {
            ast::PersonTerm::Actor(_) => PersonTerm::Actor,
            ast::PersonTerm::Role(r) => PersonTerm::Role(self.role(r)?),
            ast::PersonTerm::Leader(inner, _) => {
                PersonTerm::Leader(Box::new(self.person_term(inner)?))
            }
            ast::PersonTerm::Field(field, step) => {
                let sid = self.step_ref(step)?;
                let s = self.model.step(sid)?;
                let Some(i) = s.field(&field.name) else {
                    let help = suggest::help(
                        "field",
                        &field.name,
                        s.fields.iter().map(|f| f.name.as_str()),
                    );
                    self.diags.push(
                        Diagnostic::keyed(
                            Code::UnknownName,
                            msg!("no-such-field", step = step.name, field = field.name),
                        )
                        .label_keyed(field.span, msg!("not-recorded-by-step"))
                        .help_keyed(help),
                    );
                    return None;
                };
                if !matches!(
                    s.fields.get(i as usize).map(|f| &f.ty),
                    Some(Type::Persons | Type::Person)
                ) {
                    self.diags.push(
                        Diagnostic::keyed(
                            Code::TypeMismatch,
                            msg!("field-not-people", field = field.name),
                        )
                        .label_keyed(field.span, msg!("field-not-people-label")),
                    );
                    return None;
                }
                PersonTerm::Field(sid, i)
            }
        })
    }

    fn penalty(
        &mut self,
        ladder: &ast::Ident,
        entries: &[ast::PenaltyEntry],
        span: Span,
    ) -> Option<Penalty> {
        let Some(lid) = self
            .model
            .ladders
            .iter()
            .position(|l| l.name == ladder.name)
            .map(LadderId::of)
        else {
            let known = self.model.ladders.iter().map(|l| l.name.as_str()).collect();
            unknown(self.diags, "ladder", ladder, known);
            return None;
        };
        let mut p = Penalty {
            ladder: lid,
            map: [None; 4],
            map_spans: [None; 4],
            shifts: [0; 3],
            aggravate: 0,
            prior: PriorFilter::default(),
            applies: Applies::default(),
            mitigate: 0,
            span,
        };
        for e in entries {
            match &e.kind {
                ast::PenaltyEntryKind::Map(level, measure) => {
                    let idx = Penalty::level_index(*level);
                    let target = match measure {
                        None => None,
                        Some(m) => {
                            let l = self.model.ladders.get(lid.index())?;
                            match l.measures.iter().position(|x| x.name == m.name) {
                                Some(i) => Some(u32::try_from(i).unwrap_or(0)),
                                None => {
                                    let known: Vec<String> =
                                        l.measures.iter().map(|x| x.name.clone()).collect();
                                    unknown(
                                        self.diags,
                                        &format!("measure of `{}`", l.name),
                                        m,
                                        known.iter().map(String::as_str).collect(),
                                    );
                                    continue;
                                }
                            }
                        }
                    };
                    if let (Some(slot), Some(sp)) = (p.map.get_mut(idx), p.map_spans.get_mut(idx)) {
                        *slot = Some(target);
                        *sp = Some(e.span);
                    }
                }
                ast::PenaltyEntryKind::Shift(grade, n) => {
                    if let Some(slot) = p.shifts.get_mut(Penalty::grade_index(*grade)) {
                        *slot = *n;
                    }
                }
                ast::PenaltyEntryKind::Aggravate(n, f) => {
                    p.aggravate = *n;
                    p.prior = PriorFilter {
                        window: f.window.as_ref().map(|d| {
                            self.fixed_only(d);
                            Dur {
                                amount: d.amount.value,
                                unit: d.unit,
                            }
                        }),
                        during: f.during,
                        kinds: f.kinds.iter().map(|k| k.kind).collect(),
                    };
                }
                ast::PenaltyEntryKind::Mitigate(n) => p.mitigate = *n,
            }
        }
        Some(p)
    }
}

/// The names of the steps declared in some items.
fn step_names(items: &[ast::Item]) -> impl Iterator<Item = String> + '_ {
    items.iter().flat_map(|i| match i {
        ast::Item::Procedure(p) => p.steps.iter().map(|s| s.name.name.clone()).collect(),
        _ => Vec::new(),
    })
}

fn empty_step(s: &ast::StepDecl, procedure: ProcId) -> Step {
    Step {
        name: s.name.name.clone(),
        label: s.label.as_ref().map(|l| l.value.clone()),
        procedure,
        required: None,
        required_in_force: Applies::default(),
        each: None,
        forbidden: None,
        forbidden_after: Vec::new(),
        requires: Vec::new(),
        deemed: Vec::new(),
        grants_extension: false,
        by: Vec::new(),
        by_span: None,
        after: Vec::new(),
        deadlines: Vec::new(),
        gaps: Vec::new(),
        min_duration: None,
        max_duration: None,
        min_occurs: None,
        max_occurs: None,
        fields: Vec::new(),
        ensures: Vec::new(),
        cite: None,
        name_span: s.name.span,
        span: s.span,
    }
}

fn inline_calendar(entries: &[ast::CalendarEntry]) -> CalendarData {
    let mut data = CalendarData::default();
    for e in entries {
        match e {
            ast::CalendarEntry::Zone(z) => data.zone = Some(z.value.clone()),
            ast::CalendarEntry::Weekend(days) => {
                data.weekend = days.iter().map(|d| d.name.clone()).collect()
            }
            ast::CalendarEntry::Covers(a, b) => {
                data.covers = [
                    i16::try_from(a.value).unwrap_or(i16::MAX),
                    i16::try_from(b.value).unwrap_or(i16::MAX),
                ];
            }
            ast::CalendarEntry::Days {
                kind,
                from,
                to,
                label,
            } => {
                let range = DayRange {
                    from: from.text.clone(),
                    to: to.as_ref().map(|t| t.text.clone()),
                    label: label.as_ref().map(|l| l.value.clone()),
                };
                match kind {
                    ast::DayKind::Holiday => data.holidays.push(range),
                    ast::DayKind::Rest => data.rest.push(range),
                    ast::DayKind::Workday => data.workdays.push(range),
                }
            }
        }
    }
    data
}

/// Levels in order, for grading checks.
pub const LEVELS: [Level; 4] = [Level::None, Level::Minor, Level::Major, Level::Severe];
