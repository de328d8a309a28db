//! Verdicts for people: findings grouped by step with their articles, then the liability table.

use std::fmt::Write;

use crate::eval::verdict::{Record, Verdict};

struct Style {
    color: bool,
}

/// Colours are marked with private-use characters while the text is built, and turned into
/// terminal codes only at the end, after every control character of the users' text was escaped:
/// no case or rulebook text can ever send its own escape sequence. (A marker in user text can
/// only switch on one of these four colours.)
const MARKS: [(char, &str); 5] = [
    ('\u{F8F0}', "\x1b[1m"),
    ('\u{F8F1}', "\x1b[31m"),
    ('\u{F8F2}', "\x1b[32m"),
    ('\u{F8F3}', "\x1b[2m"),
    ('\u{F8F4}', "\x1b[0m"),
];

impl Style {
    fn paint(&self, mark: usize, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        let open = MARKS.get(mark).map_or(' ', |m| m.0);
        let close = MARKS.get(4).map_or(' ', |m| m.0);
        format!("{open}{text}{close}")
    }
    fn bold(&self, t: &str) -> String {
        self.paint(0, t)
    }
    fn red(&self, t: &str) -> String {
        self.paint(1, t)
    }
    fn green(&self, t: &str) -> String {
        self.paint(2, t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint(3, t)
    }

    /// The finished text: unsafe characters escaped, colour marks made codes (or dropped).
    fn finish(&self, text: &str) -> String {
        let safe = super::text::visible(text);
        let mut out = String::with_capacity(safe.len());
        for c in safe.chars() {
            match MARKS.iter().find(|m| m.0 == c) {
                Some((_, code)) if self.color => out.push_str(code),
                Some(_) => {}
                None => out.push(c),
            }
        }
        out
    }
}

/// Renders one record for a person.
pub fn human(record: &Record, color: bool) -> String {
    let s = Style { color };
    let text = render(record, &s);
    s.finish(&text)
}

fn render(record: &Record, s: &Style) -> String {
    match record {
        Record::Verdict(v) => verdict(v, s),
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

/// The duties of an open matter still running, with their due dates.
fn pending(out: &mut String, v: &Verdict, s: &Style) {
    if v.duties.pending.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", s.bold("pending"));
    for p in &v.duties.pending {
        let holder = p
            .holder
            .as_deref()
            .map_or(String::new(), |h| format!(" of `{h}`"));
        let due = match (&p.due, p.workdays_left, p.days_left) {
            (Some(d), Some(w), _) => format!("due {d} ({w} working day(s) left)"),
            (Some(d), None, Some(n)) => format!("due {d} ({n} day(s) left)"),
            _ => "no time limit running".to_owned(),
        };
        let after = p
            .after
            .as_deref()
            .map_or(String::new(), |a| format!(", counted from `{a}`"));
        let _ = writeln!(out, "  {}{holder}: {due}{after}", s.bold(&p.step));
    }
    out.push('\n');
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
    if !v.closed {
        let _ = writeln!(out, "open matter, judged as of {}", v.provenance.as_of);
    }
    if v.compliant && !v.closed {
        let _ = writeln!(
            out,
            "verdict: {} — {} duty(ies) pending\n",
            s.green("no duty broken so far"),
            v.duties.pending.len()
        );
    } else if v.compliant {
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
    for w in &v.warnings {
        let _ = writeln!(out, "{} {w}\n", s.bold("warning:"));
    }
    pending(&mut out, v, s);
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
