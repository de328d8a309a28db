//! A step's duties worded as an office writes them, in Chinese or English: who performs it, when
//! it is required or forbidden, its time limits (时限：受理后20个工作日内), gaps, durations, counts
//! and article. The flowchart and the rulebook document both speak with these words.

use crate::compile::model::{
    At, Deadline, DeemedWhen, Dur, Expr, Model, Origin, Role, Step, StepId, Val,
};
use crate::eval::duties::Finding;
use crate::msg;
use crate::parse::ast::{Pick, Point};
use crate::report::html::Lang;
use crate::vocab::Unit;

/// A step as a reader knows it: its label, else its name.
pub fn step_title(model: &Model, id: StepId) -> String {
    model.step(id).map_or_else(
        || "?".to_owned(),
        |s| s.label.clone().unwrap_or_else(|| s.name.clone()),
    )
}

/// A role as a reader knows it: its label, else its name.
pub fn role_title(role: &Role) -> &str {
    role.label.as_deref().unwrap_or(&role.name)
}

/// The roles that may perform a step, joined by "or".
pub fn performers(model: &Model, step: &Step, lang: Lang) -> String {
    let names: Vec<&str> = step
        .by
        .iter()
        .filter_map(|r| model.roles.get(r.index()))
        .map(role_title)
        .collect();
    joined(&names, "w-or", lang)
}

/// Items joined by a separator of the catalogs (`w-sep`, `w-sep-notes`, `w-or`, …).
fn joined<S: AsRef<str>>(items: &[S], sep: &str, lang: Lang) -> String {
    let sep = crate::diag::messages::word(lang, sep);
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(&sep)
}

/// A duration: `20个工作日`, `20 working days`.
pub fn duration(d: Dur, lang: Lang) -> String {
    let unit = match d.unit {
        Unit::Days => "days",
        Unit::Workdays => "workdays",
        Unit::Months => "months",
        Unit::Years => "years",
    };
    msg!("w-duration", span = unit, n = d.amount).text(lang)
}

/// The event a limit counts from: `受理`, `听证开始`, `最后一次补正`, `the acceptance`.
fn point(model: &Model, at: At, pick: Pick, lang: Lang) -> String {
    let title = step_title(model, at.step);
    let pick = match pick {
        Pick::First => "first",
        Pick::Last => "last",
        Pick::Each => "each",
    };
    let start = if at.point == Point::Start {
        "yes"
    } else {
        "no"
    };
    msg!("w-point", pick = pick, title = title, start = start).text(lang)
}

fn origin(model: &Model, o: Origin, lang: Lang) -> String {
    match o {
        Origin::Step(at, pick) => point(model, at, pick, lang),
        Origin::Fact(f) => fact_title(model, f.index()),
    }
}

fn fact_title(model: &Model, index: usize) -> String {
    model.facts.get(index).map_or_else(
        || "?".to_owned(),
        |f| f.label.clone().unwrap_or_else(|| f.name.clone()),
    )
}

/// A condition in words: facts by their labels, `且`/`and`, `或`/`or`, `非`/`not`.
pub fn condition(model: &Model, e: &Expr, lang: Lang) -> String {
    let join = |xs: &[Expr], sep: &str| {
        let parts: Vec<String> = xs.iter().map(|x| condition(model, x, lang)).collect();
        joined(&parts, sep, lang)
    };
    match e {
        Expr::Const(v) => value(model, v, lang),
        Expr::Fact(f) => format!("「{}」", fact_title(model, f.index())),
        Expr::Field(i) | Expr::Count(i, _) => format!("#{i}"),
        Expr::Events(s) => msg!("w-times-of", step = step_title(model, *s)).text(lang),
        Expr::Agg(op, s, _) => format!("{}(「{}」)", op.as_str(), step_title(model, *s)),
        Expr::Holders(r) => {
            let role = model.roles.get(r.index()).map_or("?", role_title);
            msg!("w-holders-of", role = role).text(lang)
        }
        Expr::Not(x) => {
            let not = crate::diag::messages::word(lang, "w-not");
            format!("{not}{}", condition(model, x, lang))
        }
        Expr::And(xs) => join(xs, "w-and"),
        Expr::Or(xs) => format!("({})", join(xs, "w-or")),
        Expr::Cmp(a, op, b) => format!(
            "{} {} {}",
            condition(model, a, lang),
            op.as_str(),
            condition(model, b, lang)
        ),
        Expr::In(a, xs) => {
            let items: Vec<String> = xs.iter().map(|x| condition(model, x, lang)).collect();
            format!("{} ∈ [{}]", condition(model, a, lang), items.join(", "))
        }
        Expr::Arith(a, op, b) => format!(
            "{} {} {}",
            condition(model, a, lang),
            op.as_str(),
            condition(model, b, lang)
        ),
    }
}

