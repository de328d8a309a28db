//! The rulebook test runner's logic: a rulebook's reference cases are evaluated, compared with
//! their expected verdicts, and the steps, finding kinds and rules they exercised are counted.
//! The command line reads and writes the files.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::Value;

use crate::check::duty_kinds;
use crate::compile::model::{Model, StepId};
use crate::diag::{Lang, Msg};
use crate::eval::Plan;
use crate::eval::verdict::{Record, Status};
use crate::msg;
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
    /// What changed against the expected verdict, one message a place; empty when it matches.
    pub diff: Vec<Msg>,
    /// True when there was no expected verdict to compare with.
    pub unexpected: bool,
    /// How long the evaluation took, in seconds.
    pub seconds: f64,
}

/// How a reference case came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The verdict matched its expectation.
    Passed,
    /// There is no expected verdict yet.
    NoExpectation,
    /// The case could not be judged (an error record) and was not meant to be invalid.
    Invalid,
    /// The verdict differs from its expectation.
    Changed,
}

impl CaseRun {
    /// True when the verdict matched its expectation.
    pub fn passed(&self) -> bool {
        self.outcome() == Outcome::Passed
    }

    /// How the case came out: an error record that was not expected is `Invalid`, a JUnit
    /// error, rather than a changed verdict, a JUnit failure.
    pub fn outcome(&self) -> Outcome {
        if self.unexpected {
            Outcome::NoExpectation
        } else if self.diff.is_empty() {
            Outcome::Passed
        } else if self.record.status() == Status::Invalid {
            Outcome::Invalid
        } else {
            Outcome::Changed
        }
    }
}

/// Evaluates one case and compares it with its expected verdict (JSON text), if any.
pub fn run_case(plan: &Plan<'_>, name: &str, text: &str, expected: Option<&str>) -> CaseRun {
    let started = std::time::Instant::now();
    let record = plan.evaluate_json(text, None, false);
    judge(name, record, started.elapsed().as_secs_f64(), expected)
}

/// Compares a record reached in `seconds` with its expected verdict (JSON text), if any.
pub fn judge(name: &str, record: Record, seconds: f64, expected: Option<&str>) -> CaseRun {
    let mut actual = serde_json::to_value(&record).unwrap_or(Value::Null);
    // The tool's build and the files' hashes change without the verdict changing.
    if let Some(v) = actual.as_object_mut() {
        v.remove("provenance");
    }
    let (diff, unexpected) = match expected.map(serde_json::from_str::<Value>) {
        None => (Vec::new(), true),
        Some(Ok(want)) => (diff(&want, &actual), false),
        Some(Err(e)) => (vec![msg!("test-expected-not-json", reason = e)], false),
    };
    CaseRun {
        name: name.to_owned(),
        record,
        actual,
        diff,
        unexpected,
        seconds,
    }
}

/// Whether an expected verdict is an error record: the case is meant to be invalid.
pub fn is_error_record(expected: &str) -> bool {
    serde_json::from_str::<Value>(expected).is_ok_and(|v| v.get("error").is_some())
}

/// The differences between two JSON values, one message per changed place, the expected side
/// first: `findings[1].kind: expected "late", got "too_soon"`.
pub fn diff(expected: &Value, actual: &Value) -> Vec<Msg> {
    let mut out = Vec::new();
    walk("", expected, actual, &mut out);
    out
}

fn walk(path: &str, want: &Value, got: &Value, out: &mut Vec<Msg>) {
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
                    (Some(x), None) => out.push(changed(&p, Some(x), None)),
                    (None, Some(y)) => out.push(changed(&p, None, Some(y))),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => walk(&p, x, y, out),
                    (Some(x), None) => out.push(changed(&p, Some(x), None)),
                    (None, Some(y)) => out.push(changed(&p, None, Some(y))),
                    (None, None) => {}
                }
            }
        }
        (a, b) if a != b => out.push(changed(&at(path), Some(a), Some(b))),
        _ => {}
    }
}

