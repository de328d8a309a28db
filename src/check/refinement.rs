//! DC0401–DC0405: the hierarchy of norms (下位法不得与上位法相抵触). A rulebook that refines a
//! superior may add steps, shorten deadlines, lengthen minimum periods and raise penalties, but
//! never drop or weaken a duty of the superior.

use super::logic;
use super::penalties::level_rank;
use crate::compile::LEVELS;
use crate::compile::model::{Applies, At, Dur, Expr, FactId, Model, Step, Val};
use crate::diag::{Code, Diagnostic, Msg};
use crate::msg;
use crate::source::Span;
use crate::vocab::Unit;

/// Every weakening of the superior's duties, each naming both places.
pub fn weakenings(model: &Model) -> Vec<Diagnostic> {
    let Some(sup) = model.superior.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in &sup.steps {
        match model.step_named(&s.name).and_then(|id| model.step(id)) {
            None => out.push(
                both(
                    Code::DroppedDuty,
                    msg!("dropped-step", step = s.name, superior = sup.id),
                    model.span,
                    msg!("this-rulebook"),
                    s.name_span,
                    msg!("required-by-superior"),
                )
                .help_keyed(msg!("dropped-step-help", step = s.name)),
            ),
            Some(local) => compare_step(model, sup, s, local, &mut out),
        }
    }
    for r in &sup.rules {
        let Some(local) = model
            .rule_named(&r.name)
            .and_then(|id| model.rules.get(id.index()))
        else {
            out.push(both(
                Code::DroppedDuty,
                msg!("dropped-rule", rule = r.name),
                model.span,
                msg!("this-rulebook"),
                r.name_span,
                msg!("superiors-rule"),
            ));
            continue;
        };
        for l in &r.liable {
            let kept = local
                .liable
                .iter()
                .any(|x| x.grade == l.grade && same_persons(model, sup, x, l));
            if !kept {
                out.push(both(
                    Code::LighterPenalty,
                    msg!("dropped-liable", rule = r.name, grade = l.grade),
                    local.name_span,
                    msg!("refined-here"),
                    l.persons.span,
                    msg!("liable-under-superior"),
                ));
            }
        }
        for p in &r.penalties {
            let ladder = sup
                .ladders
                .get(p.ladder.index())
                .map_or("", |l| l.name.as_str());
            let Some(lp) = local.penalties.iter().find(|x| {
                model
                    .ladders
                    .get(x.ladder.index())
                    .is_some_and(|l| l.name == ladder)
            }) else {
                out.push(both(
                    Code::LighterPenalty,
                    msg!("dropped-measures", rule = r.name, ladder = ladder),
                    local.name_span,
                    msg!("refined-here"),
                    p.span,
                    msg!("superiors-measures"),
                ));
                continue;
            };
            let lighter: Vec<&str> = LEVELS
                .iter()
                .enumerate()
                .filter(|&(i, _)| matches!((level_rank(p, i), level_rank(lp, i).unwrap_or(-1)), (Some(theirs), ours) if ours < theirs))
                .map(|(_, level)| level.as_str())
                .collect();
            if !lighter.is_empty() {
                let levels = lighter
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    both(
                        Code::LighterPenalty,
                        msg!(
                            "lighter-measures",
                            rule = r.name,
                            levels = levels,
                            ladder = ladder
                        ),
                        lp.span,
                        msg!("lighter-here"),
                        p.span,
                        msg!("superiors-measures"),
                    )
                    .help_keyed(msg!("lighter-measures-help")),
                );
            }
        }
    }
    out
}

/// A finding of the refinement: `here` in this rulebook, `there` in the superior.
fn both(
    code: Code,
    message: Msg,
    here: Span,
    here_text: Msg,
    there: Span,
    there_text: Msg,
) -> Diagnostic {
    Diagnostic::keyed(code, message)
        .label_keyed(here, here_text)
        .label_keyed(there, there_text)
}

