//! The command line, as clap derive types. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The version and the commit the binary was built from.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("DUECHAIN_COMMIT"),
    ")"
);

/// duechain: decision-chain and accountability rules — check rulebooks, evaluate cases.
#[derive(Debug, Parser)]
#[command(name = "duechain", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output: `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// The language of messages, explanations, reports and pages [default: the locale's
    /// (LC_ALL, LC_MESSAGES, LANG); a flowchart or document of a rulebook with Chinese keywords
    /// is Chinese; else English].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
}

/// When output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile a rulebook and run every static check.
    Check(CheckArgs),
    /// Evaluate cases against a rulebook: findings, liability, measures.
    Eval(EvalArgs),
    /// Where each matter stands (电子监察): every duty done, violated (with who answers),
    /// pending (due date, days left, green or yellow), not triggered or not applicable.
    Status(EvalArgs),
    /// Serve matters in progress over HTTP from a SQLite or PostgreSQL store (电子监察).
    Serve(ServeArgs),
    /// Manage the service's access tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Read event logs (CSV, XES, OCEL 2.0) through a mapping and write the cases as JSON Lines.
    Import(ImportArgs),
    /// Draw a procedure as a flowchart (权力运行流程图).
    Graph(GraphArgs),
    /// Render the rulebook as a readable regulation: one self-contained HTML page.
    Doc(DocArgs),
    /// Run rulebooks' reference cases against their expected verdicts, with coverage.
    Test(TestArgs),
    /// Rewrite rulebooks in the canonical layout (comments kept).
    Fmt(FmtArgs),
    /// Print the long explanation of a diagnostic code.
    Explain(ExplainArgs),
    /// Serve the Language Server Protocol on standard input and output (for editors).
    Lsp,
    /// Print the JSON Schema of a format: case, verdict, diagnostics or mapping.
    Schema(SchemaArgs),
    /// Print a shell's completion script (e.g. `duechain completions bash > /etc/bash_completion.d/duechain`).
    Completions(CompletionsArgs),
    /// Print the manual page in roff (e.g. `duechain man | man -l -`).
    Man,
}

/// `duechain schema`
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The format.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(duechain::report::schema::NAMES))]
    pub name: String,
}

/// `duechain completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Where rulebooks may be read from.
#[derive(Debug, Args)]
pub struct RootArgs {
    /// Imports may not leave this directory [default: the current directory, or the
    /// rulebook's own directory when it lies outside it].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagFormat {
    /// For people, with the source quoted.
    Human,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands: an annotation per diagnostic.
    Github,
}

/// `duechain check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rulebooks (`*.dcl`), or directories of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human", env = "DUECHAIN_FORMAT")]
    pub format: DiagFormat,
    /// Fail (exit 2) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Exit 0 even when nothing is found to check (otherwise DC0906, exit 2).
    #[arg(long)]
    pub allow_empty: bool,
    #[command(flatten)]
    pub root: RootArgs,
}

/// Flowchart formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// SVG, rendered by Graphviz's `dot` (which must be installed).
    Svg,
}

/// `duechain graph`
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The rulebook (`*.dcl`).
    pub file: PathBuf,
    /// Draw only this procedure.
    #[arg(long, value_name = "P")]
    pub procedure: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "mermaid")]
    pub format: GraphFormat,
    #[command(flatten)]
    pub root: RootArgs,
}

/// `duechain doc`
#[derive(Debug, Args)]
pub struct DocArgs {
    /// The rulebook (`*.dcl`).
    pub file: PathBuf,
    /// Write the page to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub root: RootArgs,
}

/// `duechain test`
#[derive(Debug, Args)]
pub struct TestArgs {
    /// A rulebook, or a directory of rulebooks; each names its cases with `cases "DIR"`.
    #[arg(default_value = "rules")]
    pub path: PathBuf,
    /// Accept the verdicts reached now as the expected ones.
    #[arg(long)]
    pub bless: bool,
    /// Also write a JUnit XML report for CI.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: TestFormat,
    /// Run only the cases whose name, or whose rulebook's path, contains PATTERN.
    #[arg(long, value_name = "PATTERN")]
    pub filter: Option<String>,
    /// Fail when fewer than N percent (0 to 100) of steps and rules are exercised.
    #[arg(long, value_name = "N", value_parser = percent)]
    pub min_coverage: Option<f64>,
    /// With `--bless`: record an error record as the expected verdict of a case meant to be
    /// invalid (otherwise DC0907, exit 2, unless its expectation is already an error record).
    #[arg(long, requires = "bless")]
    pub allow_invalid: bool,
    /// Exit 0 even when nothing is found to test (otherwise DC0906, exit 2).
    #[arg(long)]
    pub allow_empty: bool,
    #[command(flatten)]
    pub root: RootArgs,
}

/// Test report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// A report for people.
    Human,
    /// One JSON document: each suite's cases with their outcome and differences, and coverage.
    Json,
}

/// `duechain fmt`
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Rulebooks or directories (every `*.dcl` below them); `-` formats stdin to stdout.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write nothing; exit 1 when a file is not formatted.
    #[arg(long)]
    pub check: bool,
    /// Write the keywords in this set (`zh`: 规则集, 程序, 步骤 …; `en`: rulebook, procedure,
    /// step …); without it, each file keeps the set its header chose.
    #[arg(long, value_parser = ["zh", "en"])]
    pub keywords: Option<String>,
}

