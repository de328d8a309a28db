//! A log's bytes decoded to UTF-8 as they stream, refusing what their encoding does not allow:
//! such a byte ends the log with an error naming its line, rather than turning into U+FFFD and
//! so into another activity, person or value without a word. A byte order mark (UTF-8 or
//! UTF-16) is followed and removed.

use std::io::{self, BufRead, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding};

/// The most UTF-8 bytes one decoding step writes.
const CHUNK: usize = 1 << 16;

/// Bytes the log's encoding does not allow, on `line` (from 1).
#[derive(Debug)]
pub struct NotEncoded {
    /// The line of the first such byte.
    pub line: usize,
    /// The encoding the log was read in.
    pub encoding: &'static str,
}

impl std::fmt::Display for NotEncoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} is not {}", self.line, self.encoding)
    }
}

impl std::error::Error for NotEncoded {}

/// A reader of `input` decoded strictly from its encoding (see the module).
pub struct Strict<R> {
    input: R,
    decoder: Decoder,
    /// Decoded text, read up to `start`.
    out: Vec<u8>,
    start: usize,
    /// Lines in the text decoded before `out`.
    lines: usize,
    /// The input has ended (or failed): nothing more is decoded.
    finished: bool,
    /// Why decoding stopped, given once the text before it has been read.
    refused: Option<NotEncoded>,
}

impl<R: BufRead> Strict<R> {
    /// Decodes `input` from `encoding`, or from the encoding its byte order mark names.
    pub fn new(input: R, encoding: &'static Encoding) -> Self {
        Strict {
            input,
            decoder: encoding.new_decoder(),
            out: Vec::new(),
            start: 0,
            lines: 0,
            finished: false,
            refused: None,
        }
    }

    /// Decodes the next stretch of input into `out`, which has been read whole.
    fn refill(&mut self) -> io::Result<()> {
        self.lines += newlines(&self.out);
        self.out.clear();
        self.out.resize(CHUNK, 0);
        self.start = 0;
        loop {
            let src = self.input.fill_buf()?;
            let last = src.is_empty();
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(src, &mut self.out, last);
            self.input.consume(read);
            match result {
                DecoderResult::Malformed(..) => {
                    self.out.truncate(written);
                    let line = self.lines + newlines(&self.out) + 1;
                    let encoding = self.decoder.encoding().name();
                    self.refused = Some(NotEncoded { line, encoding });
                    self.finished = true;
                    return Ok(());
                }
                DecoderResult::InputEmpty if written == 0 && !last => continue,
                DecoderResult::InputEmpty | DecoderResult::OutputFull => {
                    self.out.truncate(written);
                    self.finished = last && result == DecoderResult::InputEmpty;
                    return Ok(());
                }
            }
        }
    }
}

fn newlines(text: &[u8]) -> usize {
    text.iter().filter(|&&b| b == b'\n').count()
}

impl<R: BufRead> Read for Strict<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.start >= self.out.len() {
            if let Some(refused) = self.refused.take() {
                return Err(io::Error::new(io::ErrorKind::InvalidData, refused));
            }
            if self.finished {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = self.out.get(self.start..).unwrap_or_default().read(buf)?;
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(bytes: &[u8], encoding: &'static Encoding, chunk: usize) -> io::Result<String> {
        let input = io::BufReader::with_capacity(chunk.max(1), bytes);
        let mut text = String::new();
        Strict::new(input, encoding).read_to_string(&mut text)?;
        Ok(text)
    }

    fn line_of(e: &io::Error) -> Option<usize> {
        e.get_ref()?.downcast_ref::<NotEncoded>().map(|n| n.line)
    }

    proptest! {
        /// Valid text comes out as it went in, however the input is cut, in either encoding.
        #[test]
        fn valid_text_is_kept(text in "(\\PC|\n){0,200}", chunk in 1usize..16) {
            prop_assume!(!text.starts_with('\u{feff}'));
            prop_assert_eq!(decode(text.as_bytes(), encoding_rs::UTF_8, chunk).ok(), Some(text.clone()));
            let (gb, _, lossy) = encoding_rs::GB18030.encode(&text);
            prop_assume!(!lossy);
            prop_assert_eq!(decode(&gb, encoding_rs::GB18030, chunk).ok(), Some(text));
        }

        /// A byte UTF-8 does not allow is refused on its line, however the input is cut.
        #[test]
        fn a_bad_byte_is_refused_on_its_line(before in "[a-z,\n]{0,80}", chunk in 1usize..16) {
            let bytes = [before.as_bytes(), b"\xff\n"].concat();
            let e = decode(&bytes, encoding_rs::UTF_8, chunk).err();
            prop_assert_eq!(e.as_ref().and_then(line_of), Some(newlines(before.as_bytes()) + 1));
        }
    }

    #[test]
    fn a_byte_order_mark_names_the_encoding_and_is_removed() {
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("办件,受理".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&utf16, encoding_rs::UTF_8, 8).ok().as_deref(),
            Some("办件,受理")
        );
        let utf8 = "\u{feff}办件".as_bytes();
        assert_eq!(
            decode(utf8, encoding_rs::GB18030, 8).ok().as_deref(),
            Some("办件")
        );
    }

    #[test]
    fn gbk_read_as_utf8_is_refused() {
        let (gbk, _, _) = encoding_rs::GBK.encode("办件编号,环节名称\n");
        let e = decode(&gbk, encoding_rs::UTF_8, 64).err();
        assert_eq!(e.as_ref().and_then(line_of), Some(1));
    }
}
