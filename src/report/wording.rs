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
    names.join(match lang {
        Lang::Zh => " 或 ",
        Lang::En => " or ",
    })
}

/// A duration: `20个工作日`, `20 working days`.
pub fn duration(d: Dur, lang: Lang) -> String {
    let n = d.amount;
    match (lang, d.unit) {
        (Lang::Zh, Unit::Days) => format!("{n}日"),
        (Lang::Zh, Unit::Workdays) => format!("{n}个工作日"),
        (Lang::Zh, Unit::Months) => format!("{n}个月"),
        (Lang::Zh, Unit::Years) => format!("{n}年"),
        (Lang::En, unit) => {
            let word = match unit {
                Unit::Days => "day",
                Unit::Workdays => "working day",
                Unit::Months => "month",
                Unit::Years => "year",
            };
            let s = if n == 1 { "" } else { "s" };
            format!("{n} {word}{s}")
        }
    }
}

/// The event a limit counts from: `受理`, `听证开始`, `最后一次补正`, `the acceptance`.
fn point(model: &Model, at: At, pick: Pick, lang: Lang) -> String {
    let title = step_title(model, at.step);
    match lang {
        Lang::Zh => {
            let which = match pick {
                Pick::First => "",
                Pick::Last => "最后一次",
                Pick::Each => "每次",
            };
            let start = if at.point == Point::Start {
                "开始"
            } else {
                ""
            };
            format!("{which}{title}{start}")
        }
        Lang::En => {
            let which = match pick {
                Pick::First => "",
                Pick::Last => "the last ",
                Pick::Each => "each ",
            };
            let start = if at.point == Point::Start {
                " starts"
            } else {
                ""
            };
            format!("{which}{title}{start}")
        }
    }
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
    let (and, or, not) = match lang {
        Lang::Zh => (" 且 ", " 或 ", "非"),
        Lang::En => (" and ", " or ", "not "),
    };
    let join = |xs: &[Expr], sep: &str| {
        xs.iter()
            .map(|x| condition(model, x, lang))
            .collect::<Vec<_>>()
            .join(sep)
    };
    match e {
        Expr::Const(v) => value(model, v, lang),
        Expr::Fact(f) => format!("「{}」", fact_title(model, f.index())),
        Expr::Field(i) | Expr::Count(i, _) => format!("#{i}"),
        Expr::Events(s) => match lang {
            Lang::Zh => format!("「{}」次数", step_title(model, *s)),
            Lang::En => format!("times of 「{}」", step_title(model, *s)),
        },
        Expr::Agg(op, s, _) => format!("{}(「{}」)", op.as_str(), step_title(model, *s)),
        Expr::Holders(r) => {
            let role = model.roles.get(r.index()).map_or("?", role_title);
            match lang {
                Lang::Zh => format!("「{role}」人数"),
                Lang::En => format!("holders of 「{role}」"),
            }
        }
        Expr::Not(x) => format!("{not}{}", condition(model, x, lang)),
        Expr::And(xs) => join(xs, and),
        Expr::Or(xs) => format!("({})", join(xs, or)),
        Expr::Cmp(a, op, b) => format!(
            "{} {} {}",
            condition(model, a, lang),
            op.as_str(),
            condition(model, b, lang)
        ),
        Expr::In(a, xs) => format!("{} ∈ [{}]", condition(model, a, lang), join(xs, ", ")),
        Expr::Arith(a, op, b) => format!(
            "{} {} {}",
            condition(model, a, lang),
            op.as_str(),
            condition(model, b, lang)
        ),
    }
}