fn compare_step(model: &Model, sup: &Model, s: &Step, local: &Step, out: &mut Vec<Diagnostic>) {
    let weaker = |message: Msg, here: Span, there: Span| {
        both(
            Code::WeakerCondition,
            message,
            here,
            msg!("weaker-here"),
            there,
            msg!("superiors-duty"),
        )
    };
    // The superior's condition must imply ours: we require (forbid) in every case it does.
    for (word, theirs, ours) in [
        ("required", &s.required, &local.required),
        ("forbidden", &s.forbidden, &local.forbidden),
    ] {
        match (theirs, ours) {
            (Some(_), None) => out.push(weaker(
                msg!("no-longer", step = s.name, clause = word),
                local.name_span,
                s.name_span,
            )),
            (Some(theirs), Some(ours)) => {
                if let Some(t) = translate(sup, model, &theirs.expr)
                    && logic::implies(model, &t, &ours.expr) == Some(false)
                {
                    out.push(weaker(
                        msg!("fewer-cases", step = s.name, clause = word),
                        ours.span,
                        theirs.span,
                    ));
                }
            }
            _ => {}
        }
    }
    if narrower(sup, model, &s.required_in_force, &local.required_in_force) {
        out.push(weaker(
            msg!("fewer-dates", step = s.name),
            local.name_span,
            s.name_span,
        ));
    }
    for &(pred, span) in &s.after {
        let name = sup.step_name(pred);
        // A dropped predecessor is reported once, as dropped.
        if model.step_named(name).is_some()
            && !local.after.iter().any(|(p, _)| model.step_name(*p) == name)
        {
            out.push(weaker(
                msg!("no-longer-after", step = s.name, before = name),
                local.name_span,
                span,
            ));
        }
    }
    for d in &s.deadlines {
        let anchor = sup.origin_name(d.anchor);
        let mine = local
            .deadlines
            .iter()
            .find(|x| model.origin_name(x.anchor) == anchor);
        match mine {
            None => out.push(both(
                Code::LongerDeadline,
                msg!("dropped-deadline", step = s.name, anchor = anchor),
                local.name_span,
                msg!("no-such-deadline"),
                d.span,
                msg!("superiors-deadline"),
            )),
            Some(x) if narrower(sup, model, &d.applies, &x.applies) => out.push(weaker(
                msg!("deadline-fewer-cases", step = s.name, anchor = anchor),
                x.span,
                d.span,
            )),
            // A limit the case sets cannot be compared with a fixed one.
            Some(x) if x.limit_fact.is_some() || d.limit_fact.is_some() => {}
            Some(x) => {
                let longer = exceeds(x.limit, d.limit)
                    || match (x.extension, d.extension) {
                        (Some((ours, _)), Some((theirs, _))) => exceeds(ours, theirs),
                        (Some(_), None) => true,
                        _ => false,
                    };
                if longer {
                    out.push(both(
                        Code::LongerDeadline,
                        msg!("more-time", step = s.name, anchor = anchor),
                        x.span,
                        msg!("longer-here"),
                        d.span,
                        msg!("superiors-limit"),
                    ));
                }
            }
        }
    }
    let shorter = |message: Msg, here: Span, there: Span| {
        both(
            Code::ShorterMinimum,
            message,
            here,
            msg!("shorter-here"),
            there,
            msg!("superiors-minimum"),
        )
    };
    for g in &s.gaps {
        let anchor = point_name(sup, g.anchor);
        match local
            .gaps
            .iter()
            .find(|x| point_name(model, x.anchor) == anchor)
        {
            None => out.push(shorter(
                msg!("dropped-gap", step = s.name, anchor = anchor),
                local.name_span,
                g.span,
            )),
            Some(x) if narrower(sup, model, &g.applies, &x.applies) => out.push(weaker(
                msg!("gap-fewer-cases", step = s.name, anchor = anchor),
                x.span,
                g.span,
            )),
            Some(x) if exceeds(g.min, x.min) => out.push(shorter(
                msg!("waits-less", step = s.name, anchor = anchor),
                x.span,
                g.span,
            )),
            _ => {}
        }
    }
    if let Some(theirs) = &s.min_duration {
        match &local.min_duration {
            None => out.push(shorter(
                msg!("dropped-minimum", step = s.name),
                local.name_span,
                theirs.span,
            )),
            Some(ours) if narrower(sup, model, &theirs.applies, &ours.applies) => out.push(weaker(
                msg!("minimum-fewer-cases", step = s.name),
                ours.span,
                theirs.span,
            )),
            Some(ours) if exceeds(theirs.value, ours.value) => out.push(shorter(
                msg!("lasts-less", step = s.name),
                ours.span,
                theirs.span,
            )),
            _ => {}
        }
    }
    if let Some(theirs) = &s.max_duration
        && local
            .max_duration
            .as_ref()
            .is_none_or(|ours| exceeds(ours.value, theirs.value))
    {
        let here = local
            .max_duration
            .as_ref()
            .map_or(local.name_span, |x| x.span);
        out.push(both(
            Code::LongerDeadline,
            msg!("lasts-longer", step = s.name),
            here,
            msg!("longer-here"),
            theirs.span,
            msg!("superiors-maximum"),
        ));
    }
    if let Some(theirs) = &s.max_occurs
        && local
            .max_occurs
            .as_ref()
            .is_none_or(|ours| ours.value > theirs.value)
    {
        let here = local
            .max_occurs
            .as_ref()
            .map_or(local.name_span, |x| x.span);
        out.push(weaker(
            msg!("occurs-more", step = s.name),
            here,
            theirs.span,
        ));
    }
    if let Some(theirs) = &s.min_occurs
        && local
            .min_occurs
            .as_ref()
            .is_none_or(|ours| ours.value < theirs.value)
    {
        let here = local
            .min_occurs
            .as_ref()
            .map_or(local.name_span, |x| x.span);
        out.push(weaker(
            msg!("occurs-less", step = s.name),
            here,
            theirs.span,
        ));
    }
}

