//! Flowcharts of a procedure (权力运行流程图) as Graphviz DOT and Mermaid: steps labelled with
//! label, role and article; precedence edges; deadlines and gaps as labelled edges; conditional
//! steps drawn dashed; roles as clusters.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::compile::model::{At, Model, ProcId, Step, StepId};
use crate::parse::ast::Point;

/// One edge of the flowchart.
struct Edge {
    from: StepId,
    to: StepId,
    labels: Vec<String>,
    timing_only: bool,
}

fn edges(model: &Model, steps: &[StepId]) -> Vec<Edge> {
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
            let from = if anchor.point == Point::Start {
                " from start"
            } else {
                ""
            };
            let limit = match d.limit_fact {
                Some(f) => format!(
                    "{} {}",
                    model.facts.get(f.index()).map_or("?", |x| x.name.as_str()),
                    d.limit.unit
                ),
                None => d.limit.to_string(),
            };
            let mut text = format!("within {limit}{from}");
            if let Some((ext, by)) = d.extension {
                text.push_str(&format!(" (+{ext} by {})", model.step_name(by)));
            }
            timed(anchor, text);
        }
        for g in &s.gaps {
            let from = if g.anchor.point == Point::Start {
                " after start"
            } else {
                " after end"
            };
            timed(g.anchor, format!("≥ {}{from}", g.min));
        }
    }
    map.into_values().filter(|e| e.from != e.to).collect()
}

/// A step's label lines, each escaped by `quote`, joined by the format's line break.
fn node_label(model: &Model, s: &Step, quote: fn(&str) -> String, newline: &str) -> String {
    let mut lines = vec![s.label.clone().unwrap_or_else(|| s.name.clone())];
    if s.label.is_some() {
        lines.push(s.name.clone());
    }
    let roles: Vec<&str> = s.by.iter().map(|r| model.role_name(*r)).collect();
    if !roles.is_empty() {
        lines.push(format!("by {}", roles.join(", ")));
    }
    if let Some(l) = &s.min_duration {
        lines.push(format!("lasts ≥ {}", l.value));
    }
    if let Some(c) = &s.cite {
        lines.push(c.clone());
    }
    lines
        .iter()
        .map(|l| quote(l))
        .collect::<Vec<_>>()
        .join(newline)
}

fn conditional(s: &Step) -> bool {
    s.required.as_ref().is_none_or(|c| {
        !matches!(
            c.expr,
            crate::compile::model::Expr::Const(crate::compile::model::Val::Bool(true))
        )
    })
}

/// Steps grouped by the first role that performs them (`no_role` when none does).
fn lanes(model: &Model, steps: &[StepId]) -> BTreeMap<String, Vec<StepId>> {
    let mut lanes: BTreeMap<String, Vec<StepId>> = BTreeMap::new();
    for &id in steps {
        let lane = model
            .step(id)
            .and_then(|s| s.by.first())
            .map_or("no_role", |r| model.role_name(*r));
        lanes.entry(lane.to_owned()).or_default().push(id);
    }
    lanes
}

/// A lane's title: the role and its label.
fn lane_label(model: &Model, lane: &str) -> String {
    model
        .role_named(lane)
        .and_then(|r| model.roles.get(r.index()))
        .and_then(|r| r.label.as_ref())
        .map_or(lane.to_owned(), |l| format!("{lane} · {l}"))
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

/// Graphviz DOT.
pub fn dot(model: &Model, procs: &[ProcId]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", quote_dot(&model.id));
    let _ = writeln!(out, "  rankdir=TB;\n  node [shape=box, style=rounded];");
    for &pid in procs {
        let Some(p) = model.procedures.get(pid.index()) else {
            continue;
        };
        let _ = writeln!(out, "  // procedure {}", p.name);
        for (lane, ids) in &lanes(model, &p.steps) {
            let label = lane_label(model, lane);
            let _ = writeln!(
                out,
                "  subgraph \"cluster_{}_{}\" {{\n    label=\"{}\";",
                quote_dot(&p.name),
                quote_dot(lane),
                quote_dot(&label)
            );
            for &id in ids {
                let Some(s) = model.step(id) else { continue };
                let style = if conditional(s) {
                    ", style=\"rounded,dashed\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "    \"{}\" [label=\"{}\"{style}];",
                    quote_dot(&s.name),
                    node_label(model, s, quote_dot, "\\n")
                );
            }
            let _ = writeln!(out, "  }}");
        }
        for e in edges(model, &p.steps) {
            let mut attrs = Vec::new();
            if !e.labels.is_empty() {
                attrs.push(format!("label=\"{}\"", quote_dot(&e.labels.join("; "))));
            }
            if e.timing_only {
                attrs.push("style=dashed".to_owned());
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
    out.push_str("}\n");
    out
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

/// Mermaid `flowchart`.
pub fn mermaid(model: &Model, procs: &[ProcId]) -> String {
    let mut out = String::from("flowchart TD\n");
    let mut dashed = Vec::new();
    let mut lane_count = 0;
    for &pid in procs {
        let Some(p) = model.procedures.get(pid.index()) else {
            continue;
        };
        for (lane, ids) in &lanes(model, &p.steps) {
            let label = lane_label(model, lane);
            lane_count += 1;
            let lane_id = format!("lane{lane_count}");
            let _ = writeln!(out, "  subgraph {lane_id}[\"{}\"]", quote_mermaid(&label));
            for &id in ids {
                let Some(s) = model.step(id) else { continue };
                let node = mermaid_id(&s.name, id.index());
                let _ = writeln!(
                    out,
                    "    {node}[\"{}\"]",
                    node_label(model, s, quote_mermaid, "<br/>")
                );
                if conditional(s) {
                    dashed.push(node);
                }
            }
            out.push_str("  end\n");
        }
        for e in edges(model, &p.steps) {
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
    if !dashed.is_empty() {
        out.push_str("  classDef conditional stroke-dasharray: 5 5\n");
        let _ = writeln!(out, "  class {} conditional", dashed.join(","));
    }
    out
}
