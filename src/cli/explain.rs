//! `duechain explain`

use super::args::ExplainArgs;
use super::{INVALID, OK};
use duechain::diag::Code;

/// Prints a code's explanation, or the list of codes.
pub fn run(args: &ExplainArgs) -> u8 {
    let Some(id) = &args.code else {
        for c in Code::ALL {
            outln!(
                "{}  {:<8} {:<24} {}",
                c.id(),
                format!("{:?}", c.severity()).to_lowercase(),
                c.name(),
                c.summary_in(super::lang())
            );
        }
        return OK;
    };
    match Code::from_id(id) {
        Some(c) => {
            outln!("{} {} ({:?})\n", c.id(), c.name(), c.severity());
            out!("{}", c.explanation_in(super::lang()));
            OK
        }
        None => {
            super::fail(
                Code::UnknownName,
                "duechain explain",
                duechain::msg!("not-a-code", code = id),
                duechain::msg!("not-a-code-help"),
            );
            INVALID
        }
    }
}
