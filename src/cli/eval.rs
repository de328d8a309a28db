//! `duechain eval`: cases or JSON Lines batches, from files or stdin, streamed in order with
//! bounded memory and evaluated in parallel.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use rayon::prelude::*;

use super::args::{EvalArgs, EvalFormat};
use super::{INVALID, OK, VIOLATIONS, files};
use duechain::diag::Code;
use duechain::eval::Plan;
use duechain::eval::verdict::{CaseFailure, ErrorBody, Record, Status};
use duechain::report::verdict;

/// Lines evaluated together; bounds memory whatever the batch size.
const CHUNK: usize = 1024;
/// The longest case accepted, in bytes.
const MAX_CASE_BYTES: usize = 16 * 1024 * 1024;

/// Counts of a run, printed to stderr.
#[derive(Default)]
struct Summary {
    compliant: usize,
    violating: usize,
    invalid: usize,
}

impl Summary {
    fn total(&self) -> usize {
        self.compliant + self.violating + self.invalid
    }
}

/// Writes records in the chosen format.
struct Sink<W: Write> {
    out: W,
    style: Style,
    /// JSON output is an array (several inputs, or a batch).
    array: bool,
    written: usize,
    summary: Summary,
}

/// How records are rendered: the same in the writer and in the workers.
#[derive(Clone, Copy)]
struct Style {
    format: EvalFormat,
    color: bool,
}

impl Style {
    /// One record as text, without separators.
    fn render(self, record: &Record) -> String {
        match self.format {
            EvalFormat::Human => verdict::human(record, self.color),
            EvalFormat::Json => serde_json::to_string_pretty(record).unwrap_or_default(),
            EvalFormat::Jsonl => serde_json::to_string(record).unwrap_or_default(),
        }
    }
}

impl<W: Write> Sink<W> {
    fn write(&mut self, record: &Record) -> std::io::Result<()> {
        let text = self.style.render(record);
        self.emit(record.status(), &text)
    }

    /// Writes one rendered record with the separators its format needs, and counts it.
    fn emit(&mut self, status: Status, text: &str) -> std::io::Result<()> {
        match status {
            Status::Compliant => self.summary.compliant += 1,
            Status::Violating => self.summary.violating += 1,
            Status::Invalid => self.summary.invalid += 1,
        }
        match self.style.format {
            EvalFormat::Human if self.written > 0 => write!(self.out, "\n{text}")?,
            EvalFormat::Human => write!(self.out, "{text}")?,
            EvalFormat::Json if self.array => {
                let sep = if self.written == 0 { "[\n" } else { ",\n" };
                write!(self.out, "{sep}{text}")?;
            }
            EvalFormat::Json | EvalFormat::Jsonl => writeln!(self.out, "{text}")?,
        }
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        if self.style.format == EvalFormat::Json && self.array {
            if self.written == 0 {
                write!(self.out, "[")?;
            }
            writeln!(self.out, "\n]")?;
        }
        self.out.flush()
    }
}

fn failure(line: Option<usize>, code: Code, message: String) -> Record {
    Record::Error(CaseFailure {
        case: None,
        line,
        error: ErrorBody {
            code: code.id(),
            message,
            path: String::new(),
        },
    })
}

/// Evaluates every case; exit 0 when all are compliant, 1 on violations, 2 on invalid input.
pub fn run(args: &EvalArgs) -> u8 {
    let Some(checked) = files::valid(&args.root, &args.rulebook) else {
        return INVALID;
    };
    let Some(model) = checked.model.as_ref() else {
        return INVALID;
    };
    let plan = Plan::new(model);
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return INVALID;
        }
    };
    let stdout = std::io::stdout();
    let array = args.cases.len() > 1
        || args
            .cases
            .iter()
            .any(|c| is_batch(c) || c.as_os_str() == "-");
    let mut sink = Sink {
        out: std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        style: Style {
            format: args.format,
            color: super::color_stdout(),
        },
        array,
        written: 0,
        summary: Summary::default(),
    };
    let mut result = Ok(());
    for input in &args.cases {
        result = run_input(
            &Runner {
                plan: &plan,
                pool: &pool,
                explain: args.explain,
            },
            input,
            &mut sink,
        );
        if result.is_err() {
            break;
        }
    }
    let result = result.and_then(|()| sink.finish());
    if let Err(e) = result
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the verdicts: {e}");
        return INVALID;
    }
    let s = &sink.summary;
    if s.total() > 1 || args.format == EvalFormat::Jsonl {
        eprintln!(
            "{} case(s): {} compliant, {} violating, {} invalid",
            s.total(),
            s.compliant,
            s.violating,
            s.invalid
        );
    }
    if s.invalid > 0 {
        INVALID
    } else if s.violating > 0 {
        VIOLATIONS
    } else {
        OK
    }
}

/// A JSON Lines batch file, by its extension.
fn is_batch(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    )
}

/// What evaluating a chunk needs.
struct Runner<'a> {
    plan: &'a Plan<'a>,
    pool: &'a rayon::ThreadPool,
    explain: bool,
}

