//! The auditor's report of a batch as one self-contained HTML page (inline CSS, JS and SVG; it
//! opens offline): a summary with a chart, a sortable and filterable table of matters, and per
//! matter its findings with their articles and evidence, the liability with each trace drawn as
//! a chain, and the procedure's flowchart with the matter's path marked. Chinese or English.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::text::markup as esc;
use crate::compile::model::{Model, ProcId, StepId};
use crate::eval::case::Text;
use crate::eval::verdict::{Record, Verdict};

/// The language of the page's own words.
pub use crate::diag::Lang;

page_words! {
    /// The page's words (the audit report's and the dashboard's).
    pub(crate) struct Words("page") {
        title, matters, compliant, violating, invalid, open, findings, by_kind, by_step, by_article, by_unit, by_person, case, status, liable, pending, filter, all, kind, step, article, evidence, liability, flowchart, exempt, due, share, none, warnings, board, alerts, timeline, left, unit
    } lists { legend[5], lights[3] }
}

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// The report of a batch's records, judged under `model`.
pub fn report(records: &[Record], model: &Model, lang: Lang) -> String {
    let w = Words::of(lang);
    let mut out = String::with_capacity(64 * 1024 + records.len() * 4096);
    head(&mut out, &w.title, model, lang);
    summary(&mut out, records, w);
    table(&mut out, records, w);
    out.push_str("<section id=\"details\">");
    let charts = Flowcharts::new(model);
    for (i, r) in records.iter().enumerate() {
        detail(&mut out, i, r, model, &charts, w);
    }
    let _ = writeln!(out, "</section><script>{SCRIPT}</script></body></html>");
    out
}

/// The page's head, styles and header, up to the start of its body's content.
pub(crate) fn head(out: &mut String, title: &str, model: &Model, lang: Lang) {
    let html_lang = if lang == Lang::Zh { "zh-CN" } else { "en" };
    let version = model.version.as_deref().unwrap_or("");
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · {}</title><style>{STYLE}</style></head><body>\
         <header><h1>{}</h1><p>{} <b>{}</b> {} · {}</p></header>",
        esc(title),
        esc(&model.id),
        esc(title),
        esc(model.title.as_deref().unwrap_or("")),
        esc(&model.id),
        esc(version),
        esc(crate::eval::verdict::TOOL)
    );
}