/// `duechain explain`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code such as `DC0303`; without one, list every code.
    pub code: Option<String>,
}

/// A percentage from 0 to 100 (no NaN, no infinity).
fn percent(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(n) if (0.0..=100.0).contains(&n) => Ok(n),
        _ => Err(format!("`{text}` is not a percentage from 0 to 100")),
    }
}

/// How case inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By extension (`.jsonl`, `.ndjson`: JSON Lines); standard input as JSON Lines.
    Auto,
    /// One JSON document per input.
    Json,
    /// JSON Lines: one case a line; blank lines are skipped.
    Jsonl,
}

/// Verdict formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A report for people.
    Human,
    /// JSON (an array when there are several cases).
    Json,
    /// JSON Lines: one record per case, in input order.
    Jsonl,
    /// One self-contained HTML page for the whole batch (best with `--output FILE.html`).
    Html,
}

/// The language of a report's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// 简体中文.
    Zh,
    /// English.
    En,
}

impl From<Lang> for duechain::diag::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Zh => duechain::diag::Lang::Zh,
            Lang::En => duechain::diag::Lang::En,
        }
    }
}

/// `duechain eval`
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The rulebook (`*.dcl`).
    pub rulebook: PathBuf,
    /// Case files: `*.json` holds one case, `*.jsonl` a batch, `-` reads standard input.
    #[arg(required = true, value_name = "CASE")]
    pub cases: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human", env = "DUECHAIN_FORMAT")]
    pub format: EvalFormat,
    /// Add the evaluation trace: which duty fired from which facts, which constraint failed.
    #[arg(long)]
    pub explain: bool,
    /// How inputs are read: `auto` reads `*.jsonl`/`*.ndjson` and standard input as JSON Lines
    /// (one case a line) and other files as one JSON document.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputFormat,
    /// Refuse (DC0505) to count into a calendar's provisional years, whose holidays are derived
    /// from the regulation rather than announced, instead of counting with a warning.
    #[arg(long)]
    pub strict_calendar: bool,
    /// Judge open matters as of this day (YYYY-MM-DD) [default: the case's own `as_of`, else
    /// today in the calendar's zone].
    #[arg(long, value_name = "DATE", value_parser = as_of_day)]
    pub as_of: Option<duechain::date::Day>,
    /// Write the output to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read the inputs as event logs (CSV, XES, OCEL 2.0) through this mapping file (TOML).
    #[arg(long, value_name = "MAP")]
    pub map: Option<PathBuf>,
    /// Worker threads, 1 to 256 [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Exit 0 even when nothing is found to evaluate (otherwise DC0906, exit 2).
    #[arg(long)]
    pub allow_empty: bool,
    #[command(flatten)]
    pub root: RootArgs,
}

/// `duechain serve`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The rulebook every matter is judged under.
    pub rulebook: PathBuf,
    /// The store of the matters: a SQLite file (created when missing), or a PostgreSQL URL
    /// (`postgres://user:password@host/database`) for a deployment with several instances.
    #[arg(long, value_name = "FILE|URL")]
    pub db: String,
    /// The address to listen on (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Seconds a client may take to send a request's headers (from its connection or its last
    /// response), and again its body: an idle or trickling client is then closed, or answered
    /// 408, not held.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub client_timeout: u64,
    #[command(flatten)]
    pub root: RootArgs,
}

/// `duechain token …`
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token and print it (it is shown once; the store keeps only its hash).
    Create(TokenCreateArgs),
}

/// `duechain token create`
#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// The service's store: its SQLite file or PostgreSQL URL.
    #[arg(long, value_name = "FILE|URL")]
    pub db: String,
    /// What the token may do: an office opens, appends to and reads its own unit's matters; an
    /// auditor reads everything and writes nothing; an admin may do everything.
    #[arg(long, value_parser = ["office", "auditor", "admin"])]
    pub scope: String,
    /// An office's unit.
    #[arg(long, required_if_eq("scope", "office"))]
    pub unit: Option<String>,
    /// Who holds it (written in the audit log).
    #[arg(long)]
    pub name: String,
}

/// `duechain import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Event logs: `*.csv`, `*.xes`, `*.xes.gz`, `*.jsonocel`/`*.json` (OCEL 2.0 JSON),
    /// `*.sqlite` (OCEL 2.0 SQLite), or as the mapping's `log.format` says.
    #[arg(required = true, value_name = "LOG")]
    pub logs: Vec<PathBuf>,
    /// The mapping file (TOML).
    #[arg(long, value_name = "MAP")]
    pub map: PathBuf,
    /// The rulebook that types the facts and steps [default: the mapping's `rulebook`].
    #[arg(long, value_name = "RULEBOOK")]
    pub rulebook: Option<PathBuf>,
    #[command(flatten)]
    pub root: RootArgs,
}

/// Reads an `--as-of` date.
fn as_of_day(text: &str) -> Result<duechain::date::Day, String> {
    duechain::date::parse(text).map_err(|m| m.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
