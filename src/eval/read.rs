//! The case reader: one pass over a case's JSON text straight into a [`RawCase`], strings
//! borrowed from the text until they are kept, with no serde visitor between.
//!
//! It reads only what it can vouch for reading exactly as serde would, and gives up (None) on
//! anything else — an unknown or repeated field, a value of the wrong kind, a lone surrogate, a
//! deep or wide value, bad JSON — so the case is read again by serde, which accepts or names the
//! error. Numbers in facts and fields are handed to serde_json whole, so they keep its exact
//! reading.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::json_scan::plain_run;

use super::case::{
    RawCase, RawEvent, RawHistory, RawOffence, RawOutcome, RawPerson, RawPriors, Text, UniqueMap,
};

/// Nesting deeper than this in a fact or field value is left to serde (whose limit is 128).
const MAX_VALUE_DEPTH: u8 = 16;
/// The people and the events a case usually records, room for which is made at once.
const USUAL_PEOPLE: usize = 8;
const USUAL_EVENTS: usize = 16;
/// Objects of more keys than this are left to serde, so the repeated-key check stays linear.
const MAX_UNIQUE_KEYS: usize = 64;

/// Reads a case, or None where serde must read it.
pub fn case(text: &str) -> Option<RawCase> {
    let mut r = Reader { text, pos: 0 };
    r.ws();
    let case = r.case()?;
    r.ws();
    (r.pos == text.len()).then_some(case)
}

/// A place in a case's text.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

/// Fills a field's slot once: None when the field repeats (serde's "duplicate field") or its
/// value could not be read.
fn set<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