/// Counts by a key, most first (ties by name).
fn ranked(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn verdicts(records: &[Record]) -> impl Iterator<Item = &Verdict> {
    records.iter().filter_map(|r| match r {
        Record::Verdict(v) => Some(&**v),
        Record::Error(_) => None,
    })
}

fn summary(out: &mut String, records: &[Record], w: &Words) {
    let total = records.len();
    let ok = verdicts(records).filter(|v| v.compliant).count();
    let bad = verdicts(records).filter(|v| !v.compliant).count();
    let open = verdicts(records).filter(|v| !v.closed).count();
    let findings: usize = verdicts(records).map(|v| v.findings.len()).sum();
    let share = if total > 0 {
        ok as f64 * 100.0 / total as f64
    } else {
        0.0
    };
    let _ = write!(
        out,
        "<section id=\"summary\"><div class=\"cards\">\
         <div class=\"card\"><b>{total}</b>{}</div>\
         <div class=\"card ok\"><b>{share:.1}%</b>{}</div>\
         <div class=\"card bad\"><b>{bad}</b>{}</div>\
         <div class=\"card\"><b>{findings}</b>{}</div>\
         <div class=\"card\"><b>{open}</b>{}</div>\
         <div class=\"card\"><b>{}</b>{}</div></div>",
        esc(&w.matters),
        esc(&w.share),
        esc(&w.violating),
        esc(&w.findings),
        esc(&w.open),
        total - ok - bad,
        esc(&w.invalid)
    );
    let mut kind = BTreeMap::new();
    let mut step = BTreeMap::new();
    let mut article = BTreeMap::new();
    let mut unit = BTreeMap::new();
    let mut person = BTreeMap::new();
    for v in verdicts(records) {
        for f in &v.findings {
            *kind.entry(f.kind.to_string()).or_insert(0) += 1;
            *step.entry(f.step.to_string()).or_insert(0) += 1;
            *article
                .entry(f.cite.as_deref().unwrap_or(&w.none).to_owned())
                .or_insert(0) += 1;
        }
        // Each finding counts once for each person (and unit) liable for it, whatever the
        // number of rules that reached them.
        let mut answered: std::collections::BTreeSet<(&str, Option<&str>, usize)> =
            std::collections::BTreeSet::new();
        for l in v.liability.iter().filter(|l| l.exempt.is_none()) {
            for &f in &l.findings {
                answered.insert((l.person.as_str(), l.unit.as_deref(), f));
            }
        }
        for (p, u, _) in answered {
            *unit.entry(u.unwrap_or(&w.none).to_owned()).or_insert(0) += 1;
            *person.entry(p.to_owned()).or_insert(0) += 1;
        }
    }
    let kinds = ranked(kind);
    out.push_str("<div class=\"charts\">");
    bar_chart(out, &w.by_kind, &kinds);
    for (title, counts) in [
        (&w.by_step, step),
        (&w.by_article, article),
        (&w.by_unit, unit),
        (&w.by_person, person),
    ] {
        counts_table(out, title, &ranked(counts));
    }
    out.push_str("</div></section>");
}

/// A horizontal bar chart in SVG.
fn bar_chart(out: &mut String, title: &str, rows: &[(String, usize)]) {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let height = 28 * rows.len().max(1) + 10;
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{}</figcaption>\
         <svg role=\"img\" viewBox=\"0 0 420 {height}\" width=\"420\" height=\"{height}\">",
        esc(title)
    );
    for (i, (name, n)) in rows.iter().enumerate() {
        let y = 5 + i * 28;
        let width = 260 * n / max;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\
             <rect x=\"120\" y=\"{y}\" width=\"{width}\" height=\"20\" class=\"bar\"/>\
             <text x=\"{}\" y=\"{}\">{n}</text>",
            y + 15,
            esc(name),
            125 + width,
            y + 15
        );
    }
    out.push_str("</svg></figure>");
}

fn counts_table(out: &mut String, title: &str, rows: &[(String, usize)]) {
    let _ = write!(
        out,
        "<figure class=\"counts\"><figcaption>{}</figcaption><table>",
        esc(title)
    );
    for (name, n) in rows.iter().take(10) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            esc(name)
        );
    }
    out.push_str("</table></figure>");
}

