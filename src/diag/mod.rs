//! One diagnostic type for every stage, rendered through miette.

mod code;
pub mod messages;

pub use code::{Code, Severity};
pub use messages::{Lang, Msg};

use crate::source::{Sources, Span};

/// A labelled place in a source file.
#[derive(Clone, Debug)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What this place is.
    pub text: String,
    /// The catalog message of the text, when it has one.
    pub key: Option<Msg>,
}

/// A problem found in the user's input: a stable code, a message, labelled places, help.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The registry code.
    pub code: Code,
    /// A lower-case fact, user names in backticks.
    pub message: String,
    /// The primary place first, then related places (possibly in other files).
    pub labels: Vec<Label>,
    /// A proposed action.
    pub help: Option<String>,
    /// A place outside any source file (a JSON path, a batch line).
    pub location: Option<String>,
    /// The catalog messages of the message and the help, when they have them.
    pub keys: Option<Box<(Option<Msg>, Option<Msg>)>>,
}

impl Diagnostic {
    /// A diagnostic with no place yet.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            location: None,
            keys: None,
        }
    }

    /// A diagnostic whose message comes from the catalogs (kept in English, shown in either).
    pub fn keyed(code: Code, message: Msg) -> Diagnostic {
        let mut d = Diagnostic::new(code, message.text(Lang::En));
        d.keys = Some(Box::new((Some(message), None)));
        d
    }

    /// Adds a labelled place; the first one added is the primary place.
    pub fn label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            text: text.into(),
            key: None,
        });
        self
    }

    /// Adds a labelled place whose text comes from the catalogs.
    pub fn label_keyed(mut self, span: Span, text: Msg) -> Diagnostic {
        self.labels.push(Label {
            span,
            text: text.text(Lang::En),
            key: Some(text),
        });
        self
    }

    /// Adds help text.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds help text from the catalogs.
    pub fn help_keyed(mut self, help: Msg) -> Diagnostic {
        self.help = Some(help.text(Lang::En));
        let keys = self.keys.get_or_insert_with(Box::default);
        keys.1 = Some(help);
        self
    }

    /// The same diagnostic with its words in `lang`, where the catalogs have them.
    pub fn localized(&self, lang: Lang) -> Diagnostic {
        let mut d = self.clone();
        if let Some(keys) = &self.keys {
            if let Some(m) = &keys.0 {
                d.message = m.text(lang);
            }
            if let Some(h) = &keys.1 {
                d.help = Some(h.text(lang));
            }
        }
        for l in &mut d.labels {
            if let Some(k) = &l.key {
                l.text = k.text(lang);
            }
        }
        d
    }

    /// Sets a place outside source files (JSON path and batch line).
    pub fn at(mut self, location: impl Into<String>) -> Diagnostic {
        self.location = Some(location.into());
        self
    }

    /// The severity the registry gives the code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The primary span, if any.
    pub fn primary(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }
}

/// Sorts diagnostics by place, then code, and drops exact repeats.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        let ka = a.primary().map(|s| s.key());
        let kb = b.primary().map(|s| s.key());
        (ka, a.code, &a.message).cmp(&(kb, b.code, &b.message))
    });
    diags.dedup_by(|a, b| {
        a.code == b.code
            && a.message == b.message
            && a.primary().map(|s| s.key()) == b.primary().map(|s| s.key())
    });
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity() == Severity::Error)
}

/// A diagnostic bound to its source text, in the shape miette renders.
#[derive(Debug)]
pub struct Rendered {
    code: Code,
    message: String,
    help: Option<String>,
    source: Option<Named>,
    labels: Vec<miette::LabeledSpan>,
    related: Vec<Rendered>,
}

impl Rendered {
    /// Binds a diagnostic to the files its labels point into. Labels in the primary file are
    /// drawn together; labels in other files become related notes drawn with their own file.
    pub fn new(diag: &Diagnostic, sources: &Sources) -> Rendered {
        let primary_file = diag.primary().map(|s| s.file);
        let mut here = Vec::new();
        let mut elsewhere: Vec<Rendered> = Vec::new();
        for (i, label) in diag.labels.iter().enumerate() {
            if Some(label.span.file) == primary_file {
                here.push(labeled(label, i == 0));
            } else if let Some(file) = sources.get(label.span.file) {
                elsewhere.push(Rendered {
                    code: diag.code,
                    message: format!("{} ({})", label.text, file.name),
                    help: None,
                    source: Some(named(sources, label.span)),
                    labels: vec![labeled(label, true)],
                    related: Vec::new(),
                });
            }
        }
        let message = match &diag.location {
            Some(loc) => format!("{}: {}", loc, diag.message),
            None => diag.message.clone(),
        };
        Rendered {
            code: diag.code,
            message,
            help: diag.help.clone(),
            source: diag.primary().map(|s| named(sources, s)),
            labels: here,
            related: elsewhere,
        }
    }
}

fn named(sources: &Sources, span: Span) -> Named {
    let (name, text) = sources.get(span.file).map_or_else(
        || (String::new(), std::sync::Arc::<str>::from("")),
        |f| (f.name.clone(), f.text.clone()),
    );
    Named { name, text }
}

/// A named source whose places count columns in characters, as editors do (miette counts
/// bytes, which puts a place after Chinese text far to the right).
#[derive(Debug)]
struct Named {
    name: String,
    text: std::sync::Arc<str>,
}

impl miette::SourceCode for Named {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let (line, line_count, context) = (inner.line(), inner.line_count(), *inner.span());
        let data = self
            .text
            .as_bytes()
            .get(context.offset()..context.offset() + context.len())
            .unwrap_or_default();
        let line_start = self
            .text
            .get(..context.offset())
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let column = self
            .text
            .get(line_start..context.offset())
            .map_or(inner.column(), |t| t.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            context,
            line,
            column,
            line_count,
        )))
    }
}

fn labeled(label: &Label, primary: bool) -> miette::LabeledSpan {
    let len = label.span.end.saturating_sub(label.span.start) as usize;
    let text = (!label.text.is_empty()).then(|| label.text.clone());
    if primary {
        miette::LabeledSpan::new_primary_with_span(text, (label.span.start as usize, len))
    } else {
        miette::LabeledSpan::new_with_span(text, (label.span.start as usize, len))
    }
}

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code.id()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.code.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        None
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as Box<_>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)) as Box<_>)
    }
}
