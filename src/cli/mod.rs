//! The command line: a thin layer over the library. The only place that reads files, standard
//! input or the environment.
#![expect(
    clippy::disallowed_methods,
    reason = "the command line is the one place that reads files and the environment"
)]

mod args;
mod check;
mod eval;
mod explain;
mod files;
mod fmt;
mod graph;
mod test;

pub use args::Cli;

use std::process::ExitCode;

use clap::Parser;

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
    let code = match cli.command {
        args::Command::Check(a) => check::run(&a),
        args::Command::Eval(a) => eval::run(&a),
        args::Command::Graph(a) => graph::run(&a),
        args::Command::Test(a) => test::run(&a),
        args::Command::Fmt(a) => fmt::run(&a),
        args::Command::Explain(a) => explain::run(&a),
    };
    ExitCode::from(code)
}

/// Whether to colour output written to stdout.
fn color_stdout() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Whether to colour output written to stderr.
fn color_stderr() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
