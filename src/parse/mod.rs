//! Stage 1: text → spanned syntax tree, with syntax errors as diagnostics.

pub mod ast;
mod grammar;
pub mod keywords;
mod lower;
pub mod trivia;

use pest::Parser;

use crate::diag::messages::ITEM;
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::source::{FileId, Span};
use grammar::{DclParser, Rule};

/// The largest rulebook source accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;
/// The deepest bracket nesting accepted.
pub const MAX_NESTING: usize = 64;
/// pest's budget of rule calls per parse, so no input can make parsing hang.
const CALL_LIMIT: usize = 200_000_000;

/// Parses one rulebook file. Returns the tree when the syntax is valid, and every problem found.
pub fn parse(file: FileId, text: &str) -> (Option<ast::File>, Vec<Diagnostic>) {
    if text.len() > MAX_SOURCE_BYTES {
        let d = Diagnostic::keyed(
            Code::FileTooLarge,
            msg!(
                "rulebook-too-large",
                size = text.len(),
                limit = MAX_SOURCE_BYTES
            ),
        )
        .label_keyed(Span::new(file, 0, 0), msg!("this-file"))
        .help_keyed(msg!("rulebook-too-large-help"));
        return (None, vec![d]);
    }
    if let Some(d) = nesting(file, text) {
        return (None, vec![d]);
    }
    pest::set_call_limit(std::num::NonZeroUsize::new(CALL_LIMIT));
    let (ast, mut diags) = match DclParser::parse(Rule::file, text) {
        Ok(pairs) => {
            let mixed = keywords::check(file, pairs.clone());
            let mut lower = lower::Lower::new(file, text);
            let ast = lower.file(pairs);
            let mut diags = lower.diags;
            diags.extend(mixed);
            (ast, diags)
        }
        Err(e) => (None, recover(file, text, &e)),
    };
    diags.extend(bidi_controls(file, text));
    (ast, diags)
}

/// The byte ranges of every name written in a rulebook (never a keyword, a string or a
/// comment), in order; empty when the text does not parse.
pub fn names(text: &str) -> Vec<(usize, usize)> {
    fn walk(pairs: pest::iterators::Pairs<'_, Rule>, out: &mut Vec<(usize, usize)>) {
        for p in pairs {
            if matches!(p.as_rule(), Rule::ident | Rule::name | Rule::weekday) {
                out.push((p.as_span().start(), p.as_span().end()));
            } else {
                walk(p.into_inner(), out);
            }
        }
    }
    let mut out = Vec::new();
    if text.len() <= MAX_SOURCE_BYTES
        && nesting(FileId(0), text).is_none()
        && let Ok(pairs) = DclParser::parse(Rule::file, text)
    {
        walk(pairs, &mut out);
    }
    out
}

/// True when `text` is a name the grammar reads (`legality_review`, `合法性审查`).
pub fn is_name(text: &str) -> bool {
    DclParser::parse(Rule::ident, text)
        .ok()
        .and_then(|mut p| p.next())
        .is_some_and(|p| p.as_str().len() == text.len())
}

/// The most bidi-control warnings reported for one file.
const MAX_BIDI_WARNINGS: usize = 20;

/// DC0313: bidirectional control characters, which make text display differently from what it
/// holds (Trojan Source); identifiers cannot hold them, strings and comments can.
fn bidi_controls(file: FileId, text: &str) -> Vec<Diagnostic> {
    text.char_indices()
        .filter(|&(_, c)| crate::source::bidi_char(c))
        .take(MAX_BIDI_WARNINGS)
        .map(|(i, c)| {
            Diagnostic::keyed(
                Code::BidiControl,
                msg!("bidi-control", character = c.escape_unicode()),
            )
            .label_keyed(
                Span::new(file, i, i + c.len_utf8()),
                msg!("bidi-control-label"),
            )
            .help_keyed(msg!("bidi-control-help"))
        })
        .collect()
}

