//! The rulebook test runner's logic: a rulebook's reference cases are evaluated, compared with
//! their expected verdicts, and the steps, finding kinds and rules they exercised are counted.
//! The command line reads and writes the files.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::Value;

use crate::check::duty_kinds;
use crate::compile::model::{Model, StepId};
use crate::eval::Plan;
use crate::eval::verdict::Record;
use crate::vocab::FindingKind;

/// The outcome of one reference case.
#[derive(Debug)]
pub struct CaseRun {
    /// The case's name (its file stem).
    pub name: String,
    /// The verdict (or error record) reached now.
    pub record: Record,
    /// The verdict as JSON.
    pub actual: Value,
    /// What changed against the expected verdict; empty when it matches.
    pub diff: Vec<String>,
    /// True when there was no expected verdict to compare with.
    pub unexpected: bool,
}

impl CaseRun {
    /// True when the verdict matched its expectation.
    pub fn passed(&self) -> bool {
        !self.unexpected && self.diff.is_empty()
    }
}

/// Evaluates one case and compares it with its expected verdict (JSON text), if any.
pub fn run_case(plan: &Plan<'_>, name: &str, text: &str, expected: Option<&str>) -> CaseRun {
    let record = plan.evaluate_json(text, None, false);
    let actual = serde_json::to_value(&record).unwrap_or(Value::Null);
    let (diff, unexpected) = match expected.map(serde_json::from_str::<Value>) {
        None => (Vec::new(), true),
        Some(Ok(want)) => (diff(&want, &actual), false),
        Some(Err(e)) => (
            vec![format!("the expected verdict is not JSON: {e}")],
            false,
        ),
    };
    CaseRun {
        name: name.to_owned(),
        record,
        actual,
        diff,
        unexpected,
    }
}

/// Whether an expected verdict is an error record: the case is meant to be invalid.
pub fn is_error_record(expected: &str) -> bool {
    serde_json::from_str::<Value>(expected).is_ok_and(|v| v.get("error").is_some())
}

/// The differences between two JSON values, one line per changed place:
/// `findings[1].kind: "late" → "too_soon"`.
pub fn diff(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk("", expected, actual, &mut out);
    out
}

fn walk(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    let at = |p: &str| {
        if p.is_empty() {
            "(verdict)".to_owned()
        } else {
            p.to_owned()
        }
    };
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => walk(&p, x, y, out),
                    (Some(x), None) => out.push(format!("{p}: {} → (absent)", short(x))),
                    (None, Some(y)) => out.push(format!("{p}: (absent) → {}", short(y))),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => walk(&p, x, y, out),
                    (Some(x), None) => out.push(format!("{p}: {} → (absent)", short(x))),
                    (None, Some(y)) => out.push(format!("{p}: (absent) → {}", short(y))),
                    (None, None) => {}
                }
            }
        }
        (a, b) if a != b => out.push(format!("{}: {} → {}", at(path), short(a), short(b))),
        _ => {}
    }
}

/// A value in one line, long ones cut.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(117).collect::<String>())
    } else {
        text
    }
}

/// What a rulebook's cases exercised, out of what it has.
#[derive(Debug, Default, Clone)]
pub struct Coverage {
    /// Steps that occurred in an event or a finding, and all steps.
    pub steps: (BTreeSet<String>, BTreeSet<String>),
    /// Finding kinds reached, and those the rulebook can produce.
    pub kinds: (BTreeSet<String>, BTreeSet<String>),
    /// Accountability rules that held someone liable, and all rules.
    pub rules: (BTreeSet<String>, BTreeSet<String>),
}

impl Coverage {
    /// What the model has, with nothing covered yet.
    pub fn of(model: &Model) -> Coverage {
        let mut kinds: BTreeSet<String> = BTreeSet::new();
        for (i, s) in model.steps.iter().enumerate() {
            kinds.extend(
                duty_kinds(model, StepId::of(i))
                    .iter()
                    .map(|k| k.to_string()),
            );
            if !s.by.is_empty() {
                kinds.insert(FindingKind::WrongActor.to_string());
            }
        }
        if !model.separations.is_empty() {
            kinds.insert(FindingKind::Separation.to_string());
        }
        Coverage {
            steps: (
                BTreeSet::new(),
                model.steps.iter().map(|s| s.name.clone()).collect(),
            ),
            kinds: (BTreeSet::new(), kinds),
            rules: (
                BTreeSet::new(),
                model.rules.iter().map(|r| r.name.clone()).collect(),
            ),
        }
    }