/// True when a local clause applies in fewer cases than the superior's: an exception the
/// superior does not make (decided exactly where the conditions allow), or a time of force it
/// does not have.
fn narrower(sup: &Model, model: &Model, theirs: &Applies, ours: &Applies) -> bool {
    if ours.dated() && !theirs.dated() {
        return true;
    }
    let Some(o) = &ours.cond else { return false };
    let always = Expr::Const(Val::Bool(true));
    let t = match &theirs.cond {
        Some(c) => translate(sup, model, &c.expr),
        None => Some(always),
    };
    t.is_some_and(|t| logic::implies(model, &t, &o.expr) == Some(false))
}

/// True when duration `a` is certainly longer than `b`.
fn exceeds(a: Dur, b: Dur) -> bool {
    match (a.unit, b.unit) {
        (x, y) if x == y => a.amount > b.amount,
        // N working days always span at least N calendar days.
        (Unit::Workdays, Unit::Days) => a.amount > b.amount,
        // M calendar days are at least M * 5/7 - 1 working days only roughly; compare generously.
        _ => u64::from(a.amount) * 5 > u64::from(b.amount) * 7 + 70,
    }
}

fn point_name(model: &Model, at: At) -> String {
    let step = model.step_name(at.step);
    match at.point {
        crate::parse::ast::Point::Start => format!("{step}.start"),
        crate::parse::ast::Point::End => step.to_owned(),
    }
}

fn same_persons(
    model: &Model,
    sup: &Model,
    a: &crate::compile::model::Liable,
    b: &crate::compile::model::Liable,
) -> bool {
    describe_term(model, &a.persons.include) == describe_term(sup, &b.persons.include)
}

fn describe_term(model: &Model, t: &crate::compile::model::PersonTerm) -> String {
    use crate::compile::model::PersonTerm;
    match t {
        PersonTerm::Actor => "actor".into(),
        PersonTerm::Role(r) => model.role_name(*r).into(),
        PersonTerm::Leader(x) => format!("leader of {}", describe_term(model, x)),
        PersonTerm::Field(s, i) => format!("{}#{i}", model.step_name(*s)),
    }
}

/// Rewrites a superior's expression in the refining model's ids (by name).
fn translate(sup: &Model, model: &Model, e: &Expr) -> Option<Expr> {
    let fact = |f: FactId| {
        sup.facts
            .get(f.index())
            .and_then(|x| model.fact_named(&x.name))
    };
    Some(match e {
        Expr::Const(Val::Enum(f, v)) => {
            let ours = fact(*f)?;
            let name = sup.facts.get(f.index())?.variants.get(*v as usize)?;
            let idx = model
                .facts
                .get(ours.index())?
                .variants
                .iter()
                .position(|x| x == name)?;
            Expr::Const(Val::Enum(ours, u32::try_from(idx).ok()?))
        }
        Expr::Const(v) => Expr::Const(v.clone()),
        Expr::Fact(f) => Expr::Fact(fact(*f)?),
        Expr::Not(x) => Expr::Not(Box::new(translate(sup, model, x)?)),
        Expr::And(xs) => Expr::And(
            xs.iter()
                .map(|x| translate(sup, model, x))
                .collect::<Option<_>>()?,
        ),
        Expr::Or(xs) => Expr::Or(
            xs.iter()
                .map(|x| translate(sup, model, x))
                .collect::<Option<_>>()?,
        ),
        Expr::Cmp(a, op, b) => Expr::Cmp(
            Box::new(translate(sup, model, a)?),
            *op,
            Box::new(translate(sup, model, b)?),
        ),
        Expr::In(a, xs) => Expr::In(
            Box::new(translate(sup, model, a)?),
            xs.iter()
                .map(|x| translate(sup, model, x))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}
