//! Loading a rulebook with its imports and superiors: paths resolve relative to the importing
//! file and never leave the root; cycles are reported.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::calendar::CalendarData;
use super::stdlib;
use crate::diag::{Code, Diagnostic, Msg};
use crate::msg;
use crate::parse::{self, ast};
use crate::source::{FileId, SourceFile, Sources, Span};

/// Reads files for the compiler. The CLI passes one that reads the disk; tests may pass a map.
pub trait Files {
    /// The bytes of a file.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;

    /// Where a path really leads, links resolved (the path itself where nothing can be resolved).
    fn real(&self, path: &Path) -> PathBuf {
        path.to_path_buf()
    }
}

/// Adds a file's bytes to the sources as rulebook text: the one place that decides whether bytes
/// can be a rulebook, for `check`, `fmt` and every import alike. A file over
/// [`parse::MAX_SOURCE_BYTES`] (DC0903) or not UTF-8 (DC0902, pointing at the first bad byte) is
/// refused.
pub fn add_source(
    sources: &mut Sources,
    name: String,
    bytes: Vec<u8>,
) -> Result<FileId, Diagnostic> {
    if bytes.len() > parse::MAX_SOURCE_BYTES {
        return Err(Diagnostic::keyed(
            Code::FileTooLarge,
            msg!(
                "file-too-large",
                file = name,
                limit = parse::MAX_SOURCE_BYTES
            ),
        )
        .at(name)
        .help_keyed(msg!("rulebook-too-large-help")));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(sources.add(SourceFile::new(name, text))),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let id = sources.add(SourceFile::new(name.clone(), text));
            // Everything before the first invalid byte is valid, so it keeps its offset.
            Err(
                Diagnostic::keyed(Code::NotUtf8, msg!("not-utf8", file = name))
                    .label_keyed(Span::new(id, at, at + 1), msg!("invalid-byte", offset = at))
                    .help_keyed(msg!("not-utf8-help")),
            )
        }
    }
}

/// A file read, named as diagnostics name it, with the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct FileHash {
    /// The path, relative to the project root (`std/…` for a standard file).
    pub path: String,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
}

impl FileHash {
    /// Hashes a file's bytes.
    pub fn of(path: String, bytes: &[u8]) -> FileHash {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(bytes);
        let sha256 = digest.iter().fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        });
        FileHash { path, sha256 }
    }
}

/// The deepest chain of imports and refinements followed.
pub const MAX_IMPORT_DEPTH: usize = 64;

/// A rulebook's declarations gathered from its file, its imports and (when it refines) its
/// superior's declarations that it does not redeclare.
#[derive(Debug)]
pub struct Gathered {
    /// The rulebook's header.
    pub header: ast::Header,
    /// All declarations in effect.
    pub items: Vec<ast::Item>,
    /// The superior rulebook, gathered on its own.
    pub superior: Option<Box<Gathered>>,
    /// Calendar data files, by the span of their `from "…"` string.
    pub calendar_files: BTreeMap<(FileId, u32), Result<CalendarData, Diagnostic>>,
}

/// Loads files into `sources`, collecting diagnostics.
pub struct Loader<'a> {
    files: &'a dyn Files,
    root: PathBuf,
    /// Every file read so far.
    pub sources: Sources,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
    /// Every file read (rulebooks and calendar data), with the hash of its bytes.
    pub read: Vec<FileHash>,
    stack: Vec<PathBuf>,
}

