//! Diagnostics out: human (miette), JSON and SARIF 2.1.0.

use std::fmt::Write as _;

use serde::Serialize;

use super::text;
use crate::diag::{Code, Diagnostic, Lang, Rendered, Severity};
use crate::msg;
use crate::source::{LineCol, Sources};

/// The most places a diagnostic shows in the human form.
const MAX_SHOWN_LABELS: usize = 16;

/// Renders diagnostics for a person; `color` only when writing to a terminal.
pub fn human(diags: &[Diagnostic], sources: &Sources, color: bool, lang: Lang) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    // Text from users reaches the terminal with its control characters and bidi overrides shown,
    // never obeyed; sources keep their lengths so the spans stay put.
    let safe_sources;
    let sources = if sources.any_char(text::unsafe_char) {
        safe_sources = sources.map(|t| text::same_length(t).into_owned());
        &safe_sources
    } else {
        sources
    };
    let mut out = String::new();
    for d in diags {
        let safe = safe_texts(&d.localized(lang));
        let d = &safe;
        let shown;
        // A diagnostic with very many places (a cycle through thousands of roles) shows the
        // first few; the JSON and SARIF forms keep them all.
        let d = if d.labels.len() > MAX_SHOWN_LABELS {
            let mut short = d.clone();
            let more = short.labels.len() - MAX_SHOWN_LABELS;
            short.labels.truncate(MAX_SHOWN_LABELS);
            let tail = msg!("more-places", count = more).text(lang);
            short.help = Some(match &short.help {
                Some(h) => format!("{h}; {tail}"),
                None => tail,
            });
            shown = short;
            &shown
        } else {
            d
        };
        let rendered = Rendered::new(d, sources);
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&format!("{}: {}\n", d.code, d.message));
        }
        out.push('\n');
    }
    let (errors, warnings) = counts(diags);
    if errors + warnings > 0 {
        out.push_str(&msg!("summary-counts", errors = errors, warnings = warnings).text(lang));
        out.push('\n');
    }
    out
}

/// A diagnostic whose message, help, place and labels show unsafe characters escaped.
fn safe_texts(d: &Diagnostic) -> Diagnostic {
    let clean = |s: &str| text::visible(s).into_owned();
    let mut out = d.clone();
    out.message = clean(&d.message);
    out.help = d.help.as_deref().map(clean);
    out.location = d.location.as_deref().map(clean);
    for l in &mut out.labels {
        l.text = clean(&l.text);
    }
    out
}

/// Errors and warnings in a list.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}

/// The JSON form of a run's diagnostics.
#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonReport<'a> {
    /// Every diagnostic, sorted by place.
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// How many are errors.
    errors: usize,
    /// How many are warnings.
    warnings: usize,
}

/// One diagnostic in the JSON form.
#[derive(Serialize, schemars::JsonSchema)]
pub struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonLabel<'a> {
    file: &'a str,
    start: LineCol,
    end: LineCol,
    text: &'a str,
}

/// A diagnostic as a JSON value with stable fields.
pub fn json_diagnostic<'a>(d: &'a Diagnostic, sources: &'a Sources) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code.id(),
        name: d.code.name(),
        severity: d.severity(),
        message: &d.message,
        help: d.help.as_deref(),
        location: d.location.as_deref(),
        labels: d
            .labels
            .iter()
            .filter_map(|l| {
                let f = sources.get(l.span.file)?;
                Some(JsonLabel {
                    file: &f.name,
                    start: f.line_col(l.span.start),
                    end: f.line_col(l.span.end),
                    text: &l.text,
                })
            })
            .collect(),
    }
}

/// The diagnostics of one rulebook with the files they point into.
pub type Run<'a> = (&'a [Diagnostic], &'a Sources);

