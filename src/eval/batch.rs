//! The batch contract: JSON Lines in, one record a case line out, in input order. Lines are read
//! in bounded chunks; each chunk is judged in parallel while the next is read and the one before
//! is written, so reading and writing overlap the judging.

use std::io::BufRead;

use rayon::prelude::*;

use super::Plan;
use super::verdict::{CaseFailure, ErrorBody, Record};
use crate::diag::{Code, Msg};
use crate::msg;

/// Lines judged together at most.
pub const CHUNK: usize = 1024;
/// Bytes of input judged together at most: a chunk's memory is bounded by bytes, not lines.
pub const CHUNK_BYTES: usize = 8 * 1024 * 1024;
/// The longest case accepted, in bytes.
pub const MAX_CASE_BYTES: usize = 16 * 1024 * 1024;
/// How far an over-long line is skipped looking for its end before the input is given up as
/// endless (a device like `/dev/zero`, or a file with no line breaks).
pub const MAX_SKIP_BYTES: u64 = 1024 * 1024 * 1024;

/// One case line as read: its 1-based number and its bytes (None when it was longer than
/// [`MAX_CASE_BYTES`]).
pub type Line = (usize, Option<Vec<u8>>);

/// Why reading a batch stopped.
#[derive(Debug)]
pub enum Stop {
    /// At the end of the input.
    End,
    /// No line break within [`MAX_SKIP_BYTES`] after this line's start: the rest is given up.
    Endless(usize),
    /// The input could not be read further.
    Failed(std::io::Error),
}

/// A JSON Lines input read line by line. A blank line (JSON's own whitespace only) yields no
/// case; every other line yields exactly one.
pub struct Lines<R> {
    reader: R,
    line_no: usize,
    stop: Option<Stop>,
}

impl<R: BufRead> Lines<R> {
    /// Reads `reader` as JSON Lines.
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            line_no: 0,
            stop: None,
        }
    }

    /// The case lines in chunks (see [`chunks`]), weighed by their bytes.
    pub fn chunks(&mut self) -> impl FnMut() -> Option<Vec<Line>> + '_ {
        chunks(self, |(_, bytes)| bytes.as_ref().map_or(0, Vec::len))
    }

    /// Why reading stopped; None while there is more to read.
    pub fn stop(self) -> Option<Stop> {
        self.stop
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        while self.stop.is_none() {
            let mut buf = Vec::new();
            match next_line(&mut self.reader, &mut buf) {
                Ok(None) => self.stop = Some(Stop::End),
                Err(e) => self.stop = Some(Stop::Failed(e)),
                Ok(Some(end)) => {
                    self.line_no += 1;
                    match end {
                        LineEnd::Endless => self.stop = Some(Stop::Endless(self.line_no)),
                        LineEnd::TooLong => return Some((self.line_no, None)),
                        LineEnd::Complete if blank(&buf) => {}
                        LineEnd::Complete => return Some((self.line_no, Some(buf))),
                    }
                }
            }
        }
        None
    }
}

/// Takes `items` in chunks of at most [`CHUNK`] items and about [`CHUNK_BYTES`] as `bytes`
/// weighs them (a chunk ends with the item that reaches the bound), for [`pipelined`].
pub fn chunks<T>(
    mut items: impl Iterator<Item = T>,
    bytes: impl Fn(&T) -> usize,
) -> impl FnMut() -> Option<Vec<T>> {
    move || {
        let mut chunk = Vec::new();
        let mut weight = 0;
        while chunk.len() < CHUNK && weight < CHUNK_BYTES {
            let Some(item) = items.next() else { break };
            weight += bytes(&item);
            chunk.push(item);
        }
        (!chunk.is_empty()).then_some(chunk)
    }
}

impl Plan<'_> {
    /// Judges one line of a batch: its case's record, or an error record when the line was too
    /// long or not UTF-8.
    pub fn evaluate_line(&self, (n, bytes): &Line, explain: bool) -> Record {
        let Some(bytes) = bytes else {
            let message = msg!("line-too-long", limit = MAX_CASE_BYTES);
            return failure(Some(*n), Code::MalformedCase, message);
        };
        match std::str::from_utf8(bytes) {
            Ok(text) => self.evaluate_json(text, Some(*n), explain),
            Err(e) => {
                let message = msg!("line-not-utf8", column = e.valid_up_to() + 1);
                failure(Some(*n), Code::MalformedCase, message)
            }
        }
    }
}

/// The error record of an input or line that holds no readable case.
pub fn failure(line: Option<usize>, code: Code, message: Msg) -> Record {
    Record::Error(CaseFailure {
        case: None,
        line,
        error: ErrorBody::keyed(code, String::new(), message, None),
    })
}

/// Judges chunks in input order on `pool`: while one chunk is judged, the calling thread reads
/// the next (`next`) and writes the results of the one before (`write`).
pub fn pipelined<T: Sync, R: Send>(
    pool: &rayon::ThreadPool,
    mut next: impl FnMut() -> Option<Vec<T>>,
    judge: impl Fn(&T) -> R + Sync,
    mut write: impl FnMut(Vec<R>),
) {
    let mut current = next();
    let mut judged: Vec<R> = Vec::new();
    while let Some(chunk) = current.take() {
        let mut results = Vec::new();
        pool.in_place_scope(|s| {
            s.spawn(|_| results = chunk.par_iter().map(&judge).collect());
            write(std::mem::take(&mut judged));
            current = next();
        });
        judged = results;
    }
    write(judged);
}

/// How a line read by [`next_line`] ended.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineEnd {
    /// At a line break or the end of input, within [`MAX_CASE_BYTES`].
    Complete,
    /// Longer than [`MAX_CASE_BYTES`]; skipped to its line break.
    TooLong,
    /// No line break within [`MAX_SKIP_BYTES`]: the input is given up.
    Endless,
}

fn blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// Reads one line into `buf` (without the line break), keeping at most [`MAX_CASE_BYTES`];
/// returns None at the end of input.
fn next_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<LineEnd>> {
    let mut any = false;
    let mut end = LineEnd::Complete;
    let mut seen: u64 = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(end));
        }
        any = true;
        let (part, used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (available.get(..i).unwrap_or(&[]), i + 1, true),
            None => (available, available.len(), false),
        };
        if buf.len() + part.len() <= MAX_CASE_BYTES {
            buf.extend_from_slice(part);
        } else {
            end = LineEnd::TooLong;
            buf.clear();
        }
        seen += used as u64;
        reader.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(end));
        }
        if seen > MAX_SKIP_BYTES {
            buf.clear();
            return Ok(Some(LineEnd::Endless));
        }
    }
}
