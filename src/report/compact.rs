//! Compact JSON, byte for byte as `serde_json::to_string` writes it, straight into a `String`.
//! Strings are the bulk of a verdict; the escaper passes runs of bytes that need no escape eight
//! at a time instead of looking each byte up.

use std::fmt::Display;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::json_scan::plain_run;

/// `value` as one line of compact JSON (no line break).
pub fn to_line<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut w = Writer {
        out: String::with_capacity(1024),
    };
    value.serialize(&mut w)?;
    Ok(w.out)
}

/// Why a value could not be written (a map key that is not a string, number or bool, or a
/// type's own refusal).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Writes `s` as a JSON string, escaping as serde_json does (short forms where JSON has them,
/// `\u00xx` in lowercase hex for the other control bytes).
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    write_escaped(out, s);
    out.push('"');
}

/// Writes the inside of a JSON string holding `s`.
fn write_escaped(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some((plain, tail)) = rest.split_at_checked(plain_run(rest.as_bytes())) {
        out.push_str(plain);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        escape(out, c);
        rest = chars.as_str();
    }
}

/// Writes the escape of a quote, backslash or control character.
fn escape(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let b = c as usize;
            out.push_str("\\u00");
            for digit in [b >> 4, b & 0xf] {
                out.push(char::from(*HEX.get(digit).unwrap_or(&b'0')));
            }
        }
    }
}

/// The serializer: everything goes into `out`.
struct Writer {
    out: String,
}

impl Writer {
    fn int(&mut self, n: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    fn float(&mut self, finite: bool, f: impl zmij::Float) {
        if finite {
            self.out.push_str(zmij::Buffer::new().format_finite(f));
        } else {
            self.out.push_str("null");
        }
    }

    /// Opens a compound; `close` is what ends it.
    fn open(&mut self, open: &str, close: &'static str) -> Compound<'_> {
        self.out.push_str(open);
        Compound {
            w: self,
            first: true,
            close,
        }
    }

    /// Opens `{"variant":` and then a compound that `close` ends (with the outer brace).
    fn variant(&mut self, variant: &str, open: &str, close: &'static str) -> Compound<'_> {
        self.out.push('{');
        write_str(&mut self.out, variant);
        self.out.push(':');
        self.open(open, close)
    }
}

/// A sequence, map or struct being written: commas between its items, `close` at its end.
struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.w)
    }

    /// A struct's field: its key is a field or variant name a `Serialize` derive gives, which
    /// never needs an escape, so it is written as it is (a debug build checks that).
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        debug_assert_eq!(plain_run(key.as_bytes()), key.len(), "{key}");
        self.comma();
        self.w.out.push('"');
        self.w.out.push_str(key);
        self.w.out.push_str("\":");
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Error> {
        self.w.out.push_str(self.close);
        Ok(())
    }
}

/// The methods both serializers share: a char and a unit variant are written as strings, a
/// newtype struct as what it wraps.
macro_rules! as_str_or_inner {
    () => {
        fn serialize_char(self, v: char) -> Result<(), Error> {
            self.serialize_str(v.encode_utf8(&mut [0; 4]))
        }

        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
        ) -> Result<(), Error> {
            self.serialize_str(variant)
        }

        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            value.serialize(self)
        }
    };
}

/// Serializer methods that write a number through `$how`.
macro_rules! numbers {
    ($how:ident: $($method:ident($t:ty)),*) => {
        $(fn $method(self, v: $t) -> Result<(), Error> {
            self.$how(v);
            Ok(())
        })*
    };
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    numbers!(int: serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_u128(u128));

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v.is_finite(), v);
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v.is_finite(), v);
        Ok(())
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(&mut self.out, v);
        Ok(())
    }

    /// Writes `value`'s text straight into the output, escaping it afterwards only if it needs
    /// an escape, rather than collecting it into a string first.
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.out.push('"');
        let start = self.out.len();
        std::fmt::Write::write_fmt(&mut self.out, format_args!("{value}"))
            .map_err(|_| Error("a value failed to write itself as text".into()))?;
        let written = self.out.get(start..).unwrap_or_default();
        if plain_run(written.as_bytes()) < written.len() {
            let text = self.out.split_off(start);
            write_escaped(&mut self.out, &text);
        }
        self.out.push('"');
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.open("[", "]");
        for b in v {
            seq.item(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    as_str_or_inner!();

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut map = self.open("{", "}");
        map.field(variant, value)?;
        map.end()
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.variant(variant, "[", "]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("{", "}"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("{", "}"))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.variant(variant, "{", "}}"))
    }
}

