//! The canonical layout of a rulebook. Declarations and clauses keep their order; spacing,
//! indentation and line breaks are fixed; comments are kept where they were (before a line, or
//! at its end). The output is parsed again and refused unless it means the same and keeps every
//! comment.

use std::fmt::Write;

use crate::diag::{Code, Diagnostic};
use crate::parse;
use crate::parse::ast::*;
use crate::parse::keywords::{self, Keywords};
use crate::parse::trivia::{self, Trivia};
use crate::source::{FileId, Span};

/// Why a text could not be formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The text does not parse.
    Syntax(Vec<Diagnostic>),
    /// Formatting would have changed the meaning or lost a comment (a bug, never written).
    Unstable(String),
}

/// Formats a rulebook, keeping its keyword set.
pub fn format(text: &str) -> Result<String, FormatError> {
    format_as(text, None)
}

/// Formats a rulebook with its keywords in `set` (`None`: the set its header chose). Given a
/// set, a file that mixes the sets is accepted: this is how it is mended.
pub fn format_as(text: &str, set: Option<Keywords>) -> Result<String, FormatError> {
    let file = FileId(0);
    let (ast, mut diags) = parse::parse(file, text);
    if set.is_some() {
        diags.retain(|d| d.code != Code::MixedKeywords);
    }
    let Some(ast) = ast.filter(|_| !crate::diag::has_errors(&diags)) else {
        return Err(FormatError::Syntax(diags));
    };
    let original = comments(text);
    let mut p = Printer {
        out: String::with_capacity(text.len() + 64),
        text,
        comments: &original,
        next: 0,
    };
    p.file(&ast);
    let mut out = p.out;
    let target = set.unwrap_or_else(|| keywords::declared(text));
    if target == Keywords::Zh {
        out = keywords::convert(&out, Keywords::Zh).unwrap_or_default();
    }
    let (again, _) = parse::parse(file, &out);
    if again.as_ref() != Some(&ast) {
        return Err(FormatError::Unstable(
            "the formatted text parses to a different rulebook".to_owned(),
        ));
    }
    let kept: Vec<&str> = comments(&out).iter().map(|c| c.text.trim_end()).collect();
    let had: Vec<&str> = original.iter().map(|c| c.text.trim_end()).collect();
    if kept != had {
        return Err(FormatError::Unstable(
            "formatting would lose or reorder a comment".to_owned(),
        ));
    }
    Ok(out)
}

/// A comment of the source.
struct Comment<'t> {
    start: usize,
    text: &'t str,
}

fn comments(text: &str) -> Vec<Comment<'_>> {
    let mut out = Vec::new();
    trivia::scan(text, |t| {
        if let Trivia::Comment(s, e) = t {
            out.push(Comment {
                start: s,
                text: text.get(s..e).unwrap_or(""),
            });
        }
        true
    });
    out
}

struct Printer<'a> {
    out: String,
    text: &'a str,
    comments: &'a [Comment<'a>],
    /// The first comment not yet printed.
    next: usize,
}

const INDENT: &str = "  ";

