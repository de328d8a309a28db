//! `duechain graph`

use super::args::{GraphArgs, GraphFormat};
use super::{INVALID, OK, files};
use duechain::diag::Code;
use duechain::report::graph;

/// Prints the flowchart; a rulebook with errors prints its diagnostics instead (exit 2).
pub fn run(args: &GraphArgs) -> u8 {
    let Some(checked) = files::valid(&args.root, &args.file) else {
        return INVALID;
    };
    let Some(model) = checked.model.as_ref() else {
        return INVALID;
    };
    let procs = match graph::procedures(model, args.procedure.as_deref()) {
        Ok(p) => p,
        Err(msg) => {
            super::fail(
                Code::UnknownName,
                "--procedure",
                msg,
                "name a procedure the rulebook declares",
            );
            return INVALID;
        }
    };
    match args.format {
        GraphFormat::Dot => out!("{}", graph::dot(model, &procs)),
        GraphFormat::Mermaid => out!("{}", graph::mermaid(model, &procs)),
    }
    OK
}
