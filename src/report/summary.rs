//! A compiled rulebook in plain text: its duties, constraints and liability rules as the
//! compiler understood them. Snapshots of it make every rulebook change visible in review.

use std::fmt::Write;

use crate::compile::LEVELS;
use crate::compile::model::{Dur, Expr, Model, Origin, PersonTerm, Persons, Type, Val};
use crate::date;
use crate::parse::ast::Point;

/// The summary of a compiled rulebook.
pub fn summary(model: &Model) -> String {
    let mut out = String::new();
    let version = model
        .version
        .as_deref()
        .map_or(String::new(), |v| format!(" version {v}"));
    let _ = writeln!(out, "rulebook {}{version}", model.id);
    if let Some(s) = &model.source {
        let _ = writeln!(out, "  source: {s}");
    }
    if let Some(sup) = &model.superior {
        let _ = writeln!(out, "  refines: {}", sup.id);
    }
    for c in &model.calendars {
        let (first, last) = c.covered();
        let provisional = c.provisional_from.map_or(String::new(), |d| {
            format!(" (provisional from {}: holidays derived)", date::show(d))
        });
        let _ = writeln!(
            out,
            "calendar {}: {} .. {}{provisional}",
            c.name,
            date::show(first),
            date::show(last)
        );
    }
    for r in &model.roles {
        let up = r.reports_to.map_or(String::new(), |u| {
            format!(" → reports to {}", model.role_name(u))
        });
        let _ = writeln!(out, "role {}{up}", r.name);
    }
    for s in &model.separations {
        let _ = writeln!(
            out,
            "separate {} / {}",
            model.role_name(s.a),
            model.role_name(s.b)
        );
    }
    for f in &model.facts {
        let ty = match &f.ty {
            Type::Enum(_) => format!("enum {{ {} }}", f.variants.join(", ")),
            other => format!("{other:?}").to_lowercase(),
        };
        let _ = writeln!(out, "fact {}: {ty}", f.name);
    }
    for l in &model.ladders {
        let measures: Vec<String> = l
            .measures
            .iter()
            .map(|m| {
                m.months
                    .map_or(m.name.clone(), |n| format!("{} ({n} mo)", m.name))
            })
            .collect();
        let combine = match (l.sum_equal, l.cap_months) {
            (true, Some(c)) => format!("heaviest, equal periods summed up to {c} months"),
            (true, None) => "heaviest, equal periods summed".to_owned(),
            _ => "heaviest".to_owned(),
        };
        let _ = writeln!(
            out,
            "ladder {}: {} — combine {combine}",
            l.name,
            measures.join(" < ")
        );
    }
    for p in &model.procedures {
        let cal = p
            .calendar
            .and_then(|c| model.calendars.get(c.index()))
            .map_or(String::new(), |c| format!(" (calendar {})", c.name));
        let _ = writeln!(out, "procedure {}{cal}", p.name);
        for &id in &p.steps {
            let Some(s) = model.step(id) else { continue };
            let by: Vec<&str> = s.by.iter().map(|r| model.role_name(*r)).collect();
            let _ = writeln!(out, "  step {} by {}", s.name, by.join(" | "));
            for (word, cond) in [("required", &s.required), ("forbidden", &s.forbidden)] {
                match cond.as_ref().map(|c| &c.expr) {
                    None => {}
                    Some(Expr::Const(Val::Bool(true))) => {
                        let _ = writeln!(out, "    {word}");
                    }
                    Some(e) => {
                        let _ = writeln!(out, "    {word} when {}", expr(model, e));
                    }
                }
            }
            for (pred, _) in &s.after {
                let _ = writeln!(out, "    after {}", model.step_name(*pred));
            }
            for d in &s.deadlines {
                let limit = d
                    .limit_fact
                    .and_then(|f| model.facts.get(f.index()))
                    .map_or(d.limit.to_string(), |f| {
                        format!("{} {}", f.name, d.limit.unit)
                    });
                let mut line = match d.anchor {
                    Origin::Fact(_) if d.fixed => {
                        format!("    ends by {}", model.origin_name(d.anchor))
                    }
                    Origin::Fact(_) => {
                        format!(
                            "    ends within {limit} after {}",
                            model.origin_name(d.anchor)
                        )
                    }
                    Origin::Step(a, _) => {
                        format!(
                            "    ends within {limit} after {}",
                            at(model, a.step, a.point)
                        )
                    }
                };
                if !d.excluding.is_empty() {
                    let ex: Vec<&str> = d.excluding.iter().map(|x| model.step_name(*x)).collect();
                    let _ = write!(line, ", not counting {}", ex.join(", "));
                }
                if let Some((ext, by)) = d.extension {
                    let _ = write!(line, ", +{ext} when {} occurred", model.step_name(by));
                }
                let _ = writeln!(out, "{line}");
            }
            for g in &s.gaps {
                let _ = writeln!(
                    out,
                    "    starts at least {} after {}",
                    g.min,
                    at(model, g.anchor.step, g.anchor.point)
                );
            }
            let dur = |d: Dur| d.to_string();
            if let Some(l) = &s.min_duration {
                let _ = writeln!(out, "    lasts at least {}", dur(l.value));
            }
            if let Some(l) = &s.max_duration {
                let _ = writeln!(out, "    lasts at most {}", dur(l.value));
            }
            if let Some(l) = &s.min_occurs {
                let _ = writeln!(out, "    occurs at least {}", l.value);
            }
            if let Some(l) = &s.max_occurs {
                let _ = writeln!(out, "    occurs at most {}", l.value);
            }
            for f in &s.fields {
                let _ = writeln!(
                    out,
                    "    records {}: {}",
                    f.name,
                    format!("{:?}", f.ty).to_lowercase()
                );
            }
            for e in &s.ensures {
                let _ = writeln!(out, "    ensures {}", expr_in(model, Some(s), &e.cond.expr));
            }
            if let Some(c) = &s.cite {
                let _ = writeln!(out, "    cite {c}");
            }
        }
    }
    for r in &model.rules {
        let _ = writeln!(out, "rule {}", r.name);
        for t in &r.triggers {
            let kinds: Vec<&str> = t.kinds.iter().map(|k| k.as_str()).collect();
            let steps: Vec<&str> = t.steps.iter().map(|s| model.step_name(*s)).collect();
            let of = if steps.is_empty() {
                "any step".to_owned()
            } else {
                steps.join(", ")
            };
            let _ = writeln!(out, "  on {} of {of}", kinds.join(", "));
        }
        for o in &r.on_rules {
            let _ = writeln!(
                out,
                "  on the findings of {}",
                model.rules.get(o.index()).map_or("?", |x| x.name.as_str())
            );
        }
        for l in &r.liable {
            let _ = writeln!(
                out,
                "  liable {} as {}",
                persons(model, &l.persons),
                l.grade
            );
        }
        for rel in &r.reliefs {
            let what = rel
                .by
                .map_or("exempt".to_owned(), |n| format!("reduced by {n}"));
            let _ = writeln!(
                out,
                "  {what}: {} — {}",
                persons(model, &rel.persons),
                rel.reason
            );
        }
        for p in &r.penalties {
            let ladder = model.ladders.get(p.ladder.index());
            let table: Vec<String> = LEVELS
                .iter()
                .zip(p.map.iter())
                .filter_map(|(level, m)| {
                    let m = (*m)?;
                    Some(format!(
                        "{level}: {}",
                        m.and_then(|i| ladder.and_then(|l| l.measures.get(i as usize)))
                            .map_or("nothing", |x| x.name.as_str())
                    ))
                })
                .collect();
            let [direct, main, important] = p.shifts;
            let _ = writeln!(
                out,
                "  penalty {} {{ {} }} shifts direct {direct:+} main {main:+} important {important:+}, aggravate {:+}, mitigate {:+}",
                ladder.map_or("?", |l| l.name.as_str()),
                table.join(", "),
                p.aggravate,
                p.mitigate
            );
        }
        if let Some(c) = &r.cite {
            let _ = writeln!(out, "  cite {c}");
        }
    }
    out
}

