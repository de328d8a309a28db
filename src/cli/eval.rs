//! `duechain eval`: cases or JSON Lines batches, from files or stdin, streamed in order with
//! bounded memory and evaluated in parallel.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use super::args::{EvalArgs, EvalFormat, InputFormat};
use super::{INVALID, OK, VIOLATIONS, files};
use duechain::compile::model::Model;
use duechain::diag::Code;
use duechain::eval::Plan;
use duechain::eval::batch::{self, Lines, MAX_CASE_BYTES, Stop, failure};
use duechain::eval::verdict::{Record, Status};
use duechain::import::mapping::Mapping;
use duechain::import::{self, Trace};
use duechain::msg;
use duechain::report::verdict;
use duechain::report::{compact, html, status};

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

/// Writes records in the chosen format. A write error is kept, not returned: reading and
/// counting go on, nothing more is written, and the run ends with it (see `output_failed`).
struct Sink<'m, W: Write> {
    out: W,
    style: Style<'m>,
    /// JSON output is an array (several inputs, or a batch).
    array: bool,
    written: usize,
    summary: Summary,
    failed: Option<std::io::Error>,
    /// The records of an HTML page.
    kept: Vec<Record>,
}

/// How records are rendered: the same in the writer and in the workers.
#[derive(Clone, Copy)]
struct Style<'m> {
    format: EvalFormat,
    color: bool,
    /// Each matter's duties (`duechain status`) rather than its verdict.
    status: Option<&'m Model>,
}

impl Style<'_> {
    /// One record as text, without separators.
    fn render(self, record: &Record) -> String {
        if let Some(model) = self.status {
            return match self.format {
                EvalFormat::Human => status::human(record, model, self.color, super::lang()),
                EvalFormat::Json => status::json(record, model, true),
                EvalFormat::Jsonl => status::json(record, model, false),
                EvalFormat::Html => String::new(),
            };
        }
        match self.format {
            EvalFormat::Human => verdict::human(record, self.color, super::lang()),
            EvalFormat::Json => serde_json::to_string_pretty(record).unwrap_or_default(),
            EvalFormat::Jsonl => compact::to_line(record).unwrap_or_default(),
            // The page is made from every record at the end.
            EvalFormat::Html => String::new(),
        }
    }
}

impl<W: Write> Sink<'_, W> {
    fn write(&mut self, record: &Record) {
        let text = self.style.render(record);
        self.emit(record.status(), &text);
        if self.style.format == EvalFormat::Html {
            self.kept.push(record.clone());
        }
    }

    /// Writes one rendered record with the separators its format needs, and counts it.
    fn emit(&mut self, status: Status, text: &str) {
        match status {
            Status::Compliant => self.summary.compliant += 1,
            Status::Violating => self.summary.violating += 1,
            Status::Invalid => self.summary.invalid += 1,
        }
        if self.failed.is_some() {
            return;
        }
        let result = match self.style.format {
            EvalFormat::Html => Ok(()),
            EvalFormat::Human if self.written > 0 => write!(self.out, "\n{text}"),
            EvalFormat::Human => write!(self.out, "{text}"),
            EvalFormat::Json if self.array => {
                let sep = if self.written == 0 { "[\n" } else { ",\n" };
                write!(self.out, "{sep}{text}")
            }
            EvalFormat::Json | EvalFormat::Jsonl => writeln!(self.out, "{text}"),
        };
        match result {
            Ok(()) => self.written += 1,
            Err(e) => self.failed = Some(e),
        }
    }

    /// Closes the JSON array (always, so the document stays well-formed), writes the HTML page
    /// of the kept records, and flushes.
    fn finish(&mut self, model: &Model, lang: html::Lang) -> Option<std::io::Error> {
        if self.failed.is_none() {
            let mut close = || -> std::io::Result<()> {
                if self.style.format == EvalFormat::Html {
                    self.out
                        .write_all(html::report(&self.kept, model, lang).as_bytes())?;
                }
                if self.style.format == EvalFormat::Json && self.array {
                    if self.written == 0 {
                        write!(self.out, "[")?;
                    }
                    writeln!(self.out, "\n]")?;
                }
                self.out.flush()
            };
            if let Err(e) = close() {
                self.failed = Some(e);
            }
        }
        self.failed.take()
    }
}

