//! Resolving and type-checking conditions.

use rust_decimal::Decimal;

use super::model::{Expr, Model, RoleId, Step, Type, Val};
use super::suggest;
use crate::date;
use crate::diag::{Code, Diagnostic, Msg};
use crate::msg;
use crate::parse::ast::{self, CmpOp, ExprKind};
use crate::source::Span;

/// What names a condition may use: facts always, recorded fields inside `ensure`.
pub struct Scope<'a> {
    /// The compiled facts and roles.
    pub model: &'a Model,
    /// The step whose recorded fields are visible.
    pub step: Option<&'a Step>,
}

/// Resolves a condition that must be boolean.
pub fn condition(scope: &Scope<'_>, e: &ast::Expr, diags: &mut Vec<Diagnostic>) -> Option<Expr> {
    let (expr, ty) = typed(scope, e, None, diags)?;
    if ty != Type::Bool {
        diags.push(
            Diagnostic::keyed(
                Code::TypeMismatch,
                msg!("not-a-condition", ty = describe(scope.model, &ty)),
            )
            .label_keyed(e.span, msg!("not-a-condition-label"))
            .help_keyed(msg!("not-a-condition-help")),
        );
        return None;
    }
    Some(expr)
}

/// Resolves a constant of a given type (a fact's default).
pub fn constant(
    scope: &Scope<'_>,
    e: &ast::Expr,
    ty: &Type,
    diags: &mut Vec<Diagnostic>,
) -> Option<Val> {
    let (x, found) = typed(scope, e, Some(ty), diags)?;
    match unify(ty, x, &found) {
        Some(Expr::Const(v)) => Some(v),
        Some(Expr::Arith(b, _, _)) if matches!(*b, Expr::Const(Val::Int(_))) => match *b {
            Expr::Const(Val::Int(i)) => Some(Val::Money(Decimal::from(i))),
            _ => None,
        },
        _ => {
            diags.push(
                Diagnostic::keyed(
                    Code::TypeMismatch,
                    msg!("default-type", ty = describe(scope.model, ty)),
                )
                .label_keyed(e.span, msg!("this-is", ty = describe(scope.model, &found))),
            );
            None
        }
    }
}

/// A type as users read it.
pub fn describe(model: &Model, ty: &Type) -> String {
    match ty {
        Type::Bool => "bool".into(),
        Type::Int => "int".into(),
        Type::Money => "money".into(),
        Type::Date => "date".into(),
        Type::Text => "text".into(),
        Type::Person => "person".into(),
        Type::Persons => "persons".into(),
        Type::Enum(f) => format!(
            "enum `{}`",
            model.facts.get(f.index()).map_or("?", |f| f.name.as_str())
        ),
    }
}

/// DC0203: `need` says what the place needs and what it has (`ty`).
fn mismatch(scope: &Scope<'_>, span: Span, need: Msg, ty: &Type, diags: &mut Vec<Diagnostic>) {
    let found = describe(scope.model, ty);
    diags.push(
        Diagnostic::keyed(Code::TypeMismatch, need).label_keyed(span, msg!("this-is", ty = found)),
    );
}