/// The matters' table: sortable by any column, filtered by text and by verdict.
fn table(out: &mut String, records: &[Record], w: &Words) {
    let _ = write!(
        out,
        "<section id=\"matters\"><h2>{}</h2><div class=\"tools\">\
         <input id=\"filter\" type=\"search\" placeholder=\"{}\">\
         <select id=\"status\"><option value=\"\">{}</option>\
         <option value=\"compliant\">{}</option><option value=\"violating\">{}</option>\
         <option value=\"invalid\">{}</option><option value=\"open\">{}</option></select></div>\
         <table id=\"matters-table\"><thead><tr><th data-sort=\"text\">{}</th>\
         <th data-sort=\"text\">{}</th><th data-sort=\"num\">{}</th>\
         <th data-sort=\"text\">{}</th><th data-sort=\"num\">{}</th></tr></thead><tbody>",
        esc(&w.matters),
        esc(&w.filter),
        esc(&w.all),
        esc(&w.compliant),
        esc(&w.violating),
        esc(&w.invalid),
        esc(&w.open),
        esc(&w.case),
        esc(&w.status),
        esc(&w.findings),
        esc(&w.liable),
        esc(&w.pending)
    );
    for (i, r) in records.iter().enumerate() {
        let (id, status, findings, liable, pending) = match r {
            Record::Verdict(v) => {
                let people = v.liable(|_| true);
                let status = if v.compliant {
                    "compliant"
                } else {
                    "violating"
                };
                let status = if v.closed {
                    status.to_owned()
                } else {
                    format!("{status} open")
                };
                (
                    v.case.clone(),
                    status,
                    v.findings.len(),
                    people.join(", "),
                    v.duties.pending.len(),
                )
            }
            Record::Error(e) => (
                e.case.clone().unwrap_or_default(),
                "invalid".to_owned(),
                0,
                String::new(),
                0,
            ),
        };
        let shown = status
            .split(' ')
            .map(|s| match s {
                "compliant" => w.compliant.as_str(),
                "violating" => &w.violating,
                "open" => &w.open,
                _ => &w.invalid,
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = write!(
            out,
            "<tr data-status=\"{status}\"><td><a href=\"#m{i}\">{}</a></td>\
             <td><span class=\"tag {}\">{}</span></td><td class=\"n\">{findings}</td>\
             <td>{}</td><td class=\"n\">{pending}</td></tr>",
            esc(&id),
            status.split(' ').next().unwrap_or(""),
            esc(&shown),
            esc(&liable)
        );
    }
    out.push_str("</tbody></table></section>");
}

/// One matter: its findings, liability chains and flowchart.
pub(crate) fn detail(
    out: &mut String,
    i: usize,
    r: &Record,
    model: &Model,
    charts: &Flowcharts,
    w: &Words,
) {
    let v = match r {
        Record::Verdict(v) => v,
        Record::Error(e) => {
            let _ = write!(
                out,
                "<article id=\"m{i}\" class=\"matter\"><h3>{} <span class=\"tag invalid\">{} {}</span></h3>\
                 <p>{}{}</p></article>",
                esc(e.case.as_deref().unwrap_or("?")),
                esc(&w.invalid),
                esc(e.error.code),
                esc(&e.error.message),
                if e.error.path.is_empty() {
                    String::new()
                } else {
                    format!(" (<code>{}</code>)", esc(&e.error.path))
                }
            );
            return;
        }
    };
    let tag = if v.compliant {
        "compliant"
    } else {
        "violating"
    };
    let _ = write!(
        out,
        "<article id=\"m{i}\" class=\"matter\"><h3>{} <small>{}</small> <span class=\"tag {tag}\">{}</span>{}</h3>",
        esc(&v.case),
        esc(v.title.as_deref().unwrap_or("")),
        esc(if v.compliant {
            &w.compliant
        } else {
            &w.violating
        }),
        if v.closed {
            String::new()
        } else {
            format!(
                " <span class=\"tag open\">{} · {}</span>",
                esc(&w.open),
                esc(&v.provenance.as_of)
            )
        }
    );
    for warning in &v.warnings {
        let _ = write!(
            out,
            "<p class=\"warning\">{}: {}</p>",
            esc(&w.warnings),
            esc(&warning.text(w.lang))
        );
    }
    findings(out, v, w);
    pending(out, v, w);
    liability(out, v, w);
    if let Some(p) = model.procedure_named(&v.procedure) {
        let _ = write!(out, "<h4>{}</h4>", esc(&w.flowchart));
        charts.draw_verdict(out, p, v, w);
    }
    out.push_str("</article>");
}

fn findings(out: &mut String, v: &Verdict, w: &Words) {
    if v.findings.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h4>{}</h4><table class=\"findings\"><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        esc(&w.findings),
        esc(&w.kind),
        esc(&w.step),
        esc(&w.article),
        esc(&w.evidence)
    );
    for (n, f) in v.findings.iter().enumerate() {
        let detail = serde_json::to_string(&f.detail).unwrap_or_default();
        let events = if f.events.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = f.events.iter().map(|e| format!("#{e}")).collect();
            format!(" · events {}", list.join(", "))
        };
        let _ = write!(
            out,
            "<tr><td>{n}</td><td><span class=\"kind\">{}</span></td><td>{}</td><td>{}</td>\
             <td>{}<br><code>{}</code>{}</td></tr>",
            esc(f.kind.in_lang(w.lang)),
            esc(&f.step),
            esc(f.cite.as_deref().unwrap_or("")),
            esc(&super::wording::finding(f, w.lang)),
            esc(&detail),
            esc(&events)
        );
    }
    out.push_str("</table>");
}