impl<'a> Loader<'a> {
    /// A loader that never reads outside `root`.
    pub fn new(files: &'a dyn Files, root: &Path) -> Loader<'a> {
        Loader {
            files,
            root: normalize(root),
            sources: Sources::new(),
            diags: Vec::new(),
            read: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Adds a text that is not on disk (tests, benchmarks, stdin).
    pub fn gather_text(&mut self, name: &str, text: &str) -> Option<Gathered> {
        self.read
            .push(FileHash::of(name.to_owned(), text.as_bytes()));
        let id = self.sources.add(SourceFile::new(name, text));
        let path = self.root.join(name);
        self.gather_file(id, &path)
    }

    /// Reads and gathers the rulebook at `path`.
    pub fn gather_path(&mut self, path: &Path) -> Option<Gathered> {
        let path = normalize(path);
        let id = self.read(&path, None)?;
        self.gather_file(id, &path)
    }

    fn display(&self, path: &Path) -> String {
        if let Some(rel) = stdlib::relative(path) {
            return format!("std/{}", rel.display());
        }
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// Reads a file as UTF-8 text into the sources; `from` is where it was named.
    fn read(&mut self, path: &Path, from: Option<Span>) -> Option<FileId> {
        let name = self.display(path);
        let fail = |code: Code, message: Msg| {
            let d = Diagnostic::keyed(code, message);
            match from {
                Some(s) => d.label_keyed(s, msg!("named-here")),
                None => d.at(name.clone()),
            }
        };
        let bytes = match self.bytes(path) {
            Ok(b) => b,
            Err(e) => {
                self.diags
                    .push(fail(Code::UnreadableFile, cannot_read(&name, &e)));
                return None;
            }
        };
        match add_source(&mut self.sources, name, bytes) {
            Ok(id) => Some(id),
            Err(d) => {
                // A file too large has no text to point into: point where it was named.
                let d = match (d.labels.is_empty(), from) {
                    (true, Some(s)) => d.label_keyed(s, msg!("named-here")),
                    _ => d,
                };
                self.diags.push(d);
                None
            }
        }
    }

    /// A file's bytes: a standard one from the binary, any other through `Files`; each file
    /// read is recorded with its hash.
    fn bytes(&mut self, path: &Path) -> std::io::Result<Vec<u8>> {
        let bytes = match (stdlib::text(path), stdlib::relative(path)) {
            (Some(text), _) => text.as_bytes().to_vec(),
            (None, Some(_)) => return Err(std::io::ErrorKind::NotFound.into()),
            (None, None) => self.files.read(path)?,
        };
        let name = self.display(path);
        if !self.read.iter().any(|f| f.path == name) {
            self.read.push(FileHash::of(name, &bytes));
        }
        Ok(bytes)
    }

    fn gather_file(&mut self, id: FileId, path: &Path) -> Option<Gathered> {
        self.stack.push(path.to_path_buf());
        let result = self.gather_inner(id, path);
        self.stack.pop();
        result
    }

    fn gather_inner(&mut self, id: FileId, path: &Path) -> Option<Gathered> {
        let text = self.sources.get(id)?.text.clone();
        let (ast, diags) = parse::parse(id, &text);
        self.diags.extend(diags);
        let ast = ast?;
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        seen.insert(path.to_path_buf());
        let mut superior = None;
        let mut calendar_files = BTreeMap::new();
        self.expand(
            path,
            ast.items,
            &mut items,
            &mut seen,
            &mut superior,
            &mut calendar_files,
        );
        if let Some(sup) = &superior {
            let sup: &Gathered = sup;
            let local: HashSet<(u8, String)> = items.iter().filter_map(key).collect();
            for item in &sup.items {
                if key(item).is_none_or(|k| !local.contains(&k)) {
                    items.push(item.clone());
                }
            }
            for (k, v) in &sup.calendar_files {
                calendar_files.insert(*k, v.clone());
            }
        }
        Some(Gathered {
            header: ast.header,
            items,
            superior,
            calendar_files,
        })
    }

    /// Appends `items`, replacing imports by the imported files' items (each file once).
    fn expand(
        &mut self,
        path: &Path,
        items: Vec<ast::Item>,
        out: &mut Vec<ast::Item>,
        seen: &mut HashSet<PathBuf>,
        superior: &mut Option<Box<Gathered>>,
        calendar_files: &mut BTreeMap<(FileId, u32), Result<CalendarData, Diagnostic>>,
    ) {
        for item in items {
            match item {
                ast::Item::Import(t) => {
                    let s = &t.name;
                    let Some(target) = self.target(path, &t, false) else {
                        continue;
                    };
                    if !seen.insert(target.clone()) {
                        continue;
                    }
                    let Some(id) = self.read(&target, Some(s.span)) else {
                        continue;
                    };
                    self.stack.push(target.clone());
                    let text = self
                        .sources
                        .get(id)
                        .map(|f| f.text.clone())
                        .unwrap_or_default();
                    let (ast, diags) = parse::parse(id, &text);
                    self.diags.extend(diags);
                    if let Some(ast) = ast {
                        self.expand(&target, ast.items, out, seen, superior, calendar_files);
                    }
                    self.stack.pop();
                }
                ast::Item::Refine(t) => {
                    let s = &t.name;
                    let Some(target) = self.target(path, &t, false) else {
                        continue;
                    };
                    if superior.is_some() {
                        self.diags.push(
                            Diagnostic::keyed(Code::DuplicateDeclaration, msg!("one-superior"))
                                .label_keyed(s.span, msg!("second-refine")),
                        );
                        continue;
                    }
                    let Some(id) = self.read(&target, Some(s.span)) else {
                        continue;
                    };
                    *superior = self.gather_file(id, &target).map(Box::new);
                }
                ast::Item::Calendar(ast::CalendarDecl {
                    body: ast::CalendarBody::From(ref t),
                    ..
                }) => {
                    let loaded = self.calendar_file(path, t);
                    calendar_files.insert((t.name.span.file, t.name.span.start), loaded);
                    out.push(item);
                }
                other => out.push(other),
            }
        }
    }

    fn calendar_file(&mut self, path: &Path, t: &ast::Target) -> Result<CalendarData, Diagnostic> {
        let s = &t.name;
        let Some(target) = self.target(path, t, true) else {
            return Err(
                Diagnostic::keyed(Code::InvalidCalendar, msg!("calendar-unusable"))
                    .label_keyed(s.span, msg!("here")),
            );
        };
        let name = self.display(&target);
        let bytes = self.bytes(&target).map_err(|e| {
            Diagnostic::keyed(Code::UnreadableFile, cannot_read(&name, &e))
                .label_keyed(s.span, msg!("named-here"))
        })?;
        let json = bytes
            .strip_prefix(crate::source::BOM.as_bytes())
            .unwrap_or(&bytes);
        serde_json::from_slice::<CalendarData>(json).map_err(|e| {
            Diagnostic::keyed(
                Code::InvalidCalendar,
                msg!("not-calendar-data", file = name; reason => crate::eval::json_error::message(&e)),
            )
            .label_keyed(s.span, msg!("loaded-here"))
            .help_keyed(msg!("calendar-format-help"))
        })
    }

    /// Resolves a file named in `from` (a path, or a standard name), checking the root, the
    /// depth and cycles.
    fn target(&mut self, from: &Path, t: &ast::Target, calendar: bool) -> Option<PathBuf> {
        let s = &t.name;
        let target = if t.std {
            let Some(target) = stdlib::path(&s.value, calendar) else {
                let what = if calendar { "calendar" } else { "rulebook" };
                self.diags.push(
                    Diagnostic::keyed(
                        Code::UnreadableFile,
                        msg!("no-standard", what = what, name = s.value),
                    )
                    .label_keyed(s.span, msg!("not-a-standard-name"))
                    .help_keyed(msg!(
                        "standard-names",
                        what = what,
                        list = stdlib::names(calendar).join(", ")
                    )),
                );
                return None;
            };
            target
        } else {
            self.path_target(from, s)?
        };
        if self.stack.len() >= MAX_IMPORT_DEPTH {
            self.diags.push(
                Diagnostic::keyed(
                    Code::NestingTooDeep,
                    msg!("imports-too-deep", limit = MAX_IMPORT_DEPTH),
                )
                .label_keyed(s.span, msg!("one-level-too-deep"))
                .help_keyed(msg!("imports-too-deep-help")),
            );
            return None;
        }
        if let Some(pos) = self.stack.iter().position(|p| *p == target) {
            let chain: Vec<String> = self
                .stack
                .iter()
                .skip(pos)
                .map(|p| self.display(p))
                .collect();
            self.diags.push(
                Diagnostic::keyed(
                    Code::ImportCycle,
                    msg!(
                        "import-cycle",
                        file = chain.first().cloned().unwrap_or_default(),
                        cycle = format!("{} → {}", chain.join(" → "), self.display(&target))
                    ),
                )
                .label_keyed(s.span, msg!("closes-the-cycle"))
                .help_keyed(msg!("import-cycle-help")),
            );
            return None;
        }
        Some(target)
    }

    /// Resolves a path relative to the file that names it; it must stay inside the project root,
    /// or, named in a standard file, among the standard files.
    fn path_target(&mut self, from: &Path, s: &ast::Str) -> Option<PathBuf> {
        let dir = from.parent().unwrap_or(Path::new(""));
        let target = normalize(&dir.join(&s.value));
        let escapes =
            s.value.contains('\0') || target.components().any(|c| c == Component::ParentDir);
        let inside = if stdlib::relative(from).is_some() {
            stdlib::relative(&target).is_some()
        } else {
            // Checked on the path as written and on where it really leads, links resolved.
            let real_root = self.files.real(&self.root);
            target.starts_with(&self.root) && self.files.real(&target).starts_with(&real_root)
        };
        if escapes || !inside {
            self.diags.push(
                Diagnostic::keyed(
                    Code::ImportOutsideRoot,
                    msg!("outside-root", file = s.value),
                )
                .label_keyed(s.span, msg!("leaves-the-root"))
                .help_keyed(msg!("outside-root-help")),
            );
            return None;
        }
        Some(target)
    }
}

/// The identity of a declaration that a refining rulebook may redeclare.
fn key(item: &ast::Item) -> Option<(u8, String)> {
    Some(match item {
        ast::Item::Procedure(p) => (0, p.name.name.clone()),
        ast::Item::Rule(r) => (1, r.name.name.clone()),
        ast::Item::Role(r) => (2, r.name.name.clone()),
        ast::Item::Fact(f) => (3, f.name.name.clone()),
        ast::Item::Calendar(c) => (4, c.name.name.clone()),
        ast::Item::Ladder(l) => (5, l.name.name.clone()),
        _ => return None,
    })
}

/// "cannot read `FILE`: REASON", the reason in the reader's language for the common kinds of
/// failure (not found, permission, a directory, not a regular file), the system's own text
/// otherwise.
pub fn cannot_read(file: impl std::fmt::Display, e: &std::io::Error) -> Msg {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => msg!("token-no-such-file").id.to_owned(),
        std::io::ErrorKind::PermissionDenied => msg!("token-permission-denied").id.to_owned(),
        std::io::ErrorKind::IsADirectory => msg!("token-is-a-directory").id.to_owned(),
        std::io::ErrorKind::Unsupported => msg!("token-not-regular").id.to_owned(),
        _ => e.to_string(),
    };
    msg!("cannot-read", file = file, reason_words = reason)
}

/// Normalizes a path lexically (`.` and `..` folded), so the root check cannot be bypassed.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
