//! A scan of the source that knows strings and comments and nothing else: where brackets open
//! and close, and where comments are. The nesting limit and the formatter use it.

/// What the scan meets outside strings and comments, or a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trivia {
    /// `(`, `[` or `{` at a byte offset.
    Open(usize),
    /// `)`, `]` or `}` at a byte offset.
    Close(usize),
    /// A comment between two byte offsets (`//` to the end of the line, or `/* … */`).
    Comment(usize, usize),
}

/// Calls `f` for every bracket and comment in order; stops early when `f` returns false.
pub fn scan(text: &str, mut f: impl FnMut(Trivia) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let event = match b {
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 1,
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                    i += 1;
                }
                None
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let start = i;
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
                let end = i;
                i = i.saturating_sub(1);
                Some(Trivia::Comment(start, end))
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                i += 2;
                while i < bytes.len()
                    && !(bytes.get(i) == Some(&b'*') && bytes.get(i + 1) == Some(&b'/'))
                {
                    i += 1;
                }
                i += 1;
                Some(Trivia::Comment(start, (i + 1).min(bytes.len())))
            }
            b'(' | b'[' | b'{' => Some(Trivia::Open(i)),
            b')' | b']' | b'}' => Some(Trivia::Close(i)),
            _ => wide(text, &mut i),
        };
        if let Some(e) = event
            && !f(e)
        {
            return;
        }
        i += 1;
    }
}

/// A Chinese string `“…”` (skipped; `None`) or a full-width bracket `（` `）` at `*i`, whose last
/// byte `*i` is moved to.
fn wide(text: &str, i: &mut usize) -> Option<Trivia> {
    let rest = text.get(*i..)?;
    let at = *i;
    if let Some(inner) = rest.strip_prefix('“') {
        let mut len = '“'.len_utf8();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            len += c.len_utf8();
            match c {
                '\\' => len += chars.next().map_or(0, char::len_utf8),
                '”' | '\n' => break,
                _ => {}
            }
        }
        *i += len - 1;
        return None;
    }
    let open = rest.starts_with('（');
    if open || rest.starts_with('）') {
        *i += '（'.len_utf8() - 1;
        return Some(if open {
            Trivia::Open(at)
        } else {
            Trivia::Close(at)
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_strings_and_brackets() {
        let text = "（“）\"//”）";
        let mut seen = Vec::new();
        scan(text, |t| {
            seen.push(t);
            true
        });
        assert_eq!(seen, vec![Trivia::Open(0), Trivia::Close(text.len() - 3)]);
    }

    #[test]
    fn strings_hide_brackets_and_comments() {
        let text = "a { \"}//\" } // c\n/* d */ (";
        let mut seen = Vec::new();
        scan(text, |t| {
            seen.push(t);
            true
        });
        assert_eq!(
            seen,
            vec![
                Trivia::Open(2),
                Trivia::Close(10),
                Trivia::Comment(12, 16),
                Trivia::Comment(17, 24),
                Trivia::Open(25)
            ]
        );
    }
}
