//! Reading rulebooks from the disk.

use std::path::{Path, PathBuf};

use duechain::compile::Files;

use super::args::RootArgs;

/// Reads files from the disk.
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        // One byte past the limit is enough for the compiler to say the file is too large.
        read_bounded(path, duechain::parse::MAX_SOURCE_BYTES)
    }

    fn real(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

/// Reads at most `limit + 1` bytes of a regular file: a directory, a FIFO or a device is refused
/// before anything is read, so no input can make a command wait or read without end.
pub fn read_bounded(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_regular(path)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens a regular file for streaming, refusing directories, FIFOs and devices.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::ErrorKind::IsADirectory.into());
    }
    if !meta.is_file() {
        return Err(std::io::ErrorKind::Unsupported.into());
    }
    std::fs::File::open(path)
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
    if !root.is_dir() {
        let name = root.display().to_string();
        return duechain::Checked {
            sources: duechain::source::Sources::default(),
            model: None,
            diagnostics: vec![
                duechain::diag::Diagnostic::keyed(
                    duechain::diag::Code::UnreadableFile,
                    duechain::msg!("root-not-dir", dir = name),
                )
                .at(name)
                .help_keyed(duechain::msg!("root-not-dir-help")),
            ],
        };
    }
    duechain::check_file(&Disk, &root, &path)
}

/// True when `path` really lies inside `root`, links resolved.
pub fn inside(root: &Path, path: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    real(path).starts_with(real(root))
}

/// The rulebooks a path names: the file itself, or every `*.dcl` in a directory (below it too
/// when `deep`), in name order. A walk never follows a link to a directory, so no link loop can
/// make it go on for ever.
pub fn rulebooks(path: &Path, deep: bool, out: &mut Vec<PathBuf>) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    entries.sort();
    for (e, dir) in entries {
        if dir {
            if deep {
                rulebooks(&e, deep, out);
            }
        } else if e.extension().is_some_and(|x| x == "dcl") && !e.is_dir() {
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
    err!(
        "{}",
        duechain::report::diagnostics::human(
            &checked.diagnostics,
            &checked.sources,
            color,
            super::lang()
        )
    );
    None
}
