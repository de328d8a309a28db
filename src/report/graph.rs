//! Flowcharts of a procedure (权力运行流程图) as Graphviz DOT and Mermaid, in Chinese or
//! English: a title and the rulebook's source; swimlanes by the roles that perform each step (a
//! step several roles may perform sits in a lane of its own, named for all of them); each step
//! with its duties worded as an office writes them and its article; conditional steps dashed,
//! forbidden steps drawn as prohibitions, stop-the-clock steps marked; precedence and time limits
//! as edges; start and end; and a legend. DOT names a CJK font so Chinese renders.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::compile::model::{At, Model, ProcId, Step, StepId};
use crate::diag::messages::word;
use crate::msg;
use crate::parse::ast::Point;
use crate::report::html::Lang;
use crate::report::wording;

/// The font DOT asks for: Noto Sans CJK (Debian's `fonts-noto-cjk`) has every glyph used.
pub const FONT: &str = "Noto Sans CJK SC";

/// One edge of the flowchart.
struct Edge {
    from: StepId,
    to: StepId,
    labels: Vec<String>,
    timing_only: bool,
}

fn edges(model: &Model, steps: &[StepId], lang: Lang) -> Vec<Edge> {
    let mut map: BTreeMap<(StepId, StepId), Edge> = BTreeMap::new();
    for &id in steps {
        let Some(s) = model.step(id) else { continue };
        for &(pred, _) in &s.after {
            map.entry((pred, id))
                .or_insert_with(|| Edge {
                    from: pred,
                    to: id,
                    labels: Vec::new(),
                    timing_only: false,
                })
                .timing_only = false;
        }
        let mut timed = |at: At, text: String| {
            let e = map.entry((at.step, id)).or_insert_with(|| Edge {
                from: at.step,
                to: id,
                labels: Vec::new(),
                timing_only: true,
            });
            e.labels.push(text);
        };
        for d in &s.deadlines {
            let Some(anchor) = d.anchor.step() else {
                continue;
            };
            let limit = match d.limit_fact {
                Some(f) => model
                    .facts
                    .get(f.index())
                    .map_or("?", |x| x.name.as_str())
                    .to_owned(),
                None => wording::duration(d.limit, lang),
            };
            let from_start = anchor.point == Point::Start;
            timed(
                anchor,
                match (lang, from_start) {
                    (Lang::Zh, false) => format!("{limit}内"),
                    (Lang::Zh, true) => format!("开始后{limit}内"),
                    (Lang::En, false) => format!("within {limit}"),
                    (Lang::En, true) => format!("within {limit} from start"),
                },
            );
        }
        for g in &s.gaps {
            let min = wording::duration(g.min, lang);
            timed(g.anchor, msg!("chart-at-least", min = min).text(lang));
        }
    }
    map.into_values().filter(|e| e.from != e.to).collect()
}

/// How a step is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Always required.
    Required,
    /// Required under a condition, or when needed.
    Conditional,
    /// Forbidden, and never required.
    Forbidden,
}

fn kind(s: &Step) -> Kind {
    if s.forbidden.is_some() && s.required.is_none() {
        Kind::Forbidden
    } else if s.required.as_ref().is_some_and(|c| {
        matches!(
            c.expr,
            crate::compile::model::Expr::Const(crate::compile::model::Val::Bool(true))
        )
    }) {
        Kind::Required
    } else {
        Kind::Conditional
    }
}

/// A step's label lines: its title, its name when it has a label, its duties, its marks and
/// its article.
fn node_lines(model: &Model, id: StepId, s: &Step, lang: Lang) -> Vec<String> {
    let mut lines = vec![s.label.clone().unwrap_or_else(|| s.name.clone())];
    if s.label.is_some() {
        lines.push(format!("[{}]", s.name));
    }
    lines.extend(
        wording::duties(model, s, lang)
            .iter()
            .flat_map(|l| wrap(l, WRAP)),
    );
    if wording::stops_the_clock(model, id) {
        lines.push(word(lang, "chart-clock-stopped"));
    }
    if let Some(c) = &s.cite {
        lines.extend(wrap(&msg!("chart-cite", cite = c).text(lang), WRAP));
    }
    lines
}

