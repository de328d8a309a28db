//! What the auditor gets: a verdict per case, or an error record, with a fixed field order.

use serde::Serialize;

use std::sync::Arc;

use super::case::Text;
use super::duties::{DeemedAct, Finding, Pending};
use super::liability::{Combined, Liability, Unassigned};
use crate::compile::load::FileHash;
use crate::diag::{Code, Lang, Msg};

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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RulebookRef {
    /// Rulebook id.
    pub id: Text,
    /// Its version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<Text>,
}

/// The evaluation of one case.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Verdict {
    /// Case id.
    pub case: Text,
    /// Case title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The rulebook.
    pub rulebook: RulebookRef,
    /// The procedure.
    pub procedure: Text,
    /// True when no duty was broken.
    pub compliant: bool,
    /// Whether the matter is closed; an open one is judged as of a date, its unexpired duties
    /// pending.
    pub closed: bool,
    /// What the rulebook supplied for what the case left out, by JSON path.
    #[schemars(with = "std::collections::BTreeMap<String, serde_json::Value>")]
    pub defaults: Defaults,
    /// Legal fictions that held: steps deemed done on a day.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deemed: Vec<DeemedAct>,
    /// Broken duties, in procedure order.
    pub findings: Vec<Finding>,
    /// Where each step of the procedure stands.
    pub duties: DutyStates,
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
    pub warnings: Vec<super::chain::Warning>,
    /// The evaluation trace (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Vec<String>>,
    /// What the verdict was reached with, enough to replay it.
    pub provenance: Provenance,
}

/// The version of the verdict format; raised when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The tool and its build.
pub const TOOL: &str = concat!(
    "duechain ",
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("DUECHAIN_COMMIT"),
    ")"
);

/// What a verdict was reached with: the format, the tool, every file the rulebook was read from
/// with its hash, and the day an open matter was judged as of. `duechain test` compares verdicts
/// without it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Provenance {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// [`TOOL`].
    pub tool: &'static str,
    /// The rulebook's files and calendar data, with their SHA-256.
    pub files: Arc<[FileHash]>,
    /// The day the matter was judged as of.
    pub as_of: Text,
}

/// The steps of a procedure by where they stand, each list in procedure order.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct DutyStates {
    /// Steps with a finding.
    pub violated: Vec<Text>,
    /// Duties of an open matter still running, with their due dates.
    pub pending: Vec<Pending>,
    /// Steps done (or deemed done) without a finding.
    pub done: Vec<Text>,
    /// Required steps of an open matter whose limit has not started yet.
    pub not_triggered: Vec<Text>,
    /// Steps not required and not done.
    pub not_applicable: Vec<Text>,
}

/// Why a case could not be evaluated.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CaseFailure {
    /// The case id, when it could be read.
    pub case: Option<Text>,
    /// The batch line (1-based), for JSON Lines input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The error.
    pub error: ErrorBody,
}

/// The error of a failed case.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ErrorBody {
    /// The registry code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The JSON path.
    pub path: String,
    /// The catalog messages of the message and its help, for people reading another language.
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Option<Box<(Msg, Option<Msg>)>>,
}

impl ErrorBody {
    /// An error whose message (and help) come from the catalogs; `message` keeps the English.
    pub fn keyed(code: Code, path: String, message: Msg, help: Option<Msg>) -> ErrorBody {
        ErrorBody {
            code: code.id(),
            message: english(&message, help.as_ref()),
            path,
            keys: Some(Box::new((message, help))),
        }
    }

    /// The message in a language (English where the catalogs have none).
    pub fn message_in(&self, lang: Lang) -> String {
        let Some(keys) = self.keys.as_ref().filter(|_| lang != Lang::En) else {
            return self.message.clone();
        };
        let mut text = keys.0.text(lang);
        if let Some(h) = &keys.1 {
            text.push_str(if lang == Lang::Zh { "；" } else { "; " });
            text.push_str(&h.text(lang));
        }
        text
    }
}

/// A catalog message and its help in English, as records write them.
pub(crate) fn english(message: &Msg, help: Option<&Msg>) -> String {
    let mut text = message.text(Lang::En);
    if let Some(h) = help {
        text.push_str("; ");
        text.push_str(&h.text(Lang::En));
    }
    text
}

/// One output record: a verdict or an error.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Record {
    /// The case was evaluated.
    Verdict(Box<Verdict>),
    /// The case was invalid.
    Error(CaseFailure),
}

impl Verdict {
    /// The people liable (not exempt) under the entries `which` picks, each once, in the
    /// liability's order.
    pub fn liable(&self, which: impl Fn(&Liability) -> bool) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.liability
            .iter()
            .filter(|l| l.exempt.is_none() && which(l) && seen.insert(l.person.as_str()))
            .map(|l| l.person.as_str())
            .collect()
    }
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
