//! CSV event logs (RFC 4180, a header row, one event a row), in UTF-8 with or without a BOM or
//! in GBK/GB18030. A log grouped by case streams one matter at a time; an ungrouped one is read
//! whole and grouped in the order cases first appear.

use crate::msg;
use std::collections::HashMap;
use std::sync::Arc;

use super::budget::{Allowance, Budgeted, MAX_MATTER_BYTES};
use super::decode::{NotEncoded, Strict};
use super::mapping::{Encoding, MappingFile};
use super::{Attr, LogError, LogEvent, Place, Trace, Traces};
use crate::diag::Code;

/// The CSV column of the case id when the mapping names none (PM4Py's convention).
const CASE_COLUMN: &str = "case:concept:name";

type Rows = csv::StringRecordsIntoIter<Box<dyn std::io::Read + Send>>;

/// Reads a CSV log.
pub fn read(input: Box<dyn std::io::Read + Send>, spec: &MappingFile) -> Traces<'static> {
    let encoding = match spec.log.encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Gbk | Encoding::Gb18030 => encoding_rs::GB18030,
    };
    let decoded = Strict::new(std::io::BufReader::with_capacity(1 << 16, input), encoding);
    let allowance = Allowance::new(MAX_MATTER_BYTES);
    let decoded = Budgeted::new(decoded, allowance.clone());
    let delimiter = spec.log.delimiter.unwrap_or(',');
    // Rows of another width are faults of their matter, not the end of the log.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(u8::try_from(delimiter).unwrap_or(b','))
        .from_reader(Box::new(decoded) as Box<dyn std::io::Read + Send>);
    let whole = |e: LogError| -> Traces<'static> { Box::new(std::iter::once(Err(e))) };
    if !delimiter.is_ascii() {
        let place = Place::default();
        return whole(LogError::malformed(
            place,
            msg!("csv-delimiter", delimiter = delimiter),
        ));
    }
    let headers: Vec<Arc<str>> = match reader.headers() {
        Ok(h) => h.iter().map(Arc::from).collect(),
        Err(e) => return whole(csv_error(&e, &allowance)),
    };
    let key = spec.case.id.as_deref().unwrap_or(CASE_COLUMN);
    // A fault of the header row ends the log.
    let header = |column: &str, message| {
        let path = column.to_owned();
        whole(LogError::malformed(
            Place {
                line: Some(1),
                path,
            },
            message,
        ))
    };
    let Some(id_column) = headers.iter().position(|h| &**h == key) else {
        return header(key, msg!("csv-no-id-column", key = key));
    };
    let keys = spec.keys();
    let reads = |h: &str| h == key || keys.contains(&h);
    if let Some(column) = read_twice(&headers, reads) {
        return header(column, msg!("csv-column-twice", column = column));
    }
    let wanted = headers.iter().map(|h| reads(h)).collect();
    let rows = Grouping {
        rows: reader.into_records(),
        allowance,
        wanted,
        headers,
        id_column,
        current: None,
        seen: super::SeenIds::default(),
        done: false,
        ending: None,
    };
    if spec.log.grouped.unwrap_or(true) {
        Box::new(rows)
    } else {
        Box::new(regroup(rows))
    }
}

fn csv_error(e: &csv::Error, allowance: &Allowance) -> LogError {
    let line = e.position().map(|p| p.line() as usize);
    if allowance.spent() {
        let path = String::new();
        return super::budget::too_large(Place { line, path });
    }
    if let Some(n) = not_encoded(e) {
        let place = Place {
            line: Some(n.line),
            path: String::new(),
        };
        let message = msg!("log-not-encoded", encoding = n.encoding);
        return LogError::malformed(place, message).with_help(msg!("log-not-encoded-help"));
    }
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => msg!("csv-width", len = len, expected = expected_len),
        csv::ErrorKind::Io(io) => msg!("log-unreadable", reason = io),
        _ => msg!("log-not-csv", reason = e),
    };
    LogError::malformed(
        Place {
            line,
            path: String::new(),
        },
        message,
    )
}

/// The first column the mapping reads (`reads`) that the header row names twice: which of the
/// two is meant cannot be told.
fn read_twice(headers: &[Arc<str>], reads: impl Fn(&str) -> bool) -> Option<&str> {
    super::first_repeat(headers.iter().map(|h| &**h).filter(|h| reads(h)))
}

/// The bytes a log's encoding does not allow, when they are why it could not be read.
fn not_encoded(e: &csv::Error) -> Option<&NotEncoded> {
    match e.kind() {
        csv::ErrorKind::Io(io) => io.get_ref()?.downcast_ref(),
        _ => None,
    }
}

/// Rows to matters, relying on each matter's rows being contiguous.
struct Grouping {
    rows: Rows,
    /// The bytes the matter being read may still take.
    allowance: Allowance,
    headers: Vec<Arc<str>>,
    /// Whether the mapping reads each column: only those are kept.
    wanted: Vec<bool>,
    id_column: usize,
    current: Option<Trace>,
    /// The ids of the matters already given, to catch a log that is not grouped.
    seen: super::SeenIds,
    /// No more rows are read.
    done: bool,
    /// The error that ended the log, given after the matter read so far.
    ending: Option<LogError>,
}