impl Printer<'_> {
    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    /// Prints every comment that starts before `pos`, each on its own line.
    fn leading(&mut self, pos: u32, depth: usize) {
        while let Some(c) = self
            .comments
            .get(self.next)
            .filter(|c| c.start < pos as usize)
        {
            self.indent(depth);
            self.out.push_str(c.text.trim_end());
            self.out.push('\n');
            self.next += 1;
        }
    }

    /// Appends a comment that follows `end` on the same source line.
    fn trailing(&mut self, end: u32) {
        let end = end as usize;
        if let Some(c) = self.comments.get(self.next)
            && c.start >= end
            && self
                .text
                .get(end..c.start)
                .is_some_and(|gap| gap.chars().all(|ch| ch == ' ' || ch == '\t'))
            && !c.text.contains('\n')
        {
            self.out.push(' ');
            self.out.push_str(c.text.trim_end());
            self.next += 1;
        }
    }

    /// One line: leading comments, the text, a trailing comment.
    fn line(&mut self, depth: usize, span: Span, text: &str) {
        self.leading(span.start, depth);
        self.indent(depth);
        self.out.push_str(text);
        self.trailing(span.end);
        self.out.push('\n');
    }

    /// Opens a block `head {`.
    fn open(&mut self, depth: usize, start: u32, head: &str) {
        self.leading(start, depth);
        self.indent(depth);
        self.out.push_str(head);
        self.out.push_str(" {");
        if let Some(brace) = self.brace_after(start) {
            self.trailing(brace + 1);
        }
        self.out.push('\n');
    }

    /// The source offset of the first `{` from `start` on, outside strings and comments.
    fn brace_after(&self, start: u32) -> Option<u32> {
        let rest = self.text.get(start as usize..)?;
        let mut found = None;
        trivia::scan(rest, |t| match t {
            Trivia::Open(i) if rest.as_bytes().get(i) == Some(&b'{') => {
                found = u32::try_from(i).ok().map(|i| start + i);
                false
            }
            _ => true,
        });
        found
    }

    /// Closes a block ending at `end`, with the comments inside it that are left.
    fn close(&mut self, depth: usize, end: u32) {
        self.leading(end.saturating_sub(1), depth + 1);
        self.indent(depth);
        self.out.push('}');
        self.trailing(end);
        self.out.push('\n');
    }

    fn file(&mut self, f: &File) {
        self.header(&f.header);
        let mut prev: Option<(u8, u32)> = None;
        for item in &f.items {
            let group = group(item);
            let span = item.span();
            // A blank line of the source between items of one group is kept (as one).
            let blank = prev.is_some_and(|(_, end)| {
                self.text
                    .get(end as usize..span.start as usize)
                    .is_some_and(|gap| {
                        let lines: Vec<&str> = gap.split('\n').collect();
                        lines
                            .get(1..lines.len().saturating_sub(1))
                            .is_some_and(|inner| inner.iter().any(|l| l.trim().is_empty()))
                    })
            });
            if blank || prev.is_none_or(|(p, _)| p != group || group == BLOCK) {
                self.out.push('\n');
            }
            prev = Some((group, span.end));
            self.item(item);
        }
        self.leading(u32::MAX, 0);
    }

    fn header(&mut self, h: &Header) {
        let mut head = format!("rulebook {}", h.id.name);
        if let Some(t) = &h.title {
            let _ = write!(head, " {}", quote(&t.value));
        }
        if h.version.is_none()
            && h.effective.is_none()
            && h.source.is_none()
            && h.cases.is_none()
            && h.consequence_default.is_none()
            && h.closed_default.is_none()
            && h.warn.is_none()
        {
            self.line(0, h.span, &format!("{head} {{ }}"));
            return;
        }
        self.open(0, h.span.start, &head);
        if let Some(v) = &h.version {
            self.line(1, v.span, &format!("version {}", quote(&v.value)));
        }
        if let Some(e) = &h.effective {
            self.line(1, e.span, &format!("effective {}", e.text));
        }
        if let Some(s) = &h.source {
            self.line(1, s.span, &format!("source {}", quote(&s.value)));
        }
        if let Some(c) = &h.cases {
            self.line(1, c.span, &format!("cases {}", quote(&c.value)));
        }
        if let Some((level, span)) = &h.consequence_default {
            self.line(1, *span, &format!("consequence default {level}"));
        }
        if let Some((closed, span)) = &h.closed_default {
            self.line(1, *span, &format!("closed default {closed}"));
        }
        if let Some((d, span)) = &h.warn {
            let line = format!("warn {} {} before", d.amount.value, d.unit);
            self.line(1, *span, &line);
        }
        self.close(0, h.span.end);
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Import(t) => self.line(0, t.name.span, &format!("import {}", target(t))),
            Item::Refine(t) => self.line(0, t.name.span, &format!("refine {}", target(t))),
            Item::Calendar(c) => match &c.body {
                CalendarBody::From(s) => self.line(
                    0,
                    c.span,
                    &format!("calendar {} from {}", c.name.name, target(s)),
                ),
                CalendarBody::Inline(entries) => {
                    self.open(0, c.span.start, &format!("calendar {}", c.name.name));
                    for e in entries {
                        let (span, text) = calendar_entry(e);
                        self.line(1, span, &text);
                    }
                    self.close(0, c.span.end);
                }
            },
            Item::Role(r) => {
                let mut text = format!("role {}", r.name.name);
                push_label(&mut text, &r.label);
                if let Some(to) = &r.reports_to {
                    let _ = write!(text, " reports_to {}", to.name);
                }
                self.line(0, r.span, &text);
            }
            Item::Separate(s) => {
                let mut text = format!("separate {}, {}", s.a.name, s.b.name);
                push_label(&mut text, &s.reason);
                self.line(0, s.span, &text);
            }
            Item::Fact(f) => {
                let mut text = format!("fact {}: {}", f.name.name, type_expr(&f.ty));
                match &f.default {
                    Some(FactDefault::Value(v)) => {
                        let _ = write!(text, " default {}", expr(v));
                    }
                    Some(FactDefault::Optional(_)) => text.push_str(" optional"),
                    None => {}
                }
                push_label(&mut text, &f.label);
                self.line(0, f.span, &text);
            }
            Item::Ladder(l) => self.ladder(l),
            Item::Procedure(p) => self.procedure(p),
            Item::Rule(r) => self.rule(r),
        }
    }

    fn ladder(&mut self, l: &LadderDecl) {
        let mut head = format!("ladder {}", l.name.name);
        push_label(&mut head, &l.label);
        self.open(0, l.span.start, &head);
        for m in &l.measures {
            let mut text = format!("measure {}", m.name.name);
            push_label(&mut text, &m.label);
            if let Some(n) = m.months {
                let _ = write!(text, " {} months", n.value);
            }
            self.line(1, m.span, &text);
        }
        if let Some(c) = &l.combine {
            let mut text = "combine heaviest".to_owned();
            if c.sum_equal {
                text.push_str(", sum equal");
            }
            if let Some(n) = c.cap_months {
                let _ = write!(text, ", cap {} months", n.value);
            }
            self.line(1, c.span, &text);
        }
        self.close(0, l.span.end);
    }

    fn procedure(&mut self, p: &ProcedureDecl) {
        let mut head = format!("procedure {}", p.name.name);
        push_label(&mut head, &p.label);
        self.open(0, p.span.start, &head);
        if let Some(c) = &p.calendar {
            self.line(1, c.span, &format!("calendar {}", c.name));
        }
        for (i, s) in p.steps.iter().enumerate() {
            if i > 0 || p.calendar.is_some() {
                self.out.push('\n');
            }
            let mut head = format!("step {}", s.name.name);
            push_label(&mut head, &s.label);
            self.open(1, s.span.start, &head);
            for c in &s.clauses {
                self.line(2, c.span, &clause(&c.kind));
            }
            self.close(1, s.span.end);
        }
        self.close(0, p.span.end);
    }

    fn rule(&mut self, r: &RuleDecl) {
        let mut head = format!("rule {}", r.name.name);
        push_label(&mut head, &r.label);
        self.open(0, r.span.start, &head);
        for c in &r.clauses {
            match &c.kind {
                RuleClauseKind::Penalty(ladder, g, entries) => {
                    let head = format!("penalty {}{}", ladder.name, guards(g));
                    self.open(1, c.span.start, &head);
                    for e in entries {
                        self.line(2, e.span, &penalty_entry(&e.kind));
                    }
                    self.close(1, c.span.end);
                }
                other => self.line(1, c.span, &rule_clause(other)),
            }
        }
        self.close(0, r.span.end);
    }
}

