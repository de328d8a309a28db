//! Verdicts for people: findings grouped by step with their articles, then the liability table.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::diag::Lang;
use crate::eval::verdict::{Record, Verdict};
use crate::msg;

struct Style {
    color: bool,
    lang: Lang,
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

    /// A catalog message in the report's language.
    fn t(&self, m: crate::diag::Msg) -> String {
        m.text(self.lang)
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

/// Renders one record for a person, in a language.
pub fn human(record: &Record, color: bool, lang: Lang) -> String {
    let s = Style { color, lang };
    let text = render(record, &s);
    s.finish(&text)
}

fn render(record: &Record, s: &Style) -> String {
    match record {
        Record::Verdict(v) => verdict(v, s),
        Record::Error(e) => {
            let mut out = String::new();
            let line = e
                .line
                .map_or(String::new(), |l| s.t(msg!("v-line", line = l)));
            let case = e
                .case
                .as_deref()
                .map_or(String::new(), |c| s.t(msg!("v-case-prefix", case = c)));
            let path = if e.error.path.is_empty() {
                String::new()
            } else {
                s.t(msg!("v-at-path", path = e.error.path))
            };
            let _ = writeln!(
                out,
                "{} {line}{case}{}{path}",
                s.red(&s.t(msg!("v-error", code = e.error.code))),
                e.error.message_in(s.lang)
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
    let _ = writeln!(out, "{}", s.bold(&s.t(msg!("v-pending"))));
    for p in &v.duties.pending {
        let holder = p
            .holder
            .as_deref()
            .map_or(String::new(), |h| s.t(msg!("v-of-holder", holder = h)));
        let due = match (&p.due, p.workdays_left, p.days_left) {
            (Some(d), Some(w), _) => s.t(msg!("v-due-workdays", due = d, left = w)),
            (Some(d), None, Some(n)) => s.t(msg!("v-due-days", due = d, left = n)),
            _ => s.t(msg!("v-no-limit")),
        };
        let after = p
            .after
            .as_deref()
            .map_or(String::new(), |a| s.t(msg!("v-counted-from", step = a)));
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
    let _ = writeln!(
        out,
        "{}",
        s.bold(&s.t(msg!("v-case", case = v.case, title = title)))
    );
    let version = v
        .rulebook
        .version
        .as_deref()
        .map_or(String::new(), |x| format!(" ({x})"));
    let _ = writeln!(
        out,
        "{}",
        s.t(msg!(
            "v-rulebook",
            rulebook = v.rulebook.id,
            version = version,
            procedure = v.procedure
        ))
    );
    if !v.closed {
        let _ = writeln!(out, "{}", s.t(msg!("v-open", as_of = v.provenance.as_of)));
    }
    let verdict = s.t(msg!("v-verdict"));
    if v.compliant && !v.closed {
        let _ = writeln!(
            out,
            "{verdict} {} — {}\n",
            s.green(&s.t(msg!("v-none-broken"))),
            s.t(msg!("v-pending-count", count = v.duties.pending.len()))
        );
    } else if v.compliant {
        let _ = writeln!(out, "{verdict} {}\n", s.green(&s.t(msg!("v-compliant"))));
    } else {
        let persons = v.liability.iter().filter(|l| l.exempt.is_none()).count();
        let _ = writeln!(
            out,
            "{verdict} {} — {}\n",
            s.red(&s.t(msg!("v-violations"))),
            s.t(msg!(
                "v-violation-counts",
                findings = v.findings.len(),
                entries = v.liability.len(),
                exempt = v.liability.len() - persons
            ))
        );
    }
    for w in &v.warnings {
        let text = w.text(s.lang);
        let _ = writeln!(out, "{} {text}\n", s.bold(&s.t(msg!("v-warning"))));
    }
    pending(&mut out, v, s);
    if !v.findings.is_empty() {
        let _ = writeln!(out, "{}", s.bold(&s.t(msg!("v-findings"))));
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
            let kind = f.kind.in_lang(s.lang);
            let sentence = super::wording::finding(f, s.lang);
            let _ = writeln!(out, "    #{i} {}: {sentence}", s.red(kind));
            if !f.because.is_empty() {
                let because: Vec<String> = f
                    .because
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect();
                let _ = writeln!(
                    out,
                    "       {}",
                    s.dim(&s.t(msg!("v-because", facts = because.join(", "))))
                );
            }
            if !f.events.is_empty() {
                let ev: Vec<String> = f.events.iter().map(|e| e.to_string()).collect();
                let _ = writeln!(
                    out,
                    "       {}",
                    s.dim(&s.t(msg!("v-events", events = ev.join(", "))))
                );
            }
        }
        out.push('\n');
    }
    if !v.liability.is_empty() {
        let _ = writeln!(out, "{}", s.bold(&s.t(msg!("v-liability"))));
        let rows: Vec<[String; 6]> = v
            .liability
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let who = match &l.name {
                    Some(n) => format!("{} ({n})", l.person),
                    None => l.person.to_string(),
                };
                let measures = match &l.exempt {
                    Some(_) => s.t(msg!("v-exempt")),
                    None => l
                        .measures
                        .iter()
                        .map(|m| {
                            format!(
                                "{}: {}{}",
                                m.ladder,
                                measure_label(m, s.lang),
                                m.months
                                    .map_or(String::new(), |x| s.t(msg!("v-months", months = x)))
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                };
                [
                    i.to_string(),
                    who,
                    l.role.to_string(),
                    l.grade.in_lang(s.lang).to_owned(),
                    l.rule.to_string(),
                    measures,
                ]
            })
            .collect();
        let header = [
            "#".to_owned(),
            s.t(msg!("v-col-person")),
            s.t(msg!("v-col-role")),
            s.t(msg!("v-col-grade")),
            s.t(msg!("v-col-rule")),
            s.t(msg!("v-col-measures")),
        ];
        // Columns are as wide as their cells show: a Chinese character takes two columns.
        let mut widths = [0usize; 5];
        for row in std::iter::once(&header).chain(&rows) {
            for (w, cell) in widths.iter_mut().zip(row.iter()) {
                *w = (*w).max(cell.width());
            }
        }
        let line = |row: &[String; 6]| -> String {
            let mut text = String::from("  ");
            for (cell, w) in row.iter().zip(widths) {
                let pad = w.saturating_sub(cell.width());
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
                let _ = writeln!(
                    out,
                    "      {}",
                    s.green(&s.t(msg!("v-exempt-reason", reason = reason)))
                );
            }
            if let Some(r) = &l.reduced {
                let _ = writeln!(
                    out,
                    "      {}",
                    s.t(msg!("v-reduced", by = r.by, reason = r.reason))
                );
            }
            let cite = l
                .cite
                .as_deref()
                .map_or(String::new(), |c| format!(" [{c}]"));
            let _ = writeln!(
                out,
                "      {}",
                s.dim(&s.t(msg!(
                    "v-trace",
                    trace = chain(&l.trace, s.lang),
                    cite = cite
                )))
            );
        }
        out.push('\n');
    }
    if !v.sanctions.is_empty() {
        let _ = writeln!(out, "{}", s.bold(&s.t(msg!("v-combined"))));
        for c in &v.sanctions {
            let months = c
                .months
                .map_or(String::new(), |m| s.t(msg!("v-months", months = m)));
            let rule = c.rule.text(s.lang);
            let entry = msg!(
                "v-combined-entry",
                person = c.person,
                ladder = c.ladder,
                measure = format!("{}{months}", c.label),
                rule = rule
            );
            let _ = writeln!(out, "  {}", s.t(entry));
        }
        out.push('\n');
    }
    if let Some(trace) = &v.explain {
        let _ = writeln!(out, "{}", s.bold(&s.t(msg!("v-trace-title"))));
        for t in trace {
            let _ = writeln!(out, "  {t}");
        }
        out.push('\n');
    }
    out
}

/// A liability trace in a language, its links joined by arrows.
fn chain(links: &[crate::eval::chain::Link], lang: Lang) -> String {
    let words: Vec<String> = links.iter().map(|l| l.text(lang)).collect();
    words.join(" → ")
}

/// A measure's label; "no measure" in the report's language.
pub(crate) fn measure_label(m: &crate::eval::liability::MeasureOut, lang: Lang) -> String {
    match m.measure {
        Some(_) => m.label.to_string(),
        None => msg!("v-no-measure").text(lang),
    }
}