fn value(model: &Model, v: &Val, lang: Lang) -> String {
    match v {
        Val::Bool(true) => crate::diag::messages::word(lang, "w-true"),
        Val::Bool(false) => crate::diag::messages::word(lang, "w-false"),
        Val::Int(n) => n.to_string(),
        Val::Money(m) => m.to_string(),
        Val::Date(d) => crate::date::show(*d).to_string(),
        Val::Text(t) => format!("\"{t}\""),
        Val::Enum(f, i) => model
            .facts
            .get(f.index())
            .and_then(|f| f.variants.get(*i as usize))
            .cloned()
            .unwrap_or_default(),
    }
}

/// True for the condition that always holds.
fn always(e: &Expr) -> bool {
    matches!(e, Expr::Const(Val::Bool(true)))
}

/// Whether the step must happen: `必经` / `「材料齐全」时必须办理` / `optional`.
pub fn requirement(model: &Model, step: &Step, lang: Lang) -> String {
    let each = step
        .each
        .and_then(|r| model.roles.get(r.index()))
        .map(role_title);
    let base = match &step.required {
        None => return crate::diag::messages::word(lang, "w-when-needed"),
        Some(c) if always(&c.expr) => msg!("w-required"),
        Some(c) => match &c.expr {
            Expr::Not(x) => msg!("w-required-unless", cond = condition(model, x, lang)),
            x => msg!("w-required-when", cond = condition(model, x, lang)),
        },
    };
    match each {
        Some(r) => msg!("w-by-each", role = r; base => base).text(lang),
        None => base.text(lang),
    }
}

/// The prohibition, when the step is forbidden: `禁止` / `禁止（「复议」之后）`.
pub fn prohibition(model: &Model, step: &Step, lang: Lang) -> Option<String> {
    let c = step.forbidden.as_ref()?;
    let after: Vec<String> = step
        .forbidden_after
        .iter()
        .map(|s| step_title(model, *s))
        .collect();
    let mut text = crate::diag::messages::word(lang, "w-forbidden");
    if !always(&c.expr) {
        let cond = condition(model, &c.expr, lang);
        text.push_str(&msg!("w-forbidden-when", cond = cond).text(lang));
    }
    if !after.is_empty() {
        let steps = joined(&after, "w-sep", lang);
        text.push_str(&msg!("w-forbidden-after", steps = steps).text(lang));
    }
    Some(text)
}

/// A time limit: `时限：受理后20个工作日内（听证、专家评审期间不计；经「延期批准」可延长10个工作日）`.
pub fn deadline(model: &Model, d: &Deadline, lang: Lang) -> String {
    let from = origin(model, d.anchor, lang);
    let limit = match d.limit_fact {
        Some(f) => {
            let fact = fact_title(model, f.index());
            let unit = duration(
                Dur {
                    amount: 0,
                    ..d.limit
                },
                lang,
            );
            let unit = unit.trim_start_matches('0').trim();
            msg!("w-fact-limit", per = unit, fact = fact).text(lang)
        }
        None => duration(d.limit, lang),
    };
    let mut text = if d.fixed {
        msg!("w-limit-by", from = from).text(lang)
    } else {
        msg!("w-limit-within", from = from, limit = limit).text(lang)
    };
    let stops: Vec<String> = d.excluding.iter().map(|s| step_title(model, *s)).collect();
    let mut notes = Vec::new();
    if !stops.is_empty() {
        let steps = joined(&stops, "w-sep", lang);
        notes.push(msg!("w-not-counting", steps = steps).text(lang));
    }
    if let Some((ext, by)) = d.extension {
        let by = step_title(model, by);
        notes.push(msg!("w-extension", by = by, more = duration(ext, lang)).text(lang));
    }
    if let Some(c) = &d.applies.cond {
        let cond = condition(model, &c.expr, lang);
        notes.push(msg!("w-applies", cond = cond).text(lang));
    }
    if !notes.is_empty() {
        let notes = joined(&notes, "w-sep-notes", lang);
        text.push_str(&msg!("w-notes", notes = notes).text(lang));
    }
    text
}

