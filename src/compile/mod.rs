//! Stage 2: syntax trees → the lowered model (names resolved, types checked, calendars built).

pub mod calendar;
pub mod holidays;
pub mod load;
pub mod model;
mod resolve;
pub mod stdlib;
mod suggest;
mod types;
pub mod value;

pub use load::{Files, Loader};
pub use resolve::LEVELS;
pub use suggest::{closest, help as suggest_help};

use crate::diag::Diagnostic;
use model::Model;

/// Compiles gathered declarations; the model is usable when no diagnostic is an error.
pub fn compile(g: &load::Gathered, diags: &mut Vec<Diagnostic>) -> Model {
    resolve::resolve(g, diags)
}
