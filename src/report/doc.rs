//! The rulebook as a readable regulation (`duechain doc`): one self-contained HTML page an office
//! can publish beside its rules — each duty as a sentence with its article, the time limits,
//! who is responsible, the accountability rules and the measures tables, and each procedure's
//! flowchart — in Chinese or English.

use std::fmt::Write;

use super::html::{self, Flowcharts, Lang};
use super::text::markup as esc;
use super::wording;
use crate::compile::model::{AccRule, Model, Penalty, PersonTerm, Persons, ProcId, Step, StepId};
use crate::msg;
use crate::vocab::Level;

page_words! {
    /// The page's own words.
    pub(crate) struct Words("doc") {
        title, contents, procedure, duties, limits, roles, accountability, measures, defaults, step, limit, article, source, role, reports_to, performs, rule, answers, liable, measure, period, months, none, calendar, flowchart, generated
    } lists {}
}

/// The rulebook as one HTML page. `charts` holds a rendered SVG per procedure, in order (from
/// Graphviz); without them each procedure gets the built-in layered chart.
pub fn document(model: &Model, lang: Lang, charts: Option<&[String]>) -> String {
    let w = Words::of(lang);
    let mut out = String::with_capacity(64 * 1024);
    html::head(&mut out, &w.title, model, lang);
    if let Some(source) = &model.source {
        let _ = write!(out, "<p class=\"source\">{}{}</p>", w.source, esc(source));
    }
    contents(&mut out, model, w);
    let built_in = Flowcharts::new(model);
    for (i, p) in model.procedures.iter().enumerate() {
        let pid = ProcId::of(i);
        let name = p.label.as_deref().unwrap_or(&p.name);
        let _ = write!(
            out,
            "<section id=\"p{i}\"><h2>{} · {}</h2>",
            w.procedure,
            esc(name)
        );
        if let Some(cal) = p.calendar.and_then(|c| model.calendars.get(c.index())) {
            let _ = write!(out, "<p>{}{}</p>", w.calendar, esc(&cal.name));
        }
        let _ = write!(out, "<figure><figcaption>{}</figcaption>", w.flowchart);
        match charts.and_then(|c| c.get(i)) {
            Some(svg) => out.push_str(svg_element(svg)),
            None => built_in.draw(&mut out, pid, &|_| 5, &[]),
        }
        out.push_str("</figure>");
        duties(&mut out, model, &p.steps, w);
        limits(&mut out, model, &p.steps, w);
        out.push_str("</section>");
    }
    roles(&mut out, model, w);
    accountability(&mut out, model, w);
    measures(&mut out, model, w);
    defaults(&mut out, model, w);
    let _ = write!(
        out,
        "<footer><p>{} · {} {}</p></footer></body></html>",
        w.generated,
        esc(&model.id),
        esc(model.version.as_deref().unwrap_or(""))
    );
    out
}

/// The `<svg …>…</svg>` element of a rendered SVG document (its XML prolog and doctype left out).
fn svg_element(svg: &str) -> &str {
    svg.find("<svg").and_then(|i| svg.get(i..)).unwrap_or("")
}

fn contents(out: &mut String, model: &Model, w: &Words) {
    let _ = write!(out, "<nav><h2>{}</h2><ol>", w.contents);
    for (i, p) in model.procedures.iter().enumerate() {
        let name = p.label.as_deref().unwrap_or(&p.name);
        let _ = write!(out, "<li><a href=\"#p{i}\">{}</a></li>", esc(name));
    }
    for (id, title) in [
        ("roles", &w.roles),
        ("accountability", &w.accountability),
        ("measures", &w.measures),
        ("defaults", &w.defaults),
    ] {
        let _ = write!(out, "<li><a href=\"#{id}\">{title}</a></li>");
    }
    out.push_str("</ol></nav>");
}

/// A step's duties as one sentence: `**受理申请**（受理）：…时，必须办理；由…办理；…。依据：…。`
fn sentence(model: &Model, s: &Step, lang: Lang) -> String {
    let mut parts = wording::duties(model, s, lang);
    let who = wording::performers(model, s, lang);
    if !who.is_empty() {
        parts.push(msg!("w-performed-by", who = who).text(lang));
    }
    parts.extend(wording::order(model, s, lang));
    let word = |id: &str| crate::diag::messages::word(lang, id);
    let mut text = esc(&parts.join(&word("w-sep-notes")));
    text.push_str(&word("w-sentence-end"));
    if let Some(c) = &s.cite {
        text.push_str(&msg!("w-cite", cite = esc(c)).text(lang));
    }
    text
}

