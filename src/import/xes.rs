//! XES event logs (IEEE 1849), plain or gzip, read as a stream one trace at a time: only a
//! trace's and its events' own attributes are kept; nested (meta-)attributes, globals,
//! classifiers and extensions are skipped.

use crate::diag::Msg;
use crate::msg;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use super::budget::{Allowance, Budgeted, MAX_MATTER_BYTES};
use super::mapping::MappingFile;
use super::{Attr, LogError, LogEvent, Place, Trace, Traces};

/// The XES trace attribute of the case id when the mapping names none.
const CASE_KEY: &str = "concept:name";

/// Reads an XES log, gzip-compressed or not (told by its first bytes).
pub fn read(input: Box<dyn Read + Send>, spec: &MappingFile) -> Traces<'static> {
    let mut file = BufReader::with_capacity(1 << 18, input);
    let gzip = match file.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => {
            let e = LogError::malformed(Place::default(), msg!("log-unreadable", reason = e));
            return Box::new(std::iter::once(Err(e)));
        }
    };
    let input: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(file)
    };
    let allowance = Allowance::new(MAX_MATTER_BYTES);
    let mut reader = quick_xml::Reader::from_reader(Budgeted::new(input, allowance.clone()));
    reader.config_mut().trim_text(true);
    Box::new(Stream {
        reader,
        allowance,
        buf: Vec::new(),
        case_key: spec.case.id.clone().unwrap_or_else(|| CASE_KEY.to_owned()),
        wanted: {
            let mut keys: Vec<Arc<str>> = spec.keys().into_iter().map(Arc::from).collect();
            keys.push(Arc::from(spec.case.id.as_deref().unwrap_or(CASE_KEY)));
            keys
        },
        traces: 0,
        done: false,
    })
}

/// Where the reader is inside a trace.
#[derive(PartialEq, Eq)]
enum Inside {
    Trace,
    Event,
}

struct Stream {
    reader: quick_xml::Reader<Budgeted<Box<dyn BufRead + Send>>>,
    /// The bytes the trace being read may still take (counted after decompression).
    allowance: Allowance,
    buf: Vec<u8>,
    case_key: String,
    /// The attribute keys the mapping reads, shared by every event that has them: only these
    /// are kept.
    wanted: Vec<Arc<str>>,
    traces: usize,
    done: bool,
}

impl Stream {
    fn error(&self, message: Msg) -> LogError {
        LogError::malformed(
            Place {
                line: None,
                path: format!("byte {}", self.reader.buffer_position()),
            },
            message,
        )
    }

    /// A top-level attribute element's key and value, when the mapping reads it (a list or
    /// container has no value).
    fn attribute(&self, e: &BytesStart<'_>) -> Result<Option<Attr>, LogError> {
        let (mut key, mut value) = (None, None);
        for a in e.attributes().with_checks(false) {
            let a = a.map_err(|x| self.error(msg!("log-not-xml", reason = x)))?;
            match a.key.as_ref() {
                "key" => {
                    let k = value_of(&a).map_err(|x| self.error(x))?;
                    match self.wanted.iter().find(|w| ***w == *k) {
                        Some(w) => key = Some(w.clone()),
                        None => return Ok(None),
                    }
                }
                "value" => value = Some(value_of(&a).map_err(|x| self.error(x))?.into_owned()),
                _ => {}
            }
        }
        Ok(key.zip(value))
    }

    /// Reads up to the end of the next trace: None at the end of the log, the trace or its own
    /// error, or (outside) an error that ends the log.
    fn trace(&mut self) -> Result<Option<Result<Trace, LogError>>, LogError> {
        self.allowance.renew(MAX_MATTER_BYTES);
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.trace_into(&mut buf);
        self.buf = buf;
        result
    }

    fn trace_into(
        &mut self,
        buf: &mut Vec<u8>,
    ) -> Result<Option<Result<Trace, LogError>>, LogError> {
        let mut inside: Option<Inside> = None;
        // Depth inside an attribute (its meta-attributes) or a `global`, skipped.
        let mut skip = 0usize;
        let mut trace_attrs: Vec<Attr> = Vec::new();
        let mut events: Vec<LogEvent> = Vec::new();
        let mut event: Vec<Attr> = Vec::new();
        loop {
            buf.clear();
            let ev = match self.reader.read_event_into(buf) {
                Ok(ev) => ev,
                Err(_) if self.allowance.spent() => {
                    let at = Place {
                        line: None,
                        path: format!("trace[{}]", self.traces),
                    };
                    return Err(super::budget::too_large(at));
                }
                Err(e) => return Err(self.error(msg!("log-not-xml", reason = e))),
            };
            let (start, empty) = match &ev {
                Event::Start(e) => (Some(e), false),
                Event::Empty(e) => (Some(e), true),
                _ => (None, false),
            };
            if let Some(e) = start {
                if skip > 0 {
                    skip += usize::from(!empty);
                    continue;
                }
                match (&inside, e.local_name().as_ref()) {
                    (None, "trace") if !empty => inside = Some(Inside::Trace),
                    (None, "trace") => return Ok(Some(self.finish(Vec::new(), Vec::new()))),
                    (None, "global") if !empty => skip = 1,
                    (Some(Inside::Trace), "event") if !empty => inside = Some(Inside::Event),
                    (Some(Inside::Trace), "event") => events.push(Self::event(Vec::new())),
                    (
                        Some(_),
                        "string" | "date" | "int" | "float" | "boolean" | "id" | "list"
                        | "container",
                    ) => {
                        let a = self.attribute(e)?;
                        let into = match inside {
                            Some(Inside::Event) => &mut event,
                            _ => &mut trace_attrs,
                        };
                        into.extend(a);
                        if !empty {
                            skip = 1;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match ev {
                Event::End(_) if skip > 0 => skip -= 1,
                Event::End(e) => match (&inside, e.local_name().as_ref()) {
                    (Some(Inside::Event), "event") => {
                        events.push(Self::event(std::mem::take(&mut event)));
                        inside = Some(Inside::Trace);
                    }
                    (Some(Inside::Trace), "trace") => {
                        return Ok(Some(self.finish(trace_attrs, events)));
                    }
                    _ => {}
                },
                Event::Eof if inside.is_some() => {
                    return Err(self.error(msg!("log-ends-in-trace")));
                }
                Event::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    fn event(attrs: Vec<Attr>) -> LogEvent {
        LogEvent {
            attrs,
            place: Place::default(),
            fault: None,
        }
    }

    fn finish(&mut self, attrs: Vec<Attr>, events: Vec<LogEvent>) -> Result<Trace, LogError> {
        let n = self.traces;
        self.traces += 1;
        let place = Place {
            line: None,
            path: format!("trace[{n}]"),
        };
        let Some(id) = super::attr(&attrs, &self.case_key).map(str::to_owned) else {
            return Err(LogError::malformed(
                place,
                msg!("log-trace-no-id", key = self.case_key),
            ));
        };
        Ok(Trace {
            id,
            attrs,
            events,
            place,
        })
    }
}

/// An attribute's value: its text as written when nothing in it needs unescaping or
/// normalizing (the common case), else unescaped and normalized as XML 1.0 says.
fn value_of<'a>(
    a: &quick_xml::events::attributes::Attribute<'a>,
) -> Result<std::borrow::Cow<'a, str>, Msg> {
    if !a.value.contains(['&', '\t', '\n', '\r']) {
        return Ok(a.value.clone());
    }
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(|x| msg!("log-not-xml", reason = x))
}

impl Iterator for Stream {
    type Item = Result<Trace, LogError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.trace() {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}
