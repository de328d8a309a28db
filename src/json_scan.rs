//! Scanning JSON string text eight bytes at a time, for the case reader and the compact writer.

/// Bytes that every byte of an 8-byte word is compared with.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The length of the leading part of `bytes` that a JSON string holds as it is: up to the first control
/// byte, quote or backslash. The bytes are tested eight at a time, the last word overlapping the
/// one before (whose bytes are known plain); a text shorter than a word is tested byte by byte.
pub fn plain_run(bytes: &[u8]) -> usize {
    let Some(last) = bytes.len().checked_sub(8) else {
        let plain = |&b: &u8| b >= 0x20 && b != b'"' && b != b'\\';
        return bytes.iter().position(|b| !plain(b)).unwrap_or(bytes.len());
    };
    let word_at = |i: usize| {
        bytes
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
    };
    let mut at = 0;
    while at < last {
        match word_at(at).map(first_marked) {
            Some(Some(i)) => return at + i,
            Some(None) => at += 8,
            None => break,
        }
    }
    match word_at(last).and_then(first_marked) {
        Some(i) => last + i,
        None => bytes.len(),
    }
}

/// The index of the first byte of `word` that JSON escapes. Each test is exact for "is there
/// any such byte" and marks the first one correctly, so the lowest marked byte is the answer.
fn first_marked(word: [u8; 8]) -> Option<usize> {
    let w = u64::from_le_bytes(word);
    let quote = w ^ (ONES * u64::from(b'"'));
    let slash = w ^ (ONES * u64::from(b'\\'));
    let marked = (w.wrapping_sub(ONES * 0x20) & !w
        | quote.wrapping_sub(ONES) & !quote
        | slash.wrapping_sub(ONES) & !slash)
        & HIGH;
    (marked != 0).then(|| (marked.trailing_zeros() / 8) as usize)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::plain_run;

    proptest! {
        /// Law: the plain run ends at the first byte JSON escapes, or at the end.
        #[test]
        fn plain_run_stops_at_the_first_escape(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let first = bytes.iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(plain_run(&bytes), first.unwrap_or(bytes.len()));
        }
    }
}