fn duties(out: &mut String, model: &Model, steps: &[StepId], w: &Words) {
    let _ = write!(out, "<h3>{}</h3><ol class=\"duties\">", w.duties);
    for &id in steps {
        let Some(s) = model.step(id) else { continue };
        let _ = write!(
            out,
            "<li id=\"step-{}\"><b>{}</b> <code>{}</code>：{}</li>",
            esc(&s.name),
            esc(&wording::step_title(model, id)),
            esc(&s.name),
            sentence(model, s, w.lang)
        );
    }
    out.push_str("</ol>");
}

fn limits(out: &mut String, model: &Model, steps: &[StepId], w: &Words) {
    let rows: Vec<(StepId, String, Option<&String>)> = steps
        .iter()
        .filter_map(|&id| model.step(id).map(|s| (id, s)))
        .flat_map(|(id, s)| {
            s.deadlines
                .iter()
                .map(move |d| (id, wording::deadline(model, d, w.lang), s.cite.as_ref()))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h3>{}</h3><table class=\"limits\"><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        w.limits, w.step, w.limit, w.article
    );
    for (id, limit, cite) in rows {
        let limit = limit
            .split_once('：')
            .map_or(limit.as_str(), |(_, l)| l)
            .trim_start_matches("limit: ");
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&wording::step_title(model, id)),
            esc(limit),
            esc(cite.map_or("", String::as_str))
        );
    }
    out.push_str("</table>");
}

fn roles(out: &mut String, model: &Model, w: &Words) {
    let _ = write!(
        out,
        "<section id=\"roles\"><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        w.roles, w.role, w.reports_to, w.performs
    );
    for (i, r) in model.roles.iter().enumerate() {
        let boss = r
            .reports_to
            .and_then(|b| model.roles.get(b.index()))
            .map_or("", wording::role_title);
        let performs: Vec<String> = model
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.by.iter().any(|b| b.index() == i))
            .map(|(k, _)| wording::step_title(model, StepId::of(k)))
            .collect();
        let _ = write!(
            out,
            "<tr><td><b>{}</b> <code>{}</code></td><td>{}</td><td>{}</td></tr>",
            esc(wording::role_title(r)),
            esc(&r.name),
            esc(boss),
            esc(&performs.join("、"))
        );
    }
    out.push_str("</table></section>");
}

/// Who a person set names, in words.
fn persons(model: &Model, p: &Persons, lang: Lang) -> String {
    fn term(model: &Model, t: &PersonTerm, lang: Lang) -> String {
        match t {
            PersonTerm::Actor => crate::diag::messages::word(lang, "w-actor"),
            PersonTerm::Role(r) => model
                .roles
                .get(r.index())
                .map_or("?", wording::role_title)
                .to_owned(),
            PersonTerm::Leader(inner) => {
                msg!("w-leader-of", who = term(model, inner, lang)).text(lang)
            }
            PersonTerm::Field(s, _) => wording::step_title(model, *s),
        }
    }
    let mut text = term(model, &p.include, lang);
    for e in &p.except {
        text.push_str(&msg!("w-except", who = term(model, e, lang)).text(lang));
    }
    text
}

