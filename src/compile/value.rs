//! The meaning of a compiled expression: evaluation over an environment of facts and fields.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::model::{Expr, FactId, RoleId, StepId, Val};
use crate::parse::ast::AggOp;
use crate::parse::ast::{ArithOp, CmpOp};

/// Where an expression's names get their values.
pub trait Env {
    /// The value of a fact, if the case gives it.
    fn fact(&self, id: FactId) -> Option<Val>;
    /// The value of a scalar recorded field of the current event.
    fn field(&self, index: u32) -> Option<Val>;
    /// The number of people in a recorded field of the current event (only those holding the
    /// role, when one is given).
    fn count(&self, index: u32, holding: Option<RoleId>) -> Option<i64>;
    /// The number of events of a step.
    fn events(&self, step: StepId) -> i64;
    /// `sum`, `min` or `max` of a recorded field over a step's events (None: no value).
    fn aggregate(&self, op: AggOp, step: StepId, index: u32) -> Option<Val>;
    /// The number of people in the case holding a role.
    fn holders(&self, role: RoleId) -> i64;
}

/// Why an expression has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undefined {
    /// A fact the case does not give.
    Fact(FactId),
    /// A field the event does not record.
    Field(u32),
    /// Arithmetic overflow.
    Overflow,
}

/// Evaluates an expression.
pub fn eval(e: &Expr, env: &impl Env) -> Result<Val, Undefined> {
    Ok(match e {
        Expr::Const(v) => v.clone(),
        Expr::Fact(f) => env.fact(*f).ok_or(Undefined::Fact(*f))?,
        Expr::Field(i) => env.field(*i).ok_or(Undefined::Field(*i))?,
        Expr::Count(i, r) => Val::Int(env.count(*i, *r).ok_or(Undefined::Field(*i))?),
        Expr::Events(s) => Val::Int(env.events(*s)),
        Expr::Agg(op, s, i) => env.aggregate(*op, *s, *i).ok_or(Undefined::Field(*i))?,
        Expr::Holders(r) => Val::Int(env.holders(*r)),
        Expr::Not(x) => Val::Bool(!truth(x, env)?),
        Expr::And(xs) => {
            for x in xs {
                if !truth(x, env)? {
                    return Ok(Val::Bool(false));
                }
            }
            Val::Bool(true)
        }
        Expr::Or(xs) => {
            for x in xs {
                if truth(x, env)? {
                    return Ok(Val::Bool(true));
                }
            }
            Val::Bool(false)
        }
        Expr::Cmp(a, op, b) => {
            let ord = compare(&eval(a, env)?, &eval(b, env)?);
            Val::Bool(match op {
                CmpOp::Eq => ord == Some(Ordering::Equal),
                CmpOp::Ne => ord != Some(Ordering::Equal),
                CmpOp::Lt => ord == Some(Ordering::Less),
                CmpOp::Le => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
                CmpOp::Gt => ord == Some(Ordering::Greater),
                CmpOp::Ge => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
            })
        }
        Expr::In(a, items) => {
            let v = eval(a, env)?;
            for item in items {
                if compare(&v, &eval(item, env)?) == Some(Ordering::Equal) {
                    return Ok(Val::Bool(true));
                }
            }
            Val::Bool(false)
        }
        Expr::Arith(a, op, b) => {
            arith(&eval(a, env)?, *op, &eval(b, env)?).ok_or(Undefined::Overflow)?
        }
    })
}

/// Evaluates a condition.
pub fn truth(e: &Expr, env: &impl Env) -> Result<bool, Undefined> {
    Ok(matches!(eval(e, env)?, Val::Bool(true)))
}

/// Orders two values of the same type (ints meet amounts as amounts).
pub fn compare(a: &Val, b: &Val) -> Option<Ordering> {
    match (a, b) {
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        (Val::Money(x), Val::Money(y)) => Some(x.cmp(y)),
        (Val::Int(x), Val::Money(y)) => Some(Decimal::from(*x).cmp(y)),
        (Val::Money(x), Val::Int(y)) => Some(x.cmp(&Decimal::from(*y))),
        (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
        (Val::Text(x), Val::Text(y)) => Some(x.cmp(y)),
        (Val::Enum(f, x), Val::Enum(g, y)) if f == g => Some(x.cmp(y)),
        _ => None,
    }
}

/// Folds values with `sum`, `min` or `max` (None when there are none or the sum overflows).
pub fn fold(op: AggOp, values: impl Iterator<Item = Val>) -> Option<Val> {
    let mut acc: Option<Val> = None;
    for v in values {
        acc = Some(match (acc, op) {
            (None, _) => v,
            (Some(a), AggOp::Sum) => arith(&a, ArithOp::Add, &v)?,
            (Some(a), AggOp::Min) => {
                if compare(&v, &a) == Some(Ordering::Less) {
                    v
                } else {
                    a
                }
            }
            (Some(a), AggOp::Max) => {
                if compare(&v, &a) == Some(Ordering::Greater) {
                    v
                } else {
                    a
                }
            }
        });
    }
    match (acc, op) {
        (None, AggOp::Sum) => Some(Val::Int(0)),
        (acc, _) => acc,
    }
}

fn arith(a: &Val, op: ArithOp, b: &Val) -> Option<Val> {
    let money = |x: &Val| match x {
        Val::Int(i) => Some(Decimal::from(*i)),
        Val::Money(m) => Some(*m),
        _ => None,
    };
    if let (Val::Int(x), Val::Int(y)) = (a, b) {
        return Some(Val::Int(match op {
            ArithOp::Add => x.checked_add(*y)?,
            ArithOp::Sub => x.checked_sub(*y)?,
            ArithOp::Mul => x.checked_mul(*y)?,
        }));
    }
    let (x, y) = (money(a)?, money(b)?);
    Some(Val::Money(match op {
        ArithOp::Add => x.checked_add(y)?,
        ArithOp::Sub => x.checked_sub(y)?,
        ArithOp::Mul => x.checked_mul(y)?,
    }))
}
