//! The command line: a thin layer over the library. The only place that reads files, standard
//! input or the environment.
#![expect(
    clippy::disallowed_methods,
    reason = "the command line is the one place that reads files and the environment"
)]

/// Writes to standard output: a closed pipe ends the program quietly, any other write error is
/// reported with its code (DC0905) and exit status 2 — never a panic.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::write_out(format_args!($($arg)*))
    };
}

/// Writes a line to standard output (see `out!`).
macro_rules! outln {
    () => {
        $crate::cli::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Writes to standard error, ignoring a closed stream (there is nowhere left to report to).
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// Writes a line to standard error, ignoring a closed stream.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod check;
mod eval;
mod explain;
mod files;
mod fmt;
mod graph;
mod import;
mod lsp;
mod serve;
mod test;

pub use args::Cli;

use std::process::ExitCode;

use duechain::diag::Msg;
use duechain::msg;

use clap::{CommandFactory, Parser};

/// Exit status: all good.
pub const OK: u8 = 0;
/// Exit status: the cases have violations (or a test failed).
pub const VIOLATIONS: u8 = 1;
/// Exit status: invalid input of any kind.
pub const INVALID: u8 = 2;

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { INVALID } else { OK });
        }
    };
    let _ = COLOR.set(cli.color);
    let _ = LANG.set(cli.lang);
    let code = match cli.command {
        args::Command::Check(a) => check::run(&a),
        args::Command::Eval(a) => eval::run(&a, false),
        args::Command::Status(a) => eval::run(&a, true),
        args::Command::Import(a) => import::run(&a),
        args::Command::Serve(a) => serve::run(&a),
        args::Command::Token(t) => serve::token(&t),
        args::Command::Graph(a) => graph::run(&a),
        args::Command::Doc(a) => graph::doc(&a),
        args::Command::Lsp => lsp::run(),
        args::Command::Test(a) => test::run(&a),
        args::Command::Fmt(a) => fmt::run(&a),
        args::Command::Explain(a) => explain::run(&a),
        args::Command::Schema(a) => match duechain::report::schema::schema(&a.name) {
            Some(text) => {
                out!("{text}");
                OK
            }
            None => INVALID,
        },
        args::Command::Completions(a) => {
            let mut out = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "duechain", &mut out);
            out!("{}", String::from_utf8_lossy(&out));
            OK
        }
        args::Command::Man => man(),
    };
    ExitCode::from(code)
}

/// The `--color` choice of this run.
static COLOR: std::sync::OnceLock<args::ColorChoice> = std::sync::OnceLock::new();

/// The `--lang` the command line gave, if any.
static LANG: std::sync::OnceLock<Option<args::Lang>> = std::sync::OnceLock::new();

/// The language asked for with `--lang`, if any.
pub(crate) fn asked_lang() -> Option<args::Lang> {
    LANG.get().copied().flatten()
}

/// The language of messages and reports: `--lang`, else the locale's, else English.
pub(crate) fn lang() -> duechain::diag::Lang {
    asked_lang()
        .or_else(locale_lang)
        .unwrap_or(args::Lang::En)
        .into()
}

/// Whether to colour a stream that is (or is not) a terminal.
fn color(terminal: bool) -> bool {
    match COLOR.get().copied().unwrap_or(args::ColorChoice::Auto) {
        args::ColorChoice::Always => true,
        args::ColorChoice::Never => false,
        args::ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal
        }
    }
}

/// Whether to colour output written to stdout.
fn color_stdout() -> bool {
    use std::io::IsTerminal;
    color(std::io::stdout().is_terminal())
}

/// Whether to colour output written to stderr.
fn color_stderr() -> bool {
    use std::io::IsTerminal;
    color(std::io::stderr().is_terminal())
}

/// `duechain man`: the manual page of the command and its subcommands, in roff.
fn man() -> u8 {
    let command = Cli::command();
    let mut page = Vec::new();
    let mut rendered = clap_mangen::Man::new(command.clone()).render(&mut page);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub.clone().bin_name(format!("duechain {}", sub.get_name()));
        let man = clap_mangen::Man::new(sub);
        rendered = rendered
            .and_then(|()| man.render_synopsis_section(&mut page))
            .and_then(|()| man.render_description_section(&mut page))
            .and_then(|()| man.render_options_section(&mut page));
    }
    if let Err(e) = rendered {
        fail(
            duechain::diag::Code::WriteFailed,
            "standard output",
            msg!("cannot-render-man", reason = e),
            msg!("report-bug"),
        );
        return INVALID;
    }
    out!("{}", String::from_utf8_lossy(&page));
    OK
}

/// Writes formatted text to standard output (see `out!`).
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        output_failed(&e);
    }
}

/// The language the locale asks for (`LC_ALL`, then `LC_MESSAGES`, then `LANG`): Chinese for
/// `zh…`, English for any other set locale, `None` when none is set (or it is `C`/`POSIX`).
pub(crate) fn locale_lang() -> Option<args::Lang> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())?;
    if value.starts_with("zh") {
        Some(args::Lang::Zh)
    } else if value == "C" || value == "POSIX" || value.starts_with("C.") {
        None
    } else {
        Some(args::Lang::En)
    }
}

/// Reports a coded error of the command line itself (no rulebook text to point into) on stderr.
pub(crate) fn fail(code: duechain::diag::Code, place: &str, message: Msg, help: Msg) {
    let d = duechain::diag::Diagnostic::keyed(code, message)
        .at(place.to_owned())
        .help_keyed(help);
    err!(
        "{}",
        duechain::report::diagnostics::human(
            std::slice::from_ref(&d),
            &duechain::source::Sources::default(),
            color_stderr(),
            lang()
        )
    );
}

/// The status of a run that found nothing to do: DC0906 and exit 2, or 0 with `--allow-empty`.
/// `missing` names what was not found: `no-rulebook`, `no-case`, `no-matter` or
/// `no-reference-case`.
pub(crate) fn empty_run(allowed: bool, searched: &[std::path::PathBuf], missing: &str) -> u8 {
    if allowed {
        return OK;
    }
    let place: Vec<String> = searched.iter().map(|p| p.display().to_string()).collect();
    let place = place.join(", ");
    fail(
        duechain::diag::Code::EmptyRun,
        &place,
        msg!("empty-run", missing = missing, place = place),
        msg!("empty-run-help"),
    );
    INVALID
}

/// Ends the program after a failed write to standard output: quietly when the reader closed the
/// pipe (it has what it wanted), with DC0905 and status 2 otherwise (a full disk, a closed file).
pub(crate) fn output_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(i32::from(OK));
    }
    fail(
        duechain::diag::Code::WriteFailed,
        "standard output",
        msg!("cannot-write-output", reason = e),
        msg!("cannot-write-output-help"),
    );
    std::process::exit(i32::from(INVALID));
}

/// Writes a page to `path` (standard output when `None`): 0, or DC0905 and 2.
pub(crate) fn write_page(path: Option<&std::path::Path>, page: &str) -> u8 {
    let Some(path) = path else {
        out!("{page}");
        return OK;
    };
    match std::fs::write(path, page) {
        Ok(()) => OK,
        Err(e) => {
            write_failed(path, &e);
            INVALID
        }
    }
}

/// DC0905 for a file that cannot be written.
pub fn write_failed(path: &std::path::Path, e: &std::io::Error) {
    let place = path.display().to_string();
    fail(
        duechain::diag::Code::WriteFailed,
        &place,
        msg!("cannot-write", file = place, reason = e),
        msg!("cannot-write-help"),
    );
}