/// The compound traits whose items are written alike.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }

            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        })*
    };
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The struct traits, whose fields are named.
macro_rules! fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(Key(&mut self.w.out))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.w.out.push(':');
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// The refusal of a map key JSON cannot write.
fn not_a_key() -> Error {
    Error("a map key must be a string, a number or a bool".into())
}

/// A map key: JSON keys are strings, so numbers and bools are written quoted, as serde_json
/// does; anything else is refused.
struct Key<'a>(&'a mut String);

impl Key<'_> {
    fn quoted(self, text: &str) -> Result<(), Error> {
        self.0.push('"');
        self.0.push_str(text);
        self.0.push('"');
        Ok(())
    }

    fn float(self, finite: bool, f: impl zmij::Float) -> Result<(), Error> {
        if !finite {
            return Err(Error("a map key is a float that is not finite".into()));
        }
        self.quoted(zmij::Buffer::new().format_finite(f))
    }
}

/// Key methods that write a quoted number.
macro_rules! key_numbers {
    ($($method:ident($t:ty)),*) => {
        $(fn $method(self, v: $t) -> Result<(), Error> {
            self.quoted(itoa::Buffer::new().format(v))
        })*
    };
}

/// Key methods for what can't be a key.
macro_rules! refused {
    ($($method:ident($($arg:ty),*) -> $ok:ty),*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Error> {
            Err(not_a_key())
        })*
    };
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    key_numbers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128)
    );

    refused!(serialize_bytes(&[u8]) -> (), serialize_none() -> (), serialize_unit() -> (),
        serialize_unit_struct(&'static str) -> (),
        serialize_seq(Option<usize>) -> Self::SerializeSeq,
        serialize_tuple(usize) -> Self::SerializeTuple,
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct,
        serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant,
        serialize_map(Option<usize>) -> Self::SerializeMap,
        serialize_struct(&'static str, usize) -> Self::SerializeStruct,
        serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(if v { "true" } else { "false" })
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v.is_finite(), v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v.is_finite(), v)
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.0, v);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(not_a_key())
    }

    as_str_or_inner!();

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(not_a_key())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::to_line;

    /// JSON values whose strings mix plain text, every escaped byte, and text outside ASCII.
    fn value() -> impl Strategy<Value = Value> {
        let text = "[a-z\"\\\\\\x00-\\x1f\u{7f}é中😀 ]{0,40}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text.prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::btree_map(text, inner, 0..8)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Text serialized through its `Display`, as the verdict's chain links are.
    struct Shown(String);

    impl serde::Serialize for Shown {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&self.0)
        }
    }

    proptest! {
        /// Law: the compact writer writes every JSON value byte for byte as serde_json does.
        #[test]
        fn writes_as_serde_json_does(v in value()) {
            prop_assert_eq!(to_line(&v).ok(), serde_json::to_string(&v).ok());
        }

        /// Law: text written through its `Display` is escaped as serde_json escapes it.
        #[test]
        fn displayed_text_is_escaped_as_serde_json_does(
            text in "[a-z\"\\\\\\x00-\\x1f\u{7f}é中😀 ]{0,40}"
        ) {
            let shown = Shown(text);
            prop_assert_eq!(to_line(&shown).ok(), serde_json::to_string(&shown).ok());
        }
    }

    /// Map keys that are numbers or bools are quoted, as serde_json quotes them; a key that can't
    /// be one is refused.
    #[test]
    fn map_keys_are_written_as_serde_json_writes_them() {
        let ints = std::collections::BTreeMap::from([(1, "a"), (-20, "b")]);
        assert_eq!(to_line(&ints).ok(), serde_json::to_string(&ints).ok());
        let bools = std::collections::BTreeMap::from([(true, 1)]);
        assert_eq!(to_line(&bools).ok(), serde_json::to_string(&bools).ok());
        let pairs = std::collections::BTreeMap::from([((1, 2), 3)]);
        assert!(to_line(&pairs).is_err() && serde_json::to_string(&pairs).is_err());
    }
}
