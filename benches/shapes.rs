//! The input shapes that were once quadratic or worse, each at two sizes ten times apart, so the
//! figures show how the cost grows (`cargo bench --bench shapes`):
//! - `backward_chain`: the timing check of a procedure whose gaps chain backwards;
//! - `wide_calendar`: building a calendar of long ranges and checking many distinct limits;
//! - `many_keys`: reading a case object with that many keys (the duplicate-key check);
//! - `many_events`: reading and evaluating a case with that many events.
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a broken benchmark input panics with its message"
)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::shapes;
use divan::counter::ItemsCount;
use duechain::eval::Plan;

/// The allocator the `duechain` binary uses, so the figures are the command's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// Checks a generated rulebook, which must be free of errors.
fn check(bencher: divan::Bencher, n: usize, text: &str) {
    let checked = duechain::check_text("shape.dcl", text);
    assert!(checked.model.is_some(), "{:?}", checked.diagnostics.first());
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| duechain::check_text("shape.dcl", divan::black_box(text)));
}

#[divan::bench(args = [3_000, 30_000], sample_count = 5)]
fn backward_chain(bencher: divan::Bencher, n: usize) {
    check(bencher, n, &shapes::backward_chain(n));
}

#[divan::bench(args = [2_000, 20_000], sample_count = 5)]
fn wide_calendar(bencher: divan::Bencher, n: usize) {
    check(bencher, n, &shapes::wide_calendar(n, n / 7));
}

#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn many_keys(bencher: divan::Bencher, n: usize) {
    let text = shapes::many_keys(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| duechain::eval::case::parse(divan::black_box(&text)).is_ok());
}

#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn many_events(bencher: divan::Bencher, n: usize) {
    let model = common::rulebook("major_decision").model.unwrap_or_default();
    let plan = Plan::new(&model);
    let text = shapes::many_events(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| plan.evaluate_json(divan::black_box(&text), Some(1), false));
}
