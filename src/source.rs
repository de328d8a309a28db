//! Source files, byte spans and line/column lookup.
//!
//! A [`Span`] is a pair of byte offsets in one file. Spans compare equal whatever their
//! positions, so syntax trees can be compared for meaning (the formatter's round-trip check and
//! the property tests rely on this).

use std::sync::Arc;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, Default, Eq)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first character.
    pub start: u32,
    /// Byte offset just past the last character.
    pub end: u32,
}

impl PartialEq for Span {
    /// Positions never change meaning: every span equals every other.
    fn eq(&self, _: &Span) -> bool {
        true
    }
}

impl Span {
    /// A span from byte offsets.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// True when both spans are the same place (equality ignores places; this does not).
    pub fn same_place(self, other: Span) -> bool {
        self.key() == other.key()
    }

    /// Sort key: file, then offset.
    pub fn key(&self) -> (FileId, u32, u32) {
        (self.file, self.start, self.end)
    }
}

/// One loaded source file.
#[derive(Debug)]
pub struct SourceFile {
    /// The name shown to users (a path relative to the working directory or root).
    pub name: String,
    /// The text, shared with diagnostics that render it.
    pub text: Arc<str>,
    line_starts: Vec<u32>,
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct LineCol {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub col: u32,
}

impl SourceFile {
    /// Wraps a text under a display name.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        let text: Arc<str> = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .text
            .get(start as usize..offset as usize)
            .map_or(0, |s| s.chars().count());
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col + 1).unwrap_or(u32::MAX),
        }
    }

    /// The text a span covers (empty when out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// True for a bidirectional embedding, override, isolate or mark: invisible characters that
/// reorder how text displays (Trojan Source).
pub fn bidi_char(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// `text` without the UTF-8 byte order mark Windows editors put before a file's text (RFC 8259
/// §8.1 lets a JSON reader ignore it; a rulebook's grammar skips it too).
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// The UTF-8 byte order mark.
pub const BOM: &str = "\u{feff}";

/// Skips a byte order mark at the start of a buffered input (see [`without_bom`]).
pub fn skip_bom(input: &mut impl std::io::BufRead) -> std::io::Result<()> {
    if input.fill_buf()?.starts_with(BOM.as_bytes()) {
        input.consume(BOM.len());
    }
    Ok(())
}

/// All files of one run: the rulebook, its imports and its superiors.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The same files with names and texts passed through `f` (which keeps texts' lengths so
    /// spans still point where they did).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Sources {
        Sources {
            files: self
                .files
                .iter()
                .map(|x| SourceFile::new(f(&x.name), f(&x.text)))
                .collect(),
        }
    }

    /// True when a name or a text holds a character `unsafe_char` refuses.
    pub fn any_char(&self, unsafe_char: impl Fn(char) -> bool) -> bool {
        self.files
            .iter()
            .any(|x| x.name.chars().any(&unsafe_char) || x.text.chars().any(&unsafe_char))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("a", "ab\n承办 x\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, col: 1 });
        // `x` is after two 3-byte characters and a space.
        assert_eq!(f.line_col(10), LineCol { line: 2, col: 4 });
    }
}
