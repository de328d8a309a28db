//! The `duechain` command.

mod cli;

/// mimalloc: rulebooks and batches make many small allocations, and the system allocator's
/// consolidation made checking large rulebooks grow faster than their size.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
