//! XES event logs (IEEE 1849), plain or gzip, read as a stream one trace at a time: only a
//! trace's and its events' own attributes are kept; nested (meta-)attributes, globals,
//! classifiers and extensions are skipped.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use super::mapping::MappingFile;
use super::{Attr, LogError, LogEvent, Place, Trace, Traces};

/// The XES trace attribute of the case id when the mapping names none.
const CASE_KEY: &str = "concept:name";

/// The element names of XES attributes.
const ATTRIBUTES: [&str; 8] = [
    "string",
    "date",
    "int",
    "float",
    "boolean",
    "id",
    "list",
    "container",
];

/// Opens an XES log, gzip-compressed or not (told by its first bytes).
pub fn open(path: &Path, spec: &MappingFile) -> std::io::Result<Traces<'static>> {
    let mut file = BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let input: Box<dyn Read + Send> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, input));
    reader.config_mut().trim_text(true);
    Ok(Box::new(Stream {
        reader,
        buf: Vec::new(),
        case_key: spec.case.id.clone().unwrap_or_else(|| CASE_KEY.to_owned()),
        keys: Vec::new(),
        traces: 0,
        done: false,
    }))
}

/// Where the reader is inside a trace.
#[derive(PartialEq, Eq)]
enum Inside {
    Trace,
    Event,
}

struct Stream {
    reader: quick_xml::Reader<BufReader<Box<dyn Read + Send>>>,
    buf: Vec<u8>,
    case_key: String,
    /// Attribute keys seen so far, shared by every event that has them.
    keys: Vec<Arc<str>>,
    traces: usize,
    done: bool,
}

impl Stream {
    fn key(&mut self, k: &str) -> Arc<str> {
        if let Some(x) = self.keys.iter().find(|x| &***x == k) {
            return x.clone();
        }
        let x: Arc<str> = Arc::from(k);
        if self.keys.len() < 4096 {
            self.keys.push(x.clone());
        }
        x
    }

    fn error(&self, message: String) -> LogError {
        LogError::malformed(
            Place {
                line: None,
                path: format!("byte {}", self.reader.buffer_position()),
            },
            message,
        )
    }

    /// A top-level attribute element's key and value (a list or container has no value).
    fn attribute(&mut self, e: &BytesStart<'_>) -> Result<Option<Attr>, LogError> {
        let (mut key, mut value) = (None, None);
        for a in e.attributes() {
            let a = a.map_err(|x| self.error(format!("the log is not XML: {x}")))?;
            let text = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|x| self.error(format!("the log is not XML: {x}")))?
                .into_owned();
            match a.key.as_ref() {
                "key" => key = Some(text),
                "value" => value = Some(text),
                _ => {}
            }
        }
        Ok(match (key, value) {
            (Some(k), Some(v)) => Some((self.key(&k), v)),
            _ => None,
        })
    }

    /// Reads up to the end of the next trace: None at the end of the log, the trace or its own
    /// error, or (outside) an error that ends the log.
    fn trace(&mut self) -> Result<Option<Result<Trace, LogError>>, LogError> {
        let mut inside: Option<Inside> = None;
        // Depth inside an attribute (its meta-attributes) or a `global`, skipped.
        let mut skip = 0usize;
        let mut trace_attrs: Vec<Attr> = Vec::new();
        let mut events: Vec<LogEvent> = Vec::new();
        let mut event: Vec<Attr> = Vec::new();
        loop {
            self.buf.clear();
            let ev = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev.into_owned(),
                Err(e) => return Err(self.error(format!("the log is not XML: {e}"))),
            };
            let (start, empty) = match &ev {
                Event::Start(e) => (Some(e), false),
                Event::Empty(e) => (Some(e), true),
                _ => (None, false),
            };
            if let Some(e) = start {
                let name = e.local_name().as_ref().to_owned();
                if skip > 0 {
                    skip += usize::from(!empty);
                    continue;
                }
                match (&inside, name.as_str()) {
                    (None, "trace") if !empty => inside = Some(Inside::Trace),
                    (None, "trace") => return Ok(Some(self.finish(Vec::new(), Vec::new()))),
                    (None, "global") if !empty => skip = 1,
                    (Some(Inside::Trace), "event") if !empty => inside = Some(Inside::Event),
                    (Some(Inside::Trace), "event") => events.push(self.event(Vec::new())),
                    (Some(_), n) if ATTRIBUTES.contains(&n) => {
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
                        events.push(self.event(std::mem::take(&mut event)));
                        inside = Some(Inside::Trace);
                    }
                    (Some(Inside::Trace), "trace") => {
                        return Ok(Some(self.finish(trace_attrs, events)));
                    }
                    _ => {}
                },
                Event::Eof if inside.is_some() => {
                    return Err(self.error("the log ends inside a trace".to_owned()));
                }
                Event::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    fn event(&self, attrs: Vec<Attr>) -> LogEvent {
        LogEvent {
            attrs,
            place: Place {
                line: None,
                path: format!("trace[{}].event", self.traces),
            },
            fault: None,
        }
    }

    fn finish(&mut self, attrs: Vec<Attr>, mut events: Vec<LogEvent>) -> Result<Trace, LogError> {
        let n = self.traces;
        self.traces += 1;
        for (i, e) in events.iter_mut().enumerate() {
            e.place.path = format!("trace[{n}].event[{i}]");
        }
        let place = Place {
            line: None,
            path: format!("trace[{n}]"),
        };
        let Some(id) = super::attr(&attrs, &self.case_key).map(str::to_owned) else {
            return Err(LogError::malformed(
                place,
                format!(
                    "the trace has no `{}` attribute for its case id",
                    self.case_key
                ),
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
