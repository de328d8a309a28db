//! `duechain fmt`: rewrite rulebooks in the canonical layout, or check that they are.

use super::args::FmtArgs;
use super::{INVALID, OK, VIOLATIONS, files};
use duechain::fmt::{FormatError, format};
use duechain::report::diagnostics;
use duechain::source::{SourceFile, Sources};

/// Formats each file (directories: every `*.dcl` below them); `-` formats stdin to stdout.
/// With `--check`, writes nothing and exits 1 when a file is not formatted.
pub fn run(args: &FmtArgs) -> u8 {
    let mut files = Vec::new();
    for path in &args.files {
        files::rulebooks(path, true, &mut files);
    }
    let mut status = OK;
    for path in files {
        let stdin = path.as_os_str() == "-";
        let text = if stdin {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
        } else {
            std::fs::read_to_string(&path)
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error[DC0901]: cannot read `{}`: {e}", path.display());
                status = INVALID;
                continue;
            }
        };
        let formatted = match format(&text) {
            Ok(f) => f,
            Err(FormatError::Syntax(diags)) => {
                let mut sources = Sources::new();
                sources.add(SourceFile::new(path.display().to_string(), text));
                eprint!(
                    "{}",
                    diagnostics::human(&diags, &sources, super::color_stderr())
                );
                status = INVALID;
                continue;
            }
            Err(FormatError::Unstable(why)) => {
                eprintln!(
                    "error: `{}` left unchanged: {why}; please report this",
                    path.display()
                );
                status = INVALID;
                continue;
            }
        };
        if stdin {
            print!("{formatted}");
        } else if formatted != text {
            if args.check {
                println!("would reformat {}", path.display());
                if status == OK {
                    status = VIOLATIONS;
                }
            } else if let Err(e) = std::fs::write(&path, formatted) {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                status = INVALID;
            } else {
                println!("formatted {}", path.display());
            }
        }
    }
    status
}
