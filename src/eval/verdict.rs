//! What the auditor gets: a verdict per case, or an error record, with a fixed field order.

use serde::Serialize;

use std::sync::Arc;

use super::duties::{DeemedAct, Finding};
use super::liability::{Combined, Liability, Unassigned};

/// What the rulebook supplied for what a case left out: (JSON path, value), in path order,
/// written as a JSON object.
#[derive(Debug, Clone, Default)]
pub struct Defaults(pub Vec<(Arc<str>, serde_json::Value)>);

impl Serialize for Defaults {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (&**k, v)))
    }
}

/// The rulebook a verdict was reached under.
#[derive(Debug, Clone, Serialize)]
pub struct RulebookRef {
    /// Rulebook id.
    pub id: String,
    /// Its version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The evaluation of one case.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// Case id.
    pub case: String,
    /// Case title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The rulebook.
    pub rulebook: RulebookRef,
    /// The procedure.
    pub procedure: String,
    /// True when no duty was broken.
    pub compliant: bool,
    /// What the rulebook supplied for what the case left out, by JSON path.
    pub defaults: Defaults,
    /// Legal fictions that held: steps deemed done on a day.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deemed: Vec<DeemedAct>,
    /// Broken duties, in procedure order.
    pub findings: Vec<Finding>,
    /// Who answers, at which grade, with which measures.
    pub liability: Vec<Liability>,
    /// Liable clauses that reached nobody in the case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unassigned: Vec<Unassigned>,
    /// Each person's measures combined per ladder.
    pub sanctions: Vec<Combined>,
    /// What the verdict rests on that is less than certain (a count into provisional calendar
    /// years); absent when there is nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The evaluation trace (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Vec<String>>,
}

/// Why a case could not be evaluated.
#[derive(Debug, Clone, Serialize)]
pub struct CaseFailure {
    /// The case id, when it could be read.
    pub case: Option<String>,
    /// The batch line (1-based), for JSON Lines input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The error.
    pub error: ErrorBody,
}

/// The error of a failed case.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    /// The registry code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The JSON path.
    pub path: String,
}

/// One output record: a verdict or an error.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Record {
    /// The case was evaluated.
    Verdict(Box<Verdict>),
    /// The case was invalid.
    Error(CaseFailure),
}

impl Record {
    /// Compliant, violating or invalid.
    pub fn status(&self) -> Status {
        match self {
            Record::Verdict(v) if v.compliant => Status::Compliant,
            Record::Verdict(_) => Status::Violating,
            Record::Error(_) => Status::Invalid,
        }
    }
}

/// The outcome of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No finding.
    Compliant,
    /// At least one finding.
    Violating,
    /// The case was invalid.
    Invalid,
}