    /// Counts what one verdict exercised.
    pub fn add(&mut self, case: &Value, record: &Record) {
        if let Some(events) = case.get("events").and_then(Value::as_array) {
            self.steps.0.extend(
                events
                    .iter()
                    .filter_map(|e| e.get("step")?.as_str())
                    .filter(|s| self.steps.1.contains(*s))
                    .map(str::to_owned),
            );
        }
        let Record::Verdict(v) = record else { return };
        for f in &v.findings {
            self.steps.0.insert(f.step.clone());
            self.kinds.0.insert(f.kind.to_string());
        }
        self.rules
            .0
            .extend(v.liability.iter().map(|l| l.rule.clone()));
    }

    /// Merges another rulebook's coverage, names kept apart by the rulebook id.
    pub fn merge(&mut self, id: &str, other: &Coverage) {
        let tag =
            |set: &BTreeSet<String>| set.iter().map(|x| format!("{id}.{x}")).collect::<Vec<_>>();
        self.steps.0.extend(tag(&other.steps.0));
        self.steps.1.extend(tag(&other.steps.1));
        self.kinds.0.extend(tag(&other.kinds.0));
        self.kinds.1.extend(tag(&other.kinds.1));
        self.rules.0.extend(tag(&other.rules.0));
        self.rules.1.extend(tag(&other.rules.1));
    }

    /// The covered share of steps and of rules together, in percent; 0 when there is nothing to
    /// cover, so that an empty run never meets a minimum.
    pub fn percent(&self) -> f64 {
        let total = self.steps.1.len() + self.rules.1.len();
        if total == 0 {
            return 0.0;
        }
        100.0 * (self.steps.0.len() + self.rules.0.len()) as f64 / total as f64
    }

    /// One line per dimension, with what was not exercised.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (what, (hit, all)) in [
            ("steps", &self.steps),
            ("finding kinds", &self.kinds),
            ("rules", &self.rules),
        ] {
            let missed: Vec<&str> = all.difference(hit).map(String::as_str).collect();
            let pct = if all.is_empty() {
                100.0
            } else {
                100.0 * hit.len() as f64 / all.len() as f64
            };
            let _ = write!(
                out,
                "  {what:<14} {:>3}/{:<3} {pct:>5.1}%",
                hit.len(),
                all.len()
            );
            if !missed.is_empty() {
                let _ = write!(out, "  not exercised: {}", missed.join(", "));
            }
            out.push('\n');
        }
        out
    }
}

/// One rulebook's results, for the JUnit report.
#[derive(Debug)]
pub struct SuiteReport {
    /// The rulebook's path as shown.
    pub name: String,
    /// Its cases.
    pub cases: Vec<CaseRun>,
    /// Why it could not run at all (a rulebook with errors).
    pub error: Option<String>,
}

/// JUnit XML for CI systems: a test suite per rulebook, a test case per reference case.
pub fn junit(suites: &[SuiteReport]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"duechain\">\n",
    );
    for s in suites {
        let failures = s.cases.iter().filter(|c| !c.passed()).count();
        let errors = usize::from(s.error.is_some());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">",
            xml(&s.name),
            s.cases.len()
        );
        if let Some(e) = &s.error {
            let _ = writeln!(
                out,
                "    <error message=\"the rulebook has errors\">{}</error>",
                xml(e)
            );
        }
        for c in &s.cases {
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml(&s.name),
                xml(&c.name)
            );
            if c.passed() {
                out.push_str("/>\n");
                continue;
            }
            let message = if c.unexpected {
                "no expected verdict"
            } else {
                "the verdict changed"
            };
            let _ = writeln!(
                out,
                ">\n      <failure message=\"{message}\">{}</failure>\n    </testcase>",
                xml(&c.diff.join("\n"))
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text for an XML attribute or element: markup escaped, and characters XML 1.0 cannot hold
/// (controls, U+FFFE, U+FFFF) or that a reader would obey (bidi overrides) shown as `\u{…}`.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if crate::report::text::unsafe_char(c) || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&c.escape_unicode().to_string());
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::diff;
    use serde_json::json;

    #[test]
    fn diff_names_each_changed_place() {
        let want = json!({"compliant": false, "findings": [{"kind": "late", "step": "a"}]});
        let got = json!({"compliant": false, "findings": [{"kind": "too_soon", "step": "a"}, {"kind": "missing", "step": "b"}]});
        assert_eq!(
            diff(&want, &got),
            vec![
                "findings[0].kind: \"late\" → \"too_soon\"".to_owned(),
                "findings[1]: (absent) → {\"kind\":\"missing\",\"step\":\"b\"}".to_owned()
            ]
        );
        assert!(diff(&want, &want).is_empty());
    }
}
