//! A case's JSON errors in the catalogs' words: serde_json's messages (`invalid type: …`,
//! `missing field …`, syntax errors) taken apart into messages whose English is serde's own and
//! whose Chinese a reader can act on.

use serde_json::error::Category;

use super::case::CaseError;
use crate::diag::{Code, Msg};
use crate::msg;

/// The case error of a serde_json error at a JSON path.
pub(crate) fn case_error(e: &serde_json::Error, path: String) -> CaseError {
    let text = bare(e);
    let data = e.classify() == Category::Data && !text.starts_with("duplicate");
    let message = words(&text);
    if data {
        return CaseError::keyed(Code::WrongCaseType, path, message, None);
    }
    // Any other problem (a duplicate key at any depth, bad JSON) is named with its line and
    // column.
    let at = msg!("json-at", line = e.line(), column = e.column());
    CaseError::keyed(Code::MalformedCase, path, message, None).followed_by(at)
}

/// A serde_json error as a message, with its line and column as serde writes them.
pub(crate) fn message(e: &serde_json::Error) -> Msg {
    let what = words(&bare(e));
    if e.line() == 0 {
        return what;
    }
    msg!("json-where", line = e.line(), column = e.column(); what => what)
}

/// serde_json's text without its place.
fn bare(e: &serde_json::Error) -> String {
    let mut text = e.to_string();
    if let Some(cut) = text.find(" at line ") {
        text.truncate(cut);
    }
    text
}

/// The message of serde_json's text.
fn words(text: &str) -> Msg {
    if let Some(rest) = text.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let (kind, value) = found.find(' ').map_or((found, ""), |i| found.split_at(i));
        let expected_kind = EXPECTED
            .iter()
            .find(|(en, _)| *en == expected)
            .map_or("other", |(_, key)| key);
        return msg!(
            "json-invalid-type",
            found_kind = kind,
            value = value,
            expected = expected,
            expected_kind = expected_kind
        );
    }
    if let Some(field) = quoted(text, "missing field ") {
        return msg!("json-missing-field", field = field);
    }
    if let Some(rest) = text.strip_prefix("unknown field ")
        && let Some((field, rest)) = rest.split_once(", ")
    {
        let names = rest
            .strip_prefix("expected one of ")
            .or_else(|| rest.strip_prefix("expected "))
            .unwrap_or("");
        let count = names.matches('`').count() / 2;
        return msg!(
            "json-unknown-field",
            field = field,
            count = count,
            names = names
        );
    }
    if let Some(key) = quoted(text, "duplicate key ").or_else(|| quoted(text, "duplicate field ")) {
        return msg!("json-duplicate", key = key);
    }
    let problem = SYNTAX
        .iter()
        .find(|(en, _)| *en == text)
        .map_or("other", |(_, key)| key);
    msg!("json-syntax", problem = problem, text = text)
}

/// The text between backquotes after a prefix.
fn quoted<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    text.strip_prefix(prefix)?
        .strip_prefix('`')?
        .strip_suffix('`')
}

/// What serde was expecting, and the keys the catalogs word it by.
const EXPECTED: &[(&str, &str)] = &[
    ("a string", "string"),
    ("an object", "object"),
    ("a boolean", "boolean"),
    ("a sequence", "list"),
    ("u32", "count"),
    ("u64", "count"),
    (
        "a number of prior offences or a list of dated offences",
        "priors",
    ),
];

/// serde_json's syntax errors and the keys the catalogs word them by.
const SYNTAX: &[(&str, &str)] = &[
    ("EOF while parsing a value", "eof-value"),
    ("EOF while parsing a string", "eof-string"),
    ("EOF while parsing a list", "eof-list"),
    ("EOF while parsing an object", "eof-object"),
    ("expected value", "value"),
    ("expected `,` or `}`", "comma-brace"),
    ("expected `,` or `]`", "comma-bracket"),
    ("expected `:`", "colon"),
    ("key must be a string", "key"),
    ("trailing characters", "trailing"),
    ("trailing comma", "trailing-comma"),
    ("invalid number", "number"),
    ("number out of range", "range"),
    ("invalid escape", "escape"),
    ("invalid unicode code point", "unicode"),
    ("lone leading surrogate in hex escape", "surrogate"),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "control",
    ),
    ("recursion limit exceeded", "recursion"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Lang;

    fn chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// The English is serde_json's own words, so verdicts and snapshots do not change.
    #[test]
    fn english_is_serdes_and_chinese_is_not_english() {
        let (wrong, malformed) = (Code::WrongCaseType, Code::MalformedCase);
        for (text, code) in [
            (r#"{"id": 5}"#, wrong),
            (r#"{"title": "x"}"#, wrong),
            (r#"{"id": "a", "colour": 1}"#, wrong),
            (r#"{"id": "a""#, malformed),
            (r#"{"id": "a"} x"#, malformed),
            (r#"{"id": "a", }"#, malformed),
            (
                r#"{"id": "a", "events": [{"step": "s", "start": true}]}"#,
                wrong,
            ),
        ] {
            let e = serde_json::from_str::<super::super::case::RawCase>(text).unwrap_err();
            let mut serde = e.to_string();
            if let Some(cut) = serde.find(" at line ") {
                serde.truncate(cut);
            }
            let ours = case_error(&e, String::new());
            assert_eq!(ours.code, code, "{text}");
            assert!(
                ours.message.starts_with(&serde),
                "{} / {serde}",
                ours.message
            );
            let zh = ours
                .keys
                .as_ref()
                .map(|k| k.0.text(Lang::Zh))
                .unwrap_or_default();
            assert!(chinese(&zh) && !zh.contains(&serde), "{text}: {zh}");
        }
    }

    /// Every syntax error serde_json can give has its Chinese words.
    #[test]
    fn every_syntax_key_is_worded() {
        for (en, key) in SYNTAX {
            let zh = msg!("json-syntax", problem = key, text = en).text(Lang::Zh);
            assert!(chinese(&zh) && !zh.contains(en), "{key}: {zh}");
        }
    }
}