fn value(model: &Model, v: &Val, lang: Lang) -> String {
    match (v, lang) {
        (Val::Bool(true), Lang::Zh) => "是".to_owned(),
        (Val::Bool(false), Lang::Zh) => "否".to_owned(),
        (Val::Bool(b), Lang::En) => b.to_string(),
        (Val::Int(n), _) => n.to_string(),
        (Val::Money(m), _) => m.to_string(),
        (Val::Date(d), _) => crate::date::show(*d),
        (Val::Text(t), _) => format!("\"{t}\""),
        (Val::Enum(f, i), _) => model
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
    let base = match (&step.required, lang) {
        (None, Lang::Zh) => return "依需要办理".to_owned(),
        (None, Lang::En) => return "when needed".to_owned(),
        (Some(c), Lang::Zh) if always(&c.expr) => "必须办理".to_owned(),
        (Some(c), Lang::En) if always(&c.expr) => "required".to_owned(),
        (Some(c), Lang::Zh) => match &c.expr {
            Expr::Not(x) => format!("除{}外，必须办理", condition(model, x, lang)),
            x => format!("{}时，必须办理", condition(model, x, lang)),
        },
        (Some(c), Lang::En) => match &c.expr {
            Expr::Not(x) => format!("required unless {}", condition(model, x, lang)),
            x => format!("required when {}", condition(model, x, lang)),
        },
    };
    match (each, lang) {
        (Some(r), Lang::Zh) => format!("{base}（每名「{r}」各自办理）"),
        (Some(r), Lang::En) => format!("{base} (by each {r})"),
        (None, _) => base,
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
    let mut text = match lang {
        Lang::Zh => "禁止".to_owned(),
        Lang::En => "forbidden".to_owned(),
    };
    if !always(&c.expr) {
        let cond = condition(model, &c.expr, lang);
        text.push_str(&match lang {
            Lang::Zh => format!("（{cond}时）"),
            Lang::En => format!(" when {cond}"),
        });
    }
    if !after.is_empty() {
        text.push_str(&match lang {
            Lang::Zh => format!("（{}之后）", after.join("、")),
            Lang::En => format!(" after {}", after.join(", ")),
        });
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
            match lang {
                Lang::Zh => format!("「{fact}」所定{unit}数"),
                Lang::En => format!("the {unit} set by 「{fact}」"),
            }
        }
        None => duration(d.limit, lang),
    };
    let mut text = match (lang, d.fixed) {
        (Lang::Zh, true) => format!("时限：{from}之前完成"),
        (Lang::En, true) => format!("limit: by {from}"),
        (Lang::Zh, false) => format!("时限：{from}后{limit}内"),
        (Lang::En, false) => format!("limit: within {limit} after {from}"),
    };
    let stops: Vec<String> = d.excluding.iter().map(|s| step_title(model, *s)).collect();
    let mut notes = Vec::new();
    if !stops.is_empty() {
        notes.push(match lang {
            Lang::Zh => format!("{}期间不计", stops.join("、")),
            Lang::En => format!("not counting {}", stops.join(", ")),
        });
    }
    if let Some((ext, by)) = d.extension {
        let by = step_title(model, by);
        notes.push(match lang {
            Lang::Zh => format!("经「{by}」可延长{}", duration(ext, lang)),
            Lang::En => format!("{} more with 「{by}」", duration(ext, lang)),
        });
    }
    if let Some(c) = &d.applies.cond {
        let cond = condition(model, &c.expr, lang);
        notes.push(match lang {
            Lang::Zh => format!("适用于{cond}"),
            Lang::En => format!("applies when {cond}"),
        });
    }
    if !notes.is_empty() {
        text.push_str(&match lang {
            Lang::Zh => format!("（{}）", notes.join("；")),
            Lang::En => format!(" ({})", notes.join("; ")),
        });
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
        lines.push(match lang {
            Lang::Zh => format!("须先经{}", requires.join("、")),
            Lang::En => format!("only after {}", requires.join(", ")),
        });
    }
    lines.extend(step.deadlines.iter().map(|d| deadline(model, d, lang)));
    for g in &step.gaps {
        let from = point(model, g.anchor, g.pick, lang);
        lines.push(match lang {
            Lang::Zh => format!("不早于{from}后{}", duration(g.min, lang)),
            Lang::En => format!("not before {} after {from}", duration(g.min, lang)),
        });
    }
    let bound = |min: bool| match (lang, min) {
        (Lang::Zh, true) => "不少于",
        (Lang::Zh, false) => "不超过",
        (Lang::En, true) => "at least",
        (Lang::En, false) => "at most",
    };
    for (min, l) in [(true, &step.min_duration), (false, &step.max_duration)] {
        if let Some(l) = l {
            lines.push(match lang {
                Lang::Zh => format!("持续{}{}", bound(min), duration(l.value, lang)),
                Lang::En => format!("lasts {} {}", bound(min), duration(l.value, lang)),
            });
        }
    }
    for (min, l) in [(true, &step.min_occurs), (false, &step.max_occurs)] {
        if let Some(l) = l {
            lines.push(match lang {
                Lang::Zh => format!("办理次数{}{}次", bound(min), l.value),
                Lang::En => format!("happens {} {} time(s)", bound(min), l.value),
            });
        }
    }
    for d in &step.deemed {
        let at = origin(model, d.at, lang);
        let when = match &d.when {
            DeemedWhen::Findings(kinds, s) => {
                let kinds: Vec<&str> = kinds.iter().map(|k| k.in_lang(lang)).collect();
                let s = step_title(model, *s);
                match lang {
                    Lang::Zh => format!("「{s}」{}", kinds.join("或")),
                    Lang::En => format!("{s} is {}", kinds.join(" or ")),
                }
            }
            DeemedWhen::Cond(c) => condition(model, &c.expr, lang),
        };
        lines.push(match lang {
            Lang::Zh => format!("视为：{when}时，视为于{at}时已办理"),
            Lang::En => format!("deemed done at {at} when {when}"),
        });
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
    (!after.is_empty()).then(|| match lang {
        Lang::Zh => format!("在{}之后办理", after.join("、")),
        Lang::En => format!("after {}", after.join(", ")),
    })
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
        deadline = d.deadline.clone().unwrap_or_else(none),
        earliest = d.earliest.clone().unwrap_or_else(none),
        limit = limit,
        unit = unit,
        took = d.took.map(|n| n.to_string()).unwrap_or_else(none),
        actor = d.actor.clone().unwrap_or_else(none),
        // A selector cannot match an empty value: `none` stands for no holder.
        holder = d.holder.clone().unwrap_or_else(|| "none".to_owned()),
        roles = roles,
        count = d.count.map(|n| n.to_string()).unwrap_or_else(none),
        condition = d.condition.clone().unwrap_or_else(none)
    )
    .text(lang)
}