/// How an input is read: one JSON document, or JSON Lines.
fn is_lines(input: &Path, chosen: InputFormat) -> bool {
    match chosen {
        InputFormat::Json => false,
        InputFormat::Jsonl => true,
        // Standard input is JSON Lines; a file by its extension, in any case.
        InputFormat::Auto => {
            input.as_os_str() == "-"
                || input.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")
                })
        }
    }
}

/// Evaluates every case; exit 0 when all are compliant, 1 on violations, 2 on invalid input.
/// With `status`, each matter's duties are written instead of its verdict.
pub fn run(args: &EvalArgs, status: bool) -> u8 {
    let Some(checked) = files::valid(&args.root, &args.rulebook) else {
        return INVALID;
    };
    let Some(model) = checked.model.as_ref() else {
        return INVALID;
    };
    let mapping = match &args.map {
        Some(path) => {
            let parsed = super::import::read_mapping(path);
            match parsed.and_then(|p| super::import::check_mapping(p, model)) {
                Some(m) => Some(m),
                None => return INVALID,
            }
        }
        None => None,
    };
    let plan = Plan::new(model)
        .strict_calendar(args.strict_calendar)
        .as_of(args.as_of);
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.map_or(0, usize::from))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            let message = msg!("cannot-start-threads", reason = e);
            super::fail(Code::SystemRefused, "--jobs", message, msg!("system-help"));
            return INVALID;
        }
    };
    let out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                super::write_failed(path, &e);
                return INVALID;
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let array = args.cases.len() > 1
        || mapping.is_some()
        || args.cases.iter().any(|c| is_lines(c, args.input));
    let mut sink = Sink {
        out: std::io::BufWriter::with_capacity(1 << 16, out),
        style: Style {
            format: args.format,
            color: super::color_stdout(),
            status: status.then_some(model),
        },
        array,
        written: 0,
        summary: Summary::default(),
        failed: None,
        kept: Vec::new(),
    };
    let runner = Runner {
        plan: &plan,
        pool: &pool,
        explain: args.explain,
    };
    for input in &args.cases {
        match &mapping {
            Some(m) => log(&runner, input, m, &mut sink),
            None => run_input(&runner, input, is_lines(input, args.input), &mut sink),
        }
    }
    if let Some(e) = sink.finish(model, super::lang()) {
        super::output_failed(&e);
    }
    let s = &sink.summary;
    if s.total() > 1 || args.format == EvalFormat::Jsonl {
        let counts = duechain::msg!(
            "eval-counts",
            total = s.total(),
            compliant = s.compliant,
            violating = s.violating,
            invalid = s.invalid
        );
        errln!("{}", counts.text(super::lang()));
    }
    if s.total() == 0 {
        let what = "no-case";
        return super::empty_run(args.allow_empty, &args.cases, what);
    }
    if s.invalid > 0 {
        INVALID
    } else if s.violating > 0 {
        VIOLATIONS
    } else {
        OK
    }
}

/// What evaluating a chunk needs.
struct Runner<'a> {
    plan: &'a Plan<'a>,
    pool: &'a rayon::ThreadPool,
    explain: bool,
}

