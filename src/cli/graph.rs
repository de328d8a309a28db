//! `duechain graph`

use super::args::{GraphArgs, GraphFormat};
use super::{INVALID, OK, files};
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
            eprintln!("error: {msg}");
            return INVALID;
        }
    };
    match args.format {
        GraphFormat::Dot => print!("{}", graph::dot(model, &procs)),
        GraphFormat::Mermaid => print!("{}", graph::mermaid(model, &procs)),
    }
    OK
}