/// The widest line of a step's box, in columns (a CJK character is two).
const WRAP: usize = 44;

/// A line broken into lines of at most `width` columns, at a space or Chinese punctuation where
/// one is near, else anywhere.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    let mut last_break = None;
    for c in line.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if used + w > width && !current.is_empty() {
            let cut = last_break
                .filter(|&b| b * 2 > current.len())
                .unwrap_or(current.len());
            let rest = current.split_off(cut);
            out.push(current.trim_end().to_owned());
            current = rest.trim_start().to_owned();
            used = current
                .chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum();
            last_break = None;
        }
        current.push(c);
        used += w;
        if matches!(c, ' ' | '，' | '、' | '；' | '）' | ',' | ';') {
            last_break = Some(current.len());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Steps grouped by the roles that may perform them (a lane per set of roles; `None` when no
/// role is named), in the order their first step is declared.
fn lanes(model: &Model, steps: &[StepId]) -> Vec<(Vec<usize>, Vec<StepId>)> {
    let mut lanes: Vec<(Vec<usize>, Vec<StepId>)> = Vec::new();
    for &id in steps {
        let roles: Vec<usize> = model
            .step(id)
            .map(|s| s.by.iter().map(|r| r.index()).collect())
            .unwrap_or_default();
        match lanes.iter_mut().find(|(r, _)| *r == roles) {
            Some((_, ids)) => ids.push(id),
            None => lanes.push((roles, vec![id])),
        }
    }
    lanes
}

/// A lane's title: its roles by their labels, "or" between them.
fn lane_label(model: &Model, roles: &[usize], lang: Lang) -> String {
    let names: Vec<&str> = roles
        .iter()
        .filter_map(|&r| model.roles.get(r))
        .map(wording::role_title)
        .collect();
    match names.len() {
        0 => word(lang, "chart-no-role"),
        1 => names.join(""),
        _ => msg!("chart-any-of", roles = names.join(&word(lang, "w-or"))).text(lang),
    }
}

/// The chart's title: the procedure, the rulebook, and what the chart is.
fn title(model: &Model, procs: &[ProcId], lang: Lang) -> String {
    let names: Vec<&str> = procs
        .iter()
        .filter_map(|p| model.procedures.get(p.index()))
        .map(|p| p.label.as_deref().unwrap_or(&p.name))
        .collect();
    let book = model.title.as_deref().unwrap_or(&model.id);
    let sep = crate::diag::messages::word(lang, "w-sep");
    msg!("chart-title", procedures = names.join(&sep), book = book).text(lang)
}

/// The steps a procedure starts with (nothing must come before them) and ends with (nothing
/// required follows them), forbidden steps left out.
fn start_and_end(model: &Model, steps: &[StepId], edges: &[Edge]) -> (Vec<StepId>, Vec<StepId>) {
    let drawn = |id: &&StepId| model.step(**id).is_some_and(|s| kind(s) != Kind::Forbidden);
    let first = steps
        .iter()
        .filter(drawn)
        .filter(|id| !edges.iter().any(|e| !e.timing_only && e.to == **id))
        .copied()
        .collect();
    let last = steps
        .iter()
        .filter(drawn)
        .filter(|id| model.step(**id).is_some_and(|s| s.required.is_some()))
        .filter(|id| !edges.iter().any(|e| e.from == **id))
        .copied()
        .collect();
    (first, last)
}

/// The procedures to draw: one by name, or all.
pub fn procedures(model: &Model, only: Option<&str>) -> Result<Vec<ProcId>, String> {
    match only {
        Some(name) => model.procedure_named(name).map(|p| vec![p]).ok_or_else(|| {
            let known: Vec<&str> = model.procedures.iter().map(|p| p.name.as_str()).collect();
            format!(
                "no procedure `{name}` in rulebook `{}`; it has: {}",
                model.id,
                known.join(", ")
            )
        }),
        None => Ok((0..model.procedures.len()).map(ProcId::of).collect()),
    }
}

/// Text inside a DOT quoted string: backslashes and quotes escaped, control characters and bidi
/// overrides shown as `\u{…}`.
fn quote_dot(s: &str) -> String {
    super::text::visible(s)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
}

/// Lines of text joined for DOT (centred lines), each escaped.
fn dot_lines(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| quote_dot(l))
        .collect::<Vec<_>>()
        .join("\\n")
}

/// Graphviz DOT of the procedures, in `lang`.
pub fn dot(model: &Model, procs: &[ProcId], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", quote_dot(&model.id));
    let mut heading = vec![title(model, procs, lang)];
    if let Some(source) = &model.source {
        heading.push(msg!("chart-source", source = source).text(lang));
    }
    let _ = writeln!(
        out,
        "  graph [fontname=\"{FONT}\", label=\"{}\", labelloc=t, fontsize=16, rankdir=TB, \
         nodesep=0.35, ranksep=0.45];\n  node [fontname=\"{FONT}\", fontsize=10, shape=box, \
         style=\"rounded,filled\", fillcolor=white];\n  edge [fontname=\"{FONT}\", fontsize=9];",
        dot_lines(&heading)
    );
    for &pid in procs {
        let Some(p) = model.procedures.get(pid.index()) else {
            continue;
        };
        let pi = pid.index();
        let edges = edges(model, &p.steps, lang);
        let (first, last) = start_and_end(model, &p.steps, &edges);
        let (start, end) = (word(lang, "chart-start"), word(lang, "chart-end"));
        let _ = writeln!(
            out,
            "  \"p{pi}:start\" [label=\"{start}\", shape=oval, fillcolor=\"#e8f5e9\"];\n  \
             \"p{pi}:end\" [label=\"{end}\", shape=oval, fillcolor=\"#eceff1\"];"
        );
        for (li, (roles, ids)) in lanes(model, &p.steps).iter().enumerate() {
            let _ = writeln!(
                out,
                "  subgraph \"cluster_p{pi}_{li}\" {{\n    label=\"{}\"; style=filled; \
                 fillcolor=\"#f5f7fb\"; color=\"#b8c4d9\";",
                quote_dot(&lane_label(model, roles, lang))
            );
            for &id in ids {
                let Some(s) = model.step(id) else { continue };
                let look = match kind(s) {
                    Kind::Required => String::new(),
                    Kind::Conditional => ", style=\"rounded,dashed,filled\"".to_owned(),
                    Kind::Forbidden => ", shape=octagon, style=filled, fillcolor=\"#fdecea\", \
                                     color=\"#c62828\", fontcolor=\"#b71c1c\""
                        .to_owned(),
                };
                let look = if wording::stops_the_clock(model, id) && kind(s) != Kind::Forbidden {
                    format!("{look}, fillcolor=\"#eeeeee\"")
                } else {
                    look
                };
                let _ = writeln!(
                    out,
                    "    \"{}\" [label=\"{}\"{look}];",
                    quote_dot(&s.name),
                    dot_lines(&node_lines(model, id, s, lang))
                );
            }
            let _ = writeln!(out, "  }}");
        }
        for id in first {
            let _ = writeln!(
                out,
                "  \"p{pi}:start\" -> \"{}\";",
                quote_dot(model.step_name(id))
            );
        }
        for id in last {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"p{pi}:end\";",
                quote_dot(model.step_name(id))
            );
        }
        for e in edges {
            let mut attrs = Vec::new();
            if !e.labels.is_empty() {
                attrs.push(format!("label=\"{}\"", quote_dot(&e.labels.join("; "))));
            }
            if e.timing_only {
                attrs.push("style=dashed, color=\"#1565c0\", fontcolor=\"#1565c0\"".to_owned());
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!(" [{}]", attrs.join(", "))
            };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\"{attrs};",
                quote_dot(model.step_name(e.from)),
                quote_dot(model.step_name(e.to))
            );
        }
    }
    out.push_str(&legend(lang));
    out.push_str("}\n");
    out
}