fn pending(out: &mut String, v: &Verdict, w: &Words) {
    if v.duties.pending.is_empty() {
        return;
    }
    let _ = write!(out, "<h4>{}</h4><ul class=\"pending\">", esc(&w.pending));
    for p in &v.duties.pending {
        let due = match (&p.due, p.workdays_left) {
            (Some(d), Some(n)) => format!("{} {d} ({n})", w.due),
            (Some(d), None) => format!("{} {d}", w.due),
            _ => String::new(),
        };
        let level = match p.level {
            Some(crate::eval::duties::WarnLevel::Yellow) => "yellow",
            _ => "green",
        };
        let _ = write!(
            out,
            "<li class=\"{level}\"><b>{}</b> {}</li>",
            esc(&p.step),
            esc(&due)
        );
    }
    out.push_str("</ul>");
}

/// Each liable person with the trace that reached them, drawn as a chain of boxes.
fn liability(out: &mut String, v: &Verdict, w: &Words) {
    if v.liability.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h4>{}</h4><div class=\"liability\">",
        esc(&w.liability)
    );
    for l in &v.liability {
        let measures: Vec<String> = l
            .measures
            .iter()
            .map(|m| super::verdict::measure_label(m, w.lang))
            .collect();
        let exempt = l
            .exempt
            .as_deref()
            .map_or(String::new(), |e| format!(" — {}: {}", w.exempt, e));
        let _ = write!(
            out,
            "<div class=\"entry\"><p><b>{}</b> {} · {} · {} · {}{}</p><ol class=\"chain\">",
            esc(&l.person),
            esc(l.name.as_deref().unwrap_or("")),
            esc(&l.role),
            esc(l.grade.in_lang(w.lang)),
            esc(&measures.join("; ")),
            esc(&exempt)
        );
        for link in &l.trace {
            let _ = write!(out, "<li>{}</li>", esc(&link.text(w.lang)));
        }
        out.push_str("</ol></div>");
    }
    out.push_str("</div>");
}

/// Each procedure's steps laid out once in layers by their order (`after`), drawn per matter
/// with the states of its duties.
pub(crate) struct Flowcharts {
    /// Per procedure: each step with its column and row, and the order edges.
    layouts: Vec<Layout>,
}

struct Layout {
    boxes: Vec<(StepId, String, String, usize, usize)>,
    edges: Vec<(usize, usize)>,
    columns: usize,
    rows: usize,
}

const BOX_W: usize = 150;
const BOX_H: usize = 44;
const GAP_X: usize = 40;
const GAP_Y: usize = 16;

impl Flowcharts {
    pub(crate) fn new(model: &Model) -> Flowcharts {
        let layouts = model
            .procedures
            .iter()
            .map(|p| Layout::of(model, &p.steps))
            .collect();
        Flowcharts { layouts }
    }

    /// A procedure's chart with each step in the state a matter's verdict gives it.
    fn draw_verdict(&self, out: &mut String, p: ProcId, v: &Verdict, w: &Words) {
        let state = |name: &str| -> usize {
            let d = &v.duties;
            let has = |list: &[Text]| list.iter().any(|s| s == name);
            if has(&d.violated) {
                1
            } else if d.pending.iter().any(|x| x.step == name) {
                2
            } else if has(&d.done) {
                0
            } else if has(&d.not_triggered) {
                3
            } else {
                4
            }
        };
        self.draw(out, p, &state, &w.legend);
    }

