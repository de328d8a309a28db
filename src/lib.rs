//! duechain: decision-chain and accountability rules.
//!
//! The pipeline, one module per stage: [`parse`] (pest → AST with spans) → [`compile`] (names,
//! types, calendars → a model with interned ids) → [`check`] (graph analyses) → `eval` (cases →
//! findings → liability) → [`report`] (human, JSON, SARIF, DOT, Mermaid).
//!
//! ```
//! let checked = duechain::check_text("demo.dcl", r#"
//!     rulebook demo { }
//!     role clerk
//!     procedure p { step a { required by clerk } step b { required by clerk after a } }
//!     rule r { on missing, out_of_order liable actor as direct }
//! "#);
//! assert!(!checked.has_errors());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod compile;
pub mod date;
pub mod diag;
pub mod eval;
pub mod fmt;
pub mod import;
mod json_scan;
pub mod lsp;
pub mod parse;
pub mod report;
pub mod serve;
pub mod source;
pub mod store;
pub mod suite;
pub mod vocab;

use std::path::Path;

use compile::model::Model;
use compile::{Files, Loader};
use diag::Diagnostic;
use source::Sources;

/// A rulebook loaded, compiled and checked.
#[derive(Debug)]
pub struct Checked {
    /// Every file read.
    pub sources: Sources,
    /// The model, when the rulebook parsed.
    pub model: Option<Model>,
    /// Every problem found, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The keyword set of the rulebook read first (the one named), English when it has none.
    pub fn keywords(&self) -> parse::keywords::Keywords {
        self.sources
            .get(source::FileId(0))
            .map_or(parse::keywords::Keywords::En, |f| {
                parse::keywords::declared(&f.text)
            })
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        diag::has_errors(&self.diagnostics)
    }

    /// The model, when the rulebook has no errors.
    pub fn valid_model(&self) -> Option<&Model> {
        if self.has_errors() {
            None
        } else {
            self.model.as_ref()
        }
    }
}

/// No files at all: imports fail as unreadable.
struct NoFiles;

impl Files for NoFiles {
    fn read(&self, _: &Path) -> std::io::Result<Vec<u8>> {
        Err(std::io::ErrorKind::NotFound.into())
    }
}

/// Loads, compiles and checks the rulebook at `path`; imports may not leave `root`.
pub fn check_file(files: &dyn Files, root: &Path, path: &Path) -> Checked {
    let mut loader = Loader::new(files, root);
    let gathered = loader.gather_path(path);
    finish(loader, gathered)
}

/// Compiles and checks a rulebook given as text (it may not import other files).
pub fn check_text(name: &str, text: &str) -> Checked {
    let mut loader = Loader::new(&NoFiles, Path::new(""));
    let gathered = loader.gather_text(name, text);
    finish(loader, gathered)
}

fn finish(loader: Loader<'_>, gathered: Option<compile::load::Gathered>) -> Checked {
    let Loader {
        sources,
        mut diags,
        read,
        ..
    } = loader;
    let model = gathered.map(|g| {
        let mut model = compile::compile(&g, &mut diags);
        model.files = read;
        model
    });
    // Static checks run on a rulebook whose names and types are sound, so one mistake is
    // reported once rather than as a cascade.
    if let Some(m) = &model
        && !diag::has_errors(&diags)
    {
        diags.extend(check::check(m));
    }
    diag::sort(&mut diags);
    Checked {
        sources,
        model,
        diagnostics: diags,
    }
}