/// One changed place: what the expectation holds and what the verdict now says.
fn changed(path: &str, expected: Option<&Value>, got: Option<&Value>) -> Msg {
    match (expected, got) {
        (Some(a), Some(b)) => msg!(
            "test-changed",
            path = path,
            expected = short(a),
            got = short(b)
        ),
        (Some(a), None) => msg!("test-gone", path = path, expected = short(a)),
        (None, b) => msg!(
            "test-added",
            path = path,
            got = b.map_or_else(String::new, short)
        ),
    }
}

/// The differences as lines, in a language.
pub fn diff_lines(diff: &[Msg], lang: Lang) -> Vec<String> {
    diff.iter().map(|m| m.text(lang)).collect()
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
            self.steps.0.insert(f.step.to_string());
            self.kinds.0.insert(f.kind.to_string());
        }
        self.rules
            .0
            .extend(v.liability.iter().map(|l| l.rule.to_string()));
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

    /// One line per dimension, with what was not exercised, in a language.
    pub fn report(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (dimension, (hit, all)) in [
            ("steps", &self.steps),
            ("kinds", &self.kinds),
            ("rules", &self.rules),
        ] {
            let missed: Vec<&str> = all.difference(hit).map(String::as_str).collect();
            let pct = if all.is_empty() {
                100.0
            } else {
                100.0 * hit.len() as f64 / all.len() as f64
            };
            let what = msg!("coverage-dimension", dimension = dimension).text(lang);
            // A Chinese character takes two columns of a terminal.
            let wide = what.chars().filter(|c| !c.is_ascii()).count();
            let pad = 14usize.saturating_sub(what.chars().count() + wide);
            let _ = write!(
                out,
                "  {what}{:pad$} {:>3}/{:<3} {pct:>5.1}%",
                "",
                hit.len(),
                all.len()
            );
            if !missed.is_empty() {
                let list = missed.join(", ");
                let _ = write!(out, "  {}", msg!("coverage-missed", list = list).text(lang));
            }
            out.push('\n');
        }
        out
    }
}

/// One rulebook's results, for the reports.
#[derive(Debug)]
pub struct SuiteReport {
    /// The rulebook's path as shown.
    pub name: String,
    /// Its cases.
    pub cases: Vec<CaseRun>,
    /// Expected verdicts whose case file is gone (their file stems).
    pub orphans: Vec<String>,
    /// Why it could not run at all (a rulebook with errors).
    pub error: Option<String>,
}

impl SuiteReport {
    /// Test cases that failed: changed verdicts, missing expectations and orphaned ones.
    pub fn failures(&self) -> usize {
        let failed = self
            .cases
            .iter()
            .filter(|c| matches!(c.outcome(), Outcome::Changed | Outcome::NoExpectation));
        failed.count() + self.orphans.len()
    }

    /// Test cases in error: cases that could not be judged, and a rulebook that has errors.
    pub fn errors(&self) -> usize {
        let invalid = self
            .cases
            .iter()
            .filter(|c| c.outcome() == Outcome::Invalid);
        invalid.count() + usize::from(self.error.is_some())
    }

    /// Test cases in the JUnit report.
    fn tests(&self) -> usize {
        self.cases.len() + self.orphans.len() + usize::from(self.error.is_some())
    }

    fn seconds(&self) -> f64 {
        self.cases.iter().map(|c| c.seconds).sum()
    }
}