/// One input: every case it holds yields one record; an input that cannot be read yields one
/// error record naming it (DC0901), and the other inputs still run.
fn run_input<W: Write>(run: &Runner<'_>, input: &Path, lines: bool, sink: &mut Sink<'_, W>) {
    let name = input.to_string_lossy().into_owned();
    let unreadable = |e: std::io::Error| {
        failure(
            None,
            Code::UnreadableFile,
            duechain::compile::load::cannot_read(&name, &e),
        )
    };
    let result = if name == "-" {
        let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin().lock());
        read(run, &mut reader, lines, &name, sink)
    } else {
        match files::open_regular(input) {
            Ok(f) => read(
                run,
                &mut BufReader::with_capacity(1 << 16, f),
                lines,
                &name,
                sink,
            ),
            Err(e) => Err(e),
        }
    };
    if let Err(e) = result {
        sink.write(&unreadable(e));
    }
}

/// Reads an input as JSON Lines or as one document.
fn read<W: Write>(
    run: &Runner<'_>,
    reader: &mut impl BufRead,
    lines: bool,
    name: &str,
    sink: &mut Sink<'_, W>,
) -> std::io::Result<()> {
    if lines {
        return batch(run, reader, sink);
    }
    let mut bytes = Vec::new();
    reader
        .take(MAX_CASE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    sink.write(&single(run, &bytes, name));
    Ok(())
}

fn single(run: &Runner<'_>, bytes: &[u8], name: &str) -> Record {
    if bytes.len() > MAX_CASE_BYTES {
        return failure(
            None,
            Code::MalformedCase,
            msg!("input-too-large", name = name, limit = MAX_CASE_BYTES),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => run.plan.evaluate_json(text, None, run.explain),
        Err(e) => failure(
            None,
            Code::MalformedCase,
            msg!("input-not-utf8", name = name, offset = e.valid_up_to()),
        ),
    }
}

/// Streams a JSON Lines batch in chunks, evaluating each in parallel, writing in order; a line
/// with no line break for [`batch::MAX_SKIP_BYTES`] ends the input with an error record.
fn batch<W: Write>(
    run: &Runner<'_>,
    reader: &mut impl BufRead,
    sink: &mut Sink<'_, W>,
) -> std::io::Result<()> {
    let mut lines = Lines::new(reader);
    evaluate(run, lines.chunks(), sink, |line| {
        run.plan.evaluate_line(line, run.explain)
    });
    match lines.stop() {
        Some(Stop::Failed(e)) => return Err(e),
        Some(Stop::Endless(n)) => {
            let message = msg!("line-endless", limit = batch::MAX_SKIP_BYTES);
            sink.write(&failure(Some(n), Code::MalformedCase, message));
        }
        Some(Stop::End) | None => {}
    }
    Ok(())
}

/// Evaluates chunks in parallel with `one`, rendering in the workers, and writes the records in
/// input order while the next chunk is read.
fn evaluate<T: Sync, W: Write>(
    run: &Runner<'_>,
    next: impl FnMut() -> Option<Vec<T>>,
    sink: &mut Sink<'_, W>,
    one: impl Fn(&T) -> Record + Sync,
) {
    let style = sink.style;
    let keep = style.format == EvalFormat::Html;
    let judge = |item: &T| {
        let record = one(item);
        let text = style.render(&record);
        (record.status(), text, keep.then_some(record))
    };
    batch::pipelined(run.pool, next, judge, |rendered| {
        for (status, text, record) in rendered {
            sink.emit(status, &text);
            sink.kept.extend(record);
        }
    });
}

/// Streams an event log matter by matter through the mapping, in chunks evaluated in parallel;
/// a log that cannot be opened yields one error record.
fn log<W: Write>(run: &Runner<'_>, input: &Path, mapping: &Mapping, sink: &mut Sink<'_, W>) {
    let traces = super::import::open_log(input, mapping);
    let model = run.plan.model();
    let next = batch::chunks(traces, |t| t.as_ref().map_or(0, Trace::bytes));
    evaluate(run, next, sink, |trace| {
        match trace
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|t| import::case_of(t, mapping, model).map(|c| (c, t.place.line)))
        {
            Ok((case, line)) => run.plan.evaluate_case(&case, line, run.explain),
            Err(e) => e.record(),
        }
    });
}