impl Grouping {
    /// The next row as (case id, event), or an error that ends the log.
    fn row(&mut self) -> Option<Result<(String, LogEvent), LogError>> {
        let record = match self.rows.next()? {
            Ok(r) => r,
            Err(e) => return Some(Err(csv_error(&e, &self.allowance))),
        };
        let line = record.position().map(|p| p.line() as usize);
        let place = Place {
            line,
            path: String::new(),
        };
        let id = record.get(self.id_column).unwrap_or("").trim().to_owned();
        let fault = (record.len() != self.headers.len()).then(|| {
            let (len, expected) = (record.len(), self.headers.len());
            Box::new(msg!("csv-width", len = len, expected = expected))
        });
        let attrs: Vec<Attr> = self
            .headers
            .iter()
            .zip(&self.wanted)
            .zip(record.iter())
            .filter(|((_, wanted), v)| **wanted && !v.is_empty())
            .map(|((k, _), v)| (k.clone(), v.to_owned()))
            .collect();
        Some(Ok((
            id,
            LogEvent {
                attrs,
                place,
                fault,
            },
        )))
    }

    /// The next row, with an allowance of its own: an ungrouped log keeps every matter until
    /// its end, so there the bound holds for each row.
    fn row_alone(&mut self) -> Option<Result<(String, LogEvent), LogError>> {
        self.allowance.renew(MAX_MATTER_BYTES);
        self.row()
    }
}

impl Iterator for Grouping {
    type Item = Result<Trace, LogError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                // The last matter, read whole, comes before any error that ended the log.
                return match self.current.take() {
                    Some(t) => Some(Ok(t)),
                    None => self.ending.take().map(Err),
                };
            }
            let (id, event) = match self.row() {
                None => {
                    self.done = true;
                    continue;
                }
                Some(Err(e)) => {
                    self.done = true;
                    // The matter being read when the log broke off (at the bound, or at a row
                    // that cannot be read and may be its own) is not judged on the part read.
                    self.ending = Some(match self.current.take() {
                        Some(cut) => e.of_case(&cut.id),
                        None => e,
                    });
                    continue;
                }
                Some(Ok(r)) => r,
            };
            if id.is_empty() {
                let place = event.place.clone();
                return Some(Err(LogError::malformed(place, msg!("csv-no-case-id"))));
            }
            match &mut self.current {
                Some(t) if t.id == id => t.events.push(event),
                _ => {
                    if !self.seen.first(&id) {
                        self.done = true;
                        let message = msg!("csv-not-grouped", case = id);
                        let e = LogError::new(Code::UngroupedLog, event.place, message);
                        self.ending = Some(e.of_case(&id));
                        continue;
                    }
                    self.allowance.renew(MAX_MATTER_BYTES);
                    if let Some(done) = self.current.replace(first_row(id, event)) {
                        return Some(Ok(done));
                    }
                }
            }
        }
    }
}

/// A matter begun by its first row (a CSV matter's attributes are its rows').
fn first_row(id: String, event: LogEvent) -> Trace {
    Trace {
        id,
        attrs: Vec::new(),
        place: event.place.clone(),
        events: vec![event],
    }
}

/// Reads a log whose rows of one matter may lie apart: every row is kept until the end, then
/// the matters are given in the order they first appeared.
fn regroup(mut rows: Grouping) -> impl Iterator<Item = Result<Trace, LogError>> + Send {
    let mut traces: Vec<Trace> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut errors: Vec<LogError> = Vec::new();
    while let Some(row) = rows.row_alone() {
        match row {
            Ok((id, event)) if id.is_empty() => {
                errors.push(LogError::malformed(event.place, msg!("csv-no-case-id")));
            }
            Ok((id, event)) => match index.get(&id) {
                Some(&i) => {
                    if let Some(t) = traces.get_mut(i) {
                        t.events.push(event);
                    }
                }
                None => {
                    index.insert(id.clone(), traces.len());
                    traces.push(first_row(id, event));
                }
            },
            Err(e) => {
                errors.push(e);
                break;
            }
        }
    }
    traces
        .into_iter()
        .map(Ok)
        .chain(errors.into_iter().map(Err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_column_read_twice_is_refused() {
        let headers: Vec<Arc<str>> = ["备注", "id", "备注", "经办人", "经办人"]
            .into_iter()
            .map(Arc::from)
            .collect();
        assert_eq!(read_twice(&headers, |h| h == "经办人"), Some("经办人"));
        assert_eq!(read_twice(&headers, |h| h == "id"), None);
    }

    /// Gives its text, then fails as a broken disk or pipe does.
    struct Breaking(std::io::Cursor<Vec<u8>>);

    impl std::io::Read for Breaking {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("the disk is gone")),
                n => Ok(n),
            }
        }
    }

    /// A log that breaks off while a matter is read ends with an error naming that matter,
    /// which is never judged on the part read; the matter before it, read whole, is.
    #[test]
    fn a_matter_the_log_breaks_off_in_is_not_given() {
        let spec: MappingFile =
            toml::from_str("[activities]\nx = \"x\"").unwrap_or_else(|e| panic!("{e}"));
        let text = "case:concept:name,concept:name,time:timestamp\n\
                    c0,x,2024-01-02\nc1,x,2024-01-02\nc1,x,2024-01-03\n";
        let log = Breaking(std::io::Cursor::new(text.as_bytes().to_vec()));
        let read: Vec<_> = read(Box::new(log), &spec)
            .map(|t| t.map(|t| t.id).map_err(|e| e.case))
            .collect();
        assert_eq!(read, [Ok("c0".to_owned()), Err(Some("c1".to_owned()))]);
    }
}