/// Items of the same one-line kind stay together; blocks stand apart.
fn group(item: &Item) -> u8 {
    match item {
        Item::Import(_) | Item::Refine(_) => 0,
        Item::Calendar(CalendarDecl {
            body: CalendarBody::From(_),
            ..
        }) => 1,
        Item::Role(_) | Item::Separate(_) => 2,
        Item::Fact(_) => 3,
        _ => BLOCK,
    }
}

const BLOCK: u8 = 9;

/// A file named by a rulebook: `"path"` or `std "name"`.
fn target(t: &Target) -> String {
    if t.std {
        format!("std {}", quote(&t.name.value))
    } else {
        quote(&t.name.value)
    }
}

/// A string literal with its escapes.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn push_label(text: &mut String, label: &Option<Str>) {
    if let Some(l) = label {
        text.push(' ');
        text.push_str(&quote(&l.value));
    }
}

fn names(ids: &[Ident]) -> String {
    ids.iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn calendar_entry(e: &CalendarEntry) -> (Span, String) {
    match e {
        CalendarEntry::Weekend(days) => {
            let span = days.first().map_or(Span::default(), |d| d.span);
            (span, format!("weekend {}", names(days)))
        }
        CalendarEntry::Covers(a, b) => (a.span, format!("covers {} .. {}", a.value, b.value)),
        CalendarEntry::Zone(z) => (z.span, format!("zone {}", quote(&z.value))),
        CalendarEntry::Days {
            kind,
            from,
            to,
            label,
        } => {
            let word = match kind {
                DayKind::Holiday => "holiday",
                DayKind::Rest => "rest",
                DayKind::Workday => "workday",
            };
            let mut text = format!("{word} {}", from.text);
            if let Some(t) = to {
                let _ = write!(text, " .. {}", t.text);
            }
            push_label(&mut text, label);
            let end = label
                .as_ref()
                .map(|l| l.span)
                .or(to.as_ref().map(|t| t.span))
                .unwrap_or(from.span);
            (from.span.to(end), text)
        }
    }
}

fn type_expr(t: &TypeExpr) -> String {
    match t {
        TypeExpr::Bool => "bool".into(),
        TypeExpr::Int => "int".into(),
        TypeExpr::Money => "money".into(),
        TypeExpr::Date => "date".into(),
        TypeExpr::Text => "text".into(),
        TypeExpr::Person => "person".into(),
        TypeExpr::Persons => "persons".into(),
        TypeExpr::Enum(vs) => format!("enum {{ {} }}", names(vs)),
    }
}

fn duration(d: &Duration) -> String {
    let unit = d.unit.as_str();
    match &d.fact {
        Some(f) => format!("{} {unit}", f.name),
        None => format!("{} {unit}", d.amount.value),
    }
}

fn anchor(a: &Anchor) -> String {
    let pick = match a.pick {
        None => "",
        Some(Pick::First) => "first ",
        Some(Pick::Last) => "last ",
        Some(Pick::Each) => "each ",
    };
    match a.point {
        None => format!("{pick}{}", a.step.name),
        Some(Point::Start) => format!("{pick}{}.start", a.step.name),
        Some(Point::End) => format!("{pick}{}.end", a.step.name),
    }
}

/// ` when C`, ` unless C`, ` since D`, ` until D`, as written.
fn guards(gs: &[Guard]) -> String {
    let mut text = String::new();
    for g in gs {
        let _ = match g {
            Guard::When(e) => write!(text, " when {}", expr(e)),
            Guard::Unless(e) => write!(text, " unless {}", expr(e)),
            Guard::Since(d) => write!(text, " since {}", d.text),
            Guard::Until(d) => write!(text, " until {}", d.text),
        };
    }
    text
}

fn kinds(ks: &[KindRef]) -> String {
    ks.iter()
        .map(|k| k.kind.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn bound(b: Bound) -> &'static str {
    match b {
        Bound::AtLeast => "at least",
        Bound::AtMost => "at most",
    }
}

fn clause(c: &ClauseKind) -> String {
    match c {
        ClauseKind::Required(req, each, dates) => {
            let mut text = "required".to_owned();
            if let Some(r) = each {
                let _ = write!(text, " for each {}", r.name);
            }
            let _ = match req {
                Requirement::Always => Ok(()),
                Requirement::When(e) => write!(text, " when {}", expr(e)),
                Requirement::Unless(e) => write!(text, " unless {}", expr(e)),
            };
            text.push_str(&guards(dates));
            text
        }
        ClauseKind::Forbidden(after, cond) => {
            let mut text = "forbidden".to_owned();
            if !after.is_empty() {
                let _ = write!(text, " after {}", names(after));
            }
            if let Some(e) = cond {
                let _ = write!(text, " when {}", expr(e));
            }
            text
        }
        ClauseKind::Requires(ids) => format!("requires {}", names(ids)),
        ClauseKind::Deemed(a, DeemedWhen::Findings(ks, step)) => {
            format!(
                "deemed at {} when {} of {}",
                anchor(a),
                kinds(ks),
                step.name
            )
        }
        ClauseKind::Deemed(a, DeemedWhen::Cond(e)) => {
            format!("deemed at {} when {}", anchor(a), expr(e))
        }
        ClauseKind::Ends(f, g) => format!("ends by {}{}", f.name, guards(g)),
        ClauseKind::By(ids) => format!("by {}", names(ids)),
        ClauseKind::After(ids) => format!("after {}", names(ids)),
        ClauseKind::Within {
            limit,
            anchor: a,
            excluding,
            extension,
            guards: g,
        } => {
            let mut text = format!("within {} after {}", duration(limit), anchor(a));
            if !excluding.is_empty() {
                let _ = write!(text, " excluding {}", names(excluding));
            }
            if let Some((d, by)) = extension {
                let _ = write!(text, " extend {} by {}", duration(d), by.name);
            }
            text.push_str(&guards(g));
            text
        }
        ClauseKind::Gap {
            min,
            anchor: a,
            guards: g,
        } => {
            format!(
                "at least {} after {}{}",
                duration(min),
                anchor(a),
                guards(g)
            )
        }
        ClauseKind::Lasts(b, d, g) => {
            format!("lasts {} {}{}", bound(*b), duration(d), guards(g))
        }
        ClauseKind::Occurs(b, n, g) => format!("occurs {} {}{}", bound(*b), n.value, guards(g)),
        ClauseKind::Records(fields) => {
            let list: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.name.name, type_expr(&f.ty)))
                .collect();
            format!("records {}", list.join(", "))
        }
        ClauseKind::Ensure(e, msg, g) => {
            let mut text = format!("ensure {}", expr(e));
            push_label(&mut text, msg);
            text.push_str(&guards(g));
            text
        }
        ClauseKind::Cite(s) => format!("cite {}", quote(&s.value)),
    }
}