/// The legend: what each shape, style and edge means.
fn legend(lang: Lang) -> String {
    let words: [String; 7] = std::array::from_fn(|i| word(lang, &format!("chart-legend-{i}")));
    let [
        head,
        required,
        conditional,
        forbidden,
        stopped,
        order,
        limit,
    ] = words;
    format!(
        "  subgraph cluster_legend {{\n    label=\"{head}\"; style=\"rounded\"; color=\"#9e9e9e\";\n    \
         legend_required [label=\"{required}\"];\n    \
         legend_conditional [label=\"{conditional}\", style=\"rounded,dashed,filled\"];\n    \
         legend_forbidden [label=\"{forbidden}\", shape=octagon, style=filled, fillcolor=\"#fdecea\", \
         color=\"#c62828\", fontcolor=\"#b71c1c\"];\n    \
         legend_stopped [label=\"{stopped}\", fillcolor=\"#eeeeee\"];\n    \
         legend_required -> legend_conditional [label=\"{order}\"];\n    \
         legend_forbidden -> legend_stopped [label=\"{limit}\", style=dashed, color=\"#1565c0\", \
         fontcolor=\"#1565c0\"];\n  }}\n"
    )
}

/// A Mermaid node id: `s_` and the name when it is plain ASCII (so no id is a keyword such as
/// `end`), else `s` and the step's index. Lanes are `lane1`, `lane2`, … so the two never meet.
fn mermaid_id(name: &str, index: usize) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("s_{name}")
    } else {
        format!("s{index}")
    }
}