/// The JSON report of `duechain test --format json`: each suite's cases with their outcome and
/// differences (expected → now), its orphaned expectations, and the coverage in percent.
pub fn json(suites: &[SuiteReport], coverage: f64) -> String {
    let suites: Vec<Value> = suites
        .iter()
        .map(|s| {
            let cases: Vec<Value> = s
                .cases
                .iter()
                .map(
                    |c| serde_json::json!({"name": c.name, "outcome": c.outcome(), "diff": diff_lines(&c.diff, Lang::En)}),
                )
                .collect();
            serde_json::json!({
                "rulebook": s.name,
                "error": s.error,
                "cases": cases,
                "orphans": s.orphans,
                "failures": s.failures(),
                "errors": s.errors(),
            })
        })
        .collect();
    let report = serde_json::json!({
        "suites": suites,
        "coverage": (coverage * 10.0).round() / 10.0,
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// JUnit XML for CI systems, in the shape of the common JUnit schema (Jenkins' junit-10.xsd):
/// a test suite per rulebook with its counts, time and `timestamp` (given, e.g.
/// `2026-11-23T03:58:00`), a test case per reference case with its time; `failure` for a changed
/// or missing expectation, `error` for a case that cannot be judged or a rulebook with errors.
pub fn junit(suites: &[SuiteReport], timestamp: &str) -> String {
    let total = |f: fn(&SuiteReport) -> usize| suites.iter().map(f).sum::<usize>();
    let seconds: f64 = suites.iter().map(SuiteReport::seconds).sum();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"duechain\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{seconds:.6}\">\n",
        total(SuiteReport::tests),
        total(SuiteReport::failures),
        total(SuiteReport::errors),
    );
    for s in suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{:.6}\" timestamp=\"{}\">",
            crate::report::text::markup(&s.name),
            s.tests(),
            s.failures(),
            s.errors(),
            s.seconds(),
            crate::report::text::markup(timestamp)
        );
        let suite = crate::report::text::markup(&s.name);
        if let Some(e) = &s.error {
            let body = format!(
                "<error message=\"the rulebook has errors\">{}</error>",
                crate::report::text::markup(e)
            );
            testcase(&mut out, &suite, "(rulebook)", 0.0, Some(&body));
        }
        for c in &s.cases {
            let body = match c.outcome() {
                Outcome::Passed => None,
                Outcome::NoExpectation => {
                    Some("<failure message=\"no expected verdict\"></failure>".to_owned())
                }
                Outcome::Changed => Some(format!(
                    "<failure message=\"the verdict changed\">{}</failure>",
                    crate::report::text::markup(&diff_lines(&c.diff, Lang::En).join("\n"))
                )),
                Outcome::Invalid => Some(format!(
                    "<error message=\"the case cannot be judged\">{}</error>",
                    crate::report::text::markup(&diff_lines(&c.diff, Lang::En).join("\n"))
                )),
            };
            testcase(
                &mut out,
                &suite,
                &crate::report::text::markup(&c.name),
                c.seconds,
                body.as_deref(),
            );
        }
        for o in &s.orphans {
            let body = "<failure message=\"an expected verdict without a case\"></failure>";
            testcase(
                &mut out,
                &suite,
                &crate::report::text::markup(o),
                0.0,
                Some(body),
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// One `testcase` element (names already escaped).
fn testcase(out: &mut String, suite: &str, name: &str, seconds: f64, body: Option<&str>) {
    let _ = write!(
        out,
        "    <testcase classname=\"{suite}\" name=\"{name}\" time=\"{seconds:.6}\""
    );
    match body {
        None => out.push_str("/>\n"),
        Some(b) => {
            let _ = writeln!(out, ">\n      {b}\n    </testcase>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, diff, diff_lines};
    use serde_json::json;

    #[test]
    fn diff_names_each_changed_place() {
        let want = json!({"compliant": false, "findings": [{"kind": "late", "step": "a"}]});
        let got = json!({"compliant": false, "findings": [{"kind": "too_soon", "step": "a"}, {"kind": "missing", "step": "b"}]});
        assert_eq!(
            diff_lines(&diff(&want, &got), Lang::En),
            vec![
                "findings[0].kind: expected \"late\", got \"too_soon\"".to_owned(),
                "findings[1]: expected (absent), got {\"kind\":\"missing\",\"step\":\"b\"}"
                    .to_owned()
            ]
        );
        assert!(diff(&want, &want).is_empty());
    }
}
