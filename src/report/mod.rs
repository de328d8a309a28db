//! Stage 5: everything the user reads: diagnostics, verdicts and flowcharts.

pub mod dashboard;
pub mod diagnostics;
pub mod doc;
pub mod graph;
pub mod html;
pub mod schema;
pub mod status;
pub mod summary;
pub mod text;
pub mod verdict;
pub mod wording;