/// Rejects bracket nesting deeper than [`MAX_NESTING`] before the recursive parser sees it.
fn nesting(file: FileId, text: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut too_deep = None;
    trivia::scan(text, |t| {
        match t {
            trivia::Trivia::Open(i) => {
                depth += 1;
                if depth > MAX_NESTING {
                    too_deep = Some(i);
                    return false;
                }
            }
            trivia::Trivia::Close(_) => depth = depth.saturating_sub(1),
            trivia::Trivia::Comment(..) => {}
        }
        true
    });
    too_deep.map(|i| {
        Diagnostic::keyed(
            Code::NestingTooDeep,
            msg!("brackets-too-deep", limit = MAX_NESTING),
        )
        .label_keyed(Span::new(file, i, i + 1), msg!("too-deep-here"))
        .help_keyed(msg!("too-deep-help"))
    })
}

/// The most syntax errors reported for one file.
const MAX_SYNTAX_ERRORS: usize = 20;

/// Words that start a top-level declaration at the beginning of a line.
const ITEM_WORDS: [&str; 9] = [
    "import",
    "refine",
    "calendar",
    "role",
    "separate",
    "fact",
    "ladder",
    "procedure",
    "rule",
];

/// Reports the first syntax error, then resumes at each next line that starts a top-level
/// declaration to report the errors further on (panic-mode recovery).
fn recover(file: FileId, text: &str, first: &pest::error::Error<Rule>) -> Vec<Diagnostic> {
    let mut diags = vec![syntax_error(file, text, first, 0)];
    let mut pos = error_pos(first);
    while diags.len() < MAX_SYNTAX_ERRORS {
        let Some(next) = next_item(text, pos) else {
            break;
        };
        let Some(rest) = text.get(next..) else { break };
        match DclParser::parse(Rule::items, rest) {
            Ok(_) => break,
            Err(e) => {
                diags.push(syntax_error(file, text, &e, next));
                pos = next + error_pos(&e);
            }
        }
    }
    diags
}

/// The start of the first line after the one holding `pos` that begins with a declaration word.
fn next_item(text: &str, pos: usize) -> Option<usize> {
    let mut at = text.get(pos..)?.find('\n')? + pos + 1;
    loop {
        let line = text.get(at..)?;
        let starts = ITEM_WORDS.iter().any(|w| {
            line.strip_prefix(w)
                .is_some_and(|after| after.starts_with([' ', '\t']))
        });
        if starts {
            return Some(at);
        }
        at += line.find('\n')? + 1;
    }
}

fn error_pos(e: &pest::error::Error<Rule>) -> usize {
    match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// A syntax error of a parse that started at byte `offset` of `text`, in the words of the
/// keyword set the rulebook's first word chose.
fn syntax_error(
    file: FileId,
    text: &str,
    e: &pest::error::Error<Rule>,
    offset: usize,
) -> Diagnostic {
    let set = keywords::declared(text);
    let pos = offset + error_pos(e);
    let (found, len) = found_at(text, pos);
    let message = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let words: Vec<String> = positives
                .iter()
                .map(|r| grammar::describe(*r, set))
                .collect();
            let words = words.join(&ITEM.to_string());
            msg!(
                "syntax-expected",
                expected_words = words,
                found_words = found
            )
        }
        _ => msg!("syntax-unexpected", found_words = found),
    };
    Diagnostic::keyed(Code::SyntaxError, message)
        .label_keyed(
            Span::new(file, pos, pos + len),
            msg!("syntax-unexpected-here"),
        )
        .help_keyed(msg!("syntax-help"))
}

/// Describes the token at `pos` (an item of a word list) and its length in bytes.
fn found_at(text: &str, pos: usize) -> (String, usize) {
    let rest = text.get(pos..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return (msg!("token-eof").id.to_owned(), 0);
    };
    if first.is_alphanumeric() || first == '_' {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        let len = word.len();
        (format!("`{word}`"), len)
    } else if first.is_control() && !first.is_whitespace() {
        let code = format!("U+{:04X}", first as u32);
        let token = msg!("token-control", code = code);
        (format!("{} {code}", token.id), first.len_utf8())
    } else {
        (format!("`{first}`"), first.len_utf8())
    }
}