/// Text inside a Mermaid quoted label, as entity codes where Mermaid would read markup: no label
/// can close its string, start a `%%` comment or directive, or carry HTML or markdown.
fn quote_mermaid(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in super::text::visible(s).chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '%' => out.push_str("#37;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Mermaid `flowchart` of the procedures, in `lang`.
pub fn mermaid(model: &Model, procs: &[ProcId], lang: Lang) -> String {
    let mut out = String::from("flowchart TD\n");
    let mut dashed = Vec::new();
    let mut forbidden = Vec::new();
    let mut lane_count = 0;
    for &pid in procs {
        let Some(p) = model.procedures.get(pid.index()) else {
            continue;
        };
        for (roles, ids) in &lanes(model, &p.steps) {
            lane_count += 1;
            let lane_id = format!("lane{lane_count}");
            let label = lane_label(model, roles, lang);
            let _ = writeln!(out, "  subgraph {lane_id}[\"{}\"]", quote_mermaid(&label));
            for &id in ids {
                let Some(s) = model.step(id) else { continue };
                let node = mermaid_id(&s.name, id.index());
                let lines: Vec<String> = node_lines(model, id, s, lang)
                    .iter()
                    .map(|l| quote_mermaid(l))
                    .collect();
                let _ = writeln!(out, "    {node}[\"{}\"]", lines.join("<br/>"));
                match kind(s) {
                    Kind::Conditional => dashed.push(node),
                    Kind::Forbidden => forbidden.push(node),
                    Kind::Required => {}
                }
            }
            out.push_str("  end\n");
        }
        for e in edges(model, &p.steps, lang) {
            let arrow = if e.timing_only { "-.->" } else { "-->" };
            let from = mermaid_id(model.step_name(e.from), e.from.index());
            let to = mermaid_id(model.step_name(e.to), e.to.index());
            if e.labels.is_empty() {
                let _ = writeln!(out, "  {from} {arrow} {to}");
            } else {
                let _ = writeln!(
                    out,
                    "  {from} {arrow}|\"{}\"| {to}",
                    quote_mermaid(&e.labels.join("; "))
                );
            }
        }
    }
    for (class, nodes, style) in [
        ("conditional", &dashed, "stroke-dasharray: 5 5"),
        (
            "forbidden",
            &forbidden,
            "stroke:#c62828,fill:#fdecea,color:#b71c1c",
        ),
    ] {
        if !nodes.is_empty() {
            let _ = writeln!(out, "  classDef {class} {style}");
            let _ = writeln!(out, "  class {} {class}", nodes.join(","));
        }
    }
    out
}
