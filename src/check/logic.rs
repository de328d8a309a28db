//! Deciding conditions over facts by enumeration, where that is possible: each fact a condition
//! reads ranges over finitely many representative values (both truth values, every enum value,
//! each constant it is compared with and the values around it). Conditions of any other shape
//! are left undecided, so every answer given is exact.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::compile::model::{Expr, FactId, Model, RoleId, StepId, Type, Val};
use crate::compile::value::{self, Env};
use crate::parse::ast::AggOp;

/// The most assignments tried before giving up.
const MAX_ASSIGNMENTS: usize = 4096;

/// Whether some assignment of facts makes the condition true (`None`: not decidable here).
pub fn satisfiable(model: &Model, e: &Expr) -> Option<bool> {
    let domain = Domain::of(model, &[e])?;
    Some(domain.any(|env| value::truth(e, env).unwrap_or(true)))
}

/// Whether `a` implies `b` for every assignment (`None`: not decidable here).
pub fn implies(model: &Model, a: &Expr, b: &Expr) -> Option<bool> {
    let domain = Domain::of(model, &[a, b])?;
    Some(
        !domain.any(|env| {
            value::truth(a, env).unwrap_or(false) && !value::truth(b, env).unwrap_or(true)
        }),
    )
}

/// Candidate values per fact.
struct Domain {
    facts: Vec<(FactId, Vec<Val>)>,
}

struct Assignment<'a> {
    values: BTreeMap<FactId, &'a Val>,
}

impl Env for Assignment<'_> {
    fn fact(&self, id: FactId) -> Option<Val> {
        self.values.get(&id).map(|v| (*v).clone())
    }
    fn field(&self, _: u32) -> Option<Val> {
        None
    }
    fn count(&self, _: u32, _: Option<RoleId>) -> Option<i64> {
        None
    }
    fn events(&self, _: StepId) -> i64 {
        0
    }
    fn aggregate(&self, _: AggOp, _: StepId, _: u32) -> Option<Val> {
        None
    }
    fn holders(&self, _: RoleId) -> i64 {
        0
    }
}

impl Domain {
    fn of(model: &Model, exprs: &[&Expr]) -> Option<Domain> {
        let mut constants: BTreeMap<FactId, Vec<Val>> = BTreeMap::new();
        for e in exprs {
            collect(e, &mut constants)?;
        }
        let mut facts = Vec::new();
        let mut total = 1usize;
        for (id, consts) in constants {
            let fact = model.facts.get(id.index())?;
            let values = representatives(id, &fact.ty, fact.variants.len(), &consts)?;
            total = total.saturating_mul(values.len());
            facts.push((id, values));
        }
        (total <= MAX_ASSIGNMENTS).then_some(Domain { facts })
    }

    fn any(&self, mut f: impl FnMut(&Assignment<'_>) -> bool) -> bool {
        let mut idx = vec![0usize; self.facts.len()];
        loop {
            let values = self
                .facts
                .iter()
                .zip(&idx)
                .filter_map(|((id, vals), &i)| vals.get(i).map(|v| (*id, v)))
                .collect();
            if f(&Assignment { values }) {
                return true;
            }
            let mut k = 0;
            loop {
                let (Some(slot), Some((_, vals))) = (idx.get_mut(k), self.facts.get(k)) else {
                    return false;
                };
                *slot += 1;
                if *slot < vals.len() {
                    break;
                }
                *slot = 0;
                k += 1;
            }
        }
    }
}

/// Records the constants each fact is compared with; `None` when the shape is not decidable.
fn collect(e: &Expr, out: &mut BTreeMap<FactId, Vec<Val>>) -> Option<()> {
    match e {
        Expr::Const(Val::Bool(_)) => Some(()),
        Expr::Fact(f) => {
            out.entry(*f).or_default();
            Some(())
        }
        Expr::Not(x) => collect(x, out),
        Expr::And(xs) | Expr::Or(xs) => xs.iter().try_for_each(|x| collect(x, out)),
        Expr::Cmp(a, _, b) => match (a.as_ref(), b.as_ref()) {
            (Expr::Fact(f), Expr::Const(c)) | (Expr::Const(c), Expr::Fact(f)) => {
                out.entry(*f).or_default().push(c.clone());
                Some(())
            }
            _ => None,
        },
        Expr::In(a, items) => {
            let Expr::Fact(f) = a.as_ref() else {
                return None;
            };
            for item in items {
                let Expr::Const(c) = item else { return None };
                out.entry(*f).or_default().push(c.clone());
            }
            Some(())
        }
        _ => None,
    }
}

fn representatives(id: FactId, ty: &Type, variants: usize, consts: &[Val]) -> Option<Vec<Val>> {
    Some(match ty {
        Type::Bool => vec![Val::Bool(false), Val::Bool(true)],
        Type::Enum(_) => (0..variants)
            .map(|v| Val::Enum(id, u32::try_from(v).unwrap_or(0)))
            .collect(),
        Type::Text => {
            let mut v: Vec<Val> = consts.to_vec();
            v.push(Val::Text("\u{0}other".to_owned()));
            v
        }
        Type::Int | Type::Date | Type::Money => {
            let mut nums: Vec<Decimal> = consts
                .iter()
                .filter_map(|c| match c {
                    Val::Int(i) => Some(Decimal::from(*i)),
                    Val::Money(m) => Some(*m),
                    Val::Date(d) => Some(Decimal::from(*d)),
                    _ => None,
                })
                .collect();
            nums.sort();
            nums.dedup();
            let mut reps = vec![Decimal::ZERO];
            for (i, n) in nums.iter().enumerate() {
                // Checked: a constant near the decimal range's end has no neighbour beyond it.
                reps.push(*n);
                reps.extend(n.checked_sub(Decimal::ONE));
                reps.extend(n.checked_add(Decimal::ONE));
                if let Some(next) = nums.get(i + 1) {
                    reps.extend(
                        n.checked_add(*next)
                            .and_then(|s| s.checked_div(Decimal::TWO))
                            .or_else(|| (*n / Decimal::TWO).checked_add(*next / Decimal::TWO)),
                    );
                }
            }
            reps.sort();
            reps.dedup();
            let to = |d: Decimal| -> Option<Val> {
                match ty {
                    Type::Money => Some(Val::Money(d)),
                    Type::Int => i64::try_from(d.floor()).ok().map(Val::Int),
                    _ => i32::try_from(d.floor()).ok().map(Val::Date),
                }
            };
            reps.into_iter().filter_map(to).collect()
        }
        Type::Person | Type::Persons => return None,
    })
}