/// Renders the diagnostics of one or more rulebooks as one JSON document.
pub fn json(runs: &[Run<'_>]) -> String {
    let all = || {
        runs.iter()
            .flat_map(|(d, s)| d.iter().map(move |x| (x, *s)))
    };
    let errors = all()
        .filter(|(d, _)| d.severity() == Severity::Error)
        .count();
    let report = JsonReport {
        diagnostics: all().map(|(d, s)| json_diagnostic(d, s)).collect(),
        errors,
        warnings: all().count() - errors,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

#[derive(Serialize, schemars::JsonSchema)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct SarifRun<'a> {
    tool: SarifTool,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SarifDriver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: &'static str,
    name: &'static str,
    short_description: SarifText<'static>,
    full_description: SarifText<'static>,
    default_configuration: SarifConfig,
}

#[derive(Serialize, schemars::JsonSchema)]
struct SarifConfig {
    level: &'static str,
}

#[derive(Serialize, schemars::JsonSchema)]
struct SarifText<'a> {
    text: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: SarifText<'a>,
    locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    physical_location: SarifPhysical,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<SarifText<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct SarifArtifact {
    uri: String,
}

/// A path as a URI reference: every byte outside RFC 3986's unreserved characters and `/` is
/// percent-encoded, so spaces, `#`, `%` and non-ASCII names stay valid.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Renders the diagnostics of one or more rulebooks as a SARIF 2.1.0 log.
pub fn sarif(runs: &[Run<'_>]) -> String {
    let rules = Code::ALL
        .iter()
        .map(|c| SarifRule {
            id: c.id(),
            name: c.name(),
            short_description: SarifText { text: c.summary() },
            full_description: SarifText {
                text: c.explanation(),
            },
            default_configuration: SarifConfig {
                level: level(c.severity()),
            },
        })
        .collect();
    fn location<'a>(
        sources: &'a Sources,
        l: &'a crate::diag::Label,
        with_text: bool,
    ) -> Option<SarifLocation<'a>> {
        let f = sources.get(l.span.file)?;
        let s = f.line_col(l.span.start);
        // A region never ends before it starts.
        let e = f.line_col(l.span.end.max(l.span.start));
        let (end_line, end_column) = if (e.line, e.col) < (s.line, s.col) {
            (s.line, s.col)
        } else {
            (e.line, e.col)
        };
        Some(SarifLocation {
            physical_location: SarifPhysical {
                artifact_location: SarifArtifact { uri: uri(&f.name) },
                region: Some(SarifRegion {
                    start_line: s.line,
                    start_column: s.col,
                    end_line,
                    end_column,
                }),
            },
            message: with_text.then_some(SarifText { text: &l.text }),
        })
    }
    let results = runs
        .iter()
        .flat_map(|(d, s)| d.iter().map(move |x| (x, *s)))
        .map(|(d, sources)| SarifResult {
            rule_id: d.code.id(),
            rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
            level: level(d.severity()),
            message: SarifText { text: &d.message },
            // A file-level problem (no place in the text) is located at the file itself.
            locations: d
                .labels
                .first()
                .and_then(|l| location(sources, l, false))
                .or_else(|| {
                    d.location.as_ref().map(|name| SarifLocation {
                        physical_location: SarifPhysical {
                            artifact_location: SarifArtifact { uri: uri(name) },
                            region: None,
                        },
                        message: None,
                    })
                })
                .into_iter()
                .collect(),
            related_locations: d
                .labels
                .iter()
                .skip(1)
                .filter_map(|l| location(sources, l, true))
                .collect(),
        })
        .collect();
    let log = Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: SarifTool {
                driver: SarifDriver {
                    name: "duechain",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://github.com/duechain/duechain",
                    rules,
                },
            },
            results,
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// GitHub Actions workflow commands, one line per diagnostic (`::error file=…,line=…::message`):
/// the runner shows each as an annotation on the line it names.
pub fn github(runs: &[Run<'_>]) -> String {
    let mut out = String::new();
    for (diags, sources) in runs {
        for d in diags.iter() {
            let level = match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = Vec::new();
            let label = d
                .labels
                .first()
                .and_then(|l| Some((sources.get(l.span.file)?, l)));
            if let Some((f, l)) = label {
                let (start, end) = (f.line_col(l.span.start), f.line_col(l.span.end));
                props.push(format!("file={}", workflow_property(&f.name)));
                props.push(format!("line={}", start.line));
                props.push(format!("col={}", start.col));
                props.push(format!("endLine={}", end.line.max(start.line)));
                if end.line == start.line {
                    props.push(format!("endColumn={}", end.col.max(start.col)));
                }
            } else if let Some(place) = &d.location {
                props.push(format!("file={}", workflow_property(place)));
            }
            props.push(format!(
                "title={}",
                workflow_property(&format!("{} {}", d.code.id(), d.code.name()))
            ));
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let _ = writeln!(
                out,
                "::{level} {}::{}",
                props.join(","),
                workflow_data(&message)
            );
        }
    }
    out
}

/// A workflow command's message: `%`, CR and LF escaped, and no character a terminal obeys.
fn workflow_data(s: &str) -> String {
    text::visible(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as a message, with `:` and `,` escaped too.
fn workflow_property(s: &str) -> String {
    workflow_data(s).replace(':', "%3A").replace(',', "%2C")
}