/// Types an expression; `expect` carries the enum whose values bare names may refer to.
fn typed(
    scope: &Scope<'_>,
    e: &ast::Expr,
    expect: Option<&Type>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Expr, Type)> {
    let model = scope.model;
    Some(match &e.kind {
        ExprKind::Paren(inner) => return typed(scope, inner, expect, diags),
        ExprKind::Bool(b) => (Expr::Const(Val::Bool(*b)), Type::Bool),
        ExprKind::Int(i) => (Expr::Const(Val::Int(*i)), Type::Int),
        ExprKind::Money(m) => match m.parse::<Decimal>() {
            Ok(d) => (Expr::Const(Val::Money(d)), Type::Money),
            Err(_) => {
                diags.push(
                    Diagnostic::keyed(Code::InvalidLiteral, msg!("invalid-amount", amount = m))
                        .label_keyed(e.span, msg!("invalid-amount-label")),
                );
                return None;
            }
        },
        ExprKind::Date(d) => match date::parse(d) {
            Ok(day) => (Expr::Const(Val::Date(day)), Type::Date),
            Err(msg) => {
                diags.push(
                    Diagnostic::keyed(Code::InvalidLiteral, msg)
                        .label_keyed(e.span, msg!("invalid-date")),
                );
                return None;
            }
        },
        ExprKind::Str(s) => (Expr::Const(Val::Text(s.clone())), Type::Text),
        ExprKind::Name(name) => {
            if let Some((i, f)) = scope.step.and_then(|s| {
                s.field(name)
                    .and_then(|i| s.fields.get(i as usize).map(|f| (i, f)))
            }) {
                (Expr::Field(i), f.ty.clone())
            } else if let Some(id) = model.fact_named(name) {
                let ty = model.facts.get(id.index()).map(|f| f.ty.clone())?;
                (Expr::Fact(id), ty)
            } else if let Some(Type::Enum(fact)) = expect {
                let f = model.facts.get(fact.index())?;
                match f.variants.iter().position(|v| v == name) {
                    Some(v) => (
                        Expr::Const(Val::Enum(*fact, u32::try_from(v).unwrap_or(0))),
                        Type::Enum(*fact),
                    ),
                    None => {
                        diags.push(
                            Diagnostic::keyed(
                                Code::UnknownName,
                                msg!("not-a-value", name = name, fact = f.name),
                            )
                            .label_keyed(e.span, msg!("unknown-value"))
                            .help_keyed(suggest::help(
                                "value",
                                name,
                                f.variants.iter().map(String::as_str),
                            )),
                        );
                        return None;
                    }
                }
            } else {
                let fields = scope
                    .step
                    .map(|s| s.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>())
                    .unwrap_or_default();
                let names: Vec<&str> = model
                    .facts
                    .iter()
                    .map(|f| f.name.as_str())
                    .chain(fields)
                    .collect();
                diags.push(undeclared("fact", name, e.span, names.iter().copied()));
                return None;
            }
        }
        // `count(step)`: a step's events, where no recorded field of the `ensure` has the name.
        ExprKind::Count(what, None)
            if scope.step.is_none_or(|s| s.field(&what.name).is_none())
                && model.step_named(&what.name).is_some() =>
        {
            let id = model.step_named(&what.name)?;
            (Expr::Events(id), Type::Int)
        }
        ExprKind::Agg(op, step, field) => {
            let Some(sid) = model.step_named(&step.name) else {
                diags.push(undeclared(
                    "step",
                    &step.name,
                    step.span,
                    model.steps.iter().map(|s| s.name.as_str()),
                ));
                return None;
            };
            let s = model.step(sid)?;
            let (i, ty) = recorded(s, field, diags)?;
            let ok = match op {
                ast::AggOp::Sum => matches!(ty, Type::Int | Type::Money),
                _ => matches!(ty, Type::Int | Type::Money | Type::Date),
            };
            if !ok {
                mismatch(
                    scope,
                    field.span,
                    msg!(
                        "need-aggregate",
                        op = op.as_str(),
                        ty = describe(scope.model, &ty)
                    ),
                    &ty,
                    diags,
                );
                return None;
            }
            (Expr::Agg(*op, sid, i), ty)
        }
        ExprKind::Count(field, holding) => {
            let holding = match holding {
                Some(r) => Some(role(model, r, diags)?),
                None => None,
            };
            let Some(step) = scope.step else {
                diags.push(
                    Diagnostic::keyed(Code::TypeMismatch, msg!("count-outside-ensure"))
                        .label_keyed(e.span, msg!("count-outside-ensure-label")),
                );
                return None;
            };
            let (i, ty) = recorded(step, field, diags)?;
            if ty != Type::Persons {
                mismatch(
                    scope,
                    field.span,
                    msg!("need-persons-field", ty = describe(scope.model, &ty)),
                    &ty,
                    diags,
                );
                return None;
            }
            (Expr::Count(i, holding), Type::Int)
        }
        ExprKind::Holders(r) => (Expr::Holders(role(model, r, diags)?), Type::Int),
        ExprKind::Not(inner) => {
            let (x, ty) = typed(scope, inner, None, diags)?;
            if ty != Type::Bool {
                mismatch(
                    scope,
                    inner.span,
                    msg!("need-not-condition", ty = describe(scope.model, &ty)),
                    &ty,
                    diags,
                );
                return None;
            }
            (Expr::Not(Box::new(x)), Type::Bool)
        }
        ExprKind::And(parts) | ExprKind::Or(parts) => {
            let mut out = Vec::with_capacity(parts.len());
            let mut ok = true;
            for p in parts {
                match typed(scope, p, None, diags) {
                    Some((x, Type::Bool)) => out.push(x),
                    Some((_, ty)) => {
                        let word = if matches!(e.kind, ExprKind::And(_)) {
                            "and"
                        } else {
                            "or"
                        };
                        mismatch(
                            scope,
                            p.span,
                            msg!(
                                "need-joins-conditions",
                                op = word,
                                ty = describe(scope.model, &ty)
                            ),
                            &ty,
                            diags,
                        );
                        ok = false;
                    }
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            let x = if matches!(e.kind, ExprKind::And(_)) {
                Expr::And(out)
            } else {
                Expr::Or(out)
            };
            (x, Type::Bool)
        }
        ExprKind::Cmp(a, op, b) => {
            let (l, r, ty) = pair(scope, a, b, diags)?;
            if !matches!(op, CmpOp::Eq | CmpOp::Ne)
                && !matches!(ty, Type::Int | Type::Money | Type::Date)
            {
                mismatch(
                    scope,
                    e.span,
                    msg!(
                        "need-orders",
                        op = op.as_str(),
                        ty = describe(scope.model, &ty)
                    ),
                    &ty,
                    diags,
                );
                return None;
            }
            (Expr::Cmp(Box::new(l), *op, Box::new(r)), Type::Bool)
        }
        ExprKind::In(a, items) => {
            let (l, lty) = typed(scope, a, None, diags)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let (x, ty) = typed(scope, item, Some(&lty), diags)?;
                let x = unify(&lty, x, &ty).or_else(|| {
                    diags.push(
                        Diagnostic::keyed(
                            Code::TypeMismatch,
                            msg!(
                                "cannot-look-for",
                                ty = describe(model, &lty),
                                among_ty = describe(model, &ty)
                            ),
                        )
                        .label_keyed(item.span, msg!("this-is", ty = describe(model, &ty)))
                        .label_keyed(a.span, msg!("this-is", ty = describe(model, &lty))),
                    );
                    None
                })?;
                out.push(x);
            }
            (Expr::In(Box::new(l), out), Type::Bool)
        }
        ExprKind::Arith(a, op, b) => {
            let (l, r, ty) = pair(scope, a, b, diags)?;
            if !matches!(ty, Type::Int | Type::Money) {
                mismatch(
                    scope,
                    e.span,
                    msg!(
                        "need-arithmetic",
                        op = op.as_str(),
                        ty = describe(scope.model, &ty)
                    ),
                    &ty,
                    diags,
                );
                return None;
            }
            (Expr::Arith(Box::new(l), *op, Box::new(r)), ty)
        }
    })
}

/// DC0201: `name`, a `what`, is not declared; the help names the closest of `known`.
fn undeclared<'a>(
    what: &'static str,
    name: &str,
    span: Span,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> Diagnostic {
    Diagnostic::keyed(
        Code::UnknownName,
        msg!("unknown-name", what = what, name = name),
    )
    .label_keyed(span, msg!("not-declared"))
    .help_keyed(suggest::help(what, name, known))
}

/// A role by name, or an unknown-name diagnostic.
fn role(model: &Model, r: &ast::Ident, diags: &mut Vec<Diagnostic>) -> Option<RoleId> {
    let found = model.role_named(&r.name);
    if found.is_none() {
        diags.push(undeclared(
            "role",
            &r.name,
            r.span,
            model.roles.iter().map(|x| x.name.as_str()),
        ));
    }
    found
}

/// A step's recorded field by name, with its type, or an unknown-name diagnostic.
fn recorded(step: &Step, field: &ast::Ident, diags: &mut Vec<Diagnostic>) -> Option<(u32, Type)> {
    let found = step
        .field(&field.name)
        .and_then(|i| step.fields.get(i as usize).map(|f| (i, f.ty.clone())));
    if found.is_none() {
        diags.push(
            Diagnostic::keyed(
                Code::UnknownName,
                msg!("no-such-field", step = step.name, field = field.name),
            )
            .label_keyed(field.span, msg!("not-recorded"))
            .help_keyed(suggest::help(
                "field",
                &field.name,
                step.fields.iter().map(|f| f.name.as_str()),
            )),
        );
    }
    found
}

/// Types both sides of a binary operator and makes their types agree (an int meets money as an
/// amount; a bare name meets an enum as one of its values).
fn pair(
    scope: &Scope<'_>,
    a: &ast::Expr,
    b: &ast::Expr,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Expr, Expr, Type)> {
    let left = typed(scope, a, None, diags);
    let (l, lty) = match left {
        Some(x) => x,
        None => {
            typed(scope, b, None, diags);
            return None;
        }
    };
    let (r, rty) = typed(scope, b, Some(&lty), diags)?;
    if let Some(r2) = unify(&lty, r.clone(), &rty) {
        return Some((l, r2, lty));
    }
    if let Some(l2) = unify(&rty, l, &lty) {
        return Some((l2, r, rty));
    }
    diags.push(
        Diagnostic::keyed(
            Code::TypeMismatch,
            msg!(
                "cannot-combine",
                ty = describe(scope.model, &lty),
                other_ty = describe(scope.model, &rty)
            ),
        )
        .label_keyed(b.span, msg!("this-is", ty = describe(scope.model, &rty)))
        .label_keyed(a.span, msg!("this-is", ty = describe(scope.model, &lty)))
        .help_keyed(msg!("cannot-combine-help")),
    );
    None
}

/// `x` of type `ty` as a value of type `want`, when it can be one.
fn unify(want: &Type, x: Expr, ty: &Type) -> Option<Expr> {
    if want == ty {
        return Some(x);
    }
    match (want, ty, x) {
        (Type::Money, Type::Int, Expr::Const(Val::Int(i))) => {
            Some(Expr::Const(Val::Money(Decimal::from(i))))
        }
        (Type::Money, Type::Int, x) => Some(Expr::Arith(
            Box::new(x),
            ast::ArithOp::Mul,
            Box::new(Expr::Const(Val::Money(Decimal::ONE))),
        )),
        _ => None,
    }
}