/// Every duty of a step in words, one line each: the requirement or prohibition, what must
/// have happened first, its limits, gaps, durations and counts, and legal fictions. Who performs
/// it ([`performers`]), what it follows ([`order`]) and its article are left to the caller.
pub fn duties(model: &Model, step: &Step, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if step.required.is_some() || step.forbidden.is_none() {
        lines.push(requirement(model, step, lang));
    }
    lines.extend(prohibition(model, step, lang));
    let requires: Vec<String> = step
        .requires
        .iter()
        .map(|(s, _)| step_title(model, *s))
        .collect();
    if !requires.is_empty() {
        let steps = joined(&requires, "w-sep", lang);
        lines.push(msg!("w-only-after", steps = steps).text(lang));
    }
    lines.extend(step.deadlines.iter().map(|d| deadline(model, d, lang)));
    for g in &step.gaps {
        let from = point(model, g.anchor, g.pick, lang);
        lines.push(msg!("w-not-before", from = from, gap = duration(g.min, lang)).text(lang));
    }
    let bound =
        |min: bool| crate::diag::messages::word(lang, if min { "w-at-least" } else { "w-at-most" });
    for (min, l) in [(true, &step.min_duration), (false, &step.max_duration)] {
        if let Some(l) = l {
            let time = duration(l.value, lang);
            lines.push(msg!("w-lasts", bound = bound(min), time = time).text(lang));
        }
    }
    for (min, l) in [(true, &step.min_occurs), (false, &step.max_occurs)] {
        if let Some(l) = l {
            lines.push(msg!("w-happens", bound = bound(min), count = l.value).text(lang));
        }
    }
    for d in &step.deemed {
        let at = origin(model, d.at, lang);
        let when = match &d.when {
            DeemedWhen::Findings(kinds, s) => {
                let kinds: Vec<&str> = kinds.iter().map(|k| k.in_lang(lang)).collect();
                let kinds = joined(&kinds, "w-kinds-or", lang);
                msg!(
                    "w-deemed-findings",
                    step = step_title(model, *s),
                    kinds = kinds
                )
                .text(lang)
            }
            DeemedWhen::Cond(c) => condition(model, &c.expr, lang),
        };
        lines.push(msg!("w-deemed", at = at, when = when).text(lang));
    }
    lines
}

/// The steps a step comes after, in words: `在受理之后办理`; `None` when it follows none.
pub fn order(model: &Model, step: &Step, lang: Lang) -> Option<String> {
    let after: Vec<String> = step
        .after
        .iter()
        .map(|(s, _)| step_title(model, *s))
        .collect();
    (!after.is_empty()).then(|| msg!("w-after", steps = joined(&after, "w-sep", lang)).text(lang))
}

/// The steps some limit stops its clock for (停止计时).
pub fn stops_the_clock(model: &Model, id: StepId) -> bool {
    model
        .steps
        .iter()
        .any(|s| s.deadlines.iter().any(|d| d.excluding.contains(&id)))
}

/// A finding's sentence in a language: the evaluator's own in English; in Chinese, one composed
/// from the finding's kind and its structured detail (the limit, the days, the roles).
pub fn finding(f: &Finding, lang: Lang) -> String {
    if lang == Lang::En {
        return f.message.clone();
    }
    let d = &f.detail;
    let (limit, unit) = [
        (d.limit_workdays, "workdays"),
        (d.limit_days, "days"),
        (d.limit_months, "months"),
        (d.min_workdays, "workdays"),
        (d.min_days, "days"),
        (d.min_months, "months"),
    ]
    .into_iter()
    .find_map(|(n, u)| n.map(|n| (n.to_string(), u)))
    .unwrap_or_default();
    let roles = d
        .expected_roles
        .as_ref()
        .or(d.roles.as_ref())
        .map(|r| r.join("、"))
        .unwrap_or_default();
    let none = String::new;
    msg!(
        "finding",
        kind = f.kind.as_str(),
        step = f.step,
        after = d.after.clone().unwrap_or_else(none),
        deadline = d.deadline.as_deref().map_or_else(none, str::to_owned),
        earliest = d.earliest.as_deref().map_or_else(none, str::to_owned),
        limit = limit,
        unit = unit,
        took = d.took.map(|n| n.to_string()).unwrap_or_else(none),
        actor = d.actor.as_deref().map_or_else(none, str::to_owned),
        // A selector cannot match an empty value: `none` stands for no holder.
        holder = d.holder.as_deref().unwrap_or("none").to_owned(),
        roles = roles,
        count = d.count.map(|n| n.to_string()).unwrap_or_else(none),
        condition = d.condition.clone().unwrap_or_else(none)
    )
    .text(lang)
}
