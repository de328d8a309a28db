//! The message catalogs (Project Fluent): the words of diagnostics, code summaries and the
//! human report in English and in Chinese, one `.ftl` file a language carried in the binary.
//! A message is built with [`msg!`](crate::msg) from its id and arguments; the English text is
//! what the JSON formats keep, and the human output speaks the language asked for. An argument
//! that holds a word of the vocabulary (a kind of thing, a unit, a type, a grade, a level) is
//! itself translated through the catalog (see `vocabulary`).

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language of the messages and pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文.
    Zh,
    /// English.
    En,
}

/// The English catalog.
pub const EN_FTL: &str = include_str!("locales/en.ftl");
/// The Chinese catalog.
pub const ZH_FTL: &str = include_str!("locales/zh-CN.ftl");

/// A message of the catalogs with its arguments: text, or messages of their own, worded in the
/// same language as the message.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Msg {
    /// The message id.
    pub id: &'static str,
    /// Named arguments.
    pub args: Vec<(&'static str, String)>,
    /// Named arguments that are messages.
    pub nested: Vec<(&'static str, Msg)>,
}

/// A catalog message: `msg!("summary-counts", errors = 2, warnings = 0)`; arguments that are
/// messages follow a semicolon: `msg!("calendar-invalid", calendar = c; reason => why)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $k:ident = $v:expr)* $(,)? $(; $n:ident => $m:expr)*) => {
        $crate::diag::Msg {
            id: $id,
            args: vec![$((stringify!($k), ($v).to_string())),*],
            nested: vec![$((stringify!($n), $m)),*],
        }
    };
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static ZH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, text, tag) = match lang {
        Lang::En => (&EN, EN_FTL, "en"),
        Lang::Zh => (&ZH, ZH_FTL, "zh-CN"),
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut b = FluentBundle::new_concurrent(vec![id]);
        // Plain text: no Unicode isolation marks around arguments.
        b.set_use_isolating(false);
        // The catalogs are tested to parse; a broken entry is left out, never a panic.
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(r, _)| r);
        let _ = b.add_resource(resource);
        b
    })
}

impl Msg {
    /// The message in a language; its id when the catalog lacks it (a test forbids that).
    pub fn text(&self, lang: Lang) -> String {
        let b = bundle(lang);
        let Some(pattern) = b.get_message(self.id).and_then(|m| m.value()) else {
            return self.id.to_owned();
        };
        let mut args = FluentArgs::new();
        for (k, v) in &self.args {
            if k.ends_with("_words") {
                args.set(*k, words(b, lang, v));
                continue;
            }
            let prefix = vocabulary(k);
            let thing = prefix
                .and_then(|p| b.get_message(&format!("{p}-{v}")))
                .and_then(|m| m.value());
            match thing {
                Some(p) => args.set(*k, b.format_pattern(p, None, &mut Vec::new()).into_owned()),
                // A whole number stays a number, so selectors can match it (`[1] entry`).
                None => match v.parse::<i64>() {
                    Ok(n) if n.to_string() == *v => args.set(*k, n),
                    _ => args.set(*k, v.clone()),
                },
            }
        }
        for (k, m) in &self.nested {
            args.set(*k, m.text(lang));
        }
        let mut errors = Vec::new();
        b.format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

/// A message without arguments by its id, in a language; its id when the catalog lacks it (a
/// test forbids that).
pub fn word(lang: Lang, id: &str) -> String {
    let b = bundle(lang);
    b.get_message(id).and_then(|m| m.value()).map_or_else(
        || id.to_owned(),
        |p| b.format_pattern(p, None, &mut Vec::new()).into_owned(),
    )
}

/// Separates the items of a word list: an argument whose name ends in `_words`.
pub const ITEM: char = '\u{1f}';

/// A word list in a language: each item as written, or, when it is `token-…` (with its `code`
/// after a space), that catalog message; sorted, without repeats, and joined as `a, b or c`
/// (`a、b 或 c`).
fn words(b: &FluentBundle<FluentResource>, lang: Lang, list: &str) -> String {
    let mut items: Vec<String> = list
        .split(ITEM)
        .map(|item| {
            let (id, code) = item.split_once(' ').unwrap_or((item, ""));
            let Some(pattern) = id
                .starts_with("token-")
                .then(|| b.get_message(id).and_then(|m| m.value()))
                .flatten()
            else {
                return item.to_owned();
            };
            let mut args = FluentArgs::new();
            args.set("code", code.to_owned());
            b.format_pattern(pattern, Some(&args), &mut Vec::new())
                .into_owned()
        })
        .collect();
    items.sort();
    items.dedup();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let (sep, or) = (word(lang, "w-sep"), word(lang, "w-or"));
            format!("{}{or}{last}", init.join(&sep))
        }
    }
}

/// The catalog prefix of the words an argument named `name` holds: kinds of things
/// (`what`, `…_what` → `thing-…`), time units (`unit`), types (`ty`, `…_ty` → `type-…`),
/// responsibility grades (`grade`) and consequence levels (`level`, `lesser` → `level-…`).
fn vocabulary(name: &str) -> Option<&'static str> {
    match name {
        "what" => Some("thing"),
        "unit" => Some("unit"),
        "ty" => Some("type"),
        "grade" => Some("grade"),
        "level" | "lesser" => Some("level"),
        n if n.ends_with("_what") => Some("thing"),
        n if n.ends_with("_ty") => Some("type"),
        _ => None,
    }
}

/// A message shows in English where no language is asked for (the machine formats).
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The ids of a catalog's messages and the variables each uses, for the test that both
/// catalogs say the same things.
pub fn entries(ftl: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in ftl.lines() {
        let continued = line.starts_with(' ');
        if !continued
            && let Some((id, _)) = line.split_once(" =")
            && !id.starts_with('#')
        {
            out.push((id.trim().to_owned(), Vec::new()));
        }
        if let Some(last) = out.last_mut() {
            for var in line.split('$').skip(1) {
                let name: String = var
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !last.1.contains(&name) {
                    last.1.push(name);
                }
            }
        }
    }
    for e in &mut out {
        e.1.sort();
    }
    out.sort();
    out
}