/// What an accountability rule answers, as HTML (each line escaped): `逾期、缺失：送达、决定`.
fn answers(model: &Model, r: &AccRule, lang: Lang) -> String {
    let mut lines: Vec<String> = r
        .triggers
        .iter()
        .map(|t| {
            let kinds: Vec<&str> = t.kinds.iter().map(|k| k.in_lang(lang)).collect();
            let steps: Vec<String> = t
                .steps
                .iter()
                .map(|s| wording::step_title(model, *s))
                .collect();
            let sep = crate::diag::messages::word(lang, "w-sep");
            let steps = if steps.is_empty() {
                crate::diag::messages::word(lang, "w-any-step")
            } else {
                steps.join(&sep)
            };
            msg!("w-kinds-at", kinds = kinds.join(&sep), steps = steps).text(lang)
        })
        .collect();
    for other in &r.on_rules {
        if let Some(o) = model.rules.get(other.index()) {
            lines.push(o.label.clone().unwrap_or_else(|| o.name.clone()));
        }
    }
    lines
        .iter()
        .map(|l| esc(l))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn accountability(out: &mut String, model: &Model, w: &Words) {
    let _ = write!(
        out,
        "<section id=\"accountability\"><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th></tr>",
        w.accountability, w.rule, w.answers, w.liable, w.measures, w.article
    );
    for r in &model.rules {
        let liable: Vec<String> = r
            .liable
            .iter()
            .map(|l| {
                format!(
                    "{}（{}）",
                    esc(&persons(model, &l.persons, w.lang)),
                    l.grade.in_lang(w.lang)
                )
            })
            .collect();
        let reliefs: Vec<String> = r
            .reliefs
            .iter()
            .map(|x| {
                esc(&format!(
                    "{}: {}",
                    persons(model, &x.persons, w.lang),
                    x.reason
                ))
            })
            .collect();
        let mut who = liable.join("<br>");
        if !reliefs.is_empty() {
            who.push_str("<br><small>");
            who.push_str(&reliefs.join("<br>"));
            who.push_str("</small>");
        }
        let _ = write!(
            out,
            "<tr><td><b>{}</b> <code>{}</code></td><td>{}</td><td>{who}</td><td>{}</td><td>{}</td></tr>",
            esc(r.label.as_deref().unwrap_or(&r.name)),
            esc(&r.name),
            answers(model, r, w.lang),
            penalties(model, r, w),
            esc(r.cite.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</table></section>");
}

/// A rule's penalty tables: each consequence level and the measure it maps to.
fn penalties(model: &Model, r: &AccRule, w: &Words) -> String {
    let mut out = String::new();
    for p in &r.penalties {
        let Some(ladder) = model.ladders.get(p.ladder.index()) else {
            continue;
        };
        let _ = write!(
            out,
            "<div><i>{}</i><ul>",
            esc(ladder.label.as_deref().unwrap_or(&ladder.name))
        );
        for &level in Level::ALL {
            // Unset levels are left out; `Some(None)` maps to no measure.
            let Some(mapped) = p.map.get(Penalty::level_index(level)).copied().flatten() else {
                continue;
            };
            let measure = match mapped {
                Some(m) => esc(ladder
                    .measures
                    .get(m as usize)
                    .map_or("?", |x| x.label.as_deref().unwrap_or(&x.name))),
                None => w.none.to_owned(),
            };
            let _ = write!(out, "<li>{} → {measure}</li>", level.in_lang(w.lang));
        }
        out.push_str("</ul></div>");
    }
    out
}

fn measures(out: &mut String, model: &Model, w: &Words) {
    let _ = write!(out, "<section id=\"measures\"><h2>{}</h2>", w.measures);
    for l in &model.ladders {
        let _ = write!(
            out,
            "<h3>{}</h3><table><tr><th>{}</th><th>{}</th></tr>",
            esc(l.label.as_deref().unwrap_or(&l.name)),
            w.measure,
            w.period
        );
        for m in &l.measures {
            let period = m
                .months
                .map(|n| format!("{n} {}", w.months))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{period}</td></tr>",
                esc(m.label.as_deref().unwrap_or(&m.name))
            );
        }
        out.push_str("</table>");
    }
    out.push_str("</section>");
}

fn defaults(out: &mut String, model: &Model, w: &Words) {
    let mut items = Vec::new();
    if let Some(level) = model.consequence_default {
        let level = level.in_lang(w.lang);
        items.push(msg!("w-default-consequence", consequence = level).text(w.lang));
    }
    if let Some(closed) = model.closed_default {
        items.push(msg!("w-default-closed", closed = closed).text(w.lang));
    }
    if let Some(warn) = model.warn {
        let d = wording::duration(warn, w.lang);
        items.push(msg!("w-default-warn", time = d).text(w.lang));
    }
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "<section id=\"defaults\"><h2>{}</h2><ul>", w.defaults);
    for i in items {
        let _ = write!(out, "<li>{}</li>", esc(&i));
    }
    out.push_str("</ul></section>");
}
