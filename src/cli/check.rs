//! `duechain check`

use super::args::{CheckArgs, DiagFormat};
use super::{INVALID, OK, files};
use duechain::report::diagnostics;

/// Prints every diagnostic; exit 2 on errors (or on warnings with `--deny-warnings`).
pub fn run(args: &CheckArgs) -> u8 {
    let checked = files::check(&args.root, &args.file);
    let d = &checked.diagnostics;
    match args.format {
        DiagFormat::Human => {
            let text = diagnostics::human(d, &checked.sources, super::color_stdout());
            if text.is_empty() {
                println!("{}: ok", args.file.display());
            } else {
                print!("{text}");
            }
        }
        DiagFormat::Json => print!("{}", diagnostics::json(d, &checked.sources)),
        DiagFormat::Sarif => print!("{}", diagnostics::sarif(d, &checked.sources)),
    }
    let (errors, warnings) = diagnostics::counts(d);
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        INVALID
    } else {
        OK
    }
}
