//! XES event logs (IEEE 1849), plain or gzip, read as a stream one trace at a time: only a
//! trace's and its events' own attributes are kept; nested (meta-)attributes, globals,
//! classifiers and extensions are skipped.

use crate::diag::{Code, Msg};
use crate::msg;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
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
        wanted: spec
            .keys()
            .into_iter()
            .chain(Some(spec.case.id.as_deref().unwrap_or(CASE_KEY)))
            .map(Arc::from)
            .collect(),
        traces: 0,
        events: 0,
        run: Vec::new(),
        seen: super::SeenIds::default(),
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
    wanted: foldhash::HashSet<Arc<str>>,
    traces: usize,
    /// The events of the last trace read.
    events: usize,
    /// The plain attribute elements found in the input, reused.
    run: Vec<Plain>,
    /// The case ids of the traces already given, to catch a matter split in two.
    seen: super::SeenIds,
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
                    match self.wanted.get(&*k) {
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

    /// Reads the plain attribute elements (see [`plain_attribute`]) that come next, straight
    /// from the parser's buffered input, keeping those the mapping reads: the common case,
    /// without the parser's work per element. Whatever else comes is left to the parser.
    fn plain_attributes(&mut self, into: &mut Vec<Attr>) {
        let mut input = self.reader.stream();
        loop {
            let Ok(bytes) = input.fill_buf() else { return };
            self.run.clear();
            let mut end = 0;
            while let Some(p) = plain_attribute(bytes, end) {
                end = p.end;
                self.run.push(p);
            }
            if end == 0 {
                // Nothing plain comes next: the parser reads on.
                return;
            }
            // One check of the run's UTF-8; text that is not is left to the parser to report.
            let Some(text) = bytes.get(..end).and_then(|b| std::str::from_utf8(b).ok()) else {
                return;
            };
            let mut read = 0;
            for p in &self.run {
                let (Some(key), Some(value)) = (text.get(p.key.clone()), text.get(p.value.clone()))
                else {
                    break;
                };
                if let Some(k) = self.wanted.get(key) {
                    into.push((k.clone(), value.to_owned()));
                }
                read = p.end;
            }
            input.consume(read);
            if read < end {
                return;
            }
        }
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
        // As many events as the last trace had, most likely (a few dozen at most: a hint must
        // not make every trace hold what one large trace needed).
        let mut events: Vec<LogEvent> = Vec::with_capacity(self.events.min(HINT));
        let mut event: Vec<Attr> = Vec::new();
        // Whether the parser stands just past the `>` of a tag, where the plain attribute
        // elements that follow may be read straight from its input.
        let mut past_tag = false;
        loop {
            if past_tag && skip == 0 && inside.is_some() {
                self.plain_attributes(attrs_of(&inside, &mut event, &mut trace_attrs));
            }
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
            past_tag = matches!(ev, Event::Start(_) | Event::Empty(_) | Event::End(_));
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
                        attrs_of(&inside, &mut event, &mut trace_attrs).extend(a);
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
                        // The next event most likely has as many attributes.
                        let width = Vec::with_capacity(event.len().min(HINT));
                        events.push(Self::event(std::mem::replace(&mut event, width)));
                        inside = Some(Inside::Trace);
                    }
                    (Some(Inside::Trace), "trace") => {
                        self.events = events.len();
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

    /// An event of its attributes: malformed when it gives a key twice (XES keys are unique
    /// within their element, and which value is meant cannot be told).
    fn event(attrs: Vec<Attr>) -> LogEvent {
        let fault = super::first_repeat(attrs.iter().map(|(k, _)| &**k))
            .map(|key| Box::new(msg!("log-key-twice", key = key)));
        LogEvent {
            attrs,
            place: Place::default(),
            fault,
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
        if !self.seen.first(&id) {
            let message = msg!("xes-trace-twice", case = id);
            return Err(LogError::new(Code::UngroupedLog, place, message).of_case(&id));
        }
        if let Some(key) = super::first_repeat(attrs.iter().map(|(k, _)| &**k)) {
            let twice = LogError::malformed(place, msg!("log-key-twice", key = key));
            return Err(twice.of_case(&id));
        }
        Ok(Trace {
            id,
            attrs,
            events,
            place,
        })
    }
}

/// The attributes an attribute element read `inside` belongs to: the event's or the trace's.
fn attrs_of<'v>(
    inside: &Option<Inside>,
    event: &'v mut Vec<Attr>,
    trace: &'v mut Vec<Attr>,
) -> &'v mut Vec<Attr> {
    match inside {
        Some(Inside::Event) => event,
        _ => trace,
    }
}

/// The most events or attributes room is made for ahead, from the trace or event before.
const HINT: usize = 64;

/// Where a plain attribute element's key and value are in the input, and where it ends.
struct Plain {
    key: Range<usize>,
    value: Range<usize>,
    end: usize,
}

/// The attribute element XES writers almost always write, after any whitespace, at `at` in
/// `bytes`: `<string key="K" value="V"/>` (or `date`, `int`, `float`, `boolean`, `id`), with
/// nothing in K or V to unescape or normalize. None for anything else, and for an element the
/// buffer holds only part of.
fn plain_attribute(bytes: &[u8], at: usize) -> Option<Plain> {
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let open = at + bytes.get(at..)?.iter().position(|b| !blank(b))?;
    // The elements of XES's typed attributes with a single value, told by their first letter.
    let key = match bytes.get(open + 1)? {
        b's' => past(bytes, open, b"<string key=\""),
        b'd' => past(bytes, open, b"<date key=\""),
        b'i' => past(bytes, open, b"<int key=\"").or_else(|| past(bytes, open, b"<id key=\"")),
        b'f' => past(bytes, open, b"<float key=\""),
        b'b' => past(bytes, open, b"<boolean key=\""),
        _ => None,
    }?;
    let key = quoted(bytes, key)?;
    let value = quoted(bytes, past(bytes, key.end + 1, b" value=\"")?)?;
    let end = past(bytes, value.end + 1, b"/>")?;
    Some(Plain { key, value, end })
}

/// Where `prefix` ends when `bytes` has it at `at` (compared as a fixed-size array, without a
/// call per comparison).
fn past<const N: usize>(bytes: &[u8], at: usize, prefix: &[u8; N]) -> Option<usize> {
    let (head, _) = bytes.get(at..)?.split_first_chunk::<N>()?;
    (head == prefix).then_some(at + N)
}

/// The text from `at` up to a closing `"`, when no reference, markup or control character is
/// in it.
fn quoted(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let rest = bytes.get(at..)?;
    let end = at + memchr::memchr3(b'"', b'&', b'<', rest)?;
    let text = bytes.get(at..end)?;
    let controls = text.iter().fold(0u8, |any, &b| any | u8::from(b < 0x20));
    (bytes.get(end) == Some(&b'"') && controls == 0).then_some(at..end)
}

/// An attribute's value, unescaped and normalized as XML 1.0 says (borrowed as written when
/// nothing in it needs either, as quick-xml tells).
fn value_of<'a>(
    a: &quick_xml::events::attributes::Attribute<'a>,
) -> Result<std::borrow::Cow<'a, str>, Msg> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    /// What the reader gives, written out: traces with their attributes, or the error and its
    /// place.
    fn read_all(doc: &str) -> Vec<String> {
        let spec: MappingFile = toml::from_str(
            "[activities]\nx = \"x\"\n[fields]\nnote = { attribute = \"note\" }\n\
             [facts]\nrisk = \"risk\"",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        read(Box::new(std::io::Cursor::new(doc.to_owned())), &spec)
            .map(|t| match t {
                Ok(t) => {
                    let events: Vec<_> = t.events.iter().map(|e| &e.attrs).collect();
                    format!("{} {:?} {:?}", t.id, t.attrs, events)
                }
                Err(e) => format!("{:?} {}", e.place, e.keys.0.id),
            })
            .collect()
    }

    /// An attribute element: its tag, key, value, and a meta-attribute inside it, written with
    /// `quote` around its values.
    type Element = (usize, usize, String, bool);

    /// The elements of XES's typed attributes with a single value.
    const VALUE_TAGS: [&str; 6] = ["string", "date", "int", "float", "boolean", "id"];

    const KEYS: [&str; 5] = ["concept:name", "time:timestamp", "note", "risk", "other"];

    fn element(e: &Element, quote: char, out: &mut String) {
        let (tag, key, value, meta) = e;
        let tag = VALUE_TAGS[tag % VALUE_TAGS.len()];
        let key = KEYS[key % KEYS.len()];
        let q = quote;
        let _ = write!(out, "<{tag} key={q}{key}{q} value={q}{value}{q}");
        if *meta {
            let _ = write!(out, "><string key={q}note{q} value={q}m{q}/></{tag}>");
        } else {
            out.push_str("/>");
        }
    }

    /// A log of traces of attribute elements and events, with `quote` around attribute values
    /// and `gap` between elements.
    fn document(traces: &[(Vec<Element>, Vec<Vec<Element>>)], quote: char, gap: &str) -> String {
        let mut out = String::from("<?xml version=\"1.0\"?>\n<log>");
        for (attrs, events) in traces {
            out.push_str("<trace>");
            for a in attrs {
                out.push_str(gap);
                element(a, quote, &mut out);
            }
            for e in events {
                out.push_str(gap);
                out.push_str("<event>");
                for a in e {
                    out.push_str(gap);
                    element(a, quote, &mut out);
                }
                out.push_str("</event>");
            }
            out.push_str("</trace>");
        }
        out.push_str("</log>");
        out
    }

    fn an_element() -> impl Strategy<Value = Element> {
        // Values with references, markup, tabs and non-ASCII text, none of them a quote.
        let value = "([a-z0-9 中-]|&amp;|&#x4E2D;|>|<|\t|\n){0,6}";
        (0..6usize, 0..5usize, value, proptest::bool::weighted(0.1))
    }

    proptest! {
        /// Reading plain attribute elements straight from the input gives what the XML parser
        /// gives: the same log written with single quotes (which the parser alone reads, and
        /// whose bytes lie at the same places) reads the same, errors and their places
        /// included.
        #[test]
        fn plain_attributes_read_as_the_parser_reads_them(
            traces in proptest::collection::vec((
                proptest::collection::vec(an_element(), 0..4),
                proptest::collection::vec(proptest::collection::vec(an_element(), 0..5), 0..4),
            ), 0..5),
            gap in "( |\n|\t|<!-- c -->|x){0,2}",
            cut in 0..400usize,
        ) {
            let (double, single) = (document(&traces, '"', &gap), document(&traces, '\'', &gap));
            prop_assert_eq!(read_all(&double), read_all(&single));
            // A log cut short (its end missing) fails at the same place either way.
            let cut = (1..=cut.min(double.len())).rev().find(|c| double.is_char_boundary(*c));
            if let Some(c) = cut {
                let (d, s) = (double.get(..c).unwrap_or(""), single.get(..c).unwrap_or(""));
                prop_assert_eq!(read_all(d), read_all(s));
            }
        }
    }

    /// A log larger than the reader's buffer: elements cut by the buffer's end are read as
    /// whole as the others.
    #[test]
    fn plain_attributes_across_buffer_ends() {
        let element = (0, 2, "a 中 value".to_owned(), false);
        let events = vec![vec![element.clone(); 7]; 40];
        let traces = vec![(vec![(0, 0, "case".to_owned(), false)], events); 300];
        let (double, single) = (document(&traces, '"', "\n"), document(&traces, '\'', "\n"));
        assert!(double.len() > 3 << 18);
        let read = read_all(&double);
        assert_eq!(read.len(), 300);
        assert_eq!(read, read_all(&single));
    }
}