fn at(model: &Model, step: crate::compile::model::StepId, point: Point) -> String {
    match point {
        Point::Start => format!("{}.start", model.step_name(step)),
        Point::End => model.step_name(step).to_owned(),
    }
}

fn persons(model: &Model, p: &Persons) -> String {
    let mut text = term(model, &p.include);
    for e in &p.except {
        let _ = write!(text, " except {}", term(model, e));
    }
    text
}

fn term(model: &Model, t: &PersonTerm) -> String {
    match t {
        PersonTerm::Actor => "actor".into(),
        PersonTerm::Role(r) => model.role_name(*r).into(),
        PersonTerm::Leader(x) => format!("leader of {}", term(model, x)),
        PersonTerm::Field(s, i) => {
            let field = model
                .step(*s)
                .and_then(|x| x.fields.get(*i as usize))
                .map_or("?", |f| f.name.as_str());
            format!("{field} of {}", model.step_name(*s))
        }
    }
}

fn expr(model: &Model, e: &Expr) -> String {
    expr_in(model, None, e)
}

/// An expression with names; fields resolve against `step`.
fn expr_in(model: &Model, step: Option<&crate::compile::model::Step>, e: &Expr) -> String {
    let sub = |x: &Expr| {
        let text = expr_in(model, step, x);
        if matches!(x, Expr::And(_) | Expr::Or(_)) {
            format!("({text})")
        } else {
            text
        }
    };
    match e {
        Expr::Const(v) => match v {
            Val::Bool(b) => {
                if *b {
                    "always".into()
                } else {
                    "never".into()
                }
            }
            Val::Int(i) => i.to_string(),
            Val::Money(m) => m.to_string(),
            Val::Date(d) => date::show(*d).to_string(),
            Val::Text(t) => format!("{t:?}"),
            Val::Enum(f, i) => model
                .facts
                .get(f.index())
                .and_then(|x| x.variants.get(*i as usize))
                .cloned()
                .unwrap_or_default(),
        },
        Expr::Fact(f) => model
            .facts
            .get(f.index())
            .map_or("?".into(), |x| x.name.clone()),
        Expr::Field(i) | Expr::Count(i, _) => {
            let name = step
                .and_then(|s| s.fields.get(*i as usize))
                .map_or("?", |f| f.name.as_str());
            match e {
                Expr::Count(_, Some(r)) => {
                    format!("count({name} holding {})", model.role_name(*r))
                }
                Expr::Count(..) => format!("count({name})"),
                _ => name.to_owned(),
            }
        }
        Expr::Events(s) => format!("count({})", model.step_name(*s)),
        Expr::Agg(op, s, i) => {
            let field = model
                .step(*s)
                .and_then(|x| x.fields.get(*i as usize))
                .map_or("?", |f| f.name.as_str());
            format!("{}({}.{field})", op.as_str(), model.step_name(*s))
        }
        Expr::Holders(r) => format!("holders({})", model.role_name(*r)),
        Expr::Not(x) => format!("not {}", sub(x)),
        Expr::And(xs) => xs.iter().map(sub).collect::<Vec<_>>().join(" and "),
        Expr::Or(xs) => xs.iter().map(sub).collect::<Vec<_>>().join(" or "),
        Expr::Cmp(a, op, b) => format!("{} {} {}", sub(a), op.as_str(), sub(b)),
        Expr::In(a, xs) => format!(
            "{} in [{}]",
            sub(a),
            xs.iter().map(sub).collect::<Vec<_>>().join(", ")
        ),
        Expr::Arith(a, op, b) => format!("{} {} {}", sub(a), op.as_str(), sub(b)),
    }
}