fn run_input<W: Write>(run: &Runner<'_>, input: &Path, sink: &mut Sink<W>) -> std::io::Result<()> {
    let name = input.to_string_lossy();
    if name == "-" {
        let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin().lock());
        return read_stdin(run, &mut reader, sink);
    }
    let lines = matches!(
        input.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    );
    let file = match std::fs::File::open(input) {
        Ok(f) => f,
        Err(e) => {
            return sink.write(&failure(
                None,
                Code::UnreadableFile,
                format!("cannot read `{name}`: {e}"),
            ));
        }
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    if lines {
        batch(run, &mut reader, 0, Vec::new(), sink)
    } else {
        let mut bytes = Vec::new();
        reader
            .by_ref()
            .take(MAX_CASE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)?;
        sink.write(&single(run, &bytes, &name))
    }
}

/// Standard input: JSON Lines, unless the first line does not hold a whole JSON value (a
/// pretty-printed case), which is then read as one document.
fn read_stdin<W: Write>(
    run: &Runner<'_>,
    reader: &mut impl BufRead,
    sink: &mut Sink<W>,
) -> std::io::Result<()> {
    let mut first = Vec::new();
    let Some(_) = next_line(reader, &mut first)? else {
        return Ok(());
    };
    let whole_line = first.iter().all(u8::is_ascii_whitespace)
        || serde_json::from_slice::<serde::de::IgnoredAny>(&first).is_ok();
    if whole_line {
        return batch(run, reader, 1, first, sink);
    }
    first.push(b'\n');
    reader.take(MAX_CASE_BYTES as u64).read_to_end(&mut first)?;
    sink.write(&single(run, &first, "stdin"))
}

fn single(run: &Runner<'_>, bytes: &[u8], name: &str) -> Record {
    if bytes.len() > MAX_CASE_BYTES {
        return failure(
            None,
            Code::MalformedCase,
            format!("`{name}` is larger than {MAX_CASE_BYTES} bytes"),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => run.plan.evaluate_json(text, None, run.explain),
        Err(e) => failure(
            None,
            Code::MalformedCase,
            format!(
                "`{name}` is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        ),
    }
}

/// One line of a batch as read: its number and bytes (None when it was too long).
type Line = (usize, Option<Vec<u8>>);

/// Streams a JSON Lines batch in chunks, evaluating each chunk in parallel, writing in order.
fn batch<W: Write>(
    run: &Runner<'_>,
    reader: &mut impl BufRead,
    mut line_no: usize,
    pending: Vec<u8>,
    sink: &mut Sink<W>,
) -> std::io::Result<()> {
    let mut chunk: Vec<Line> = Vec::with_capacity(CHUNK);
    if line_no > 0 && !pending.iter().all(u8::is_ascii_whitespace) {
        chunk.push((line_no, Some(pending)));
    }
    loop {
        let mut buf = Vec::new();
        let Some(complete) = next_line(reader, &mut buf)? else {
            break;
        };
        line_no += 1;
        if complete && buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        chunk.push((line_no, complete.then_some(buf)));
        if chunk.len() == CHUNK {
            flush(run, &mut chunk, sink)?;
        }
    }
    flush(run, &mut chunk, sink)
}

fn flush<W: Write>(
    run: &Runner<'_>,
    chunk: &mut Vec<Line>,
    sink: &mut Sink<W>,
) -> std::io::Result<()> {
    let style = sink.style;
    let rendered: Vec<(Status, String)> = run.pool.install(|| {
        chunk
            .par_iter()
            .map(|(n, bytes)| match bytes {
                None => failure(
                    Some(*n),
                    Code::MalformedCase,
                    format!("the line is longer than {MAX_CASE_BYTES} bytes"),
                ),
                Some(b) => match std::str::from_utf8(b) {
                    Ok(text) => run.plan.evaluate_json(text, Some(*n), run.explain),
                    Err(e) => failure(
                        Some(*n),
                        Code::MalformedCase,
                        format!(
                            "the line is not UTF-8 text (invalid byte at column {})",
                            e.valid_up_to() + 1
                        ),
                    ),
                },
            })
            .map(|record| (record.status(), style.render(&record)))
            .collect()
    });
    chunk.clear();
    for (status, text) in &rendered {
        sink.emit(*status, text)?;
    }
    Ok(())
}

/// Reads one line into `buf` (without the newline), keeping at most [`MAX_CASE_BYTES`]; returns
/// None at the end of input, Some(false) when the line was longer than that.
fn next_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    let mut any = false;
    let mut complete = true;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(complete));
        }
        any = true;
        let (part, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (available.get(..i).unwrap_or(&[]), i + 1, true),
            None => (available, available.len(), false),
        };
        if buf.len() + part.len() <= MAX_CASE_BYTES {
            buf.extend_from_slice(part);
        } else {
            complete = false;
        }
        reader.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(complete));
        }
    }
}
