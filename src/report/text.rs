//! Text from users made safe for terminals and documents: control characters and bidirectional
//! overrides (Unicode TR36/TR39 "Trojan Source") never reach the output as they are.

use std::borrow::Cow;

/// True for a character that must not reach a terminal or a document as it is: C0 controls other
/// than tab and line feed, DEL, C1 controls, and the bidirectional embeddings, overrides, isolates
/// and marks.
pub fn unsafe_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || crate::source::bidi_char(c)
}

/// The text with every unsafe character written out as `\u{…}`.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The text with every unsafe character replaced by as many `?` as it had bytes, so offsets into
/// it (the spans of a source snippet) stay where they were.
pub fn same_length(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for an XML or HTML attribute or element: markup escaped, and characters XML 1.0 cannot
/// hold (controls, U+FFFE, U+FFFF) or that a reader would obey (bidi overrides) shown as
/// `\u{…}`.
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if unsafe_char(c) || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&c.escape_unicode().to_string());
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_shown_not_obeyed() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(visible("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(visible("plain 中文\n\t"), "plain 中文\n\t");
        let s = "a\u{202e}b\u{1b}c\u{85}";
        assert_eq!(same_length(s).len(), s.len());
        assert!(!same_length(s).chars().any(unsafe_char));
    }
}