/// Reads an object into the struct `$ty`, each field (named as in the JSON) once by its reader:
/// a `required` field must be there, an `optional` one may be absent or null (None), a `default`
/// one may be absent. Any other key gives up, as `deny_unknown_fields` refuses it.
macro_rules! read_struct {
    ($r:expr, $ty:ident { $($field:ident: $kind:ident $read:path),* $(,)? }) => {{
        $(let mut $field = None;)*
        $r.object(|r, key| match key {
            $(stringify!($field) => set(&mut $field, read_struct!(@read $kind, r, $read)),)*
            _ => None,
        })?;
        Some($ty { $($field: read_struct!(@finish $kind, $field)),* })
    }};
    (@read optional, $r:ident, $read:path) => { $r.optional($read) };
    (@read $kind:ident, $r:ident, $read:path) => { $read($r) };
    (@finish required, $v:ident) => { $v? };
    (@finish optional, $v:ident) => { $v.flatten() };
    (@finish default, $v:ident) => { $v.unwrap_or_default() };
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips JSON whitespace.
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Takes `byte`, or None.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// Reads an object, calling `field` with each key, the reader placed at its value.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.separated(b'{', b'}', |r| {
            let key = r.string()?;
            r.ws();
            r.eat(b':')?;
            r.ws();
            field(r, &key)
        })
    }

    /// Reads an array, calling `item` with the reader placed at each item.
    fn array(&mut self, item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.separated(b'[', b']', item)
    }

    /// Items between `open` and `close`, separated by commas, each read by `item`.
    fn separated(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.eat(open)?;
        self.ws();
        if self.eat(close).is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            self.ws();
            if self.eat(b',').is_some() {
                self.ws();
            } else {
                return self.eat(close);
            }
        }
    }

    /// A list of items read by `item`, room made for `expected` of them at once (so a list of
    /// the usual length is not moved as it grows).
    fn list<T>(
        &mut self,
        expected: usize,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut out = Vec::with_capacity(expected);
        self.array(|r| item(r).map(|x| out.push(x)))?;
        Some(out)
    }

    /// An object of unique keys, each value read by `value`.
    fn unique_map<T>(
        &mut self,
        mut value: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<UniqueMap<T>> {
        let mut out: Vec<(Text, T)> = Vec::new();
        self.object(|r, key| {
            if out.len() >= MAX_UNIQUE_KEYS || out.iter().any(|(k, _)| k == key) {
                return None;
            }
            out.push((Text::from(key), value(r)?));
            Some(())
        })?;
        Some(UniqueMap(out))
    }

    /// A string, borrowed unless it holds an escape.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..)?;
        let len = plain_run(rest);
        self.pos += len;
        match rest.get(len)? {
            b'"' => {
                self.pos += 1;
                self.text.get(start..start + len).map(Cow::Borrowed)
            }
            b'\\' => {
                let mut owned = String::from(self.text.get(start..start + len)?);
                self.escaped(&mut owned)?;
                Some(Cow::Owned(owned))
            }
            _ => None,
        }
    }

    /// The rest of a string holding escapes, from the first backslash, onto `out`.
    fn escaped(&mut self, out: &mut String) -> Option<()> {
        loop {
            let rest = self.text.get(self.pos..)?;
            let len = plain_run(rest.as_bytes());
            out.push_str(rest.get(..len)?);
            self.pos += len;
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                _ => return None,
            }
        }
    }

    /// One escape after its backslash.
    fn escape(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode(),
            _ => return None,
        })
    }

    /// A `\u` escape after its `u`: a scalar, or a surrogate pair (a lone surrogate is serde's
    /// to refuse).
    fn unicode(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high);
        }
        self.eat(b'\\')?;
        self.eat(b'u')?;
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            return None;
        }
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        self.pos += 4;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    fn text(&mut self) -> Option<Text> {
        self.string().map(|s| Text::from(&*s))
    }

    /// An optional value: `null` is None, as serde reads an `Option`.
    fn optional<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.literal("null").is_some() {
            return Some(None);
        }
        value(self).map(Some)
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.pos + word.len();
        (self.text.get(self.pos..end) == Some(word)).then(|| self.pos = end)
    }

    fn texts(&mut self) -> Option<Vec<Text>> {
        self.list(0, Self::text)
    }

    /// A fact's or field's value.
    fn value(&mut self, depth: u8) -> Option<Value> {
        match self.peek()? {
            b'"' => self.string().map(|s| Value::String(s.into_owned())),
            b't' | b'f' => self.boolean().map(Value::Bool),
            b'n' => self.literal("null").map(|()| Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ if depth == 0 => None,
            b'[' => self.list(0, |r| r.value(depth - 1)).map(Value::Array),
            b'{' => {
                let mut map = Map::new();
                self.object(|r, key| {
                    // As serde_json reads a value: a repeated key's last value stands.
                    map.insert(key.to_owned(), r.value(depth - 1)?);
                    Some(())
                })?;
                Some(Value::Object(map))
            }
            _ => None,
        }
    }

    /// A number, read by serde_json itself.
    fn number(&mut self) -> Option<Value> {
        let token = self.number_token();
        serde_json::from_str(token).ok()
    }

    /// The characters a number may be written with, from here.
    fn number_token(&mut self) -> &'a str {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.pos += 1;
        }
        self.text.get(start..self.pos).unwrap_or("")
    }

    fn case(&mut self) -> Option<RawCase> {
        read_struct!(self, RawCase {
            id: required Self::text,
            title: optional Self::text,
            procedure: optional Self::text,
            facts: default Self::values,
            people: default Self::people,
            events: default Self::events,
            outcome: default Self::outcome,
            history: default Self::history,
            closed: optional Self::boolean,
            as_of: optional Self::text,
        })
    }

    fn person(&mut self) -> Option<RawPerson> {
        read_struct!(self, RawPerson {
            id: required Self::text,
            name: optional Self::text,
            roles: default Self::texts,
            unit: optional Self::text,
            superior: optional Self::text,
        })
    }

    fn event(&mut self) -> Option<RawEvent> {
        read_struct!(self, RawEvent {
            step: required Self::text,
            by: optional Self::text,
            start: required Self::text,
            end: optional Self::text,
            fields: default Self::values,
        })
    }

    fn outcome(&mut self) -> Option<RawOutcome> {
        read_struct!(self, RawOutcome {
            consequence: optional Self::text,
            discovered: optional Self::text,
        })
    }

    fn history(&mut self) -> Option<RawHistory> {
        read_struct!(self, RawHistory {
            prior_offences: default Self::priors_by_person,
            self_corrected: default Self::texts,
        })
    }

    fn offence(&mut self) -> Option<RawOffence> {
        read_struct!(self, RawOffence {
            date: required Self::text,
            kind: optional Self::text,
            until: optional Self::text,
        })
    }

    fn people(&mut self) -> Option<Vec<RawPerson>> {
        self.list(USUAL_PEOPLE, Self::person)
    }

    fn events(&mut self) -> Option<Vec<RawEvent>> {
        self.list(USUAL_EVENTS, Self::event)
    }

    /// Facts or recorded fields by name.
    fn values(&mut self) -> Option<UniqueMap<Value>> {
        self.unique_map(|r| r.value(MAX_VALUE_DEPTH))
    }

    fn priors_by_person(&mut self) -> Option<UniqueMap<RawPriors>> {
        self.unique_map(Self::priors)
    }

    fn boolean(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.literal("true").map(|()| true),
            _ => self.literal("false").map(|()| false),
        }
    }

    /// A count of prior offences (digits only: a sign, fraction or exponent is serde's to
    /// judge), or a list of dated ones.
    fn priors(&mut self) -> Option<RawPriors> {
        if self.peek() == Some(b'[') {
            return self.list(0, Self::offence).map(RawPriors::Dated);
        }
        let token = self.number_token();
        let plain = token.bytes().all(|b| b.is_ascii_digit());
        if !plain || (token.len() > 1 && token.starts_with('0')) {
            return None;
        }
        token.parse().ok().map(RawPriors::Count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::case::parse_serde;
    use proptest::prelude::*;
    use serde_json::json;

    /// What serde reads of `text`, shown in full (None where it refuses).
    fn by_serde(text: &str) -> Option<String> {
        parse_serde(text).ok().map(|c| format!("{c:?}"))
    }

    /// Case texts under `dir`: each `.json` file, and each line of a `.jsonl` file.
    #[expect(
        clippy::disallowed_methods,
        reason = "the test reads the bundled cases from the disk"
    )]
    fn case_texts(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let name = path.display().to_string();
            match path.extension().and_then(|e| e.to_str()) {
                Some("json") => out.push((name, text)),
                Some("jsonl") => out.extend(text.lines().map(|l| (name.clone(), l.to_owned()))),
                _ => case_texts(&path, out),
            }
        }
    }

    /// Every bundled case that serde reads, the reader reads too, to the same case.
    #[test]
    fn the_reader_reads_every_bundled_case_as_serde_does() {
        let mut texts = Vec::new();
        case_texts("examples".as_ref(), &mut texts);
        case_texts("tests/fixtures".as_ref(), &mut texts);
        let mut read = 0;
        for (name, text) in &texts {
            if let Some(expected) = by_serde(text) {
                let got = case(text).map(|c| format!("{c:?}"));
                assert_eq!(got.as_ref(), Some(&expected), "{name}");
                read += 1;
            }
        }
        assert!(read > 100, "only {read} bundled cases read");
    }

    /// A case of every field, some written null, with the characters that need escapes.
    fn full_case(text: &str, count: u64) -> serde_json::Value {
        json!({
            "id": text, "title": null, "procedure": "major_decision", "closed": true,
            "as_of": "2024-03-01", "facts": {"a": 1.5e3, "b": [true, null, {"c": -0.0}], "d": text},
            "people": [{"id": "li", "name": text, "roles": ["head", text], "unit": null,
                        "superior": "wang"}],
            "events": [{"step": "hearing", "by": null, "start": "2024-01-02", "end": text,
                        "fields": {"attendees": ["li"], "n": 12345678901234567890u64}}],
            "outcome": {"consequence": "major", "discovered": null},
            "history": {"prior_offences": {"li": count, "wang": [{"date": "2023-01-01",
                        "kind": null, "until": text}]}, "self_corrected": [text]}
        })
    }

    /// `text` with every non-ASCII character and some ASCII ones written as `\u` escapes.
    fn escaped(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            if c.is_ascii() && c != '/' {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04X}"));
                }
            }
        }
        out
    }

    /// A mutation of a case's text: a cut, an insertion, or a field written twice.
    fn mutate(text: &str, at: usize, len: usize, insert: &str) -> String {
        let at = (0..=at.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i));
        let at = at.unwrap_or(0);
        let end = (at..=(at + len).min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i));
        let (head, tail) = (&text[..at], &text[end.unwrap_or(at)..]);
        format!("{head}{insert}{tail}")
    }

    proptest! {
        /// Whatever the text, the reader reads a case only as serde reads it: the same case, and
        /// never one serde refuses.
        #[test]
        fn the_reader_agrees_with_serde(
            text in "\\PC{0,8}|[\"\\\\/\\x00-\\x1f\u{7f}\u{e9}\u{4e2d}\u{1F600}]{0,6}",
            count in prop_oneof![0u64..5, Just(u64::from(u32::MAX)), Just(u64::from(u32::MAX) + 1)],
            style in 0u8..3,
            at in 0usize..800,
            len in 0usize..4,
            insert in prop_oneof![
                Just(String::new()),
                "[{}\\[\\],:\"\\\\ a-z0-9.eE+-]{1,3}",
                Just(r#""id":"x","#.to_owned()),
                Just(r#""x":1,"#.to_owned()),
                Just("null".to_owned()),
                Just(r#"\ud800"#.to_owned()),
            ],
        ) {
            let value = full_case(&text, count);
            let written = match style {
                0 => value.to_string(),
                1 => serde_json::to_string_pretty(&value).unwrap_or_default(),
                _ => escaped(&value.to_string()),
            };
            let serde = by_serde(&written);
            prop_assert_eq!(case(&written).map(|c| format!("{c:?}")), serde.clone());
            let mutated = mutate(&written, at, len, &insert);
            if let Some(got) = case(&mutated) {
                prop_assert_eq!(Some(format!("{got:?}")), by_serde(&mutated), "{}", mutated);
            }
        }
    }
}
