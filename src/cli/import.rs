//! `duechain import`: event logs through a mapping into case JSON Lines, the cases `eval --map`
//! would evaluate, to inspect and keep.

use std::io::Write;
use std::path::Path;

use super::args::{ImportArgs, RootArgs};
use super::{INVALID, OK, files};
use duechain::compile::model::Model;
use duechain::diag::Code;
use duechain::import::mapping::{LogFormat, Mapping, MappingErrors, Parsed};
use duechain::import::{self, LogError, Place, Source, Traces};

/// The largest mapping file read.
const MAX_MAPPING_BYTES: usize = 1 << 20;

/// Reads a mapping file, printing its diagnostics when it is not a mapping.
pub fn read_mapping(path: &Path) -> Option<Parsed> {
    let name = path.to_string_lossy().into_owned();
    let text = match files::read_bounded(path, MAX_MAPPING_BYTES)
        .map_err(|e| duechain::compile::load::cannot_read(&name, &e))
        .and_then(|b| String::from_utf8(b).map_err(|_| duechain::msg!("not-utf8", file = name)))
    {
        Ok(t) => duechain::source::without_bom(&t).to_owned(),
        Err(message) => {
            let help = duechain::msg!("mapping-help");
            super::fail(Code::UnreadableFile, &name, message, help);
            return None;
        }
    };
    Parsed::read(&name, &text).map_err(report).ok()
}

/// Checks a mapping against a rulebook, printing its diagnostics when it fails.
pub fn check_mapping(parsed: Parsed, model: &Model) -> Option<Mapping> {
    parsed.check(model).map_err(report).ok()
}

fn report(e: MappingErrors) {
    let color = super::color_stderr();
    err!(
        "{}",
        duechain::report::diagnostics::human(&e.diagnostics, &e.sources, color, super::lang())
    );
}

/// Opens a log for reading: `-` (standard input) or a regular file as a stream, or an OCEL SQLite
/// database read-only.
pub fn open_log(path: &Path, mapping: &Mapping) -> Traces<'static> {
    let format = import::format_of(path, mapping);
    let source = if path.as_os_str() == "-" {
        // Standard input: a stream in the mapping's format (CSV unless it says).
        Ok(Source::Stream(Box::new(std::io::stdin())))
    } else if format == LogFormat::OcelSqlite {
        files::open_regular(path).and_then(|_| {
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
            rusqlite::Connection::open_with_flags(path, flags)
                .map(Source::Sqlite)
                .map_err(std::io::Error::other)
        })
    } else {
        files::open_regular(path).map(|f| Source::Stream(Box::new(f)))
    };
    match source {
        Ok(s) => import::traces(s, format, mapping),
        Err(e) => Box::new(std::iter::once(Err(unreadable(path, &e)))),
    }
}

/// The error record of a log that cannot be opened.
pub fn unreadable(log: &Path, e: &std::io::Error) -> LogError {
    let message = duechain::compile::load::cannot_read(log.display(), e);
    LogError::new(Code::UnreadableFile, Place::default(), message)
}

/// Writes every matter of every log as one JSON line: its case, or its error record.
pub fn run(args: &ImportArgs) -> u8 {
    let Some(parsed) = read_mapping(&args.map) else {
        return INVALID;
    };
    let named = parsed.file.rulebook.as_ref().map(|r| {
        let dir = args.map.parent().unwrap_or(Path::new(""));
        dir.join(r)
    });
    let Some(book) = args.rulebook.clone().or(named) else {
        let place = args.map.display().to_string();
        let message = duechain::msg!("mapping-no-rulebook");
        super::fail(
            Code::InvalidMapping,
            &place,
            message,
            duechain::msg!("mapping-help"),
        );
        return INVALID;
    };
    let root = RootArgs {
        root: args.root.root.clone(),
    };
    let Some(checked) = files::valid(&root, &book) else {
        return INVALID;
    };
    let Some(model) = checked.model.as_ref() else {
        return INVALID;
    };
    let Some(mapping) = check_mapping(parsed, model) else {
        return INVALID;
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut cases, mut errors) = (0usize, 0usize);
    for log in &args.logs {
        for trace in open_log(log, &mapping) {
            let line = match trace.and_then(|t| import::case_of(&t, &mapping, model)) {
                Ok(case) => {
                    cases += 1;
                    serde_json::to_string(&case)
                }
                Err(e) => {
                    errors += 1;
                    serde_json::to_string(&e.record())
                }
            };
            if let Err(e) = writeln!(out, "{}", line.unwrap_or_default()) {
                super::output_failed(&e);
            }
        }
    }
    if let Err(e) = out.flush() {
        super::output_failed(&e);
    }
    let counts = duechain::msg!("import-counts", cases = cases, errors = errors);
    errln!("{}", counts.text(super::lang()));
    if errors > 0 {
        INVALID
    } else if cases == 0 {
        super::empty_run(false, &args.logs, "no-matter")
    } else {
        OK
    }
}