    /// A procedure's chart, each step in the class `s{state(name)}`, with a legend of the
    /// classes in order (none when empty).
    pub(crate) fn draw(
        &self,
        out: &mut String,
        p: ProcId,
        state: &dyn Fn(&str) -> usize,
        legend: &[String],
    ) {
        let Some(layout) = self.layouts.get(p.index()) else {
            return;
        };
        let width = layout.columns * (BOX_W + GAP_X) + GAP_X;
        let height = layout.rows * (BOX_H + GAP_Y) + GAP_Y + 30;
        let _ = write!(
            out,
            "<svg class=\"flow\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">\
             <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">\
             <path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
        );
        let at =
            |c: usize, r: usize| (GAP_X / 2 + c * (BOX_W + GAP_X), GAP_Y + r * (BOX_H + GAP_Y));
        for &(a, b) in &layout.edges {
            let (Some(pa), Some(pb)) = (layout.boxes.get(a), layout.boxes.get(b)) else {
                continue;
            };
            let (x1, y1) = at(pa.3, pa.4);
            let (x2, y2) = at(pb.3, pb.4);
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{x2}\" y2=\"{}\" marker-end=\"url(#arrow)\"/>",
                x1 + BOX_W,
                y1 + BOX_H / 2,
                y2 + BOX_H / 2
            );
        }
        for (_, name, label, c, r) in &layout.boxes {
            let (x, y) = at(*c, *r);
            let _ = write!(
                out,
                "<g class=\"s{}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"6\"/>\
                 <text x=\"{}\" y=\"{}\">{}</text></g>",
                state(name),
                esc(label),
                x + BOX_W / 2,
                y + BOX_H / 2 + 5,
                esc(name)
            );
        }
        let y = height - 12;
        for (k, label) in legend.iter().enumerate() {
            let x = 10 + k * 110;
            let _ = write!(
                out,
                "<g class=\"s{k}\"><rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\" rx=\"3\"/></g>\
                 <text class=\"legend\" x=\"{}\" y=\"{y}\">{}</text>",
                y - 11,
                x + 20,
                esc(label)
            );
        }
        out.push_str("</svg>");
    }
}

impl Layout {
    /// Layers by longest path over `after` (a step sits one column right of its latest
    /// predecessor); rows in declaration order within a column.
    fn of(model: &Model, steps: &[StepId]) -> Layout {
        let index: BTreeMap<StepId, usize> =
            steps.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let mut column = vec![0usize; steps.len()];
        // The checker refuses cycles, so |steps| rounds settle every column.
        for _ in 0..steps.len() {
            let mut changed = false;
            for (i, s) in steps.iter().enumerate() {
                let preds = model.step(*s).map_or(&[][..], |x| x.after.as_slice());
                for (p, _) in preds {
                    let want = index
                        .get(p)
                        .and_then(|&j| column.get(j))
                        .map_or(0, |c| c + 1);
                    if let Some(c) = column.get_mut(i)
                        && *c < want
                    {
                        *c = want;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let mut rows_in = vec![0usize; steps.len() + 1];
        let mut boxes = Vec::with_capacity(steps.len());
        for (i, s) in steps.iter().enumerate() {
            let c = column.get(i).copied().unwrap_or(0);
            let r = rows_in.get(c).copied().unwrap_or(0);
            if let Some(x) = rows_in.get_mut(c) {
                *x += 1;
            }
            let label = model
                .step(*s)
                .and_then(|x| x.label.clone())
                .unwrap_or_default();
            boxes.push((*s, model.step_name(*s).to_owned(), label, c, r));
        }
        let edges = steps
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let preds = model.step(*s).map_or(&[][..], |x| x.after.as_slice());
                preds
                    .iter()
                    .filter_map(|(p, _)| index.get(p).map(|&j| (j, i)))
                    .collect::<Vec<_>>()
            })
            .collect();
        Layout {
            columns: column.iter().max().map_or(1, |m| m + 1),
            rows: rows_in.iter().max().copied().unwrap_or(1).max(1),
            boxes,
            edges,
        }
    }
}