fn persons(p: &Persons) -> String {
    let mut text = person_term(&p.include);
    if let Some(r) = &p.holding {
        let _ = write!(text, " holding {}", r.name);
    }
    for e in &p.except {
        let _ = write!(text, " except {}", person_term(e));
    }
    text
}

fn person_term(t: &PersonTerm) -> String {
    match t {
        PersonTerm::Actor(_) => "actor".into(),
        PersonTerm::Role(r) => r.name.clone(),
        PersonTerm::Leader(inner, _) => format!("leader of {}", person_term(inner)),
        PersonTerm::Field(f, s) => format!("{} of {}", f.name, s.name),
    }
}

fn rule_clause(c: &RuleClauseKind) -> String {
    match c {
        RuleClauseKind::On(ks, steps) => {
            let mut text = format!("on {}", kinds(ks));
            if !steps.is_empty() {
                let _ = write!(text, " of {}", names(steps));
            }
            text
        }
        RuleClauseKind::OnFindingsOf(rules) => format!("on findings of {}", names(rules)),
        RuleClauseKind::Liable(p, grade, g) => {
            format!("liable {} as {grade}{}", persons(p), guards(g))
        }
        RuleClauseKind::Exempt(p, reason, g) => {
            format!(
                "exempt {} {}{}",
                persons(p),
                quote(&reason.value),
                guards(g)
            )
        }
        RuleClauseKind::Reduce(p, n, reason, g) => format!(
            "reduce {} by {} {}{}",
            persons(p),
            n.value,
            quote(&reason.value),
            guards(g)
        ),
        RuleClauseKind::Penalty(l, g, _) => format!("penalty {}{}", l.name, guards(g)),
        RuleClauseKind::Cite(s) => format!("cite {}", quote(&s.value)),
    }
}

