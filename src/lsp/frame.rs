//! The base protocol's framing (`Content-Length: N`, a blank line, N bytes of JSON) read within
//! bounds: a header line, and a message, may be only so long, so a broken or hostile client gets
//! a clear error instead of taking the memory it declares.

use std::io::{BufRead, Read};

use lsp_server::Message;

use crate::diag::Msg;
use crate::msg;

/// The longest message accepted: the largest rulebook the compiler reads, with room for JSON's
/// escapes of its text.
pub const MAX_MESSAGE_BYTES: usize = 8 * crate::parse::MAX_SOURCE_BYTES;

/// The longest header line accepted, with its line break.
pub const MAX_HEADER_BYTES: usize = 4096;

/// Why a message could not be read.
#[derive(Debug)]
pub enum FrameError {
    /// The input could not be read.
    Io(std::io::Error),
    /// The input ended inside a message.
    Truncated,
    /// A header line longer than [`MAX_HEADER_BYTES`], or one that is not `Name: value`.
    BadHeader(String),
    /// The headers ended without a `Content-Length`.
    NoLength,
    /// A `Content-Length` beyond [`MAX_MESSAGE_BYTES`].
    TooLarge(String),
    /// The body is not a JSON-RPC message.
    NotMessage(String),
}

impl FrameError {
    /// What went wrong with the `n`th message (counted from 1).
    pub fn message(&self, n: usize) -> Msg {
        match self {
            FrameError::Io(e) => msg!("lsp-frame-io", n = n, reason = e),
            FrameError::Truncated => msg!("lsp-frame-truncated", n = n),
            FrameError::BadHeader(line) => msg!(
                "lsp-frame-header",
                n = n,
                limit = MAX_HEADER_BYTES,
                line = format!("{line:?}")
            ),
            FrameError::NoLength => msg!("lsp-frame-no-length", n = n),
            FrameError::TooLarge(length) => msg!(
                "lsp-frame-too-large",
                n = n,
                length = length,
                limit = MAX_MESSAGE_BYTES
            ),
            FrameError::NotMessage(e) => msg!("lsp-frame-not-message", n = n, reason = e),
        }
    }
}

/// Reads the next message; None at the end of the input between messages.
pub fn read(input: &mut impl BufRead) -> Result<Option<Message>, FrameError> {
    let mut length = None;
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let limit = MAX_HEADER_BYTES as u64;
        let n = input
            .by_ref()
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(FrameError::Io)?;
        match n {
            0 if first => return Ok(None),
            0 => return Err(FrameError::Truncated),
            _ => first = false,
        }
        let Some(text) = line.strip_suffix(b"\r\n") else {
            return Err(bad_header(&line));
        };
        if text.is_empty() {
            break;
        }
        let text = std::str::from_utf8(text).map_err(|_| bad_header(&line))?;
        let (name, value) = text.split_once(": ").ok_or_else(|| bad_header(&line))?;
        if name.eq_ignore_ascii_case("Content-Length") {
            let n = value
                .parse::<usize>()
                .ok()
                .filter(|&n| n <= MAX_MESSAGE_BYTES);
            length = Some(n.ok_or_else(|| FrameError::TooLarge(excerpt(value.as_bytes())))?);
        }
    }
    let mut body = vec![0; length.ok_or(FrameError::NoLength)?];
    input.read_exact(&mut body).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => FrameError::Truncated,
        _ => FrameError::Io(e),
    })?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| FrameError::NotMessage(e.to_string()))
}

fn bad_header(line: &[u8]) -> FrameError {
    FrameError::BadHeader(excerpt(line))
}

/// The start of what was read, for a message (at most 64 bytes, lossily decoded).
fn excerpt(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes.get(..64).unwrap_or(bytes)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> Result<Vec<Message>, FrameError> {
        let mut input = input;
        std::iter::from_fn(|| read(&mut input).transpose()).collect()
    }

    #[test]
    fn messages_are_read_in_turn() {
        let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let one = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let two = format!("Content-Type: x\r\n{one}{one}");
        let Ok(messages) = read_all(two.as_bytes()) else {
            panic!("two messages");
        };
        assert_eq!(messages.len(), 2);
    }

    #[test]
    fn declared_lengths_beyond_the_bound_are_refused_before_any_allocation() {
        for length in ["99999999999999", "18446744073709551616", "-1", "33554433"] {
            let input = format!("Content-Length: {length}\r\n\r\n{{}}");
            assert!(
                matches!(read_all(input.as_bytes()), Err(FrameError::TooLarge(_))),
                "{length}"
            );
        }
    }

    proptest::proptest! {
        /// Law: any bytes are read into messages or a named error, never a panic; a frame that
        /// holds a message gives it back.
        #[test]
        fn any_input_is_read_or_refused(
            junk in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
            id in 0i32..1000,
        ) {
            let _ = read_all(&junk);
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
            let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
            let input = [framed.as_bytes(), &junk].concat();
            let read = read(&mut input.as_slice());
            proptest::prop_assert!(matches!(read, Ok(Some(Message::Request(_)))));
        }
    }

    /// The variant's name, to compare with what a broken input should give.
    fn kind(e: &FrameError) -> &'static str {
        match e {
            FrameError::Io(_) => "io",
            FrameError::Truncated => "truncated",
            FrameError::BadHeader(_) => "header",
            FrameError::NoLength => "no length",
            FrameError::TooLarge(_) => "too large",
            FrameError::NotMessage(_) => "not a message",
        }
    }

    #[test]
    fn broken_frames_are_named() {
        let endless = vec![b'a'; MAX_HEADER_BYTES * 4];
        let cases: [(&[u8], &str); 6] = [
            (&endless, "header"),
            (b"Content-Length 3\r\n\r\n{}", "header"),
            (b"Content-Length: 3\n\n{}", "header"),
            (b"X: y\r\n\r\n{}", "no length"),
            (b"Content-Length: 40\r\n\r\n{}", "truncated"),
            (b"Content-Length: 2\r\n\r\n[]", "not a message"),
        ];
        for (input, expected) in cases {
            match read_all(input) {
                Err(e) => assert_eq!(kind(&e), expected, "{e:?}"),
                Ok(m) => panic!("{} read as {m:?}", String::from_utf8_lossy(input)),
            }
        }
    }
}
