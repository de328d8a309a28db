//! Stage 0 for auditors' own records: event logs (CSV, XES, OCEL 2.0) read through a mapping
//! into the case format, one case per matter, streamed when the log is grouped by case.

mod budget;
mod build;
mod csv_log;
mod decode;
pub mod mapping;
mod ocel;
mod xes;

use crate::msg;
use std::path::Path;
use std::sync::Arc;

pub use build::case_of;
use mapping::{LogFormat, Mapping};

use crate::diag::{Code, Msg};
use crate::eval::case::Text;
use crate::eval::verdict::{CaseFailure, ErrorBody, Record};

/// An attribute: its key (shared by every event that has it) and its value as text.
pub type Attr = (Arc<str>, String);

/// Where in a log a record is: a line (CSV) and a path (`trace[3].event[2]`, a column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The 1-based line, where the format has lines that say it.
    pub line: Option<usize>,
    /// The record's path in the log.
    pub path: String,
}

/// One event as the log holds it.
#[derive(Debug, Clone)]
pub struct LogEvent {
    /// Its attributes.
    pub attrs: Vec<Attr>,
    /// Where it is.
    pub place: Place,
    /// Why the record is malformed, when it is: its matter is then an error record (boxed, as
    /// almost every event has none).
    pub fault: Option<Box<Msg>>,
}

/// One matter as the log holds it: its id, its own attributes, its events in log order.
#[derive(Debug, Clone)]
pub struct Trace {
    /// The case id.
    pub id: String,
    /// Case attributes (XES trace attributes, OCEL object attributes).
    pub attrs: Vec<Attr>,
    /// The events.
    pub events: Vec<LogEvent>,
    /// Where the matter starts in the log.
    pub place: Place,
}

impl Trace {
    /// About the memory the matter holds: its attribute texts and a record per attribute and
    /// event (what bounds a chunk of matters held at once).
    pub fn bytes(&self) -> usize {
        let attrs = |a: &[Attr]| {
            a.iter()
                .map(|(_, v)| std::mem::size_of::<Attr>() + v.len())
                .sum::<usize>()
        };
        let events = self
            .events
            .iter()
            .map(|e| std::mem::size_of::<LogEvent>() + e.place.path.len() + attrs(&e.attrs));
        self.id.len() + attrs(&self.attrs) + events.sum::<usize>()
    }
}

/// Why a matter, or the rest of a log, could not be read.
#[derive(Debug, Clone)]
pub struct LogError {
    /// The case, when known.
    pub case: Option<String>,
    /// Where.
    pub place: Place,
    /// The registry code.
    pub code: Code,
    /// What is wrong, and how to fix it when the message alone does not say (catalog
    /// messages, boxed to keep results small).
    pub keys: Box<(Msg, Option<Msg>)>,
}

impl LogError {
    /// An error of a log, with its code.
    pub fn new(code: Code, place: Place, message: Msg) -> LogError {
        LogError {
            case: None,
            place,
            code,
            keys: Box::new((message, None)),
        }
    }

    /// The error with help.
    pub fn with_help(mut self, help: Msg) -> LogError {
        self.keys.1 = Some(help);
        self
    }

    /// A malformed part of a log (DC0603).
    pub fn malformed(place: Place, message: Msg) -> LogError {
        LogError::new(Code::MalformedLog, place, message)
    }

    /// The error of a case.
    pub fn of_case(self, case: &str) -> LogError {
        LogError {
            case: Some(case.to_owned()),
            ..self
        }
    }

    /// The error record a batch writes for it.
    pub fn record(self) -> Record {
        Record::Error(CaseFailure {
            case: self.case.map(Text::from),
            line: self.place.line,
            error: ErrorBody::keyed(self.code, self.place.path, self.keys.0, self.keys.1),
        })
    }
}

/// The matters of a log, in order; an error that ends the log is its last item.
pub type Traces<'a> = Box<dyn Iterator<Item = Result<Trace, LogError>> + Send + 'a>;

/// The format of a log: the mapping's word, else the file's extension.
pub fn format_of(path: &Path, mapping: &Mapping) -> LogFormat {
    if let Some(f) = mapping.file.log.format {
        return f;
    }
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".xes") || name.ends_with(".xes.gz") || name.ends_with(".gz") {
        LogFormat::Xes
    } else if name.ends_with(".jsonocel") || name.ends_with(".json") {
        LogFormat::OcelJson
    } else if [".sqlite", ".sqlite3", ".db"]
        .iter()
        .any(|e| name.ends_with(e))
    {
        LogFormat::OcelSqlite
    } else {
        LogFormat::Csv
    }
}

/// Where a log's records come from: a byte stream (CSV, XES, OCEL JSON), or an open OCEL
/// SQLite database. The command line opens files; the library only reads.
pub enum Source {
    /// A stream of the log's bytes.
    Stream(Box<dyn std::io::Read + Send>),
    /// An OCEL 2.0 SQLite database.
    Sqlite(rusqlite::Connection),
}

/// Reads a log matter by matter.
pub fn traces(source: Source, format: LogFormat, mapping: &Mapping) -> Traces<'static> {
    let spec = &mapping.file;
    match (source, format) {
        (Source::Sqlite(db), _) => ocel::from_sqlite(&db, spec),
        (Source::Stream(r), LogFormat::Csv) => csv_log::read(r, spec),
        (Source::Stream(r), LogFormat::Xes) => xes::read(r, spec),
        (Source::Stream(r), LogFormat::OcelJson) => ocel::from_json(r, spec),
        (Source::Stream(_), LogFormat::OcelSqlite) => Box::new(std::iter::once(Err(
            LogError::malformed(Place::default(), msg!("log-sqlite-stream")),
        ))),
    }
}

/// The first key given twice among `keys`. They are keys a mapping reads, so the first repeat
/// comes within as many keys as it reads, and a scan of those before each suffices.
pub fn first_repeat<'k>(keys: impl Iterator<Item = &'k str> + Clone) -> Option<&'k str> {
    keys.clone()
        .enumerate()
        .find(|&(i, k)| keys.clone().take(i).any(|b| b == k))
        .map(|(_, k)| k)
}

/// The case ids of the matters a streamed log has given, kept as 64-bit hashes (a fixed seed:
/// the same in every run), to catch a matter given in two parts.
#[derive(Default)]
pub(crate) struct SeenIds(foldhash::HashSet<u64>);

impl SeenIds {
    /// Records `id`: false when it was recorded before.
    pub(crate) fn first(&mut self, id: &str) -> bool {
        use std::hash::BuildHasher;
        self.0
            .insert(foldhash::fast::FixedState::with_seed(0).hash_one(id))
    }
}

/// The value of an attribute, when present and not blank.
pub fn attr<'a>(attrs: &'a [Attr], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| &**k == key)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}