fn penalty_entry(e: &PenaltyEntryKind) -> String {
    match e {
        PenaltyEntryKind::Map(level, Some(m)) => format!("{level} -> {}", m.name),
        PenaltyEntryKind::Map(level, None) => format!("{level} -> nothing"),
        PenaltyEntryKind::Shift(g, n) => format!("{g} {n:+}"),
        PenaltyEntryKind::Aggravate(n, f) => {
            let mut text = format!("aggravate {n:+}");
            if let Some(w) = &f.window {
                let _ = write!(text, " within {}", duration(w));
            }
            if f.during {
                text.push_str(" during sanction");
            }
            if !f.kinds.is_empty() {
                let _ = write!(text, " of {}", kinds(&f.kinds));
            }
            text
        }
        PenaltyEntryKind::Mitigate(n) => format!("mitigate {n:+}"),
    }
}

/// An expression as written; parentheses are kept in the tree, so no others are needed.
pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Or(parts) => parts.iter().map(expr).collect::<Vec<_>>().join(" or "),
        ExprKind::And(parts) => parts.iter().map(expr).collect::<Vec<_>>().join(" and "),
        ExprKind::Not(x) => format!("not {}", expr(x)),
        ExprKind::Cmp(a, op, b) => format!("{} {} {}", expr(a), op.as_str(), expr(b)),
        ExprKind::In(a, items) => format!(
            "{} in [{}]",
            expr(a),
            items.iter().map(expr).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::Arith(a, op, b) => format!("{} {} {}", expr(a), op.as_str(), expr(b)),
        ExprKind::Paren(x) => format!("({})", expr(x)),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Int(i) => i.to_string(),
        ExprKind::Money(m) | ExprKind::Date(m) | ExprKind::Name(m) => m.clone(),
        ExprKind::Str(s) => quote(s),
        ExprKind::Count(f, None) => format!("count({})", f.name),
        ExprKind::Count(f, Some(r)) => format!("count({} holding {})", f.name, r.name),
        ExprKind::Agg(op, step, field) => format!("{}({}.{})", op.as_str(), step.name, field.name),
        ExprKind::Holders(r) => format!("holders({})", r.name),
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn comments_are_kept_in_place() {
        let text = "// head\nrulebook x { }\nrole a // why\n/* block */\nrole b\nprocedure p {\n  step s { required by a // who\n  // before cite\n  cite \"1\" }\n  // last\n}\n// end\n";
        let out = format(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            out,
            "// head\nrulebook x { }\n\nrole a // why\n/* block */\nrole b\n\nprocedure p {\n  step s {\n    required\n    by a // who\n    // before cite\n    cite \"1\"\n  }\n  // last\n}\n// end\n"
        );
        assert_eq!(format(&out).ok().as_deref(), Some(out.as_str()));
    }

    #[test]
    fn expressions_keep_their_parentheses() {
        let text = "rulebook x { }\nfact a: bool\nfact n: int\nrole r\nprocedure p { step s { required when (a or n>3) and not a by r } }\n";
        let out = format(text).unwrap_or_default();
        assert!(
            out.contains("required when (a or n > 3) and not a"),
            "{out}"
        );
    }
}
