//! Verdicts for people: findings grouped by step with their articles, then the liability table.

use std::fmt::Write;

use crate::eval::verdict::{Record, Verdict};

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    fn red(&self, t: &str) -> String {
        self.paint("31", t)
    }
    fn green(&self, t: &str) -> String {
        self.paint("32", t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
}

/// Renders one record for a person.
pub fn human(record: &Record, color: bool) -> String {
    let s = Style { color };
    match record {
        Record::Verdict(v) => verdict(v, &s),
        Record::Error(e) => {
            let mut out = String::new();
            let line = e.line.map_or(String::new(), |l| format!("line {l}: "));
            let case = e
                .case
                .as_deref()
                .map_or(String::new(), |c| format!("case {c}: "));
            let path = if e.error.path.is_empty() {
                String::new()
            } else {
                format!(" at `{}`", e.error.path)
            };
            let _ = writeln!(
                out,
                "{} {line}{case}{}{path}",
                s.red(&format!("error[{}]", e.error.code)),
                e.error.message
            );
            out
        }
    }
}

fn verdict(v: &Verdict, s: &Style) -> String {
    let mut out = String::new();
    let title = v
        .title
        .as_deref()
        .map_or(String::new(), |t| format!(" · {t}"));
    let _ = writeln!(out, "{}", s.bold(&format!("case {}{title}", v.case)));
    let version = v
        .rulebook
        .version
        .as_deref()
        .map_or(String::new(), |x| format!(" ({x})"));
    let _ = writeln!(
        out,
        "rulebook {}{version}, procedure {}",
        v.rulebook.id, v.procedure
    );
    if v.compliant {
        let _ = writeln!(
            out,
            "verdict: {}\n",
            s.green("compliant — every triggered duty was met")
        );
    } else {
        let persons = v.liability.iter().filter(|l| l.exempt.is_none()).count();
        let _ = writeln!(
            out,
            "verdict: {} — {} finding(s), {} liability entr{} ({} exempt)\n",
            s.red("violations"),
            v.findings.len(),
            v.liability.len(),
            if v.liability.len() == 1 { "y" } else { "ies" },
            v.liability.len() - persons
        );
    }
    if !v.findings.is_empty() {
        let _ = writeln!(out, "{}", s.bold("findings"));
        let mut last_step = "";
        for (i, f) in v.findings.iter().enumerate() {
            if f.step != last_step {
                let cite = f
                    .cite
                    .as_deref()
                    .map_or(String::new(), |c| format!(" — {c}"));
                let _ = writeln!(out, "  {}{}", s.bold(&f.step), s.dim(&cite));
                last_step = &f.step;
            }
            let _ = writeln!(out, "    #{i} {}: {}", s.red(f.kind.as_str()), f.message);
            if !f.because.is_empty() {
                let because: Vec<String> = f
                    .because
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect();
                let _ = writeln!(
                    out,
                    "       {}",
                    s.dim(&format!("because {}", because.join(", ")))
                );
            }
            if !f.events.is_empty() {
                let ev: Vec<String> = f.events.iter().map(|e| e.to_string()).collect();
                let _ = writeln!(
                    out,
                    "       {}",
                    s.dim(&format!("events {}", ev.join(", ")))
                );
            }
        }
        out.push('\n');
    }
    if !v.liability.is_empty() {
        let _ = writeln!(out, "{}", s.bold("liability"));
        let rows: Vec<[String; 6]> = v
            .liability
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let who = match &l.name {
                    Some(n) => format!("{} ({n})", l.person),
                    None => l.person.clone(),
                };
                let measures = match &l.exempt {
                    Some(_) => "exempt".to_owned(),
                    None => l
                        .measures
                        .iter()
                        .map(|m| {
                            format!(
                                "{}: {}{}",
                                m.ladder,
                                m.label,
                                m.months.map_or(String::new(), |x| format!(", {x} months"))
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                };
                [
                    i.to_string(),
                    who,
                    l.role.clone(),
                    l.grade.as_str().to_owned(),
                    l.rule.clone(),
                    measures,
                ]
            })
            .collect();
        let header = ["#", "person", "role", "grade", "rule", "measures"].map(str::to_owned);
        let mut widths = [0usize; 5];
        for row in std::iter::once(&header).chain(&rows) {
            for (w, cell) in widths.iter_mut().zip(row.iter()) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |row: &[String; 6]| -> String {
            let mut text = String::from("  ");
            for (cell, w) in row.iter().zip(widths) {
                let pad = w.saturating_sub(cell.chars().count());
                text.push_str(cell);
                text.push_str(&" ".repeat(pad + 2));
            }
            text.push_str(row.get(5).map_or("", |c| c.as_str()));
            text.trim_end().to_owned()
        };
        let _ = writeln!(out, "{}", s.dim(&line(&header)));
        for (row, l) in rows.iter().zip(&v.liability) {
            let _ = writeln!(out, "{}", line(row));
            if let Some(reason) = &l.exempt {
                let _ = writeln!(out, "      {}", s.green(&format!("exempt: {reason}")));
            }
            if let Some(r) = &l.reduced {
                let _ = writeln!(
                    out,
                    "      {}",
                    format_args!("reduced by {}: {}", r.by, r.reason)
                );
            }
            let cite = l
                .cite
                .as_deref()
                .map_or(String::new(), |c| format!(" [{c}]"));
            let _ = writeln!(
                out,
                "      {}",
                s.dim(&format!("trace: {}{cite}", l.trace.join(" → ")))
            );
        }
        out.push('\n');
    }
    if !v.sanctions.is_empty() {
        let _ = writeln!(out, "{}", s.bold("measures per person (combined)"));
        for c in &v.sanctions {
            let months = c.months.map_or(String::new(), |m| format!(", {m} months"));
            let _ = writeln!(
                out,
                "  {}: {} {}{months} ({})",
                c.person, c.ladder, c.label, c.rule
            );
        }
        out.push('\n');
    }
    if let Some(trace) = &v.explain {
        let _ = writeln!(out, "{}", s.bold("evaluation trace"));
        for t in trace {
            let _ = writeln!(out, "  {t}");
        }
        out.push('\n');
    }
    out
}
