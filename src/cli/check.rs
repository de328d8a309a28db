//! `duechain check`

use super::args::{CheckArgs, DiagFormat};
use super::{INVALID, OK, files};
use duechain::report::diagnostics;

/// Checks every rulebook named (directories: every `*.dcl` below them) and prints every
/// diagnostic; exit 2 on errors (or on warnings with `--deny-warnings`).
pub fn run(args: &CheckArgs) -> u8 {
    let mut books = Vec::new();
    for path in &args.files {
        files::rulebooks(path, true, &mut books);
    }
    let checked: Vec<(String, duechain::Checked)> = books
        .iter()
        .map(|b| (b.display().to_string(), files::check(&args.root, b)))
        .collect();
    let runs: Vec<diagnostics::Run<'_>> = checked
        .iter()
        .map(|(_, c)| (c.diagnostics.as_slice(), &c.sources))
        .collect();
    match args.format {
        DiagFormat::Human => {
            for (name, c) in &checked {
                let text = diagnostics::human(
                    &c.diagnostics,
                    &c.sources,
                    super::color_stdout(),
                    super::lang(),
                );
                if text.is_empty() {
                    outln!("{name}: ok");
                } else {
                    out!("{text}");
                }
            }
        }
        DiagFormat::Json => out!("{}", diagnostics::json(&runs)),
        DiagFormat::Sarif => out!("{}", diagnostics::sarif(&runs)),
        DiagFormat::Github => out!("{}", diagnostics::github(&runs)),
    }
    let (mut errors, mut warnings) = (0, 0);
    for (_, c) in &checked {
        let (e, w) = diagnostics::counts(&c.diagnostics);
        errors += e;
        warnings += w;
    }
    if books.is_empty() {
        let what = "no-rulebook";
        return super::empty_run(args.allow_empty, &args.files, what);
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        INVALID
    } else {
        OK
    }
}
