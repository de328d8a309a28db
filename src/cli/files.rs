//! Reading rulebooks from the disk.

use std::path::{Path, PathBuf};

use duechain::compile::Files;

use super::args::RootArgs;

/// Reads files from the disk.
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let meta = std::fs::metadata(path)?;
        if meta.is_dir() {
            return Err(std::io::Error::other("it is a directory"));
        }
        // A file far larger than any rulebook is refused before it is read.
        if meta.len() > 64 * 1024 * 1024 {
            return Err(std::io::Error::other(format!("it is {} bytes", meta.len())));
        }
        std::fs::read(path)
    }
}

/// The absolute root and rulebook path for a command.
pub fn root_and_path(root: &RootArgs, file: &Path) -> (PathBuf, PathBuf) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = duechain::compile::load::normalize(&cwd.join(file));
    let root = match &root.root {
        Some(r) => duechain::compile::load::normalize(&cwd.join(r)),
        None if path.starts_with(&cwd) => cwd,
        None => path.parent().map(Path::to_path_buf).unwrap_or(cwd),
    };
    (root, path)
}

/// Loads, compiles and checks a rulebook from the disk.
pub fn check(root: &RootArgs, file: &Path) -> duechain::Checked {
    let (root, path) = root_and_path(root, file);
    duechain::check_file(&Disk, &root, &path)
}

/// The rulebooks a path names: the file itself, or every `*.dcl` in a directory (below it too
/// when `deep`), in name order.
pub fn rulebooks(path: &Path, deep: bool, out: &mut Vec<PathBuf>) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            if deep {
                rulebooks(&e, deep, out);
            }
        } else if e.extension().is_some_and(|x| x == "dcl") {
            out.push(e);
        }
    }
}

/// Loads a rulebook that must be valid; prints its diagnostics to stderr when it is not.
pub fn valid(root: &RootArgs, file: &Path) -> Option<duechain::Checked> {
    let checked = check(root, file);
    if checked.valid_model().is_some() {
        return Some(checked);
    }
    let color = super::color_stderr();
    eprint!(
        "{}",
        duechain::report::diagnostics::human(&checked.diagnostics, &checked.sources, color)
    );
    None
}
