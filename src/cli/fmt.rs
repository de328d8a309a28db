//! `duechain fmt`: rewrite rulebooks in the canonical layout, or check that they are.

use super::args::FmtArgs;
use super::{INVALID, OK, VIOLATIONS, files};
use duechain::compile::load::add_source;
use duechain::diag::{Code, Diagnostic};
use duechain::fmt::{FormatError, format_as};
use duechain::parse::MAX_SOURCE_BYTES;
use duechain::parse::keywords::Keywords;
use duechain::report::diagnostics;
use duechain::source::Sources;

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
        let bytes = if stdin {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(std::io::stdin().lock(), MAX_SOURCE_BYTES as u64 + 1),
                &mut bytes,
            )
            .map(|_| bytes)
        } else {
            files::read_bounded(&path, MAX_SOURCE_BYTES)
        };
        let name = path.display().to_string();
        let mut sources = Sources::new();
        // The same checks as `check`: unreadable (DC0901), too large (DC0903), not UTF-8 (DC0902).
        let text = bytes
            .map_err(|e| {
                let message = duechain::compile::load::cannot_read(&name, &e);
                Diagnostic::keyed(Code::UnreadableFile, message).at(name.clone())
            })
            .and_then(|b| add_source(&mut sources, name.clone(), b))
            .map(|id| {
                sources
                    .get(id)
                    .map(|f| f.text.to_string())
                    .unwrap_or_default()
            });
        let text = match text {
            Ok(t) => t,
            Err(d) => {
                err!(
                    "{}",
                    diagnostics::human(&[d], &sources, super::color_stderr(), super::lang())
                );
                status = INVALID;
                continue;
            }
        };
        let set = args.keywords.as_deref().and_then(Keywords::parse);
        let formatted = match format_as(&text, set) {
            Ok(f) => f,
            Err(FormatError::Syntax(diags)) => {
                err!(
                    "{}",
                    diagnostics::human(&diags, &sources, super::color_stderr(), super::lang())
                );
                status = INVALID;
                continue;
            }
            Err(FormatError::Unstable(why)) => {
                errln!(
                    "error: `{}` left unchanged: {why}; please report this",
                    path.display()
                );
                status = INVALID;
                continue;
            }
        };
        if stdin {
            out!("{formatted}");
        } else if formatted != text {
            if args.check {
                outln!("would reformat {}", path.display());
                if status == OK {
                    status = VIOLATIONS;
                }
            } else if let Err(e) = std::fs::write(&path, formatted) {
                super::write_failed(&path, &e);
                status = INVALID;
            } else {
                outln!("formatted {}", path.display());
            }
        }
    }
    status
}
